/* Decisions as data (docs/FORMAT.md, "Decisions as data"): what a decision
 * section decided, its votes and who took part how, read from its text by
 * the recognizers of outcome.c and handed out at the section's end.
 *
 *  - the text of a decision section (each paragraph's cleaned lines joined
 *    with a space, paragraphs with a line end) is kept up to DECISION_TEXT
 *    bytes: the outcome stands in its first sentences;
 *  - participation statements give one participation event a person, in
 *    the order written;
 *  - vote lines ("For stemte: A, F og V (15)", "Enstemmigt") give one vote
 *    event; counts that do not add up with a stated total, with the number
 *    of members the meeting lists, or "unanimous" with votes against, give
 *    vote-count-mismatch;
 *  - the outcome: one event for the decision (point 0), then one for each
 *    indstillingspunkt when the decision has several ("Ad 1: Godkendt.
 *    Ad 2: Udsat." is mixed, then approved for 1 and postponed for 2).
 */
#include <string.h>

#include "outcome.h"

/* The outcome stands in a decision's first sentences: it is read from the
 * first OUTCOME_TEXT bytes (votes and participation from all it keeps). */
enum { DECISION_TEXT = 8192, OUTCOME_TEXT = 2048, MAX_HITS = 64 };

static int ends_open(const char *s, size_t n)
{
    unsigned char c = n ? (unsigned char)s[n - 1] : 0;
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || c == ',' || c == '-' || c >= 0x80;
}

void rf_decision_begin(rf_parser *p)
{
    p->in_decision = 1;
    rf_buf_clear(&p->dec_text);
    rf_buf_clear(&p->dec_lines);
}

/* Keeps the paragraph's text (bounded). */
void rf_decision_text(rf_parser *p, const rf_para *para)
{
    if (!p->in_decision)
        return;
    for (size_t i = 0; i < para->count; i++) {
        size_t n = para->lines[i].cln_len;
        if (p->dec_text.size + n + 1 > DECISION_TEXT)
            return;
        /* a line that ends open (a letter, a comma) wraps a sentence; any
         * other line end ends one ("For stemte: A (3)" ⏎ "Imod stemte: ...") */
        if (p->dec_text.size)
            rf_buf_putc(p, &p->dec_text, i && ends_open(p->dec_text.data, p->dec_text.size) ? ' ' : '\n');
        rf_buf_append(p, &p->dec_text, RF_CLN(para, i), n);
        if (p->dec_lines.size)
            rf_buf_putc(p, &p->dec_lines, '\n');
        rf_buf_append(p, &p->dec_lines, RF_CLN(para, i), n);
    }
}

static referat_string view(rf_parser *p, rf_slice s)
{
    referat_string none = {NULL, 0};
    return s.n ? rf_str(p, s.s, s.n) : none;
}

static void participation(rf_parser *p, const char *s, size_t n)
{
    size_t pos = 0;
    rf_participation part;
    while (pos < n && rf_find_participation_t(p->otabs, s + pos, n - pos, &part)) {
        size_t name_pos = 0;
        rf_slice name, note;
        while (rf_next_name(part.names.s, part.names.n, &name_pos, &name, &note)) {
            while (name.n && (name.s[name.n - 1] == '.' || name.s[name.n - 1] == ','))
                name.n--;
            size_t j = 0;
            /* a person or a party is named with a capital ("Afbud fra to
             * medlemmer" names nobody) */
            if (!name.n || !rf_is_upper_cp(rf_next_cp(name.s, name.n, &j)))
                continue;
            referat_event *ev = rf_emit_closing(p, REFERAT_EV_PARTICIPATION, p->section_start,
                                                p->section_line);
            if (!ev)
                return;
            ev->participation = (referat_participation)part.kind;
            ev->kind = rf_cstr(p, rf_participation_name(part.kind));
            ev->name = rf_str(p, name.s, name.n);
            ev->text = view(p, part.phrase);
        }
        size_t step = part.pos + part.len;
        if (step == 0)
            break;
        pos += step;
    }
}

