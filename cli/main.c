/* referat: the command-line tool. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static const char usage[] =
    "usage: referat COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Parses Danish municipal meeting minutes (plain-text exports). FILE '-' or\n"
    "no FILE reads standard input; several files are parsed one after another.\n"
    "\n"
    "commands:\n"
    "  json            the document as JSON (meetings, items, sections, blocks,\n"
    "                  diagnostics)\n"
    "  events          JSON Lines: one parse event a line, with its source span\n"
    "  dump            one short line per event (the test fixtures' format)\n"
    "  tables --csv    every table row as CSV: meeting date, item number, table\n"
    "                  index, row index, then the cells\n"
    "  stats           counts of meetings, items, sections, blocks, diagnostics\n"
    "  check           diagnostics as FILE:LINE: code: message\n"
    "\n"
    "options:\n"
    "  --strict            invalid UTF-8 is an error (default: read the line as\n"
    "                      Windows-1252 and report invalid-utf8)\n"
    "  --chunk-size N      feed the parser N bytes at a time (N >= 1)\n"
    "  --max-block-size N  cut blocks larger than N bytes (default 1048576)\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 parsed, 1 parse error (printed as FILE:LINE:COLUMN: error: ...),\n"
    "             2 usage or I/O error\n";

typedef int (*command_fn)(int, char **, const run_options *);

static const struct {
    const char *name;
    command_fn fn;
} commands[] = {{"json", cmd_json},     {"events", cmd_events}, {"dump", cmd_dump},
                {"tables", cmd_tables}, {"stats", cmd_stats},   {"check", cmd_check}};

int run_files(int nfiles, char **files, const run_options *opt, event_handler fn, void *ctx)
{
    int rc = 0;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        int r = run_file(nfiles ? files[i] : "-", opt, fn, ctx);
        if (r > rc)
            rc = r;
        if (r == EXIT_USAGE)
            break;
    }
    return rc;
}

static int bad_usage(const char *message, const char *arg)
{
    fprintf(stderr, "referat: %s%s\n%s", message, arg ? arg : "", usage);
    return EXIT_USAGE;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || v == 0)
        return 0;
    *out = (size_t)v;
    return 1;
}

int main(int argc, char **argv)
{
    run_options opt = {0, 0, 0};
    command_fn fn = NULL;
    char **files = calloc((size_t)argc, sizeof *files);
    int nfiles = 0, csv = 0;
    if (!files)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            free(files);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("referat %s\n", referat_version());
            free(files);
            return 0;
        } else if (strcmp(a, "--strict") == 0) {
            opt.strict = 1;
        } else if (strcmp(a, "--csv") == 0) {
            csv = 1;
        } else if (strcmp(a, "--chunk-size") == 0 || strcmp(a, "--max-block-size") == 0) {
            size_t *dst = a[2] == 'c' ? &opt.chunk_size : &opt.max_block_size;
            if (!parse_size(i + 1 < argc ? argv[++i] : NULL, dst)) {
                free(files);
                return bad_usage("expected a positive number after ", a);
            }
        } else if (a[0] == '-' && a[1] == '-') {
            free(files);
            return bad_usage("unknown option ", a);
        } else if (!fn) {
            for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
                if (strcmp(a, commands[k].name) == 0)
                    fn = commands[k].fn;
            }
            if (!fn) {
                free(files);
                return bad_usage("unknown command ", a);
            }
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!fn) {
        free(files);
        return bad_usage("no command given", NULL);
    }
    if (fn == cmd_tables && !csv) {
        free(files);
        return bad_usage("tables needs --csv (the only format so far)", NULL);
    }
    int rc = fn(nfiles, files, &opt);
    free(files);
    if (fflush(stdout) != 0 && rc == 0)
        rc = EXIT_USAGE;
    return rc;
}
