#include "dump.h"

#include <stdio.h>
#include <string.h>

static void text(sb *o, const char *label, referat_string s)
{
    sb_put(o, " ", 1);
    if (label) {
        sb_puts(o, label);
        sb_put(o, "=", 1);
    }
    if (s.data)
        json_string(o, s.data, s.size);
    else
        sb_puts(o, "null");
}

static void word(sb *o, const char *w)
{
    sb_put(o, " ", 1);
    sb_puts(o, w);
}

static void num(sb *o, const char *label, long long v)
{
    char t[48];
    snprintf(t, sizeof t, " %s%s%lld", label ? label : "", label ? "=" : "", v);
    sb_puts(o, t);
}

static void row(sb *o, const referat_event *ev)
{
    if (ev->header)
        word(o, "header");
    for (size_t i = 0; i < ev->cell_count; i++) {
        text(o, NULL, ev->cells[i].text);
        if (ev->cells[i].has_value) {
            sb_put(o, "=", 1);
            json_number(o, ev->cells[i].value, ev->cells[i].value_is_integer);
        }
    }
}

static void item(sb *o, const referat_event *ev)
{
    num(o, NULL, (long long)ev->number);
    text(o, NULL, ev->title);
    if (ev->toc_title.data)
        text(o, "toc", ev->toc_title);
    if (ev->page >= 0)
        num(o, "page", (long long)ev->page);
    text(o, "case", ev->case_number);
    if (ev->closed)
        word(o, "closed");
}

static void fields(sb *o, const referat_event *ev)
{
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        word(o, ev->kind.data);
        text(o, NULL, ev->body);
        word(o, ev->date.data ? ev->date.data : "null");
        /* a header block gives these on the meeting (0.2) */
        if (ev->weekday.data)
            text(o, "weekday", ev->weekday);
        if (ev->time.data)
            text(o, "time", ev->time);
        if (ev->end_time.data)
            text(o, "end", ev->end_time);
        if (ev->location.data)
            text(o, "location", ev->location);
        if (ev->layout.data && strcmp(ev->layout.data, "header-line") != 0)
            word(o, ev->layout.data);
        break;
    case REFERAT_EV_META:
        text(o, NULL, ev->name);
        text(o, NULL, ev->value);
        if (ev->weekday.data)
            text(o, "weekday", ev->weekday);
        if (ev->time.data)
            text(o, "time", ev->time);
        if (ev->date.data)
            text(o, "date", ev->date);
        break;
    case REFERAT_EV_PARTICIPANT:
        text(o, NULL, ev->name);
        if (ev->note.data)
            text(o, "note", ev->note);
        if (ev->party.data)
            text(o, "party", ev->party);
        if (ev->role.data)
            text(o, "role", ev->role);
        if (ev->absent)
            word(o, "absent");
        break;
    case REFERAT_EV_TOC_ENTRY:
        text(o, NULL, ev->title);
        num(o, NULL, (long long)ev->page);
        break;
    case REFERAT_EV_ITEM_START: item(o, ev); break;
    case REFERAT_EV_SECTION_START:
        word(o, ev->kind.data);
        text(o, NULL, ev->heading);
        if (ev->body.data) {
            text(o, "body", ev->body);
            text(o, "date", ev->date);
        }
        if (ev->history)
            word(o, "history");
        break;
    case REFERAT_EV_SUBITEM_START:
        text(o, NULL, ev->label);
        text(o, NULL, ev->title);
        break;
    case REFERAT_EV_OUTCOME:
        word(o, ev->kind.data);
        if (ev->point)
            num(o, "point", (long long)ev->point);
        text(o, "phrase", ev->text);
        break;
    case REFERAT_EV_VOTE:
        num(o, "for", (long long)ev->votes_for);
        num(o, "against", (long long)ev->votes_against);
        num(o, "abstain", (long long)ev->votes_abstain);
        if (ev->votes_total >= 0)
            num(o, "total", (long long)ev->votes_total);
        if (ev->unanimous)
            word(o, "unanimous");
        break;
    case REFERAT_EV_PARTICIPATION:
        word(o, ev->kind.data);
        text(o, NULL, ev->name);
        break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING: text(o, NULL, ev->text); break;
    case REFERAT_EV_ATTACHMENT:
    case REFERAT_EV_ABSENCE: text(o, NULL, ev->name); break;
    case REFERAT_EV_LIST_ITEM:
        word(o, ev->label.data);
        num(o, NULL, (long long)ev->level);
        text(o, NULL, ev->text);
        break;
    case REFERAT_EV_TABLE_START: num(o, NULL, (long long)ev->columns); break;
    case REFERAT_EV_TABLE_ROW: row(o, ev); break;
    case REFERAT_EV_DIAGNOSTIC: word(o, ev->code.data); break;
    default: break;
    }
}

void dump_event(sb *o, const referat_event *ev)
{
    static const char *const tags[] = {
        "?NONE", "+MEETING", "=META", "=PARTICIPANT", "=TOC", "+ITEM", "=ABSENCE",
        "+SECTION", "=PARA", "=HEADING", "=ATTACHMENT", "+LIST", "=LI", "-LIST", "+TABLE",
        "=ROW", "-TABLE", "-SECTION", "-ITEM", "-MEETING", "!DIAG", "+SUBITEM", "-SUBITEM", "=OUTCOME",
        "=VOTE", "=PARTICIPATION"};
    unsigned t = (unsigned)ev->type;
    sb_puts(o, t < sizeof tags / sizeof tags[0] ? tags[t] : "?UNKNOWN");
    fields(o, ev);
    char at[32];
    snprintf(at, sizeof at, " @%llu\n", (unsigned long long)ev->span.start_line);
    sb_puts(o, at);
}
