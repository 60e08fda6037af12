/* Document structure (SPEC §3, docs/FORMAT.md): paragraphs to meeting,
 * item and section events.
 *
 *   stream  = meeting*
 *   meeting = (HEADER | header-block) front-matter item*
 *   item    = ITEM-START item-head (section | subitem | absence | echo)*
 *   section = HEADING block*  |  (preamble: blocks before the first heading)
 *
 *  - HEADER "REFERAT|DAGSORDEN BODY d. DD-MM-YYYY" ends the meeting before
 *    it (toc-count-mismatch when it had TOC entries and their count differs
 *    from its item count) and starts a new one;
 *  - a stream that starts otherwise is read as a header block (head.c);
 *    without a kind line in it: text-before-meeting, once per stream;
 *  - ITEM-START: "Punkt N: Title" always; "N" alone followed by a title
 *    paragraph, "N Title" followed by "N.1 ..." or a case number, and a
 *    paragraph "N. Title" / "Sagsnr.: ..." when N is the next number (any
 *    number for a meeting's first item: Acadre's serials). "Lukket: " before
 *    the title, or the title "Lukket", makes the item closed;
 *  - the item head: a paragraph right after the item line that ends in a
 *    case number finishes the title; case numbers alone or after a case
 *    label, labels alone with their values in the next paragraph
 *    ("Sagsnr.:" / "Sagen afgøres i:" ... "12/27845"), "Dok.nr." and such
 *    are the head, not content. item_start is handed out when the head ends
 *    (missing-case-number when it had no case number). TOC entry i belongs
 *    to item i; toc-title-mismatch when the titles differ without case;
 *  - absence "Afbud[:] names" (not ending in "."): absence events, no block;
 *  - title echo: while the item has no section but attachments sections, a
 *    one-line paragraph equal (without case) to the item's title or its TOC
 *    title is dropped, and ends an attachments section it stands in;
 *  - sections, decisions, histories and sub-items: section.c.
 */
#include <string.h>

#include "layout.h"

static int in_meeting(const rf_parser *p)
{
    return p->state != RF_BEFORE_MEETING && p->state != RF_HEAD;
}

static const rf_toc_entry *item_toc(const rf_parser *p)
{
    size_t index = p->item_count - 1;
    return index < p->toc_count ? &p->toc[index] : NULL;
}

/* ---- items ---------------------------------------------------------------- */

/* The item's title agrees with its TOC entry: the same without case, or,
 * for a TOC title cut short (rule toc-cut-title), its start. */
static int toc_matches(rf_parser *p, const rf_toc_entry *toc, const char *title, size_t tn)
{
    const char *t = p->toc_text.data + toc->title_off;
    size_t n = toc->title_len;
    if (rf_eq_fold2(p, title, tn, t, n))
        return 1;
    /* the cut falls on a character boundary of the title when it is a prefix */
    return toc->cut == RF_TOC_SHORT && n > 0 && n < tn &&
           ((unsigned char)title[n] & 0xC0) != 0x80 && rf_eq_fold2(p, title, n, t, n);
}

static void emit_item_start(rf_parser *p)
{
    const rf_toc_entry *toc = item_toc(p);
    const char *title = p->item_title.data ? p->item_title.data : "";
    size_t tn = p->item_title.size;
    referat_event *ev = rf_emit(p, REFERAT_EV_ITEM_START, p->item_start, p->item_punkt_end,
                                p->item_line, p->item_line);
    if (ev) {
        ev->number = p->item_number;
        ev->title = rf_str(p, title, tn);
        ev->closed = p->item_closed;
        if (toc) {
            ev->toc_title = rf_str(p, p->toc_text.data + toc->title_off, toc->title_len);
            ev->page = toc->page;
        }
        if (p->item_case.size)
            ev->case_number = rf_str(p, p->item_case.data, p->item_case.size);
    }
    if (!p->item_case.size)
        rf_diag(p, REFERAT_DIAG_MISSING_CASE_NUMBER, p->item_line, p->item_start,
                p->item_punkt_end, "item %lld has no case number",
                (long long)p->item_number);
    if (toc && !toc_matches(p, toc, title, tn))
        rf_diag(p, REFERAT_DIAG_TOC_TITLE_MISMATCH, p->item_line, p->item_start,
                p->item_punkt_end, "item %lld is titled \"%s\" but its TOC entry \"%.*s\"",
                (long long)p->item_number, title, (int)toc->title_len,
                p->toc_text.data + toc->title_off);
    p->state = RF_IN_ITEM;
}

