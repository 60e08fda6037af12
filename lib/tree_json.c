/* JSON of a node: the document of `referat json` (docs/FORMAT.md, "The
 * JSON document") written from a tree, so that the same document comes out
 * of the CLI and of the model (tests/test_document.c compares them).
 *
 * Layout as Python's json.dumps(indent=2, ensure_ascii=False) (or compact,
 * as JSON Lines). Folding done here, as the CLI does it:
 *  - a meeting's date meta sets its weekday and time, a location meta its
 *    location (an empty value: null);
 *  - an item lists its absences under "absent", its sections under
 *    "sections", its sub-items (when it has any) under "subitems";
 *  - a decision section's outcome (point 0), points (at most 64), votes
 *    and participation (at most 512 people) follow its blocks. */
#include <string.h>

#include "json_text.h"
#include "tree.h"

enum { BUF = 4096, MAX_POINTS = 64, MAX_PEOPLE = 512 };

typedef struct writer {
    referat_write_fn fn;
    void *user;
    int failed;
    int compact;
    int depth; /* indentation of the next element */
    int first; /* no element yet in the open container */
    size_t used;
    char buf[BUF];
} writer;

static void flush(writer *w)
{
    if (w->used && !w->failed && w->fn(w->user, w->buf, w->used))
        w->failed = 1;
    w->used = 0;
}

static void put(void *ctx, const char *s, size_t n)
{
    writer *w = ctx;
    while (n) {
        if (w->used == BUF)
            flush(w);
        size_t k = BUF - w->used < n ? BUF - w->used : n;
        memcpy(w->buf + w->used, s, k);
        w->used += k;
        s += k;
        n -= k;
    }
}

static void indent(writer *w)
{
    if (w->compact)
        return;
    put(w, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        put(w, "  ", 2);
}

static void element(writer *w, const char *key)
{
    if (!w->first)
        put(w, ",", 1);
    w->first = 0;
    indent(w);
    if (key) {
        rf_json_string(put, w, key, strlen(key));
        put(w, ": ", w->compact ? 1 : 2);
    }
}

static void open_(writer *w, const char *key, char bracket)
{
    if (w->depth > 0 || !w->first || key)
        element(w, key);
    put(w, &bracket, 1);
    w->depth++;
    w->first = 1;
}

static void close_(writer *w, char bracket)
{
    w->depth--;
    if (!w->first)
        indent(w);
    put(w, &bracket, 1);
    w->first = 0;
}

static void str(writer *w, const char *key, referat_string s)
{
    element(w, key);
    if (s.data)
        rf_json_string(put, w, s.data, s.size);
    else
        put(w, "null", 4);
}

static void text(writer *w, const char *key, const char *s)
{
    str(w, key, (referat_string){s, s ? strlen(s) : 0});
}

static void integer(writer *w, const char *key, long long v)
{
    char t[RF_JSON_NUMBER_MAX];
    element(w, key);
    put(w, t, rf_json_int(t, v));
}

/* A count or a page: null when negative (not stated). */
static void count(writer *w, const char *key, long long v)
{
    if (v >= 0) {
        integer(w, key, v);
    } else {
        element(w, key);
        put(w, "null", 4);
    }
}

static void boolean(writer *w, const char *key, int v)
{
    element(w, key);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

static void line(writer *w, const referat_node *n)
{
    integer(w, "line", (long long)n->ev.span.start_line);
}

/* ---- leaves and blocks ------------------------------------------------ */

static void participant(writer *w, const referat_event *ev)
{
    open_(w, NULL, '{');
    str(w, "name", ev->name);
    if (ev->note.data)
        str(w, "note", ev->note);
    if (ev->party.data)
        str(w, "party", ev->party);
    if (ev->role.data)
        str(w, "role", ev->role);
    boolean(w, "absent", ev->absent);
    close_(w, '}');
}

static void toc_entry(writer *w, const referat_event *ev)
{
    open_(w, NULL, '{');
    str(w, "title", ev->title);
    count(w, "page", ev->page); /* null: a TOC without pages */
    close_(w, '}');
}

static void diagnostic(writer *w, const referat_node *n)
{
    open_(w, NULL, '{');
    str(w, "code", n->ev.code);
    str(w, "severity", n->ev.severity);
    line(w, n);
    str(w, "message", n->ev.message);
    close_(w, '}');
}

static void table_row(writer *w, const referat_event *ev)
{
    open_(w, NULL, '{');
    open_(w, "cells", '[');
    for (size_t i = 0; i < ev->cell_count; i++) {
        const referat_cell *c = &ev->cells[i];
        open_(w, NULL, '{');
        str(w, "text", c->text);
        if (c->has_value) {
            char t[RF_JSON_NUMBER_MAX];
            element(w, "value");
            put(w, t, rf_json_number(t, c->value, c->value_is_integer));
        }
        close_(w, '}');
    }
    close_(w, ']');
    boolean(w, "header", ev->header);
    close_(w, '}');
}

static void list_item(writer *w, const referat_event *ev)
{
    open_(w, NULL, '{');
    str(w, "label", ev->label);
    integer(w, "level", (long long)ev->level);
    str(w, "text", ev->text);
    close_(w, '}');
}

/* A list's items or a table's rows. */
static void block_children(writer *w, const referat_node *n, const char *key,
                           referat_event_type type)
{
    open_(w, key, '[');
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type == type && type == REFERAT_EV_LIST_ITEM)
            list_item(w, &c->ev);
        else if (c->ev.type == type)
            table_row(w, &c->ev);
    }
    close_(w, ']');
}

