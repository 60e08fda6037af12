/* Building one block from paragraph lines (SPEC §3.4 rules 0, 2, 3):
 *  - rule 0: a paragraph that is not a table, whose first line is not a list
 *    line but a later line is, is cut before that line;
 *  - a piece whose every line holds a TAB is a TAB table (cells split on
 *    TAB), one whose every line is "|...|" a pipe table (separator rows are
 *    marked); one starting with a list line a list (lines without a marker
 *    continue the item before); anything else a plain paragraph.
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

static void build_list(rf_parser *p, rf_block *b, const rf_para *para, size_t from,
                       size_t end)
{
    for (size_t i = from; i < end; i++) {
        const rf_line *l = &para->lines[i];
        rf_listmark m;
        if (!rf_match_list(RF_NFC(para, i), l->nfc_len, &m)) {
            /* a continuation of the item before */
            if (b->n_items == 0)
                continue;
            item_ref *it = &b->items[b->n_items - 1];
            rf_buf_putc(p, &b->text, ' ');
            rf_buf_append(p, &b->text, RF_COL(para, i), l->col_len);
            it->text_len = b->text.size - it->text_off;
            it->end = l->end;
            it->end_line = l->line;
            continue;
        }
        void *arr = b->items;
        if (rf_grow(p, &arr, &b->cap_items, b->n_items + 1, sizeof(item_ref)) < 0)
            return;
        b->items = arr;
        item_ref *it = &b->items[b->n_items++];
        it->level = m.level;
        it->line = it->end_line = l->line;
        it->start = l->start;
        it->end = l->end;
        it->label_off = b->text.size;
        rf_buf_append(p, &b->text, m.label.s, m.label.n);
        it->label_len = b->text.size - it->label_off;
        it->text_off = b->text.size;
        rf_collapse(p, m.text.s, m.text.n, &b->text);
        it->text_len = b->text.size - it->text_off;
    }
}

static void add_cell(rf_parser *p, rf_block *b, const char *s, size_t n)
{
    void *arr = b->cells;
    if (rf_grow(p, &arr, &b->cap_cells, b->n_cells + 1, sizeof(cell_ref)) < 0)
        return;
    b->cells = arr;
    cell_ref *c = &b->cells[b->n_cells++];
    c->off = b->text.size;
    rf_clean(p, s, n, &b->text);
    c->len = b->text.size - c->off;
}

static int pipe_separator(const char *s, size_t n)
{
    size_t pos = 0;
    rf_slice cell;
    while (rf_next_pipe_cell(s, n, &pos, &cell)) {
        if (!rf_is_pipe_separator(cell.s, cell.n))
            return 0;
    }
    return 1;
}

static void build_table(rf_parser *p, rf_block *b, const rf_para *para, size_t from,
                        size_t end)
{
    for (size_t i = from; i < end; i++) {
        const rf_line *l = &para->lines[i];
        void *arr = b->rows;
        if (rf_grow(p, &arr, &b->cap_rows, b->n_rows + 1, sizeof(row_ref)) < 0)
            return;
        b->rows = arr;
        row_ref *r = &b->rows[b->n_rows++];
        r->first_cell = b->n_cells;
        r->line = l->line;
        r->start = l->start;
        r->end = l->end;
        r->header = 0;
        r->separator = 0;
        if (b->kind == BK_TAB) {
            const char *s = RF_NFC(para, i);
            size_t n = l->nfc_len, c = 0;
            for (;;) {
                const char *tab = memchr(s + c, '\t', n - c);
                size_t e = tab ? (size_t)(tab - s) : n;
                add_cell(p, b, s + c, e - c);
                if (!tab)
                    break;
                c = e + 1;
            }
        } else {
            const char *s = RF_COL(para, i);
            size_t pos = 0;
            rf_slice cell;
            r->separator = pipe_separator(s, l->col_len);
            while (rf_next_pipe_cell(s, l->col_len, &pos, &cell))
                add_cell(p, b, cell.s, cell.n);
        }
        r->ncells = b->n_cells - r->first_cell;
    }
}

/* The common cell count of all (non-separator) rows, or -1. */
static long uniform_cells(const rf_block *b)
{
    long n = -1;
    for (size_t i = 0; i < b->n_rows; i++) {
        if (b->rows[i].separator)
            continue;
        if (n >= 0 && (size_t)n != b->rows[i].ncells)
            return -1;
        n = (long)b->rows[i].ncells;
    }
    return n;
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
        build_list(p, b, para, from, end);
    else
        build_table(p, b, para, from, end);
    b->uniform = uniform_cells(b); /* merging keeps it: both sides share it */
    return b;
}


rf_block *rf_block_build(rf_parser *p, const rf_para *para, size_t from, size_t *end)
{
    enum block_kind kind = next_piece(para, from, end);
    return build_kind(p, kind, para, from, *end);
}
