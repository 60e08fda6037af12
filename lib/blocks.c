/* Blocks (SPEC §3.4): the paragraphs of a section become paragraph,
 * heading, list and table blocks.
 *
 *  0. mixed paragraphs: a paragraph that is not a table, whose first line is
 *     not a list line but a later line is, is cut before that line;
 *  2. tables: every line holds a TAB (cells split on TAB), or every line is
 *     a pipe line "|...|" (separator rows "|---|" dropped, the row before
 *     one is a header). Two tables of the same kind with the same cell
 *     count in every row, separated only by blank lines, are one table;
 *  3. lists: a paragraph that starts with a list line; a line without a
 *     marker continues the item before it; consecutive list paragraphs are
 *     one list;
 *  4. page-break repair: a plain paragraph that does not end in . : ; ! ?
 *     followed by one that starts with a lower-case letter and ends in
 *     . : ! ? are joined;
 *  5. headings: a one-line, unjoined paragraph of at most 60 characters that
 *     starts upper case and does not end in . : ; , ! ? (but " mm." and
 *     " mv." may end it) is a heading when the next block of the section is
 *     a paragraph that is not such a candidate itself;
 *  6. everything else is a paragraph.
 * (Rule 1, attachments, is rf_blocks_attachments.)
 *
 * Look-ahead: blk_b is the newest block, which the next paragraph may still
 * merge into (rules 2-4); blk_a is a finished heading candidate waiting to
 * see blk_b. So at most one block is held back beyond the one being built.
 */
#include <string.h>

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
};

static rf_block *take_block(rf_parser *p)
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

static void free_block(rf_parser *p, rf_block *b)
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

static void recycle(rf_parser *p, rf_block *b)
{
    if (!p->blk_spare)
        p->blk_spare = b;
    else
        free_block(p, b);
}

void rf_blocks_free(rf_parser *p)
{
    free_block(p, p->blk_a);
    free_block(p, p->blk_b);
    free_block(p, p->blk_spare);
    p->blk_a = p->blk_b = p->blk_spare = NULL;
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

/* s[0] is the opening bar; n excludes the closing one. */
static int pipe_separator(const char *s, size_t n)
{
    size_t i = 1;
    while (i <= n) {
        const char *bar = memchr(s + i, '|', n - i);
        size_t e = bar ? (size_t)(bar - s) : n;
        if (!rf_is_pipe_separator(s + i, e - i))
            return 0;
        i = e + 1;
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
            size_t n = l->col_len - 1; /* the closing bar */
            r->separator = pipe_separator(s, n);
            size_t c = 1;
            while (c <= n) {
                const char *bar = memchr(s + c, '|', n - c);
                size_t e = bar ? (size_t)(bar - s) : n;
                add_cell(p, b, s + c, e - c);
                c = e + 1;
            }
        }
        r->ncells = b->n_cells - r->first_cell;
    }
}

static rf_block *build_block(rf_parser *p, enum block_kind kind, const rf_para *para,
                             size_t from, size_t end)
{
    rf_block *b = take_block(p);
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
    return b;
}

/* ---- rules that look at two blocks -------------------------------------- */

static int ends_in(const rf_buf *t, const char *set)
{
    return t->size > 0 && strchr(set, t->data[t->size - 1]) != NULL;
}

