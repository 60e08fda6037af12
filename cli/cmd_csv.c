/* referat csv items|decisions|attendance|tables: facts as CSV for analysts.
 *
 * A header row, then one row per fact with the file it came from in the
 * first column (source). Quoting is RFC 4180's (a field holding a comma,
 * a quote, CR or LF is quoted, quotes doubled); lines end in LF. Numbers are
 * bare (608192, 71.9), missing values empty, booleans true/false. Tables
 * are in long form: one row per cell. A file that fails is reported on
 * stderr only (a row of another shape would break the table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "jsonw.h"
#include "output.h"

enum { K_ITEMS, K_DECISIONS, K_ATTENDANCE, K_TABLES };

static const char *const headers[] = {
    "source,date,body,item,title,case_number,closed,page,toc_title,line\n",
    "source,meeting_date,body,item,item_title,case_number,decision_body,date,history,"
    "outcome,outcome_phrase,votes_for,votes_against,votes_abstain,text\n",
    "source,date,body,item,name,party,role,note,absent\n",
    "source,date,item,table,row,column,header,text,value\n"};

typedef struct csv_ctx {
    int kind;
    sb out;
    const char *source;
    char *date, *body;
    long long item;
    char *title, *case_number;
    int in_item, table, row;
    /* the open decision section */
    int in_decision, history;
    char *dbody, *ddate, *outcome, *phrase;
    long long votes[3];
    sb text;
} csv_ctx;

static char *dup_rs(referat_string s)
{
    if (!s.data)
        return NULL;
    char *d = malloc(s.size + 1);
    if (!d) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    memcpy(d, s.data, s.size);
    d[s.size] = '\0';
    return d;
}

static void set(char **f, referat_string s)
{
    free(*f);
    *f = dup_rs(s);
}

/* One field (NULL: empty), RFC 4180 quoting. */
static void field(sb *o, const char *s, size_t n, int first)
{
    if (!first)
        sb_put(o, ",", 1);
    if (!s)
        return;
    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
        sb_put(o, s, n);
        return;
    }
    sb_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            sb_put(o, "\"", 1);
        sb_put(o, s + i, 1);
    }
    sb_put(o, "\"", 1);
}

static void f_str(sb *o, const char *s)
{
    field(o, s, s ? strlen(s) : 0, 0);
}

static void f_rs(sb *o, referat_string s)
{
    field(o, s.data, s.size, 0);
}

static void f_int(sb *o, long long v, int present)
{
    char t[32];
    sb_put(o, ",", 1);
    if (present) {
        snprintf(t, sizeof t, "%lld", v);
        sb_puts(o, t);
    }
}

static void f_bool(sb *o, int v)
{
    sb_puts(o, v ? ",true" : ",false");
}

static void row_start(csv_ctx *c)
{
    field(&c->out, c->source, strlen(c->source), 1);
}

static void row_end(csv_ctx *c)
{
    sb_put(&c->out, "\n", 1);
    if (c->out.size > 65536)
        out_sb(&c->out);
}

static void text_add(csv_ctx *c, referat_string s)
{
    if (!c->in_decision || !s.data)
        return;
    if (c->text.size)
        sb_put(&c->text, "\n", 1);
    sb_put(&c->text, s.data, s.size);
}

static void decision_row(csv_ctx *c)
{
    sb *o = &c->out;
    row_start(c);
    f_str(o, c->date);
    f_str(o, c->body);
    f_int(o, c->item, 1);
    f_str(o, c->title);
    f_str(o, c->case_number);
    f_str(o, c->dbody);
    f_str(o, c->ddate);
    f_bool(o, c->history);
    f_str(o, c->outcome);
    f_str(o, c->phrase);
    for (int i = 0; i < 3; i++)
        f_int(o, c->votes[i], c->votes[i] >= 0);
    field(o, c->text.data ? c->text.data : "", c->text.size, 0);
    row_end(c);
}

