/* Standard output, and the I/O failures that stop a run.
 *
 * Every byte the commands print goes through out_write(), which keeps the
 * first failure (with its errno): the run then stops at the next event
 * (see run_file) instead of parsing the rest of the input for nobody.
 *
 * A thread may capture what it writes (out_capture): the text then goes
 * into a capture (memory up to CAPTURE_MEM bytes, the rest in a tmpfile())
 * instead of standard output, to be written out later in input order
 * (--jobs) or dropped (a document whose parse failed). */
#ifndef REFERAT_CLI_OUTPUT_H
#define REFERAT_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "jsonw.h"

/* Writes n bytes to standard output (or this thread's capture). Returns 0,
 * or -1 once output failed (then nothing more is written). */
int out_write(const void *data, size_t n);
/* Writes the text and empties it. */
int out_sb(sb *b);
/* Records an output failure: prints "referat: WHAT: strerror(err)" if it
 * is the first one. Safe from any thread. */
void out_fail(const char *what, int err);
/* Nonzero once output failed. */
int out_failed(void);
/* Flushes and closes standard output. Returns 0, or EXIT_USAGE (2) when
 * anything written failed (the message is printed). */
int out_close(void);

typedef struct capture {
    sb mem;
    FILE *file; /* the older part, NULL until mem overflowed */
} capture;

/* From now on this thread's out_write() goes into c (NULL: stdout again). */
void out_capture(capture *c);
/* This thread's capture, NULL when it writes to stdout. */
capture *out_captured(void);
/* Drops what c holds. */
void capture_discard(capture *c);
/* Writes what c holds to standard output (the caller must not be capturing
 * into c) and empties it. */
void capture_emit(capture *c);
void capture_free(capture *c);

#endif
