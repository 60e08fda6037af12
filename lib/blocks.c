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
 * (Rule 1, attachments, is rf_blocks_attachments. Building a block from
 * lines is in block_build.c, emitting it in block_emit.c.)
 *
 * Look-ahead: blk_b is the newest block, which the next paragraph may still
 * merge into (rules 2-4); blk_a is a finished heading candidate waiting to
 * see blk_b. So at most one block is held back beyond the one being built.
 */
#include <string.h>

#include "block.h"

void rf_blocks_free(rf_parser *p)
{
    rf_block_free(p, p->blk_a);
    rf_block_free(p, p->blk_b);
    rf_block_free(p, p->blk_spare);
    p->blk_a = p->blk_b = p->blk_spare = NULL;
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

static void extend_span(rf_block *b, const rf_block *x)
{
    b->end = x->end;
    b->end_line = x->end_line;
    b->raw_size += x->raw_size;
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
    case BK_PIPE:
        return b->uniform >= 0 && b->uniform == x->uniform;
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
        rf_diag_lines(p, REFERAT_DIAG_BLOCK_TOO_LARGE, b->line, x->end_line, b->start, x->end,
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
        rf_list_append(p, b, x);
    } else {
        rf_table_append(p, b, x);
    }
    extend_span(b, x);
    return 1;
}

void rf_blocks_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                       uint64_t start, uint64_t end)
{
    if (p->nomem || !rf_list_entry(p, &p->n_absent, "absences", line, line, start, end))
        return;
    rf_block *b = p->blk_b ? p->blk_b : p->blk_a;
    if (!b) {
        rf_block_emit_absence(p, name, n, line, start, end);
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
    int b_candidate = b && is_candidate(b);
    if (p->blk_a) {
        int heading = b && b->kind == BK_PARA && !b_candidate;
        rf_block_emit(p, p->blk_a, heading); /* takes the block */
        p->blk_a = NULL;
    }
    if (!b)
        return;
    if (b_candidate) {
        p->blk_a = b;
    } else {
        rf_block_emit(p, b, 0);
    }
}

static void push_block(rf_parser *p, rf_block *x)
{
    if (p->nomem) {
        /* x may be half-built: never merge or emit it (the parse ends) */
        rf_block_recycle(p, x);
        return;
    }
    if (p->blk_b && try_merge(p, p->blk_b, x)) {
        rf_block_recycle(p, x);
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
        rf_block *x = rf_block_build(p, para, i, &end);
        if (!x)
            return;
        push_block(p, x);
        i = end;
    }
}

void rf_blocks_flush(rf_parser *p)
{
    if (p->nomem)
        return; /* the held blocks may be half-built; rf_blocks_free frees them */
    finish_b(p);
    if (p->blk_a) {
        rf_block_emit(p, p->blk_a, 0);
        p->blk_a = NULL;
    }
}

/* Rule 1: inside an attachments section every line is an attachment. */
void rf_blocks_attachments(rf_parser *p, rf_para *para)
{
    for (size_t i = 0; i < para->count; i++) {
        const rf_line *l = &para->lines[i];
        if (!rf_list_entry(p, &p->n_attach, "attachments", l->line, l->line, l->start, l->end))
            return;
        referat_event *ev = rf_emit(p, REFERAT_EV_ATTACHMENT, l->start, l->end, l->line,
                                    l->line);
        if (!ev)
            return;
        ev->name = rf_str(p, RF_COL(para, i), l->col_len);
    }
}

