/* Unicode work done by utf8proc: NFC and full case folding.
 *
 * utf8proc_map() would allocate with malloc; we use utf8proc_decompose()
 * into the parser's own UCS-4 work space and utf8proc_reencode() in place,
 * so every allocation goes through the parser's allocator hook.
 */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* Quick check: a text is already NFC when every code point is below U+0300
 * (no combining marks and no compositions start there) or in General
 * Punctuation U+2002-U+206F or Currency Symbols U+20A0-U+20BF (dashes,
 * quotes, bullets, the euro sign: no canonical decompositions, and nothing
 * composes with them). Anything else goes through utf8proc. */
static int quick_nfc(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes below 0xCC at a time: (b & 0x7F) + 0x34 reaches 0x80
         * exactly when b & 0x7F >= 0x4C, so with b's high bit, b >= 0xCC
         * (no carry crosses a byte); the byte test below skips the same */
        while ((i & 7) == 0 && i + 8 <= n) {
            const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
            uint64_t w;
            memcpy(&w, u + i, 8);
            if ((((w & ~high) + ones * 0x34) & w & high) != 0)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (u[i] < 0xCC) /* ASCII, continuation bytes, lead bytes below U+0300 */
            continue;
        if (u[i] != 0xE2 || i + 2 >= n)
            return 0;
        int32_t cp = ((u[i] & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
        if (!((cp >= 0x2002 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20BF)))
            return 0;
        i += 2;
    }
    return 1;
}

static int ascii_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    }
    return 1;
}

static int map_utf8(rf_parser *p, const char *s, size_t n, utf8proc_option_t opts,
                    rf_buf *out)
{
    if (n > (size_t)PTRDIFF_MAX / 8) {
        p->nomem = 1;
        return -1;
    }
    for (;;) {
        utf8proc_ssize_t got = utf8proc_decompose((const utf8proc_uint8_t *)s,
                                                  (utf8proc_ssize_t)n, p->ucs,
                                                  (utf8proc_ssize_t)p->ucs_cap, opts);
        if (got < 0)
            return rf_buf_append(p, out, s, n); /* not reached: input is valid */
        /* utf8proc_reencode writes the UTF-8 (at most 4 bytes a code point,
         * so it fits in got int32 slots) and then a NUL after it: one slot
         * more than got is needed. */
        if ((size_t)got < p->ucs_cap) {
            utf8proc_ssize_t len = utf8proc_reencode(p->ucs, got, opts);
            if (len < 0)
                return rf_buf_append(p, out, s, n);
            return rf_buf_append(p, out, p->ucs, (size_t)len);
        }
        void *arr = p->ucs;
        if (rf_grow(p, &arr, &p->ucs_cap, (size_t)got + 1, sizeof(int32_t)) < 0)
            return -1;
        p->ucs = arr;
    }
}

int rf_nfc(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    if (quick_nfc(s, n))
        return rf_buf_append(p, out, s, n);
    return map_utf8(p, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
}

int rf_casefold(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    if (ascii_only(s, n)) {
        if (rf_buf_reserve(p, out, n) < 0)
            return -1;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            out->data[out->size++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out->data[out->size] = '\0';
        return 0;
    }
    return map_utf8(p, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, out);
}

int32_t rf_next_cp(const char *s, size_t n, size_t *i)
{
    /* fast path: ASCII and two-byte sequences (Danish letters), decoded as
     * utf8proc_iterate decodes them (lead C2-DF and one continuation byte;
     * anything else, an invalid byte too, goes through it: the reference) */
    if (*i < n) {
        unsigned char c = (unsigned char)s[*i];
        if (c < 0x80) {
            (*i)++;
            return c;
        }
        if (c >= 0xC2 && c <= 0xDF && *i + 1 < n && ((unsigned char)s[*i + 1] & 0xC0) == 0x80) {
            int32_t cp = ((int32_t)(c & 0x1F) << 6) | ((unsigned char)s[*i + 1] & 0x3F);
            *i += 2;
            return cp;
        }
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(n - *i), &cp);
    if (k <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)k;
    return cp;
}

int32_t rf_prev_cp(const char *s, size_t *i)
{
    size_t end = *i, k = *i;
    do {
        k--;
    } while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
    *i = k;
    size_t j = k;
    return rf_next_cp(s, end, &j);
}

int rf_is_space_cp(int32_t cp)
{
    if (cp == 0x09 || cp == 0x0B || cp == 0x0C || cp == 0x20)
        return 1;
    if (cp < 0x80)
        return 0;
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return 1;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

int rf_is_upper_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int rf_is_lower_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int rf_is_letter_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int32_t rf_to_upper_cp(int32_t cp)
{
    return utf8proc_toupper(cp);
}

int32_t rf_to_lower_cp(int32_t cp)
{
    /* fast path for ASCII and Latin-1 letters: utf8proc_tolower maps A-Z
     * and U+00C0-U+00DE (but U+00D7) 0x20 up and keeps the rest of U+0000-
     * U+00FF (checked over the whole range by tests/test_fastpath.c) */
    if (cp < 0x100)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ? cp + 0x20
                                                                                     : cp;
    return utf8proc_tolower(cp);
}

size_t rf_count_cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The code point at s[*i] when s is known to be valid; returns its length
 * through utf8proc. Used by the validator too. */
int rf_utf8_valid_prefix(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes without NUL at a time */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
            if (!(w & high) && !((w - ones) & ~w & high)) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            if (s[i] == 0) {
                *bad = i;
                return 0;
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            *bad = i;
            return 0;
        }
        i += (size_t)k;
    }
    return 1;
}
