/* The event queue and the arena that holds the strings of queued events.
 *
 * Events are produced a few at a time (one input line rarely gives more
 * than a handful) and handed out in order. Their strings live in an arena
 * of chained blocks that never move, so views stay valid while the queue
 * fills. When the queue has been handed out completely and the caller asks
 * for the next event, queue and arena are reset (SPEC: views are valid until
 * the next call). A list or table is queued as one deferred entry (through
 * rf_deferred_ops: the queue knows no block) that makes
 * its items or rows one per call, so that a block of a million rows never
 * sits in the queue as a million events. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define ARENA_MIN 4096
#define ALIGN 16

void *rf_arena_alloc(rf_parser *p, size_t size)
{
    rf_arena_block **arena = p->arena_in_use ? p->arena_in_use : &p->arena;
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    rf_arena_block *b = *arena;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ARENA_MIN ? size : ARENA_MIN;
        size_t head = (sizeof(rf_arena_block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
        if (cap > SIZE_MAX - head) {
            p->nomem = 1;
            return NULL;
        }
        rf_arena_block *nb = rf_alloc(p, head + cap);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        *arena = b = nb;
    }
    size_t head = (sizeof(rf_arena_block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    void *r = (char *)b + head + b->used;
    b->used += size;
    return r;
}

referat_string rf_str(rf_parser *p, const char *s, size_t n)
{
    referat_string r = {NULL, 0};
    char *d = rf_arena_alloc(p, n + 1);
    if (!d)
        return r;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    r.data = d;
    r.size = n;
    return r;
}

referat_string rf_cstr(rf_parser *p, const char *s)
{
    return rf_str(p, s, strlen(s));
}

referat_event *rf_emit(rf_parser *p, referat_event_type type, uint64_t start,
                       uint64_t end, uint64_t line, uint64_t end_line)
{
    void *q = p->queue;
    if (rf_grow(p, &q, &p->q_cap, p->q_head + p->q_count + 1, sizeof(rf_qentry)) < 0)
        return NULL;
    p->queue = q;
    rf_qentry *e = &p->queue[p->q_head + p->q_count++];
    memset(e, 0, sizeof *e);
    referat_event *ev = &e->ev;
    ev->type = type;
    ev->span.start_offset = start;
    ev->span.end_offset = end;
    ev->span.start_line = line;
    ev->span.end_line = end_line;
    ev->page = -1;
    return ev;
}

/* Counts a diagnostic against max_diagnostics: 0 when it is past it (the
 * first one past it is replaced by a limit-reached diagnostic). */
static int diag_allowed(rf_parser *p, referat_diagnostic_code *code, const char **fmt)
{
    if (*code == REFERAT_DIAG_LIMIT_REACHED)
        return 1;
    if (p->n_diags == p->opt.max_diagnostics) {
        p->n_diags++;
        *code = REFERAT_DIAG_LIMIT_REACHED;
        *fmt = "more diagnostics than max_diagnostics: the rest are not reported";
        return 1;
    }
    return p->n_diags++ < p->opt.max_diagnostics;
}

static void vdiag(rf_parser *p, referat_diagnostic_code code, uint64_t line, uint64_t end_line,
                  uint64_t start, uint64_t end, const char *fmt, va_list ap)
{
    if (!diag_allowed(p, &code, &fmt))
        return;
    referat_event *ev = rf_emit(p, REFERAT_EV_DIAGNOSTIC, start, end, line,
                                end_line >= line ? end_line : line);
    if (!ev)
        return;
    char msg[512];
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof msg) {
        /* cut before the character that did not fit: keep it UTF-8 */
        size_t k = sizeof msg - 1, j = k - 1;
        while (j > 0 && ((unsigned char)msg[j] & 0xC0) == 0x80)
            j--;
        unsigned char lead = (unsigned char)msg[j];
        size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        n = (int)(j + len > k ? j : k);
    }
    ev->diagnostic = code;
    ev->code = rf_cstr(p, referat_diagnostic_code_name(code));
    ev->severity = rf_cstr(p, "warning");
    ev->message = rf_str(p, msg, (size_t)n);
}

