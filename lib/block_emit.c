/* Handing a finished block out as events: paragraph/heading, list_start
 * list_item* list_end, table_start table_row* table_end (rows before a pipe
 * separator are headers; the first row of a TAB table is a header by rule
 * (a) "no value but years, and a later row has a value" or (b) "two or more
 * non-empty cells, a letter, and only capital letters"). */
#include <string.h>

#include "block.h"

static referat_string block_str(rf_parser *p, const rf_block *b, size_t off, size_t len)
{
    return rf_str(p, b->text.data + off, len);
}

static void emit_para(rf_parser *p, const rf_block *b, int heading)
{
    referat_event *ev = rf_emit(p, heading ? REFERAT_EV_HEADING : REFERAT_EV_PARAGRAPH,
                                b->start, b->end, b->line, b->end_line);
    if (ev)
        ev->text = rf_str(p, b->clean.data ? b->clean.data : "", b->clean.size);
}

static void emit_list(rf_parser *p, const rf_block *b)
{
    rf_emit(p, REFERAT_EV_LIST_START, b->start, b->end, b->line, b->end_line);
    for (size_t i = 0; i < b->n_items; i++) {
        const item_ref *it = &b->items[i];
        referat_event *ev = rf_emit(p, REFERAT_EV_LIST_ITEM, it->start, it->end, it->line,
                                    it->end_line);
        if (!ev)
            return;
        ev->label = block_str(p, b, it->label_off, it->label_len);
        ev->number = (int64_t)it->level;
        rf_buf_clear(&p->scratch);
        rf_clean_collapsed(p, b->text.data + it->text_off, it->text_len, &p->scratch);
        ev->text = rf_str(p, p->scratch.data ? p->scratch.data : "", p->scratch.size);
    }
    rf_emit(p, REFERAT_EV_LIST_END, b->start, b->end, b->line, b->end_line);
}

static int is_year(const referat_cell *c)
{
    return c->value_is_integer && c->value >= 1900 && c->value <= 2099;
}

/* Header rules (a) and (b) for the first row of a TAB table. */
static int tab_header(const referat_cell *first, size_t n, int later_value)
{
    int other_value = 0, nonempty = 0, letters = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        if (first[i].has_value && !is_year(&first[i]))
            other_value = 1;
        nonempty += first[i].text.size > 0;
        const char *s = first[i].text.data;
        size_t k = 0;
        while (k < first[i].text.size) {
            int32_t cp = rf_next_cp(s, first[i].text.size, &k);
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

static referat_cell *make_cells(rf_parser *p, const rf_block *b, const row_ref *r)
{
    referat_cell *cells = rf_arena_alloc(p, sizeof(referat_cell) * (r->ncells ? r->ncells : 1));
    if (!cells)
        return NULL;
    for (size_t c = 0; c < r->ncells; c++) {
        const cell_ref *ref = &b->cells[r->first_cell + c];
        referat_cell *cell = &cells[c];
        memset(cell, 0, sizeof *cell);
        cell->text = block_str(p, b, ref->off, ref->len);
        cell->has_value = rf_match_number(b->text.data + ref->off, ref->len, &cell->value,
                                          &cell->value_is_integer);
    }
    return cells;
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

static void emit_table(rf_parser *p, rf_block *b)
{
    size_t columns = 0, first = b->n_rows;
    int later_value = 0;
    for (size_t i = 0; i < b->n_rows; i++) {
        const row_ref *r = &b->rows[i];
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
    referat_event *ev = rf_emit(p, REFERAT_EV_TABLE_START, b->start, b->end, b->line,
                                b->end_line);
    if (ev)
        ev->number = (int64_t)columns;
    for (size_t i = 0; i < b->n_rows; i++) {
        const row_ref *r = &b->rows[i];
        if (r->separator)
            continue;
        ev = rf_emit(p, REFERAT_EV_TABLE_ROW, r->start, r->end, r->line, r->line);
        if (!ev)
            return;
        ev->cells = make_cells(p, b, r);
        ev->cell_count = ev->cells ? r->ncells : 0;
        ev->header = r->header;
        if (b->kind == BK_TAB && i == first)
            ev->header = tab_header(ev->cells, ev->cell_count, later_value);
    }
    rf_emit(p, REFERAT_EV_TABLE_END, b->start, b->end, b->line, b->end_line);
}

void rf_block_emit_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                         uint64_t start, uint64_t end)
{
    referat_event *ev = rf_emit(p, REFERAT_EV_ABSENCE, start, end, line, line);
    if (ev)
        ev->name = rf_str(p, name, n);
}

void rf_block_emit(rf_parser *p, rf_block *b, int heading)
{
    if (b->kind == BK_PARA)
        emit_para(p, b, heading);
    else if (b->kind == BK_LIST)
        emit_list(p, b);
    else
        emit_table(p, b);
    for (size_t i = 0; i < b->n_after; i++) {
        const absence_ref *a = &b->after[i];
        rf_block_emit_absence(p, b->after_text.data + a->off, a->len, a->line, a->start, a->end);
    }
}

