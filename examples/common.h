/* Shared by the example programs: feed files (or stdin) to a parser in
 * chunks and call a function for every event. Header-only so that each
 * example still builds with a single `cc example.c $(pkg-config ...)`. */
#ifndef REFERAT_EXAMPLES_COMMON_H
#define REFERAT_EXAMPLES_COMMON_H

#include <stdio.h>
#include <string.h>

#include <referat/referat.h>

typedef void (*on_event_fn)(void *ctx, const referat_event *ev);

/* Parses one file ("-" for stdin); returns 0, or 1 after printing an error. */
static inline int parse_stream(const char *path, on_event_fn fn, void *ctx)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    referat_parser *p = referat_parser_new(NULL);
    char buf[16384];
    const referat_event *ev;
    referat_status st = REFERAT_NEED_INPUT;
    while (p && st == REFERAT_NEED_INPUT) {
        size_t n = fread(buf, 1, sizeof buf, f);
        if (n > 0)
            referat_parser_feed(p, buf, n);
        else
            referat_parser_finish(p);
        while ((st = referat_parser_next(p, &ev)) == REFERAT_OK)
            fn(ctx, ev);
    }
    if (st == REFERAT_ERROR) {
        const referat_error *e = referat_parser_error(p);
        fprintf(stderr, "%s:%llu:%llu: error: %s\n", path, (unsigned long long)e->line,
                (unsigned long long)e->column, e->message);
    }
    referat_parser_free(p);
    if (f != stdin)
        fclose(f);
    return st == REFERAT_END ? 0 : 1;
}

/* Parses every argument, or stdin when there is none. */
static inline int parse_args(int argc, char **argv, on_event_fn fn, void *ctx)
{
    int rc = 0;
    if (argc < 2)
        return parse_stream("-", fn, ctx);
    for (int i = 1; i < argc; i++)
        rc |= parse_stream(argv[i], fn, ctx);
    return rc;
}

/* Writes a referat_string as one CSV field. */
static inline void csv_field(referat_string s)
{
    int quote = s.data && (memchr(s.data, ',', s.size) || memchr(s.data, '"', s.size));
    if (quote)
        putchar('"');
    for (size_t i = 0; s.data && i < s.size; i++) {
        if (s.data[i] == '"')
            putchar('"');
        putchar(s.data[i]);
    }
    if (quote)
        putchar('"');
}

/* A referat_string copied into a fixed buffer (views die at the next call). */
static inline void keep(char *dst, size_t cap, referat_string s)
{
    snprintf(dst, cap, "%.*s", (int)s.size, s.data ? s.data : "");
}

#endif
