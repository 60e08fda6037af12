/* libreferat internals: the parser context and the functions the library's
 * files share. Nothing here is public API.
 *
 * Pipeline (one concern per file; the stages run one way: input -> pages
 * -> lines -> paragraphs -> structure -> blocks -> events):
 *
 *   memory.c     the allocator hook, growable buffers
 *   input.c      raw bytes -> lines (CR, LF, CR LF; BOM; chunk carry; cuts)
 *   page.c       page furniture: running heads and footers out, page breaks joined
 *   line.c       each line decoded, collapsed, cleaned and classified, once
 *   decode.c     line bytes -> valid UTF-8 in NFC (cp1252 fallback, strict)
 *   unicode.c    utf8proc: NFC, case folding, character classes, validation
 *   text.c       collapsed text, comparisons without case
 *   clean.c      inline markup removal ("cleaned" text)
 *   match.c      SPEC §3's line recognizers (header, meta, TOC, lists, numbers)
 *   layout.c     the agenda systems' recognizers (labels, items, headings,
 *                dates, people, page numbers, line classes): tables of forms
 *   outcome.c    a decision's outcome, votes and participation (recognizers)
 *   paragraph.c  lines -> paragraphs (structural lines stand alone)
 *   structure.c  paragraphs -> meeting / item events, item candidates and heads
 *   head.c       meeting headers written as blocks of lines, attendance
 *   frontmatter.c meta lines and the table of contents
 *   section.c    sections, decisions, histories, sub-items, absences
 *   decision.c   a decision section's outcome, vote, participation events
 *   blocks.c     the block rules with one block of look-ahead
 *   block_build.c  building one block from paragraph lines (rule 0)
 *   table.c, list.c  tables and lists: build, merge, hand out
 *   block_emit.c   handing a finished block out as events
 *   emit.c       the event queue and its string arena (knows no block)
 *   parser.c     the public API
 *   file.c       referat_parse_file (stdio)
 *   names.c      names of enum values, the version
 *
 * All state lives in one referat_parser; there are no globals. Memory is
 * taken through the options' allocator. An allocation failure sets a sticky
 * flag (p->nomem); buffers keep their old, valid contents, and the public
 * API reports REFERAT_E_NO_MEMORY before handing out anything further.
 */
#ifndef REFERAT_INTERNAL_H
#define REFERAT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "referat/referat.h"


/* ---- memory ------------------------------------------------------------ */

typedef struct referat_parser rf_parser;

void *rf_alloc(rf_parser *p, size_t size);
void *rf_realloc(rf_parser *p, void *ptr, size_t size);
void rf_free(rf_parser *p, void *ptr);

/* Growable byte buffer; the rf_buf_* functions keep data NUL-terminated. */
typedef struct rf_buf {
    char *data;
    size_t size;
    size_t cap;
} rf_buf;

int rf_buf_reserve(rf_parser *p, rf_buf *b, size_t extra);
int rf_buf_append(rf_parser *p, rf_buf *b, const void *data, size_t size);
int rf_buf_putc(rf_parser *p, rf_buf *b, char c);
int rf_buf_put_cp(rf_parser *p, rf_buf *b, int32_t cp);
void rf_buf_clear(rf_buf *b);
void rf_buf_free(rf_parser *p, rf_buf *b);

/* Grows an array of elem-sized items so that it holds at least need. */
int rf_grow(rf_parser *p, void **array, size_t *cap, size_t need, size_t elem);

/* ---- input: raw lines --------------------------------------------------- */

typedef struct rf_raw_line {
    const unsigned char *data; /* content without the line end */
    size_t size;
    uint64_t start;            /* offset of data[0] */
    uint64_t end;              /* offset after the line end */
    uint64_t line;             /* 1-based line number */
    uint64_t line_start;       /* offset where the source line starts (columns) */
    int cut;                   /* part of a line cut at max_block_size */
    int cut_after;             /* this piece ends at a cut (more of the line follows) */
    int skip;                  /* page furniture: decode it (UTF-8 checks), then leave it out */
} rf_raw_line;

