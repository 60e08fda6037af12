/* referat events: JSON Lines, one event a line with its span;
 * referat dump: the one-line-per-event dump format (dump.h). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dump.h"
#include "jsonw.h"
#include "output.h"

/* Keys and event type names are ASCII identifiers: their JSON literal is
 * the text in quotes, what json_string() writes for them, without its
 * escape scan. */
static void ident(sb *o, const char *before, const char *k, const char *after)
{
    sb_puts(o, before);
    sb_puts(o, k);
    sb_puts(o, after);
}

static void key(sb *o, const char *k)
{
    ident(o, ",\"", k, "\":");
}

static void str(sb *o, const char *k, referat_string s)
{
    key(o, k);
    if (s.data)
        json_string(o, s.data, s.size);
    else
        sb_puts(o, "null");
}

static void integer(sb *o, const char *k, long long v)
{
    key(o, k);
    json_number(o, (double)v, 1);
}

static void boolean(sb *o, const char *k, int v)
{
    key(o, k);
    sb_puts(o, v ? "true" : "false");
}

static void cells(sb *o, const referat_event *ev)
{
    key(o, "cells");
    sb_put(o, "[", 1);
    for (size_t i = 0; i < ev->cell_count; i++) {
        const referat_cell *c = &ev->cells[i];
        sb_puts(o, i ? ",{\"text\":" : "{\"text\":");
        json_string(o, c->text.data, c->text.size);
        if (c->has_value) {
            sb_puts(o, ",\"value\":");
            json_number(o, c->value, c->value_is_integer);
        }
        sb_put(o, "}", 1);
    }
    sb_put(o, "]", 1);
}

static void fields(sb *o, const referat_event *ev)
{
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        str(o, "kind", ev->kind); str(o, "body", ev->body); str(o, "date", ev->date);
        str(o, "weekday", ev->weekday); str(o, "time", ev->time);
        str(o, "end_time", ev->end_time); str(o, "location", ev->location);
        str(o, "layout", ev->layout);
        break;
    case REFERAT_EV_META:
        str(o, "name", ev->name); str(o, "value", ev->value);
        if (ev->weekday.data || ev->time.data || ev->date.data) {
            str(o, "weekday", ev->weekday); str(o, "time", ev->time); str(o, "date", ev->date);
        }
        break;
    case REFERAT_EV_PARTICIPANT:
        str(o, "name", ev->name); str(o, "note", ev->note); str(o, "party", ev->party);
        str(o, "role", ev->role); boolean(o, "absent", ev->absent);
        break;
    case REFERAT_EV_TOC_ENTRY: str(o, "title", ev->title); integer(o, "page", ev->page); break;
    case REFERAT_EV_ITEM_START:
        integer(o, "number", ev->number); str(o, "title", ev->title);
        str(o, "toc_title", ev->toc_title);
        if (ev->page >= 0)
            integer(o, "page", ev->page);
        else
            str(o, "page", (referat_string){NULL, 0});
        str(o, "case_number", ev->case_number); boolean(o, "closed", ev->closed);
        break;
    case REFERAT_EV_ABSENCE:
    case REFERAT_EV_ATTACHMENT: str(o, "name", ev->name); break;
    case REFERAT_EV_SECTION_START:
        str(o, "kind", ev->kind); str(o, "heading", ev->heading);
        str(o, "body", ev->body); str(o, "date", ev->date);
        if (ev->section == REFERAT_SECTION_DECISION)
            boolean(o, "history", ev->history);
        break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING: str(o, "text", ev->text); break;
    case REFERAT_EV_SUBITEM_START: str(o, "label", ev->label); str(o, "title", ev->title); break;
    case REFERAT_EV_OUTCOME:
        str(o, "outcome", ev->kind); str(o, "phrase", ev->text); str(o, "reason", ev->reason);
        integer(o, "point", ev->point);
        break;
    case REFERAT_EV_VOTE:
        integer(o, "for", ev->votes_for); integer(o, "against", ev->votes_against);
        integer(o, "abstain", ev->votes_abstain); integer(o, "total", ev->votes_total);
        boolean(o, "unanimous", ev->unanimous); str(o, "for_names", ev->for_names);
        str(o, "against_names", ev->against_names); str(o, "abstain_names", ev->abstain_names);
        break;
    case REFERAT_EV_PARTICIPATION:
        str(o, "name", ev->name); str(o, "participation", ev->kind); str(o, "phrase", ev->text);
        break;
    case REFERAT_EV_LIST_ITEM:
        str(o, "label", ev->label); integer(o, "level", ev->level); str(o, "text", ev->text);
        break;
    case REFERAT_EV_TABLE_START: integer(o, "columns", ev->columns); break;
    case REFERAT_EV_TABLE_ROW: cells(o, ev); boolean(o, "header", ev->header); break;
    case REFERAT_EV_DIAGNOSTIC:
        str(o, "code", ev->code); str(o, "severity", ev->severity); str(o, "message", ev->message);
        break;
    default: break;
    }
}

