/* referat oparl: the parsed documents as OParl 1.1 objects (docs/FORMAT.md,
 * "OParl export").
 *
 * Unlike `json`, this command keeps what it needs of every document in
 * memory and writes at the end: people, bodies and papers are shared by
 * meetings, ids must be unique over the whole run, and a decision history
 * may point at a meeting that a later file holds. What is kept is small:
 * names, dates, titles and the text of this meeting's decisions (not the
 * other sections' blocks).
 *
 * Ids are URLs under the base URL, made of slugs of what the documents
 * say (body, date, item number, case number, names), so that the same
 * input gives the same ids; a collision gets "-2", "-3" ... in input order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "jsonw.h"
#include "output.h"

#define OPARL "https://schema.oparl.org/1.1/"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *dup_rs(referat_string s)
{
    return s.data ? xstrndup(s.data, s.size) : NULL;
}

/* The texts joined; NULL ones are left out. */
static char *cat_n(const char *const *p, size_t n)
{
    sb s = {0};
    for (size_t i = 0; i < n; i++)
        if (p[i])
            sb_puts(&s, p[i]);
    char *r = xstrndup(s.data ? s.data : "", s.size);
    sb_free(&s);
    return r;
}
#define cat(...)                                                                   \
    cat_n((const char *const[]){__VA_ARGS__},                                     \
          sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* A growable array of T: PUSH returns the new element, zeroed. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define PUSH(vec)                                                                  \
    ((vec).n == (vec).cap                                                          \
         ? ((vec).cap = (vec).cap ? 2 * (vec).cap : 8,                             \
            (vec).v = xrealloc((vec).v, (vec).cap * sizeof *(vec).v))              \
         : (void *)0,                                                              \
     memset(&(vec).v[(vec).n], 0, sizeof *(vec).v), &(vec).v[(vec).n++])

typedef VEC(size_t) idx_list;

static void idx_add(idx_list *l, size_t i)
{
    *(size_t *)PUSH(*l) = i;
}

/* ---- string -> index map (open addressing) ---- */
typedef struct map {
    char **key;
    size_t *val;
    size_t n, cap;
} map;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static size_t *map_slot(map *m, const char *key, int create)
{
    if (create && 2 * (m->n + 1) > m->cap) {
        map old = *m;
        m->cap = old.cap ? 2 * old.cap : 64;
        m->key = xrealloc(NULL, m->cap * sizeof *m->key);
        m->val = xrealloc(NULL, m->cap * sizeof *m->val);
        memset(m->key, 0, m->cap * sizeof *m->key);
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.key[i])
                *map_slot(m, old.key[i], 1) = old.val[i], free(old.key[i]);
        free(old.key);
        free(old.val);
    }
    if (!m->cap)
        return NULL;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->key[i]) {
            if (!create)
                return NULL;
            m->key[i] = xstrndup(key, strlen(key));
            m->n++;
            return &m->val[i];
        }
        if (strcmp(m->key[i], key) == 0)
            return &m->val[i];
    }
}

static void map_free(map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->key[i]);
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* ---- slugs ---- */

/* Lowercase ASCII letters and digits; æ ø å (and a few other Latin
 * letters) spelled out; anything else one '-'. At most 80 bytes; "x" when
 * nothing is left. */
static char *slug(const char *s)
{
    static const struct { unsigned char b; const char *a; } latin[] = {
        {0xA6, "ae"}, {0x86, "ae"}, {0xB8, "oe"}, {0x98, "oe"}, {0xA5, "aa"}, {0x85, "aa"},
        {0xA4, "ae"}, {0x84, "ae"}, {0xB6, "oe"}, {0x96, "oe"}, {0xBC, "ue"}, {0x9C, "ue"},
        {0xA9, "e"},  {0x89, "e"},  {0xA8, "e"},  {0x88, "e"},  {0xA1, "a"},  {0x81, "a"},
        {0xB3, "o"},  {0x93, "o"},  {0x9F, "ss"}};
    sb out = {0};
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && out.size < 80;) {
        const char *add = NULL;
        char one[2] = {0, 0};
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            one[0] = (char)*p;
            add = one;
        } else if (*p >= 'A' && *p <= 'Z') {
            one[0] = (char)(*p - 'A' + 'a');
            add = one;
        } else if (*p == 0xC3 && p[1]) {
            for (size_t k = 0; k < sizeof latin / sizeof latin[0]; k++)
                if (latin[k].b == p[1])
                    add = latin[k].a;
        }
        if (add) {
            if (dash && out.size)
                sb_put(&out, "-", 1);
            sb_puts(&out, add);
            dash = 0;
        } else {
            dash = 1;
        }
        /* skip the whole UTF-8 sequence */
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
    }
    char *r = out.size ? xstrndup(out.data, out.size) : xstrndup("x", 1);
    sb_free(&out);
    return r;
}