typedef struct rf_input {
    const unsigned char *chunk;
    size_t chunk_size;
    size_t chunk_pos;
    rf_buf carry;              /* an incomplete line copied from earlier chunks */
    size_t carry_pos;
    size_t carry_clean;        /* bytes after carry_pos known to hold no CR/LF */
    uint64_t scanned;          /* bytes searched for line ends (tests: linear work) */
    uint64_t offset;           /* offset of the next unread byte */
    uint64_t line;             /* number of the line being read */
    uint64_t line_start;
    int in_cut;                /* the current line was cut before */
    int finished;              /* referat_parser_finish() was called */
} rf_input;

/* 1: *out holds a line (valid until the next call); 0: need input; -1: end. */
int rf_input_next(rf_parser *p, rf_raw_line *out);


/* ---- page furniture (page.c) -------------------------------------------- */

typedef struct rf_held {
    size_t off, size;          /* the line's bytes in rf_page.text, form feeds off */
    uint64_t start, end, line, line_start;
    int cut, cut_after;
    int64_t page;              /* 0-based page index */
    uint64_t hash;             /* the text, numbers and spacing aside */
    unsigned char blank;       /* only white space */
    unsigned char state;       /* undecided, keep, drop */
    unsigned char break_before; /* hand out an empty line first */
    unsigned char furniture;   /* a running head or foot: handed out marked skip */
} rf_held;

typedef struct rf_page {
    rf_held *lines;
    size_t head, count, cap;   /* lines[head..count) are held */
    rf_buf text;
    int64_t page;              /* the newest page */
    size_t head_seen;          /* non-blank lines of the newest page */
    int head_done;             /* the newest page's head is complete */
    int have_ff;               /* a form feed was seen: pages exist */
    int finished;
    int open_break[2];         /* by page parity: the text before the break ends open */
    uint64_t prev_head[8], prev_tail[8];
    size_t n_prev_head, n_prev_tail;
} rf_page;

/* The next line without page furniture: 1 with *out (valid until the next
 * call), 0 need input, -1 end. */
int rf_page_next(rf_parser *p, rf_raw_line *out);
void rf_page_free(rf_parser *p);

/* ---- text --------------------------------------------------------------- */

/* Decodes one raw line into p->nfc (UTF-8, NFC). Returns 0 when the line was
 * valid UTF-8, 1 when it was decoded as Windows-1252, -1 on a strict error
 * (p->error set). */
int rf_decode_line(rf_parser *p, const rf_raw_line *line);

/* Appends s put in NFC to out (quick check first). */
int rf_nfc(rf_parser *p, const char *s, size_t n, rf_buf *out);
/* Appends the full case folding of s to out. */
int rf_casefold(rf_parser *p, const char *s, size_t n, rf_buf *out);
/* Appends s collapsed (soft hyphens removed, white space runs to one space,
 * trimmed). */
int rf_collapse(rf_parser *p, const char *s, size_t n, rf_buf *out);
/* Appends s cleaned of inline markup, collapsed and in NFC. */
int rf_clean(rf_parser *p, const char *s, size_t n, rf_buf *out);
/* rf_clean for text that is collapsed already (skips collapsing it again). */
int rf_clean_collapsed(rf_parser *p, const char *s, size_t n, rf_buf *out);

/* Decodes the code point at s[*i] (valid UTF-8 assumed) and advances *i. */
int32_t rf_next_cp(const char *s, size_t n, size_t *i);
/* Code point before s[*i], moving *i back to its start. */
int32_t rf_prev_cp(const char *s, size_t *i);
int rf_is_space_cp(int32_t cp);
int rf_is_upper_cp(int32_t cp);
int rf_is_lower_cp(int32_t cp);
int rf_is_letter_cp(int32_t cp);
size_t rf_count_cps(const char *s, size_t n);
int32_t rf_to_upper_cp(int32_t cp);
int32_t rf_to_lower_cp(int32_t cp);
/* 1 when s is valid UTF-8 without NUL; else 0 and *bad = first bad byte. */
int rf_utf8_valid_prefix(const unsigned char *s, size_t n, size_t *bad);

/* Folded equality of two texts. */
int rf_eq_fold2(rf_parser *p, const char *a, size_t an, const char *b, size_t bn);

/* ---- recognizers (match.c) ---------------------------------------------- */

typedef struct rf_slice {
    const char *s;
    size_t n;
} rf_slice;

typedef struct rf_header {
    int kind;                  /* 0 referat, 1 dagsorden */
    rf_slice body;
    char date[11];             /* ISO */
} rf_header;