/* A thread's output: the text, and the run's options. */
typedef struct lines {
    sb o;
    const run_options *opt;
} lines;

static void on_event(void *ctx, const char *path, const referat_event *ev)
{
    lines *l = ctx;
    sb *o = &l->o;
    ident(o, "{\"type\":\"", referat_event_type_name(ev->type), "\"");
    if (l->opt->several) {
        sb_puts(o, ",\"source\":");
        json_string(o, path, strlen(path));
    }
    integer(o, "start", (long long)ev->span.start_offset);
    integer(o, "end", (long long)ev->span.end_offset);
    integer(o, "line", (long long)ev->span.start_line);
    integer(o, "end_line", (long long)ev->span.end_line);
    fields(o, ev);
    sb_puts(o, "}\n");
    if (o->size > 65536)
        out_sb(o);
}

static void on_dump(void *ctx, const char *path, const referat_event *ev)
{
    lines *l = ctx;
    (void)path;
    dump_event(&l->o, ev);
    if (l->o.size > 65536)
        out_sb(&l->o);
}

static void *lines_new(void *shared)
{
    lines *l = calloc(1, sizeof *l);
    if (!l) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    l->opt = shared;
    return l;
}

static void lines_free(void *ctx)
{
    lines *l = ctx;
    sb_free(&l->o);
    free(l);
}

/* A file that failed: {"type":"error","source":...,"code":...,...} */
static void events_end(void *ctx, const char *source, const source_result *r)
{
    lines *l = ctx;
    sb *o = &l->o;
    if (r->status) {
        sb_puts(o, "{\"type\":\"error\",\"source\":");
        json_string(o, source, strlen(source));
        str(o, "code", (referat_string){r->code, strlen(r->code)});
        str(o, "message", (referat_string){r->message, strlen(r->message)});
        if (r->has_position) {
            integer(o, "line", (long long)r->line);
            integer(o, "column", (long long)r->column);
            integer(o, "offset", (long long)r->offset);
        } else {
            sb_puts(o, ",\"line\":null,\"column\":null,\"offset\":null");
        }
        sb_puts(o, "}\n");
    }
    out_sb(o);
}

/* A file that failed: !ERROR code "message" @line */
static void dump_end(void *ctx, const char *source, const source_result *r)
{
    lines *l = ctx;
    (void)source;
    if (r->status) {
        char at[32];
        sb_puts(&l->o, "!ERROR ");
        sb_puts(&l->o, r->code);
        sb_puts(&l->o, " ");
        json_string(&l->o, r->message, strlen(r->message));
        snprintf(at, sizeof at, " @%llu\n", r->line);
        sb_puts(&l->o, at);
    }
    out_sb(&l->o);
}

int cmd_events(int nfiles, char **files, const run_options *opt)
{
    batch_cmd c = {lines_new, lines_free, NULL, on_event, events_end, opt->jobs > 1};
    return batch_run(nfiles, files, opt, &c, (void *)opt);
}

int cmd_dump(int nfiles, char **files, const run_options *opt)
{
    batch_cmd c = {lines_new, lines_free, NULL, on_dump, dump_end, opt->jobs > 1};
    return batch_run(nfiles, files, opt, &c, (void *)opt);
}