/* ---- what the documents said ---- */

typedef struct history {
    char *body, *date, *outcome;
} history;

typedef struct item {
    long long number;
    char *title, *case_number;
    int closed;
    VEC(char *) files;
    int n_decisions; /* this meeting's (non-history) decisions */
    char *outcome;   /* their outcome; "mixed" when they differ */
    sb resolution;   /* their text */
    VEC(history) hist;
    /* assigned at the end */
    char *id, *cons_id;
    size_t paper; /* SIZE_MAX: none */
} item;

typedef struct participant {
    char *name, *party, *role;
    int absent;
} participant;

typedef struct meeting {
    char *stem, *kind, *body, *date, *time, *end_time, *location;
    VEC(participant) parts;
    VEC(item) items;
    /* assigned at the end */
    char *key, *id;
    size_t body_ix; /* SIZE_MAX: none */
    idx_list persons;
} meeting;

typedef struct body {
    char *name, *slug, *id, *org_id;
    idx_list memberships;
} body;

typedef struct person {
    char *name, *party, *id;
    size_t body_ix;
    size_t membership; /* SIZE_MAX: none */
} person;

typedef struct membership {
    char *id, *role;
    size_t person, body_ix;
} membership;

typedef struct consultation {
    char *id, *meeting_id, *item_id, *role;
    int authoritative; /* -1: unknown */
    size_t body_ix, paper;
} consultation;

typedef struct paper {
    char *id, *reference, *name;
    size_t body_ix;
    idx_list consultations;
} paper;

typedef struct stub {
    char *id, *date;
    size_t body_ix;
} stub;

typedef struct state {
    const char *base;
    VEC(meeting) meetings;
    /* while parsing */
    int in_item, in_decision, decision_history;
    char *sec_outcome;
    sb sec_text;
    /* built at the end */
    VEC(body) bodies;
    VEC(person) persons;
    VEC(membership) memberships;
    VEC(consultation) consultations;
    VEC(paper) papers;
    VEC(stub) stubs;
    map body_map, person_map, paper_map, used_ids, stub_map;
} state;

static meeting *cur_meeting(state *s)
{
    return s->meetings.n ? &s->meetings.v[s->meetings.n - 1] : NULL;
}

static item *cur_item(state *s)
{
    meeting *m = cur_meeting(s);
    return s->in_item && m && m->items.n ? &m->items.v[m->items.n - 1] : NULL;
}

