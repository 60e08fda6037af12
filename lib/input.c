/* Input: raw bytes to lines.
 *
 * Rules (SPEC §2, §5):
 *  - a line ends at LF, CR LF or a lone CR; the last line may have no end;
 *  - the bytes EF BB BF (a byte order mark, U+FEFF) at the start of any line
 *    are skipped; offsets still count them;
 *  - a line whose first max_block_size bytes hold no line end is cut at the
 *    last UTF-8 character boundary at or before max_block_size; the pieces
 *    carry the same line number and are paragraphs of their own.
 *
 * The caller's chunk is read in place; only a line that spans chunks is
 * copied into the carry buffer. The carry is compacted before it grows, so
 * it never holds more than max_block_size + 2 bytes, and the scan for a line
 * end resumes where the last one stopped (in->carry_clean), so feeding a
 * long line one byte at a time costs linear, not quadratic, work. The decision where a line ends depends only
 * on the bytes, never on where the chunks were split, so every chunking
 * gives the same lines.
 */
#include <string.h>

#include "internal.h"

enum { FOUND = 1, NEED_MORE = 0, NOTHING = -1 };

typedef struct scan_result {
    size_t content;   /* bytes of line content */
    size_t term;      /* bytes of the line end (0 for a cut or the last line) */
    int cut;
    size_t clean;     /* NEED_MORE: leading bytes known to hold no CR or LF */
} scan_result;

/* Last UTF-8 boundary at or before limit in buf (which holds > limit bytes). Falls back to limit for bytes that are not UTF-8. */
static size_t cut_point(const unsigned char *buf, size_t limit)
{
    size_t k = limit;
    while (k > 0 && limit - k < 4 && (buf[k] & 0xC0) == 0x80)
        k--;
    return (k == 0 || limit - k >= 4) ? limit : k;
}

/* more: bytes are known to follow buf (so a CR at its end is a lone CR).
 * clean: the first clean bytes of buf are known to hold no CR or LF. */
static int scan_line(rf_input *in, const unsigned char *buf, size_t n, size_t clean,
                     int final, int more, size_t limit, scan_result *r)
{
    size_t stop = n < limit ? n : limit;
    size_t from = clean < stop ? clean : stop;
    r->cut = 0;
    r->clean = stop;
    in->scanned += stop - from;
    const unsigned char *lf = memchr(buf + from, '\n', stop - from);
    const unsigned char *cr = memchr(buf + from, '\r',
                                     lf ? (size_t)(lf - buf) - from : stop - from);
    if (cr) {
        size_t i = (size_t)(cr - buf);
        if (i + 1 < n) {
            r->content = i;
            r->term = buf[i + 1] == '\n' ? 2 : 1;
            return FOUND;
        }
        r->clean = i;
        if (!final && !more)
            return NEED_MORE;
        r->content = i;
        r->term = 1;
        return FOUND;
    }
    if (lf) {
        r->content = (size_t)(lf - buf);
        r->term = 1;
        return FOUND;
    }
    if (n > limit) {
        r->content = cut_point(buf, limit);
        r->term = 0;
        r->cut = 1;
        return FOUND;
    }
    if (!final)
        return NEED_MORE;
    if (n == 0)
        return NOTHING;
    r->content = n;
    r->term = 0;
    return FOUND;
}

/* Moves bytes of the current chunk into the carry: up to and including the
 * first line end (and the LF after a CR), or until the carry holds more than
 * a block. */