static void close_item(rf_parser *p)
{
    if (p->state == RF_AWAIT_CASE)
        emit_item_start(p);
    if (p->state != RF_IN_ITEM)
        return;
    rf_subitem_close(p);
    rf_section_close(p);
    rf_emit_closing(p, REFERAT_EV_ITEM_END, p->item_start, p->item_line);
    p->state = RF_FRONT; /* between items; the next item line follows */
}

static void begin_item(rf_parser *p, const rf_line *l, const rf_item_line *it)
{
    close_item(p);
    if (p->item_count > 0 && it->number != p->last_number + 1)
        rf_diag(p, REFERAT_DIAG_ITEM_NUMBER_ORDER, l->line, l->start, l->end,
                "item %lld follows item %lld", (long long)it->number, (long long)p->last_number);
    if (p->item_count == 0)
        p->punkt_items = it->form == RF_ITEM_PUNKT;
    p->item_count++;
    p->last_number = it->number;
    p->item_number = it->number;
    rf_buf_clear(&p->item_title);
    rf_buf_append(p, &p->item_title, it->title.s, it->title.n);
    rf_buf_clear(&p->item_case);
    p->item_closed = it->closed;
    p->item_queued = 0;
    p->title_open = 1;
    p->item_line = l->line;
    p->item_start = l->start;
    p->item_punkt_end = l->end;
    p->has_section = 0;
    p->non_attachment_seen = 0;
    p->in_subitem = 0;
    p->last_letter = 0;
    p->n_attach = p->n_absent = 0;
    p->state = RF_AWAIT_CASE;
}

/* ---- the item head --------------------------------------------------------------- */

static void set_case(rf_parser *p, const char *s, size_t n)
{
    if (p->item_case.size == 0)
        rf_buf_append(p, &p->item_case, s, n);
}

/* A line of an item head: a case number, a case label, an item label. */
static int head_line(rf_parser *p, const char *s, size_t n, int value)
{
    rf_label lb;
    if (value && p->item_queued) {
        int key = p->item_queue[0];
        memmove(p->item_queue, p->item_queue + 1, (p->item_queued - 1) * sizeof(int));
        p->item_queued--;
        if (key == RF_LABEL_CASE && rf_match_case_any(s, n, 0))
            set_case(p, s, n);
        return 1;
    }
    if (rf_match_case_any(s, n, 1)) {
        set_case(p, s, n);
        return 1;
    }
    if (!rf_match_label(s, n, &lb) || (lb.key != RF_LABEL_CASE && lb.key != RF_LABEL_ITEM_META))
        return 0;
    if (lb.value.n == 0) {
        if (p->item_queued < sizeof p->item_queue / sizeof p->item_queue[0])
            p->item_queue[p->item_queued++] = lb.key;
    } else if (lb.key == RF_LABEL_CASE) {
        /* "Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt": the case
         * number is the value's first word when the value goes on */
        const char *sp = memchr(lb.value.s, ' ', lb.value.n);
        size_t first = sp ? (size_t)(sp - lb.value.s) : lb.value.n;
        if (rf_match_case_any(lb.value.s, lb.value.n, 0))
            set_case(p, lb.value.s, lb.value.n);
        else if (rf_match_case_any(lb.value.s, first, 0))
            set_case(p, lb.value.s, first);
    }
    return 1;
}

static int is_head_line(const char *s, size_t n)
{
    rf_label lb;
    return rf_match_case_any(s, n, 1) ||
           (rf_match_label(s, n, &lb) && (lb.key == RF_LABEL_CASE || lb.key == RF_LABEL_ITEM_META));
}