static char *file_stem(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return xstrndup("stdin", 5);
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    return xstrndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static void set(char **f, referat_string v)
{
    if (v.data) {
        free(*f);
        *f = dup_rs(v);
    }
}

static void text_add(sb *t, const char *sep, referat_string v)
{
    if (!v.data || !v.size)
        return;
    if (t->size)
        sb_puts(t, sep);
    sb_put(t, v.data, v.size);
}

static void section_end(state *s)
{
    item *it = cur_item(s);
    if (it && s->in_decision && !s->decision_history) {
        const char *o = s->sec_outcome ? s->sec_outcome : "unknown";
        if (!it->n_decisions++)
            it->outcome = xstrndup(o, strlen(o));
        else if (strcmp(it->outcome, o) != 0) {
            free(it->outcome);
            it->outcome = xstrndup("mixed", 5);
        }
        if (s->sec_text.size) {
            if (it->resolution.size)
                sb_puts(&it->resolution, "\n\n");
            sb_put(&it->resolution, s->sec_text.data, s->sec_text.size);
        }
    } else if (it && s->in_decision && it->hist.n) {
        history *h = &it->hist.v[it->hist.n - 1];
        if (s->sec_outcome && !h->outcome)
            h->outcome = xstrndup(s->sec_outcome, strlen(s->sec_outcome));
    }
    s->in_decision = 0;
    free(s->sec_outcome);
    s->sec_outcome = NULL;
    s->sec_text.size = 0;
}

static void on_event(void *ctx, const char *path, const referat_event *ev)
{
    state *s = ctx;
    meeting *m = cur_meeting(s);
    item *it = cur_item(s);
    switch (ev->type) {
    case REFERAT_EV_MEETING_START:
        m = PUSH(s->meetings);
        m->stem = file_stem(path);
        m->kind = dup_rs(ev->kind);
        m->body = dup_rs(ev->body);
        m->date = dup_rs(ev->date);
        m->time = dup_rs(ev->time);
        m->end_time = dup_rs(ev->end_time);
        m->location = dup_rs(ev->location);
        s->in_item = 0;
        break;
    case REFERAT_EV_META:
        if (!m)
            break;
        if (ev->meta == REFERAT_META_DATE) {
            set(&m->date, ev->date);
            set(&m->time, ev->time);
            set(&m->end_time, ev->end_time);
        } else if (ev->meta == REFERAT_META_TIME || ev->meta == REFERAT_META_END_TIME) {
            set(&m->time, ev->time);
            set(&m->end_time, ev->end_time);
        } else if (ev->meta == REFERAT_META_LOCATION && ev->value.size) {
            set(&m->location, ev->value);
        } else if (ev->meta == REFERAT_META_BODY) {
            set(&m->body, ev->body);
        }
        break;
    case REFERAT_EV_PARTICIPANT:
        if (m && ev->name.size) {
            participant *p = PUSH(m->parts);
            p->name = dup_rs(ev->name);
            p->party = dup_rs(ev->party);
            p->role = dup_rs(ev->role);
            p->absent = ev->absent;
        }
        break;
    case REFERAT_EV_ITEM_START:
        if (!m)
            break;
        it = PUSH(m->items);
        it->number = ev->number;
        it->title = dup_rs(ev->title);
        it->case_number = dup_rs(ev->case_number);
        it->closed = ev->closed;
        s->in_item = 1;
        break;
    case REFERAT_EV_ITEM_END:
    case REFERAT_EV_MEETING_END:
        s->in_item = 0;
        break;
    case REFERAT_EV_SECTION_START:
        s->in_decision = ev->section == REFERAT_SECTION_DECISION;
        s->decision_history = ev->history;
        s->sec_text.size = 0;
        if (it && s->in_decision && ev->history) {
            history *h = PUSH(it->hist);
            h->body = dup_rs(ev->body);
            h->date = dup_rs(ev->date);
        } else if (m && s->in_decision && !m->body && ev->body.size) {
            /* a header that names no body ("Referat" alone): the body that
             * decides the meeting's items is its organization */
            m->body = dup_rs(ev->body);
        }
        break;
    case REFERAT_EV_SECTION_END: section_end(s); break;
    case REFERAT_EV_OUTCOME:
        if (s->in_decision && ev->point == 0) {
            free(s->sec_outcome);
            s->sec_outcome = dup_rs(ev->kind);
        }
        break;
    case REFERAT_EV_PARAGRAPH:
    case REFERAT_EV_HEADING:
        if (s->in_decision && !s->decision_history)
            text_add(&s->sec_text, "\n\n", ev->text);
        break;
    case REFERAT_EV_LIST_ITEM:
        if (s->in_decision && !s->decision_history) {
            if (s->sec_text.size)
                sb_puts(&s->sec_text, "\n");
            sb_put(&s->sec_text, ev->label.data ? ev->label.data : "", ev->label.size);
            sb_puts(&s->sec_text, " ");
            sb_put(&s->sec_text, ev->text.data ? ev->text.data : "", ev->text.size);
        }
        break;
    case REFERAT_EV_TABLE_ROW:
        if (s->in_decision && !s->decision_history) {
            if (s->sec_text.size)
                sb_puts(&s->sec_text, "\n");
            for (size_t i = 0; i < ev->cell_count; i++) {
                if (i)
                    sb_puts(&s->sec_text, " | ");
                sb_put(&s->sec_text, ev->cells[i].text.data ? ev->cells[i].text.data : "",
                       ev->cells[i].text.size);
            }
        }
        break;
    case REFERAT_EV_ATTACHMENT:
        if (it && ev->name.size)
            *(char **)PUSH(it->files) = dup_rs(ev->name);
        break;
    default: break;
    }
}

/* ---- ids ---- */

/* id, or id-2, id-3 ... whichever is not used yet; takes ownership. */
static char *unique(state *s, char *id)
{
    char *try = id;
    for (int n = 2; map_slot(&s->used_ids, try, 0); n++) {
        char num[24];
        snprintf(num, sizeof num, "-%d", n);
        if (try != id)
            free(try);
        try = cat(id, num, NULL, NULL);
    }
    if (try != id)
        free(id);
    *map_slot(&s->used_ids, try, 1) = 0;
    return try;
}

static size_t body_of(state *s, const char *name)
{
    if (!name || !*name)
        return SIZE_MAX;
    size_t *slot = map_slot(&s->body_map, name, 0);
    if (slot)
        return *slot;
    body *b = PUSH(s->bodies);
    b->name = xstrndup(name, strlen(name));
    b->slug = slug(name);
    b->id = unique(s, cat(s->base, "body/", b->slug, NULL));
    b->org_id = unique(s, cat(s->base, "organization/", b->slug, NULL));
    *map_slot(&s->body_map, name, 1) = s->bodies.n - 1;
    return s->bodies.n - 1;
}

static size_t person_of(state *s, size_t body_ix, const participant *pt)
{
    const char *bslug = body_ix == SIZE_MAX ? "" : s->bodies.v[body_ix].slug;
    char *key = cat(bslug, "\n", pt->name, NULL);
    size_t *slot = map_slot(&s->person_map, key, 0);
    size_t ix;
    if (slot) {
        ix = *slot;
    } else {
        person *p = PUSH(s->persons);
        ix = s->persons.n - 1;
        char *ns = slug(pt->name);
        p->name = xstrndup(pt->name, strlen(pt->name));
        p->body_ix = body_ix;
        p->membership = SIZE_MAX;
        p->id = unique(s, body_ix == SIZE_MAX ? cat(s->base, "person/", ns, NULL)
                                              : cat(s->base, "person/", bslug, "/", ns));
        if (body_ix != SIZE_MAX) {
            membership *ms = PUSH(s->memberships);
            ms->person = ix;
            ms->body_ix = body_ix;
            ms->id = unique(s, cat(s->base, "membership/", bslug, "/", ns));
            p->membership = s->memberships.n - 1;
            idx_add(&s->bodies.v[body_ix].memberships, p->membership);
        }
        free(ns);
        *map_slot(&s->person_map, key, 1) = ix;
    }
    free(key);
    person *p = &s->persons.v[ix];
    if (!p->party && pt->party)
        p->party = xstrndup(pt->party, strlen(pt->party));
    if (p->membership != SIZE_MAX && !s->memberships.v[p->membership].role && pt->role)
        s->memberships.v[p->membership].role = xstrndup(pt->role, strlen(pt->role));
    return ix;
}

/* Consultation role and whether it decided, from the outcome. */
static void consultation_kind(consultation *c, const char *outcome)
{
    static const struct { const char *outcome, *role; int authoritative; } kinds[] = {
        {"approved", "Entscheidung", 1},    {"rejected", "Entscheidung", 1},
        {"recommended", "Vorberatung", 0},  {"referred", "Vorberatung", 0},
        {"noted", "Kenntnisnahme", 1},      {"discussed", "Beratung", 0},
        {"postponed", "Beratung", 0},       {"not_treated", "Beratung", 0}};
    c->authoritative = -1;
    for (size_t i = 0; outcome && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(outcome, kinds[i].outcome) == 0) {
            c->role = xstrndup(kinds[i].role, strlen(kinds[i].role));
            c->authoritative = kinds[i].authoritative;
        }
}

static size_t paper_of(state *s, const meeting *m, const item *it, size_t body_ix)
{
    (void)m;
    char *key = it->case_number ? slug(it->case_number)
                                : cat(it->id + strlen(s->base) + strlen("agendaItem/"));
    size_t *slot = map_slot(&s->paper_map, key, 0);
    size_t ix;
    if (slot) {
        ix = *slot;
    } else {
        paper *p = PUSH(s->papers);
        ix = s->papers.n - 1;
        p->id = unique(s, cat(s->base, "paper/", key, NULL));
        p->reference = it->case_number ? xstrndup(it->case_number, strlen(it->case_number)) : NULL;
        p->name = it->title ? xstrndup(it->title, strlen(it->title)) : NULL;
        p->body_ix = body_ix;
        *map_slot(&s->paper_map, key, 1) = ix;
    }
    free(key);
    return ix;
}

static void assign_ids(state *s)
{
    /* meetings first, so that history entries can find them */
    map meeting_keys = {0};
    for (size_t i = 0; i < s->meetings.n; i++) {
        meeting *m = &s->meetings.v[i];
        char *base = slug(m->body && *m->body ? m->body : m->stem);
        char *key = m->date ? cat(base, "-", m->date, NULL) : cat(base, NULL, NULL, NULL);
        free(base);
        m->id = unique(s, cat(s->base, "meeting/", key, NULL));
        m->key = xstrndup(m->id + strlen(s->base) + strlen("meeting/"),
                          strlen(m->id) - strlen(s->base) - strlen("meeting/"));
        free(key);
        *map_slot(&meeting_keys, m->id, 1) = i;
    }
    for (size_t i = 0; i < s->meetings.n; i++) {
        meeting *m = &s->meetings.v[i];
        m->body_ix = body_of(s, m->body);
        for (size_t k = 0; k < m->parts.n; k++) {
            size_t p = person_of(s, m->body_ix, &m->parts.v[k]);
            if (!m->parts.v[k].absent)
                idx_add(&m->persons, p);
        }
        for (size_t k = 0; k < m->items.n; k++) {
            item *it = &m->items.v[k];
            char num[24];
            snprintf(num, sizeof num, "%lld", it->number);
            it->id = unique(s, cat(s->base, "agendaItem/", m->key, "/", num));
            const char *tail = it->id + strlen(s->base) + strlen("agendaItem/");
            it->cons_id = unique(s, cat(s->base, "consultation/", tail, NULL));
            it->paper = SIZE_MAX;
            if (it->case_number || it->hist.n)
                it->paper = paper_of(s, m, it, m->body_ix);
            consultation *c = PUSH(s->consultations);
            c->id = xstrndup(it->cons_id, strlen(it->cons_id));
            c->meeting_id = m->id;
            c->item_id = it->id;
            c->body_ix = m->body_ix;
            c->paper = it->paper;
            consultation_kind(c, it->outcome);
            if (it->paper != SIZE_MAX)
                idx_add(&s->papers.v[it->paper].consultations, s->consultations.n - 1);
            for (size_t h = 0; h < it->hist.n; h++) {
                history *hi = &it->hist.v[h];
                char hn[32];
                snprintf(hn, sizeof hn, "/history-%zu", h + 1);
                c = PUSH(s->consultations);
                c->id = unique(s, cat(it->cons_id, hn, NULL, NULL));
                c->body_ix = body_of(s, hi->body);
                c->paper = it->paper;
                consultation_kind(c, hi->outcome);
                if (c->body_ix != SIZE_MAX && hi->date) {
                    char *sid = cat(s->base, "meeting/", s->bodies.v[c->body_ix].slug, "-", hi->date);
                    if (!map_slot(&meeting_keys, sid, 0) && !map_slot(&s->stub_map, sid, 0)) {
                        stub *st = PUSH(s->stubs);
                        st->id = unique(s, xstrndup(sid, strlen(sid)));
                        st->date = hi->date;
                        st->body_ix = c->body_ix;
                        *map_slot(&s->stub_map, sid, 1) = s->stubs.n - 1;
                    }
                    size_t *real = map_slot(&meeting_keys, sid, 0);
                    size_t *st = map_slot(&s->stub_map, sid, 0);
                    c->meeting_id = real ? s->meetings.v[*real].id : s->stubs.v[*st].id;
                    free(sid);
                }
                idx_add(&s->papers.v[it->paper].consultations, s->consultations.n - 1);
            }
        }
    }
    map_free(&meeting_keys);
}

/* ---- writing ---- */

static void put(jw *w, const char *key, const char *v)
{
    if (v)
        jw_str(w, key, v, strlen(v));
}

static void put_type(jw *w, const char *t)
{
    char *u = cat(OPARL, t, NULL, NULL);
    put(w, "type", u);
    free(u);
}

/* Europe/Copenhagen: +02:00 from the last Sunday of March 02:00 to the last
 * Sunday of October 03:00 (local time), +01:00 otherwise. */
static int weekday(int y, int m, int d) /* 0 = Sunday */
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static int last_sunday(int y, int m)
{
    return 31 - weekday(y, m, 31);
}

static const char *cph_offset(int y, int mo, int d, int h)
{
    int summer;
    if (mo < 3 || mo > 10)
        summer = 0;
    else if (mo > 3 && mo < 10)
        summer = 1;
    else if (mo == 3)
        summer = d > last_sunday(y, 3) || (d == last_sunday(y, 3) && h >= 2);
    else
        summer = d < last_sunday(y, 10) || (d == last_sunday(y, 10) && h < 3);
    return summer ? "+02:00" : "+01:00";
}

/* "YYYY-MM-DDTHH:MM:00+0X:00", or the date alone without a time; NULL when
 * the date is not an ISO date. */
static char *date_time(const char *date, const char *time)
{
    int y, mo, d, h, mi;
    char tail;
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 || mo > 12 ||
        d < 1 || d > 31)
        return NULL;
    if (!time || sscanf(time, "%2d:%2d%c", &h, &mi, &tail) != 2 || h > 23 || mi > 59)
        return xstrndup(date, strlen(date));
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00%s", y, mo, d, h, mi,
             cph_offset(y, mo, d, h));
    return xstrndup(buf, strlen(buf));
}

