/* Standard output, and the I/O failures that stop a run.
 *
 * Every byte the commands print goes through out_write(), which keeps the
 * first failure (with its errno): the run then stops at the next event
 * (see run_file) instead of parsing the rest of the input for nobody. */
#ifndef REFERAT_CLI_OUTPUT_H
#define REFERAT_CLI_OUTPUT_H

#include <stddef.h>

#include "jsonw.h"

/* Writes n bytes to standard output. Returns 0, or -1 once output failed
 * (then nothing more is written). */
int out_write(const void *data, size_t n);
/* Writes the text and empties it. */
int out_sb(sb *b);
/* Records an output failure: prints "referat: WHAT: strerror(err)" if it
 * is the first one. */
void out_fail(const char *what, int err);
/* Nonzero once output failed. */
int out_failed(void);
/* Flushes and closes standard output. Returns 0, or EXIT_USAGE (2) when
 * anything written failed (the message is printed). */
int out_close(void);

#endif
