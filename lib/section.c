/* Sections of an item: headings, decisions, decision histories, sub-items
 * and the absences written inside decisions. docs/FORMAT.md, "Sections and
 * decisions".
 *
 *  - a heading of any layout (layout.c) opens a section; a decision
 *    heading that names its body and date (SPEC §3.3's form, Acadre's
 *    "Beslutning i X den 10-04-2013", eDoc's "Xs beslutning den
 *    04.12.2012 Punkt 1") gives them; the others ("Beslutninger",
 *    "Referat:") take the meeting's body and date;
 *  - a decision heading without body and date opens its section only when
 *    its first block comes: an empty decision field is no decision;
 *  - "Referat: text" opens the section with its text as the first line;
 *  - a decision history entry "Udvalg: X" / "Dato: D" / "Punktnummer: N"
 *    followed by its text is a decision section of body X and date D,
 *    marked history; so is a decision of an earlier date, and a line
 *    "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:";
 *  - inside a decision of this meeting, "X deltog ikke i behandlingen",
 *    "X var forhindret i at deltage", "Følgende deltog ikke i behandlingen
 *    af punktet: X" add X to the item's absences (the text stays);
 *  - a sub-item "1.1 Title" or "a." + title holds the sections after it
 *    until the next sub-item, the item's end or a decision heading that is
 *    not "Referat:" (the item's own decision).
 */
#include <string.h>

#include "layout.h"

static void emit_section_end(rf_parser *p)
{
    rf_emit_closing(p, REFERAT_EV_SECTION_END, p->section_start, p->section_line);
    p->has_section = 0;
}

void rf_section_close(rf_parser *p)
{
    rf_blocks_flush(p);
    p->pending_decision = 0; /* an empty decision field: no decision */
    rf_decision_end(p);
    if (p->has_section)
        emit_section_end(p);
    p->section_history = 0;
}

/* "DIREKTIONEN" -> "Direktionen": the body of a heading written in capitals. */
static referat_string capitalized(rf_parser *p, const char *s, size_t n)
{
    rf_buf_clear(&p->scratch);
    size_t i = 0;
    int first = 1;
    while (i < n) {
        int32_t cp = rf_next_cp(s, n, &i);
        rf_buf_put_cp(p, &p->scratch, first ? rf_to_upper_cp(cp) : rf_to_lower_cp(cp));
        first = 0;
    }
    rf_buf nfc = {0};
    rf_nfc(p, p->scratch.data ? p->scratch.data : "", p->scratch.size, &nfc);
    referat_string r = rf_str(p, nfc.data ? nfc.data : "", nfc.size);
    rf_buf_free(p, &nfc);
    return r;
}

/* The section_start event of a section whose heading is known. */
static void start_section(rf_parser *p, const rf_heading_ex *h, uint64_t line, uint64_t end_line,
                          uint64_t start, uint64_t end, const char *heading, size_t hn,
                          const char *body, size_t bn, const char *date)
{
    p->has_section = 1;
    p->section_paras = 0;
    p->section_kind = h->kind;
    p->section_line = line;
    p->section_start = start;
    if (h->kind != REFERAT_SECTION_ATTACHMENTS)
        p->non_attachment_seen = 1;
    referat_event *ev = rf_emit(p, REFERAT_EV_SECTION_START, start, end, line, end_line);
    if (!ev)
        return;
    ev->section = h->kind;
    ev->kind = rf_cstr(p, referat_section_kind_name(h->kind));
    ev->heading = rf_str(p, heading, hn);
    if (h->kind != REFERAT_SECTION_DECISION)
        return;
    ev->body = h->body_caps ? capitalized(p, body, bn) : rf_str(p, body, bn);
    if (date[0])
        ev->date = rf_cstr(p, date); /* null when neither heading nor meeting has one */
    ev->history = p->section_history;
    rf_decision_begin(p);
}

/* A decision heading that named no body: the pending section starts now. */
static void start_pending(rf_parser *p)
{
    if (!p->pending_decision)
        return;
    p->pending_decision = 0;
    const char *t = p->pending_text.data;
    start_section(p, &p->pending_h, p->pending_line, p->pending_line, p->pending_start,
                  p->pending_end, t,
                  p->pending_body_off, t + p->pending_body_off,
                  p->pending_text.size - p->pending_body_off, p->pending_h.date);
}

