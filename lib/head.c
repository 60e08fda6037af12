/* Meeting headers written as a block of lines (eDoc, Acadre, SBSYS, the
 * FirstAgenda web pages), and their attendance lists. docs/FORMAT.md,
 * "Meeting header blocks".
 *
 * A stream that does not start with a header line ("REFERAT Body d. ...")
 * is read line by line into a header until the first item, the table of
 * contents or HEAD_PARAGRAPHS paragraphs:
 *  - a kind line ("Referat", "Åbent referat", "Dagsorden", "Referat 1.
 *    oktober 2025 kl. 15.45") gives the kind (and date and time);
 *  - the first name-like line after it is the body, unless a label
 *    ("Udvalg: ...") names it;
 *  - the first date anywhere (every written form) is the date, a weekday
 *    before it the weekday, "kl. 16:00" or a bare "13:00" the time,
 *    "13:00 - 15:00" start and end;
 *  - the lines after the date or time line, up to a label or the end of the
 *    paragraph, are the location, joined with ", " ("i " taken off the
 *    first); a location label (Mødested, Sted, Lokale) wins;
 *  - labels alone ("Dato:", "Tid:", "Sted:") take the values of the next
 *    paragraph's lines in their order;
 *  - attendance: after "Tilstede", "Medlemmer", "Deltagere" each line is a
 *    person ("Lolan Ottesen (A) - formand": party A, role formand); after
 *    "Fraværende", "Afbud" the people are absent; after "Sekretær",
 *    "Referent" they are staff, not participants. "Afbud: Tilde," names
 *    an absent person: a first name that is the first name of exactly one
 *    participant marks that one.
 * Without a kind line the text is text before a meeting, as before.
 */
#include <string.h>

#include "layout.h"

enum { HEAD_PARAGRAPHS = 48 };

void rf_head_free(rf_parser *p)
{
    rf_head *h = &p->head;
    rf_buf_free(p, &h->body);
    rf_buf_free(p, &h->location);
    rf_buf_free(p, &h->weekday);
    rf_buf_free(p, &h->text);
    rf_free(p, h->list);
}

void rf_head_begin(rf_parser *p, const rf_line *l)
{
    rf_head *h = &p->head;
    rf_buf_clear(&h->body);
    rf_buf_clear(&h->location);
    rf_buf_clear(&h->weekday);
    rf_buf_clear(&h->text);
    rf_buf body = h->body, location = h->location, weekday = h->weekday, text = h->text;
    rf_person_ref *list = h->list;
    size_t cap = h->cap_list;
    memset(h, 0, sizeof *h);
    h->body = body;
    h->location = location;
    h->weekday = weekday;
    h->text = text;
    h->list = list;
    h->cap_list = cap;
    h->active = 1;
    p->n_people = 0;
    h->line = l->line;
    h->start = l->start;
    h->end = l->end;
    h->end_line = l->line;
    h->layout = "header-block";
}

static void set_buf(rf_parser *p, rf_buf *b, const char *s, size_t n)
{
    rf_buf_clear(b);
    rf_buf_append(p, b, s, n);
}

/* ---- people --------------------------------------------------------------- */

static void add_person(rf_parser *p, const rf_line *l, const rf_person *who, int absent)
{
    rf_head *h = &p->head;
    if (!rf_list_entry(p, &p->n_people, "participants", l->line, l->line, l->start, l->end))
        return;
    void *arr = h->list;
    if (rf_grow(p, &arr, &h->cap_list, h->n_list + 1, sizeof(rf_person_ref)) < 0)
        return;
    h->list = arr;
    rf_person_ref *r = &h->list[h->n_list];
    r->name_off = h->text.size;
    rf_buf_append(p, &h->text, who->name.s, who->name.n);
    r->name_len = who->name.n;
    r->party_off = h->text.size;
    rf_buf_append(p, &h->text, who->party.s, who->party.n);
    r->party_len = who->party.n;
    r->role_off = h->text.size;
    rf_buf_append(p, &h->text, who->role.s, who->role.n);
    r->role_len = who->role.n;
    r->note_off = h->text.size;
    rf_buf_append(p, &h->text, who->note.s, who->note.n);
    r->note_len = who->note.n;
    r->absent = absent;
    r->line = l->line;
    r->start = l->start;
    r->end = l->end;
    if (!p->nomem)
        h->n_list++;
}

