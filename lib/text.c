/* Text helpers: "collapsed" text and comparisons without case (SPEC §2).
 *
 * Collapsed text: U+00AD removed, every run of white space (TAB, VT, FF,
 * space, U+0085, U+2028, U+2029 and category Zs) made one space, leading
 * and trailing white space dropped. ASCII lines take a fast path.
 */
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

int rf_eq_fold2(rf_parser *p, const char *a, size_t an, const char *b, size_t bn)
{
    rf_buf_clear(&p->scratch2);
    if (rf_casefold(p, a, an, &p->scratch2) < 0)
        return 0;
    size_t split = p->scratch2.size;
    if (rf_casefold(p, b, bn, &p->scratch2) < 0)
        return 0;
    size_t bl = p->scratch2.size - split;
    return split == bl && memcmp(p->scratch2.data, p->scratch2.data + split, bl) == 0;
}