void rf_section_open(rf_parser *p, const rf_heading_ex *h, const rf_line *l, const char *text,
                     size_t n)
{
    /* a decision of the item (not "Referat:") ends a sub-item */
    if (p->in_subitem && h->kind == REFERAT_SECTION_DECISION && h->form != 5)
        rf_subitem_close(p);
    rf_section_close(p);
    rf_heading_ex hx = *h;
    const char *body = hx.body.s;
    size_t bn = hx.body.n;
    if (hx.kind == REFERAT_SECTION_DECISION) {
        if (!hx.date[0])
            memcpy(hx.date, p->meeting_date, sizeof hx.date);
        p->section_history = hx.history || (p->meeting_date[0] && strcmp(hx.date, p->meeting_date) < 0);
        if (!body) {
            body = p->meeting_body.data ? p->meeting_body.data : "";
            bn = p->meeting_body.size;
            hx.body_caps = 0;
        }
        if (hx.form != 1 && hx.form != 6) {
            /* wait for the first block: an empty field is no decision */
            rf_buf_clear(&p->pending_text);
            rf_buf_append(p, &p->pending_text, text, n);
            p->pending_body_off = p->pending_text.size;
            rf_buf_append(p, &p->pending_text, body, bn);
            p->pending_h = hx;
            p->pending_h.body.s = NULL;
            p->pending_line = l->line;
            p->pending_start = l->start;
            p->pending_end = l->end;
            p->pending_decision = !p->nomem;
            return;
        }
    }
    start_section(p, &hx, l->line, l->line, l->start, l->end, text, n, body, bn, hx.date);
}

/* ---- absences written in a decision -------------------------------------------- */

/* A person's name: at most six words, each with a capital but for the
 * particles ("Liv Gro Jensen", "Inge de Vries"); not a clause ("Jens Lund
 * (A) erklærede sig inhabil"). */
static int person_name(const char *s, size_t n)
{
    static const char *const particles[] = {"af", "de", "von", "van", "la", "le", "du"};
    size_t words = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && s[e] != ' ')
            e++;
        size_t j = i;
        int ok = rf_is_upper_cp(rf_next_cp(s, e, &j));
        for (size_t k = 0; !ok && k < sizeof particles / sizeof particles[0]; k++)
            ok = e - i == strlen(particles[k]) && memcmp(s + i, particles[k], e - i) == 0;
        if (!ok || ++words > 6)
            return 0;
        i = e + 1;
    }
    return words > 0;
}

static void absence_sentences(rf_parser *p, const rf_para *para)
{
    if (p->section_kind != REFERAT_SECTION_DECISION || p->section_history)
        return;
    for (size_t i = 0; i < para->count; i++) {
        const rf_line *l = &para->lines[i];
        rf_slice names, name, note;
        if (!rf_match_absence_sentence(RF_CLN(para, i), l->cln_len, &names))
            continue;
        size_t pos = 0;
        while (rf_next_name(names.s, names.n, &pos, &name, &note)) {
            while (name.n && (name.s[name.n - 1] == '.' || name.s[name.n - 1] == ','))
                name.n--;
            if (person_name(name.s, name.n))
                rf_blocks_absence(p, name.s, name.n, l->line, l->start, l->end);
        }
    }
}

/* "Fraværende: Jens Hansen" ⏎ "Drøftet." in a decision (no blank line
 * between): the absence line is a paragraph of its own, so that the
 * decision's text starts after it. */
static int absence_label_first(const rf_parser *p, const rf_para *para)
{
    rf_label lb;
    return p->section_kind == REFERAT_SECTION_DECISION && !p->section_history &&
           para->count > 1 && rf_match_label(RF_CLN(para, 0), para->lines[0].cln_len, &lb) &&
           lb.key == RF_LABEL_ABSENT;
}

/* "Fraværende:" with nobody after it, alone in a decision: a field of the
 * agenda system's form left empty, no text of the decision. */
static int empty_absence_label(const rf_parser *p, const rf_para *para)
{
    rf_label lb;
    return p->section_kind == REFERAT_SECTION_DECISION && para->count == 1 &&
           rf_match_label(RF_CLN(para, 0), para->lines[0].cln_len, &lb) &&
           lb.key == RF_LABEL_ABSENT && lb.value.n == 0;
}

