/* The document model's node (internal): shared by tree.c (nodes and the
 * builder), tree_json.c (JSON of a node) and document.c (whole documents). */
#ifndef REFERAT_TREE_H
#define REFERAT_TREE_H

#include "referat/referat.h"

struct referat_node {
    referat_event ev; /* strings and cells point into this node's block */
    referat_node *parent, *first, *last, *next;
    size_t children;
    /* the allocator the node was made with (it frees itself) */
    referat_realloc_fn realloc_fn;
    void *alloc_ctx;
};

/* The C library's realloc/free as a referat_realloc_fn (parser.c). */
void *rf_default_realloc(void *ctx, void *ptr, size_t size);

/* The allocator of opts (NULL: the C library's), as the parser picks it. */
void rf_tree_allocator(const referat_options *opts, referat_realloc_fn *fn, void **ctx);

/* A node holding a copy of ev (strings and cells copied into its own
 * block); NULL when memory cannot be had. ev NULL: an empty root. */
referat_node *rf_node_new(referat_realloc_fn fn, void *ctx, const referat_event *ev);

/* Appends child (a root) to parent's children. */
void rf_node_append(referat_node *parent, referat_node *child);

/* Widens a container's span to the end of an end event's. */
void rf_node_close(referat_node *node, const referat_span *end);

#endif