static void write_membership(jw *w, state *s, const membership *ms)
{
    jw_open(w, NULL, '{');
    put(w, "id", ms->id);
    put_type(w, "Membership");
    put(w, "person", s->persons.v[ms->person].id);
    put(w, "organization", s->bodies.v[ms->body_ix].org_id);
    put(w, "role", ms->role);
    jw_close(w, '}');
}

static void write_file(jw *w, state *s, const meeting *m, const item *it, size_t k)
{
    char n[24];
    snprintf(n, sizeof n, "/%zu", k + 1);
    const char *tail = it->id + strlen(s->base) + strlen("agendaItem/");
    char *id = cat(s->base, "file/", tail, n);
    char *access = cat(s->base, "unavailable/file/", tail, n);
    char *fname = slug(it->files.v[k]);
    jw_open(w, NULL, '{');
    put(w, "id", id);
    put_type(w, "File");
    put(w, "name", it->files.v[k]);
    put(w, "fileName", fname);
    put(w, "accessUrl", access);
    jw_open(w, "meeting", '[');
    put(w, NULL, m->id);
    jw_close(w, ']');
    jw_open(w, "agendaItem", '[');
    put(w, NULL, it->id);
    jw_close(w, ']');
    jw_close(w, '}');
    free(id);
    free(access);
    free(fname);
}

