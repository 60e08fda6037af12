/* The builder: events folded into trees, each handed out when complete
 * (the rules are at the top of tree.c). */
#include <string.h>

#include "tree.h"

struct referat_builder {
    referat_realloc_fn realloc_fn;
    void *alloc_ctx;
    referat_node *root;  /* the tree being built, NULL between trees */
    referat_node *open;  /* its innermost open container */
    referat_node *ready; /* complete trees not yet taken, oldest first */
    referat_node *ready_last;
    int failed;
};

referat_builder *referat_builder_new(const referat_options *opts)
{
    referat_realloc_fn fn;
    void *ctx;
    rf_tree_allocator(opts, &fn, &ctx);
    referat_builder *b = fn(ctx, NULL, sizeof *b);
    if (!b)
        return NULL;
    memset(b, 0, sizeof *b);
    b->realloc_fn = fn;
    b->alloc_ctx = ctx;
    return b;
}

void referat_builder_free(referat_builder *b)
{
    if (!b)
        return;
    referat_node_free(b->root);
    while (b->ready) {
        referat_node *n = b->ready;
        b->ready = n->next;
        referat_node_free(n);
    }
    b->realloc_fn(b->alloc_ctx, b, 0);
}

referat_node *referat_builder_take(referat_builder *b)
{
    referat_node *n = b->ready;
    if (n) {
        b->ready = n->next;
        if (!b->ready)
            b->ready_last = NULL;
        n->next = NULL;
    }
    return n;
}

/* Queues a complete tree (a root). */
static void hand_out(referat_builder *b, referat_node *tree)
{
    tree->next = NULL;
    if (b->ready_last)
        b->ready_last->next = tree;
    else
        b->ready = tree;
    b->ready_last = tree;
}

/* The open tree is complete. */
static void finish_root(referat_builder *b)
{
    hand_out(b, b->root);
    b->root = b->open = NULL;
}

static int is_start(referat_event_type t)
{
    return t == REFERAT_EV_MEETING_START || t == REFERAT_EV_ITEM_START ||
           t == REFERAT_EV_SUBITEM_START || t == REFERAT_EV_SECTION_START ||
           t == REFERAT_EV_LIST_START || t == REFERAT_EV_TABLE_START;
}

/* The start event an end event closes; NONE when t is not an end. */
static referat_event_type start_of(referat_event_type t)
{
    switch (t) {
    case REFERAT_EV_MEETING_END: return REFERAT_EV_MEETING_START;
    case REFERAT_EV_ITEM_END: return REFERAT_EV_ITEM_START;
    case REFERAT_EV_SUBITEM_END: return REFERAT_EV_SUBITEM_START;
    case REFERAT_EV_SECTION_END: return REFERAT_EV_SECTION_START;
    case REFERAT_EV_LIST_END: return REFERAT_EV_LIST_START;
    case REFERAT_EV_TABLE_END: return REFERAT_EV_TABLE_START;
    default: return REFERAT_EV_NONE;
    }
}

/* Where a new child goes: an absence to its item, the rest to the open
 * container; NULL when no tree is open. */
static referat_node *parent_for(referat_builder *b, referat_event_type t)
{
    if (t != REFERAT_EV_ABSENCE)
        return b->open;
    for (referat_node *n = b->open; n; n = n->parent) {
        if (n->ev.type == REFERAT_EV_ITEM_START)
            return n;
    }
    return b->open;
}

static referat_status add_node(referat_builder *b, const referat_event *ev)
{
    referat_node *n = rf_node_new(b->realloc_fn, b->alloc_ctx, ev);
    if (!n) {
        b->failed = 1;
        return REFERAT_ERROR;
    }
    referat_node *parent = ev->type == REFERAT_EV_DIAGNOSTIC ? NULL : parent_for(b, ev->type);
    if (parent)
        rf_node_append(parent, n);
    else if (!is_start(ev->type))
        hand_out(b, n); /* a leaf on its own: a tree of one node */
    else
        b->root = n;
    if (is_start(ev->type))
        b->open = n;
    return REFERAT_OK;
}

static referat_status end_node(referat_builder *b, const referat_event *ev)
{
    if (ev->type == REFERAT_EV_MEETING_END && !b->open)
        return add_node(b, ev); /* the head went out at the first item */
    if (!b->open || b->open->ev.type != start_of(ev->type)) {
        b->failed = 1; /* an end without its start */
        return REFERAT_ERROR;
    }
    rf_node_close(b->open, &ev->span);
    b->open = b->open->parent;
    if (b->open)
        return REFERAT_OK;
    int meeting = b->root->ev.type == REFERAT_EV_MEETING_START;
    finish_root(b);
    return meeting ? add_node(b, ev) : REFERAT_OK; /* the head, then its end */
}

referat_status referat_builder_add(referat_builder *b, const referat_event *ev)
{
    if (b->failed || !ev)
        return REFERAT_ERROR;
    /* a meeting's head is complete when its first item starts */
    if (ev->type == REFERAT_EV_ITEM_START && b->open == b->root && b->root &&
        b->root->ev.type == REFERAT_EV_MEETING_START)
        finish_root(b);
    if (start_of(ev->type) != REFERAT_EV_NONE)
        return end_node(b, ev);
    return add_node(b, ev);
}
