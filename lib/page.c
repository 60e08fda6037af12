/* Page furniture: raw lines in, raw lines out, without the running headers
 * and footers that PDF converters repeat on every page (docs/FORMAT.md,
 * "Page furniture").
 *
 * Rules:
 *  - `pdftotext` ends every page with a form feed: a line starting with
 *    U+000C starts a new page (the form feeds are taken off the line);
 *    a document without form feeds passes unchanged;
 *  - a page's head is its first HEAD_LINES non-blank lines, its tail its
 *    last TAIL_LINES. A head line is furniture when it is a page number
 *    ("Side 3", "3 of 5") or, numbers aside, the same text as the line at
 *    the same place in the head of the page before or after it; the
 *    furniture of a head is a run from its first line (the first line that
 *    is not furniture ends it). Tails likewise, from the last line, with the
 *    page before;
 *  - a line that reads as a section heading or an item line is never
 *    furniture by repetition (two pages may well start with "Bilag");
 *  - the blank lines at the end of a page and at the start of the next
 *    (around the furniture) go too: a paragraph the page break split is
 *    joined again when the text before the break ends in a letter, a comma
 *    or a hyphen; otherwise one blank line stays (a paragraph break).
 *
 * Streaming: a page is held until the head of the next page is complete
 * (its neighbours decide its head), at most HOLD_BYTES / HOLD_LINES; past
 * that the oldest lines are let go with what is known. Memory is one page
 * plus one head, never the document.
 */
#include <string.h>

#include "layout.h"

enum { HEAD_LINES = 6, TAIL_LINES = 3 };
enum { HOLD_LINES = 2048, HOLD_BYTES = 256 * 1024 };
enum { UNDECIDED = 0, KEEP, DROP };

/* Bytes of the white space character at s[i] (SPEC §2's white space:
 * ASCII, NEL, NBSP, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000), or 0.
 * The bytes are raw: a line that is not UTF-8 only has ASCII white space. */
static size_t space_at(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r')
        return 1;
    if (c == 0xC2 && i + 1 < n && (s[i + 1] == 0xA0 || s[i + 1] == 0x85))
        return 2;
    if (i + 2 >= n)
        return 0;
    if (c == 0xE2 && s[i + 1] == 0x80 &&
        ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8A) || s[i + 2] == 0xA8 || s[i + 2] == 0xA9 ||
         s[i + 2] == 0xAF)) /* a continuation byte: E2 80 0C is no character */
        return 3;
    if ((c == 0xE2 && s[i + 1] == 0x81 && s[i + 2] == 0x9F) ||
        (c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80))
        return 3;
    return 0;
}

static uint64_t masked_hash(const unsigned char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    int space = 0, digit = 0, started = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        size_t w = space_at(s, n, i);
        if (w) {
            space = started;
            digit = 0;
            i += w - 1;
            continue;
        }
        if (c >= '0' && c <= '9') {
            if (digit)
                continue;
            digit = 1;
            c = '#';
        } else {
            digit = 0;
        }
        if (space) {
            h = (h ^ ' ') * 1099511628211u;
            space = 0;
        }
        h = (h ^ c) * 1099511628211u;
        started = 1;
    }
    return h;
}

static int blank_bytes(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t w = space_at(s, n, i);
        if (!w)
            return 0;
        i += w;
    }
    return 1;
}

/* The line as collapsed ASCII-ish text for the pattern tests (the bytes
 * are raw: good enough for "Side 3" and headings, which are ASCII or
 * UTF-8 Danish). */
static size_t trim_copy(const unsigned char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = s[i];
        size_t w = space_at(s, n, i);
        if (w) {
            space = k > 0;
            i += w - 1;
            continue;
        }
        if (space && k + 2 < cap)
            out[k++] = ' ';
        space = 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return k;
}

static int is_page_number(const rf_held *h, const char *text)
{
    char buf[128];
    if (h->size > 100)
        return 0;
    size_t n = trim_copy((const unsigned char *)text + h->off, h->size, buf, sizeof buf);
    return rf_is_page_number_line(buf, n);
}