static void write_item(jw *w, state *s, const meeting *m, const item *it, size_t order)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", it->number);
    jw_open(w, NULL, '{');
    put(w, "id", it->id);
    put_type(w, "AgendaItem");
    put(w, "meeting", m->id);
    put(w, "number", num);
    jw_int(w, "order", (long long)order);
    put(w, "name", it->title ? it->title : "");
    jw_bool(w, "public", !it->closed);
    put(w, "consultation", it->cons_id);
    put(w, "result", it->outcome);
    if (it->n_decisions && it->resolution.size)
        jw_str(w, "resolutionText", it->resolution.data, it->resolution.size);
    if (it->files.n) {
        jw_open(w, "auxiliaryFile", '[');
        for (size_t k = 0; k < it->files.n; k++)
            write_file(w, s, m, it, k);
        jw_close(w, ']');
    }
    jw_close(w, '}');
}

static void write_location(jw *w, state *s, const meeting *m)
{
    char *id = cat(s->base, "location/", m->key, NULL);
    jw_open(w, "location", '{');
    put(w, "id", id);
    put_type(w, "Location");
    put(w, "description", m->location);
    jw_open(w, "meeting", '[');
    put(w, NULL, m->id);
    jw_close(w, ']');
    jw_close(w, '}');
    free(id);
}

