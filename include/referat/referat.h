/**
 * @file referat.h
 * @brief libreferat: a streaming parser for Danish municipal meeting minutes.
 *
 * libreferat reads the plain-text exports of minutes ("referater") and
 * agendas ("dagsordener") and hands out parse events: a meeting, its meta
 * lines, participants, table-of-contents entries, items, sections and the
 * blocks inside them (paragraphs, headings, lists, tables, attachments),
 * plus diagnostics for recoverable damage. The format and the document
 * model are described in docs/FORMAT.md.
 *
 * Usage (pull):
 *
 * @code
 *   referat_parser *p = referat_parser_new(NULL);
 *   const referat_event *ev;
 *   referat_status st;
 *   referat_parser_feed(p, chunk, chunk_size);      // repeat per chunk
 *   while ((st = referat_parser_next(p, &ev)) == REFERAT_OK) { ... }
 *   // st == REFERAT_NEED_INPUT: feed the next chunk, or referat_parser_finish()
 *   // st == REFERAT_END: done;  st == REFERAT_ERROR: see referat_parser_error()
 *   referat_parser_free(p);
 * @endcode
 *
 * Threads: a parser is used by one thread at a time; different parsers are
 * fully independent (the library has no global state).
 *
 * Strings: every string handed out is a ::referat_string view (pointer and
 * size, not NUL-terminated), valid UTF-8 in NFC, pointing into the parser's
 * own buffers. It stays valid until the next call to referat_parser_next(),
 * referat_parser_feed(), referat_parser_finish() or referat_parser_free()
 * on the same parser.
 *
 * Stability (see README, "Versioning and ABI"): enums are append-only; new
 * event fields are added at the end of ::referat_event (which callers never
 * allocate); ::referat_options starts with its size, set by
 * referat_options_init(), so a program built against an older, smaller
 * options struct keeps working with a newer library. Frozen (never
 * changed, because callers allocate them or get them in arrays):
 * ::referat_string, ::referat_span, ::referat_cell, ::referat_error. Every
 * declaration added after 0.1 says "Added in 0.x". An incompatible change
 * bumps the SONAME (libreferat.so.1 since 0.2).
 */
#ifndef REFERAT_H
#define REFERAT_H

#include <stddef.h>
#include <stdint.h>

#include "referat/export.h"
#include "referat/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version as "MAJOR.MINOR.PATCH" (of the linked library,
 *  which may differ from REFERAT_VERSION_STRING of the header). */
REFERAT_API const char *referat_version(void);

/** The linked library's version as REFERAT_VERSION_NUMBER would give it. */
REFERAT_API unsigned referat_version_number(void);

/** A view of UTF-8 text. data is NULL (and size 0) when the field has no
 *  value (JSON null); an empty but present text has a non-NULL data. */
typedef struct referat_string {
    const char *data; /**< first byte (not NUL-terminated), NULL for no value */
    size_t size;      /**< length in bytes */
} referat_string;

/** Status returned by the parser functions. */
typedef enum referat_status {
    REFERAT_OK = 0,          /**< an event was handed out / the call worked */
    REFERAT_NEED_INPUT = 1,  /**< feed more input or call referat_parser_finish() */
    REFERAT_END = 2,         /**< the input is finished and every event handed out */
    REFERAT_ERROR = -1       /**< the parse stopped; see referat_parser_error() */
} referat_status;

/** Error codes (append-only). */
typedef enum referat_error_code {
    REFERAT_E_NONE = 0,
    REFERAT_E_INVALID_UTF8 = 1,   /**< strict mode: input is not valid UTF-8 (or holds NUL) */
    REFERAT_E_NO_MEMORY = 2,      /**< the allocator failed */
    REFERAT_E_TOO_LARGE = 3,      /**< a block exceeded max_block_size and fail_on_limit is set */
    REFERAT_E_MISUSE = 4,         /**< the API was called out of order (see each function) */
    REFERAT_E_IO = 5,             /**< a file could not be opened or read (referat_parse_file) */
    REFERAT_E_ABORTED = 6         /**< a callback returned non-zero */
} referat_error_code;