/* A block of a section; 0 when n is not a block. */
static int block(writer *w, const referat_node *n)
{
    static const char *const names[] = {
        [REFERAT_EV_PARAGRAPH] = "paragraph", [REFERAT_EV_HEADING] = "heading",
        [REFERAT_EV_ATTACHMENT] = "attachment", [REFERAT_EV_LIST_START] = "list",
        [REFERAT_EV_TABLE_START] = "table"};
    referat_event_type t = n->ev.type;
    if (t >= sizeof names / sizeof names[0] || !names[t])
        return 0;
    open_(w, NULL, '{');
    text(w, "type", names[t]);
    line(w, n);
    if (t == REFERAT_EV_PARAGRAPH || t == REFERAT_EV_HEADING)
        str(w, "text", n->ev.text);
    else if (t == REFERAT_EV_ATTACHMENT)
        str(w, "name", n->ev.name);
    else if (t == REFERAT_EV_LIST_START)
        block_children(w, n, "items", REFERAT_EV_LIST_ITEM);
    else
        block_children(w, n, "rows", REFERAT_EV_TABLE_ROW);
    close_(w, '}');
    return 1;
}

/* ---- decisions -------------------------------------------------------- */

/* The last child of type t with point 0 or not (outcome), or any (vote). */
static const referat_node *last_of(const referat_node *n, referat_event_type t, int whole)
{
    const referat_node *found = NULL;
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type == t && (t != REFERAT_EV_OUTCOME || (c->ev.point == 0) == whole))
            found = c;
    }
    return found;
}

static void points(writer *w, const referat_node *n)
{
    int written = 0;
    for (const referat_node *c = n->first; c && written < MAX_POINTS; c = c->next) {
        if (c->ev.type != REFERAT_EV_OUTCOME || c->ev.point == 0)
            continue;
        if (!written++)
            open_(w, "points", '[');
        open_(w, NULL, '{');
        integer(w, "point", (long long)c->ev.point);
        str(w, "outcome", c->ev.kind);
        str(w, "phrase", c->ev.text);
        close_(w, '}');
    }
    if (written)
        close_(w, ']');
}

static void votes(writer *w, const referat_event *ev)
{
    open_(w, "votes", '{');
    count(w, "for", (long long)ev->votes_for);
    count(w, "against", (long long)ev->votes_against);
    count(w, "abstain", (long long)ev->votes_abstain);
    count(w, "total", (long long)ev->votes_total);
    boolean(w, "unanimous", ev->unanimous);
    str(w, "for_names", ev->for_names);
    str(w, "against_names", ev->against_names);
    str(w, "abstain_names", ev->abstain_names);
    close_(w, '}');
}