static void write_meeting(jw *w, state *s, const meeting *m)
{
    jw_open(w, NULL, '{');
    put(w, "id", m->id);
    put_type(w, "Meeting");
    char *name = cat(m->body && *m->body ? m->body : m->stem, m->date ? " " : NULL, m->date, NULL);
    put(w, "name", name);
    free(name);
    int agenda = m->kind && strcmp(m->kind, "dagsorden") == 0;
    put(w, "meetingState", agenda ? "eingeladen" : "durchgeführt");
    char *start = date_time(m->date, m->time);
    put(w, "start", start);
    if (start && m->time && m->end_time && strcmp(m->end_time, m->time) >= 0) {
        char *end = date_time(m->date, m->end_time);
        put(w, "end", end);
        free(end);
    }
    free(start);
    if (m->location)
        write_location(w, s, m);
    if (m->body_ix != SIZE_MAX) {
        jw_open(w, "organization", '[');
        put(w, NULL, s->bodies.v[m->body_ix].org_id);
        jw_close(w, ']');
    }
    jw_open(w, "participant", '[');
    for (size_t k = 0; k < m->persons.n; k++)
        put(w, NULL, s->persons.v[m->persons.v[k]].id);
    jw_close(w, ']');
    jw_open(w, "agendaItem", '[');
    for (size_t k = 0; k < m->items.n; k++)
        write_item(w, s, m, &m->items.v[k], k + 1);
    jw_close(w, ']');
    jw_close(w, '}');
}

static void write_stub(jw *w, state *s, const stub *st)
{
    jw_open(w, NULL, '{');
    put(w, "id", st->id);
    put_type(w, "Meeting");
    char *name = cat(s->bodies.v[st->body_ix].name, " ", st->date, NULL);
    put(w, "name", name);
    free(name);
    char *start = date_time(st->date, NULL);
    put(w, "start", start);
    free(start);
    jw_open(w, "organization", '[');
    put(w, NULL, s->bodies.v[st->body_ix].org_id);
    jw_close(w, ']');
    jw_open(w, "keyword", '[');
    put(w, NULL, "decision-history");
    jw_close(w, ']');
    jw_close(w, '}');
}