void rf_diag(rf_parser *p, referat_diagnostic_code code, uint64_t line, uint64_t start,
             uint64_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(p, code, line, line, start, end, fmt, ap);
    va_end(ap);
}

void rf_diag_lines(rf_parser *p, referat_diagnostic_code code, uint64_t line, uint64_t end_line,
                   uint64_t start, uint64_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(p, code, line, end_line, start, end, fmt, ap);
    va_end(ap);
}

int rf_list_entry(rf_parser *p, size_t *count, const char *what, uint64_t line,
                  uint64_t end_line, uint64_t start, uint64_t end)
{
    if (*count < p->opt.max_list_entries) {
        (*count)++;
        return 1;
    }
    if (*count == p->opt.max_list_entries) {
        (*count)++;
        rf_diag_lines(p, REFERAT_DIAG_LIMIT_REACHED, line, end_line, start, end,
                      "more %s than max_list_entries (%zu): the rest are not reported", what,
                      p->opt.max_list_entries);
    }
    return 0;
}

referat_event *rf_emit_closing(rf_parser *p, referat_event_type type, uint64_t start,
                               uint64_t line)
{
    if (p->last_end < start || p->last_end_line < line)
        return rf_emit(p, type, start, start, line, line); /* nothing read since */
    return rf_emit(p, type, start, p->last_end, line, p->last_end_line);
}

void rf_emit_deferred(rf_parser *p, void *ctx, const rf_deferred_ops *ops,
                      const referat_span *span)
{
    referat_event *ev = rf_emit(p, REFERAT_EV_NONE, span->start_offset, span->end_offset,
                                span->start_line, span->end_line);
    if (!ev) {
        ops->done(p, ctx);
        return;
    }
    rf_qentry *e = &p->queue[p->q_head + p->q_count - 1];
    e->deferred = ctx;
    e->ops = ops;
}

/* Keeps the newest block of an arena, frees the rest. */
static void arena_reset(rf_parser *p, rf_arena_block **arena)
{
    rf_arena_block *b = *arena;
    if (!b)
        return;
    rf_arena_block *old = b->next;
    while (old) {
        rf_arena_block *next = old->next;
        rf_free(p, old);
        old = next;
    }
    b->next = NULL;
    b->used = 0;
}

void rf_queue_reset(rf_parser *p)
{
    p->q_head = 0;
    p->q_count = 0;
    arena_reset(p, &p->arena);
}

int rf_queue_pop(rf_parser *p, const referat_event **ev)
{
    while (p->q_count > 0) {
        rf_qentry *e = &p->queue[p->q_head];
        if (!e->deferred) {
            *ev = &e->ev;
            p->q_head++;
            p->q_count--;
            return 1;
        }
        arena_reset(p, &p->expand_arena);
        p->arena_in_use = &p->expand_arena;
        int made = e->ops->make(p, e->deferred, &e->next_index, &p->current);
        p->arena_in_use = NULL;
        if (made) {
            *ev = &p->current;
            return 1;
        }
        e->ops->done(p, e->deferred);
        e->deferred = NULL;
        p->q_head++;
        p->q_count--;
    }
    return 0;
}

void rf_queue_free(rf_parser *p)
{
    for (size_t i = 0; i < p->q_count; i++)
    {
        rf_qentry *e = &p->queue[p->q_head + i];
        if (e->deferred)
            e->ops->done(p, e->deferred);
    }
    rf_queue_reset(p);
    rf_free(p, p->arena);
    p->arena = NULL;
    arena_reset(p, &p->expand_arena);
    rf_free(p, p->expand_arena);
    p->expand_arena = NULL;
    rf_free(p, p->queue);
    p->queue = NULL;
    p->q_cap = 0;
}

void rf_set_error(rf_parser *p, referat_error_code code, const char *message,
                  uint64_t offset, uint64_t line, uint64_t column)
{
    if (p->failed)
        return;
    p->failed = 1;
    p->error.code = code;
    p->error.message = message;
    p->error.offset = offset;
    p->error.line = line;
    p->error.column = column;
}