/* The title's end: the first lines of the paragraph right after the item
 * line, when a case number or case label follows them (at most two). */
static size_t title_tail(rf_parser *p, const rf_para *para)
{
    /* a title goes on in the same paragraph; "Pkt. 42" alone takes it from
     * the next one, after a blank line too (Roskilde's web pages) */
    if (!p->title_open || (para->blank_before && p->item_title.size))
        return 0;
    size_t k = 0;
    while (k < para->count && k < 3 && !is_head_line(RF_CLN(para, k), para->lines[k].cln_len))
        k++;
    /* "Punkt 130:" alone: its title is the next line */
    if (p->item_title.size == 0 && k > 0 && para->lines[0].cls == RF_LINE_TEXT)
        k = 1;
    else if (k == 0 || k > 2 || k >= para->count)
        return 0;
    for (size_t i = 0; i < k; i++) {
        if (p->item_title.size)
            rf_buf_putc(p, &p->item_title, ' ');
        rf_buf_append(p, &p->item_title, RF_CLN(para, i), para->lines[i].cln_len);
    }
    return k;
}

/* Reads the item head lines at the start of para; their count. */
static size_t item_head(rf_parser *p, rf_para *para)
{
    size_t i = title_tail(p, para);
    p->title_open = 0;
    rf_label lb;
    int value = p->item_queued > 0 && !rf_match_label(RF_CLN(para, 0), para->lines[0].cln_len, &lb);
    for (; i < para->count; i++) {
        if (!head_line(p, RF_CLN(para, i), para->lines[i].cln_len, value))
            break;
    }
    return i;
}

/* ---- meetings ---------------------------------------------------------------------- */

static void close_meeting(rf_parser *p)
{
    if (!in_meeting(p))
        return;
    close_item(p);
    rf_front_flush(p);
    if (p->toc_count > 0 && p->toc_count != p->item_count)
        rf_diag_lines(p, REFERAT_DIAG_TOC_COUNT_MISMATCH, p->meeting_line, p->meeting_end_line,
                      p->meeting_start, p->meeting_end, "%zu TOC entries for %zu items",
                      p->toc_count, p->item_count);
    rf_emit_closing(p, REFERAT_EV_MEETING_END, p->meeting_start, p->meeting_line);
    p->state = RF_BEFORE_MEETING;
}

static void meeting_state(rf_parser *p, const rf_line *l)
{
    rf_front_reset(p);
    p->item_count = 0;
    p->last_number = 0;
    p->meeting_line = l->line;
    p->meeting_end_line = l->line;
    p->meeting_start = l->start;
    p->meeting_end = l->end;
    p->state = RF_FRONT;
}

static void begin_meeting(rf_parser *p, const rf_line *l, const rf_header *h)
{
    close_meeting(p);
    if (p->state == RF_HEAD) {
        /* what came before the header line was no header, of any kind */
        p->head.kind_seen = 0;
        p->head.lead_len = 0;
        rf_head_commit(p);
    }
    meeting_state(p, l);
    memcpy(p->meeting_date, h->date, sizeof p->meeting_date);
    rf_buf_clear(&p->meeting_body);
    rf_buf_append(p, &p->meeting_body, h->body.s, h->body.n);
    p->implicit = 0;
    referat_event *ev = rf_emit(p, REFERAT_EV_MEETING_START, l->start, l->end, l->line, l->line);
    if (!ev)
        return;
    ev->kind = rf_cstr(p, h->kind ? "dagsorden" : "referat");
    ev->meeting_kind = h->kind ? REFERAT_MEETING_DAGSORDEN : REFERAT_MEETING_REFERAT;
    ev->body = rf_str(p, h->body.s, h->body.n);
    ev->date = rf_cstr(p, h->date);
    ev->layout = rf_cstr(p, "header-line");
}