static void write_consultation(jw *w, state *s, const consultation *c)
{
    jw_open(w, NULL, '{');
    put(w, "id", c->id);
    put_type(w, "Consultation");
    if (c->paper != SIZE_MAX)
        put(w, "paper", s->papers.v[c->paper].id);
    put(w, "agendaItem", c->item_id);
    put(w, "meeting", c->meeting_id);
    if (c->body_ix != SIZE_MAX) {
        jw_open(w, "organization", '[');
        put(w, NULL, s->bodies.v[c->body_ix].org_id);
        jw_close(w, ']');
    }
    if (c->authoritative >= 0)
        jw_bool(w, "authoritative", c->authoritative);
    put(w, "role", c->role);
    jw_close(w, '}');
}

static void write_person(jw *w, state *s, const person *p)
{
    jw_open(w, NULL, '{');
    put(w, "id", p->id);
    put_type(w, "Person");
    if (p->body_ix != SIZE_MAX)
        put(w, "body", s->bodies.v[p->body_ix].id);
    put(w, "name", p->name);
    put(w, "affix", p->party);
    if (p->membership != SIZE_MAX) {
        jw_open(w, "membership", '[');
        write_membership(w, s, &s->memberships.v[p->membership]);
        jw_close(w, ']');
    }
    jw_close(w, '}');
}

static void write_body(jw *w, state *s, const body *b)
{
    static const char *const lists[] = {"organization", "person", "meeting", "paper"};
    jw_open(w, NULL, '{');
    put(w, "id", b->id);
    put_type(w, "Body");
    char *sys = cat(s->base, "system", NULL, NULL);
    put(w, "system", sys);
    free(sys);
    put(w, "name", b->name);
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        char *u = cat(b->id, "/", lists[i], NULL);
        put(w, lists[i], u);
        free(u);
    }
    jw_open(w, "legislativeTerm", '[');
    jw_close(w, ']');
    jw_close(w, '}');
}

static void write_organization(jw *w, state *s, const body *b)
{
    jw_open(w, NULL, '{');
    put(w, "id", b->org_id);
    put_type(w, "Organization");
    put(w, "body", b->id);
    put(w, "name", b->name);
    put(w, "organizationType", "Gremium");
    jw_open(w, "membership", '[');
    for (size_t k = 0; k < b->memberships.n; k++)
        put(w, NULL, s->memberships.v[b->memberships.v[k]].id);
    jw_close(w, ']');
    jw_close(w, '}');
}

static void write_paper(jw *w, state *s, const paper *p)
{
    jw_open(w, NULL, '{');
    put(w, "id", p->id);
    put_type(w, "Paper");
    if (p->body_ix != SIZE_MAX)
        put(w, "body", s->bodies.v[p->body_ix].id);
    put(w, "name", p->name);
    put(w, "reference", p->reference);
    jw_open(w, "consultation", '[');
    for (size_t k = 0; k < p->consultations.n; k++)
        write_consultation(w, s, &s->consultations.v[p->consultations.v[k]]);
    jw_close(w, ']');
    jw_close(w, '}');
}

static void flush_out(void *ctx)
{
    out_sb(ctx);
}

static void write_all(state *s)
{
    sb out = {0};
    jw w;
    jw_init(&w, &out, 0);
    jw_on_full(&w, 64 * 1024, flush_out, &out);
    jw_open(&w, NULL, '{');
    jw_open(&w, "system", '{');
    char *sys = cat(s->base, "system", NULL, NULL), *bl = cat(s->base, "body", NULL, NULL);
    put(&w, "id", sys);
    put_type(&w, "System");
    put(&w, "oparlVersion", OPARL);
    put(&w, "body", bl);
    put(&w, "name", "libreferat");
    free(sys);
    free(bl);
    jw_close(&w, '}');
    jw_open(&w, "body", '[');
    for (size_t i = 0; i < s->bodies.n; i++)
        write_body(&w, s, &s->bodies.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "organization", '[');
    for (size_t i = 0; i < s->bodies.n; i++)
        write_organization(&w, s, &s->bodies.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "person", '[');
    for (size_t i = 0; i < s->persons.n; i++)
        write_person(&w, s, &s->persons.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "membership", '[');
    for (size_t i = 0; i < s->memberships.n; i++)
        write_membership(&w, s, &s->memberships.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "meeting", '[');
    for (size_t i = 0; i < s->meetings.n; i++)
        write_meeting(&w, s, &s->meetings.v[i]);
    for (size_t i = 0; i < s->stubs.n; i++)
        write_stub(&w, s, &s->stubs.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "agendaItem", '[');
    for (size_t i = 0; i < s->meetings.n; i++)
        for (size_t k = 0; k < s->meetings.v[i].items.n; k++)
            write_item(&w, s, &s->meetings.v[i], &s->meetings.v[i].items.v[k], k + 1);
    jw_close(&w, ']');
    jw_open(&w, "consultation", '[');
    for (size_t i = 0; i < s->consultations.n; i++)
        write_consultation(&w, s, &s->consultations.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "paper", '[');
    for (size_t i = 0; i < s->papers.n; i++)
        write_paper(&w, s, &s->papers.v[i]);
    jw_close(&w, ']');
    jw_open(&w, "file", '[');
    for (size_t i = 0; i < s->meetings.n; i++) {
        const meeting *m = &s->meetings.v[i];
        for (size_t k = 0; k < m->items.n; k++)
            for (size_t f = 0; f < m->items.v[k].files.n; f++)
                write_file(&w, s, m, &m->items.v[k], f);
    }
    jw_close(&w, ']');
    jw_close(&w, '}');
    sb_puts(&out, "\n");
    out_sb(&out);
    sb_free(&out);
}