static void participation(writer *w, const referat_node *n)
{
    int written = 0;
    for (const referat_node *c = n->first; c && written < MAX_PEOPLE; c = c->next) {
        if (c->ev.type != REFERAT_EV_PARTICIPATION)
            continue;
        if (!written++)
            open_(w, "participation", '[');
        open_(w, NULL, '{');
        str(w, "name", c->ev.name);
        str(w, "kind", c->ev.kind);
        str(w, "phrase", c->ev.text);
        close_(w, '}');
    }
    if (written)
        close_(w, ']');
}

/* What a decision section decided, after its blocks. */
static void facts(writer *w, const referat_node *n)
{
    const referat_node *whole = last_of(n, REFERAT_EV_OUTCOME, 1);
    if (whole) {
        str(w, "outcome", whole->ev.kind);
        str(w, "outcome_phrase", whole->ev.text);
        str(w, "outcome_reason", whole->ev.reason);
    }
    points(w, n);
    const referat_node *vote = last_of(n, REFERAT_EV_VOTE, 0);
    if (vote)
        votes(w, &vote->ev);
    participation(w, n);
}

/* ---- containers ------------------------------------------------------- */

static void section(writer *w, const referat_node *n)
{
    const referat_event *ev = &n->ev;
    open_(w, NULL, '{');
    str(w, "kind", ev->kind);
    str(w, "heading", ev->heading);
    if (ev->section == REFERAT_SECTION_DECISION) {
        str(w, "body", ev->body);
        str(w, "date", ev->date);
        boolean(w, "history", ev->history);
    }
    line(w, n);
    open_(w, "blocks", '[');
    for (const referat_node *c = n->first; c; c = c->next)
        block(w, c);
    close_(w, ']');
    facts(w, n);
    close_(w, '}');
}

static void sections(writer *w, const referat_node *n)
{
    open_(w, "sections", '[');
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type == REFERAT_EV_SECTION_START)
            section(w, c);
    }
    close_(w, ']');
}

static void subitem(writer *w, const referat_node *n)
{
    open_(w, NULL, '{');
    str(w, "label", n->ev.label);
    str(w, "title", n->ev.title);
    line(w, n);
    sections(w, n);
    close_(w, '}');
}

/* The names of the absences under n, depth first. */
static void absences(writer *w, const referat_node *n)
{
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type == REFERAT_EV_ABSENCE)
            str(w, NULL, c->ev.name);
        else if (c->first)
            absences(w, c);
    }
}

static void item(writer *w, const referat_node *n)
{
    const referat_event *ev = &n->ev;
    open_(w, NULL, '{');
    integer(w, "number", (long long)ev->number);
    str(w, "title", ev->title);
    str(w, "toc_title", ev->toc_title);
    count(w, "page", (long long)ev->page);
    str(w, "case_number", ev->case_number);
    boolean(w, "closed", ev->closed);
    open_(w, "absent", '[');
    absences(w, n);
    close_(w, ']');
    line(w, n);
    sections(w, n);
    if (referat_node_find(n, REFERAT_EV_SUBITEM_START, NULL)) {
        open_(w, "subitems", '[');
        for (const referat_node *c = n->first; c; c = c->next) {
            if (c->ev.type == REFERAT_EV_SUBITEM_START)
                subitem(w, c);
        }
        close_(w, ']');
    }
    close_(w, '}');
}

/* The meeting's head fields, with its meta lines folded in. */
static void meeting_head(writer *w, const referat_node *n)
{
    referat_event head = n->ev;
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type != REFERAT_EV_META)
            continue;
        if (c->ev.meta == REFERAT_META_DATE) {
            head.weekday = c->ev.weekday;
            head.time = c->ev.time;
        } else if (c->ev.meta == REFERAT_META_LOCATION) {
            head.location = c->ev.value.size ? c->ev.value : (referat_string){NULL, 0};
        }
    }
    str(w, "kind", head.kind);
    str(w, "body", head.body);
    str(w, "date", head.date);
    str(w, "weekday", head.weekday);
    str(w, "time", head.time);
    str(w, "location", head.location);
    str(w, "end_time", head.end_time);
    str(w, "layout", head.layout);
    line(w, n);
}

