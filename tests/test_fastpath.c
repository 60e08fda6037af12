/* The fast paths of lib/ against plain reference versions (issue 12: every
 * optimisation keeps the event stream byte-identical). Each reference here
 * is the code the fast path replaced, or utf8proc itself; they are compared
 * over every code point or byte pair, and over random texts made of the
 * pieces that matter (spaces, Danish letters, white space and soft hyphens
 * outside ASCII, combining marks, invalid bytes).
 *
 * The phrase tables of outcome.c have their own check: built with
 * -DRF_CHECK_FAST_PATH every word goes through both the hash and the
 * first-letter groups and the parser aborts when they differ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "../lib/internal.h"
#include "../lib/json_text.h"
#include "../lib/layout.h"

/* ---- references ---------------------------------------------------------- */

static int32_t ref_next_cp(const char *s, size_t n, size_t *i)
{
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

static size_t ref_fold_prefix(const char *s, size_t n, const char *key)
{
    size_t i = 0, k = 0, kn = strlen(key);
    while (k < kn) {
        if (i >= n)
            return 0;
        int32_t ca = ref_next_cp(s, n, &i), cb = ref_next_cp(key, kn, &k);
        if (utf8proc_tolower(ca) != cb)
            return 0;
    }
    return i;
}

static int ref_word_char(const char *s, size_t n, size_t i)
{
    size_t k = i;
    int32_t cp = ref_next_cp(s, n, &k);
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || (s[i] >= '0' && s[i] <= '9');
}

static long ref_fold_find(const char *s, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80 || !ref_fold_prefix(s + i, n - i, key))
            continue;
        if ((unsigned char)key[0] < 0x80 && (unsigned char)s[i] >= 0x80)
            continue; /* an ASCII key starts at an ASCII byte */
        if (i > 0 && ref_word_char(s, n, i) && ref_word_char(s, n, i - 1))
            continue;
        return (long)i;
    }
    return -1;
}

static int ref_space(int32_t cp)
{
    return cp == 0x09 || cp == 0x0B || cp == 0x0C || cp == 0x20 || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029 || (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS);
}

/* rf_collapse code point by code point (the NFC after a soft hyphen aside:
 * the texts compared with one are in NFC). */
static size_t ref_collapse(const char *s, size_t n, char *out)
{
    size_t o = 0, i = 0;
    int pending = 0;
    while (i < n) {
        size_t from = i;
        int32_t cp = ref_next_cp(s, n, &i);
        if (cp == 0xAD)
            continue;
        if (ref_space(cp)) {
            pending = o > 0;
            continue;
        }
        if (pending)
            out[o++] = ' ';
        pending = 0;
        while (from < i)
            out[o++] = s[from++];
    }
    out[o] = '\0';
    return o;
}

/* ---- random texts -------------------------------------------------------- */

static const char *const atoms[] = {
    " ", "  ", "a", "b", "Z", "K", "i", "æ", "Æ", "ø", "Ø", "å", "Å", "é", "É", "×", "ß", "µ",
    "\xc2\xa0", "\xc2\xad", "\t", "\xe2\x80\x93", "\xe2\x80\x82", "\xe3\x80\x80", "\xe1\x9a\x80",
    ".", ":", "\xc2\x85", "\xf0\x9f\x98\x80", "\xcc\x81", "\xe2\x84\xaa", "\xc4\xb0", "deltog",
    "DELTOG", "ikke", "\n",
};

static size_t random_text(char *buf, size_t cap, int no_invalid)
{
    size_t n = 0;
    int k = rand() % 24;
    for (int j = 0; j < k; j++) {
        const char *a = atoms[rand() % (sizeof atoms / sizeof atoms[0])];
        size_t l = strlen(a);
        if (n + l + 1 >= cap)
            break;
        memcpy(buf + n, a, l);
        n += l;
    }
    if (!no_invalid && n + 1 < cap && rand() % 8 == 0)
        buf[n++] = (char)0xC3; /* a truncated sequence */
    buf[n] = '\0';
    return n;
}

/* ---- tests --------------------------------------------------------------- */

static void next_cp_and_lower(void **state)
{
    (void)state;
    for (int32_t cp = -1; cp < 0x110000; cp++)
        assert_int_equal(rf_to_lower_cp(cp), utf8proc_tolower(cp));
    unsigned char b[3];
    for (int a = 0; a < 256; a++)
        for (int c = 0; c < 256; c++)
            for (size_t n = 1; n <= 3; n++) {
                b[0] = (unsigned char)a;
                b[1] = (unsigned char)c;
                b[2] = 0x80;
                size_t i = 0, j = 0;
                assert_int_equal(rf_next_cp((const char *)b, n, &i),
                                 ref_next_cp((const char *)b, n, &j));
                assert_int_equal(i, j);
            }
}

static void fold_prefix_and_find(void **state)
{
    (void)state;
    static const char *const keys[] = {"deltog ikke ", "æ", "øvrige", "k", "i", "å", "é",
                                       "erklærede sig inhabil", "beslutning", "mødedato"};
    char buf[256];
    srand(12);
    for (int it = 0; it < 200000; it++) {
        size_t n = random_text(buf, sizeof buf, 0);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            assert_int_equal(rf_fold_prefix(buf, n, keys[k]), ref_fold_prefix(buf, n, keys[k]));
            assert_int_equal(rf_fold_find(buf, n, keys[k]), ref_fold_find(buf, n, keys[k]));
        }
    }
}

