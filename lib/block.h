/* libreferat internals: the block being built (blocks.c, block_build.c,
 * block_emit.c, table.c, list.c). Nothing here is public API. */
#ifndef REFERAT_BLOCK_H
#define REFERAT_BLOCK_H

#include "internal.h"

enum block_kind { BK_PARA, BK_LIST, BK_TAB, BK_PIPE };

typedef struct item_ref {
    size_t label_off, label_len, text_off, text_len, level;
    uint64_t line, start, end, end_line;
} item_ref;

typedef struct row_ref {
    size_t first_cell, ncells;
    int separator, header;
    uint64_t line, start, end;
} row_ref;

typedef struct cell_ref {
    size_t off, len;
} cell_ref;

/* An absence line that stood after the block (emitted right after it, so
 * that events stay in document order). */
typedef struct absence_ref {
    size_t off, len;
    uint64_t line, start, end;
} absence_ref;

struct rf_block {
    enum block_kind kind;
    rf_buf text;            /* paragraph: collapsed joined text; list/table: storage */
    rf_buf clean;           /* paragraph: cleaned text */
    int joined;
    size_t src_lines;
    item_ref *items;
    size_t n_items, cap_items;
    row_ref *rows;
    size_t n_rows, cap_rows;
    cell_ref *cells;
    size_t n_cells, cap_cells;
    absence_ref *after;
    size_t n_after, cap_after;
    rf_buf after_text;
    uint64_t line, start, end, end_line;
    size_t raw_size;
    long uniform;           /* tables: the cell count of every row, or -1 */
};


/* block_build.c: life cycle and rule 0 / building from paragraph lines */
rf_block *rf_block_take(rf_parser *p);
void rf_block_recycle(rf_parser *p, rf_block *b);
void rf_block_free(rf_parser *p, rf_block *b);
/* The next piece of para from line from (rule 0), built; *end is where the
 * piece ends. NULL when memory ran out. */
rf_block *rf_block_build(rf_parser *p, const rf_para *para, size_t from, size_t *end);

/* table.c */
void rf_table_build(rf_parser *p, rf_block *b, const rf_para *para, size_t from, size_t end);
long rf_table_uniform(const rf_block *b);
void rf_table_append(rf_parser *p, rf_block *b, const rf_block *x);
/* Marks the header rows; returns the column count. */
size_t rf_table_mark_headers(rf_block *b);
void rf_table_row_event(rf_parser *p, const rf_block *b, const row_ref *r, referat_event *ev);

/* list.c */
void rf_list_build(rf_parser *p, rf_block *b, const rf_para *para, size_t from, size_t end);
void rf_list_append(rf_parser *p, rf_block *b, const rf_block *x);
void rf_list_item_event(rf_parser *p, const rf_block *b, const item_ref *it, referat_event *ev);

/* block_emit.c: rf_block_emit takes the block (recycles or queues it). */
referat_string rf_block_str(rf_parser *p, const rf_block *b, size_t off, size_t len);
void rf_block_emit(rf_parser *p, rf_block *b, int heading);
void rf_block_emit_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                           uint64_t start, uint64_t end);

#endif /* REFERAT_BLOCK_H */
