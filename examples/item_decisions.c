/* item_decisions: one line per item with the outcome of its decision,
 * read from item trees handed out by a builder while the file streams
 * (memory bounded by the largest item, not the document):
 *   NUMBER  OUTCOME  TITLE
 * usage: item_decisions [FILE...]   (stdin without FILE) */
#include <stdlib.h>

#include "common.h"

/* The outcome of the item's (last) decision of this meeting, or "-". */
static const char *item_outcome(const referat_node *item)
{
    const char *outcome = "-";
    const referat_node *s = NULL;
    while ((s = referat_node_find(item, REFERAT_EV_SECTION_START, s))) {
        const referat_event *ev = referat_node_event(s);
        if (ev->section != REFERAT_SECTION_DECISION || ev->history)
            continue;
        const referat_node *o = NULL;
        while ((o = referat_node_find(s, REFERAT_EV_OUTCOME, o))) {
            if (referat_node_event(o)->point == 0)
                outcome = referat_outcome_name(referat_node_event(o)->outcome);
        }
    }
    return outcome;
}

static void on_event(void *ctx, const referat_event *ev)
{
    referat_builder *b = ctx;
    referat_node *tree;
    if (referat_builder_add(b, ev) != REFERAT_OK) {
        fputs("item_decisions: out of memory\n", stderr);
        exit(1);
    }
    while ((tree = referat_builder_take(b))) {
        const referat_event *item = referat_node_event(tree);
        if (item->type == REFERAT_EV_ITEM_START)
            printf("%lld\t%s\t%.*s\n", (long long)item->number, item_outcome(tree),
                   (int)item->title.size, item->title.data);
        referat_node_free(tree);
    }
}

int main(int argc, char **argv)
{
    referat_builder *b = referat_builder_new(NULL);
    if (!b)
        return 1;
    int rc = parse_args(argc, argv, on_event, b);
    referat_builder_free(b);
    return rc;
}