static void fill_carry(rf_parser *p)
{
    rf_input *in = &p->in;
    size_t want = p->opt.max_block_size + 1; /* no wrap: the size is clamped */
    size_t have = in->carry.size - in->carry_pos;
    size_t avail = in->chunk_size - in->chunk_pos;
    const unsigned char *c = in->chunk + in->chunk_pos;
    size_t take = 0;
    int after_cr = have > 0 && in->carry.data[in->carry.size - 1] == '\r';
    if (after_cr) {
        take = (avail > 0 && c[0] == '\n') ? 1 : 0;
    } else {
        while (take < avail && have + take < want) {
            unsigned char ch = c[take++];
            if (ch == '\n')
                break;
            if (ch == '\r') {
                if (take < avail && c[take] == '\n')
                    take++;
                break;
            }
        }
    }
    rf_buf_append(p, &in->carry, c, take);
    in->chunk_pos += take;
}

static void compact_carry(rf_input *in)
{
    size_t rest = in->carry.size - in->carry_pos;
    if (in->carry_pos == 0)
        return;
    memmove(in->carry.data, in->carry.data + in->carry_pos, rest);
    in->carry.size = rest;
    in->carry.data[rest] = '\0';
    in->carry_pos = 0;
}

static void make_line(rf_input *in, const unsigned char *data, const scan_result *r,
                      rf_raw_line *out)
{
    out->data = data;
    out->size = r->content;
    out->start = in->offset;
    out->end = in->offset + r->content + r->term;
    out->line = in->line;
    out->line_start = in->line_start;
    out->cut = r->cut || in->in_cut;
    out->cut_after = r->cut;
    /* skip a byte order mark at the start of the line (not of a later piece) */
    if (!in->in_cut && out->size >= 3 && data[0] == 0xEF && data[1] == 0xBB &&
        data[2] == 0xBF) {
        out->data += 3;
        out->size -= 3;
        out->start += 3;
        out->line_start += 3;
        in->line_start += 3; /* the line's later pieces count columns after it too */
    }
    in->offset = out->end;
    if (r->cut) {
        in->in_cut = 1;
    } else {
        in->in_cut = 0;
        in->line++;
        in->line_start = in->offset;
    }
}

int rf_input_next(rf_parser *p, rf_raw_line *out)
{
    rf_input *in = &p->in;
    scan_result r;
    size_t limit = p->opt.max_block_size;
    if (in->carry.size > in->carry_pos) {
        /* the line handed out last (before carry_pos) is no longer needed */
        compact_carry(in);
        fill_carry(p);
        if (p->nomem)
            return 0;
        int final = in->finished && in->chunk_pos == in->chunk_size;
        const unsigned char *buf = (const unsigned char *)in->carry.data + in->carry_pos;
        size_t n = in->carry.size - in->carry_pos;
        int more = in->chunk_pos < in->chunk_size;
        int s = scan_line(in, buf, n, in->carry_clean, final, more, limit, &r);
        if (s != FOUND) {
            in->carry_clean = r.clean;
            return s == NEED_MORE ? 0 : -1;
        }
        make_line(in, buf, &r, out);
        size_t used = r.content + r.term;
        in->carry_pos += used;
        /* after a cut the rest of the scanned bytes are still clean */
        in->carry_clean = (r.cut && in->carry_clean > used) ? in->carry_clean - used : 0;
        if (in->carry_pos == in->carry.size) {
            /* empty, but leave the bytes: out->data points at them */
            in->carry_pos = 0;
            in->carry.size = 0;
        }
        return 1;
    }
    compact_carry(in);
    const unsigned char *buf = in->chunk ? in->chunk + in->chunk_pos : NULL;
    size_t n = in->chunk_size - in->chunk_pos;
    int s = buf ? scan_line(in, buf, n, 0, in->finished, 0, limit, &r)
                : (in->finished ? NOTHING : NEED_MORE);
    if (s == FOUND) {
        make_line(in, buf, &r, out);
        in->chunk_pos += r.content + r.term;
        return 1;
    }
    if (s == NOTHING)
        return -1;
    /* keep the unfinished line for the next chunk */
    in->carry_clean = buf ? r.clean : 0;
    rf_buf_append(p, &in->carry, buf, n);
    in->chunk_pos = in->chunk_size;
    return 0;
}
