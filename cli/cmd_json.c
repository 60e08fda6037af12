/* referat json: folds the event stream into the SPEC §4.1 document, in
 * memory that does not grow with the input.
 *
 * Each event is turned into text at once; text is held back only where
 * the document's key order needs a value that comes later:
 *  - an item's "absent" list is printed before its "sections" but is only
 *    complete when the item ends (an absence may follow any section), so an
 *    item's sections and absences are held until its end;
 *  - a meeting's participants and TOC are held until its first item (a
 *    meta line may still fill in the head), the diagnostics until the end.
 * What is held is a spill: up to SPILL_AT bytes in memory, the rest in a
 * tmpfile(). Standard output is written at item and meeting ends (and at
 * the end), as always: in between, text waits in the pending spill, so a
 * run that stops on a parse error prints exactly what it always printed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "jsonw.h"
#include "output.h"

enum {
    SPILL_AT = 256 * 1024, /* bytes a spill keeps in memory */
    WRITE_AT = 64 * 1024,  /* bytes gathered for one write to stdout */
};

/* Held text: the older part in file (NULL until needed), the newest in mem. */
typedef struct spill {
    sb mem;
    FILE *file;
    int direct; /* the pending output at an item end: mem goes to stdout */
    jw w;       /* writes into mem */
} spill;

/* What a decision section decided (outcome, vote, participation events),
 * written after its blocks when it ends. */
enum { MAX_POINTS = 64, MAX_PEOPLE = 512 };
typedef struct decision_facts {
    int has_outcome, n_points, has_vote, n_people;
    char *outcome, *phrase, *reason;
    struct { long long point; char *outcome, *phrase; } points[MAX_POINTS];
    long long votes[4]; /* for, against, abstain, total; -1 unknown */
    int unanimous;
    char *names[3];     /* for, against, abstain */
    struct { char *name, *kind, *phrase; } people[MAX_PEOPLE];
} decision_facts;

typedef struct doc {
    const run_options *opt;
    int base;       /* depth of the document object: 0 alone, 2 in "documents" */
    int index;      /* of the document in the run */
    int committed;  /* some of this document went to stdout (not captured) */
    spill out;  /* pending output, for stdout */
    spill diags, parts, toc, absent, secs, subs;
    int head_written;
    int in_subitem, n_subitems;
    decision_facts facts;
    /* meeting head */
    char *kind, *body, *date, *weekday, *time, *location, *end_time, *layout;
    unsigned long long line;
    /* item head */
    long long number, page;
    char *title, *toc_title, *case_number;
    int closed;
    unsigned long long item_line;
} doc;

/* --jsonl: every writer is compact (set before the run, read only then) */
static int compact_json;

/* The writer's flush hook: moves mem to stdout (direct) or to the file. */
static void spill_flush(void *ctx)
{
    spill *s = ctx;
    if (s->direct) {
        if (s->mem.size >= WRITE_AT)
            out_sb(&s->mem);
        return;
    }
    if (s->mem.size < SPILL_AT)
        return;
    if (!out_failed()) {
        if (!s->file && !(s->file = tmpfile()))
            out_fail("temporary file", errno);
        else if (fwrite(s->mem.data, 1, s->mem.size, s->file) != s->mem.size)
            out_fail("temporary file", errno);
    }
    s->mem.size = 0; /* after a failure the run stops: the text is dropped */
}

/* Empties the spill; its writer starts a container's elements at depth. */
static void spill_reset(spill *s, int depth)
{
    if (s->file)
        fclose(s->file);
    s->file = NULL;
    s->mem.size = 0;
    jw_init(&s->w, &s->mem, depth);
    s->w.compact = compact_json;
    jw_on_full(&s->w, WRITE_AT, spill_flush, s);
}

static void spill_free(spill *s)
{
    if (s->file)
        fclose(s->file);
    s->file = NULL;
    sb_free(&s->mem);
}

