#define _GNU_SOURCE /* clock_gettime, getdelim, realpath */
#include "driver.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "output.h"

enum { SNIFF = 65536 }; /* bytes looked at for NUL bytes and the PDF magic */

/* ---- progress line ---------------------------------------------------- */

static struct {
    int on;                       /* stderr is a terminal and not --quiet */
    int shown;                    /* a line is on the screen */
    double start, last;
    unsigned long long total;     /* bytes of the regular files, 0: unknown */
    int files;
    atomic_int done;
    atomic_ullong bytes;
    pthread_mutex_t lock;
} progress = {.lock = PTHREAD_MUTEX_INITIALIZER};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Redraws the line at most 5 times a second, from 1 s into the run on. */
static void progress_tick(int force)
{
    if (!progress.on)
        return;
    pthread_mutex_lock(&progress.lock);
    double t = now();
    if (t - progress.start >= 1.0 && (force || t - progress.last >= 0.2)) {
        double mb = (double)atomic_load(&progress.bytes) / 1e6;
        double rate = mb / (t - progress.start);
        char eta[32] = "";
        if (progress.total && rate > 0) {
            double left = ((double)progress.total / 1e6 - mb) / rate;
            if (left < 0)
                left = 0;
            snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
        }
        fprintf(stderr, "\rreferat: %d/%d files, %.1f MB, %.1f MB/s%s\033[K",
                atomic_load(&progress.done), progress.files, mb, rate, eta);
        fflush(stderr);
        progress.shown = 1;
        progress.last = t;
    }
    pthread_mutex_unlock(&progress.lock);
}

/* Takes the line off the screen (before a message, and at the end). */
static void progress_clear(void)
{
    pthread_mutex_lock(&progress.lock);
    if (progress.shown) {
        fputs("\r\033[K", stderr);
        progress.shown = 0;
    }
    pthread_mutex_unlock(&progress.lock);
}

/* ---- one input ------------------------------------------------------- */

static int fail(source_result *r, int status, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    r->status = status;
    r->code = code;
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return status;
}

