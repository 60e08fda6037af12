/* referat events: JSON Lines, one event a line with its span;
 * referat dump: the one-line-per-event dump format (dump.h). */
#include <string.h>

#include "commands.h"
#include "dump.h"
#include "jsonw.h"
#include "output.h"

static void key(sb *o, const char *k)
{
    sb_put(o, ",", 1);
    json_string(o, k, strlen(k));
    sb_put(o, ":", 1);
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

static void on_event(void *ctx, const char *path, const referat_event *ev)
{
    sb *o = ctx;
    (void)path;
    sb_puts(o, "{\"type\":");
    const char *t = referat_event_type_name(ev->type);
    json_string(o, t, strlen(t));
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
    sb *o = ctx;
    (void)path;
    dump_event(o, ev);
    if (o->size > 65536)
        out_sb(o);
}

static int run_to_stdout(int nfiles, char **files, const run_options *opt, event_handler fn)
{
    sb o = {0};
    int rc = run_files(nfiles, files, opt, fn, &o);
    out_sb(&o);
    sb_free(&o);
    return rc;
}

int cmd_events(int nfiles, char **files, const run_options *opt)
{
    return run_to_stdout(nfiles, files, opt, on_event);
}

int cmd_dump(int nfiles, char **files, const run_options *opt)
{
    return run_to_stdout(nfiles, files, opt, on_dump);
}
