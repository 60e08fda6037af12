/* libreferat internals: the parser context and the functions the library's
 * files share. Nothing here is public API.
 *
 * Pipeline (one concern per file):
 *
 *   memory.c     the allocator hook, growable buffers
 *   input.c      raw bytes -> lines (CR, LF, CR LF; BOM; chunk carry; cuts)
 *   decode.c     line bytes -> valid UTF-8 in NFC (cp1252 fallback, strict)
 *   unicode.c    utf8proc: NFC, case folding, character classes, validation
 *   text.c       collapsed text, comparisons without case
 *   clean.c      inline markup removal ("cleaned" text)
 *   match.c      line recognizers (header, Punkt, headings, lists, numbers)
 *   paragraph.c  lines -> paragraphs (structural lines stand alone)
 *   structure.c  paragraphs -> meeting / item / section events
 *   frontmatter.c meta lines, participants, table of contents
 *   blocks.c     the block rules with one block of look-ahead
 *   block_build.c  building one block from paragraph lines (rule 0)
 *   block_emit.c   handing a finished block out as events
 *   emit.c       the event queue and its string arena
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

/* Case-insensitive equality of s with an already folded ASCII-or-UTF-8 key. */
int rf_eq_fold(rf_parser *p, const char *s, size_t n, const char *folded_key);
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

typedef struct rf_heading {
    referat_section_kind kind;
    rf_slice body;             /* decision */
    int body_caps;             /* heading written all in capitals */
    char date[11];
} rf_heading;

typedef struct rf_listmark {
    size_t level;
    rf_slice label;            /* "-" points to static text */
    rf_slice text;             /* rest of the line after marker(s) */
} rf_listmark;

int rf_match_header(rf_parser *p, const char *s, size_t n, rf_header *out);
int rf_match_punkt(rf_parser *p, const char *s, size_t n, int64_t *number, rf_slice *title);
int rf_match_heading(rf_parser *p, const char *s, size_t n, rf_heading *out);
int rf_match_case(const char *s, size_t n);
int rf_match_absence(rf_parser *p, const char *s, size_t n, rf_slice *names);
int rf_match_toc_start(rf_parser *p, const char *s, size_t n);
/* Meta keyword at the start: 0 Mødedato, 1 Mødested, 2 Mødedeltagere, -1
 * none; *rest is the value part of the line. */
int rf_match_meta(rf_parser *p, const char *s, size_t n, rf_slice *rest);
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

typedef struct rf_line {
    size_t nfc_off, nfc_len;   /* decoded NFC text in para.text */
    size_t col_off, col_len;   /* collapsed */
    size_t cln_off, cln_len;   /* cleaned */
    uint64_t line;
    uint64_t start, end;
    int has_tab;
} rf_line;

typedef struct rf_para {
    rf_buf text;
    rf_line *lines;
    size_t count;
    size_t cap;
    size_t raw_size;           /* raw bytes with line ends (block size) */
    int structural;            /* a header, Punkt or heading line */
} rf_para;

#define RF_NFC(para, i) ((para)->text.data + (para)->lines[i].nfc_off)
#define RF_COL(para, i) ((para)->text.data + (para)->lines[i].col_off)
#define RF_CLN(para, i) ((para)->text.data + (para)->lines[i].cln_off)

/* Reads one line into the paragraph builder; may complete a paragraph and
 * pass it to rf_structure_paragraph(). 0 ok, -1 error. */
int rf_paragraph_line(rf_parser *p, const rf_raw_line *raw);
/* End of input: passes the last paragraph on. */
int rf_paragraph_finish(rf_parser *p);

/* ---- structure, front matter, blocks ------------------------------------ */

int rf_structure_paragraph(rf_parser *p, rf_para *para);
int rf_structure_finish(rf_parser *p);

void rf_front_paragraph(rf_parser *p, rf_para *para);
void rf_front_reset(rf_parser *p);

void rf_blocks_attachments(rf_parser *p, rf_para *para);
void rf_blocks_add(rf_parser *p, rf_para *para);
void rf_blocks_flush(rf_parser *p);
/* An absence name: emitted after the blocks still held back. */
void rf_blocks_absence(rf_parser *p, const char *name, size_t n, uint64_t line,
                       uint64_t start, uint64_t end);
void rf_blocks_free(rf_parser *p);

/* ---- events (emit.c) ----------------------------------------------------- */

typedef struct rf_block rf_block;  /* block.h */

/* A queued event, or a deferred list/table that makes its events lazily. */
typedef struct rf_qentry {
    referat_event ev;
    rf_block *deferred;
    size_t next_index;
} rf_qentry;

referat_event *rf_emit(rf_parser *p, referat_event_type type, uint64_t start,
                       uint64_t end, uint64_t line, uint64_t end_line);
/* Queues a list or table whose items or rows are made one per call of
 * referat_parser_next (see block_emit.c); the queue owns the block. */
void rf_emit_deferred(rf_parser *p, rf_block *b);
referat_string rf_str(rf_parser *p, const char *s, size_t n);
referat_string rf_cstr(rf_parser *p, const char *s);
void *rf_arena_alloc(rf_parser *p, size_t size);
void rf_diag(rf_parser *p, referat_diagnostic_code code, uint64_t line,
             uint64_t start, uint64_t end, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
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

typedef struct rf_toc_entry {
    size_t title_off, title_len;   /* cleaned title in toc_text */
    int64_t page;
} rf_toc_entry;


enum rf_doc_state {
    RF_BEFORE_MEETING,
    RF_FRONT,           /* between the header line and the first item */
    RF_AWAIT_CASE,      /* a Punkt line was read; its case number may follow */
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
    int32_t *ucs;        /* utf8proc work space */
    size_t ucs_cap;

    rf_para para;        /* the paragraph being built */

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
    uint64_t meeting_line, meeting_start, meeting_end;
    char meeting_date[11];
    int meta_seen[3];
    int toc_started;
    rf_toc_entry *toc;
    size_t toc_count, toc_cap;
    rf_buf toc_text;
    size_t item_count;   /* items of this meeting */
    int64_t last_number;

    /* the current item */
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
