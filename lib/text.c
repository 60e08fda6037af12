/* Text helpers: "collapsed" text and comparisons without case (SPEC §2).
 *
 * Collapsed text: U+00AD removed, every run of white space (TAB, VT, FF,
 * space, U+0085, U+2028, U+2029 and category Zs) made one space, leading
 * and trailing white space dropped. ASCII lines take a fast path.
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

static int ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* A soft hyphen taken out may leave a letter and a combining mark side by
 * side ("a" U+00AD U+0301): the text from start on is put in NFC again. */
static int renormalize(rf_parser *p, rf_buf *out, size_t start)
{
    rf_buf tmp = {0};
    int r = rf_nfc(p, out->data + start, out->size - start, &tmp);
    if (r == 0 && tmp.size <= out->size - start) {
        memcpy(out->data + start, tmp.data ? tmp.data : "", tmp.size);
        out->size = start + tmp.size;
        out->data[out->size] = '\0';
    }
    rf_buf_free(p, &tmp);
    return r;
}

/* Some byte of w is b. */
static int has_byte(uint64_t w, unsigned char b)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x = w ^ (ones * b);
    return ((x - ones) & ~x & high) != 0;
}

/* Prose has a space every few bytes: eight bytes of letters and single
 * spaces, the first no space, are collapsed by copying them. The byte loop
 * of rf_collapse gives the same: each space there has a letter before it
 * and after it (or ends the eight bytes: it is pending), so it stays one
 * space; a byte >= 0x80 is copied as it is unless it starts a soft hyphen
 * or another white space (leads C2, E1, E2, E3: U+0085, U+00A0, U+00AD,
 * U+1680, U+2000-U+205F, U+3000), so those eight bytes go through the
 * loop. Returns the bytes of w that are kept (7 or 8; 0: not such bytes). */
static int prose8(uint64_t w, int *trailing_space)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const uint64_t seven = 0x7F7F7F7F7F7F7F7Fu;
    if ((w - ones * 0x20) & ~w & high)
        return 0; /* a byte below the space */
    if ((w & high) &&
        (has_byte(w, 0xC2) || has_byte(w, 0xE1) || has_byte(w, 0xE2) || has_byte(w, 0xE3)))
        return 0;
    uint64_t z = w ^ (ones * 0x20);
    uint64_t sp = ~(((z & seven) + seven) | z) & high; /* exactly the spaces */
    if ((sp & 0x80) || (sp & (sp << 8)))
        return 0; /* a space first, or two in a row */
    *trailing_space = (sp >> 63) != 0;
    return *trailing_space ? 7 : 8;
#else
    (void)w;
    (void)trailing_space;
    return 0;
#endif
}

int rf_collapse(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    if (rf_buf_reserve(p, out, n) < 0)
        return -1;
    char *d = out->data;
    size_t start = out->size, o = out->size;
    int pending_space = 0, shy = 0;
    size_t i = 0;
    while (i < n) {
        /* eight printable ASCII bytes (none <= space, none >= 0x80) at once */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t high = 0x8080808080808080u, low = 0x2121212121212121u;
            if (!(w & high) && !((w - low) & ~w & high)) {
                if (pending_space)
                    d[o++] = ' ';
                pending_space = 0;
                memcpy(d + o, &w, 8);
                o += 8;
                i += 8;
                continue;
            }
            int trailing;
            int keep = prose8(w, &trailing);
            if (keep) {
                if (pending_space)
                    d[o++] = ' ';
                memcpy(d + o, &w, 8); /* (the output never outgrows the input) */
                o += (size_t)keep;
                pending_space = trailing;
                i += 8;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* one byte at a time, no calls */
            i++;
            if (ascii_space(c)) {
                pending_space = o > start;
                continue;
            }
            if (pending_space)
                d[o++] = ' ';
            pending_space = 0;
            d[o++] = (char)c;
            continue;
        }
        size_t from = i;
        int32_t cp = rf_next_cp(s, n, &i);
        if (cp == 0xAD) {
            shy = 1;
            continue;
        }
        if (rf_is_space_cp(cp)) {
            pending_space = o > start;
            continue;
        }
        if (pending_space)
            d[o++] = ' ';
        pending_space = 0;
        while (from < i)
            d[o++] = s[from++];
    }
    d[o] = '\0';
    out->size = o;
    return shy ? renormalize(p, out, start) : 0;
}

/* Text of code points U+0001-U+00FF but µ and ß (ASCII and Danish
 * letters): valid UTF-8 of one and two bytes. */
static int latin1_text(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (u[i] - 1u < 0x7Fu)
            continue;
        if ((u[i] != 0xC2 && u[i] != 0xC3) || i + 1 >= n || (u[i + 1] & 0xC0) != 0x80 ||
            (u[i] == 0xC2 && u[i + 1] == 0xB5) || (u[i] == 0xC3 && u[i + 1] == 0x9F))
            return 0;
        i++;
    }
    return 1;
}

/* Byte i of a Latin-1 text lowered (the byte before it: prev). */
static unsigned char latin1_lower(unsigned char c, unsigned char prev)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c + 32);
    if (prev == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        return (unsigned char)(c + 0x20); /* U+00C0-U+00DE but U+00D7 */
    return c;
}

int rf_eq_fold2(rf_parser *p, const char *a, size_t an, const char *b, size_t bn)
{
    /* fast path: for such texts rf_casefold (full folding through
     * utf8proc, with NFC) is the lower case code point by code point, of
     * the same length (checked against utf8proc for every code point and
     * pair of them by tests/test_fastpath.c) */
    if (latin1_text(a, an) && latin1_text(b, bn)) {
        if (an != bn)
            return 0;
        for (size_t i = 0; i < an; i++) {
            unsigned char pa = i ? (unsigned char)a[i - 1] : 0, pb = i ? (unsigned char)b[i - 1] : 0;
            if (latin1_lower((unsigned char)a[i], pa) != latin1_lower((unsigned char)b[i], pb))
                return 0;
        }
        return 1;
    }
    rf_buf_clear(&p->scratch2);
    if (rf_casefold(p, a, an, &p->scratch2) < 0)
        return 0;
    size_t split = p->scratch2.size;
    if (rf_casefold(p, b, bn, &p->scratch2) < 0)
        return 0;
    size_t bl = p->scratch2.size - split;
    return split == bl && memcmp(p->scratch2.data, p->scratch2.data + split, bl) == 0;
}