/* "Tilde" is the participant whose first name it is, when only one has it. */
static rf_person_ref *by_first_name(rf_head *h, const char *s, size_t n)
{
    rf_person_ref *hit = NULL;
    for (size_t i = 0; i < h->n_list; i++) {
        rf_person_ref *r = &h->list[i];
        const char *name = h->text.data + r->name_off;
        int whole = r->name_len == n && memcmp(name, s, n) == 0;
        int first = r->name_len > n && memcmp(name, s, n) == 0 && name[n] == ' ';
        if (whole)
            return r;
        if (first) {
            if (hit)
                return NULL;
            hit = r;
        }
    }
    return hit;
}

/* An absent person: marks a listed participant, else adds one. */
static void absent_person(rf_parser *p, const rf_line *l, const rf_person *who)
{
    rf_person_ref *r = by_first_name(&p->head, who->name.s, who->name.n);
    if (!r) {
        add_person(p, l, who, 1);
        return;
    }
    r->absent = 1;
    if (who->note.n && !r->note_len) { /* "sag 129-138": when */
        size_t off = p->head.text.size;
        if (rf_buf_append(p, &p->head.text, who->note.s, who->note.n) < 0)
            return; /* out of memory: the entry keeps no note */
        r->note_off = off;
        r->note_len = who->note.n;
    }
}

/* "Fraværende: Ingen", "Afbud: -": nobody. */
static int nobody(const rf_slice *name)
{
    static const char *const words[] = {"ingen", "-", "–", "ingen afbud", "ingen fravær", "intet"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (rf_fold_eq(name->s, name->n, words[i]))
            return 1;
    }
    return 0;
}

static void person_line(rf_parser *p, const rf_line *l, const char *s, size_t n, int key)
{
    rf_person who;
    if (key == RF_LABEL_STAFF || !rf_parse_person(s, n, &who) || nobody(&who.name))
        return;
    if (key == RF_LABEL_ABSENT)
        absent_person(p, l, &who);
    else
        add_person(p, l, &who, 0);
}

/* "Afbud: A, B og C" on one line. */
static void people_value(rf_parser *p, const rf_line *l, const char *s, size_t n, int key)
{
    size_t pos = 0;
    rf_slice name, note;
    while (rf_next_name(s, n, &pos, &name, &note)) {
        /* the note of "Name (A)" is the party: parse the whole part again */
        size_t len = note.s ? (size_t)(note.s + note.n + 1 - name.s) : name.n;
        person_line(p, l, name.s, len, key);
    }
}

/* ---- fields ------------------------------------------------------------------ */

static void date_text(rf_parser *p, const char *s, size_t n, int from_label)
{
    rf_head *h = &p->head;
    char iso[11], hm[6];
    rf_found at;
    if (rf_find_date_any(s, n, iso, &at) && (!h->date[0] || (from_label && !h->date_label))) {
        memcpy(h->date, iso, sizeof iso);
        h->date_label = from_label;
        size_t w = rf_weekday_len(s, n);
        if (w && w < at.pos)
            set_buf(p, &h->weekday, s, w);
    }
    if (rf_find_time_any(s, n, hm, &at)) {
        if (!h->time[0]) {
            memcpy(h->time, hm, sizeof hm);
            /* "13:00 - 15:00": the end time follows */
            size_t rest = at.pos + at.len;
            if (rf_find_time_any(s + rest, n - rest, hm, NULL))
                memcpy(h->end_time, hm, sizeof hm);
        } else if (!h->end_time[0] && strcmp(hm, h->time) != 0) {
            memcpy(h->end_time, hm, sizeof hm); /* a second date-time line: the end */
        }
    }
}

static void location_part(rf_parser *p, const char *s, size_t n)
{
    rf_head *h = &p->head;
    if (h->location_label)
        return;
    if (h->location.size == 0 && n > 2 && s[0] == 'i' && s[1] == ' ') {
        s += 2;
        n -= 2;
    }
    if (h->location.size)
        rf_buf_append(p, &h->location, ", ", 2);
    rf_buf_append(p, &h->location, s, n);
}