void report_result(const char *path, const source_result *r)
{
    if (!r->status || strcmp(r->code, "output") == 0)
        return; /* a failed write is reported once, by out_fail */
    progress_clear();
    if (r->has_position)
        fprintf(stderr, "%s:%llu:%llu: error: %s (byte offset %llu)\n", path, r->line,
                r->column, r->message, r->offset);
    else
        fprintf(stderr, "referat: %s: %s\n", path, r->message);
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

/* Feeds data in chunk-sized pieces, draining after each. */
static referat_status feed(referat_parser *p, const unsigned char *data, size_t n, size_t chunk,
                           const char *path, event_handler fn, void *ctx)
{
    referat_status st = REFERAT_NEED_INPUT;
    for (size_t off = 0; off < n && st == REFERAT_NEED_INPUT && !out_failed(); off += chunk) {
        referat_parser_feed(p, data + off, n - off < chunk ? n - off : chunk);
        st = drain(p, path, fn, ctx);
    }
    atomic_fetch_add(&progress.bytes, n);
    progress_tick(0);
    return st;
}

/* NUL bytes in the first 64 KiB: 8 or more, or more than one in 64 bytes
 * (a text with a stray NUL is still read, and reported invalid-utf8). */
static int binary(const unsigned char *p, size_t n)
{
    size_t nul = 0;
    for (const unsigned char *q = p; (q = memchr(q, '\0', n - (size_t)(q - p))) != NULL; q++)
        nul++;
    return nul >= 8 || nul * 64 > n;
}

/* Reads up to n bytes (fewer only at the end of the file). */
static size_t read_full(FILE *f, unsigned char *buf, size_t n)
{
    size_t got = 0, k;
    while (got < n && (k = fread(buf + got, 1, n - got, f)) > 0)
        got += k;
    return got;
}

int run_source(const char *path, const run_options *opt, event_handler fn, void *ctx,
               source_result *r)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "-" : path;
    memset(r, 0, sizeof *r);
    if (out_failed())
        return fail(r, EXIT_USAGE, "output", "%s", "output failed");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return fail(r, EXIT_USAGE, "io", "%s", strerror(errno));
    size_t chunk = opt->chunk_size ? opt->chunk_size : 65536;
    size_t cap = chunk > SNIFF ? chunk : SNIFF;
    unsigned char *buf = malloc(cap);
    char *pdf = NULL;
    size_t pdf_size = 0;
    referat_parser *p = NULL;
    if (!buf) {
        fail(r, EXIT_PARSE_ERROR, "no-memory", "%s", strerror(ENOMEM));
        goto done;
    }
    errno = 0;
    size_t n = read_full(f, buf, SNIFF);
    if (ferror(f)) { /* e.g. EISDIR: fopen takes a directory */
        fail(r, EXIT_USAGE, "io", "%s", strerror(errno ? errno : EIO));
        goto done;
    }
    if (n >= 5 && memcmp(buf, "%PDF-", 5) == 0) {
        if (is_stdin) {
            fail(r, EXIT_USAGE, "pdf", "a PDF on standard input: give its file name, or "
                                       "convert it with pdftotext -enc UTF-8 FILE.pdf");
            goto done;
        }
        if (pdf_text(path, &pdf, &pdf_size, r) != 0)
            goto done;
    } else if (binary(buf, n)) {
        fail(r, EXIT_PARSE_ERROR, "binary", "binary file (NUL bytes in the first 64 KiB), skipped");
        goto done;
    }
    referat_options o;
    referat_options_init(&o);
    o.strict_utf8 = opt->strict;
    if (opt->max_block_size)
        o.max_block_size = opt->max_block_size;
    p = referat_parser_new(&o);
    if (!p) {
        fail(r, EXIT_PARSE_ERROR, "no-memory", "%s", strerror(ENOMEM));
        goto done;
    }
    referat_status st;
    if (pdf) {
        st = feed(p, (unsigned char *)pdf, pdf_size, chunk, name, fn, ctx);
    } else {
        st = feed(p, buf, n, chunk, name, fn, ctx);
        while (st == REFERAT_NEED_INPUT && n == SNIFF && !out_failed()) {
            errno = 0;
            n = fread(buf, 1, chunk, f);
            if (ferror(f)) {
                fail(r, EXIT_USAGE, "io", "%s", strerror(errno ? errno : EIO));
                goto done;
            }
            if (n == 0)
                break;
            st = feed(p, buf, n, chunk, name, fn, ctx);
            n = SNIFF; /* not at the end yet */
        }
    }
    if (st == REFERAT_NEED_INPUT && !out_failed()) {
        referat_parser_finish(p);
        st = drain(p, name, fn, ctx);
    }
    if (out_failed()) {
        fail(r, EXIT_USAGE, "output", "%s", "output failed");
    } else if (st == REFERAT_ERROR) {
        const referat_error *e = referat_parser_error(p);
        const char *code = referat_error_code_name(e->code);
        fail(r, EXIT_PARSE_ERROR, code ? code : "error", "%s", e->message);
        r->has_position = 1;
        r->line = e->line;
        r->column = e->column;
        r->offset = e->offset;
    }
done:
    referat_parser_free(p);
    free(buf);
    free(pdf);
    if (!is_stdin)
        fclose(f);
    return r->status;
}

/* ---- many inputs ------------------------------------------------------ */

typedef struct slot {
    capture cap;
    source_result r;
    int done;
} slot;

typedef struct pool {
    int nfiles;
    char **files;
    const run_options *opt;
    const batch_cmd *c;
    void *shared;
    slot *slots;
    int window;
    int next, emitted, stop;
    pthread_mutex_t lock;
    pthread_cond_t space, ready;
} pool;

static const char *input(int nfiles, char **files, int i)
{
    return nfiles ? files[i] : "-";
}

/* One document, its output captured in cap (NULL: straight to stdout). */
static void one(const batch_cmd *c, void *ctx, const char *src, int index,
                const run_options *opt, capture *cap, source_result *r)
{
    out_capture(cap);
    if (c->begin)
        c->begin(ctx, src, index);
    run_source(src, opt, c->on_event, ctx, r);
    if (c->end && !out_failed())
        c->end(ctx, src, r);
    out_capture(NULL);
    atomic_fetch_add(&progress.done, 1);
}