/** Where and why a parse stopped. */
typedef struct referat_error {
    referat_error_code code; /**< what went wrong */
    const char *message;   /**< NUL-terminated, owned by the parser */
    uint64_t offset;       /**< 0-based byte offset into the raw input */
    uint64_t line;         /**< 1-based line */
    uint64_t column;       /**< 1-based byte column in that line (0 when unknown) */
} referat_error;

/** Event types, in the order SPEC §4.2 lists them (append-only). */
typedef enum referat_event_type {
    REFERAT_EV_NONE = 0,
    REFERAT_EV_MEETING_START,  /**< kind, meeting_kind, body, date; weekday, time, end_time,
                                    location (a header block), layout */
    REFERAT_EV_META,           /**< name, meta, value; a date also weekday, time, date */
    REFERAT_EV_PARTICIPANT,    /**< name, note, party, role, absent */
    REFERAT_EV_TOC_ENTRY,      /**< title, page (-1: none) */
    REFERAT_EV_ITEM_START,     /**< number, title, toc_title, page, case_number, closed */
    REFERAT_EV_ABSENCE,        /**< name */
    REFERAT_EV_SECTION_START,  /**< section, kind, heading, body, date (decisions) */
    REFERAT_EV_PARAGRAPH,      /**< text */
    REFERAT_EV_HEADING,        /**< text */
    REFERAT_EV_ATTACHMENT,     /**< name */
    REFERAT_EV_LIST_START,
    REFERAT_EV_LIST_ITEM,      /**< label, level, text */
    REFERAT_EV_LIST_END,
    REFERAT_EV_TABLE_START,    /**< columns */
    REFERAT_EV_TABLE_ROW,      /**< cells, cell_count, header */
    REFERAT_EV_TABLE_END,
    REFERAT_EV_SECTION_END,
    REFERAT_EV_ITEM_END,
    REFERAT_EV_MEETING_END,
    REFERAT_EV_DIAGNOSTIC,     /**< diagnostic, code, severity, message */
    /** A sub-item inside an item ("1.1 Status", "a." + title): label,
     *  title. Its sections follow until its REFERAT_EV_SUBITEM_END.
     *  Added in 0.2. */
    REFERAT_EV_SUBITEM_START,
    REFERAT_EV_SUBITEM_END,    /**< Added in 0.2. */
    /** What a decision section decided, at its end (before its
     *  section_end): outcome (and kind, its name), text (the phrase it was
     *  read from, NULL when unknown), reason, point (0: the whole decision;
     *  N: indstillingspunkt N, one event each after the whole). Added in 0.2. */
    REFERAT_EV_OUTCOME,
    /** A decision's votes: votes_for, votes_against, votes_abstain,
     *  votes_total (-1 when not stated), unanimous, and for_names,
     *  against_names, abstain_names as written. Added in 0.2. */
    REFERAT_EV_VOTE,
    /** Who took part how in a decision, one person an event:
     *  participation (and kind, its name), name, text (the phrase). Added
     *  in 0.2. */
    REFERAT_EV_PARTICIPATION
} referat_event_type;

/** The kind of a meeting document (REFERAT_EV_MEETING_START). Added in 0.2. */
typedef enum referat_meeting_kind {
    REFERAT_MEETING_REFERAT = 0, /**< minutes: "Referat", "Beslutningsprotokol" */
    REFERAT_MEETING_DAGSORDEN    /**< an agenda: "Dagsorden" */
} referat_meeting_kind;

