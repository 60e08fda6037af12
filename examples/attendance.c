/* attendance: who attended and who was absent, over many files:
 *   MEETING-DATE  BODY  WHERE  NAME  STATUS
 * WHERE is "meeting" for the participants line and "item N" for an
 * "Afbud" line inside item N; STATUS is "present" or "absent (note)".
 * At the end, a count of absences per name. usage: attendance [FILE...] */
#include <stdlib.h>

#include "common.h"

#define MAX_NAMES 512

typedef struct state {
    char date[16], body[128];
    long long item;
    char names[MAX_NAMES][96];
    int absences[MAX_NAMES];
    int n;
} state;

static void count_absence(state *s, referat_string name)
{
    char key[96];
    keep(key, sizeof key, name);
    for (int i = 0; i < s->n; i++) {
        if (strcmp(s->names[i], key) == 0) {
            s->absences[i]++;
            return;
        }
    }
    if (s->n < MAX_NAMES) {
        memcpy(s->names[s->n], key, sizeof key);
        s->absences[s->n++] = 1;
    }
}

static void on_event(void *ctx, const referat_event *ev)
{
    state *s = ctx;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        keep(s->date, sizeof s->date, ev->date);
        keep(s->body, sizeof s->body, ev->body);
        break;
    case REFERAT_EV_PARTICIPANT:
        printf("%s\t%s\tmeeting\t%.*s\t%s", s->date, s->body, (int)ev->name.size,
               ev->name.data, ev->absent ? "absent" : "present");
        if (ev->note.data)
            printf(" (%.*s)", (int)ev->note.size, ev->note.data);
        putchar('\n');
        if (ev->absent)
            count_absence(s, ev->name);
        break;
    case REFERAT_EV_ITEM_START: s->item = ev->number; break;
    case REFERAT_EV_ABSENCE:
        printf("%s\t%s\titem %lld\t%.*s\tabsent\n", s->date, s->body, s->item,
               (int)ev->name.size, ev->name.data);
        count_absence(s, ev->name);
        break;
    default: break;
    }
}

int main(int argc, char **argv)
{
    state *s = calloc(1, sizeof *s);
    if (!s)
        return 1;
    int rc = parse_args(argc, argv, on_event, s);
    puts("\nabsences per name:");
    for (int i = 0; i < s->n; i++)
        printf("%6d  %s\n", s->absences[i], s->names[i]);
    free(s);
    return rc;
}
