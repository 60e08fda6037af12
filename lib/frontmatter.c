/* Front matter (SPEC §3.1): everything between the header line and the
 * first item. It holds only meta lines and the table of contents; nothing
 * in it becomes a block.
 *
 *  - a line starting with the word Mødedato, Mødested or Mødedeltagere
 *    (then a space, ":" or the end) starts a meta value: the rest of the
 *    line and the following lines of the same paragraph that start no meta
 *    value, joined and cleaned. A keyword seen twice in one meeting is
 *    ignored (unknown-front-matter);
 *  - Mødedato: weekday = first word, time = "kl. H:MM", date "D. month
 *    YYYY" (date-mismatch when it differs from the header's);
 *  - Mødedeltagere: participants split on ", " and " og "; "(note)";
 *  - a one-line paragraph "Indholdsfortegnelse[:]" starts the TOC; from
 *    there every other front-matter line is a TOC line: "Title.....<TAB>N",
 *    "Title..... N" or "| Title..... | N |" (empty and separator pipe rows
 *    are skipped);
 *  - pdftotext prints a TOC's page numbers as a column after its titles
 *    ("Title......" lines, a blank line, then one bare number a line): TOC
 *    entries wait until the TOC ends; a paragraph of bare numbers, one per
 *    waiting entry without a page, gives them their pages in order
 *    (rule toc-page-column, fixture toc_page_column);
 *  - in such a column of dotted titles, a line without dots is a title the
 *    agenda system cut at the column's edge ("… med ti"): its own entry
 *    when the page column has a number for it, otherwise the first line of
 *    the next entry's title, wrapped (rule toc-cut-title);
 *  - any other non-blank line: unknown-front-matter.
 */
#include <string.h>

#include "layout.h"

static const char *const meta_names[] = {"M\xc3\xb8" "dedato", "M\xc3\xb8" "dested",
                                         "M\xc3\xb8" "dedeltagere"};

void rf_front_reset(rf_parser *p)
{
    memset(p->meta_seen, 0, sizeof p->meta_seen);
    p->toc_started = 0;
    p->n_toc = p->n_people = 0;
    p->pending_meta = 0;
    p->toc_count = p->toc_emitted = p->toc_rows = p->toc_row_at = 0;
    p->toc_rows_bad = 0;
    rf_buf_clear(&p->toc_text);
}

static void unknown(rf_parser *p, const rf_line *l, const char *what)
{
    rf_diag(p, REFERAT_DIAG_UNKNOWN_FRONT_MATTER, l->line, l->start, l->end,
            "line %llu: %s", (unsigned long long)l->line, what);
}

static void emit_participants(rf_parser *p, const char *s, size_t n, uint64_t line,
                              uint64_t start, uint64_t end, uint64_t end_line)
{
    size_t pos = 0;
    rf_slice name, note;
    while (rf_next_name(s, n, &pos, &name, &note)) {
        if (!rf_list_entry(p, &p->n_people, "participants", line, end_line, start, end))
            return;
        referat_event *ev = rf_emit(p, REFERAT_EV_PARTICIPANT, start, end, line, end_line);
        if (!ev)
            return;
        ev->name = rf_str(p, name.s, name.n);
        if (note.s) {
            ev->note = rf_str(p, note.s, note.n);
            ev->absent = rf_fold_eq(note.s, note.n, "afbud");
        }
    }
}

static void date_fields(rf_parser *p, referat_event *ev, const char *v, size_t n,
                        uint64_t line)
{
    char iso[11], hm[6];
    const char *sp = memchr(v, ' ', n);
    if (n > 0)
        ev->weekday = rf_str(p, v, sp ? (size_t)(sp - v) : n);
    if (rf_find_time(v, n, hm))
        ev->time = rf_cstr(p, hm);
    if (!rf_find_danish_date(v, n, iso))
        return;
    ev->date = rf_cstr(p, iso);
    if (strcmp(iso, p->meeting_date) != 0)
        rf_diag_lines(p, REFERAT_DIAG_DATE_MISMATCH, line, ev->span.end_line,
                      ev->span.start_offset, ev->span.end_offset,
                      "Mødedato %s differs from the header date %s", iso, p->meeting_date);
}