/** The outcome of a decision (REFERAT_EV_OUTCOME). Added in 0.2. */
typedef enum referat_outcome {
    REFERAT_OUTCOME_UNKNOWN = 0, /**< no recognised phrase (see reason) */
    REFERAT_OUTCOME_APPROVED,    /**< Godkendt, Vedtaget, Indstillingen tiltrådt */
    REFERAT_OUTCOME_RECOMMENDED, /**< Anbefales, Indstilles til godkendelse (to a higher body) */
    REFERAT_OUTCOME_NOTED,       /**< Taget til efterretning */
    REFERAT_OUTCOME_DISCUSSED,   /**< Drøftet */
    REFERAT_OUTCOME_POSTPONED,   /**< Udsat */
    REFERAT_OUTCOME_REFERRED,    /**< Oversendt, Fremsendes til X, Tilbagesendes */
    REFERAT_OUTCOME_REJECTED,    /**< Forkastet, Ikke godkendt */
    REFERAT_OUTCOME_NOT_TREATED, /**< Sagen blev ikke behandlet */
    REFERAT_OUTCOME_MIXED        /**< points with different outcomes */
} referat_outcome;

/** How a person took part in a decision (REFERAT_EV_PARTICIPATION).
 *  Added in 0.2. */
typedef enum referat_participation {
    REFERAT_PARTICIPATION_NONE = 0,
    REFERAT_PARTICIPATION_RECUSAL, /**< inhabil, deltog ikke i behandlingen */
    REFERAT_PARTICIPATION_DISSENT, /**< stemte imod, tog forbehold, kunne ikke tiltræde */
    REFERAT_PARTICIPATION_ASSENT,  /**< named as for: kunne tiltræde, stemte for */
    REFERAT_PARTICIPATION_ABSTAIN, /**< undlod at stemme */
    REFERAT_PARTICIPATION_GUEST,   /**< deltog under punktet */
    REFERAT_PARTICIPATION_ABSENT   /**< Afbud, var forhindret i at deltage */
} referat_participation;

/** Meta keys: what a meta event's value is about, whatever the label
 *  word the document used ("Mødedato", "Dato", "Tid", "Sted" ...). Added in
 *  0.2 (append-only). */
typedef enum referat_meta_key {
    REFERAT_META_OTHER = 0,    /**< a label the parser knows but keeps as text */
    REFERAT_META_DATE,         /**< meeting date; also weekday and time */
    REFERAT_META_TIME,         /**< start time (time), maybe end time (end_time) */
    REFERAT_META_END_TIME,     /**< end time (end_time) */
    REFERAT_META_LOCATION,     /**< location (text) */
    REFERAT_META_PARTICIPANTS, /**< the participants line (participant events follow) */
    REFERAT_META_BODY          /**< the meeting's body (body) */
} referat_meta_key;

/** Section kinds (append-only). */
typedef enum referat_section_kind {
    REFERAT_SECTION_PREAMBLE = 0,
    REFERAT_SECTION_BACKGROUND,
    REFERAT_SECTION_RECOMMENDATION,
    REFERAT_SECTION_PRESENTATION,
    REFERAT_SECTION_ATTACHMENTS,
    REFERAT_SECTION_FINANCE,
    REFERAT_SECTION_DECISION,
    REFERAT_SECTION_SUMMARY,   /**< Resumé, Sammendrag (added in 0.2) */
    REFERAT_SECTION_HISTORY,   /**< Sagsforløb, Tidligere behandling (added in 0.2) */
    REFERAT_SECTION_OTHER      /**< a known heading of no kind above (added in 0.2) */
} referat_section_kind;

