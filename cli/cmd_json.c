/* referat json: folds the event stream into the SPEC §4.1 document.
 *
 * Output streams: an item is written when it ends (its "absent" list comes
 * before its sections but is only complete at the end), a meeting's head
 * when its first item starts. Memory is bounded by one item plus the
 * diagnostics. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "jsonw.h"

typedef struct doc {
    sb out, diags, parts, toc, absent, secs;
    jw w, dw, pw, tw, aw, sw;
    int in_meeting, head_written, in_item;
    /* meeting head */
    char *kind, *body, *date, *weekday, *time, *location;
    unsigned long long line;
    /* item head */
    long long number, page;
    char *title, *toc_title, *case_number;
    int closed;
    unsigned long long item_line;
} doc;

static char *dup_str(referat_string s)
{
    if (!s.data)
        return NULL;
    char *d = malloc(s.size + 1);
    if (!d) {
        fputs("referat: out of memory\n", stderr);
        exit(2);
    }
    memcpy(d, s.data, s.size);
    d[s.size] = '\0';
    return d;
}

static void set(char **field, referat_string s)
{
    free(*field);
    *field = dup_str(s);
}

static void put(jw *w, const char *key, const char *s)
{
    jw_str(w, key, s, s ? strlen(s) : 0);
}

static void write_head(doc *d)
{
    if (d->head_written)
        return;
    jw *w = &d->w;
    jw_open(w, NULL, '{');
    put(w, "kind", d->kind);
    put(w, "body", d->body);
    put(w, "date", d->date);
    put(w, "weekday", d->weekday);
    put(w, "time", d->time);
    put(w, "location", d->location);
    jw_int(w, "line", (long long)d->line);
    jw_open(w, "participants", '[');
    jw_splice(w, &d->parts);
    jw_close(w, ']');
    jw_open(w, "toc", '[');
    jw_splice(w, &d->toc);
    jw_close(w, ']');
    jw_open(w, "items", '[');
    d->head_written = 1;
}

static void meeting_start(doc *d, const referat_event *ev)
{
    d->in_meeting = 1;
    d->head_written = 0;
    set(&d->kind, ev->kind);
    set(&d->body, ev->body);
    set(&d->date, ev->date);
    set(&d->weekday, (referat_string){NULL, 0});
    set(&d->time, (referat_string){NULL, 0});
    set(&d->location, (referat_string){NULL, 0});
    d->line = ev->span.start_line;
    d->parts.size = d->toc.size = 0;
    jw_init(&d->pw, &d->parts, 4);
    jw_init(&d->tw, &d->toc, 4);
}

static void meta(doc *d, const referat_event *ev)
{
    if (strcmp(ev->name.data, "M\xc3\xb8" "dedato") == 0) {
        set(&d->weekday, ev->weekday);
        set(&d->time, ev->time);
    } else if (strcmp(ev->name.data, "M\xc3\xb8" "dested") == 0) {
        set(&d->location, ev->text.size ? ev->text : (referat_string){NULL, 0});
    }
}

static void participant(doc *d, const referat_event *ev)
{
    jw *w = &d->pw;
    jw_open(w, NULL, '{');
    jw_str(w, "name", ev->name.data, ev->name.size);
    if (ev->note.data)
        jw_str(w, "note", ev->note.data, ev->note.size);
    jw_bool(w, "absent", ev->absent);
    jw_close(w, '}');
}

static void toc_entry(doc *d, const referat_event *ev)
{
    jw_open(&d->tw, NULL, '{');
    jw_str(&d->tw, "title", ev->title.data, ev->title.size);
    jw_int(&d->tw, "page", (long long)ev->number);
    jw_close(&d->tw, '}');
}

static void item_start(doc *d, const referat_event *ev)
{
    write_head(d);
    d->in_item = 1;
    d->number = ev->number;
    d->page = ev->page;
    d->closed = ev->closed;
    d->item_line = ev->span.start_line;
    set(&d->title, ev->title);
    set(&d->toc_title, ev->toc_title);
    set(&d->case_number, ev->case_number);
    d->absent.size = d->secs.size = 0;
    jw_init(&d->aw, &d->absent, 6);
    jw_init(&d->sw, &d->secs, 6);
}

static void item_end(doc *d)
{
    jw *w = &d->w;
    jw_open(w, NULL, '{');
    jw_int(w, "number", d->number);
    put(w, "title", d->title);
    put(w, "toc_title", d->toc_title);
    if (d->page >= 0)
        jw_int(w, "page", d->page);
    else
        jw_null(w, "page");
    put(w, "case", d->case_number);
    jw_bool(w, "closed", d->closed);
    jw_open(w, "absent", '[');
    jw_splice(w, &d->absent);
    jw_close(w, ']');
    jw_int(w, "line", (long long)d->item_line);
    jw_open(w, "sections", '[');
    jw_splice(w, &d->secs);
    jw_close(w, ']');
    jw_close(w, '}');
    d->in_item = 0;
    sb_flush(&d->out, stdout);
}

static void section_start(doc *d, const referat_event *ev)
{
    jw *w = &d->sw;
    jw_open(w, NULL, '{');
    jw_str(w, "kind", ev->kind.data, ev->kind.size);
    jw_str(w, "heading", ev->heading.data, ev->heading.size);
    if (ev->section == REFERAT_SECTION_DECISION) {
        jw_str(w, "body", ev->body.data, ev->body.size);
        jw_str(w, "date", ev->date.data, ev->date.size);
    }
    jw_int(w, "line", (long long)ev->span.start_line);
    jw_open(w, "blocks", '[');
}