typedef struct rf_listmark {
    size_t level;
    rf_slice label;            /* "-" points to static text */
    rf_slice text;             /* rest of the line after marker(s) */
} rf_listmark;

/* A heading of any layout (layout.c). */
typedef struct rf_heading_ex {
    referat_section_kind kind;
    rf_slice body;            /* decision: the body as written (genitive taken off) */
    int body_caps;            /* body written in capitals */
    char date[11];            /* decision date, "" when the heading has none */
    int history;              /* a decision of an earlier meeting (history entry line) */
    int form;                 /* index of the alternative that matched */
    size_t inline_at;         /* "Referat: text": offset of the text, else 0 */
} rf_heading_ex;

int rf_match_header(const char *s, size_t n, rf_header *out);
int rf_match_case(const char *s, size_t n);
int rf_match_absence(const char *s, size_t n, rf_slice *names);
int rf_match_toc_start(const char *s, size_t n);
/* Meta keyword at the start: 0 Mødedato, 1 Mødested, 2 Mødedeltagere, -1
 * none; *rest is the value part of the line. */
int rf_match_meta(const char *s, size_t n, rf_slice *rest);
/* List marker on an NFC line (leading spaces count for the level). */
int rf_match_list(const char *s, size_t n, rf_listmark *out);
/* Danish number: the whole text. */
int rf_match_number(const char *s, size_t n, double *value, int *is_integer);
int rf_is_pipe_line(const char *s, size_t n);
int rf_is_pipe_separator(const char *s, size_t n);
int rf_next_pipe_cell(const char *s, size_t n, size_t *pos, rf_slice *cell);
/* TOC line forms "Title..... N" (collapsed); title excludes the dots. */
int rf_match_toc_line(const char *s, size_t n, rf_slice *title, int64_t *page);
/* "D. month YYYY" anywhere; ISO into iso[11]. */
int rf_find_danish_date(const char *s, size_t n, char iso[11]);
/* "kl. H:MM" / "kl. H.MM" anywhere; "HH:MM" into hm[6]. */
int rf_find_time(const char *s, size_t n, char hm[6]);
int rf_parse_int(const char *s, size_t n, int64_t *out);
/* Iterates the names of a participants or absence text (see match.c). */
int rf_next_name(const char *s, size_t n, size_t *pos, rf_slice *name, rf_slice *note);

/* ---- paragraphs ---------------------------------------------------------- */

/* What a line is, decided once when it is read (paragraph.c) and kept. */
typedef enum rf_line_class {
    RF_LINE_TEXT = 0,
    RF_LINE_HEADER,            /* "REFERAT Body d. DD-MM-YYYY" (stands alone) */
    RF_LINE_PUNKT,             /* "Punkt N: Title" (stands alone) */
    RF_LINE_HEADING,           /* a section or decision heading (stands alone) */
    RF_LINE_TOC_START,         /* "Indholdsfortegnelse" (stands alone) */
    RF_LINE_SUBITEM,           /* "1.1 Title" (stands alone) */
    RF_LINE_ENUM_ALONE,        /* "3", "3.", "a." alone (stands alone unless a
                                  list of such numbers goes on) */
    RF_LINE_INLINE_HEADING,    /* "Referat: text" (starts a paragraph) */
    RF_LINE_HISTORY            /* "Udvalg: X" of a decision history entry
                                  (starts a paragraph) */
} rf_line_class;

typedef struct rf_line {
    size_t nfc_off, nfc_len;   /* decoded NFC text in para.text */
    size_t col_off, col_len;   /* collapsed */
    size_t cln_off, cln_len;   /* cleaned */
    uint64_t line;
    uint64_t start, end;
    int has_tab;
    rf_line_class cls;
} rf_line;

typedef struct rf_para {
    rf_buf text;
    rf_line *lines;
    size_t count;
    size_t cap;
    size_t raw_size;           /* raw bytes with line ends (block size) */
    int structural;            /* its one line stands alone (a structural class) */
    uint64_t blank_before;     /* blank lines between it and the paragraph before */
} rf_para;

#define RF_NFC(para, i) ((para)->text.data + (para)->lines[i].nfc_off)
#define RF_COL(para, i) ((para)->text.data + (para)->lines[i].col_off)
#define RF_CLN(para, i) ((para)->text.data + (para)->lines[i].cln_off)

