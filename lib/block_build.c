/* Building one block from paragraph lines (SPEC §3.4 rules 0, 2, 3):
 *  - rule 0: a paragraph that is not a table, whose first line is not a list
 *    line but a later line is, is cut before that line;
 *  - a piece whose every line holds a TAB is a TAB table, one whose every
 *    line is "|...|" a pipe table (table.c); one starting with a list line
 *    a list (list.c); anything else a plain paragraph.
 * Blocks are recycled: their buffers are kept for the next one. */
#include <string.h>

#include "block.h"

rf_block *rf_block_take(rf_parser *p)
{
    rf_block *b = p->blk_spare;
    if (b) {
        p->blk_spare = NULL;
    } else {
        b = rf_alloc(p, sizeof *b);
        if (!b)
            return NULL;
        memset(b, 0, sizeof *b);
    }
    rf_buf_clear(&b->text);
    rf_buf_clear(&b->clean);
    b->joined = 0;
    b->src_lines = 0;
    b->n_items = b->n_rows = b->n_cells = b->n_after = 0;
    rf_buf_clear(&b->after_text);
    b->raw_size = 0;
    return b;
}

void rf_block_free(rf_parser *p, rf_block *b)
{
    if (!b)
        return;
    rf_buf_free(p, &b->text);
    rf_buf_free(p, &b->clean);
    rf_free(p, b->items);
    rf_free(p, b->rows);
    rf_free(p, b->cells);
    rf_free(p, b->after);
    rf_buf_free(p, &b->after_text);
    rf_free(p, b);
}

void rf_block_recycle(rf_parser *p, rf_block *b)
{
    if (!p->blk_spare)
        p->blk_spare = b;
    else
        rf_block_free(p, b);
}

/* ---- building blocks from paragraph lines ------------------------------- */

static int is_list_line(const rf_para *para, size_t i)
{
    rf_listmark m;
    return rf_match_list(RF_NFC(para, i), para->lines[i].nfc_len, &m);
}

static int all_lines(const rf_para *para, size_t from, int pipe)
{
    for (size_t i = from; i < para->count; i++) {
        const rf_line *l = &para->lines[i];
        if (pipe ? !rf_is_pipe_line(RF_COL(para, i), l->col_len) : !l->has_tab)
            return 0;
    }
    return 1;
}

/* Rule 0 and the kind of the piece starting at line from; *end is where the
 * piece ends. */
static enum block_kind next_piece(const rf_para *para, size_t from, size_t *end)
{
    *end = para->count;
    if (all_lines(para, from, 0))
        return BK_TAB;
    if (all_lines(para, from, 1))
        return BK_PIPE;
    if (is_list_line(para, from))
        return BK_LIST;
    for (size_t i = from + 1; i < para->count; i++) {
        if (is_list_line(para, i)) {
            *end = i;
            break;
        }
    }
    return BK_PARA;
}

static void set_span(rf_block *b, const rf_para *para, size_t from, size_t end)
{
    b->line = para->lines[from].line;
    b->start = para->lines[from].start;
    b->end = para->lines[end - 1].end;
    b->end_line = para->lines[end - 1].line;
    b->src_lines = end - from;
    for (size_t i = from; i < end; i++)
        b->raw_size += para->lines[i].end - para->lines[i].start;
}

static void build_para(rf_parser *p, rf_block *b, const rf_para *para, size_t from,
                       size_t end)
{
    for (size_t i = from; i < end; i++) {
        if (i > from)
            rf_buf_putc(p, &b->text, ' ');
        rf_buf_append(p, &b->text, RF_COL(para, i), para->lines[i].col_len);
    }
    if (end - from == 1) /* the line was cleaned already, the same way */
        rf_buf_append(p, &b->clean, RF_CLN(para, from), para->lines[from].cln_len);
    else
        rf_clean_collapsed(p, b->text.data ? b->text.data : "", b->text.size, &b->clean);
}

static rf_block *build_kind(rf_parser *p, enum block_kind kind, const rf_para *para,
                             size_t from, size_t end)
{
    rf_block *b = rf_block_take(p);
    if (!b)
        return NULL;
    b->kind = kind;
    set_span(b, para, from, end);
    if (kind == BK_PARA)
        build_para(p, b, para, from, end);
    else if (kind == BK_LIST)
        rf_list_build(p, b, para, from, end);
    else
        rf_table_build(p, b, para, from, end);
    b->uniform = rf_table_uniform(b); /* merging keeps it: both sides share it */
    return b;
}


rf_block *rf_block_build(rf_parser *p, const rf_para *para, size_t from, size_t *end)
{
    enum block_kind kind = next_piece(para, from, end);
    return build_kind(p, kind, para, from, *end);
}