/* The members the meeting lists, for the vote arithmetic (0: unknown). */
static int body_size(const rf_parser *p)
{
    return (int)(p->n_people < 1000 ? p->n_people : 0);
}

static void votes(rf_parser *p, const char *s, size_t n)
{
    rf_vote v;
    rf_vote_init(&v);
    int parts = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        parts += rf_find_vote_t(p->otabs, s + i, end - i, &v);
        i = end + 1;
    }
    if (!parts)
        return;
    referat_event *ev = rf_emit_closing(p, REFERAT_EV_VOTE, p->section_start, p->section_line);
    if (ev) {
        ev->votes_for = v.n_for;
        ev->votes_against = v.n_against;
        ev->votes_abstain = v.n_abstain;
        ev->votes_total = v.total;
        ev->unanimous = v.unanimous;
        ev->for_names = view(p, v.for_names);
        ev->against_names = view(p, v.against_names);
        ev->abstain_names = view(p, v.abstain_names);
    }
    if (rf_vote_consistent(&v, body_size(p)) == 0)
        rf_diag_lines(p, REFERAT_DIAG_VOTE_COUNT_MISMATCH, p->section_line, p->last_end_line,
                      p->section_start, p->last_end > p->section_start ? p->last_end : p->section_start,
                      "the votes of the decision at line %llu do not add up",
                      (unsigned long long)p->section_line);
}

static void outcome_event(rf_parser *p, rf_outcome o, const char *s, size_t pos, size_t len,
                          const char *reason, int point)
{
    referat_event *ev = rf_emit_closing(p, REFERAT_EV_OUTCOME, p->section_start, p->section_line);
    if (!ev)
        return;
    ev->outcome = (referat_outcome)o;
    ev->kind = rf_cstr(p, rf_outcome_name(o));
    if (len)
        ev->text = rf_str(p, s + pos, len);
    if (reason)
        ev->reason = rf_cstr(p, reason);
    ev->point = point;
}

/* One outcome event for each indstillingspunkt: its strongest phrase. */
static void point_outcomes(rf_parser *p, const char *s, size_t n)
{
    rf_outcome_hit hits[MAX_HITS];
    size_t found = rf_find_outcomes_t(p->otabs, s, n, hits, MAX_HITS);
    if (found > MAX_HITS)
        found = MAX_HITS;
    int done[MAX_HITS] = {0};
    for (size_t i = 0; i < found; i++) {
        if (hits[i].point <= 0 || done[i])
            continue;
        const rf_outcome_hit *best = NULL;
        for (size_t j = i; j < found; j++) {
            if (hits[j].point != hits[i].point)
                continue;
            done[j] = 1;
            if (rf_outcome_rank(&hits[j]) > (best ? rf_outcome_rank(best) : 0))
                best = &hits[j];
        }
        if (best)
            outcome_event(p, best->outcome, s, best->pos, best->len, "strongest phrase of the point",
                          best->point);
    }
}

void rf_decision_end(rf_parser *p)
{
    if (!p->in_decision)
        return;
    p->in_decision = 0;
    if (!p->otabs)
        p->otabs = rf_outcome_tables_new(p);
    if (p->nomem || !p->otabs)
        return;
    const char *s = p->dec_text.data ? p->dec_text.data : "";
    size_t n = p->dec_text.size;
    participation(p, s, n);
    votes(p, p->dec_lines.data ? p->dec_lines.data : "", p->dec_lines.size);
    if (n > OUTCOME_TEXT) {
        n = OUTCOME_TEXT;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* not inside a character */
    }
    rf_outcome_result r;
    rf_decide_outcome_t(p->otabs, s, n, &r);
    outcome_event(p, r.outcome, s, r.pos, r.len, r.reason, 0);
    if (r.points > 1)
        point_outcomes(p, s, n);
}

void rf_decision_free(rf_parser *p)
{
    rf_buf_free(p, &p->dec_text);
    rf_buf_free(p, &p->dec_lines);
    rf_outcome_tables_free(p, p->otabs);
    p->otabs = NULL;
}
