/* Document structure (SPEC §3): paragraphs to meeting, item and section
 * events.
 *
 *   stream  = meeting*
 *   meeting = HEADER front-matter item*
 *   item    = PUNKT [CASE] (section | absence | echo)*
 *   section = HEADING block*  |  (preamble: blocks before the first heading)
 *
 * One-line paragraphs are checked in this order: meeting header, item line,
 * case number (right after an item line), section heading, absence line,
 * title echo. Those are structure; every other paragraph goes to blocks.c.
 *
 *  - HEADER "REFERAT|DAGSORDEN BODY d. DD-MM-YYYY" ends the meeting before
 *    it (toc-count-mismatch when it had TOC entries and their count differs
 *    from its item count) and starts a new one;
 *  - text before the first header: text-before-meeting, once per stream;
 *  - PUNKT "Punkt N: Title" starts an item (item-number-order when N is not
 *    the previous number + 1); item_start waits for the next paragraph:
 *    a one-line "NN/NNNNN" is its case number, anything else (or the end)
 *    gives missing-case-number. TOC entry i belongs to item i;
 *    toc-title-mismatch when the titles differ without case;
 *  - absence "Afbud[:] names" (not ending in "."): absence events, no block;
 *  - title echo: while the item has no section but attachments sections, a
 *    one-line paragraph equal (without case) to the item's title or its TOC
 *    title is dropped, and ends an attachments section it stands in;
 *  - content before the first heading (or after an echo) opens a preamble.
 */
#include <string.h>

#include "internal.h"

static int in_meeting(const rf_parser *p)
{
    return p->state != RF_BEFORE_MEETING;
}

static const rf_toc_entry *item_toc(const rf_parser *p)
{
    size_t index = p->item_count - 1;
    return index < p->toc_count ? &p->toc[index] : NULL;
}