/* line.c: decodes a raw line into p->nfc and collapses it into p->col
 * (invalid-utf8 diagnostic, or -1 on a strict error); then stores it in a
 * paragraph with its cleaned text and its class. */
int rf_line_read(rf_parser *p, const rf_raw_line *raw);
void rf_line_store(rf_parser *p, rf_para *para, const rf_raw_line *raw);

/* Reads one line into the paragraph builder; may complete a paragraph and
 * pass it to rf_structure_paragraph(). 0 ok, -1 error. */
int rf_paragraph_line(rf_parser *p, const rf_raw_line *raw);
/* End of input: passes the last paragraph on. */
int rf_paragraph_finish(rf_parser *p);

/* ---- structure, front matter, blocks ------------------------------------ */

/* A person of an attendance list, kept until the meeting starts (head.c). */
typedef struct rf_person_ref {
    size_t name_off, name_len, party_off, party_len, role_off, role_len; /* in text */
    size_t note_off, note_len;
    int absent;
    uint64_t line, start, end;
} rf_person_ref;

/* A meeting header written as a block of lines (head.c): the meeting event
 * waits until the first item, the table of contents or a limit. */
typedef struct rf_head {
    int active;               /* lines are being read into it */
    int kind_seen, kind;
    char date[11], time[6], end_time[6];
    rf_buf body, location, weekday;
    int body_label, location_label, date_label; /* set by a label: guesses stop */
    int after_kind;           /* the next name-like line is the body */
    int in_location;          /* lines after the date line are the location */
    int queue[8];             /* labels alone, waiting for their values */
    size_t queued;
    int people;               /* names follow: an rf_label_key, 0 none */
    const char *layout;
    size_t paragraphs;
    uint64_t line, start, end, end_line;
    rf_buf text;              /* the people's names */
    rf_person_ref *list;
    size_t n_list, cap_list;
    size_t lines;             /* lines read */
    size_t lead_off, lead_len; /* a first line like a name, in text (kindless headers) */
} rf_head;

/* A one-line paragraph that may start an item or sub-item: the next
 * paragraph decides (structure.c). */
typedef struct rf_cand {
    int kind;                 /* 0 none, 1 "N" alone, 2 "N Title", 3 "a." */
    int64_t number;
    char letter;
    rf_para para;             /* its copy, handled as usual when it is not one */
    rf_para title;            /* "N" alone: its title paragraph, when the
                                 paragraph after that decides */
    int has_title;
} rf_cand;

void rf_head_begin(rf_parser *p, const rf_line *l);
/* 1: the paragraph was read into the header; 0: the header is over. */
int rf_head_paragraph(rf_parser *p, rf_para *para);
/* The header is complete: meeting_start and the participants, when it
 * named a kind (returns 1); else text-before-meeting (returns 0). */
int rf_head_commit(rf_parser *p);
void rf_head_free(rf_parser *p);

/* decision.c: a decision section's outcome, votes and participation */
void rf_decision_begin(rf_parser *p);
void rf_decision_text(rf_parser *p, const rf_para *para);
void rf_decision_end(rf_parser *p);
void rf_decision_free(rf_parser *p);

/* section.c */
void rf_section_open(rf_parser *p, const rf_heading_ex *h, const rf_line *l, const char *text,
                     size_t n);
void rf_section_close(rf_parser *p);
void rf_section_content(rf_parser *p, rf_para *para);
int rf_section_history_entry(rf_parser *p, rf_para *para);
void rf_subitem_open(rf_parser *p, const rf_line *l, const char *label, size_t ln,
                     const char *title, size_t tn);
void rf_subitem_close(rf_parser *p);

int rf_structure_paragraph(rf_parser *p, rf_para *para);
int rf_structure_finish(rf_parser *p);
void rf_structure_free(rf_parser *p);

void rf_front_paragraph(rf_parser *p, rf_para *para);
void rf_front_reset(rf_parser *p);
/* The front matter ends: a meta word still waiting for its value gets none. */
void rf_front_flush(rf_parser *p);

void rf_blocks_attachments(rf_parser *p, rf_para *para);
void rf_blocks_add(rf_parser *p, rf_para *para);
void rf_blocks_flush(rf_parser *p);
/* An absence name: emitted after the blocks still held back. */
void rf_blocks_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                       uint64_t start, uint64_t end);
void rf_blocks_free(rf_parser *p);

