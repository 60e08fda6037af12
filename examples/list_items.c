/* list_items: one line per agenda item:
 *   MEETING-DATE  NUMBER  CASE  TITLE  [closed]
 * usage: list_items [FILE...]   (stdin without FILE) */
#include "common.h"

typedef struct state {
    char date[16];
} state;

static void on_event(void *ctx, const referat_event *ev)
{
    state *s = ctx;
    if (ev->type == REFERAT_EV_MEETING_START)
        keep(s->date, sizeof s->date, ev->date);
    if (ev->type != REFERAT_EV_ITEM_START)
        return;
    printf("%s\t%lld\t%.*s\t%.*s%s\n", s->date, (long long)ev->number,
           (int)ev->case_number.size, ev->case_number.data ? ev->case_number.data : "-",
           (int)ev->title.size, ev->title.data, ev->closed ? "\tclosed" : "");
}

int main(int argc, char **argv)
{
    state s = {""};
    return parse_args(argc, argv, on_event, &s);
}
