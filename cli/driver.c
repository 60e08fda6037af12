#include "driver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

static int report(const char *path, const referat_error *e)
{
    fprintf(stderr, "%s:%llu:%llu: error: %s (byte offset %llu)\n", path,
            (unsigned long long)e->line, (unsigned long long)e->column, e->message,
            (unsigned long long)e->offset);
    return EXIT_PARSE_ERROR;
}

/* Hands out events until the parser wants input or ends, or output failed
 * (then REFERAT_OK comes back: the run stops there). */
static referat_status drain(referat_parser *p, const char *path, event_handler fn, void *ctx)
{
    const referat_event *ev;
    referat_status st;
    while ((st = referat_parser_next(p, &ev)) == REFERAT_OK) {
        fn(ctx, path, ev);
        if (out_failed())
            break;
    }
    return st;
}

int run_file(const char *path, const run_options *opt, event_handler fn, void *ctx)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "-" : path;
    if (out_failed())
        return EXIT_USAGE;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        int err = errno;
        fprintf(stderr, "referat: %s: %s\n", path, strerror(err));
        return EXIT_USAGE;
    }
    referat_options o;
    referat_options_init(&o);
    o.strict_utf8 = opt->strict;
    if (opt->max_block_size)
        o.max_block_size = opt->max_block_size;
    referat_parser *p = referat_parser_new(&o);
    size_t chunk = opt->chunk_size ? opt->chunk_size : 65536;
    unsigned char *buf = malloc(chunk);
    if (!p || !buf) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    int rc = 0;
    referat_status st = REFERAT_NEED_INPUT;
    while (st == REFERAT_NEED_INPUT) {
        errno = 0;
        size_t n = fread(buf, 1, chunk, f);
        if (ferror(f)) { /* e.g. EISDIR: fopen takes a directory */
            int err = errno ? errno : EIO;
            fprintf(stderr, "referat: %s: %s\n", name, strerror(err));
            rc = EXIT_USAGE;
            break;
        }
        if (n == 0)
            referat_parser_finish(p);
        else
            referat_parser_feed(p, buf, n);
        st = drain(p, name, fn, ctx);
        if (out_failed()) {
            rc = EXIT_USAGE; /* reported by out_fail */
            break;
        }
    }
    if (st == REFERAT_ERROR) {
        int r = report(name, referat_parser_error(p));
        if (r > rc)
            rc = r;
    }
    referat_parser_free(p);
    free(buf);
    if (!is_stdin)
        fclose(f);
    return rc;
}