/* A label's value (on its line or from the next paragraph). */
static void label_value(rf_parser *p, const rf_line *l, int key, const char *s, size_t n)
{
    rf_head *h = &p->head;
    switch (key) {
    case RF_LABEL_DATE:
        date_text(p, s, n, 1);
        break;
    case RF_LABEL_TIME: {
        char hm[6], iso[11];
        rf_found at;
        /* "STARTTIDSPUNKT" ⏎ "04-06-2020 09:00:00": the date too, unless
         * one came before */
        if (!h->date[0] && rf_find_date_any(s, n, iso, NULL))
            memcpy(h->date, iso, sizeof iso);
        if (rf_find_time_any(s, n, hm, &at)) {
            memcpy(h->time, hm, sizeof hm);
            size_t rest = at.pos + at.len;
            if (rf_find_time_any(s + rest, n - rest, hm, NULL))
                memcpy(h->end_time, hm, sizeof hm);
        }
        break;
    }
    case RF_LABEL_END_TIME: {
        char hm[6];
        if (rf_find_time_any(s, n, hm, NULL))
            memcpy(h->end_time, hm, sizeof hm);
        break;
    }
    case RF_LABEL_LOCATION:
        if (n) {
            set_buf(p, &h->location, s, n);
            h->location_label = 1;
        }
        break;
    case RF_LABEL_BODY:
        if (n) {
            set_buf(p, &h->body, s, n);
            h->body_label = 1;
        }
        break;
    case RF_LABEL_PRESENT:
    case RF_LABEL_ABSENT:
    case RF_LABEL_STAFF:
        people_value(p, l, s, n, key);
        break;
    default:
        break;
    }
}

static int name_like(const char *s, size_t n)
{
    size_t i = 0;
    if (n == 0 || n > 120 || s[n - 1] == '.' || s[n - 1] == ':')
        return 0;
    int32_t cp = rf_next_cp(s, n, &i);
    return rf_is_upper_cp(cp);
}

/* A line of an attendance list: a name with a party and a role, not a
 * sentence. */
static int person_like(const char *s, size_t n)
{
    size_t i = 0, words = 1;
    if (n == 0 || n > 120 || s[n - 1] == '.' || s[n - 1] == ':')
        return rf_fold_eq(s, n, "-") || (n > 1 && s[n - 1] == '.' && s[n - 2] == ' ');
    for (size_t k = 0; k < n; k++)
        words += s[k] == ' ';
    /* "Sager 129 - 138": a heading, not a name */
    const char *sp = memchr(s, ' ', n);
    if (sp && sp + 1 < s + n && sp[1] >= '0' && sp[1] <= '9')
        return 0;
    int32_t cp = rf_next_cp(s, n, &i);
    return words <= 12 && (rf_is_upper_cp(cp) || cp == '-');
}

static int is_people(int key)
{
    return key == RF_LABEL_PRESENT || key == RF_LABEL_ABSENT || key == RF_LABEL_STAFF;
}

static void head_label(rf_parser *p, const rf_line *l, const rf_label *lb)
{
    rf_head *h = &p->head;
    h->after_kind = 0;
    h->in_location = 0;
    h->people = 0;
    if (is_people(lb->key))
        h->queued = 0; /* names follow, not the values of earlier labels */
    if (lb->value.n) {
        label_value(p, l, lb->key, lb->value.s, lb->value.n);
        if (lb->key == RF_LABEL_ABSENT || lb->key == RF_LABEL_PRESENT)
            h->people = lb->key; /* more names may follow on the next lines */
        return;
    }
    if (is_people(lb->key))
        h->people = lb->key;
    else if (h->queued < sizeof h->queue / sizeof h->queue[0])
        h->queue[h->queued++] = lb->key;
}

/* One line of the header block. first: the paragraph's first line. */
static void head_line(rf_parser *p, const rf_line *l, const char *s, size_t n, int values)
{
    rf_head *h = &p->head;
    rf_kind_line k;
    rf_label lb;
    if (values && h->queued) {
        int key = h->queue[0];
        memmove(h->queue, h->queue + 1, (h->queued - 1) * sizeof h->queue[0]);
        h->queued--;
        label_value(p, l, key, s, n);
        return;
    }
    if (h->lines++ == 0 && name_like(s, n) && !rf_match_kind_line(s, n, &k) &&
        !rf_match_label(s, n, &lb)) {
        /* the body, should no kind line follow (rule kindless-header) */
        h->lead_off = h->text.size;
        rf_buf_append(p, &h->text, s, n);
        h->lead_len = h->text.size - h->lead_off;
        return;
    }
    if (rf_match_kind_line(s, n, &k)) {
        h->in_location = 0;
        h->people = 0;
        if (h->kind_seen)
            return;
        h->kind_seen = 1;
        h->kind = k.kind;
        h->after_kind = 1;
        if (k.has_date) {
            memcpy(h->date, k.date, sizeof h->date);
            h->layout = "kind-date-line";
        }
        if (k.time[0])
            memcpy(h->time, k.time, sizeof h->time);
        if (k.body.n && !h->body_label) {
            set_buf(p, &h->body, k.body.s, k.body.n);
            h->after_kind = 0;
        }
        return;
    }
    if (rf_match_label(s, n, &lb)) {
        head_label(p, l, &lb);
        return;
    }
    if (h->people && person_like(s, n)) {
        person_line(p, l, s, n, h->people);
        return;
    }
    h->people = 0; /* the list is over */
    char iso[11], hm[6];
    if (rf_find_date_any(s, n, iso, NULL) || (rf_is_date_line(s, n) && rf_find_time_any(s, n, hm, NULL))) {
        date_text(p, s, n, 0);
        h->after_kind = 0;
        h->in_location = 1;
        return;
    }
    if (h->after_kind && !h->body_label && h->body.size == 0 && name_like(s, n)) {
        set_buf(p, &h->body, s, n);
        h->after_kind = 0;
        return;
    }
    h->after_kind = 0;
    if (h->in_location)
        location_part(p, s, n);
}