/* ---- events (emit.c) ----------------------------------------------------- */

typedef struct rf_block rf_block;  /* block.h: the blocks' own state */

/* What makes the events of a deferred queue entry, one per call: make
 * fills *ev with event number *index (and advances it), 0 when there are no
 * more; done releases ctx (also when the parser is freed before the end).
 * The queue knows nothing else of what it holds. */
typedef struct rf_deferred_ops {
    int (*make)(rf_parser *p, void *ctx, size_t *index, referat_event *ev);
    void (*done)(rf_parser *p, void *ctx);
} rf_deferred_ops;

/* A queued event, or a deferred entry that makes its events lazily. */
typedef struct rf_qentry {
    referat_event ev;
    void *deferred;
    const rf_deferred_ops *ops;
    size_t next_index;
} rf_qentry;

referat_event *rf_emit(rf_parser *p, referat_event_type type, uint64_t start,
                       uint64_t end, uint64_t line, uint64_t end_line);
/* An event closing what started at start / line (section_end, item_end,
 * ...): its span runs to the end of what was read, or is empty. */
referat_event *rf_emit_closing(rf_parser *p, referat_event_type type, uint64_t start,
                               uint64_t line);
/* Queues ctx, whose events ops->make makes one per call of
 * referat_parser_next (a list or table: block_emit.c); the queue owns ctx. */
void rf_emit_deferred(rf_parser *p, void *ctx, const rf_deferred_ops *ops,
                      const referat_span *span);
