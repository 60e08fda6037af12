/* referat: the command-line tool. */
#define _GNU_SOURCE /* getopt_long's argument permutation is glibc's default anyway */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "output.h"

/* The range of --chunk-size and --max-block-size. 64 bytes is the library's
 * smallest block limit and 1 GiB its largest (it would clamp others), and
 * plenty for a read buffer. */
#define CHUNK_SIZE_MIN 1ULL
#define BLOCK_SIZE_MIN 64ULL
#define SIZE_OPTION_MAX 1073741824ULL

static const char usage[] =
    "usage: referat COMMAND [OPTIONS] [FILE|DIR...]\n"
    "\n"
    "Parses Danish municipal meeting minutes (plain-text exports, and PDF files\n"
    "when built with poppler). FILE '-' or no FILE reads standard input.\n"
    "\n"
    "commands:\n"
    "  json            the document as JSON (meetings, items, sections, blocks,\n"
    "                  diagnostics); several inputs: {\"documents\": [...]}\n"
    "  events          JSON Lines: one parse event a line, with its source span\n"
    "  dump            one short line per event (the test fixtures' format)\n"
    "  tables --csv    every table row as CSV: meeting date, item number, table\n"
    "                  index, row index, then the cells\n"
    "  csv items|decisions|attendance|tables\n"
    "                  one CSV row per fact, with a header row and a source column\n"
    "  sqlite OUT.db   the documents into normalized SQLite tables (a document\n"
    "                  parsed again replaces its earlier rows)\n"
    "  stats           counts of meetings, items, sections, blocks, diagnostics\n"
    "  check           diagnostics as FILE:LINE: code: message\n"
    "  oparl [--base-url URL]  OParl 1.1 objects (meetings, agenda items, people,\n"
    "                  ...) with ids under URL (default https://referat.invalid/oparl/)\n"
    "\n"
    "inputs:\n"
    "  -r, --recursive       read the *.txt and *.pdf files under each DIR (sorted)\n"
    "  --files-from FILE     read the inputs' names from FILE, one a line ('-': stdin)\n"
    "  -0, --null            --files-from names end with NUL bytes, not line ends\n"
    "  -j, --jobs N          parse N files at a time (output in input order; 0: one\n"
    "                        a processor)\n"
    "  -q, --quiet           no progress line on a terminal\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "\n"
    "options:\n"
    "  --strict            invalid UTF-8 is an error (default: read the line as\n"
    "                      Windows-1252 and report invalid-utf8)\n"
    "  --chunk-size N      feed the parser N bytes at a time (1 to 1073741824)\n"
    "  --max-block-size N  cut blocks larger than N bytes (64 to 1073741824,\n"
    "                      default 1048576)\n"
    "  --jsonl             json: one document a line (JSON Lines)\n"
    "  --fail-on warning|error  check: exit 1 when a diagnostic of that severity\n"
    "                      or worse was found\n"
    "  -h, --help, -V, --version\n"
    "\n"
    "A file that cannot be read or parsed is reported on stderr and as an error\n"
    "record in the output; the other files are still parsed.\n"
    "\n"
    "exit status: 0 every file parsed, 1 a file was not parsed (parse error, as\n"
    "             FILE:LINE:COLUMN: error: ..., or a binary file), 2 a file could\n"
    "             not be read, a usage error or a write error\n";

typedef int (*command_fn)(int, char **, const run_options *);

static const struct {
    const char *name;
    command_fn fn;
} commands[] = {{"json", cmd_json},     {"events", cmd_events}, {"dump", cmd_dump},
                {"tables", cmd_tables}, {"stats", cmd_stats},   {"check", cmd_check},
                {"oparl", cmd_oparl},   {"csv", cmd_csv},       {"sqlite", cmd_sqlite}};

int run_files(int nfiles, char **files, const run_options *opt, event_handler fn, void *ctx)
{
    batch_cmd c = {NULL, NULL, NULL, fn, NULL, 0};
    return batch_run(nfiles, files, opt, &c, ctx);
}

static int bad_usage(const char *fmt, const char *arg)
{
    fputs("referat: ", stderr);
    fprintf(stderr, fmt, arg ? arg : "");
    fputs(" (see referat --help)\n", stderr);
    return EXIT_USAGE;
}

/* A size option's value: decimal digits only, from min to max (out-of-range
 * values are an error, not clamped). */