/** Diagnostic codes (append-only; all have severity "warning"). */
typedef enum referat_diagnostic_code {
    REFERAT_DIAG_INVALID_UTF8 = 0,
    REFERAT_DIAG_DATE_MISMATCH,
    REFERAT_DIAG_MISSING_CASE_NUMBER,
    REFERAT_DIAG_TOC_TITLE_MISMATCH,
    REFERAT_DIAG_TOC_COUNT_MISMATCH,
    REFERAT_DIAG_ITEM_NUMBER_ORDER,
    REFERAT_DIAG_BLOCK_TOO_LARGE,
    REFERAT_DIAG_TEXT_BEFORE_MEETING,
    REFERAT_DIAG_UNKNOWN_FRONT_MATTER,
    /** A limit of referat_options was reached: what went beyond it is not
     *  reported (the message says which limit). Added in 0.2. */
    REFERAT_DIAG_LIMIT_REACHED,
    /** A decision's vote counts do not add up with the stated total, the
     *  number of members, or say unanimous with votes against. Added in 0.2. */
    REFERAT_DIAG_VOTE_COUNT_MISMATCH
} referat_diagnostic_code;

/** Source span: the raw bytes [start_offset, end_offset) of the input
 *  (line ends included) and the lines they cover (1-based, inclusive). */
typedef struct referat_span {
    uint64_t start_offset; /**< offset of the first byte */
    uint64_t end_offset;   /**< offset after the last byte */
    uint64_t start_line;   /**< first line (1-based) */
    uint64_t end_line;     /**< last line */
} referat_span;

/** A table cell. has_value is 1 when the whole cell is a Danish number
 *  ("608.192", "71,9", "-0,0"); value_is_integer is 1 when it had no
 *  decimal part. */
typedef struct referat_cell {
    referat_string text;  /**< the cell, cleaned of markup */
    double value;         /**< the number, when has_value */
    int has_value;        /**< the whole cell is a number */
    int value_is_integer; /**< the number had no decimal part */
} referat_cell;

/**
 * One parse event. Which fields are set depends on the type (listed with
 * ::referat_event_type); the others are zero / NULL views. The event and
 * everything it points to is owned by the parser and valid until the next
 * call on it (see the file comment). Fields are only ever added at the end.
 */