referat_string rf_str(rf_parser *p, const char *s, size_t n);
referat_string rf_cstr(rf_parser *p, const char *s);
void *rf_arena_alloc(rf_parser *p, size_t size);
void rf_diag(rf_parser *p, referat_diagnostic_code code, uint64_t line,
             uint64_t start, uint64_t end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* rf_diag for a span over several lines (end_line: the line of its last byte). */
void rf_diag_lines(rf_parser *p, referat_diagnostic_code code, uint64_t line, uint64_t end_line,
                   uint64_t start, uint64_t end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* Counts one entry of a bounded list (TOC entries, participants,
 * attachments, absences): 1 when it may be reported, 0 past
 * max_list_entries (the first time with a limit-reached diagnostic). */
int rf_list_entry(rf_parser *p, size_t *count, const char *what, uint64_t line,
                  uint64_t end_line, uint64_t start, uint64_t end);
void rf_queue_reset(rf_parser *p);
void rf_queue_free(rf_parser *p);
/* Hands out the event at the head of the queue (making it from a deferred
 * block when it is one): 1 with *ev set, 0 when the queue is empty. */
int rf_queue_pop(rf_parser *p, const referat_event **ev);
void rf_set_error(rf_parser *p, referat_error_code code, const char *message,
                  uint64_t offset, uint64_t line, uint64_t column);

/* ---- parser.c helpers for the convenience functions ----------------------- */

/* Hands every event to fn until the parser wants input, ends or stops (a
 * non-zero return of fn stops it with REFERAT_E_ABORTED). */
referat_status rf_drain(referat_parser *p, referat_event_fn fn, void *user);
/* Copies p's error (out of memory when p is NULL or has none). */
void rf_copy_error(const referat_parser *p, referat_error *error_out);

/* ---- the context --------------------------------------------------------- */

typedef struct rf_arena_block {
    struct rf_arena_block *next;
    size_t used;
    size_t cap;
    /* data follows, 16-byte aligned */
} rf_arena_block;

/* A TOC title line without leader dots among dotted ones (rule
 * toc-cut-title): waiting to be settled, or settled as its own entry whose
 * title the agenda system cut short. */
enum { RF_TOC_CUT = 1, RF_TOC_SHORT = 2 };

typedef struct rf_toc_entry {
    size_t title_off, title_len;   /* cleaned title in toc_text */
    int64_t page;
    uint64_t line, end_line, start, end; /* its lines in the input */
    int cut;                       /* RF_TOC_CUT, RF_TOC_SHORT or 0 (frontmatter.c) */
    int64_t column;                /* the page column's number at this place */
} rf_toc_entry;


enum rf_doc_state {
    RF_BEFORE_MEETING,
    RF_FRONT,           /* between the header line and the first item */
    RF_AWAIT_CASE,      /* an item line was read: its head (case number ...) follows */
    RF_HEAD,            /* a header block of lines is being read (head.c) */
    RF_IN_ITEM
};

struct referat_parser {
    referat_options opt;
    referat_error error;
    int failed;          /* error set: every call returns REFERAT_ERROR */
    int nomem;           /* sticky allocation failure */
    int done;            /* all input processed and flushed */

    rf_input in;
    rf_page page;        /* page furniture (page.c) */
    rf_buf nfc;          /* the current line, decoded */
    rf_buf col;          /* the current line, collapsed */
    rf_buf scratch;      /* short-lived work space (cleaning, folding) */
    rf_buf scratch2;
    rf_buf title_tmp;    /* a title or heading being put together (structure.c,
                            section.c): scratch2 may be used before it is copied */
    int32_t *ucs;        /* utf8proc work space */
    size_t ucs_cap;

    rf_para para;        /* the paragraph being built */
    uint64_t blank_run;  /* blank lines since the last paragraph */
    int prev_enum;       /* the line before was an enumerator alone: its form */

    /* the event queue and the arena its strings live in; an event made from
     * a deferred block lives in current, its strings in expand_arena */
    rf_qentry *queue;
    size_t q_head, q_count, q_cap;
    rf_arena_block *arena;
    rf_arena_block *expand_arena;
    rf_arena_block **arena_in_use;
    referat_event current;

    /* document state (structure.c) */
    enum rf_doc_state state;
    int text_before_reported;
    uint64_t meeting_line, meeting_start, meeting_end, meeting_end_line;
    char meeting_date[11];
    int meta_seen[3];
    int toc_started;
    rf_toc_entry *toc;
    size_t toc_count, toc_cap;
    size_t toc_emitted;            /* entries handed out: the rest wait for a page column */
    size_t toc_rows, toc_row_at;   /* page column numbers read; where the next goes */
    int toc_rows_bad;              /* more numbers than waiting entries */
    rf_buf toc_text;
    size_t item_count;   /* items of this meeting */
    int64_t last_number;

    /* limits (referat_options): counts in their scopes */
    size_t n_diags;          /* of the stream */
    size_t n_toc, n_people;  /* of the meeting */
    size_t n_attach, n_absent; /* of the item */

    rf_head head;            /* a header block being read (head.c) */
    rf_cand cand;            /* a possible item start (structure.c) */
    int replaying;           /* the candidate is being handled as usual */
    rf_buf meeting_body;     /* for decisions whose heading names none */
    int implicit;            /* the meeting's header was a block of lines */
    int punkt_items;         /* the meeting's items are "Punkt N:" lines */
    int pending_meta;        /* a meta word alone: its value is the next paragraph (+1) */
    uint64_t pending_meta_line, pending_meta_start, pending_meta_end;

    /* the current item */
    rf_buf item_case;        /* its case number, once found in its head */
    int item_closed;
    int item_queue[8];       /* labels alone in the item head, waiting for values */
    size_t item_queued;
    int title_open;          /* the next adjacent paragraph may end the title */
    int in_subitem;
    uint64_t subitem_line, subitem_start;
    char last_letter;        /* the last "a." sub-item */
    int section_history;     /* the open decision section is an earlier meeting's */
    size_t section_paras;    /* content paragraphs in the open section */
    int in_decision;         /* a decision section's text is being kept */
    rf_buf dec_text;         /* its paragraphs (decision.c) */
    rf_buf dec_lines;        /* its lines, one a line */
    struct rf_outcome_tables *otabs; /* outcome.c's phrase tables, split once */
    int pending_decision;    /* a decision heading waits for its first block */
    rf_heading_ex pending_h;
    rf_buf pending_text;     /* its heading text, then its body */
    size_t pending_body_off;
    uint64_t pending_line, pending_start, pending_end;
    int64_t item_number;
    rf_buf item_title;       /* cleaned */
    uint64_t item_line, item_start, item_punkt_end;
    int has_section;         /* a section is open */
    referat_section_kind section_kind;
    int non_attachment_seen; /* a section other than attachments was made */
    uint64_t section_line, section_start;
    uint64_t last_end, last_end_line; /* end of the last paragraph handled */

    /* blocks.c: the look-ahead slots */
    rf_block *blk_a;         /* decided except for its heading status */
    rf_block *blk_b;         /* may still grow */
    rf_block *blk_spare;
};

#endif /* REFERAT_INTERNAL_H */