static int parse_size(const char *option, const char *s, unsigned long long min,
                      unsigned long long max, size_t *out)
{
    char *end = NULL;
    unsigned long long v = 0;
    if (s && *s >= '0' && *s <= '9') {
        errno = 0;
        v = strtoull(s, &end, 10);
    }
    if (!end || *end || errno == ERANGE || v < min || v > max) {
        fprintf(stderr, "referat: %s takes a whole number from %llu to %llu, not '%s'"
                        " (see referat --help)\n", option, min, max, s ? s : "");
        return 0;
    }
    *out = (size_t)v;
    return 1;
}

/* ---- the inputs: files, directories (-r), --files-from ---------------- */

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static void add(list *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) {
            fputs("referat: out of memory\n", stderr);
            exit(EXIT_USAGE);
        }
    }
    char *d = malloc(n + 1);
    if (!d) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    memcpy(d, s, n);
    d[n] = '\0';
    l->v[l->n++] = d;
}

static int wanted(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && (strcasecmp(name + n - 4, ".txt") == 0 || strcasecmp(name + n - 4, ".pdf") == 0);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.txt and *.pdf files under dir (not following links to directories,
 * not entering hidden ones). A directory that cannot be read is itself an
 * input, so that its error is reported where it stands. */
static void walk(list *out, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        add(out, dir, strlen(dir));
        return;
    }
    list here = {0};
    struct dirent *e;
    size_t dn = strlen(dir);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = dn + 1 + strlen(e->d_name);
        char *p = malloc(n + 1);
        if (!p) {
            fputs("referat: out of memory\n", stderr);
            exit(EXIT_USAGE);
        }
        snprintf(p, n + 1, "%s%s%s", dir, dn && dir[dn - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            add(&here, p, strlen(p));
        else if (wanted(e->d_name) && stat(p, &st) == 0 && !S_ISDIR(st.st_mode))
            add(&here, p, strlen(p));
        free(p);
    }
    closedir(d);
    if (here.n) /* qsort wants an array, even of none */
        qsort(here.v, here.n, sizeof *here.v, by_name);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (lstat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk(out, here.v[i]);
        else
            add(out, here.v[i], strlen(here.v[i]));
        free(here.v[i]);
    }
    free(here.v);
}

static void expand(list *out, const char *arg, int recursive)
{
    struct stat st;
    if (recursive && strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        walk(out, arg);
    else
        add(out, arg, strlen(arg));
}

/* Names from FILE ('-': stdin), one a line (CR LF too) or NUL-separated. */
static int files_from(list *out, const char *path, int nul, int recursive)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "referat: %s: %s\n", path, strerror(errno));
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getdelim(&line, &cap, nul ? '\0' : '\n', f)) > 0) {
        if (line[n - 1] == (nul ? '\0' : '\n'))
            line[--n] = '\0';
        if (!nul && n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n)
            expand(out, line, recursive);
    }
    int ok = !ferror(f);
    if (!ok)
        fprintf(stderr, "referat: %s: %s\n", path, strerror(errno));
    free(line);
    if (f != stdin)
        fclose(f);
    return ok;
}

