/* stream_stdin: reads standard input in small chunks with the push API and
 * prints every event as soon as the parser hands it out, with its source
 * line. The document is never in memory as a whole: try
 *   cat big.txt | stream_stdin --chunk 1
 * usage: stream_stdin [--chunk N]   (default 64 bytes) */
#include <stdlib.h>

#include "common.h"

static void print_event(const referat_event *ev)
{
    const referat_string *shown[] = {&ev->title, &ev->heading, &ev->text, &ev->value,
                                     &ev->message, &ev->name, &ev->body, &ev->kind};
    printf("%6llu  %-14s", (unsigned long long)ev->span.start_line,
           referat_event_type_name(ev->type));
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        if (shown[i]->data && shown[i]->size) {
            int n = shown[i]->size > 60 ? 60 : (int)shown[i]->size;
            while (n > 0 && (size_t)n < shown[i]->size && (shown[i]->data[n] & 0xC0) == 0x80)
                n--; /* do not cut a UTF-8 character */
            printf("  %.*s%s", n, shown[i]->data, (size_t)n < shown[i]->size ? "..." : "");
            break;
        }
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    size_t chunk = 64;
    if (argc == 3 && strcmp(argv[1], "--chunk") == 0)
        chunk = (size_t)strtoul(argv[2], NULL, 10);
    if (chunk == 0 || (argc != 1 && argc != 3)) {
        fputs("usage: stream_stdin [--chunk N]\n", stderr);
        return 2;
    }
    char *buf = malloc(chunk);
    referat_parser *p = referat_parser_new(NULL);
    const referat_event *ev;
    referat_status st = REFERAT_NEED_INPUT;
    while (buf && p && st == REFERAT_NEED_INPUT) {
        size_t n = fread(buf, 1, chunk, stdin);
        if (n)
            referat_parser_feed(p, buf, n); /* buf stays untouched until NEED_INPUT */
        else
            referat_parser_finish(p);
        while ((st = referat_parser_next(p, &ev)) == REFERAT_OK)
            print_event(ev);
        fflush(stdout);
    }
    if (st == REFERAT_ERROR)
        fprintf(stderr, "error: %s\n", referat_parser_error(p)->message);
    referat_parser_free(p);
    free(buf);
    return st == REFERAT_END ? 0 : 1;
}