static const referat_meta_key meta_keys[] = {REFERAT_META_DATE, REFERAT_META_LOCATION,
                                             REFERAT_META_PARTICIPANTS};

/* The meta event of key with its raw (collapsed) value text. */
static void emit_meta(rf_parser *p, int key, const char *raw, size_t rn, uint64_t line,
                      uint64_t start, uint64_t end, uint64_t end_line)
{
    rf_buf value = {0};
    rf_clean(p, raw, rn, &value);
    const char *v = value.data ? value.data : "";
    referat_event *ev = rf_emit(p, REFERAT_EV_META, start, end, line, end_line);
    if (ev) {
        ev->name = rf_cstr(p, meta_names[key]);
        ev->meta = meta_keys[key];
        ev->value = rf_str(p, v, value.size);
        if (key == 0)
            date_fields(p, ev, v, value.size, line);
        else if (key == 1 && value.size)
            ev->location = ev->value;
        else if (key == 2)
            emit_participants(p, v, value.size, line, start, end, end_line);
    }
    rf_buf_free(p, &value);
}

/* A meta value starting at line i; returns the index after its last line.
 * A meta word alone at the end of its paragraph ("Mødedato" and a blank
 * line, FirstAgenda's web layout) takes the next paragraph as its value. */
static size_t meta_value(rf_parser *p, const rf_para *para, size_t i, int key,
                         rf_slice rest)
{
    size_t end = i + 1;
    rf_slice dummy;
    while (end < para->count &&
           rf_match_meta(RF_CLN(para, end), para->lines[end].cln_len, &dummy) < 0)
        end++;
    const rf_line *l = &para->lines[i];
    if (p->meta_seen[key]) {
        unknown(p, l, "a meta line seen before in this meeting; ignored");
        return end;
    }
    p->meta_seen[key] = 1;
    if (rest.n == 0 && end == para->count && end == i + 1) {
        p->pending_meta = key + 1;
        p->pending_meta_line = l->line;
        p->pending_meta_start = l->start;
        p->pending_meta_end = l->end;
        return end;
    }
    rf_buf raw = {0};
    rf_buf_append(p, &raw, rest.s, rest.n);
    for (size_t k = i + 1; k < end; k++) {
        rf_buf_putc(p, &raw, ' ');
        rf_buf_append(p, &raw, RF_COL(para, k), para->lines[k].col_len);
    }
    const rf_line *last = &para->lines[end - 1];
    emit_meta(p, key, raw.data ? raw.data : "", raw.size, l->line, l->start, last->end, last->line);
    rf_buf_free(p, &raw);
    return end;
}

/* The paragraph after a meta word alone is its value, unless it starts
 * something else. */
static int pending_value(rf_parser *p, const rf_para *para)
{
    rf_slice dummy;
    rf_label lb;
    const char *s = RF_CLN(para, 0);
    size_t n = para->lines[0].cln_len;
    if (!p->pending_meta)
        return 0;
    if (rf_match_meta(s, n, &dummy) >= 0 || rf_match_label(s, n, &lb) ||
        rf_match_toc_start(s, n)) {
        rf_front_flush(p);
        return 0;
    }
    int key = p->pending_meta - 1;
    p->pending_meta = 0;
    rf_buf raw = {0};
    for (size_t k = 0; k < para->count; k++) {
        if (k)
            rf_buf_putc(p, &raw, ' ');
        rf_buf_append(p, &raw, RF_COL(para, k), para->lines[k].col_len);
    }
    const rf_line *last = &para->lines[para->count - 1];
    emit_meta(p, key, raw.data ? raw.data : "", raw.size, p->pending_meta_line,
              p->pending_meta_start, last->end, last->line);
    rf_buf_free(p, &raw);
    return 1;
}