typedef struct referat_event {
    referat_event_type type; /**< what happened */
    referat_span span;       /**< where, in the raw input */

    /** The name of what the event is a kind of: meeting ("referat",
     *  "dagsorden"), section ("background", "decision", ...), outcome
     *  ("approved", ...), participation ("dissent", ...). */
    referat_string kind;
    /** Paragraph, heading or list item text; an outcome's or participation's
     *  phrase. */
    referat_string text;
    /** Meta name ("Mødedato", "Mødested", "Mødedeltagere"); participant,
     *  absence or attachment name. */
    referat_string name;
    /** Participant note (without parentheses), NULL when none. */
    referat_string note;
    /** TOC entry or item title. */
    referat_string title;
    /** Item: the title of its TOC entry, NULL when none. */
    referat_string toc_title;
    /** Item: case number ("22/23184"), NULL when missing. */
    referat_string case_number;
    /** Section heading as written (collapsed); "" for a preamble. */
    referat_string heading;
    /** Meeting body; decision section body. */
    referat_string body;
    /** ISO date: meeting (header), decision section, Mødedato meta. */
    referat_string date;
    /** Mødedato meta: first word ("Mandag"), NULL when none. */
    referat_string weekday;
    /** Mødedato meta: "HH:MM", NULL when none. */
    referat_string time;
    /** List item label ("-", "1.", "a)"). */
    referat_string label;
    /** Diagnostic severity ("warning"). */
    referat_string severity;

    /** Item: its number. */
    int64_t number;
    /** Item: page of its TOC entry; TOC entry: its page; -1 when none. */
    int64_t page;
    /** Item: closed ("Lukket"). */
    int closed;
    /** Participant: note is "Afbud". */
    int absent;
    /** Table row: is a header row. */
    int header;
    /** Table row cells. */
    const referat_cell *cells;
    /** Table row: number of cells. */
    size_t cell_count;
    /** Section start: the kind as an enum. */
    referat_section_kind section;
    /** Diagnostic: the code as an enum. */
    referat_diagnostic_code diagnostic;

    /* ---- added in 0.2 ---- */
    /** Participant: party letters ("A" of "(A)"), NULL when none. */
    referat_string party;
    /** Participant: role ("formand", "Suppleant for X"), NULL when none. */
    referat_string role;
    /** Meeting start, meta: end time "HH:MM", NULL when none. */
    referat_string end_time;
    /** Meeting start, meta: the location, NULL when none. */
    referat_string location;
    /** Meeting start: the layout family whose rules read the header
     *  ("header-line", "header-block", "kind-date-line"). */
    referat_string layout;
    /** Meta: what the value is about. */
    referat_meta_key meta;
    /** Decision section: a decision of an earlier meeting printed in the
     *  item (a decision history entry); 0 for this meeting's decision. */
    int history;
    /** Outcome: what was decided. */
    referat_outcome outcome;
    /** Outcome: why it was read so ("strongest phrase", "no recognised
     *  phrase", "points differ" ...). */
    referat_string reason;
    /** Outcome: the indstillingspunkt it is about; 0 for the decision. */
    int64_t point;
    /** Vote: votes for, -1 when the document does not state it. */
    int64_t votes_for;
    /** Vote: votes against, -1 when not stated. */
    int64_t votes_against;
    /** Vote: abstentions, -1 when not stated. */
    int64_t votes_abstain;
    /** Vote: votes cast as stated ("25 afgivne stemmer"), -1 when not. */
    int64_t votes_total;
    /** Vote: "Enstemmigt", "Et enigt udvalg". */
    int unanimous;
    /** Vote: who voted for (parties or names as written), NULL when not stated. */
    referat_string for_names;
    /** Vote: who voted against, NULL when not stated. */
    referat_string against_names;
    /** Vote: who abstained, NULL when not stated. */
    referat_string abstain_names;
    /** Participation: how the person (name) took part. */
    referat_participation participation;

    /* ---- one meaning per field (0.2): these replace the 0.1 fields that
     * held several facts (number, text, kind) ---- */
    /** Meeting start: the kind as an enum. */
    referat_meeting_kind meeting_kind;
    /** Meta: its value (0.1: text). */
    referat_string value;
    /** Diagnostic: its code ("invalid-utf8", ...; 0.1: kind). */
    referat_string code;
    /** Diagnostic: its message (0.1: text). */
    referat_string message;
    /** List item: its level, 0 for the outermost (0.1: number). */
    int64_t level;
    /** Table start: the number of columns (0.1: number). */
    int64_t columns;
} referat_event;

/** The largest max_block_size a parser takes (1 GiB): larger values are
 *  clamped to it, so that sizes computed from it cannot wrap. */
#define REFERAT_MAX_BLOCK_SIZE ((size_t)1 << 30)

/** Allocator hook. realloc(ctx, NULL, n) allocates; realloc(ctx, p, 0)
 *  frees and returns NULL. Return NULL on failure. */
typedef void *(*referat_realloc_fn)(void *ctx, void *ptr, size_t size);

/** Parser options. Initialise with referat_options_init() and then change
 *  fields, so that fields added later get their defaults. */
typedef struct referat_options {
    /** sizeof(referat_options) as the caller's program knows it; set by
     *  referat_options_init(). The library reads only that many bytes, so
     *  fields added later keep their defaults for older programs. Added in
     *  0.2 (the one incompatible change of 0.2 in this struct). */
    size_t struct_size;
    /** Stop with REFERAT_E_INVALID_UTF8 instead of decoding a line that is
     *  not UTF-8 as Windows-1252 (default 0). */
    int strict_utf8;
    /** Largest block in raw bytes (default 1 MiB, minimum 64, maximum
     *  REFERAT_MAX_BLOCK_SIZE; values outside are clamped). Larger
     *  paragraphs and lines are cut (diagnostic block-too-large). */
    size_t max_block_size;
    /** Stop with REFERAT_E_TOO_LARGE instead of cutting (default 0). */
    int fail_on_limit;
    /** Allocator (default: the C library's realloc/free) and its context. */
    referat_realloc_fn realloc_fn;
    /** Passed to realloc_fn as its first argument. */
    void *alloc_ctx;
    /** Most entries of one list the parser holds or reports: TOC entries
     *  and participants of a meeting, attachments and absences of an item
     *  (default 10000; 0 means the default). Past it, entries are not
     *  reported and one diagnostic limit-reached says so. Real documents
     *  have a few dozen. Added in 0.2. */
    size_t max_list_entries;
    /** Most diagnostics of one stream (default 10000; 0 means the default);
     *  past it one limit-reached diagnostic, then none. Added in 0.2. */
    size_t max_diagnostics;
} referat_options;

