/* Tables (SPEC §3.4 rule 2): built from paragraph lines, merged across a
 * page break, their header rows decided, handed out row by row.
 *  - a TAB table's cells are its lines split on TAB; a pipe table's the
 *    cells between "|"; separator rows "|---|" are marked (they make no row);
 *    every cell is cleaned of markup and collapsed;
 *  - two tables of the same kind whose rows all have the same cell count
 *    are one (blocks.c decides, rf_table_append joins);
 *  - header rows: in a pipe table the row before a separator; in a TAB
 *    table the first row by rule (a) "no value but years, and a later row
 *    has a value" or (b) "two or more non-empty cells, a letter, and only
 *    capital letters";
 *  - a cell that is a Danish number has its value.
 */
#include <string.h>

#include "block.h"

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

void rf_table_build(rf_parser *p, rf_block *b, const rf_para *para, size_t from, size_t end)
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
long rf_table_uniform(const rf_block *b)
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

/* Two tables merged (rule 2): x's rows after b's. */
void rf_table_append(rf_parser *p, rf_block *b, const rf_block *x)
{
    size_t base_cell = b->n_cells;
    for (size_t i = 0; i < x->n_cells; i++) {
        void *arr = b->cells;
        if (rf_grow(p, &arr, &b->cap_cells, b->n_cells + 1, sizeof(cell_ref)) < 0)
            return;
        b->cells = arr;
        b->cells[b->n_cells].off = b->text.size;
        b->cells[b->n_cells].len = x->cells[i].len;
        rf_buf_append(p, &b->text, x->text.data + x->cells[i].off, x->cells[i].len);
        b->n_cells++;
    }
    for (size_t i = 0; i < x->n_rows; i++) {
        void *arr = b->rows;
        if (rf_grow(p, &arr, &b->cap_rows, b->n_rows + 1, sizeof(row_ref)) < 0)
            return;
        b->rows = arr;
        b->rows[b->n_rows] = x->rows[i];
        b->rows[b->n_rows].first_cell += base_cell;
        b->n_rows++;
    }
}

static int is_year(double value, int is_integer)
{
    return is_integer && value >= 1900 && value <= 2099;
}

/* Header rules (a) and (b) for the first row of a TAB table. */
static int tab_header(const rf_block *b, const row_ref *first, int later_value)
{
    int other_value = 0, nonempty = 0, letters = 0, lower = 0;
    for (size_t i = 0; i < first->ncells; i++) {
        const cell_ref *c = &b->cells[first->first_cell + i];
        const char *s = b->text.data + c->off;
        double v;
        int integer;
        if (rf_match_number(s, c->len, &v, &integer) && !is_year(v, integer))
            other_value = 1;
        nonempty += c->len > 0;
        size_t k = 0;
        while (k < c->len) {
            int32_t cp = rf_next_cp(s, c->len, &k);
            if (rf_is_letter_cp(cp)) {
                letters = 1;
                lower |= !rf_is_upper_cp(cp);
            }
        }
    }
    if (!other_value && later_value)
        return 1;
    return nonempty >= 2 && letters && !lower;
}

static int row_has_value(const rf_block *b, const row_ref *r)
{
    double v;
    int integer;
    for (size_t c = 0; c < r->ncells; c++) {
        const cell_ref *ref = &b->cells[r->first_cell + c];
        if (rf_match_number(b->text.data + ref->off, ref->len, &v, &integer))
            return 1;
    }
    return 0;
}

/* Marks the header rows; returns the column count. */
size_t rf_table_mark_headers(rf_block *b)
{
    size_t columns = 0, first = b->n_rows;
    int later_value = 0;
    for (size_t i = 0; i < b->n_rows; i++) {
        row_ref *r = &b->rows[i];
        if (r->separator) {
            if (b->kind == BK_PIPE && i > 0)
                b->rows[i - 1].header = 1;
            continue;
        }
        if (r->ncells > columns)
            columns = r->ncells;
        if (first == b->n_rows)
            first = i;
        else if (!later_value)
            later_value = row_has_value(b, r);
    }
    if (b->kind == BK_TAB && first < b->n_rows)
        b->rows[first].header = tab_header(b, &b->rows[first], later_value);
    return columns;
}

void rf_table_row_event(rf_parser *p, const rf_block *b, const row_ref *r, referat_event *ev)
{
    ev->type = REFERAT_EV_TABLE_ROW;
    ev->span = (referat_span){r->start, r->end, r->line, r->line};
    ev->header = r->header;
    referat_cell *cells = rf_arena_alloc(p, sizeof(referat_cell) * (r->ncells ? r->ncells : 1));
    if (!cells)
        return;
    for (size_t c = 0; c < r->ncells; c++) {
        const cell_ref *ref = &b->cells[r->first_cell + c];
        referat_cell *cell = &cells[c];
        memset(cell, 0, sizeof *cell);
        cell->text = rf_block_str(p, b, ref->off, ref->len);
        cell->has_value = rf_match_number(b->text.data + ref->off, ref->len, &cell->value,
                                          &cell->value_is_integer);
    }
    ev->cells = cells;
    ev->cell_count = r->ncells;
}