/* The waiting entry k, a cut title, becomes the first line of entry k + 1. */
static void join_cut(rf_parser *p, size_t k)
{
    rf_toc_entry *a = &p->toc[k], *b = &p->toc[k + 1];
    size_t off = p->toc_text.size;
    /* the joined title is new text: the parts stay where they are */
    if (rf_buf_reserve(p, &p->toc_text, a->title_len + 1 + b->title_len) < 0)
        return;
    rf_buf_append(p, &p->toc_text, p->toc_text.data + a->title_off, a->title_len);
    rf_buf_putc(p, &p->toc_text, ' ');
    rf_buf_append(p, &p->toc_text, p->toc_text.data + b->title_off, b->title_len);
    b->title_off = off;
    b->title_len = p->toc_text.size - off;
    b->line = a->line;
    b->start = a->start;
    memmove(a, b, (p->toc_count - k - 1) * sizeof *a);
    p->toc_count--;
}

/* Cut titles among the waiting entries: their own entries, shortened
 * (own; cut becomes RF_TOC_SHORT), or the first lines of the entries after
 * them (several in a row: a title wrapped over several lines; a cut title
 * last stays its own). */
static void settle_cuts(rf_parser *p, int own)
{
    size_t k = p->toc_emitted;
    while (k < p->toc_count && !p->nomem) {
        if (p->toc[k].cut == RF_TOC_CUT && !own && k + 1 < p->toc_count) {
            join_cut(p, k); /* entry k is now the joined one: look again */
            continue;
        }
        if (p->toc[k].cut == RF_TOC_CUT)
            p->toc[k].cut = RF_TOC_SHORT;
        k++;
    }
}

/* Waiting entries without a page, and the cut titles among them. */
static size_t unpaged(const rf_parser *p, size_t *cuts)
{
    size_t n = 0;
    *cuts = 0;
    for (size_t k = p->toc_emitted; k < p->toc_count; k++) {
        n += p->toc[k].page < 0;
        *cuts += p->toc[k].cut == RF_TOC_CUT;
    }
    return n;
}

/* A paragraph of bare page numbers while entries wait without pages: the
 * numbers are kept at the entries' places, in order (the paragraph stage
 * may have split the column into one-line paragraphs). 0 when para is no
 * such paragraph. */
static int page_rows(rf_parser *p, const rf_para *para)
{
    int dot;
    size_t k;
    if (p->toc_emitted == p->toc_count)
        return 0;
    for (k = 0; k < para->count; k++) {
        if (!rf_is_bare_number(RF_CLN(para, k), para->lines[k].cln_len, &dot) || dot)
            return 0;
    }
    for (k = 0; k < para->count; k++) {
        size_t at = p->toc_row_at < p->toc_emitted ? p->toc_emitted : p->toc_row_at;
        while (at < p->toc_count && p->toc[at].page >= 0)
            at++;
        int64_t v;
        if (at == p->toc_count || !rf_parse_int(RF_CLN(para, k), para->lines[k].cln_len, &v)) {
            p->toc_rows_bad = 1;
            continue;
        }
        p->toc[at].column = v;
        p->toc_row_at = at + 1;
        p->toc_rows++;
    }
    return 1;
}

/* The page column read so far, when it has a number for each waiting entry
 * without a page (cut titles counted as entries, or as first lines): the
 * entries' pages (rule toc-page-column). */
static void apply_page_rows(rf_parser *p)
{
    size_t cuts, waiting = unpaged(p, &cuts), rows = p->toc_rows;
    int bad = p->toc_rows_bad;
    p->toc_rows = p->toc_row_at = 0;
    p->toc_rows_bad = 0;
    if (bad || rows == 0 || (rows != waiting && rows != waiting - cuts))
        return;
    int own = rows == waiting;
    /* the i-th number stands at the i-th entry without a page; it goes to
     * the i-th such entry that is not a cut title (own: that is the same) */
    size_t r = p->toc_emitted, w = p->toc_emitted;
    for (size_t i = 0; i < rows; i++, r++, w++) {
        while (p->toc[r].page >= 0)
            r++;
        while (p->toc[w].page >= 0 || (!own && p->toc[w].cut == RF_TOC_CUT))
            w++;
        p->toc[w].page = p->toc[r].column; /* w >= r: read before written */
    }
    settle_cuts(p, own);
}