static void on_event(void *ctx, const char *path, const referat_event *ev)
{
    csv_ctx *c = ctx;
    sb *o = &c->out;
    c->source = path;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        set(&c->date, ev->date);
        set(&c->body, ev->body);
        c->in_item = 0;
        break;
    case REFERAT_EV_PARTICIPANT:
        if (c->kind == K_ATTENDANCE) {
            row_start(c);
            f_str(o, c->date);
            f_str(o, c->body);
            sb_put(o, ",", 1); /* no item: the meeting's list */
            f_rs(o, ev->name);
            f_rs(o, ev->party);
            f_rs(o, ev->role);
            f_rs(o, ev->note);
            f_bool(o, ev->absent);
            row_end(c);
        }
        break;
    case REFERAT_EV_ITEM_START:
        c->item = ev->number;
        c->in_item = 1;
        c->table = 0;
        set(&c->title, ev->title);
        set(&c->case_number, ev->case_number);
        if (c->kind == K_ITEMS) {
            row_start(c);
            f_str(o, c->date);
            f_str(o, c->body);
            f_int(o, ev->number, 1);
            f_rs(o, ev->title);
            f_rs(o, ev->case_number);
            f_bool(o, ev->closed);
            f_int(o, ev->page, ev->page >= 0);
            f_rs(o, ev->toc_title);
            f_int(o, (long long)ev->span.start_line, 1);
            row_end(c);
        }
        break;
    case REFERAT_EV_ITEM_END: c->in_item = 0; break;
    case REFERAT_EV_ABSENCE:
        if (c->kind == K_ATTENDANCE) {
            row_start(c);
            f_str(o, c->date);
            f_str(o, c->body);
            f_int(o, c->item, c->in_item);
            f_rs(o, ev->name);
            sb_puts(o, ",,,");
            f_bool(o, 1);
            row_end(c);
        }
        break;
    case REFERAT_EV_SECTION_START:
        if (ev->section == REFERAT_SECTION_DECISION && c->kind == K_DECISIONS) {
            c->in_decision = 1;
            c->history = ev->history;
            set(&c->dbody, ev->body);
            set(&c->ddate, ev->date);
            set(&c->outcome, (referat_string){NULL, 0});
            set(&c->phrase, (referat_string){NULL, 0});
            c->votes[0] = c->votes[1] = c->votes[2] = -1;
            c->text.size = 0;
        }
        break;
    case REFERAT_EV_OUTCOME:
        if (c->in_decision && ev->point == 0) {
            set(&c->outcome, ev->kind);
            set(&c->phrase, ev->text);
        }
        break;
    case REFERAT_EV_VOTE:
        if (c->in_decision) {
            c->votes[0] = ev->votes_for;
            c->votes[1] = ev->votes_against;
            c->votes[2] = ev->votes_abstain;
        }
        break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING:
    case REFERAT_EV_LIST_ITEM: text_add(c, ev->text); break;
    case REFERAT_EV_SECTION_END:
        if (c->in_decision)
            decision_row(c);
        c->in_decision = 0;
        break;
    case REFERAT_EV_TABLE_START:
        c->table++;
        c->row = 0;
        break;
    case REFERAT_EV_TABLE_ROW:
        c->row++;
        if (c->kind != K_TABLES)
            break;
        for (size_t i = 0; i < ev->cell_count; i++) {
            const referat_cell *cell = &ev->cells[i];
            row_start(c);
            f_str(o, c->date);
            f_int(o, c->item, c->in_item);
            f_int(o, c->table, 1);
            f_int(o, c->row, 1);
            f_int(o, (long long)i + 1, 1);
            f_bool(o, ev->header);
            f_rs(o, cell->text);
            sb_put(o, ",", 1);
            if (cell->has_value)
                json_number(o, cell->value, cell->value_is_integer);
            row_end(c);
        }
        break;
    default: break;
    }
}

static void *csv_new(void *shared)
{
    csv_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    c->kind = *(const int *)shared;
    return c;
}

static void clear(csv_ctx *c)
{
    char **f[] = {&c->date, &c->body, &c->title, &c->case_number, &c->dbody, &c->ddate,
                  &c->outcome, &c->phrase};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
    c->in_item = c->in_decision = 0;
    c->item = 0;
}

static void csv_free(void *ctx)
{
    csv_ctx *c = ctx;
    clear(c);
    sb_free(&c->out);
    sb_free(&c->text);
    free(c);
}

static void csv_begin(void *ctx, const char *source, int index)
{
    csv_ctx *c = ctx;
    (void)index;
    clear(c);
    c->source = source;
}

static void csv_end(void *ctx, const char *source, const source_result *r)
{
    csv_ctx *c = ctx;
    (void)source;
    (void)r;
    out_sb(&c->out);
}

int cmd_csv(int nfiles, char **files, const run_options *opt)
{
    static const char *const kinds[] = {"items", "decisions", "attendance", "tables"};
    int kind = 0;
    for (int k = 0; k < 4; k++)
        if (strcmp(opt->sub, kinds[k]) == 0)
            kind = k;
    out_write(headers[kind], strlen(headers[kind]));
    batch_cmd c = {csv_new, csv_free, csv_begin, on_event, csv_end, opt->jobs > 1};
    return batch_run(nfiles, files, opt, &c, &kind);
}