static int is_candidate(const rf_block *b)
{
    if (b->kind != BK_PARA || b->joined || b->src_lines != 1 || b->clean.size == 0)
        return 0;
    const char *s = b->clean.data;
    size_t n = b->clean.size;
    /* at most 60 code points: at most 240 bytes, and count only when needed */
    if (n > 240 || (n > 60 && rf_count_cps(s, n) > 60))
        return 0;
    size_t i = 0;
    if (!rf_is_upper_cp(rf_next_cp(s, n, &i)))
        return 0;
    if (!ends_in(&b->clean, ".:;,!?"))
        return 1;
    return n >= 4 && (memcmp(s + n - 4, " mm.", 4) == 0 || memcmp(s + n - 4, " mv.", 4) == 0);
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

static void extend_span(rf_block *b, const rf_block *x)
{
    b->end = x->end;
    b->end_line = x->end_line;
    b->raw_size += x->raw_size;
}

static void append_rows(rf_parser *p, rf_block *b, const rf_block *x)
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

static void append_items(rf_parser *p, rf_block *b, const rf_block *x)
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

/* Rule 4's test on two plain paragraphs. */
static int page_break(const rf_block *b, const rf_block *x)
{
    if (ends_in(&b->clean, ".:;!?") || x->clean.size == 0 || !ends_in(&x->clean, ".:!?"))
        return 0;
    size_t i = 0;
    return rf_is_lower_cp(rf_next_cp(x->clean.data, x->clean.size, &i));
}

static int can_merge(const rf_block *b, const rf_block *x)
{
    if (b->kind != x->kind)
        return 0;
    switch (b->kind) {
    case BK_TAB:
    case BK_PIPE: {
        long nb = uniform_cells(b);
        return nb >= 0 && nb == uniform_cells(x);
    }
    case BK_LIST:
        return 1;
    case BK_PARA:
        return page_break(b, x);
    }
    return 0;
}

static int try_merge(rf_parser *p, rf_block *b, const rf_block *x)
{
    if (!can_merge(b, x))
        return 0;
    if (b->raw_size + x->raw_size > p->opt.max_block_size) {
        /* the merged block would pass the limit: keep them apart */
        rf_diag(p, REFERAT_DIAG_BLOCK_TOO_LARGE, b->line, b->start, x->end,
                "block larger than %zu bytes cut in two", p->opt.max_block_size);
        return 0;
    }
    if (b->kind == BK_PARA) {
        rf_buf_putc(p, &b->text, ' ');
        rf_buf_append(p, &b->text, x->text.data, x->text.size);
        rf_buf_clear(&b->clean);
        rf_clean_collapsed(p, b->text.data, b->text.size, &b->clean);
        b->joined = 1;
    } else if (b->kind == BK_LIST) {
        append_items(p, b, x);
    } else {
        append_rows(p, b, x);
    }
    extend_span(b, x);
    return 1;
}

/* ---- emitting ----------------------------------------------------------- */

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

static void emit_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                         uint64_t start, uint64_t end)
{
    referat_event *ev = rf_emit(p, REFERAT_EV_ABSENCE, start, end, line, line);
    if (ev)
        ev->name = rf_str(p, name, n);
}

static void emit_block(rf_parser *p, rf_block *b, int heading)
{
    if (b->kind == BK_PARA)
        emit_para(p, b, heading);
    else if (b->kind == BK_LIST)
        emit_list(p, b);
    else
        emit_table(p, b);
    for (size_t i = 0; i < b->n_after; i++) {
        const absence_ref *a = &b->after[i];
        emit_absence(p, b->after_text.data + a->off, a->len, a->line, a->start, a->end);
    }
}

void rf_blocks_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                       uint64_t start, uint64_t end)
{
    rf_block *b = p->blk_b ? p->blk_b : p->blk_a;
    if (!b) {
        emit_absence(p, name, n, line, start, end);
        return;
    }
    void *arr = b->after;
    if (rf_grow(p, &arr, &b->cap_after, b->n_after + 1, sizeof(absence_ref)) < 0)
        return;
    b->after = arr;
    absence_ref *a = &b->after[b->n_after++];
    a->off = b->after_text.size;
    rf_buf_append(p, &b->after_text, name, n);
    a->len = b->after_text.size - a->off;
    a->line = line;
    a->start = start;
    a->end = end;
}

/* blk_b is complete: decide blk_a with it, then hold blk_b back only if it
 * is a heading candidate itself. */
static void finish_b(rf_parser *p)
{
    rf_block *b = p->blk_b;
    p->blk_b = NULL;
    if (p->blk_a) {
        int heading = b && b->kind == BK_PARA && !is_candidate(b);
        emit_block(p, p->blk_a, heading);
        recycle(p, p->blk_a);
        p->blk_a = NULL;
    }
    if (!b)
        return;
    if (is_candidate(b)) {
        p->blk_a = b;
    } else {
        emit_block(p, b, 0);
        recycle(p, b);
    }
}

static void push_block(rf_parser *p, rf_block *x)
{
    if (p->blk_b && try_merge(p, p->blk_b, x)) {
        recycle(p, x);
        return;
    }
    finish_b(p);
    p->blk_b = x;
}

void rf_blocks_add(rf_parser *p, rf_para *para)
{
    size_t i = 0;
    while (i < para->count && !p->nomem) {
        size_t end;
        enum block_kind kind = next_piece(para, i, &end);
        rf_block *x = build_block(p, kind, para, i, end);
        if (!x)
            return;
        push_block(p, x);
        i = end;
    }
}

void rf_blocks_flush(rf_parser *p)
{
    finish_b(p);
    if (p->blk_a) {
        emit_block(p, p->blk_a, 0);
        recycle(p, p->blk_a);
        p->blk_a = NULL;
    }
}

/* Rule 1: inside an attachments section every line is an attachment. */
void rf_blocks_attachments(rf_parser *p, rf_para *para)
{
    for (size_t i = 0; i < para->count; i++) {
        const rf_line *l = &para->lines[i];
        referat_event *ev = rf_emit(p, REFERAT_EV_ATTACHMENT, l->start, l->end, l->line,
                                    l->line);
        if (!ev)
            return;
        ev->name = rf_str(p, RF_COL(para, i), l->col_len);
    }
}