/* Hands out the waiting entries. */
static void emit_toc(rf_parser *p)
{
    apply_page_rows(p);
    settle_cuts(p, 0);
    for (; p->toc_emitted < p->toc_count; p->toc_emitted++) {
        const rf_toc_entry *e = &p->toc[p->toc_emitted];
        referat_event *ev = rf_emit(p, REFERAT_EV_TOC_ENTRY, e->start, e->end, e->line,
                                    e->end_line);
        if (!ev)
            return;
        ev->title = rf_str(p, p->toc_text.data + e->title_off, e->title_len);
        ev->page = e->page;
    }
}

static void add_toc_entry(rf_parser *p, const rf_line *l, const char *title, size_t n,
                          int64_t page, int cut)
{
    if (!rf_list_entry(p, &p->n_toc, "TOC entries", l->line, l->line, l->start, l->end))
        return;
    /* a closed item's entry "Lukket: Title" is its title */
    size_t closed = rf_fold_prefix(title, n, "lukket: ");
    title += closed;
    n -= closed;
    void *arr = p->toc;
    if (rf_grow(p, &arr, &p->toc_cap, p->toc_count + 1, sizeof(rf_toc_entry)) < 0)
        return;
    p->toc = arr;
    rf_toc_entry *e = &p->toc[p->toc_count];
    e->title_off = p->toc_text.size;
    rf_clean(p, title, n, &p->toc_text);
    e->title_len = p->toc_text.size - e->title_off;
    e->page = page;
    e->line = e->end_line = l->line;
    e->start = l->start;
    e->end = l->end;
    e->cut = cut;
    if (p->nomem)
        return;
    p->toc_count++;
    /* only entries without a page wait (for a page column); one with its
     * page goes out at once unless others wait before it */
    if (page >= 0 && p->toc_emitted + 1 == p->toc_count)
        emit_toc(p);
}

/* "| Title..... | N |": 1 entry, 0 skipped row, -1 not a TOC row. */
static int toc_pipe_row(rf_parser *p, const rf_line *l, const char *s, size_t n)
{
    const char *cell[2];
    size_t len[2], cells = 0, pos = 0, nonempty = 0;
    int separator = 1;
    rf_slice c;
    while (rf_next_pipe_cell(s, n, &pos, &c)) {
        if (cells < 2) {
            cell[cells] = c.s;
            len[cells] = c.n;
        }
        cells++;
        separator &= rf_is_pipe_separator(c.s, c.n);
        size_t k = 0;
        while (k < c.n && c.s[k] == ' ')
            k++;
        nonempty += k < c.n;
    }
    if (separator || nonempty == 0)
        return 0;
    if (cells != 2)
        return -1;
    rf_slice title;
    int64_t page;
    while (len[0] > 0 && cell[0][len[0] - 1] == ' ')
        len[0]--;
    rf_buf_clear(&p->scratch);
    rf_buf_append(p, &p->scratch, cell[0], len[0]);
    rf_buf_putc(p, &p->scratch, ' ');
    rf_clean(p, cell[1], len[1], &p->scratch);
    if (p->nomem || !rf_match_toc_line(p->scratch.data, p->scratch.size, &title, &page))
        return -1;
    /* title points into scratch, which add_toc_entry does not touch */
    add_toc_entry(p, l, title.s, title.n, page, 0);
    return 1;
}

/* "Title....." (no page: the pages stand in a column after the titles), or
 * "Title ......2" (the page glued to the dots): *page is -1 or the page. */
static int dotted_title(const char *s, size_t n, rf_slice *title, int64_t *page)
{
    size_t end = n;
    *page = -1;
    while (end > 0 && s[end - 1] >= '0' && s[end - 1] <= '9')
        end--;
    if (end < n && (n - end > 4 || end == 0 || s[end - 1] != '.' ||
                    !rf_parse_int(s + end, n - end, page)))
        return 0;
    while (end > 0 && s[end - 1] == '.')
        end--;
    if (n - end < 3 || end == 0)
        return 0;
    while (end > 0 && s[end - 1] == ' ')
        end--;
    title->s = s;
    title->n = end;
    return end > 0;
}