/* Headings and item lines stay even when two pages start with them. */
static int never_repeated_furniture(const rf_held *h, const char *text)
{
    char buf[320];
    if (h->size > 300)
        return 0;
    size_t n = trim_copy((const unsigned char *)text + h->off, h->size, buf, sizeof buf);
    rf_heading_ex hd;
    rf_item_line it;
    return rf_match_heading_any(buf, n, &hd) ||
           (rf_match_item_line(buf, n, &it) && it.form == RF_ITEM_PUNKT);
}

/* A held line's hash, made when it is first asked for: only the heads and
 * tails of pages are compared, so most lines never need one. 0 stands for
 * "not made yet" (a line whose hash is 0 is merely hashed again). The
 * bytes are in pg->text for as long as the line is held. */
static uint64_t line_hash(rf_page *pg, rf_held *h)
{
    if (!h->hash)
        h->hash = masked_hash((const unsigned char *)pg->text.data + h->off, h->size);
    return h->hash;
}

static rf_held *held(rf_page *pg, size_t i)
{
    return &pg->lines[pg->head + i];
}

static size_t held_count(const rf_page *pg)
{
    return pg->count - pg->head;
}

/* The non-blank lines of page `page` in the hold, from its start (dir 1)
 * or its end (dir -1): their indexes into idx (at most max). */
static size_t page_lines(rf_page *pg, int64_t page, int dir, size_t *idx, size_t max)
{
    size_t k = 0, n = held_count(pg);
    for (size_t j = 0; j < n && k < max; j++) {
        size_t i = dir > 0 ? j : n - 1 - j;
        rf_held *h = held(pg, i);
        if (h->page == page && !h->blank)
            idx[k++] = i;
    }
    return k;
}

/* Head furniture of page `page`: a prefix run matching a neighbour head. */
static void decide_head(rf_parser *p, int64_t page, const uint64_t *next, size_t n_next)
{
    rf_page *pg = &p->page;
    size_t idx[HEAD_LINES];
    size_t n = page_lines(pg, page, 1, idx, HEAD_LINES);
    int run = 1;
    for (size_t k = 0; k < n; k++) {
        rf_held *h = held(pg, idx[k]);
        if (h->state != UNDECIDED)
            continue;
        uint64_t hash = line_hash(pg, h);
        int same = (k < pg->n_prev_head && pg->prev_head[k] == hash) ||
                   (k < n_next && next[k] == hash);
        const char *text = pg->text.data;
        int furniture = run && pg->have_ff &&
                        (is_page_number(h, text) || (same && !never_repeated_furniture(h, text)));
        run = furniture;
        h->state = furniture ? DROP : KEEP;
        h->furniture = (unsigned char)furniture;
    }
    pg->n_prev_head = n;
    for (size_t k = 0; k < n; k++)
        pg->prev_head[k] = line_hash(pg, held(pg, idx[k]));
}

/* Tail furniture of page `page` (its last lines), then its trailing blanks. */
static void decide_tail(rf_parser *p, int64_t page)
{
    rf_page *pg = &p->page;
    size_t idx[TAIL_LINES];
    size_t n = page_lines(pg, page, -1, idx, TAIL_LINES);
    int run = 1;
    for (size_t k = 0; k < n; k++) {
        rf_held *h = held(pg, idx[k]);
        int same = k < pg->n_prev_tail && pg->prev_tail[k] == line_hash(pg, h);
        int furniture = run && (is_page_number(h, pg->text.data) ||
                                (same && !never_repeated_furniture(h, pg->text.data)));
        run = furniture;
        if (furniture) {
            h->state = DROP;
            h->furniture = 1;
        }
    }
    pg->n_prev_tail = n;
    for (size_t k = 0; k < n; k++)
        pg->prev_tail[k] = line_hash(pg, held(pg, idx[k]));
}

/* The page's last line that stays: does it end so that the next page
 * continues its paragraph (a letter, a comma, a hyphen)? */