/* Hands the spill's file to put() chunk by chunk and closes it. */
static void read_back(spill *s, void (*put)(void *ctx, const char *p, size_t n), void *ctx)
{
    char *buf;
    size_t n;
    if (!s->file)
        return;
    if (!(buf = malloc(65536))) {
        out_fail("temporary file", ENOMEM);
    } else if (fflush(s->file) != 0 || fseek(s->file, 0, SEEK_SET) != 0) {
        out_fail("temporary file", errno);
    } else {
        while (!out_failed() && (n = fread(buf, 1, 65536, s->file)) > 0)
            put(ctx, buf, n);
        if (ferror(s->file))
            out_fail("temporary file", errno);
    }
    free(buf);
    fclose(s->file);
    s->file = NULL;
}

static void put_stdout(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    out_write(p, n);
}

static void put_pending(void *ctx, const char *p, size_t n)
{
    spill *out = ctx;
    if (!n)
        return;
    sb_put(&out->mem, p, n);
    spill_flush(out);
}

/* Writes the pending output to stdout. */
static void commit(doc *d)
{
    d->committed = 1;
    read_back(&d->out, put_stdout, NULL);
    out_sb(&d->out.mem);
}

/* From here on the pending output goes straight to stdout. */
static void go_direct(doc *d)
{
    commit(d);
    d->out.direct = 1;
}

/* Appends the elements held in s to the pending output's open container,
 * like jw_splice, and empties s. */
static void splice(doc *d, spill *s)
{
    jw *w = &d->out.w;
    if (!s->file && !s->mem.size)
        return;
    if (!w->first)
        sb_put(&d->out.mem, ",", 1);
    w->first = 0;
    read_back(s, put_pending, &d->out);
    put_pending(&d->out, s->mem.data, s->mem.size);
    s->mem.size = 0;
}

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
    jw *w = &d->out.w;
    jw_open(w, NULL, '{');
    put(w, "kind", d->kind);
    put(w, "body", d->body);
    put(w, "date", d->date);
    put(w, "weekday", d->weekday);
    put(w, "time", d->time);
    put(w, "location", d->location);
    put(w, "end_time", d->end_time);
    put(w, "layout", d->layout);
    jw_int(w, "line", (long long)d->line);
    jw_open(w, "participants", '[');
    splice(d, &d->parts);
    jw_close(w, ']');
    jw_open(w, "toc", '[');
    splice(d, &d->toc);
    jw_close(w, ']');
    jw_open(w, "items", '[');
    d->head_written = 1;
}

static void meeting_start(doc *d, const referat_event *ev)
{
    d->head_written = 0;
    set(&d->kind, ev->kind);
    set(&d->body, ev->body);
    set(&d->date, ev->date);
    /* a header block gives these on the meeting; header lines in meta */
    set(&d->weekday, ev->weekday);
    set(&d->time, ev->time);
    set(&d->location, ev->location);
    set(&d->end_time, ev->end_time);
    set(&d->layout, ev->layout);
    d->line = ev->span.start_line;
    spill_reset(&d->parts, d->base + 4);
    spill_reset(&d->toc, d->base + 4);
}

static void meta(doc *d, const referat_event *ev)
{
    if (ev->meta == REFERAT_META_DATE) {
        set(&d->weekday, ev->weekday);
        set(&d->time, ev->time);
    } else if (ev->meta == REFERAT_META_LOCATION) {
        set(&d->location, ev->value.size ? ev->value : (referat_string){NULL, 0});
    }
}

static void participant(doc *d, const referat_event *ev)
{
    jw *w = &d->parts.w;
    jw_open(w, NULL, '{');
    jw_str(w, "name", ev->name.data, ev->name.size);
    if (ev->note.data)
        jw_str(w, "note", ev->note.data, ev->note.size);
    if (ev->party.data)
        jw_str(w, "party", ev->party.data, ev->party.size);
    if (ev->role.data)
        jw_str(w, "role", ev->role.data, ev->role.size);
    jw_bool(w, "absent", ev->absent);
    jw_close(w, '}');
}

static void toc_entry(doc *d, const referat_event *ev)
{
    jw *w = &d->toc.w;
    jw_open(w, NULL, '{');
    jw_str(w, "title", ev->title.data, ev->title.size);
    if (ev->page >= 0)
        jw_int(w, "page", (long long)ev->page);
    else
        jw_null(w, "page"); /* a TOC without pages */
    jw_close(w, '}');
}

