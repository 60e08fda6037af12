/* referat_parse_file: the push API over stdio, for callers that have a path. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define CHUNK 65536

static referat_status io_error(const char *message, referat_error *error_out)
{
    if (error_out) {
        memset(error_out, 0, sizeof *error_out);
        error_out->code = REFERAT_E_IO;
        error_out->message = message;
    }
    return REFERAT_ERROR;
}

referat_status referat_parse_file(const char *path, const referat_options *opts,
                                  referat_event_fn fn, void *user, referat_error *error_out)
{
    if (!path)
        return io_error("no path given", error_out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return io_error("the file cannot be opened", error_out);
    referat_parser *p = referat_parser_new(opts);
    unsigned char *buf = p ? rf_alloc(p, CHUNK) : NULL;
    if (!p || !buf) {
        fclose(f);
        rf_copy_error(NULL, error_out);
        referat_parser_free(p);
        return REFERAT_ERROR;
    }
    referat_status st = REFERAT_NEED_INPUT;
    int read_failed = 0;
    while (st == REFERAT_NEED_INPUT) {
        size_t n = fread(buf, 1, CHUNK, f);
        if (n > 0) {
            referat_parser_feed(p, buf, n);
        } else if (ferror(f)) {
            read_failed = 1;
            break;
        } else {
            referat_parser_finish(p);
        }
        st = rf_drain(p, fn, user);
    }
    fclose(f);
    if (read_failed) {
        rf_free(p, buf);
        referat_parser_free(p);
        return io_error("the file cannot be read", error_out);
    }
    if (st != REFERAT_END)
        rf_copy_error(p, error_out);
    rf_free(p, buf);
    referat_parser_free(p);
    return st == REFERAT_END ? REFERAT_END : REFERAT_ERROR;
}
