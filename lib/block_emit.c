/* Handing a finished block out as events: paragraph/heading, list_start
 * list_item* list_end (list.c makes the items), table_start table_row*
 * table_end (table.c decides the header rows and makes the rows), then the
 * absence lines that stood after the block.
 *
 * A list or table is queued as one deferred entry (emit.c) and its items or
 * rows are made by expand() one per referat_parser_next call: memory
 * stays that of the block, not of its events. */
#include <string.h>

#include "block.h"

referat_string rf_block_str(rf_parser *p, const rf_block *b, size_t off, size_t len)
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

static int expand(rf_parser *p, void *ctx, size_t *index, referat_event *ev);

static void done(rf_parser *p, void *ctx)
{
    rf_block_recycle(p, ctx);
}

static const rf_deferred_ops block_ops = {expand, done};

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
    size_t columns = b->kind == BK_LIST ? 0 : rf_table_mark_headers(b);
    referat_event *ev = rf_emit(p, start, b->start, b->end, b->line, b->end_line);
    if (ev && start == REFERAT_EV_TABLE_START)
        ev->columns = (int64_t)columns;
    referat_span span = {b->start, b->end, b->line, b->end_line};
    rf_emit_deferred(p, b, &block_ops, &span);
}

/* The events of a deferred block in order: its items or rows (separator
 * rows make none), the end event, the absences after it. */
static int expand(rf_parser *p, void *ctx, size_t *index, referat_event *ev)
{
    rf_block *b = ctx;
    int list = b->kind == BK_LIST;
    size_t parts = list ? b->n_items : b->n_rows;
    while (*index < parts && !list && b->rows[*index].separator)
        (*index)++;
    size_t k = (*index)++;
    memset(ev, 0, sizeof *ev);
    ev->page = -1;
    if (k < parts) {
        if (list)
            rf_list_item_event(p, b, &b->items[k], ev);
        else
            rf_table_row_event(p, b, &b->rows[k], ev);
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
