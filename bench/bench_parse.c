/* Times one parser over a file held in memory, fed in 64 KiB chunks, and
 * prints the best of REPEAT runs in seconds of CPU time (the process's: on a
 * shared machine it moves less than the wall clock). Peers parse the same bytes:
 *   referat  libreferat, counting events
 *   md4c     md4c (callback parser), the bytes read as Markdown
 *   cmark    cmark (builds a tree), the bytes read as Markdown
 *   lines    a memchr loop over line ends: the floor for line-based parsing
 * usage: bench_parse PARSER FILE [REPEAT] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <referat/referat.h>
#ifdef HAVE_MD4C
#include <md4c.h>
#endif
#ifdef HAVE_CMARK
#include <cmark.h>
#endif

#define CHUNK 65536

static unsigned long long sink;

static void run_referat(const char *data, size_t size)
{
    referat_parser *p = referat_parser_new(NULL);
    const referat_event *ev;
    referat_status st = REFERAT_NEED_INPUT;
    size_t pos = 0;
    while (st == REFERAT_NEED_INPUT) {
        if (pos < size) {
            size_t n = size - pos < CHUNK ? size - pos : CHUNK;
            referat_parser_feed(p, data + pos, n);
            pos += n;
        } else {
            referat_parser_finish(p);
        }
        while ((st = referat_parser_next(p, &ev)) == REFERAT_OK)
            sink += ev->type;
    }
    referat_parser_free(p);
}

static void run_lines(const char *data, size_t size)
{
    const char *p = data, *end = data + size;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        sink++;
        p++;
    }
}

#ifdef HAVE_MD4C
static int md_block(MD_BLOCKTYPE t, void *d, void *u) { (void)d; (void)u; sink += t; return 0; }
static int md_span(MD_SPANTYPE t, void *d, void *u) { (void)d; (void)u; sink += t; return 0; }
static int md_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *u)
{
    (void)s; (void)u; sink += t + n;
    return 0;
}

static void run_md4c(const char *data, size_t size)
{
    MD_PARSER parser = {0, MD_DIALECT_GITHUB, md_block, md_block, md_span, md_span, md_text,
                        NULL, NULL};
    md_parse(data, (MD_SIZE)size, &parser, NULL);
}
#endif

#ifdef HAVE_CMARK
static void run_cmark(const char *data, size_t size)
{
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (size_t pos = 0; pos < size; pos += CHUNK)
        cmark_parser_feed(p, data + pos, size - pos < CHUNK ? size - pos : CHUNK);
    cmark_node *doc = cmark_parser_finish(p);
    sink += (unsigned long long)(size_t)doc;
    cmark_node_free(doc);
    cmark_parser_free(p);
}
#endif

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench_parse referat|md4c|cmark|lines FILE [REPEAT]\n", stderr);
        return 2;
    }
    void (*fn)(const char *, size_t) = NULL;
    if (strcmp(argv[1], "referat") == 0)
        fn = run_referat;
    else if (strcmp(argv[1], "lines") == 0)
        fn = run_lines;
#ifdef HAVE_MD4C
    else if (strcmp(argv[1], "md4c") == 0)
        fn = run_md4c;
#endif
#ifdef HAVE_CMARK
    else if (strcmp(argv[1], "cmark") == 0)
        fn = run_cmark;
#endif
    if (!fn) {
        fprintf(stderr, "bench_parse: %s is not built in\n", argv[1]);
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f)
        return 2;
    fseek(f, 0, SEEK_END);
    size_t size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc(size + 1);
    if (!data || fread(data, 1, size, f) != size)
        return 2;
    fclose(f);
    int repeat = argc > 3 ? atoi(argv[3]) : 5;
    double best = 1e30;
    for (int r = 0; r < repeat; r++) {
        struct timespec a, b;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        fn(data, size);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
        double t = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        if (t < best)
            best = t;
    }
    printf("%.6f\n", best);
    free(data);
    return sink == 42 ? 1 : 0;
}