int rf_head_paragraph(rf_parser *p, rf_para *para)
{
    rf_head *h = &p->head;
    rf_label lb;
    /* values of labels alone come in the next paragraph, one a line */
    int values = h->queued > 0 && !rf_match_label(RF_CLN(para, 0), para->lines[0].cln_len, &lb);
    int carry = 0;
    for (size_t i = 0; i < para->count; i++) {
        const rf_line *l = &para->lines[i];
        head_line(p, l, RF_CLN(para, i), l->cln_len, values);
        h->end = l->end;
        h->end_line = l->line;
    }
    /* a people list goes on over blank lines until a line that is not a
     * person (head_line ends it) */
    carry = h->people != 0;
    if (!carry)
        h->people = 0;
    h->in_location = 0;
    return ++h->paragraphs < HEAD_PARAGRAPHS;
}

static void emit_people(rf_parser *p)
{
    rf_head *h = &p->head;
    for (size_t i = 0; i < h->n_list; i++) {
        const rf_person_ref *r = &h->list[i];
        referat_event *ev = rf_emit(p, REFERAT_EV_PARTICIPANT, r->start, r->end, r->line, r->line);
        if (!ev)
            return;
        ev->name = rf_str(p, h->text.data + r->name_off, r->name_len);
        if (r->party_len)
            ev->party = rf_str(p, h->text.data + r->party_off, r->party_len);
        if (r->role_len)
            ev->role = rf_str(p, h->text.data + r->role_off, r->role_len);
        if (r->note_len)
            ev->note = rf_str(p, h->text.data + r->note_off, r->note_len);
        ev->absent = r->absent;
    }
}

static referat_string opt_str(rf_parser *p, const rf_buf *b)
{
    referat_string none = {NULL, 0};
    return b->size ? rf_str(p, b->data, b->size) : none;
}

/* A header block without a kind line that starts with a body's name and
 * has a date and an attendance list ("Kommunalbestyrelsen" ⏎ "24-09-2019"
 * ⏎ "Medlemmer" ⏎ …): the minutes of a meeting that was held (rule
 * kindless-header). */
static int kindless_meeting(const rf_parser *p)
{
    const rf_head *h = &p->head;
    return h->lead_len > 0 && h->date[0] && h->n_list > 0 && !h->body_label;
}

int rf_head_commit(rf_parser *p)
{
    rf_head *h = &p->head;
    if (!h->active)
        return 0;
    h->active = 0;
    if (!h->kind_seen && kindless_meeting(p)) {
        set_buf(p, &h->body, h->text.data + h->lead_off, h->lead_len);
        h->kind_seen = 1; /* a meeting held: its minutes */
    }
    if (!h->kind_seen) {
        if (!p->text_before_reported)
            rf_diag_lines(p, REFERAT_DIAG_TEXT_BEFORE_MEETING, h->line, h->end_line, h->start,
                          h->end, "text before the first meeting header is ignored");
        p->text_before_reported = 1;
        return 0;
    }
    referat_event *ev = rf_emit(p, REFERAT_EV_MEETING_START, h->start, h->end, h->line,
                                h->end_line);
    if (ev) {
        ev->kind = rf_cstr(p, h->kind ? "dagsorden" : "referat");
        ev->meeting_kind = h->kind ? REFERAT_MEETING_DAGSORDEN : REFERAT_MEETING_REFERAT;
        ev->body = opt_str(p, &h->body);
        if (h->date[0])
            ev->date = rf_cstr(p, h->date);
        ev->weekday = opt_str(p, &h->weekday);
        if (h->time[0])
            ev->time = rf_cstr(p, h->time);
        if (h->end_time[0])
            ev->end_time = rf_cstr(p, h->end_time);
        ev->location = opt_str(p, &h->location);
        ev->layout = rf_cstr(p, h->layout);
    }
    set_buf(p, &p->meeting_body, h->body.data ? h->body.data : "", h->body.size);
    memcpy(p->meeting_date, h->date, sizeof p->meeting_date);
    emit_people(p);
    return 1;
}