/* The header block is over: the meeting starts (or it was no header). */
static int commit_head(rf_parser *p)
{
    uint64_t line = p->head.line, start = p->head.start, end = p->head.end;
    uint64_t end_line = p->head.end_line;
    p->state = RF_BEFORE_MEETING;
    if (!rf_head_commit(p))
        return 0;
    rf_line l = {0};
    l.line = line;
    l.start = start;
    l.end = end;
    meeting_state(p, &l);
    p->meeting_end_line = end_line;
    p->implicit = 1;
    return 1;
}

/* ---- echo, absence ------------------------------------------------------------------ */

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

/* "Referat: text": the section opens and the text is the first line. */
static void inline_heading(rf_parser *p, rf_para *para)
{
    rf_heading_ex h;
    rf_line *l = &para->lines[0];
    if (!rf_match_inline_heading(RF_CLN(para, 0), l->cln_len, &h))
        return;
    rf_section_open(p, &h, l, RF_CLN(para, 0), h.inline_at - 2);
    /* the line without its label, in each of its forms */
    size_t *offs[3] = {&l->nfc_off, &l->col_off, &l->cln_off};
    size_t *lens[3] = {&l->nfc_len, &l->col_len, &l->cln_len};
    for (int k = 0; k < 3; k++) {
        const char *s = para->text.data + *offs[k];
        const char *colon = memchr(s, ':', *lens[k]);
        size_t skip = colon ? (size_t)(colon - s) + 1 : 0;
        while (skip < *lens[k] && s[skip] == ' ')
            skip++;
        *offs[k] += skip;
        *lens[k] -= skip;
    }
    l->cls = RF_LINE_TEXT;
    rf_section_content(p, para);
}

static void item_paragraph(rf_parser *p, rf_para *para)
{
    const rf_line *l = &para->lines[0];
    const char *s = RF_CLN(para, 0);
    size_t n = l->cln_len;
    if (para->count == 1) {
        rf_heading_ex h;
        rf_slice names, label, title;
        int64_t major;
        /* "Bilag" ⏎ "Indstilling": the first attachment, named like a heading */
        int first_attachment = p->has_section && p->section_kind == REFERAT_SECTION_ATTACHMENTS &&
                               p->section_paras == 0 && para->blank_before == 0;
        if (l->cls == RF_LINE_HEADING && !first_attachment && rf_match_heading_any(s, n, &h)) {
            rf_section_open(p, &h, l, s, n);
            return;
        }
        if (l->cls == RF_LINE_SUBITEM && rf_match_subitem_line(s, n, &major, &label, &title) &&
            major == p->item_number) {
            rf_subitem_open(p, l, label.s, label.n, title.s, title.n);
            return;
        }
        if (rf_match_absence(s, n, &names)) {
            absence(p, l, names);
            return;
        }
        if (is_echo(p, s, n)) {
            if (p->has_section && p->section_kind == REFERAT_SECTION_ATTACHMENTS)
                rf_section_close(p);
            return;
        }
    }
    if (l->cls == RF_LINE_HISTORY && rf_section_history_entry(p, para))
        return;
    if (l->cls == RF_LINE_INLINE_HEADING) {
        inline_heading(p, para);
        return;
    }
    rf_section_content(p, para);
}

/* ---- item candidates ------------------------------------------------------------------ */

/* A number that can be the next item's: anything for a meeting's first
 * item (Acadre's serials), else above the last one and not far (open
 * minutes leave the closed items out). A meeting whose items are "Punkt N:"
 * lines has no numbered items besides. */
static int expected(const rf_parser *p, int64_t number)
{
    if (p->item_count == 0)
        return 1;
    return !p->punkt_items && number > p->last_number && number <= p->last_number + 30;
}

static int has_dot_leader(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        if (s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.' && s[i + 3] == '.')
            return 1;
    }
    return 0;
}