void rf_section_content(rf_parser *p, rf_para *para)
{
    rf_label num;
    if (empty_absence_label(p, para))
        return;
    if (absence_label_first(p, para)) {
        rf_para line = *para, rest = *para;
        line.count = 1;
        rest.lines++;
        rest.count--;
        rest.blank_before = 0;
        rf_section_content(p, &line);
        rf_section_content(p, &rest);
        return;
    }
    if (p->section_history && p->section_paras == 0 &&
        rf_match_label(RF_CLN(para, 0), para->lines[0].cln_len, &num) &&
        num.key == RF_LABEL_ITEM_NUMBER) {
        /* an entry's "Punktnummer:" a page break split from its "Dato:" */
        if (para->count == 1)
            return;
        rf_para rest = *para;
        rest.lines++;
        rest.count--;
        rf_section_content(p, &rest);
        return;
    }
    p->section_paras++;
    start_pending(p);
    if (!p->has_section) {
        rf_heading_ex pre;
        memset(&pre, 0, sizeof pre);
        pre.kind = REFERAT_SECTION_PREAMBLE;
        const rf_line *l = &para->lines[0];
        start_section(p, &pre, l->line, l->line, l->start, l->end, "", 0, NULL, 0, "");
    }
    if (p->section_kind == REFERAT_SECTION_ATTACHMENTS) {
        rf_blocks_attachments(p, para);
        return;
    }
    rf_blocks_add(p, para);
    absence_sentences(p, para);
    rf_decision_text(p, para);
}

/* ---- decision histories ---------------------------------------------------------- */

/* "Udvalg: X" / "Dato: D" [/ "Punktnummer: N"] and the entry's text. */
int rf_section_history_entry(rf_parser *p, rf_para *para)
{
    rf_label body, date;
    if (para->count < 2 || para->lines[0].cls != RF_LINE_HISTORY)
        return 0;
    if (!rf_match_label(RF_CLN(para, 0), para->lines[0].cln_len, &body) ||
        !rf_match_label(RF_CLN(para, 1), para->lines[1].cln_len, &date) ||
        body.key != RF_LABEL_BODY || date.key != RF_LABEL_DATE)
        return 0;
    rf_heading_ex h;
    memset(&h, 0, sizeof h);
    h.kind = REFERAT_SECTION_DECISION;
    h.form = 6;
    h.history = 1;
    h.body = body.value;
    if (!rf_find_date_any(date.value.s, date.value.n, h.date, NULL))
        return 0;
    size_t k = 2;
    rf_label num;
    if (k < para->count && rf_match_label(RF_CLN(para, k), para->lines[k].cln_len, &num) &&
        num.key == RF_LABEL_ITEM_NUMBER)
        k++;
    const rf_line *l = &para->lines[0];
    /* the heading: the entry's label lines as one text */
    rf_buf_clear(&p->title_tmp);
    for (size_t i = 0; i < k; i++) {
        if (i)
            rf_buf_putc(p, &p->title_tmp, ' ');
        rf_buf_append(p, &p->title_tmp, RF_CLN(para, i), para->lines[i].cln_len);
    }
    if (p->in_subitem)
        rf_subitem_close(p);
    rf_section_close(p);
    p->section_history = 1;
    start_section(p, &h, l->line, para->lines[k - 1].line, l->start, para->lines[k - 1].end,
                  p->title_tmp.data ? p->title_tmp.data : "", p->title_tmp.size, h.body.s, h.body.n,
                  h.date);
    if (k < para->count) {
        rf_para rest = *para;
        rest.lines += k;
        rest.count -= k;
        rest.structural = 0;
        rf_section_content(p, &rest);
    }
    return 1;
}

/* ---- sub-items ---------------------------------------------------------------------- */

void rf_subitem_open(rf_parser *p, const rf_line *l, const char *label, size_t ln,
                     const char *title, size_t tn)
{
    rf_subitem_close(p);
    rf_section_close(p);
    referat_event *ev = rf_emit(p, REFERAT_EV_SUBITEM_START, l->start, l->end, l->line, l->line);
    if (ev) {
        ev->label = rf_str(p, label, ln);
        ev->title = rf_str(p, title, tn);
    }
    p->in_subitem = 1;
    p->subitem_line = l->line;
    p->subitem_start = l->start;
}

void rf_subitem_close(rf_parser *p)
{
    if (!p->in_subitem)
        return;
    rf_section_close(p);
    rf_emit_closing(p, REFERAT_EV_SUBITEM_END, p->subitem_start, p->subitem_line);
    p->in_subitem = 0;
}
