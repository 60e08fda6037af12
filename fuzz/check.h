/* Shared pieces of the libFuzzer harnesses (fuzz/check.c): a counting
 * allocator for the parser's hook, a canonical serialization of events (every
 * field), the invariant checks and a chunked driver. See fuzz/README.md. */
#ifndef REFERAT_FUZZ_CHECK_H
#define REFERAT_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include <referat/referat.h>

/* Prints what went wrong (with the input's size and the event index) and
 * aborts, so that libFuzzer keeps the input as a crash. */
void fz_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

/* 1 when the check is named in REFERAT_FUZZ_RELAX (comma-separated). */
int fz_relaxed(const char *check);

/* ---- a growable byte buffer (the harness's own memory: plain malloc) ---- */
typedef struct fz_buf {
    unsigned char *data;
    size_t size, cap;
} fz_buf;
void fz_buf_put(fz_buf *b, const void *data, size_t n);
void fz_buf_free(fz_buf *b);

/* ---- the allocator hook ------------------------------------------------- */
typedef struct fz_alloc {
    size_t live;          /* bytes handed out and not freed */
    size_t peak;          /* most live bytes at any time */
    size_t blocks;        /* live allocations */
    uint64_t calls;       /* allocating calls (size > 0) so far */
    uint64_t fail_at;     /* 0: never fail; else the fail_at-th allocating call fails */
    int fail_sticky;      /* every allocating call from fail_at on fails */
    int failed;           /* a call was made to fail */
    size_t limit;         /* 0: none; else live bytes above it are a finding */
} fz_alloc;
void *fz_realloc(void *ctx, void *ptr, size_t size);

/* Installs malloc/free hooks that count heap allocations made while the
 * library runs (fz_lib_enter/fz_lib_leave around every referat_* call):
 * everything the parser allocates must go through its allocator hook. */
void fz_watch_init(void);
void fz_lib_enter(void);
void fz_lib_leave(void);

/* ---- the input ------------------------------------------------------------ */
typedef struct fz_input {
    const uint8_t *data;
    size_t size;
    size_t *line_ends;    /* offsets after each line end (LF, CR LF, lone CR) */
    size_t n_line_ends;
    int valid_utf8;       /* valid UTF-8 (RFC 3629) without NUL */
    size_t first_bad;     /* the first byte of the first bad sequence (or NUL) */
} fz_input;
void fz_input_init(fz_input *in, const uint8_t *data, size_t size);
void fz_input_free(fz_input *in);
/* 1-based line of the byte at offset (a line end belongs to its line). */
uint64_t fz_line_of(const fz_input *in, uint64_t offset);
/* Offset where a 1-based line starts. */
uint64_t fz_line_start(const fz_input *in, uint64_t line);

/* ---- a run: events serialized, invariants checked ----------------------- */
typedef struct fz_run {
    const fz_input *in;
    fz_buf events;        /* every event, every field, serialized */
    size_t n_events;
    size_t *event_end;    /* events.size after each event (prefix checks) */
    size_t event_end_cap;
    referat_status status;
    referat_error error;  /* copied when status is REFERAT_ERROR */
    /* invariant state */
    int stack[16];        /* open containers (their START event types) */
    size_t depth;
    uint64_t last_leaf_start;
    int outside_meeting;  /* an item outside any meeting (relaxed finding) */
    const unsigned char *chunk; /* the chunk fed last (strings must not point into it) */
    size_t chunk_size;
    int check_lines;      /* span lines agree with the offsets */
    int discard;          /* check the events but keep none (long streams) */
} fz_run;

void fz_run_init(fz_run *r, const fz_input *in);
void fz_run_free(fz_run *r);
/* Checks one event and appends it to r->events. */
void fz_run_event(fz_run *r, const referat_event *ev);
/* Records the final status; checks balance at REFERAT_END. */
void fz_run_end(fz_run *r, referat_status st, const referat_parser *p);

/* A small PRNG for chunk schedules (splitmix64). */
uint64_t fz_rand(uint64_t *state);
/* FNV-1a of the first at most n bytes. */
uint64_t fz_hash(const uint8_t *data, size_t size, size_t n);

/* Parses the input with opts: whole (one chunk) when seed is 0, else in
 * chunks of sizes drawn from seed. Every chunk is copied into its own heap
 * block of exactly its size and freed as soon as the parser has used it up
 * (REFERAT_NEED_INPUT), so ASan sees reads past a chunk or after it. Checks
 * the invariants and the API's promises on the way. Returns the parser's
 * peak through the hook in *alloc. */
void fz_parse(fz_run *r, const referat_options *opts, uint64_t seed, fz_alloc *alloc);

/* Fails unless a and b hold the same events and end the same way. */
void fz_same(const fz_run *a, const fz_run *b, const char *what);
/* Fails unless the events of prefix are the first events of full. */
void fz_prefix(const fz_run *prefix, const fz_run *full, const char *what);


/* The most bytes a parser with these options may hold through its
 * allocator hook, whatever the input (the derivation is in check.c). */
size_t fz_memory_bound(const referat_options *opts);

/* Options for an input: the variant is chosen by bits of h (see check.c). */
void fz_options(referat_options *o, uint64_t h);

#endif