static void close_section(rf_parser *p)
{
    rf_blocks_flush(p);
    if (!p->has_section)
        return;
    rf_emit(p, REFERAT_EV_SECTION_END, p->section_start, p->last_end, p->section_line,
            p->last_end_line);
    p->has_section = 0;
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

static void open_section(rf_parser *p, const rf_heading *h, const rf_line *l,
                         const char *heading, size_t hn)
{
    close_section(p);
    p->has_section = 1;
    p->section_kind = h->kind;
    p->section_line = l->line;
    p->section_start = l->start;
    if (h->kind != REFERAT_SECTION_ATTACHMENTS)
        p->non_attachment_seen = 1;
    referat_event *ev = rf_emit(p, REFERAT_EV_SECTION_START, l->start, l->end, l->line, l->line);
    if (!ev)
        return;
    ev->section = h->kind;
    ev->kind = rf_cstr(p, referat_section_kind_name(h->kind));
    ev->heading = rf_str(p, heading, hn);
    if (h->kind == REFERAT_SECTION_DECISION) {
        ev->body = h->body_caps ? capitalized(p, h->body.s, h->body.n)
                                : rf_str(p, h->body.s, h->body.n);
        ev->date = rf_cstr(p, h->date);
    }
}

static void emit_item_start(rf_parser *p, const char *case_s, size_t case_n)
{
    const rf_toc_entry *toc = item_toc(p);
    const char *title = p->item_title.data ? p->item_title.data : "";
    size_t tn = p->item_title.size;
    referat_event *ev = rf_emit(p, REFERAT_EV_ITEM_START, p->item_start, p->item_punkt_end,
                                p->item_line, p->item_line);
    if (ev) {
        ev->number = p->item_number;
        ev->title = rf_str(p, title, tn);
        ev->closed = rf_eq_fold(p, title, tn, "lukket");
        if (toc) {
            ev->toc_title = rf_str(p, p->toc_text.data + toc->title_off, toc->title_len);
            ev->page = toc->page;
        }
        if (case_s)
            ev->case_number = rf_str(p, case_s, case_n);
    }
    if (!case_s)
        rf_diag(p, REFERAT_DIAG_MISSING_CASE_NUMBER, p->item_line, p->item_start,
                p->item_punkt_end, "item %lld has no case number",
                (long long)p->item_number);
    if (toc && !rf_eq_fold2(p, title, tn, p->toc_text.data + toc->title_off, toc->title_len))
        rf_diag(p, REFERAT_DIAG_TOC_TITLE_MISMATCH, p->item_line, p->item_start,
                p->item_punkt_end, "item %lld is titled \"%s\" but its TOC entry \"%.*s\"",
                (long long)p->item_number, title, (int)toc->title_len,
                p->toc_text.data + toc->title_off);
    p->state = RF_IN_ITEM;
}

static void close_item(rf_parser *p)
{
    if (p->state == RF_AWAIT_CASE)
        emit_item_start(p, NULL, 0);
    if (p->state != RF_IN_ITEM)
        return;
    close_section(p);
    rf_emit(p, REFERAT_EV_ITEM_END, p->item_start, p->last_end, p->item_line, p->last_end_line);
    p->state = RF_FRONT; /* between items; the next Punkt line follows */
}

static void begin_item(rf_parser *p, const rf_line *l, int64_t number, rf_slice title)
{
    close_item(p);
    if (p->item_count > 0 && number != p->last_number + 1)
        rf_diag(p, REFERAT_DIAG_ITEM_NUMBER_ORDER, l->line, l->start, l->end,
                "item %lld follows item %lld", (long long)number, (long long)p->last_number);
    p->item_count++;
    p->last_number = number;
    p->item_number = number;
    rf_buf_clear(&p->item_title);
    rf_buf_append(p, &p->item_title, title.s, title.n);
    p->item_line = l->line;
    p->item_start = l->start;
    p->item_punkt_end = l->end;
    p->has_section = 0;
    p->non_attachment_seen = 0;
    p->state = RF_AWAIT_CASE;
}

static void close_meeting(rf_parser *p)
{
    if (!in_meeting(p))
        return;
    close_item(p);
    if (p->toc_count > 0 && p->toc_count != p->item_count)
        rf_diag(p, REFERAT_DIAG_TOC_COUNT_MISMATCH, p->meeting_line, p->meeting_start,
                p->meeting_end, "%zu TOC entries for %zu items", p->toc_count, p->item_count);
    rf_emit(p, REFERAT_EV_MEETING_END, p->meeting_start, p->last_end, p->meeting_line,
            p->last_end_line);
    p->state = RF_BEFORE_MEETING;
}

static void begin_meeting(rf_parser *p, const rf_line *l, const rf_header *h)
{
    close_meeting(p);
    rf_front_reset(p);
    p->item_count = 0;
    p->last_number = 0;
    p->meeting_line = l->line;
    p->meeting_start = l->start;
    p->meeting_end = l->end;
    memcpy(p->meeting_date, h->date, sizeof p->meeting_date);
    p->state = RF_FRONT;
    referat_event *ev = rf_emit(p, REFERAT_EV_MEETING_START, l->start, l->end, l->line, l->line);
    if (!ev)
        return;
    ev->kind = rf_cstr(p, h->kind ? "dagsorden" : "referat");
    ev->body = rf_str(p, h->body.s, h->body.n);
    ev->date = rf_cstr(p, h->date);
}

static int is_echo(rf_parser *p, const char *s, size_t n)
{
    if (p->non_attachment_seen)
        return 0;
    const rf_toc_entry *toc = item_toc(p);
    if (rf_eq_fold2(p, s, n, p->item_title.data ? p->item_title.data : "", p->item_title.size))
        return 1;
    return toc && rf_eq_fold2(p, s, n, p->toc_text.data + toc->title_off, toc->title_len);
}

static void absence(rf_parser *p, const rf_line *l, rf_slice names)
{
    size_t pos = 0;
    rf_slice name, note;
    while (rf_next_name(names.s, names.n, &pos, &name, &note))
        rf_blocks_absence(p, name.s, name.n, l->line, l->start, l->end);
}

static void item_paragraph(rf_parser *p, rf_para *para)
{
    const rf_line *l = &para->lines[0];
    const char *s = RF_CLN(para, 0);
    size_t n = l->cln_len;
    if (para->count == 1) {
        rf_heading h;
        rf_slice names;
        if (rf_match_heading(p, s, n, &h)) {
            open_section(p, &h, l, s, n);
            return;
        }
        if (rf_match_absence(p, s, n, &names)) {
            absence(p, l, names);
            return;
        }
        if (is_echo(p, s, n)) {
            if (p->has_section && p->section_kind == REFERAT_SECTION_ATTACHMENTS)
                close_section(p);
            return;
        }
    }
    if (!p->has_section) {
        rf_heading pre = {REFERAT_SECTION_PREAMBLE, {NULL, 0}, 0, {0}};
        open_section(p, &pre, l, "", 0);
    }
    if (p->section_kind == REFERAT_SECTION_ATTACHMENTS)
        rf_blocks_attachments(p, para);
    else
        rf_blocks_add(p, para);
}

static void handle(rf_parser *p, rf_para *para)
{
    const rf_line *l = &para->lines[0];
    const char *s = RF_CLN(para, 0);
    size_t n = l->cln_len;
    rf_header h;
    int64_t number;
    rf_slice title;
    if (para->structural && rf_match_header(p, s, n, &h)) {
        begin_meeting(p, l, &h);
        return;
    }
    if (!in_meeting(p)) {
        if (!p->text_before_reported)
            rf_diag(p, REFERAT_DIAG_TEXT_BEFORE_MEETING, l->line, l->start, l->end,
                    "text before the first meeting header is ignored");
        p->text_before_reported = 1;
        return;
    }
    if (para->structural && rf_match_punkt(p, s, n, &number, &title)) {
        begin_item(p, l, number, title);
        return;
    }
    if (p->state == RF_AWAIT_CASE) {
        if (para->count == 1 && rf_match_case(s, n)) {
            emit_item_start(p, s, n);
            return;
        }
        emit_item_start(p, NULL, 0);
    }
    if (p->state == RF_FRONT && p->item_count == 0)
        rf_front_paragraph(p, para);
    else
        item_paragraph(p, para);
}

int rf_structure_paragraph(rf_parser *p, rf_para *para)
{
    if (para->count == 0)
        return 0;
    handle(p, para);
    p->last_end = para->lines[para->count - 1].end;
    p->last_end_line = para->lines[para->count - 1].line;
    return p->failed ? -1 : 0;
}

int rf_structure_finish(rf_parser *p)
{
    close_meeting(p);
    return p->failed ? -1 : 0;
}
