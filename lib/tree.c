/* The document model: nodes and the builder that folds events into trees.
 *
 * Rules (referat.h, "The document model"):
 *  - a container's start event opens a node; the events up to its end
 *    event are its children; the end event widens the node's span to its
 *    own end and closes it (an end that does not match the open node is
 *    refused);
 *  - a meeting's head (its start, meta, participants, TOC entries) is a
 *    tree of its own, complete when its first item starts or when the
 *    meeting ends; each item is a tree, complete at its end; the meeting's
 *    end is a leaf tree of its own (the head went out before its items);
 *  - a diagnostic is a tree of its own at once, wherever it stands;
 *  - an absence is a child of its item, even when a section or sub-item
 *    is open (it belongs to the item's "absent" list);
 *  - a node is one allocation: the node, its cells, its strings. */
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* Every string field of referat_event, for copying an event. */
static const size_t string_fields[] = {
    offsetof(referat_event, kind),          offsetof(referat_event, text),
    offsetof(referat_event, name),          offsetof(referat_event, note),
    offsetof(referat_event, title),         offsetof(referat_event, toc_title),
    offsetof(referat_event, case_number),   offsetof(referat_event, heading),
    offsetof(referat_event, body),          offsetof(referat_event, date),
    offsetof(referat_event, weekday),       offsetof(referat_event, time),
    offsetof(referat_event, label),         offsetof(referat_event, severity),
    offsetof(referat_event, party),         offsetof(referat_event, role),
    offsetof(referat_event, end_time),      offsetof(referat_event, location),
    offsetof(referat_event, layout),        offsetof(referat_event, reason),
    offsetof(referat_event, for_names),     offsetof(referat_event, against_names),
    offsetof(referat_event, abstain_names), offsetof(referat_event, value),
    offsetof(referat_event, code),          offsetof(referat_event, message),
};
enum { N_STRINGS = sizeof string_fields / sizeof string_fields[0] };

static referat_string *field(referat_event *ev, size_t i)
{
    return (referat_string *)(void *)((char *)ev + string_fields[i]);
}

void rf_tree_allocator(const referat_options *opts, referat_realloc_fn *fn, void **ctx)
{
    /* struct_size guards the read, as the parser's options do */
    if (opts && opts->struct_size >= offsetof(referat_options, alloc_ctx) + sizeof(void *) &&
        opts->realloc_fn) {
        *fn = opts->realloc_fn;
        *ctx = opts->alloc_ctx;
    } else {
        *fn = rf_default_realloc;
        *ctx = NULL;
    }
}

/* Bytes a copy of ev needs after the node: cells, then strings with NULs.
 * SIZE_MAX when it would not fit in size_t. */
static size_t copy_size(referat_event *ev)
{
    size_t n = 0, s;
    if (ev->cell_count > SIZE_MAX / 2 / sizeof(referat_cell))
        return SIZE_MAX;
    n = ev->cell_count * sizeof(referat_cell);
    for (size_t i = 0; i < N_STRINGS; i++) {
        s = field(ev, i)->size;
        if (field(ev, i)->data && (s > SIZE_MAX / 4 || (n += s + 1) > SIZE_MAX / 2))
            return SIZE_MAX;
    }
    for (size_t i = 0; i < ev->cell_count; i++) {
        s = ev->cells[i].text.size;
        if (s > SIZE_MAX / 4 || (n += s + 1) > SIZE_MAX / 2)
            return SIZE_MAX;
    }
    return n;
}

/* Copies s to *at (NUL-terminated) and points s there. */
static void move_string(referat_string *s, char **at)
{
    if (!s->data)
        return;
    if (s->size)
        memcpy(*at, s->data, s->size);
    (*at)[s->size] = '\0';
    s->data = *at;
    *at += s->size + 1;
}

referat_node *rf_node_new(referat_realloc_fn fn, void *ctx, const referat_event *ev)
{
    referat_event copy;
    if (ev)
        copy = *ev;
    else
        memset(&copy, 0, sizeof copy);
    size_t extra = copy_size(&copy);
    if (extra == SIZE_MAX)
        return NULL;
    referat_node *n = fn(ctx, NULL, sizeof *n + extra);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->realloc_fn = fn;
    n->alloc_ctx = ctx;
    referat_cell *cells = (referat_cell *)(void *)(n + 1);
    char *at = (char *)(cells + copy.cell_count);
    for (size_t i = 0; i < copy.cell_count; i++) {
        cells[i] = copy.cells[i];
        move_string(&cells[i].text, &at);
    }
    copy.cells = copy.cell_count ? cells : NULL;
    for (size_t i = 0; i < N_STRINGS; i++)
        move_string(field(&copy, i), &at);
    n->ev = copy;
    return n;
}

void rf_node_append(referat_node *parent, referat_node *child)
{
    child->parent = parent;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    parent->children++;
}

void rf_node_close(referat_node *node, const referat_span *end)
{
    if (end->end_offset > node->ev.span.end_offset)
        node->ev.span.end_offset = end->end_offset;
    if (end->end_line > node->ev.span.end_line)
        node->ev.span.end_line = end->end_line;
}

void referat_node_free(referat_node *tree)
{
    /* without recursion: the nodes still to free are a list linked through
     * their next fields; a node's children are spliced in before it goes */
    if (!tree)
        return;
    tree->next = NULL; /* a root's siblings are not its to free */
    referat_node *todo = tree;
    while (todo) {
        referat_node *n = todo;
        todo = n->next;
        if (n->first) {
            n->last->next = todo;
            todo = n->first;
        }
        n->realloc_fn(n->alloc_ctx, n, 0);
    }
}

/* ---- accessors -------------------------------------------------------- */

const referat_event *referat_node_event(const referat_node *node)
{
    return &node->ev;
}

referat_event_type referat_node_type(const referat_node *node)
{
    return node->ev.type;
}

const referat_node *referat_node_parent(const referat_node *node)
{
    return node->parent;
}

const referat_node *referat_node_first_child(const referat_node *node)
{
    return node->first;
}

const referat_node *referat_node_next(const referat_node *node)
{
    return node->next;
}

size_t referat_node_child_count(const referat_node *node)
{
    return node->children;
}

const referat_node *referat_node_find(const referat_node *node, referat_event_type type,
                                      const referat_node *after)
{
    const referat_node *c = after ? after->next : node->first;
    while (c && c->ev.type != type)
        c = c->next;
    return c;
}