static void block_start(jw *w, const char *type, const referat_event *ev)
{
    jw_open(w, NULL, '{');
    jw_str(w, "type", type, strlen(type));
    jw_int(w, "line", (long long)ev->span.start_line);
}

static void table_row(jw *w, const referat_event *ev)
{
    jw_open(w, NULL, '{');
    jw_open(w, "cells", '[');
    for (size_t i = 0; i < ev->cell_count; i++) {
        const referat_cell *c = &ev->cells[i];
        jw_open(w, NULL, '{');
        jw_str(w, "text", c->text.data, c->text.size);
        if (c->has_value)
            jw_num(w, "value", c->value, c->value_is_integer);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_bool(w, "header", ev->header);
    jw_close(w, '}');
}

static void content(doc *d, const referat_event *ev)
{
    jw *w = &d->sw;
    switch (ev->type) {
    case REFERAT_EV_SECTION_START: section_start(d, ev); break;
    case REFERAT_EV_SECTION_END: jw_close(w, ']'); jw_close(w, '}'); break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING:
        block_start(w, ev->type == REFERAT_EV_HEADING ? "heading" : "paragraph", ev);
        jw_str(w, "text", ev->text.data, ev->text.size);
        jw_close(w, '}');
        break;
    case REFERAT_EV_ATTACHMENT:
        block_start(w, "attachment", ev);
        jw_str(w, "name", ev->name.data, ev->name.size);
        jw_close(w, '}');
        break;
    case REFERAT_EV_LIST_START: block_start(w, "list", ev); jw_open(w, "items", '['); break;
    case REFERAT_EV_LIST_ITEM:
        jw_open(w, NULL, '{');
        jw_str(w, "label", ev->label.data, ev->label.size);
        jw_int(w, "level", (long long)ev->number);
        jw_str(w, "text", ev->text.data, ev->text.size);
        jw_close(w, '}');
        break;
    case REFERAT_EV_TABLE_START: block_start(w, "table", ev); jw_open(w, "rows", '['); break;
    case REFERAT_EV_TABLE_ROW: table_row(w, ev); break;
    case REFERAT_EV_LIST_END:
    case REFERAT_EV_TABLE_END: jw_close(w, ']'); jw_close(w, '}'); break;
    case REFERAT_EV_ABSENCE: jw_str(&d->aw, NULL, ev->name.data, ev->name.size); break;
    default: break;
    }
}

static void diagnostic(doc *d, const referat_event *ev)
{
    jw *w = &d->dw;
    jw_open(w, NULL, '{');
    jw_str(w, "code", ev->kind.data, ev->kind.size);
    jw_str(w, "severity", ev->severity.data, ev->severity.size);
    jw_int(w, "line", (long long)ev->span.start_line);
    jw_str(w, "message", ev->text.data, ev->text.size);
    jw_close(w, '}');
}

static void on_event(void *ctx, const char *path, const referat_event *ev)
{
    doc *d = ctx;
    (void)path;
    switch (ev->type) {
    case REFERAT_EV_MEETING_START: meeting_start(d, ev); break;
    case REFERAT_EV_META: meta(d, ev); break;
    case REFERAT_EV_PARTICIPANT: participant(d, ev); break;
    case REFERAT_EV_TOC_ENTRY: toc_entry(d, ev); break;
    case REFERAT_EV_ITEM_START: item_start(d, ev); break;
    case REFERAT_EV_ITEM_END: item_end(d); break;
    case REFERAT_EV_MEETING_END:
        write_head(d);
        jw_close(&d->w, ']');
        jw_close(&d->w, '}');
        d->in_meeting = 0;
        sb_flush(&d->out, stdout);
        break;
    case REFERAT_EV_DIAGNOSTIC: diagnostic(d, ev); break;
    default: content(d, ev); break;
    }
}

int cmd_json(int nfiles, char **files, const run_options *opt)
{
    doc d;
    memset(&d, 0, sizeof d);
    jw_init(&d.w, &d.out, 0);
    jw_init(&d.dw, &d.diags, 2);
    jw_open(&d.w, NULL, '{');
    jw_open(&d.w, "meetings", '[');
    int rc = 0;
    for (int i = 0; i < (nfiles ? nfiles : 1) && rc != EXIT_USAGE; i++) {
        int r = run_file(nfiles ? files[i] : "-", opt, on_event, &d);
        if (r > rc)
            rc = r;
    }
    if (rc == 0) {
        jw_close(&d.w, ']');
        jw_open(&d.w, "diagnostics", '[');
        jw_splice(&d.w, &d.diags);
        jw_close(&d.w, ']');
        jw_close(&d.w, '}');
        sb_puts(&d.out, "\n");
        sb_flush(&d.out, stdout);
    }
    char **fields[] = {&d.kind, &d.body, &d.date, &d.weekday, &d.time, &d.location,
                       &d.title, &d.toc_title, &d.case_number};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(*fields[i]);
    sb *bufs[] = {&d.out, &d.diags, &d.parts, &d.toc, &d.absent, &d.secs};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        sb_free(bufs[i]);
    return rc;
}