/* A paragraph that can be the title of an item or sub-item. */
static int title_like(const rf_para *para)
{
    static const char *const columns[] = {"side", "punkt nr.", "punkt", "sagsnr.", "nr."};
    const rf_line *l = &para->lines[0];
    const char *s = RF_CLN(para, 0);
    size_t n = l->cln_len, i = 0;
    if (n == 0 || n > 250 || l->cls != RF_LINE_TEXT || l->has_tab)
        return 0;
    int32_t cp = rf_next_cp(s, n, &i);
    if (!(rf_is_upper_cp(cp) || (cp >= '0' && cp <= '9') || cp == '"' || cp == 0x201D))
        return 0;
    for (size_t k = 0; k < sizeof columns / sizeof columns[0]; k++) {
        if (rf_fold_eq(s, n, columns[k]))
            return 0;
    }
    /* a title ends in no full stop, but an abbreviation may end it
     * ("Aktiviteter 2013 m.fl.") */
    if (s[n - 1] == '.') {
        const char *sp = s + n - 1;
        while (sp > s && sp[-1] != ' ')
            sp--;
        const char *dot = memchr(sp, '.', (size_t)(s + n - 1 - sp));
        if (!dot && s + n - sp > 4)
            return 0;
    }
    rf_label lb;
    rf_item_line it;
    return !rf_is_page_number_line(s, n) && !rf_match_label(s, n, &lb) &&
           !rf_match_case_any(s, n, 1) && !rf_match_item_line(s, n, &it) &&
           !has_dot_leader(s, n);
}

/* What may follow "N Title" to make it an item: "N.1 ...", a case number,
 * a case label. */
static int item_evidence(const rf_para *para, int64_t number)
{
    const char *s = RF_CLN(para, 0);
    size_t n = para->lines[0].cln_len;
    int64_t major;
    rf_slice label, title;
    if (rf_match_subitem_line(s, n, &major, &label, &title))
        return major == number;
    rf_line_class cls = para->lines[0].cls;
    return is_head_line(s, n) || cls == RF_LINE_HEADING || cls == RF_LINE_INLINE_HEADING;
}

/* 0 when memory ran out (dst is then not to be used). */
static int copy_para(rf_parser *p, rf_para *dst, const rf_para *src)
{
    rf_buf_clear(&dst->text);
    if (rf_buf_append(p, &dst->text, src->text.data, src->text.size) < 0)
        return 0;
    void *arr = dst->lines;
    if (rf_grow(p, &arr, &dst->cap, src->count, sizeof(rf_line)) < 0)
        return 0;
    dst->lines = arr;
    memcpy(dst->lines, src->lines, src->count * sizeof(rf_line));
    dst->count = src->count;
    dst->raw_size = src->raw_size;
    dst->structural = src->structural;
    dst->blank_before = src->blank_before;
    return 1;
}

/* "N. Title" whose title is the next TOC entry's (rule toc-evidence): the
 * TOC is the evidence, the item starts at once. */
static int toc_confirms(rf_parser *p, const rf_item_line *it)
{
    if (p->item_count >= p->toc_count || !it->title.n)
        return 0;
    const rf_toc_entry *e = &p->toc[p->item_count];
    return rf_eq_fold2(p, it->title.s, it->title.n, p->toc_text.data + e->title_off,
                       e->title_len);
}

static int item_here(rf_parser *p, const rf_line *l, const rf_item_line *it);

/* A one-line paragraph that may start an item or a sub-item. */
static int candidate(rf_parser *p, rf_para *para)
{
    rf_item_line it;
    char letter;
    if (p->replaying || para->count != 1)
        return 0;
    const char *s = RF_CLN(para, 0);
    size_t n = para->lines[0].cln_len;
    int kind = 0;
    if (rf_match_item_line(s, n, &it) && it.form != RF_ITEM_PUNKT && expected(p, it.number))
        kind = it.form == RF_ITEM_NUMBER_ALONE ? 1 : 2;
    if (kind == 2 && toc_confirms(p, &it))
        return item_here(p, &para->lines[0], &it);
    else if (p->state == RF_IN_ITEM || p->state == RF_AWAIT_CASE) {
        if (rf_match_letter_alone(s, n, &letter) &&
            (letter == 'a' || (p->last_letter && letter == p->last_letter + 1)))
            kind = 3;
    }
    if (!kind || !copy_para(p, &p->cand.para, para))
        return 0;
    p->cand.kind = kind;
    p->cand.number = it.number;
    p->cand.letter = letter;
    return 1;
}