static int ends_open(const rf_page *pg, const rf_held *h)
{
    const unsigned char *s = (const unsigned char *)pg->text.data + h->off;
    size_t n = h->size;
    for (;;) {
        size_t k = n > 3 ? n - 3 : 0, w = 0;
        for (; k < n && !w; k++) {
            w = space_at(s, n, k);
            if (w && k + w != n)
                w = 0;
        }
        if (!w)
            break;
        n -= w;
    }
    if (n == 0)
        return 0;
    unsigned char c = s[n - 1];
    return (c | 32) >= 'a' && (c | 32) <= 'z' ? 1 : (c == ',' || c == '-' || c >= 0x80);
}

/* After the head of page `page` is decided: blank lines around the break
 * before it go, and a paragraph break stays when the text before it ended
 * a sentence. */
static void join_across(rf_parser *p, int64_t page)
{
    rf_page *pg = &p->page;
    size_t n = held_count(pg);
    rf_held *last_before = NULL;
    rf_held *first_blank = NULL;
    for (size_t i = 0; i < n; i++) {
        rf_held *h = held(pg, i);
        if (h->page < page - 1 || h->state == DROP)
            continue;
        if (h->page == page - 1) {
            if (!h->blank)
                last_before = h;
            continue;
        }
        if (h->page != page)
            break;
        if (!h->blank) {
            /* the first line of the page that stays */
            int open = last_before ? ends_open(pg, last_before) : pg->open_break[page & 1];
            if (!open) {
                if (first_blank)
                    first_blank->state = KEEP;
                else
                    h->break_before = 1;
            }
            return;
        }
        if (!first_blank)
            first_blank = h;
        h->state = DROP;
    }
}

/* Trailing blank lines of a page that has ended. */
static void drop_trailing_blanks(rf_page *pg, int64_t page)
{
    size_t n = held_count(pg);
    for (size_t j = n; j-- > 0;) {
        rf_held *h = held(pg, j);
        if (h->page != page)
            continue;
        if (!h->blank && h->state != DROP)
            break;
        h->state = DROP;
    }
}

/* Every line of pages before `page` that is still undecided stays. */
static void keep_pages_before(rf_page *pg, int64_t page)
{
    size_t n = held_count(pg);
    for (size_t i = 0; i < n; i++) {
        rf_held *h = held(pg, i);
        if (h->page >= page)
            break;
        if (h->state == UNDECIDED)
            h->state = KEEP;
    }
}

/* The head of the newest page is complete (or cut short): decide the head
 * of the page before it with both neighbours and let that page go. */
static void head_complete(rf_parser *p)
{
    rf_page *pg = &p->page;
    int64_t page = pg->page;
    size_t idx[HEAD_LINES];
    size_t n = page_lines(pg, page, 1, idx, HEAD_LINES);
    uint64_t next[HEAD_LINES];
    for (size_t k = 0; k < n; k++)
        next[k] = line_hash(pg, held(pg, idx[k]));
    if (page > 0) {
        decide_head(p, page - 1, next, n);
        if (page - 1 > 0)
            join_across(p, page - 1);
        keep_pages_before(pg, page);
    }
    pg->head_done = 1;
}

static void new_page(rf_parser *p)
{
    rf_page *pg = &p->page;
    if (!pg->head_done)
        head_complete(p);
    decide_tail(p, pg->page);
    drop_trailing_blanks(pg, pg->page);
    /* does the text before the break end open (see join_across)? */
    int open = 0;
    size_t n = held_count(pg);
    for (size_t j = n; j-- > 0;) {
        rf_held *h = held(pg, j);
        if (h->page == pg->page && !h->blank && h->state != DROP) {
            open = ends_open(pg, h);
            break;
        }
    }
    pg->have_ff = 1;
    pg->page++;
    pg->open_break[pg->page & 1] = open;
    pg->head_done = 0;
    pg->head_seen = 0;
}

/* The last page's head, once nothing follows it. */
static void finish_pages(rf_parser *p)
{
    rf_page *pg = &p->page;
    if (!pg->head_done)
        head_complete(p);
    if (pg->have_ff) {
        decide_head(p, pg->page, NULL, 0);
        join_across(p, pg->page);
        decide_tail(p, pg->page);
    }
    keep_pages_before(pg, pg->page + 1);
}