/** Fills opts with the defaults. */
REFERAT_API void referat_options_init(referat_options *opts);

/** The opaque parser. */
typedef struct referat_parser referat_parser;

/** Creates a parser. opts may be NULL for the defaults; it is copied (its
 *  first struct_size bytes). Returns NULL when memory cannot be had, or when
 *  opts was not set up by referat_options_init() (struct_size too small). */
REFERAT_API referat_parser *referat_parser_new(const referat_options *opts);

/** Frees the parser and everything it handed out. NULL is allowed. */
REFERAT_API void referat_parser_free(referat_parser *parser);

/**
 * Gives the parser the next chunk of input (any size, split anywhere, even
 * inside a UTF-8 sequence or a CR LF).
 *
 * The parser does not copy the chunk: it reads it while referat_parser_next()
 * runs, so the bytes must stay valid and unchanged until referat_parser_next()
 * returns REFERAT_NEED_INPUT (or the parser is freed). Feed when the parser
 * is new or its last referat_parser_next() returned REFERAT_NEED_INPUT;
 * feeding while the previous chunk is not used up, or after
 * referat_parser_finish(), returns REFERAT_ERROR with REFERAT_E_MISUSE (and
 * the parser stays stopped). An empty chunk is allowed.
 */
REFERAT_API referat_status referat_parser_feed(referat_parser *parser,
                                               const void *data, size_t size);

/** Says that no more input follows. Afterwards referat_parser_next() hands
 *  out the remaining events and then REFERAT_END. */
REFERAT_API referat_status referat_parser_finish(referat_parser *parser);

/**
 * Hands out the next event in *event and returns REFERAT_OK, or returns
 * REFERAT_NEED_INPUT (all fed input is used up: feed more or finish),
 * REFERAT_END (finished and drained) or REFERAT_ERROR (the parse stopped;
 * every later call returns REFERAT_ERROR too).
 */
REFERAT_API referat_status referat_parser_next(referat_parser *parser,
                                               const referat_event **event);

/** The error that stopped the parse, or NULL when there is none. Valid
 *  until the parser is freed. */
REFERAT_API const referat_error *referat_parser_error(const referat_parser *parser);

/** Callback for referat_parse(): return 0 to go on, non-zero to stop. */
typedef int (*referat_event_fn)(void *user, const referat_event *event);

/**
 * Convenience: parses a whole buffer, calling fn for every event.
 * Returns REFERAT_END when the input was parsed completely and REFERAT_ERROR
 * otherwise (error copied to *error_out when it is not NULL; its message
 * points to static text). A callback that returns non-zero stops the parse
 * with REFERAT_E_ABORTED.
 */
REFERAT_API referat_status referat_parse(const void *data, size_t size,
                                         const referat_options *opts,
                                         referat_event_fn fn, void *user,
                                         referat_error *error_out);

/**
 * Convenience: parses the file at path (read in 64 KiB chunks, so memory
 * does not grow with the file), calling fn for every event. Returns as
 * referat_parse(); a file that cannot be opened or read gives REFERAT_E_IO
 * (message from strerror is not kept: see errno).
 */
REFERAT_API referat_status referat_parse_file(const char *path, const referat_options *opts,
                                              referat_event_fn fn, void *user,
                                              referat_error *error_out);