static void handle(rf_parser *p, rf_para *para);

static void replay_candidate(rf_parser *p)
{
    if (!p->cand.kind)
        return;
    int title = p->cand.has_title;
    p->cand.kind = 0;
    p->cand.has_title = 0;
    p->replaying = 1;
    handle(p, &p->cand.para);
    if (title)
        handle(p, &p->cand.title);
    p->replaying = 0;
}

/* The title of an item or sub-item: the paragraph's lines up to its head. */
static size_t title_lines(const rf_para *para)
{
    size_t k = 1;
    while (k < para->count && k < 4 && !is_head_line(RF_CLN(para, k), para->lines[k].cln_len) &&
           para->lines[k].cls == RF_LINE_TEXT)
        k++;
    return k;
}

static void joined_title(rf_parser *p, const rf_para *para, size_t k, rf_buf *out)
{
    rf_buf_clear(out);
    for (size_t i = 0; i < k; i++) {
        if (i)
            rf_buf_putc(p, out, ' ');
        rf_buf_append(p, out, RF_CLN(para, i), para->lines[i].cln_len);
    }
}

/* Hands the paragraph's lines from k on to the usual handling. */
static void handle_rest(rf_parser *p, const rf_para *para, size_t k)
{
    if (k >= para->count)
        return;
    rf_para rest = *para;
    rest.lines += k;
    rest.count -= k;
    handle(p, &rest);
}

/* An item starts: a header block before it is complete (0 when that was
 * no header: the item is then text before a meeting). */
static int item_here(rf_parser *p, const rf_line *l, const rf_item_line *it)
{
    if (p->state == RF_HEAD && !commit_head(p))
        return 0;
    if (!in_meeting(p))
        return 0; /* a header that was none, refused by an earlier try */
    rf_front_flush(p);
    begin_item(p, l, it);
    return 1;
}

/* "N" alone (the candidate) with its title paragraph: the item starts; the
 * title paragraph's lines from k on are its head. */
static void number_alone_item(rf_parser *p, const rf_para *title, size_t k)
{
    rf_cand *c = &p->cand;
    rf_item_line t;
    memset(&t, 0, sizeof t);
    t.form = RF_ITEM_NUMBER_ALONE;
    t.number = c->number;
    joined_title(p, title, k, &p->title_tmp);
    t.title.s = p->title_tmp.data;
    t.title.n = p->title_tmp.size;
    c->kind = 0;
    c->has_title = 0;
    if (!item_here(p, &c->para.lines[0], &t))
        return;
    p->title_open = 0;
    handle_rest(p, title, k);
}

/* The next paragraph starts with the candidate's "N. Title" again. */
static int same_item_line(rf_parser *p, const rf_para *para)
{
    rf_item_line a, b;
    const rf_line *cl = &p->cand.para.lines[0];
    return rf_match_item_line(RF_CLN(para, 0), para->lines[0].cln_len, &b) &&
           rf_match_item_line(RF_CLN(&p->cand.para, 0), cl->cln_len, &a) &&
           a.number == b.number && a.form == b.form &&
           rf_eq_fold2(p, a.title.s, a.title.n, b.title.s, b.title.n);
}

