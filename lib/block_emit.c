/* Handing a finished block out as events: paragraph/heading, list_start
 * list_item* list_end, table_start table_row* table_end (rows before a pipe
 * separator are headers; the first row of a TAB table is a header by rule
 * (a) "no value but years, and a later row has a value" or (b) "two or more
 * non-empty cells, a letter, and only capital letters"), then the absence
 * lines that stood after the block.
 *
 * A list or table is queued as one deferred entry (emit.c) and its items or
 * rows are made by rf_block_expand one per referat_parser_next call: memory
 * stays that of the block, not of its events. */
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

static void emit_absences(rf_parser *p, const rf_block *b)
{
    for (size_t i = 0; i < b->n_after; i++) {
        const absence_ref *a = &b->after[i];
        rf_block_emit_absence(p, b->after_text.data + a->off, a->len, a->line, a->start,
                              a->end);
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
static size_t mark_headers(rf_block *b)
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

void rf_block_emit(rf_parser *p, rf_block *b, int heading)
{
    if (p->nomem) {
        /* after an allocation failure a block may be half-built (offsets
         * into a buffer that did not grow): hand nothing out of it */
        rf_block_recycle(p, b);
        return;
    }
    if (b->kind == BK_PARA) {
        emit_para(p, b, heading);
        emit_absences(p, b);
        rf_block_recycle(p, b);
        return;
    }
    referat_event_type start = b->kind == BK_LIST ? REFERAT_EV_LIST_START : REFERAT_EV_TABLE_START;
    size_t columns = b->kind == BK_LIST ? 0 : mark_headers(b);
    referat_event *ev = rf_emit(p, start, b->start, b->end, b->line, b->end_line);
    if (ev && start == REFERAT_EV_TABLE_START)
        ev->columns = (int64_t)columns;
    rf_emit_deferred(p, b);
}

static void make_item(rf_parser *p, const rf_block *b, const item_ref *it, referat_event *ev)
{
    ev->type = REFERAT_EV_LIST_ITEM;
    ev->span = (referat_span){it->start, it->end, it->line, it->end_line};
    ev->label = block_str(p, b, it->label_off, it->label_len);
    ev->level = (int64_t)it->level;
    rf_buf_clear(&p->scratch);
    rf_clean_collapsed(p, b->text.data + it->text_off, it->text_len, &p->scratch);
    ev->text = rf_str(p, p->scratch.data ? p->scratch.data : "", p->scratch.size);
}

static void make_row(rf_parser *p, const rf_block *b, const row_ref *r, referat_event *ev)
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
        cell->text = block_str(p, b, ref->off, ref->len);
        cell->has_value = rf_match_number(b->text.data + ref->off, ref->len, &cell->value,
                                          &cell->value_is_integer);
    }
    ev->cells = cells;
    ev->cell_count = r->ncells;
}

/* The events of a deferred block in order: its items or rows (separator
 * rows make none), the end event, the absences after it. */
int rf_block_expand(rf_parser *p, rf_block *b, size_t *index, referat_event *ev)
{
    int list = b->kind == BK_LIST;
    size_t parts = list ? b->n_items : b->n_rows;
    while (*index < parts && !list && b->rows[*index].separator)
        (*index)++;
    size_t k = (*index)++;
    memset(ev, 0, sizeof *ev);
    ev->page = -1;
    if (k < parts) {
        if (list)
            make_item(p, b, &b->items[k], ev);
        else
            make_row(p, b, &b->rows[k], ev);
        return 1;
    }
    if (k == parts) {
        ev->type = list ? REFERAT_EV_LIST_END : REFERAT_EV_TABLE_END;
        ev->span = (referat_span){b->start, b->end, b->line, b->end_line};
        return 1;
    }
    if (k - parts - 1 < b->n_after) {
        const absence_ref *a = &b->after[k - parts - 1];
        ev->type = REFERAT_EV_ABSENCE;
        ev->span = (referat_span){a->start, a->end, a->line, a->line};
        ev->name = rf_str(p, b->after_text.data + a->off, a->len);
        return 1;
    }
    return 0;
}

void rf_block_emit_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                           uint64_t start, uint64_t end)
{
    referat_event *ev = rf_emit(p, REFERAT_EV_ABSENCE, start, end, line, line);
    if (ev)
        ev->name = rf_str(p, name, n);
}
