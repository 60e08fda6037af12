/* "Cleaned" text (SPEC §2): inline markup removed, in this order,
 *   1. every "**" (balanced or not);
 *   2. balanced __x__ and 3. balanced *x* (shortest match; the opening
 *      marker is followed by a non-space, the closing one preceded by one;
 *      the text between stays);
 *   4. inline HTML tags u b i strong em span a sup sub (open, close, any
 *      case, with attributes) removed;
 *   5. block HTML tags p br ul ol li div table tr td th thead tbody (also
 *      self-closing) replaced by a space;
 *   6. the entities &amp; &lt; &gt; &quot; &#39; &nbsp; &#NNN; &#xHH; in
 *      one pass (an invalid code point becomes U+FFFD);
 * then collapsed and put in NFC again. Text holding none of * _ < & is
 * already clean (its caller collapsed it), so it is copied as it is.
 */
#include <string.h>

#include "internal.h"

/* Copies s[*i...] up to (not including) the next byte c, or to the end. */
static void copy_until(rf_parser *p, const char *s, size_t n, size_t *i, char c, rf_buf *out)
{
    const char *hit = memchr(s + *i, c, n - *i);
    size_t end = hit ? (size_t)(hit - s) : n;
    rf_buf_append(p, out, s + *i, end - *i);
    *i = end;
}

static void remove_double_stars(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    size_t i = 0;
    while (i < n) {
        copy_until(p, s, n, &i, '*', out);
        if (i >= n)
            break;
        if (i + 1 < n && s[i + 1] == '*') {
            i += 2;
            continue;
        }
        rf_buf_putc(p, out, s[i++]);
    }
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t';
}

/* Removes balanced marker pairs (marker "__" or "*"): the shortest match,
 * opening marker followed by a non-space, closing one preceded by one.
 * Linear: once a search for a closing marker fails, no later opening marker
 * can find one either (the closers after it are a subset). */
static void remove_balanced(rf_parser *p, const char *s, size_t n, const char *marker,
                            rf_buf *out)
{
    size_t m = strlen(marker);
    size_t i = 0;
    int no_closer = 0;
    while (i < n) {
        copy_until(p, s, n, &i, marker[0], out);
        if (i >= n)
            break;
        if (!no_closer && i + m < n && memcmp(s + i, marker, m) == 0 && !is_ws(s[i + m])) {
            size_t j = i + m + 1;
            for (; j + m <= n; j++) {
                if (memcmp(s + j, marker, m) == 0 && !is_ws(s[j - 1]))
                    break;
            }
            if (j + m <= n) {
                rf_buf_append(p, out, s + i + m, j - i - m);
                i = j + m;
                continue;
            }
            no_closer = 1;
        }
        rf_buf_putc(p, out, s[i++]);
    }
}

static const char *const inline_tags[] = {"u", "b", "i", "strong", "em", "span",
                                          "a", "sup", "sub", NULL};
static const char *const block_tags[] = {"p", "br", "ul", "ol", "li", "div", "table",
                                         "tr", "td", "th", "thead", "tbody", NULL};

static int in_list(const char *const *list, const char *name, size_t len)
{
    for (; *list; list++) {
        if (strlen(*list) == len) {
            size_t k = 0;
            while (k < len && (name[k] | 32) == (*list)[k])
                k++;
            if (k == len)
                return 1;
        }
    }
    return 0;
}

/* At s[i] == '<': length of a known tag and whether it is a block tag;
 * 0 when this is no tag we know. */