/* The candidate's next paragraph decides; 1 when it was taken. */
static int resolve_candidate(rf_parser *p, rf_para *para)
{
    rf_cand *c = &p->cand;
    rf_item_line it;
    const rf_line *cl = &c->para.lines[0];
    if (c->kind == 1 && c->has_title) {
        /* "N" ⏎ title ⏎ this: an item when this is its head or a heading */
        if (!item_evidence(para, c->number))
            goto replay;
        number_alone_item(p, &c->title, title_lines(&c->title));
        handle(p, para);
        return 1;
    }
    if (c->kind == 1 && title_like(para)) {
        size_t k = title_lines(para);
        if (k < para->count) {
            /* the title paragraph holds the item's head */
            number_alone_item(p, para, k);
            return 1;
        }
        if (!copy_para(p, &c->title, para))
            goto replay;
        c->has_title = 1;
        return 1;
    }
    if (c->kind == 2 && same_item_line(p, para)) {
        /* "2. Title" ⏎⏎ "2.     Title" ⏎ "Sagsnr.: ...": a web page's folded
         * header, then the item itself */
        c->kind = 0;
        return 0;
    }
    if (c->kind == 2 && item_evidence(para, c->number)) {
        rf_match_item_line(RF_CLN(&c->para, 0), cl->cln_len, &it);
        c->kind = 0;
        if (!item_here(p, cl, &it))
            return 0;
        handle(p, para);
        return 1;
    }
    if (c->kind == 3 && title_like(para)) {
        size_t k = title_lines(para);
        joined_title(p, para, k, &p->title_tmp);
        c->kind = 0;
        if (p->state == RF_AWAIT_CASE)
            emit_item_start(p);
        p->last_letter = c->letter;
        char label[2] = {c->letter, 0};
        rf_subitem_open(p, cl, label, 1, p->title_tmp.data, p->title_tmp.size);
        handle_rest(p, para, k);
        return 1;
    }
replay:
    replay_candidate(p);
    return 0;
}

/* A paragraph "N. Title" / "Sagsnr.: ..." (Acadre): an item at once. */
static int numbered_item_paragraph(rf_parser *p, rf_para *para)
{
    rf_item_line it;
    if (para->count < 2 || p->replaying)
        return 0;
    if (!rf_match_item_line(RF_CLN(para, 0), para->lines[0].cln_len, &it) ||
        it.form != RF_ITEM_NUMBER_TITLE || !expected(p, it.number))
        return 0;
    if (!is_head_line(RF_CLN(para, 1), para->lines[1].cln_len) &&
        !(para->count > 2 && is_head_line(RF_CLN(para, 2), para->lines[2].cln_len)))
        return 0;
    if (!item_here(p, &para->lines[0], &it))
        return 0;
    handle_rest(p, para, 1);
    return 1;
}

/* "Title" ⏎ "Sag nr. 130" (the number after its title, one paragraph):
 * an item at once. */
static int sag_nr_paragraph(rf_parser *p, rf_para *para)
{
    size_t last = 1, k = 0;
    int64_t number = 0;
    for (; last < para->count && last <= 3; last++) {
        const char *s = RF_CLN(para, last);
        size_t n = para->lines[last].cln_len;
        k = rf_fold_prefix(s, n, "sag nr. ");
        if (k && rf_parse_int(s + k, n - k, &number))
            break;
        k = 0;
    }
    if (p->replaying || !k || !expected(p, number))
        return 0;
    rf_item_line it;
    memset(&it, 0, sizeof it);
    it.form = RF_ITEM_NUMBER_TITLE; /* a numbered layout: not "Punkt N:" */
    it.number = number;
    joined_title(p, para, last, &p->title_tmp);
    it.title.s = p->title_tmp.data;
    it.title.n = p->title_tmp.size;
    if (!item_here(p, &para->lines[0], &it))
        return 0;
    p->title_open = 0;
    handle_rest(p, para, last + 1);
    return 1;
}

/* ---- dispatch -------------------------------------------------------------------------- */

/* "• Pkt. 43 Title" alone: an agenda web page's folded item header (w3m
 * prints the list of items as bullets, each followed by its content,
 * which repeats "Pkt. 43" and the title). The next item starts here. */
static int bullet_item(rf_parser *p, rf_para *para, rf_item_line *it)
{
    const char *s = RF_CLN(para, 0);
    size_t n = para->lines[0].cln_len, k = rf_fold_prefix(s, n, "\xe2\x80\xa2 ");
    if (!k || para->count != 1 || !in_meeting(p))
        return 0;
    return rf_match_item_line(s + k, n - k, it) && it->form == RF_ITEM_PUNKT &&
           it->title.n > 0 && (p->item_count == 0 || it->number == p->last_number + 1);
}

/* The item's whole title again, alone, before its head is read (web pages
 * repeat it under the item line): an echo. */