static void free_state(state *s)
{
    for (size_t i = 0; i < s->meetings.n; i++) {
        meeting *m = &s->meetings.v[i];
        char *f[] = {m->stem, m->kind, m->body, m->date, m->time, m->end_time, m->location,
                     m->key, m->id};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
            free(f[k]);
        for (size_t k = 0; k < m->parts.n; k++) {
            free(m->parts.v[k].name);
            free(m->parts.v[k].party);
            free(m->parts.v[k].role);
        }
        free(m->parts.v);
        for (size_t k = 0; k < m->items.n; k++) {
            item *it = &m->items.v[k];
            free(it->title);
            free(it->case_number);
            free(it->outcome);
            free(it->id);
            free(it->cons_id);
            sb_free(&it->resolution);
            for (size_t j = 0; j < it->files.n; j++)
                free(it->files.v[j]);
            free(it->files.v);
            for (size_t j = 0; j < it->hist.n; j++) {
                free(it->hist.v[j].body);
                free(it->hist.v[j].date);
                free(it->hist.v[j].outcome);
            }
            free(it->hist.v);
        }
        free(m->items.v);
        free(m->persons.v);
    }
    free(s->meetings.v);
    for (size_t i = 0; i < s->bodies.n; i++) {
        free(s->bodies.v[i].name);
        free(s->bodies.v[i].slug);
        free(s->bodies.v[i].id);
        free(s->bodies.v[i].org_id);
        free(s->bodies.v[i].memberships.v);
    }
    free(s->bodies.v);
    for (size_t i = 0; i < s->persons.n; i++) {
        free(s->persons.v[i].name);
        free(s->persons.v[i].party);
        free(s->persons.v[i].id);
    }
    free(s->persons.v);
    for (size_t i = 0; i < s->memberships.n; i++) {
        free(s->memberships.v[i].id);
        free(s->memberships.v[i].role);
    }
    free(s->memberships.v);
    for (size_t i = 0; i < s->consultations.n; i++) {
        free(s->consultations.v[i].id);
        free(s->consultations.v[i].role);
    }
    free(s->consultations.v);
    for (size_t i = 0; i < s->papers.n; i++) {
        free(s->papers.v[i].id);
        free(s->papers.v[i].reference);
        free(s->papers.v[i].name);
        free(s->papers.v[i].consultations.v);
    }
    free(s->papers.v);
    for (size_t i = 0; i < s->stubs.n; i++)
        free(s->stubs.v[i].id);
    free(s->stubs.v);
    map_free(&s->body_map);
    map_free(&s->person_map);
    map_free(&s->paper_map);
    map_free(&s->used_ids);
    map_free(&s->stub_map);
    free(s->sec_outcome);
    sb_free(&s->sec_text);
}

static const char *base_url = "https://referat.invalid/oparl/";

void oparl_set_base_url(const char *url)
{
    base_url = url;
}

int cmd_oparl(int nfiles, char **files, const run_options *opt)
{
    if (strncmp(base_url, "https://", 8) != 0 && strncmp(base_url, "http://", 7) != 0) {
        fprintf(stderr, "referat: --base-url takes an http:// or https:// URL, not '%s'\n",
                base_url);
        return EXIT_USAGE;
    }
    state s;
    memset(&s, 0, sizeof s);
    size_t n = strlen(base_url);
    char *base = n && base_url[n - 1] == '/' ? cat(base_url, NULL, NULL, NULL)
                                             : cat(base_url, "/", NULL, NULL);
    s.base = base;
    int rc = run_files(nfiles, files, opt, on_event, &s);
    if (rc == 0) {
        assign_ids(&s);
        write_all(&s);
    }
    free_state(&s);
    free(base);
    return rc;
}