static void *worker(void *arg)
{
    pool *pl = arg;
    void *ctx = pl->c->ctx_new(pl->shared);
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        while (!pl->stop && pl->next < pl->nfiles && pl->next - pl->emitted >= pl->window)
            pthread_cond_wait(&pl->space, &pl->lock);
        if (pl->stop || pl->next >= pl->nfiles) {
            pthread_mutex_unlock(&pl->lock);
            break;
        }
        int i = pl->next++;
        pthread_mutex_unlock(&pl->lock);
        slot *s = &pl->slots[i % pl->window];
        one(pl->c, ctx, pl->files[i], i, pl->opt, &s->cap, &s->r);
        pthread_mutex_lock(&pl->lock);
        s->done = 1;
        pthread_cond_broadcast(&pl->ready);
        pthread_mutex_unlock(&pl->lock);
    }
    pl->c->ctx_free(ctx);
    return NULL;
}

static int run_parallel(int nfiles, char **files, const run_options *opt, const batch_cmd *c,
                        void *shared, int jobs)
{
    pool pl = {.nfiles = nfiles, .files = files, .opt = opt, .c = c, .shared = shared};
    pl.window = 4 * jobs;
    pl.slots = calloc((size_t)pl.window, sizeof *pl.slots);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    if (!pl.slots || !th) {
        fputs("referat: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    pthread_mutex_init(&pl.lock, NULL);
    pthread_cond_init(&pl.space, NULL);
    pthread_cond_init(&pl.ready, NULL);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, &pl) != 0)
            break;
    if (!started) {
        fputs("referat: cannot start a thread\n", stderr);
        exit(EXIT_USAGE);
    }
    int rc = 0;
    for (int i = 0; i < nfiles; i++) {
        slot *s = &pl.slots[i % pl.window];
        pthread_mutex_lock(&pl.lock);
        while (!s->done)
            pthread_cond_wait(&pl.ready, &pl.lock);
        pthread_mutex_unlock(&pl.lock);
        capture_emit(&s->cap);
        report_result(files[i], &s->r);
        if (s->r.status > rc)
            rc = s->r.status;
        progress_tick(0);
        pthread_mutex_lock(&pl.lock);
        s->done = 0;
        pl.emitted = i + 1;
        if (out_failed())
            pl.stop = 1;
        pthread_cond_broadcast(&pl.space);
        pthread_mutex_unlock(&pl.lock);
        if (pl.stop)
            break;
    }
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (int k = 0; k < pl.window; k++)
        capture_free(&pl.slots[k].cap);
    free(pl.slots);
    free(th);
    pthread_mutex_destroy(&pl.lock);
    pthread_cond_destroy(&pl.space);
    pthread_cond_destroy(&pl.ready);
    return rc;
}

int batch_run(int nfiles, char **files, const run_options *opt, const batch_cmd *c,
              void *shared)
{
    int count = nfiles ? nfiles : !opt->several; /* -r over nothing reads no stdin */
    progress.on = !opt->quiet && isatty(2);
    progress.start = now();
    progress.files = count;
    progress.total = 0;
    for (int i = 0; progress.on && i < nfiles; i++) {
        struct stat st;
        if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
            progress.total += (unsigned long long)st.st_size;
    }
    int jobs = opt->jobs > 1 && c->ctx_new ? opt->jobs : 1;
    if (jobs > nfiles)
        jobs = nfiles > 1 ? nfiles : 1;
    int rc = 0;
    if (jobs > 1) {
        rc = run_parallel(nfiles, files, opt, c, shared, jobs);
    } else {
        void *ctx = c->ctx_new ? c->ctx_new(shared) : shared;
        capture cap = {{0}, NULL};
        for (int i = 0; i < count && !out_failed(); i++) {
            source_result r;
            one(c, ctx, input(nfiles, files, i), i, opt, c->capture ? &cap : NULL, &r);
            capture_emit(&cap);
            report_result(input(nfiles, files, i), &r);
            if (r.status > rc)
                rc = r.status;
            progress_tick(0);
        }
        capture_free(&cap);
        if (c->ctx_new)
            c->ctx_free(ctx);
    }
    progress_tick(1);
    progress_clear();
    if (out_failed())
        rc = EXIT_USAGE;
    return rc;
}