enum { O_STRICT = 256, O_CHUNK, O_BLOCK, O_CSV, O_BASE_URL, O_FILES_FROM, O_JSONL, O_FAIL_ON };

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"strict", no_argument, NULL, O_STRICT},
        {"chunk-size", required_argument, NULL, O_CHUNK},
        {"max-block-size", required_argument, NULL, O_BLOCK},
        {"csv", no_argument, NULL, O_CSV},
        {"base-url", required_argument, NULL, O_BASE_URL},
        {"recursive", no_argument, NULL, 'r'},
        {"files-from", required_argument, NULL, O_FILES_FROM},
        {"null", no_argument, NULL, '0'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"output", required_argument, NULL, 'o'},
        {"jsonl", no_argument, NULL, O_JSONL},
        {"fail-on", required_argument, NULL, O_FAIL_ON},
        {NULL, 0, NULL, 0}};
    run_options opt;
    memset(&opt, 0, sizeof opt);
    int csv = 0, base_url = 0, recursive = 0, nul = 0, jsonl = 0, c;
    size_t jobs = 1;
    const char *output = NULL, *fail_on = NULL;
    list from = {0};
    opterr = 0;
    /* glibc's getopt_long moves the operands (command, its arguments, the
     * inputs) behind the options, in their order: options may come anywhere
     * before "--" */
    while ((c = getopt_long(argc, argv, "hVr0j:qo:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': out_write(usage, strlen(usage)); return out_close();
        case 'V': {
            const char *v = referat_version();
            out_write("referat ", 8);
            out_write(v, strlen(v));
            out_write("\n", 1);
            return out_close();
        }
        case O_STRICT: opt.strict = 1; break;
        case O_CHUNK:
            if (!parse_size("--chunk-size", optarg, CHUNK_SIZE_MIN, SIZE_OPTION_MAX, &opt.chunk_size))
                return EXIT_USAGE;
            break;
        case O_BLOCK:
            if (!parse_size("--max-block-size", optarg, BLOCK_SIZE_MIN, SIZE_OPTION_MAX,
                            &opt.max_block_size))
                return EXIT_USAGE;
            break;
        case O_CSV: csv = 1; break;
        case O_BASE_URL: oparl_set_base_url(optarg); base_url = 1; break;
        case 'r': recursive = 1; break;
        case '0': nul = 1; break;
        case O_FILES_FROM: add(&from, optarg, strlen(optarg)); break;
        case 'j':
            if (!parse_size("--jobs", optarg, 0, 256, &jobs))
                return EXIT_USAGE;
            break;
        case 'q': opt.quiet = 1; break;
        case 'o': output = optarg; break;
        case O_JSONL: jsonl = 1; break;
        case O_FAIL_ON: fail_on = optarg; break;
        case ':':
            return bad_usage("%s needs a value", argv[optind - 1]);
        default:
            if (optopt && strchr("jo", optopt))
                return bad_usage("%s needs a value", argv[optind - 1]);
            if (optopt && optopt < 256) {
                char o[3] = {'-', (char)optopt, 0};
                return bad_usage("unknown option %s", o);
            }
            if (optopt >= 256)
                return bad_usage("%s needs a value", argv[optind - 1]);
            return bad_usage("unknown option %s", argv[optind - 1]);
        }
    }
    const char *name = optind < argc ? argv[optind++] : NULL;
    command_fn fn = NULL;
    for (size_t k = 0; name && k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(name, commands[k].name) == 0)
            fn = commands[k].fn;
    if (!name)
        return bad_usage("no command given%s", NULL);
    if (!fn)
        return bad_usage("unknown command %s", name);
    if (fn == cmd_tables && !csv)
        return bad_usage("tables needs --csv (the only format so far)%s", NULL);
    if (base_url && fn != cmd_oparl)
        return bad_usage("--base-url is an option of oparl%s", NULL);
    if (jsonl && fn != cmd_json)
        return bad_usage("--jsonl is an option of json%s", NULL);
    if (fail_on) {
        if (fn != cmd_check)
            return bad_usage("--fail-on is an option of check%s", NULL);
        if (strcmp(fail_on, "warning") == 0)
            opt.fail_on = 1;
        else if (strcmp(fail_on, "error") == 0)
            opt.fail_on = 2;
        else
            return bad_usage("--fail-on takes warning or error, not '%s'", fail_on);
    }
    /* the command's own arguments */
    const char *sub = NULL;
    if (fn == cmd_csv || fn == cmd_sqlite) {
        if (optind >= argc)
            return bad_usage(fn == cmd_csv ? "csv needs what to export: items, decisions, "
                                             "attendance or tables%s"
                                           : "sqlite needs the database file: referat sqlite "
                                             "OUT.db FILE...%s", NULL);
        sub = argv[optind++];
        if (fn == cmd_csv && strcmp(sub, "items") && strcmp(sub, "decisions") &&
            strcmp(sub, "attendance") && strcmp(sub, "tables"))
            return bad_usage("csv exports items, decisions, attendance or tables, not '%s'", sub);
    }
    list inputs = {0};
    for (int i = optind; i < argc; i++)
        expand(&inputs, argv[i], recursive);
    for (size_t i = 0; i < from.n; i++)
        if (!files_from(&inputs, from.v[i], nul, recursive))
            return EXIT_USAGE;
    if (from.n && !inputs.n) { /* an empty list is no input, not stdin */
        fputs("referat: --files-from gave no file names\n", stderr);
        return EXIT_USAGE;
    }
    opt.several = inputs.n > 1 || recursive || from.n;
    if (jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (size_t)n : 1;
    }
    opt.jobs = (int)jobs;
    opt.jsonl = jsonl;
    opt.sub = sub;
    if (output && !freopen(output, "w", stdout)) {
        fprintf(stderr, "referat: %s: %s\n", output, strerror(errno));
        return EXIT_USAGE;
    }
    int rc = fn((int)inputs.n, inputs.v, &opt);
    for (size_t i = 0; i < inputs.n; i++)
        free(inputs.v[i]);
    free(inputs.v);
    for (size_t i = 0; i < from.n; i++)
        free(from.v[i]);
    free(from.v);
    int out = out_close(); /* a write error is an I/O error, also after a parse error */
    return out > rc ? out : rc;
}
