/* Reading files into the parser and handing events to a command. */
#ifndef REFERAT_CLI_DRIVER_H
#define REFERAT_CLI_DRIVER_H

#include <referat/referat.h>

/* Exit codes (documented in --help and the README). */
enum { EXIT_PARSE_ERROR = 1, EXIT_USAGE = 2 };

typedef struct run_options {
    int strict;
    size_t chunk_size;        /* bytes fed at a time */
    size_t max_block_size;    /* 0: the library's default */
} run_options;

/* Called for every event; path is the file's name as given ("-": stdin). */
typedef void (*event_handler)(void *ctx, const char *path, const referat_event *ev);

/* Parses one file (or stdin for NULL or "-"). Returns 0, EXIT_PARSE_ERROR
 * (message printed as FILE:LINE:COLUMN: error: ...) or EXIT_USAGE (I/O). */
int run_file(const char *path, const run_options *opt, event_handler fn, void *ctx);

#endif