/** The name of an event type ("meeting_start", "paragraph", ...). Every name
 *  function returns NULL past the last value (0.1: "unknown"), so callers
 *  can list them without a hard-coded count. */
REFERAT_API const char *referat_event_type_name(referat_event_type type);

/** The name of a section kind ("preamble", "background", ...). */
REFERAT_API const char *referat_section_kind_name(referat_section_kind kind);

/** The code of a diagnostic ("invalid-utf8", ...). */
REFERAT_API const char *referat_diagnostic_code_name(referat_diagnostic_code code);

/** The name of an error code ("none", "invalid-utf8", "no-memory",
 *  "too-large", "misuse", "io", "aborted"); NULL past the last. Added in 0.2. */
REFERAT_API const char *referat_error_code_name(referat_error_code code);

/** The name of a meeting kind ("referat", "dagsorden"); NULL past the last.
 *  Added in 0.2. */
REFERAT_API const char *referat_meeting_kind_name(referat_meeting_kind kind);

/** The name of an outcome ("approved", "recommended", "noted", "discussed",
 *  "postponed", "referred", "rejected", "not_treated", "mixed",
 *  "unknown"); NULL past the last. Added in 0.2. */
REFERAT_API const char *referat_outcome_name(referat_outcome outcome);

/** The name of a kind of participation ("recusal", "dissent", "assent",
 *  "abstain", "guest", "absent", "none"); NULL past the last. Added in 0.2. */
REFERAT_API const char *referat_participation_name(referat_participation participation);

/* ---- The document model (added in 0.2) ----------------------------------
 *
 * Events folded into trees, for callers that want a document rather than a
 * stream. A node is one event with its place in the tree: a container
 * (meeting, item, sub-item, section, list, table) holds the events between
 * its start and its end as children; every other event is a leaf. A node's
 * event (referat_node_event()) has the fields its type has in the stream,
 * with the span widened to the container's end, and strings owned by the
 * tree. So a fact has the same name as a node field as it has as an event
 * field, in JSON and in Python.
 *
 * Two ways in:
 *  - referat_document_parse() / referat_document_parse_file(): the whole
 *    document in memory, one tree under referat_document_root(): meetings
 *    (their meta, participants, TOC entries and items as children) and the
 *    diagnostics, in document order;
 *  - a ::referat_builder fed with events: it hands out each tree as soon
 *    as it is complete, so memory is bounded by the largest item: a
 *    meeting's head (type REFERAT_EV_MEETING_START, its meta, participants
 *    and TOC entries, no items) when its first item starts, each item when
 *    it ends, a REFERAT_EV_MEETING_END leaf when the meeting ends, each
 *    diagnostic at once.
 *
 * Decisions: a decision section (REFERAT_SECTION_DECISION) holds its
 * outcome, vote and participation events as children after its blocks.
 * Absences are children of their item (or sub-item) wherever they stood.
 */

/** A node of a document tree (opaque). Added in 0.2. */
typedef struct referat_node referat_node;

/** The event of a node (its start event for a container). Valid as long as
 *  the tree is. Added in 0.2. */
REFERAT_API const referat_event *referat_node_event(const referat_node *node);
/** The node's type: referat_node_event(node)->type. Added in 0.2. */
REFERAT_API referat_event_type referat_node_type(const referat_node *node);
/** The container holding node, NULL for a tree's root. Added in 0.2. */
REFERAT_API const referat_node *referat_node_parent(const referat_node *node);
/** The first child, NULL for a leaf or an empty container. Added in 0.2. */
REFERAT_API const referat_node *referat_node_first_child(const referat_node *node);
/** The next sibling, NULL after the last. Added in 0.2. */
REFERAT_API const referat_node *referat_node_next(const referat_node *node);
/** The first child of the given type after `after` (NULL: from the first
 *  child), NULL when there is none. Loop over the items of a meeting:
 *  `for (n = referat_node_find(m, REFERAT_EV_ITEM_START, NULL); n;
 *  n = referat_node_find(m, REFERAT_EV_ITEM_START, n))`. Added in 0.2. */
