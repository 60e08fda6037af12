/* Whole documents: the parser's events through a builder, its trees
 * joined under one root: meeting heads as the root's children, items
 * under their meeting (the meeting's end widens its span), diagnostics
 * under the root, all in document order. */
#include <string.h>

#include "tree.h"

struct referat_document {
    referat_node *root;
};

typedef struct loader {
    referat_builder *builder;
    referat_node *root;
    referat_node *meeting; /* the meeting whose items come, NULL outside */
    int nomem;
} loader;

/* Joins one tree from the builder to the document. */
static void place(loader *l, referat_node *tree)
{
    switch (tree->ev.type) {
    case REFERAT_EV_MEETING_START:
        rf_node_append(l->root, tree);
        l->meeting = tree;
        return;
    case REFERAT_EV_MEETING_END:
        if (l->meeting)
            rf_node_close(l->meeting, &tree->ev.span);
        l->meeting = NULL;
        referat_node_free(tree);
        return;
    case REFERAT_EV_ITEM_START:
        rf_node_append(l->meeting ? l->meeting : l->root, tree);
        return;
    default: rf_node_append(l->root, tree); return;
    }
}

static int on_event(void *user, const referat_event *ev)
{
    loader *l = user;
    if (referat_builder_add(l->builder, ev) != REFERAT_OK) {
        l->nomem = 1;
        return 1; /* stops the parse */
    }
    referat_node *tree;
    while ((tree = referat_builder_take(l->builder)))
        place(l, tree);
    return 0;
}

static int loader_init(loader *l, const referat_options *opts)
{
    referat_realloc_fn fn;
    void *ctx;
    memset(l, 0, sizeof *l);
    rf_tree_allocator(opts, &fn, &ctx);
    l->builder = referat_builder_new(opts);
    l->root = rf_node_new(fn, ctx, NULL);
    return l->builder && l->root ? 0 : -1;
}

/* The document of a finished parse, or NULL (error set) after a failed one. */
static referat_document *loader_done(loader *l, referat_status st, referat_error *error_out)
{
    referat_document *doc = NULL;
    referat_builder_free(l->builder);
    if (st == REFERAT_END && !l->nomem) {
        doc = l->root->realloc_fn(l->root->alloc_ctx, NULL, sizeof *doc);
        if (doc) {
            doc->root = l->root;
            return doc;
        }
    }
    referat_node_free(l->root);
    if (error_out && (l->nomem || st == REFERAT_END)) {
        memset(error_out, 0, sizeof *error_out);
        error_out->code = REFERAT_E_NO_MEMORY;
        error_out->message = "out of memory";
    }
    return NULL;
}

static referat_document *nomem(loader *l, referat_error *error_out)
{
    l->nomem = 1;
    return loader_done(l, REFERAT_ERROR, error_out);
}

referat_document *referat_document_parse(const void *data, size_t size,
                                         const referat_options *opts, referat_error *error_out)
{
    loader l;
    if (loader_init(&l, opts) < 0)
        return nomem(&l, error_out);
    referat_status st = referat_parse(data, size, opts, on_event, &l, error_out);
    return loader_done(&l, st, error_out);
}

referat_document *referat_document_parse_file(const char *path, const referat_options *opts,
                                              referat_error *error_out)
{
    loader l;
    if (loader_init(&l, opts) < 0)
        return nomem(&l, error_out);
    referat_status st = referat_parse_file(path, opts, on_event, &l, error_out);
    return loader_done(&l, st, error_out);
}

const referat_node *referat_document_root(const referat_document *document)
{
    return document->root;
}

void referat_document_free(referat_document *document)
{
    if (!document)
        return;
    referat_node *root = document->root;
    referat_realloc_fn fn = root->realloc_fn;
    void *ctx = root->alloc_ctx;
    referat_node_free(root);
    fn(ctx, document, 0);
}
