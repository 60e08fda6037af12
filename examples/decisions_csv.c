/* decisions_csv: a CSV of every decision:
 *   meeting_date,item,body,decision_date,text
 * The text is the decision section's paragraphs and list items joined with
 * " / ". usage: decisions_csv [FILE...] */
#include <stdlib.h>

#include "common.h"

typedef struct state {
    char date[16];
    long long item;
    int in_decision;
    char body[256], decided[16];
    char *text;
    size_t len;
} state;

static void add_text(state *s, referat_string t)
{
    char *grown = realloc(s->text, s->len + t.size + 4);
    if (!grown)
        return;
    s->text = grown;
    if (s->len) {
        memcpy(s->text + s->len, " / ", 3);
        s->len += 3;
    }
    memcpy(s->text + s->len, t.data, t.size);
    s->len += t.size;
}

static void print_decision(state *s)
{
    referat_string body = {s->body, strlen(s->body)}, text = {s->text, s->len};
    printf("%s,%lld,", s->date, s->item);
    csv_field(body);
    printf(",%s,", s->decided);
    csv_field(text);
    putchar('\n');
}

static void on_event(void *ctx, const referat_event *ev)
{
    state *s = ctx;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START: keep(s->date, sizeof s->date, ev->date); break;
    case REFERAT_EV_ITEM_START: s->item = ev->number; break;
    case REFERAT_EV_SECTION_START:
        s->in_decision = ev->section == REFERAT_SECTION_DECISION;
        keep(s->body, sizeof s->body, ev->body);
        keep(s->decided, sizeof s->decided, ev->date);
        s->len = 0;
        break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING:
    case REFERAT_EV_LIST_ITEM:
        if (s->in_decision)
            add_text(s, ev->text);
        break;
    case REFERAT_EV_SECTION_END:
        if (s->in_decision)
            print_decision(s);
        s->in_decision = 0;
        break;
    default: break;
    }
}

int main(int argc, char **argv)
{
    state s;
    memset(&s, 0, sizeof s);
    puts("meeting_date,item,body,decision_date,text");
    int rc = parse_args(argc, argv, on_event, &s);
    free(s.text);
    return rc;
}