/* Words of a TOC's column heads and groups ("Punkt nr.", "Side", "Åbent
 * referat"): no entries, no diagnostic. */
static int toc_furniture(const char *s, size_t n)
{
    static const char *const words[] = {"side", "punkt nr.", "punkt", "nr.", "åbent referat",
                                        "lukket referat", "åben dagsorden", "lukket dagsorden",
                                        "åbne punkter", "lukkede punkter"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (rf_fold_eq(s, n, words[i]))
            return 1;
    }
    int dot;
    return rf_is_bare_number(s, n, &dot);
}

void rf_front_flush(rf_parser *p)
{
    emit_toc(p);
    if (!p->pending_meta)
        return;
    int key = p->pending_meta - 1;
    p->pending_meta = 0;
    emit_meta(p, key, "", 0, p->pending_meta_line, p->pending_meta_start, p->pending_meta_end,
              p->pending_meta_line);
}

/* Whether para is a column of dotted titles without pages (their pages
 * follow as a column): at least two such lines. */
static int dotted_column(const rf_para *para)
{
    size_t dotted = 0;
    rf_slice title;
    int64_t page;
    for (size_t i = 0; i < para->count && dotted < 2; i++) {
        dotted += dotted_title(RF_COL(para, i), para->lines[i].col_len, &title, &page) &&
                  page < 0;
    }
    return dotted >= 2;
}

static void toc_line(rf_parser *p, const rf_para *para, size_t i, int column)
{
    const rf_line *l = &para->lines[i];
    const char *s = RF_COL(para, i);
    rf_slice title;
    int64_t page;
    rf_item_line it;
    if (rf_is_pipe_line(s, l->col_len)) {
        if (toc_pipe_row(p, l, s, l->col_len) < 0)
            unknown(p, l, "not a table-of-contents line");
    } else if (rf_match_toc_line(s, l->col_len, &title, &page)) {
        add_toc_entry(p, l, title.s, title.n, page, 0);
    } else if (dotted_title(s, l->col_len, &title, &page)) {
        add_toc_entry(p, l, title.s, title.n, page, 0);
    } else if (rf_match_item_line(RF_CLN(para, i), l->cln_len, &it) &&
               it.form == RF_ITEM_NUMBER_TITLE) {
        /* "1. Meddelelser": numbered titles without pages */
        add_toc_entry(p, l, it.title.s, it.title.n, -1, 0);
    } else if (toc_furniture(RF_CLN(para, i), l->cln_len)) {
        return;
    } else if (column) {
        add_toc_entry(p, l, RF_CLN(para, i), l->cln_len, -1, RF_TOC_CUT); /* toc-cut-title */
    } else {
        unknown(p, l, "not a table-of-contents line");
    }
}

void rf_front_paragraph(rf_parser *p, rf_para *para)
{
    size_t i = 0;
    if (p->toc_started && page_rows(p, para))
        return;
    int column = p->toc_started && dotted_column(para);
    if (!column || p->pending_meta)
        emit_toc(p); /* the TOC's titles are over, or a meta value comes first */
    if (pending_value(p, para))
        return;
    while (i < para->count) {
        rf_slice rest;
        int key = rf_match_meta(RF_CLN(para, i), para->lines[i].cln_len, &rest);
        if (key >= 0) {
            emit_toc(p); /* in document order */
            i = meta_value(p, para, i, key, rest);
            continue;
        }
        if (p->toc_started)
            toc_line(p, para, i, column);
        else if (para->count == 1 && rf_match_toc_start(RF_CLN(para, 0), para->lines[0].cln_len))
            p->toc_started = 1;
        else
            unknown(p, &para->lines[i], "not a meta line or table of contents");
        i++;
    }
}