REFERAT_API const referat_node *referat_node_find(const referat_node *node,
                                                  referat_event_type type,
                                                  const referat_node *after);
/** The number of children. Added in 0.2. */
REFERAT_API size_t referat_node_child_count(const referat_node *node);

/** Output callback: return 0 to go on, non-zero to stop (the writer then
 *  returns REFERAT_ERROR). Added in 0.2. */
typedef int (*referat_write_fn)(void *user, const char *data, size_t size);

/** Flags of referat_node_write_json(). Added in 0.2. */
enum {
    /** One line, no spaces: JSON Lines (default: indented by 2, the
     *  layout of Python's json.dumps(indent=2, ensure_ascii=False)). */
    REFERAT_JSON_COMPACT = 1
};

/**
 * Writes node as the JSON of `referat json` (docs/FORMAT.md, "The JSON
 * document"): a document root as the document (with "source" when source
 * is not NULL), a meeting as a meeting object (with its items), an item,
 * section, block, row, participant, TOC entry or diagnostic as its object,
 * an absence as its name. The text goes to fn in pieces of up to 4 KiB.
 * Returns REFERAT_OK, or REFERAT_ERROR when fn stopped. Added in 0.2.
 */
REFERAT_API referat_status referat_node_write_json(const referat_node *node, const char *source,
                                                   unsigned flags, referat_write_fn fn,
                                                   void *user);

/** Folds events into trees (opaque). Added in 0.2. */
typedef struct referat_builder referat_builder;

/** Creates a builder. opts may be NULL; only its allocator is used. Returns
 *  NULL when memory cannot be had. Added in 0.2. */
REFERAT_API referat_builder *referat_builder_new(const referat_options *opts);
/** Frees the builder and the trees not taken from it. Added in 0.2. */
REFERAT_API void referat_builder_free(referat_builder *builder);
/**
 * Adds an event (copied: the parser's event may go right after). Returns
 * REFERAT_OK, or REFERAT_ERROR when memory could not be had (the builder
 * then refuses every later event; trees already complete can still be
 * taken) or when the event does not fit the open tree (an end without its
 * start). Added in 0.2.
 */
REFERAT_API referat_status referat_builder_add(referat_builder *builder,
                                               const referat_event *event);
/** The next complete tree, or NULL when none is complete yet. The caller
 *  owns it: free it with referat_node_free(). Added in 0.2. */
REFERAT_API referat_node *referat_builder_take(referat_builder *builder);
/** Frees a tree taken from a builder (its root). NULL is allowed. Added in 0.2. */
REFERAT_API void referat_node_free(referat_node *tree);

/** A whole parsed document (opaque). Added in 0.2. */
typedef struct referat_document referat_document;

/**
 * Parses data into a document. Returns NULL when the parse stopped (the
 * error is copied to *error_out when it is not NULL, as referat_parse()
 * does; a document that could not be built gives REFERAT_E_NO_MEMORY).
 * Added in 0.2.
 */
REFERAT_API referat_document *referat_document_parse(const void *data, size_t size,
                                                     const referat_options *opts,
                                                     referat_error *error_out);
/** Parses the file at path into a document; errors as
 *  referat_document_parse() and referat_parse_file(). Added in 0.2. */
REFERAT_API referat_document *referat_document_parse_file(const char *path,
                                                          const referat_options *opts,
                                                          referat_error *error_out);
/** The document's root (type REFERAT_EV_NONE): the meetings and the
 *  diagnostics as children, in document order. Added in 0.2. */
REFERAT_API const referat_node *referat_document_root(const referat_document *document);
/** Frees the document. NULL is allowed. Added in 0.2. */
REFERAT_API void referat_document_free(referat_document *document);

#ifdef __cplusplus
}
#endif

#endif /* REFERAT_H */