static size_t match_tag(const char *s, size_t n, size_t i, int *block)
{
    size_t k = i + 1;
    if (k < n && s[k] == '/')
        k++;
    size_t name = k;
    while (k < n && (((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z') ||
                     (s[k] >= '0' && s[k] <= '9')))
        k++;
    size_t len = k - name;
    if (len == 0 || k >= n)
        return 0;
    if (s[k] != '>' && s[k] != '/' && !is_ws(s[k]))
        return 0;
    int inl = in_list(inline_tags, s + name, len);
    int blk = in_list(block_tags, s + name, len);
    if (!inl && !blk)
        return 0;
    const char *close = memchr(s + k, '>', n - k);
    if (!close)
        return 0;
    *block = blk;
    return (size_t)(close - s) + 1 - i;
}

static void remove_tags(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    size_t i = 0;
    /* a tag can only close before the last '>': past it, do not search */
    const char *last_gt = NULL;
    for (size_t k = n; k > 0 && !last_gt; k--)
        if (s[k - 1] == '>')
            last_gt = s + k - 1;
    while (i < n) {
        copy_until(p, s, n, &i, '<', out);
        if (i >= n)
            break;
        int block = 0;
        size_t len = last_gt && s + i < last_gt ? match_tag(s, n, i, &block) : 0;
        if (len) {
            if (block)
                rf_buf_putc(p, out, ' ');
            i += len;
            continue;
        }
        rf_buf_putc(p, out, s[i++]);
    }
}

static int32_t numeric_entity(const char *s, size_t n, size_t *len)
{
    size_t k = 2; /* after "&#" */
    int hex = k < n && (s[k] == 'x' || s[k] == 'X');
    if (hex)
        k++;
    size_t digits = k;
    int64_t v = 0;
    while (k < n) {
        char c = s[k];
        int d = (c >= '0' && c <= '9') ? c - '0'
              : (hex && (c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10
              : -1;
        if (d < 0)
            break;
        if (v <= 0x10FFFF)
            v = v * (hex ? 16 : 10) + d;
        k++;
    }
    if (k == digits || k >= n || s[k] != ';')
        return -1;
    *len = k + 1;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0xFFFD;
    return (int32_t)v;
}

static void decode_entities(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    static const struct {
        const char *name;
        int32_t cp;
    } named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                 {"&#39;", '\''}, {"&nbsp;", 0xA0}};
    size_t i = 0;
    while (i < n) {
        copy_until(p, s, n, &i, '&', out);
        if (i >= n)
            break;
        {
            size_t len = 0;
            int32_t cp = -1;
            for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
                size_t l = strlen(named[k].name);
                if (l <= n - i && memcmp(s + i, named[k].name, l) == 0) {
                    cp = named[k].cp;
                    len = l;
                    break;
                }
            }
            if (cp < 0 && i + 1 < n && s[i + 1] == '#')
                cp = numeric_entity(s + i, n - i, &len);
            if (cp >= 0) {
                rf_buf_put_cp(p, out, cp);
                i += len;
                continue;
            }
        }
        rf_buf_putc(p, out, s[i++]);
    }
}

static int needs_cleaning(const char *s, size_t n)
{
    /* four memchr passes are faster than one byte loop over long lines */
    return memchr(s, '*', n) || memchr(s, '<', n) || memchr(s, '&', n) || memchr(s, '_', n);
}

/* One step: src -> dst, then dst becomes the source of the next step. */
typedef void (*clean_step)(rf_parser *, const char *, size_t, rf_buf *);

static void step_underscores(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    remove_balanced(p, s, n, "__", out);
}

static void step_stars(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    remove_balanced(p, s, n, "*", out);
}

int rf_clean_collapsed(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    if (!needs_cleaning(s, n))
        return rf_buf_append(p, out, s, n);
    return rf_clean(p, s, n, out);
}

int rf_clean(rf_parser *p, const char *s, size_t n, rf_buf *out)
{
    if (!needs_cleaning(s, n))
        return rf_collapse(p, s, n, out);
    static const clean_step steps[] = {remove_double_stars, step_underscores, step_stars,
                                       remove_tags, decode_entities};
    rf_buf a = {0}, b = {0};
    rf_buf_append(p, &a, s, n);
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        rf_buf_clear(&b);
        steps[k](p, a.data ? a.data : "", a.size, &b);
        rf_buf t = a;
        a = b;
        b = t;
    }
    rf_buf_clear(&b);
    rf_collapse(p, a.data ? a.data : "", a.size, &b);
    int r = rf_nfc(p, b.data ? b.data : "", b.size, out);
    rf_buf_free(p, &a);
    rf_buf_free(p, &b);
    return p->nomem ? -1 : r;
}
