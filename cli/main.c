/* referat: the command-line tool. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "output.h"

/* The range of --chunk-size and --max-block-size. 64 bytes is the library's
 * smallest block limit and 1 GiB its largest (it would clamp others), and
 * plenty for a read buffer. */
#define CHUNK_SIZE_MIN 1ULL
#define BLOCK_SIZE_MIN 64ULL
#define SIZE_OPTION_MAX 1073741824ULL

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
    "  oparl [--base-url URL]  OParl 1.1 objects (meetings, agenda items, people,\n"
    "                  ...) with ids under URL (default https://referat.invalid/oparl/)\n"
    "\n"
    "options:\n"
    "  --strict            invalid UTF-8 is an error (default: read the line as\n"
    "                      Windows-1252 and report invalid-utf8)\n"
    "  --chunk-size N      feed the parser N bytes at a time (1 to 1073741824)\n"
    "  --max-block-size N  cut blocks larger than N bytes (64 to 1073741824,\n"
    "                      default 1048576)\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 parsed, 1 parse error (printed as FILE:LINE:COLUMN: error: ...),\n"
    "             2 usage or I/O error\n";

typedef int (*command_fn)(int, char **, const run_options *);

static const struct {
    const char *name;
    command_fn fn;
} commands[] = {{"json", cmd_json},     {"events", cmd_events}, {"dump", cmd_dump},
                {"tables", cmd_tables}, {"stats", cmd_stats},   {"check", cmd_check},
                {"oparl", cmd_oparl}};

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

/* A size option's value: decimal digits only, from min to SIZE_OPTION_MAX
 * (out-of-range values are an error, not clamped). */
static int parse_size(const char *option, const char *s, unsigned long long min, size_t *out)
{
    char *end = NULL;
    unsigned long long v = 0;
    if (s && *s >= '0' && *s <= '9') {
        errno = 0;
        v = strtoull(s, &end, 10);
    }
    if (!end || *end || errno == ERANGE || v < min || v > SIZE_OPTION_MAX) {
        fprintf(stderr, "referat: %s takes a whole number from %llu to %llu%s%s%s\n%s", option,
                min, SIZE_OPTION_MAX, s ? ", not '" : "", s ? s : "", s ? "'" : "", usage);
        return 0;
    }
    *out = (size_t)v;
    return 1;
}

int main(int argc, char **argv)
{
    run_options opt = {0, 0, 0};
    command_fn fn = NULL;
    char **files = calloc((size_t)argc, sizeof *files);
    int nfiles = 0, csv = 0, base_url = 0;
    if (!files)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            out_write(usage, strlen(usage));
            free(files);
            return out_close();
        } else if (strcmp(a, "--version") == 0) {
            const char *v = referat_version();
            out_write("referat ", 8);
            out_write(v, strlen(v));
            out_write("\n", 1);
            free(files);
            return out_close();
        } else if (strcmp(a, "--strict") == 0) {
            opt.strict = 1;
        } else if (strcmp(a, "--csv") == 0) {
            csv = 1;
        } else if (strcmp(a, "--base-url") == 0) {
            if (i + 1 >= argc) {
                free(files);
                return bad_usage("--base-url takes a URL", NULL);
            }
            oparl_set_base_url(argv[++i]);
            base_url = 1;
        } else if (strcmp(a, "--chunk-size") == 0 || strcmp(a, "--max-block-size") == 0) {
            int chunk = a[2] == 'c';
            if (!parse_size(a, i + 1 < argc ? argv[++i] : NULL,
                            chunk ? CHUNK_SIZE_MIN : BLOCK_SIZE_MIN,
                            chunk ? &opt.chunk_size : &opt.max_block_size)) {
                free(files);
                return EXIT_USAGE;
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
    if (base_url && fn != cmd_oparl) {
        free(files);
        return bad_usage("--base-url is an option of oparl", NULL);
    }
    int rc = fn(nfiles, files, &opt);
    free(files);
    int out = out_close(); /* a write error is an I/O error, also after a parse error */
    return out > rc ? out : rc;
}