static int title_again(rf_parser *p, const rf_para *para)
{
    return para->count == 1 && p->item_title.size > 0 && !p->title_open &&
           rf_eq_fold2(p, RF_CLN(para, 0), para->lines[0].cln_len, p->item_title.data,
                       p->item_title.size);
}

/* "Pkt. 43" again in item 43 (with no title or its own): no new item. */
static int repeated_item_line(const rf_parser *p, const rf_item_line *it)
{
    return (p->state == RF_IN_ITEM || p->state == RF_AWAIT_CASE) && p->item_count > 0 &&
           it->number == p->item_number &&
           (it->title.n == 0 ||
            (it->title.n == p->item_title.size &&
             memcmp(it->title.s, p->item_title.data, it->title.n) == 0));
}

static int starts_item(rf_parser *p, rf_para *para)
{
    rf_item_line it;
    const rf_line *l = &para->lines[0];
    if (para->structural && l->cls == RF_LINE_PUNKT &&
        rf_match_item_line(RF_CLN(para, 0), l->cln_len, &it))
        return repeated_item_line(p, &it) || item_here(p, l, &it);
    if (bullet_item(p, para, &it)) {
        if (!item_here(p, l, &it))
            return 0;
        p->title_open = 0; /* the title is whole; it comes again below */
        return 1;
    }
    if (candidate(p, para))
        return 1;
    return numbered_item_paragraph(p, para) || sag_nr_paragraph(p, para);
}

static void handle(rf_parser *p, rf_para *para)
{
    const rf_line *l = &para->lines[0];
    const char *s = RF_CLN(para, 0);
    size_t n = l->cln_len;
    rf_header h;
    if (para->structural && l->cls == RF_LINE_HEADER && rf_match_header(s, n, &h)) {
        replay_candidate(p);
        begin_meeting(p, l, &h);
        return;
    }
    if (p->cand.kind && !p->replaying && resolve_candidate(p, para))
        return;
    if (p->state == RF_BEFORE_MEETING) {
        rf_head_begin(p, l);
        p->state = RF_HEAD;
    }
    if (starts_item(p, para))
        return;
    if (p->state == RF_BEFORE_MEETING) {
        /* an item line ended a header block that named no kind (text before
         * a meeting): this paragraph starts the next try */
        rf_head_begin(p, l);
        p->state = RF_HEAD;
    }
    if (p->state == RF_HEAD) {
        if (l->cls == RF_LINE_TOC_START && para->count == 1) {
            if (commit_head(p))
                rf_front_paragraph(p, para);
            return;
        }
        if (!rf_head_paragraph(p, para))
            commit_head(p);
        return;
    }
    if (p->state == RF_AWAIT_CASE && title_again(p, para))
        return; /* the head may follow it */
    if (p->state == RF_AWAIT_CASE) {
        size_t used = item_head(p, para);
        if (used == para->count) {
            /* the case number is known and nothing waits for a value: the
             * head is complete (SPEC §3.2's one paragraph) */
            if (p->item_case.size && !p->item_queued)
                emit_item_start(p);
            return;
        }
        emit_item_start(p);
        if (used) {
            rf_para rest = *para;
            rest.lines += used;
            rest.count -= used;
            rest.blank_before = 0;
            item_paragraph(p, &rest);
            return;
        }
    }
    if (p->state == RF_IN_ITEM)
        item_paragraph(p, para);
    else if (in_meeting(p))
        rf_front_paragraph(p, para); /* the front matter, or between items */
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
    replay_candidate(p);
    if (p->state == RF_HEAD)
        commit_head(p);
    close_meeting(p);
    return p->failed ? -1 : 0;
}

void rf_structure_free(rf_parser *p)
{
    rf_buf_free(p, &p->cand.para.text);
    rf_free(p, p->cand.para.lines);
    rf_buf_free(p, &p->cand.title.text);
    rf_buf_free(p, &p->title_tmp);
    rf_free(p, p->cand.title.lines);
    rf_buf_free(p, &p->meeting_body);
    rf_buf_free(p, &p->item_case);
    rf_buf_free(p, &p->pending_text);
    rf_decision_free(p);
    rf_head_free(p);
}
