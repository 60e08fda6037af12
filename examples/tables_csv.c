/* tables_csv: every table row as CSV with its context:
 *   meeting_date,item,item_title,section,table,row,header,cell,cell,...
 * Numeric cells are printed as numbers ("608.192" -> 608192).
 * usage: tables_csv [FILE...] */
#include "common.h"

typedef struct state {
    char date[16], title[256], section[32];
    long long item;
    int table, row;
} state;

static void print_row(state *s, const referat_event *ev)
{
    referat_string title = {s->title, strlen(s->title)};
    printf("%s,%lld,", s->date, s->item);
    csv_field(title);
    printf(",%s,%d,%d,%d", s->section, s->table, ++s->row, ev->header);
    for (size_t i = 0; i < ev->cell_count; i++) {
        const referat_cell *c = &ev->cells[i];
        putchar(',');
        if (c->has_value)
            printf("%.15g", c->value);
        else
            csv_field(c->text);
    }
    putchar('\n');
}

static void on_event(void *ctx, const referat_event *ev)
{
    state *s = ctx;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START: keep(s->date, sizeof s->date, ev->date); break;
    case REFERAT_EV_ITEM_START:
        s->item = ev->number;
        keep(s->title, sizeof s->title, ev->title);
        s->table = 0;
        break;
    case REFERAT_EV_SECTION_START: keep(s->section, sizeof s->section, ev->kind); break;
    case REFERAT_EV_TABLE_START:
        s->table++;
        s->row = 0;
        break;
    case REFERAT_EV_TABLE_ROW: print_row(s, ev); break;
    default: break;
    }
}

int main(int argc, char **argv)
{
    state s;
    memset(&s, 0, sizeof s);
    puts("meeting_date,item,item_title,section,table,row,header,cells...");
    return parse_args(argc, argv, on_event, &s);
}