static void children_of_type(writer *w, const referat_node *n, const char *key,
                             referat_event_type type)
{
    open_(w, key, '[');
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type != type)
            continue;
        if (type == REFERAT_EV_PARTICIPANT)
            participant(w, &c->ev);
        else if (type == REFERAT_EV_TOC_ENTRY)
            toc_entry(w, &c->ev);
        else if (type == REFERAT_EV_ITEM_START)
            item(w, c);
        else
            diagnostic(w, c);
    }
    close_(w, ']');
}

static void meeting(writer *w, const referat_node *n)
{
    open_(w, NULL, '{');
    meeting_head(w, n);
    children_of_type(w, n, "participants", REFERAT_EV_PARTICIPANT);
    children_of_type(w, n, "toc", REFERAT_EV_TOC_ENTRY);
    children_of_type(w, n, "items", REFERAT_EV_ITEM_START);
    close_(w, '}');
}

static void document(writer *w, const referat_node *n, const char *source)
{
    open_(w, NULL, '{');
    if (source)
        text(w, "source", source);
    open_(w, "meetings", '[');
    for (const referat_node *c = n->first; c; c = c->next) {
        if (c->ev.type == REFERAT_EV_MEETING_START)
            meeting(w, c);
    }
    close_(w, ']');
    children_of_type(w, n, "diagnostics", REFERAT_EV_DIAGNOSTIC);
    close_(w, '}');
}

/* Any other node: its type, line and the fields its event has. */
static void other(writer *w, const referat_node *n)
{
    const referat_event *ev = &n->ev;
    open_(w, NULL, '{');
    text(w, "type", referat_event_type_name(ev->type));
    line(w, n);
    if (ev->type == REFERAT_EV_META) {
        str(w, "name", ev->name);
        str(w, "value", ev->value);
    } else if (ev->type == REFERAT_EV_OUTCOME || ev->type == REFERAT_EV_PARTICIPATION) {
        str(w, "kind", ev->kind);
        str(w, "name", ev->name);
        str(w, "phrase", ev->text);
    } else if (ev->type == REFERAT_EV_VOTE) {
        votes(w, ev);
    }
    close_(w, '}');
}

static void node(writer *w, const referat_node *n, const char *source)
{
    switch (n->ev.type) {
    case REFERAT_EV_NONE: document(w, n, source); break;
    case REFERAT_EV_MEETING_START: meeting(w, n); break;
    case REFERAT_EV_ITEM_START: item(w, n); break;
    case REFERAT_EV_SUBITEM_START: subitem(w, n); break;
    case REFERAT_EV_SECTION_START: section(w, n); break;
    case REFERAT_EV_PARTICIPANT: participant(w, &n->ev); break;
    case REFERAT_EV_TOC_ENTRY: toc_entry(w, &n->ev); break;
    case REFERAT_EV_DIAGNOSTIC: diagnostic(w, n); break;
    case REFERAT_EV_LIST_ITEM: list_item(w, &n->ev); break;
    case REFERAT_EV_TABLE_ROW: table_row(w, &n->ev); break;
    case REFERAT_EV_ABSENCE: str(w, NULL, n->ev.name); break;
    default:
        if (!block(w, n))
            other(w, n);
    }
}

referat_status referat_node_write_json(const referat_node *n, const char *source, unsigned flags,
                                       referat_write_fn fn, void *user)
{
    writer w;
    w.fn = fn;
    w.user = user;
    w.failed = 0;
    w.compact = (flags & REFERAT_JSON_COMPACT) != 0;
    w.depth = 0;
    w.first = 1;
    w.used = 0;
    node(&w, n, source);
    flush(&w);
    return w.failed ? REFERAT_ERROR : REFERAT_OK;
}
