/* Reading files into the parser and handing events to a command; running a
 * command over many files (in order, or in parallel with --jobs). */
#ifndef REFERAT_CLI_DRIVER_H
#define REFERAT_CLI_DRIVER_H

#include <referat/referat.h>

/* Exit codes (documented in --help, the man page and the README): the
 * worst of all files wins. */
enum { EXIT_PARSE_ERROR = 1, EXIT_USAGE = 2 };

typedef struct run_options {
    int strict;
    size_t chunk_size;        /* bytes fed at a time */
    size_t max_block_size;    /* 0: the library's default */
    int jobs;                 /* parses at a time (--jobs); 0 or 1: one */
    int quiet;                /* no progress line */
    int several;              /* more than one input: records carry their source */
    int fail_on;              /* check --fail-on: 0 never, 1 warning, 2 error */
    int jsonl;                /* json --jsonl */
    const char *sub;          /* csv: what to export; sqlite: the database */
} run_options;

/* How the parse of one input went. */
typedef struct source_result {
    int status;               /* 0; EXIT_PARSE_ERROR: read but not parsed (a parse
                                 error, a binary file); EXIT_USAGE: not read */
    const char *code;         /* "io", "binary", "pdf", or the library's error
                                 code name ("invalid-utf8", ...); NULL when 0 */
    char message[512];
    int has_position;         /* line, column, offset are known (parse errors) */
    unsigned long long line, column, offset;
} source_result;

/* Called for every event; path is the file's name as given ("-": stdin). */
typedef void (*event_handler)(void *ctx, const char *path, const referat_event *ev);

/* Parses one input (stdin for NULL or "-"; a PDF through poppler when built
 * with it) without printing anything; fills *r. Returns r->status. */
int run_source(const char *path, const run_options *opt, event_handler fn, void *ctx,
               source_result *r);

/* Prints a failed result on stderr: "referat: FILE: reason" or, for a parse
 * error, "FILE:LINE:COLUMN: error: message (byte offset N)". */
void report_result(const char *path, const source_result *r);

/* A command as the batch runner drives it. */
typedef struct batch_cmd {
    /* A context for one thread (with --jobs each worker has its own);
     * NULL: shared is the context and the command runs in one thread. */
    void *(*ctx_new)(void *shared);
    void (*ctx_free)(void *ctx);
    void (*begin)(void *ctx, const char *source, int index);           /* or NULL */
    event_handler on_event;
    void (*end)(void *ctx, const char *source, const source_result *r); /* or NULL */
    /* Each document's output is captured (so that end() may drop it, see
     * out_captured()) and written when the document is done. */
    int capture;
} batch_cmd;

/* Runs the command over the inputs (stdin when there is none), in input
 * order; the worst status wins. A failed input is reported on stderr and
 * the next one is parsed; a failed write stops the run. */
int batch_run(int nfiles, char **files, const run_options *opt, const batch_cmd *c,
              void *shared);

/* PDF text, as `pdftotext -enc UTF-8 FILE -` gives it (pdf.c). Returns 0
 * and a malloc'ed text, or -1 with the reason in r (status EXIT_USAGE). */
int pdf_text(const char *path, char **text, size_t *size, source_result *r);
/* Whether this referat reads PDF files. */
int pdf_supported(void);

#endif
