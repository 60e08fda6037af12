/* Lists (SPEC §3.4 rule 3): built from paragraph lines, merged across
 * blank lines, handed out item by item.
 *  - a line with a list marker (bullet or enumerator, rf_match_list) starts
 *    an item; its level is half its leading spaces, rounded up; a line
 *    without a marker continues the item before;
 *  - list paragraphs separated only by blank lines are one list (blocks.c
 *    decides, rf_list_append joins);
 *  - an item's text is cleaned when it is handed out.
 */
#include <string.h>

#include "block.h"

void rf_list_build(rf_parser *p, rf_block *b, const rf_para *para, size_t from, size_t end)
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

/* Two lists merged (rule 3): x's items after b's. */
void rf_list_append(rf_parser *p, rf_block *b, const rf_block *x)
{
    for (size_t i = 0; i < x->n_items; i++) {
        void *arr = b->items;
        if (rf_grow(p, &arr, &b->cap_items, b->n_items + 1, sizeof(item_ref)) < 0)
            return;
        b->items = arr;
        item_ref it = x->items[i];
        it.label_off = b->text.size;
        rf_buf_append(p, &b->text, x->text.data + x->items[i].label_off, it.label_len);
        it.text_off = b->text.size;
        rf_buf_append(p, &b->text, x->text.data + x->items[i].text_off, it.text_len);
        b->items[b->n_items++] = it;
    }
}

void rf_list_item_event(rf_parser *p, const rf_block *b, const item_ref *it, referat_event *ev)
{
    ev->type = REFERAT_EV_LIST_ITEM;
    ev->span = (referat_span){it->start, it->end, it->line, it->end_line};
    ev->label = rf_block_str(p, b, it->label_off, it->label_len);
    ev->level = (int64_t)it->level;
    rf_buf_clear(&p->scratch);
    rf_clean_collapsed(p, b->text.data + it->text_off, it->text_len, &p->scratch);
    ev->text = rf_str(p, p->scratch.data ? p->scratch.data : "", p->scratch.size);
}