static void compact(rf_parser *p)
{
    rf_page *pg = &p->page;
    if (pg->head == 0)
        return;
    size_t n = held_count(pg);
    size_t base = n ? pg->lines[pg->head].off : pg->text.size;
    /* move only when what was let go outweighs what is held (bytes and
     * lines): each held byte is moved a bounded number of times */
    if (base < pg->text.size - base || pg->head < n)
        return;
    memmove(pg->lines, pg->lines + pg->head, n * sizeof *pg->lines);
    for (size_t i = 0; i < n; i++)
        pg->lines[i].off -= base;
    memmove(pg->text.data, pg->text.data + base, pg->text.size - base);
    pg->text.size -= base;
    pg->head = 0;
    pg->count = n;
}

static void push(rf_parser *p, const rf_raw_line *raw)
{
    rf_page *pg = &p->page;
    const unsigned char *data = raw->data;
    size_t size = raw->size;
    uint64_t start = raw->start;
    int ff = 0;
    if (!raw->cut || !raw->cut_after) {
        while (size > 0 && data[0] == '\f') {
            data++;
            size--;
            start++;
            ff = 1;
        }
    }
    if (ff)
        new_page(p);
    void *arr = pg->lines;
    if (rf_grow(p, &arr, &pg->cap, pg->count + 1, sizeof(rf_held)) < 0)
        return;
    pg->lines = arr;
    rf_held *h = &pg->lines[pg->count];
    memset(h, 0, sizeof *h);
    h->off = pg->text.size;
    if (rf_buf_append(p, &pg->text, data, size) < 0)
        return;
    h->size = size;
    h->start = start;
    h->end = raw->end;
    h->line = raw->line;
    h->line_start = raw->line_start;
    h->cut = raw->cut;
    h->cut_after = raw->cut_after;
    h->page = pg->page;
    h->blank = blank_bytes(data, size);
    h->hash = 0; /* made when needed (line_hash) */
    h->state = UNDECIDED;
    pg->count++;
    if (!h->blank && ++pg->head_seen == HEAD_LINES && !pg->head_done)
        head_complete(p);
}

/* Past the hold limits the oldest line is let go with what is known. */
static void enforce_limits(rf_page *pg)
{
    size_t bytes = pg->text.size - (held_count(pg) ? pg->lines[pg->head].off : pg->text.size);
    if (held_count(pg) > HOLD_LINES || bytes > HOLD_BYTES) {
        rf_held *h = held(pg, 0);
        if (h->state == UNDECIDED)
            h->state = KEEP;
    }
}

static int pop(rf_parser *p, rf_raw_line *out)
{
    rf_page *pg = &p->page;
    while (held_count(pg) > 0) {
        rf_held *h = held(pg, 0);
        if (h->state == UNDECIDED)
            return 0;
        if (h->state == DROP && !h->furniture) {
            pg->head++;
            continue;
        }
        memset(out, 0, sizeof *out);
        out->line = h->line;
        out->line_start = h->line_start;
        if (h->break_before) {
            /* an empty line: the paragraph break the page break kept */
            h->break_before = 0;
            out->data = (const unsigned char *)"";
            out->start = out->end = h->start;
            return 1;
        }
        out->data = (const unsigned char *)pg->text.data + h->off;
        out->size = h->size;
        out->start = h->start;
        out->end = h->end;
        out->cut = h->cut;
        out->cut_after = h->cut_after;
        out->skip = h->state == DROP; /* furniture: decoded, then left out */
        pg->head++;
        return 1;
    }
    return 0;
}

int rf_page_next(rf_parser *p, rf_raw_line *out)
{
    rf_page *pg = &p->page;
    compact(p);
    for (;;) {
        if (pop(p, out))
            return 1;
        if (p->nomem)
            return 0;
        if (pg->finished)
            return -1;
        rf_raw_line raw;
        int r = rf_input_next(p, &raw);
        if (r == 0)
            return 0;
        if (r < 0) {
            finish_pages(p);
            pg->finished = 1;
            continue;
        }
        push(p, &raw);
        enforce_limits(pg);
    }
}

void rf_page_free(rf_parser *p)
{
    rf_free(p, p->page.lines);
    rf_buf_free(p, &p->page.text);
}
