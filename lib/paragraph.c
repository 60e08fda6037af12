/* Lines to paragraphs (SPEC §2, §5).
 *
 *  - a paragraph is a run of non-blank lines (blank: empty once collapsed,
 *    or a web page's navigation link such as "Til toppen");
 *  - a header line, a Punkt line or a section-heading line (recognized on
 *    the cleaned line) stands alone: it ends the paragraph before it and is
 *    a one-line paragraph of its own;
 *  - a paragraph may not grow past max_block_size raw bytes: it is cut at
 *    the last line boundary before the limit (diagnostic block-too-large);
 *    the pieces of a line that was itself too long are paragraphs of their
 *    own (input.c cut them).
 *
 * The lines come prepared by line.c (decoded, collapsed, cleaned,
 * classified); this stage only groups them.
 */
#include <string.h>

#include "layout.h"

static void reset_para(rf_para *para)
{
    rf_buf_clear(&para->text);
    para->count = 0;
    para->raw_size = 0;
    para->structural = 0;
    para->blank_before = 0;
}

static int finish_para(rf_parser *p)
{
    int r = 0;
    if (p->para.count > 0)
        r = rf_structure_paragraph(p, &p->para);
    reset_para(&p->para);
    return r;
}

/* The line ends so that the next one continues it: a letter, a comma, a
 * hyphen (any non-ASCII character counts as a letter). */
static int ends_open(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)s[n - 1];
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || c == ',' || c == '-' || c >= 0x80;
}

/* The shape of an enumerator alone: 1 "3", 2 "3.", 3 "a.". */
static int enum_form(const char *s, size_t n)
{
    int dot;
    if (rf_is_bare_number(s, n, &dot))
        return dot ? 2 : 1;
    return 3;
}

/* Classes that end the paragraph before the line (1), and after it too (2).
 * prev_enum: the form of the line just before when it was an enumerator
 * alone (0 otherwise); first: the line starts a paragraph (a blank line or
 * a line standing alone before it). */
static int stands_alone(const rf_line *l, int form, int prev_enum, int first)
{
    switch (l->cls) {
    case RF_LINE_HEADER:
    case RF_LINE_PUNKT:
    case RF_LINE_HEADING:
    case RF_LINE_TOC_START:
    case RF_LINE_SUBITEM:
        return 2;
    case RF_LINE_ENUM_ALONE:
        /* an item number alone starts a paragraph or follows a complete
         * line ("Dok.nr.: 2012-202935" ⏎ "a."); after an open line it is a
         * wrapped "2013.", and "3\n4\n6", a column of page numbers, stays
         * one paragraph */
        return first && form != prev_enum ? 2 : 0;
    case RF_LINE_INLINE_HEADING:
    case RF_LINE_HISTORY:
        return 1;
    default:
        return 0;
    }
}

static int too_large(rf_parser *p, uint64_t line, uint64_t end_line, uint64_t start,
                     uint64_t end)
{
    if (p->opt.fail_on_limit) {
        rf_set_error(p, REFERAT_E_TOO_LARGE, "a block is larger than max_block_size",
                     start, line, 0);
        return -1;
    }
    rf_diag_lines(p, REFERAT_DIAG_BLOCK_TOO_LARGE, line, end_line, start, end,
                  "block larger than %zu bytes cut in two", p->opt.max_block_size);
    return 0;
}

int rf_paragraph_line(rf_parser *p, const rf_raw_line *raw)
{
    if (rf_line_read(p, raw) < 0)
        return -1;
    if (raw->skip)
        return 0; /* page furniture: checked as UTF-8 above, no content */
    if (raw->cut_after && too_large(p, raw->line, raw->line, raw->start, raw->end) < 0)
        return -1;
    if (p->col.size == 0 || rf_is_navigation_line(p->col.data, p->col.size)) {
        int r = finish_para(p);
        p->blank_run++;
        p->prev_enum = 0;
        return r;
    }
    if (raw->cut) {
        if (finish_para(p) < 0)
            return -1;
        rf_line_store(p, &p->para, raw);
        return finish_para(p);
    }
    rf_para *para = &p->para;
    size_t raw_size = raw->end - raw->start;
    if (para->count > 0 && para->raw_size + raw_size > p->opt.max_block_size) {
        if (too_large(p, para->lines[0].line, para->lines[para->count - 1].line,
                      para->lines[0].start, para->lines[para->count - 1].end) < 0)
            return -1;
        if (finish_para(p) < 0)
            return -1;
    }
    if (para->count == 0) {
        para->blank_before = p->blank_run;
        p->blank_run = 0;
    }
    rf_line_store(p, para, raw);
    if (para->count == 0)
        return 0;
    rf_line *l = &para->lines[para->count - 1];
    int form = l->cls == RF_LINE_ENUM_ALONE ? enum_form(RF_CLN(para, para->count - 1), l->cln_len) : 0;
    /* a letter alone may follow a complete line; a number alone must
     * start its paragraph (in a list, "2." alone is a broken list item) */
    int starts = para->count == 1 ||
                 (form == 3 &&
                  !ends_open(RF_CLN(para, para->count - 2), para->lines[para->count - 2].cln_len));
    int alone = stands_alone(l, form, p->prev_enum, starts);
    p->prev_enum = form;
    if (alone) {
        /* the line starts a paragraph: end the paragraph before it */
        if (para->count > 1) {
            size_t keep = para->count - 1;
            rf_line saved = *l;
            para->count = keep;
            para->raw_size -= raw_size;
            if (rf_structure_paragraph(p, para) < 0)
                return -1;
            /* the line's texts stay where they are in para->text */
            para->lines[0] = saved;
            para->count = 1;
            para->raw_size = raw_size;
            para->blank_before = 0;
        }
        if (alone == 2) {
            para->structural = 1;
            return finish_para(p);
        }
    }
    return 0;
}

int rf_paragraph_finish(rf_parser *p)
{
    return finish_para(p);
}