static void item_start(doc *d, const referat_event *ev)
{
    write_head(d);
    d->number = ev->number;
    d->page = ev->page;
    d->closed = ev->closed;
    d->item_line = ev->span.start_line;
    set(&d->title, ev->title);
    set(&d->toc_title, ev->toc_title);
    set(&d->case_number, ev->case_number);
    spill_reset(&d->absent, d->base + 6);
    spill_reset(&d->secs, d->base + 6);
    spill_reset(&d->subs, d->base + 6);
    d->in_subitem = d->n_subitems = 0;
}

/* Writes the item straight through to stdout, after what is pending. */
static void item_end(doc *d)
{
    jw *w = &d->out.w;
    go_direct(d);
    jw_open(w, NULL, '{');
    jw_int(w, "number", d->number);
    put(w, "title", d->title);
    put(w, "toc_title", d->toc_title);
    if (d->page >= 0)
        jw_int(w, "page", d->page);
    else
        jw_null(w, "page");
    put(w, "case_number", d->case_number);
    jw_bool(w, "closed", d->closed);
    jw_open(w, "absent", '[');
    splice(d, &d->absent);
    jw_close(w, ']');
    jw_int(w, "line", (long long)d->item_line);
    jw_open(w, "sections", '[');
    splice(d, &d->secs);
    jw_close(w, ']');
    if (d->n_subitems) {
        jw_open(w, "subitems", '[');
        splice(d, &d->subs);
        jw_close(w, ']');
    }
    jw_close(w, '}');
    commit(d);
    d->out.direct = 0;
}

static void facts_clear(decision_facts *f)
{
    free(f->outcome);
    free(f->phrase);
    free(f->reason);
    for (int i = 0; i < f->n_points; i++) {
        free(f->points[i].outcome);
        free(f->points[i].phrase);
    }
    for (int i = 0; i < 3; i++)
        free(f->names[i]);
    for (int i = 0; i < f->n_people; i++) {
        free(f->people[i].name);
        free(f->people[i].kind);
        free(f->people[i].phrase);
    }
    memset(f, 0, sizeof *f);
}

static void fact_event(doc *d, const referat_event *ev)
{
    decision_facts *f = &d->facts;
    if (ev->type == REFERAT_EV_OUTCOME && ev->point == 0) {
        f->has_outcome = 1;
        set(&f->outcome, ev->kind);
        set(&f->phrase, ev->text);
        set(&f->reason, ev->reason);
    } else if (ev->type == REFERAT_EV_OUTCOME && f->n_points < MAX_POINTS) {
        f->points[f->n_points].point = ev->point;
        f->points[f->n_points].outcome = dup_str(ev->kind);
        f->points[f->n_points].phrase = dup_str(ev->text);
        f->n_points++;
    } else if (ev->type == REFERAT_EV_VOTE) {
        f->has_vote = 1;
        f->votes[0] = ev->votes_for;
        f->votes[1] = ev->votes_against;
        f->votes[2] = ev->votes_abstain;
        f->votes[3] = ev->votes_total;
        f->unanimous = ev->unanimous;
        set(&f->names[0], ev->for_names);
        set(&f->names[1], ev->against_names);
        set(&f->names[2], ev->abstain_names);
    } else if (ev->type == REFERAT_EV_PARTICIPATION && f->n_people < MAX_PEOPLE) {
        f->people[f->n_people].name = dup_str(ev->name);
        f->people[f->n_people].kind = dup_str(ev->kind);
        f->people[f->n_people].phrase = dup_str(ev->text);
        f->n_people++;
    }
}

static void count_or_null(jw *w, const char *key, long long v)
{
    if (v >= 0)
        jw_int(w, key, v);
    else
        jw_null(w, key);
}