static void collapse(void **state)
{
    (void)state;
    referat_parser *p = referat_parser_new(NULL);
    char buf[256], want[256];
    srand(7);
    for (int it = 0; it < 300000; it++) {
        size_t n = random_text(buf, sizeof buf, 1);
        if (strstr(buf, "\xc2\xad") && (strstr(buf, "\xcc\x81") || strstr(buf, "\xe2\x84\xaa")))
            continue; /* not NFC (a combining mark, the Kelvin sign), put in NFC
                         after a soft hyphen: not the reference's */
        rf_buf out = {0};
        rf_collapse(p, buf, n, &out);
        size_t wn = ref_collapse(buf, n, want);
        assert_int_equal(out.size, wn);
        assert_memory_equal(out.size ? out.data : "", want, wn);
        rf_buf_free(p, &out);
    }
    referat_parser_free(p);
}

/* rf_eq_fold2 against full case folding with NFC through utf8proc. */
static int ref_eq_fold(const char *a, size_t an, const char *b, size_t bn)
{
    utf8proc_uint8_t *fa = NULL, *fb = NULL;
    int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    utf8proc_ssize_t la = utf8proc_map((const utf8proc_uint8_t *)a, (utf8proc_ssize_t)an, &fa, opts);
    utf8proc_ssize_t lb = utf8proc_map((const utf8proc_uint8_t *)b, (utf8proc_ssize_t)bn, &fb, opts);
    int eq = la >= 0 && la == lb && memcmp(fa, fb, (size_t)la) == 0;
    free(fa);
    free(fb);
    return eq;
}

static void eq_fold(void **state)
{
    (void)state;
    referat_parser *p = referat_parser_new(NULL);
    /* every pair of code points U+0001-U+00FF against its lower case */
    for (int32_t x = 1; x < 0x100; x++)
        for (int32_t y = 1; y < 0x100; y++) {
            utf8proc_uint8_t s[8], t[8];
            size_t n = (size_t)utf8proc_encode_char(x, s);
            n += (size_t)utf8proc_encode_char(y, s + n);
            size_t m = (size_t)utf8proc_encode_char(utf8proc_tolower(x), t);
            m += (size_t)utf8proc_encode_char(utf8proc_tolower(y), t + m);
            assert_int_equal(rf_eq_fold2(p, (const char *)s, n, (const char *)t, m),
                             ref_eq_fold((const char *)s, n, (const char *)t, m));
        }
    char a[256], b[256];
    srand(3);
    for (int it = 0; it < 100000; it++) {
        size_t an = random_text(a, sizeof a, 1), bn;
        if (rand() % 2) { /* the same text in other cases */
            bn = an;
            for (size_t i = 0; i < an; i++)
                b[i] = (char)((a[i] >= 'a' && a[i] <= 'z') ? a[i] - 32 : a[i]);
        } else {
            bn = random_text(b, sizeof b, 1);
        }
        assert_int_equal(rf_eq_fold2(p, a, an, b, bn), ref_eq_fold(a, an, b, bn));
    }
    referat_parser_free(p);
}

/* ---- JSON strings: the word-at-a-time scan of json_text.c ---- */

typedef struct text_out {
    char buf[512];
    size_t n;
} text_out;

static void put_text(void *ctx, const char *s, size_t n)
{
    text_out *o = ctx;
    assert_true(o->n + n <= sizeof o->buf);
    memcpy(o->buf + o->n, s, n);
    o->n += n;
}

/* The byte loop it replaced, escapes written the same way. */
static void ref_json_string(text_out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    put_text(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char u[7] = "\\u00";
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                        : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b"
                        : c == '\f' ? "\\f" : NULL;
        if (c >= 0x20 && c != '"' && c != '\\')
            put_text(o, s + i, 1);
        else if (esc)
            put_text(o, esc, 2);
        else {
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            put_text(o, u, 6);
        }
    }
    put_text(o, "\"", 1);
}

static void json_strings(void **state)
{
    (void)state;
    static const char pieces[] = {'a', ' ', '"', '\\', '\n', 0x01, 0x1f, 0x20, 0x7f,
                                  (char)0xc3, (char)0xa6, (char)0x80, (char)0xff};
    uint32_t seed = 7;
    for (int round = 0; round < 20000; round++) {
        char s[64];
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % sizeof s;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly plain bytes, so that whole words pass the fast scan */
            s[i] = (seed >> 16) % 4 ? 'x' : pieces[(seed >> 8) % sizeof pieces];
        }
        text_out fast = {{0}, 0}, ref = {{0}, 0};
        rf_json_string(put_text, &fast, s, n);
        ref_json_string(&ref, s, n);
        assert_int_equal(fast.n, ref.n);
        assert_memory_equal(fast.buf, ref.buf, ref.n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(next_cp_and_lower),
        cmocka_unit_test(fold_prefix_and_find),
        cmocka_unit_test(collapse),
        cmocka_unit_test(eq_fold),
        cmocka_unit_test(json_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
