/* The public API: parser life cycle, push input, pull events. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tree.h"

#define MIN_BLOCK 64

/* the default allocator, of parsers and of trees (tree.h) */
void *rf_default_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

void referat_options_init(referat_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->struct_size = sizeof *opts;
    opts->max_block_size = 1u << 20;
}

/* The caller's options over the defaults: only the struct_size bytes its
 * program knows (a program built against an older, smaller struct leaves
 * the newer fields at their defaults). 0 when struct_size is impossible. */
static int read_options(const referat_options *opts, referat_options *o)
{
    referat_options_init(o);
    if (!opts)
        return 1;
    size_t size = opts->struct_size;
    if (size < offsetof(referat_options, max_block_size) + sizeof(size_t))
        return 0; /* not made by referat_options_init */
    if (size > sizeof *o)
        size = sizeof *o; /* a newer program: its extra fields are unknown here */
    memcpy(o, opts, size);
    o->struct_size = sizeof *o;
    return 1;
}

referat_parser *referat_parser_new(const referat_options *opts)
{
    referat_options o;
    if (!read_options(opts, &o))
        return NULL;
    if (!o.realloc_fn) {
        o.realloc_fn = rf_default_realloc;
        o.alloc_ctx = NULL;
    }
    if (o.max_block_size < MIN_BLOCK)
        o.max_block_size = MIN_BLOCK;
    if (!o.max_list_entries)
        o.max_list_entries = 10000;
    if (!o.max_diagnostics)
        o.max_diagnostics = 10000;
    if (o.max_block_size > REFERAT_MAX_BLOCK_SIZE)
        o.max_block_size = REFERAT_MAX_BLOCK_SIZE; /* keeps size arithmetic from wrapping */
    referat_parser *p = o.realloc_fn(o.alloc_ctx, NULL, sizeof *p);
    if (!p)
        return NULL;
    memset(p, 0, sizeof *p);
    p->opt = o;
    p->in.line = 1;
    p->state = RF_BEFORE_MEETING;
    return p;
}

void referat_parser_free(referat_parser *p)
{
    if (!p)
        return;
    rf_buf_free(p, &p->in.carry);
    rf_page_free(p);
    rf_buf_free(p, &p->nfc);
    rf_buf_free(p, &p->col);
    rf_buf_free(p, &p->scratch);
    rf_buf_free(p, &p->scratch2);
    rf_free(p, p->ucs);
    rf_buf_free(p, &p->para.text);
    rf_free(p, p->para.lines);
    rf_queue_free(p);
    rf_free(p, p->toc);
    rf_buf_free(p, &p->toc_text);
    rf_buf_free(p, &p->item_title);
    rf_blocks_free(p);
    rf_structure_free(p);
    p->opt.realloc_fn(p->opt.alloc_ctx, p, 0);
}

static referat_status misuse(rf_parser *p, const char *message)
{
    rf_set_error(p, REFERAT_E_MISUSE, message, p->in.offset, p->in.line, 0);
    return REFERAT_ERROR;
}

referat_status referat_parser_feed(referat_parser *p, const void *data, size_t size)
{
    if (!p)
        return REFERAT_ERROR;
    if (p->failed)
        return REFERAT_ERROR;
    if (p->in.finished)
        return misuse(p, "input fed after referat_parser_finish()");
    if (p->in.chunk_pos < p->in.chunk_size)
        return misuse(p, "input fed before the previous chunk was used up");
    if (!data && size)
        return misuse(p, "NULL data with a non-zero size");
    p->in.chunk = data;
    p->in.chunk_size = size;
    p->in.chunk_pos = 0;
    return REFERAT_OK;
}

referat_status referat_parser_finish(referat_parser *p)
{
    if (!p || p->failed)
        return REFERAT_ERROR;
    p->in.finished = 1;
    return REFERAT_OK;
}

static referat_status out_of_memory(rf_parser *p)
{
    rf_set_error(p, REFERAT_E_NO_MEMORY, "out of memory", p->in.offset, p->in.line, 0);
    return REFERAT_ERROR;
}

/* Reads lines until an event is queued, the input runs out, or it ends. */
static referat_status fill_queue(rf_parser *p)
{
    while (p->q_count == 0) {
        if (p->nomem)
            return out_of_memory(p);
        if (p->failed)
            return REFERAT_ERROR;
        if (p->done)
            return REFERAT_END;
        rf_raw_line raw;
        int r = rf_page_next(p, &raw);
        if (r > 0) {
            if (rf_paragraph_line(p, &raw) < 0)
                return p->nomem ? out_of_memory(p) : REFERAT_ERROR;
        } else if (r == 0) {
            return p->nomem ? out_of_memory(p) : REFERAT_NEED_INPUT;
        } else {
            rf_paragraph_finish(p);
            rf_structure_finish(p);
            p->done = 1;
        }
    }
    return p->nomem ? out_of_memory(p) : REFERAT_OK;
}

referat_status referat_parser_next(referat_parser *p, const referat_event **event)
{
    if (event)
        *event = NULL;
    if (!p || p->failed)
        return REFERAT_ERROR;
    if (!event)
        return misuse(p, "referat_parser_next() needs somewhere to put the event");
    for (;;) {
        if (p->q_count == 0)
            rf_queue_reset(p); /* every queued event was handed out */
        referat_status st = fill_queue(p);
        if (st != REFERAT_OK)
            return st;
        if (rf_queue_pop(p, event)) {
            if (!p->nomem)
                return REFERAT_OK;
            *event = NULL;
            return out_of_memory(p);
        }
        /* a deferred block ran out of events: read on */
    }
}

const referat_error *referat_parser_error(const referat_parser *p)
{
    return p && p->failed ? &p->error : NULL;
}

referat_status rf_drain(referat_parser *p, referat_event_fn fn, void *user)
{
    const referat_event *ev;
    referat_status st;
    while ((st = referat_parser_next(p, &ev)) == REFERAT_OK) {
        if (fn && fn(user, ev) != 0) {
            rf_set_error(p, REFERAT_E_ABORTED, "stopped by the callback",
                         ev->span.start_offset, ev->span.start_line, 0);
            return REFERAT_ERROR;
        }
    }
    return st;
}

void rf_copy_error(const referat_parser *p, referat_error *error_out)
{
    static const referat_error no_memory = {REFERAT_E_NO_MEMORY, "out of memory", 0, 0, 0};
    const referat_error *e = p ? referat_parser_error(p) : NULL;
    if (error_out)
        *error_out = e ? *e : no_memory;
}

referat_status referat_parse(const void *data, size_t size, const referat_options *opts,
                             referat_event_fn fn, void *user, referat_error *error_out)
{
    referat_parser *p = referat_parser_new(opts);
    referat_status st = p ? referat_parser_feed(p, data, size) : REFERAT_ERROR;
    if (st == REFERAT_OK)
        st = referat_parser_finish(p);
    if (st == REFERAT_OK)
        st = rf_drain(p, fn, user);
    if (st != REFERAT_END)
        rf_copy_error(p, error_out);
    referat_parser_free(p);
    return st == REFERAT_END ? REFERAT_END : REFERAT_ERROR;
}