/* The decision's facts after its blocks: outcome, points, votes, people. */
static void write_facts(jw *w, decision_facts *f)
{
    if (f->has_outcome) {
        put(w, "outcome", f->outcome);
        put(w, "outcome_phrase", f->phrase);
        put(w, "outcome_reason", f->reason);
    }
    if (f->n_points) {
        jw_open(w, "points", '[');
        for (int i = 0; i < f->n_points; i++) {
            jw_open(w, NULL, '{');
            jw_int(w, "point", f->points[i].point);
            put(w, "outcome", f->points[i].outcome);
            put(w, "phrase", f->points[i].phrase);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (f->has_vote) {
        static const char *const keys[] = {"for", "against", "abstain", "total"};
        static const char *const names[] = {"for_names", "against_names", "abstain_names"};
        jw_open(w, "votes", '{');
        for (int i = 0; i < 4; i++)
            count_or_null(w, keys[i], f->votes[i]);
        jw_bool(w, "unanimous", f->unanimous);
        for (int i = 0; i < 3; i++)
            put(w, names[i], f->names[i]);
        jw_close(w, '}');
    }
    if (f->n_people) {
        jw_open(w, "participation", '[');
        for (int i = 0; i < f->n_people; i++) {
            jw_open(w, NULL, '{');
            put(w, "name", f->people[i].name);
            put(w, "kind", f->people[i].kind);
            put(w, "phrase", f->people[i].phrase);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    facts_clear(f);
}

/* Sections go into the item, or into its open sub-item. */
static jw *sections_writer(doc *d)
{
    return d->in_subitem ? &d->subs.w : &d->secs.w;
}

static void subitem_start(doc *d, const referat_event *ev)
{
    jw *w = &d->subs.w;
    jw_open(w, NULL, '{');
    jw_str(w, "label", ev->label.data, ev->label.size);
    jw_str(w, "title", ev->title.data, ev->title.size);
    jw_int(w, "line", (long long)ev->span.start_line);
    jw_open(w, "sections", '[');
    d->in_subitem = 1;
    d->n_subitems++;
}

static void subitem_end(doc *d)
{
    jw_close(&d->subs.w, ']');
    jw_close(&d->subs.w, '}');
    d->in_subitem = 0;
}

static void section_start(doc *d, const referat_event *ev)
{
    jw *w = sections_writer(d);
    jw_open(w, NULL, '{');
    jw_str(w, "kind", ev->kind.data, ev->kind.size);
    jw_str(w, "heading", ev->heading.data, ev->heading.size);
    if (ev->section == REFERAT_SECTION_DECISION) {
        jw_str(w, "body", ev->body.data, ev->body.size);
        jw_str(w, "date", ev->date.data, ev->date.size);
        jw_bool(w, "history", ev->history);
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
    jw *w = sections_writer(d);
    switch (ev->type) {
    case REFERAT_EV_SUBITEM_START: subitem_start(d, ev); break;
    case REFERAT_EV_SUBITEM_END: subitem_end(d); break;
    case REFERAT_EV_SECTION_START: section_start(d, ev); break;
    case REFERAT_EV_SECTION_END:
        jw_close(w, ']');
        write_facts(w, &d->facts);
        jw_close(w, '}');
        break;
    case REFERAT_EV_OUTCOME:
    case REFERAT_EV_VOTE:
    case REFERAT_EV_PARTICIPATION: fact_event(d, ev); break;
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
        jw_int(w, "level", (long long)ev->level);
        jw_str(w, "text", ev->text.data, ev->text.size);
        jw_close(w, '}');
        break;
    case REFERAT_EV_TABLE_START: block_start(w, "table", ev); jw_open(w, "rows", '['); break;
    case REFERAT_EV_TABLE_ROW: table_row(w, ev); break;
    case REFERAT_EV_LIST_END:
    case REFERAT_EV_TABLE_END: jw_close(w, ']'); jw_close(w, '}'); break;
    case REFERAT_EV_ABSENCE: jw_str(&d->absent.w, NULL, ev->name.data, ev->name.size); break;
    default: break;
    }
}

static void diagnostic(doc *d, const referat_event *ev)
{
    jw *w = &d->diags.w;
    jw_open(w, NULL, '{');
    jw_str(w, "code", ev->code.data, ev->code.size);
    jw_str(w, "severity", ev->severity.data, ev->severity.size);
    jw_int(w, "line", (long long)ev->span.start_line);
    jw_str(w, "message", ev->message.data, ev->message.size);
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
        jw_close(&d->out.w, ']');
        jw_close(&d->out.w, '}');
        commit(d);
        break;
    case REFERAT_EV_DIAGNOSTIC: diagnostic(d, ev); break;
    default: content(d, ev); break;
    }
}

static void doc_clear(doc *d)
{
    char **fields[] = {&d->kind, &d->body, &d->date, &d->weekday, &d->time, &d->location,
                       &d->end_time, &d->layout, &d->title, &d->toc_title, &d->case_number};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        free(*fields[i]);
        *fields[i] = NULL;
    }
    facts_clear(&d->facts);
    d->head_written = d->in_subitem = d->n_subitems = 0;
    d->committed = 0;
    d->out.direct = 0;
}

static spill *const *spills(doc *d, spill *all[7])
{
    spill *s[] = {&d->out, &d->diags, &d->parts, &d->toc, &d->absent, &d->secs, &d->subs};
    memcpy(all, s, sizeof s);
    return all;
}

static void *json_new(void *shared)
{
    doc *d = calloc(1, sizeof *d);
    if (!d) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    d->opt = shared;
    d->base = d->opt->several && !d->opt->jsonl ? 2 : 0;
    return d;
}

static void json_free(void *ctx)
{
    doc *d = ctx;
    spill *all[7];
    doc_clear(d);
    spills(d, all);
    for (int i = 0; i < 7; i++)
        spill_free(all[i]);
    free(d);
}

/* The document's head: { "source": ..., "meetings": [ */
static void json_begin(void *ctx, const char *source, int index)
{
    doc *d = ctx;
    spill *all[7];
    const int depth[] = {0, 2, 4, 4, 6, 6, 6}; /* where each one's elements go */
    doc_clear(d);
    d->index = index;
    spills(d, all);
    for (int i = 0; i < 7; i++)
        spill_reset(all[i], d->base + depth[i]);
    if (d->base && index > 0)
        sb_put(&d->out.mem, ",", 1);
    jw *w = &d->out.w;
    jw_open(w, NULL, '{');
    jw_str(w, "source", source, strlen(source));
    jw_open(w, "meetings", '[');
}

static void json_end(void *ctx, const char *source, const source_result *r)
{
    doc *d = ctx;
    jw *w = &d->out.w;
    if (r->status == 0) {
        go_direct(d);
        jw_close(w, ']');
        jw_open(w, "diagnostics", '[');
        splice(d, &d->diags);
        jw_close(w, ']');
        jw_close(w, '}');
    } else {
        capture *cap = out_captured();
        if (!cap && d->committed)
            return; /* the document is on stdout in part: it ends there */
        if (cap)
            capture_discard(cap);
        spill_reset(&d->out, d->base);
        if (d->base && d->index > 0) /* the comma went with the document */
            sb_put(&d->out.mem, ",", 1);
        jw_open(w, NULL, '{');
        jw_str(w, "source", source, strlen(source));
        jw_open(w, "error", '{');
        jw_str(w, "code", r->code, strlen(r->code));
        jw_str(w, "message", r->message, strlen(r->message));
        const char *keys[] = {"line", "column", "offset"};
        unsigned long long v[] = {r->line, r->column, r->offset};
        for (int i = 0; i < 3; i++) {
            if (r->has_position)
                jw_int(w, keys[i], (long long)v[i]);
            else
                jw_null(w, keys[i]);
        }
        jw_close(w, '}');
        jw_close(w, '}');
    }
    if (!d->base)
        sb_puts(&d->out.mem, "\n");
    commit(d);
}

int cmd_json(int nfiles, char **files, const run_options *opt)
{
    compact_json = opt->jsonl;
    int batch = opt->several && !opt->jsonl;
    /* a document is captured when it may have to be taken back (a parse
     * error) or wait for the ones before it (--jobs); one file of a
     * parse that cannot fail streams straight to stdout */
    batch_cmd c = {json_new, json_free, json_begin, on_event, json_end,
                   opt->several || opt->strict || opt->jobs > 1};
    if (batch)
        out_write("{\n  \"documents\": [", 18);
    int rc = batch_run(nfiles, files, opt, &c, (void *)opt);
    if (batch && !out_failed())
        out_write(nfiles ? "\n  ]\n}\n" : "]\n}\n", nfiles ? 7 : 4);
    return rc;
}
