/* The C API: life cycle, misuse, errors, limits, allocator failures,
 * robustness on arbitrary bytes, independence of parsers. */
#define _POSIX_C_SOURCE 200809L /* strdup, pthreads */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "../cli/dump.h"
#include "support.h"

static const char small_doc[] =
    "REFERAT Direktionen d. 21-08-2023\n"
    "\n"
    "Mødedato Mandag d. 21. august 2023 kl. 08:00\n"
    "\n"
    "Punkt 1: Øvrige sager\r\n"
    "\r\n"
    "22/23184\n"
    "\n"
    "Baggrund\n"
    "\n"
    "Første afsnit.\n"
    "\n"
    "- a. punkt\n"
    "- b. punkt\n"
    "\n"
    "Navn\tBeløb\n"
    "Total\t1.000\n";

static void test_version(void **state)
{
    (void)state;
    assert_string_equal(referat_version(), REFERAT_VERSION_STRING);
    assert_int_equal(referat_version_number(), REFERAT_VERSION_NUMBER);
    assert_int_equal(REFERAT_VERSION_NUMBER >> 16, REFERAT_VERSION_MAJOR);
}

static void test_defaults(void **state)
{
    (void)state;
    referat_options o;
    memset(&o, 0x5a, sizeof o);
    referat_options_init(&o);
    assert_int_equal(o.max_block_size, 1u << 20);
    assert_int_equal(o.strict_utf8, 0);
    assert_int_equal(o.fail_on_limit, 0);
    assert_null(o.realloc_fn);
    assert_string_equal(referat_event_type_name(REFERAT_EV_TABLE_ROW), "table_row");
    assert_string_equal(referat_section_kind_name(REFERAT_SECTION_DECISION), "decision");
    assert_string_equal(referat_diagnostic_code_name(REFERAT_DIAG_BLOCK_TOO_LARGE),
                        "block-too-large");
    assert_int_equal(o.struct_size, sizeof o);
    assert_int_equal(o.max_list_entries, 0); /* 0: the library's default */
    /* the name functions end with NULL, so callers need no counts */
    assert_null(referat_event_type_name((referat_event_type)999));
    assert_null(referat_section_kind_name((referat_section_kind)999));
    assert_null(referat_diagnostic_code_name((referat_diagnostic_code)999));
    assert_null(referat_outcome_name((referat_outcome)999));
    assert_null(referat_participation_name((referat_participation)999));
    assert_null(referat_meeting_kind_name((referat_meeting_kind)2));
    assert_string_equal(referat_error_code_name(REFERAT_E_NO_MEMORY), "no-memory");
    assert_null(referat_error_code_name((referat_error_code)7));
    int types = 0;
    while (referat_event_type_name((referat_event_type)types))
        types++;
    assert_int_equal(types, REFERAT_EV_PARTICIPATION + 1);
    assert_string_equal(referat_outcome_name(REFERAT_OUTCOME_NOT_TREATED), "not_treated");
}

/* The options of a program built against an older library: the struct
 * without the fields added since (it ends after alloc_ctx), its size in
 * struct_size. The library must read no byte past it and give the missing
 * fields their defaults. */
typedef struct options_older {
    size_t struct_size;
    int strict_utf8;
    size_t max_block_size;
    int fail_on_limit;
    referat_realloc_fn realloc_fn;
    void *alloc_ctx;
} options_older;

static int count_toc(void *user, const referat_event *ev)
{
    if (ev->type == REFERAT_EV_TOC_ENTRY)
        (*(int *)user)++;
    return 0;
}

static void test_options_of_an_older_program(void **state)
{
    (void)state;
    options_older *old = malloc(sizeof *old); /* exact size: ASan sees an over-read */
    memset(old, 0, sizeof *old);
    old->struct_size = sizeof *old;
    old->max_block_size = 4096;
    /* 12000 TOC entries: the default max_list_entries (10000) applies */
    sb doc = {0};
    sb_puts(&doc, "REFERAT X d. 01-01-2020\n\nIndholdsfortegnelse\n");
    for (int i = 0; i < 12000; i++)
        sb_puts(&doc, "Titel.....\t3\n");
    int toc = 0;
    referat_error err;
    assert_int_equal(referat_parse(doc.data, doc.size, (const referat_options *)old, count_toc,
                                   &toc, &err),
                     REFERAT_END);
    assert_int_equal(toc, 10000);
    /* options not made by referat_options_init are refused */
    old->struct_size = 0;
    assert_null(referat_parser_new((const referat_options *)old));
    free(old);
    sb_free(&doc);
}

static void test_empty_input(void **state)
{
    (void)state;
    referat_parser *p = referat_parser_new(NULL);
    const referat_event *ev;
    assert_int_equal(referat_parser_next(p, &ev), REFERAT_NEED_INPUT);
    assert_int_equal(referat_parser_finish(p), REFERAT_OK);
    assert_int_equal(referat_parser_next(p, &ev), REFERAT_END);
    assert_null(ev);
    assert_int_equal(referat_parser_next(p, &ev), REFERAT_END);
    assert_null(referat_parser_error(p));
    referat_parser_free(p);
    referat_parser_free(NULL);
}

static void test_misuse(void **state)
{
    (void)state;
    referat_parser *p = referat_parser_new(NULL);
    assert_int_equal(referat_parser_feed(p, small_doc, sizeof small_doc - 1), REFERAT_OK);
    /* the first chunk was not used up yet */
    assert_int_equal(referat_parser_feed(p, "x", 1), REFERAT_ERROR);
    const referat_error *e = referat_parser_error(p);
    assert_non_null(e);
    assert_int_equal(e->code, REFERAT_E_MISUSE);
    const referat_event *ev;
    assert_int_equal(referat_parser_next(p, &ev), REFERAT_ERROR);
    referat_parser_free(p);

    p = referat_parser_new(NULL);
    referat_parser_finish(p);
    assert_int_equal(referat_parser_feed(p, "x", 1), REFERAT_ERROR);
    assert_int_equal(referat_parser_error(p)->code, REFERAT_E_MISUSE);
    referat_parser_free(p);

    p = referat_parser_new(NULL);
    assert_int_equal(referat_parser_next(p, NULL), REFERAT_ERROR);
    referat_parser_free(p);
    assert_int_equal(referat_parser_feed(NULL, "x", 1), REFERAT_ERROR);
    assert_int_equal(referat_parser_next(NULL, &ev), REFERAT_ERROR);
}

static int stop_at_item(void *user, const referat_event *ev)
{
    int *seen = user;
    (*seen)++;
    return ev->type == REFERAT_EV_ITEM_START;
}

static void test_callback_abort(void **state)
{
    (void)state;
    int seen = 0;
    referat_error err;
    assert_int_equal(referat_parse(small_doc, sizeof small_doc - 1, NULL, stop_at_item, &seen,
                                   &err),
                     REFERAT_ERROR);
    assert_int_equal(err.code, REFERAT_E_ABORTED);
    assert_int_equal(err.line, 5);
    assert_int_equal(seen, 3); /* meeting_start, meta, item_start */
    seen = 0;
    assert_int_equal(referat_parse(small_doc, sizeof small_doc - 1, NULL, NULL, NULL, NULL),
                     REFERAT_END);
}

typedef struct collected {
    referat_event ev[64];
    char text[64][128];
    int n;
} collected;

static int collect(void *user, const referat_event *ev)
{
    collected *c = user;
    if (c->n < 64) {
        c->ev[c->n] = *ev;
        snprintf(c->text[c->n], sizeof c->text[0], "%.*s", (int)ev->text.size,
                 ev->text.data ? ev->text.data : "");
        c->n++;
    }
    return 0;
}

static const referat_event *find(const collected *c, referat_event_type t, int nth)
{
    for (int i = 0; i < c->n; i++) {
        if (c->ev[i].type == t && nth-- == 0)
            return &c->ev[i];
    }
    return NULL;
}

static void test_spans_and_fields(void **state)
{
    (void)state;
    collected c = {0};
    assert_int_equal(referat_parse(small_doc, sizeof small_doc - 1, NULL, collect, &c, NULL),
                     REFERAT_END);
    const referat_event *m = find(&c, REFERAT_EV_MEETING_START, 0);
    assert_non_null(m);
    assert_int_equal(m->span.start_offset, 0);
    assert_int_equal(m->span.end_offset, 34);
    assert_int_equal(m->span.start_line, 1);
    const referat_event *item = find(&c, REFERAT_EV_ITEM_START, 0);
    assert_non_null(item);
    assert_int_equal(item->span.start_line, 5);
    /* "Punkt 1: Øvrige sager\r\n" starts after 34 + 1 + 46 + 1 bytes */
    assert_int_equal(item->span.start_offset, 82);
    assert_int_equal(item->span.end_offset, 82 + 24);
    assert_int_equal(item->number, 1);
    assert_int_equal(item->page, -1);
    assert_null(item->toc_title.data);
    const referat_event *para = find(&c, REFERAT_EV_PARAGRAPH, 0);
    assert_non_null(para);
    assert_int_equal(para->span.start_line, 11);
    const referat_event *li = find(&c, REFERAT_EV_LIST_ITEM, 1);
    assert_non_null(li);
    assert_int_equal(li->span.start_line, 14);
    const referat_event *end = find(&c, REFERAT_EV_MEETING_END, 0);
    assert_non_null(end);
    assert_int_equal(end->span.end_offset, sizeof small_doc - 1);
    assert_int_equal(end->span.end_line, 17);
}

static int valid_utf8(referat_string s)
{
    if (!s.data)
        return 1;
    utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)s.size;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s.data + i, n - i, &cp);
        if (k <= 0 || cp == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Checks what every consumer relies on: valid UTF-8 everywhere, nesting. */
typedef struct checker {
    int depth[5];      /* meeting, item, section, list, table */
    int bad_text;
    int bad_nesting;
    int events;
} checker;

static int check_event(void *user, const referat_event *ev)
{
    checker *k = user;
    k->events++;
    const referat_string *fields[] = {&ev->kind, &ev->text, &ev->name, &ev->note, &ev->title,
                                      &ev->toc_title, &ev->case_number, &ev->heading,
                                      &ev->body, &ev->date, &ev->weekday, &ev->time,
                                      &ev->label, &ev->severity};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        k->bad_text |= !valid_utf8(*fields[i]);
    for (size_t i = 0; i < ev->cell_count; i++)
        k->bad_text |= !valid_utf8(ev->cells[i].text);
    static const struct {
        referat_event_type open, close;
    } pairs[] = {{REFERAT_EV_MEETING_START, REFERAT_EV_MEETING_END},
                 {REFERAT_EV_ITEM_START, REFERAT_EV_ITEM_END},
                 {REFERAT_EV_SECTION_START, REFERAT_EV_SECTION_END},
                 {REFERAT_EV_LIST_START, REFERAT_EV_LIST_END},
                 {REFERAT_EV_TABLE_START, REFERAT_EV_TABLE_END}};
    for (int i = 0; i < 5; i++) {
        if (ev->type == pairs[i].open) {
            /* lists and tables both sit directly in a section */
            for (int j = 0; j < 5; j++)
                k->bad_nesting |= k->depth[j] != (j < (i < 3 ? i : 3));
            k->depth[i]++;
        } else if (ev->type == pairs[i].close) {
            for (int j = 0; j < 5; j++)
                k->bad_nesting |= k->depth[j] != (j < (i < 3 ? i : 3) || j == i);
            k->depth[i]--;
        }
    }
    if (ev->type >= REFERAT_EV_PARAGRAPH && ev->type <= REFERAT_EV_TABLE_END)
        k->bad_nesting |= k->depth[2] != 1;
    return 0;
}

static void assert_well_formed(const void *data, size_t n, const referat_options *opt)
{
    checker k;
    memset(&k, 0, sizeof k);
    referat_error err;
    referat_status st = referat_parse(data, n, opt, check_event, &k, &err);
    if (st != REFERAT_END)
        assert_true(opt && (opt->strict_utf8 || opt->fail_on_limit));
    assert_int_equal(k.bad_text, 0);
    if (st == REFERAT_END) {
        if (k.bad_nesting) {
            referat_status s2;
            char *dump = parse_dump(data, n, 0, opt, &s2, NULL);
            print_error("badly nested events:\n%s", dump);
            free(dump);
        }
        assert_int_equal(k.bad_nesting, 0);
        for (int i = 0; i < 5; i++)
            assert_int_equal(k.depth[i], 0);
    }
}

static void test_block_too_large(void **state)
{
    (void)state;
    referat_options opt;
    referat_options_init(&opt);
    opt.max_block_size = 64;
    sb doc = {0};
    sb_puts(&doc, "REFERAT Direktionen d. 21-08-2023\n\nPunkt 1: Stor\n\n22/1\n\nBaggrund\n\n");
    for (int i = 0; i < 10; i++)
        sb_puts(&doc, "Linje med tyve tegn\n"); /* 20 bytes each: 3 fit in 64 */
    sb_puts(&doc, "\n");
    for (int i = 0; i < 40; i++)
        sb_puts(&doc, "æø"); /* one 160-byte line of 2-byte characters */
    sb_puts(&doc, "\n");
    referat_status st;
    char *dump = parse_dump(doc.data, doc.size, 0, &opt, &st, NULL);
    assert_int_equal(st, REFERAT_END);
    /* 10 lines of 20 bytes: pieces of 3, 3, 3, 1 lines: 3 cuts; the long
     * line: pieces of 64, 64, 32 bytes (cut at character boundaries): 2 cuts */
    int diags = 0, paras = 0;
    for (const char *s = dump; (s = strstr(s, "block-too-large")); s++)
        diags++;
    for (const char *s = dump; (s = strstr(s, "=PARA ")); s++)
        paras++;
    for (const char *s = dump; (s = strstr(s, "=HEADING ")); s++)
        paras++;
    assert_int_equal(diags, 5);
    assert_int_equal(paras, 7);
    assert_non_null(strstr(dump, "=PARA \"" "æøæøæøæøæøæøæøæøæøæøæøæøæøæøæøæø\" @20"));
    /* nothing is lost */
    int lines = 0;
    for (const char *s = dump; (s = strstr(s, "Linje med tyve tegn")); s++)
        lines++;
    assert_int_equal(lines, 10);
    free(dump);
    assert_well_formed(doc.data, doc.size, &opt);
    for (size_t chunk = 1; chunk < 70; chunk += 13) {
        char *again = parse_dump(doc.data, doc.size, chunk, &opt, &st, NULL);
        char *whole = parse_dump(doc.data, doc.size, 0, &opt, &st, NULL);
        assert_string_equal(again, whole);
        free(again);
        free(whole);
    }
    opt.fail_on_limit = 1;
    referat_error err;
    free(parse_dump(doc.data, doc.size, 0, &opt, &st, &err));
    assert_int_equal(st, REFERAT_ERROR);
    assert_int_equal(err.code, REFERAT_E_TOO_LARGE);
    assert_int_equal(err.line, 9);
    sb_free(&doc);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    size_t n;
    char *input = read_file(FIXTURE_DIR "/tables.txt", &n);
    assert_non_null(input);
    referat_status st;
    char *expected = parse_dump(input, n, 5, NULL, &st, NULL);
    int failures = 0;
    for (long k = 0;; k++) {
        failing f = {k, 0, 0};
        referat_options opt;
        referat_options_init(&opt);
        opt.realloc_fn = failing_realloc;
        opt.alloc_ctx = &f;
        referat_error err;
        char *dump = parse_dump(input, n, 5, &opt, &st, &err);
        assert_int_equal(f.live, 0);
        if (st == REFERAT_END) {
            assert_string_equal(dump, expected);
            free(dump);
            break;
        }
        /* referat_parser_new itself failing gives a NULL parser */
        if (k > 0) {
            assert_int_equal(st, REFERAT_ERROR);
            assert_int_equal(err.code, REFERAT_E_NO_MEMORY);
        }
        failures++;
        free(dump);
    }
    assert_true(failures > 10);
    free(expected);
    free(input);
}

static uint32_t next_random(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_arbitrary_bytes(void **state)
{
    (void)state;
    static const char *const tokens[] = {
        "REFERAT Direktionen d. 01-02-2023\n", "Punkt 1: ", "Punkt 3: Lukket\n", "22/1\n",
        "\n", "\r", "\r\n", "\t", "|", "|---|", "- ", " - i. ", "1. ", "**", "__", "*",
        "<p>", "</u>", "<br/>", "&#x", "&amp;", ";", "Afbud ", "Bilag\n", "Baggrund\n",
        "Indholdsfortegnelse\n", "Titel.....\t3\n", "Mødedato ", "Mødedeltagere a, b (c)",
        "Beslutning Direktionen den 01-02-2023\n", "\xef\xbb\xbf", "\xc3", "\xa6", "\xff",
        "\x00", "\xe2\x80", "\xc2\xad", "æøå", "608.192", "-0,0", ".....", " og ", ", "};
    uint32_t seed = 12345;
    char buf[3000];
    for (int round = 0; round < 1500; round++) {
        size_t n = 0, want = next_random(&seed) % sizeof buf;
        while (n < want) {
            const char *t = tokens[next_random(&seed) % (sizeof tokens / sizeof tokens[0])];
            size_t len = t[0] ? strlen(t) : 1;
            if (n + len > sizeof buf)
                break;
            memcpy(buf + n, t, len);
            n += len;
        }
        referat_options opt;
        referat_options_init(&opt);
        opt.max_block_size = round % 3 == 0 ? 64 : 1 << 20;
        opt.strict_utf8 = round % 7 == 0;
        assert_well_formed(buf, n, &opt);
        if (round % 25 == 0) {
            referat_status a, b;
            char *whole = parse_dump(buf, n, 0, &opt, &a, NULL);
            char *bytes = parse_dump(buf, n, 1, &opt, &b, NULL);
            assert_int_equal(a, b);
            assert_string_equal(whole, bytes);
            free(whole);
            free(bytes);
        }
    }
}

/* Inputs that once took quadratic time (unbalanced markup, many merged
 * tables); ctest's timeout for this test catches a return of that. */
static void test_pathological_inputs(void **state)
{
    (void)state;
    static const char *const units[] = {"*a ", "__a ", "<b x", "a\tb\n\n", "- a\n\n",
                                        "&#1", "Afbud A\n\n"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        sb doc = {0};
        sb_puts(&doc, "REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\n");
        for (int i = 0; i < 40000; i++)
            sb_puts(&doc, units[u]);
        sb_puts(&doc, "\n");
        checker k;
        memset(&k, 0, sizeof k);
        assert_int_equal(referat_parse(doc.data, doc.size, NULL, check_event, &k, NULL),
                         REFERAT_END);
        assert_int_equal(k.bad_nesting, 0);
        assert_true(k.events > 5);
        sb_free(&doc);
    }
}

static int count_events(void *user, const referat_event *ev)
{
    (void)ev;
    (*(int *)user)++;
    return 0;
}

static void test_parse_file(void **state)
{
    (void)state;
    size_t n;
    char *data = read_file(FIXTURE_DIR "/tables.txt", &n);
    int from_file = 0, from_memory = 0;
    referat_error err;
    assert_int_equal(referat_parse_file(FIXTURE_DIR "/tables.txt", NULL, count_events,
                                        &from_file, &err), REFERAT_END);
    assert_int_equal(referat_parse(data, n, NULL, count_events, &from_memory, NULL),
                     REFERAT_END);
    assert_int_equal(from_file, from_memory);
    assert_true(from_file > 20);
    assert_int_equal(referat_parse_file(FIXTURE_DIR "/no-such-file.txt", NULL, count_events,
                                        &from_file, &err), REFERAT_ERROR);
    assert_int_equal(err.code, REFERAT_E_IO);
    int seen = 0;
    assert_int_equal(referat_parse_file(FIXTURE_DIR "/tables.txt", NULL, stop_at_item, &seen,
                                        &err), REFERAT_ERROR);
    assert_int_equal(err.code, REFERAT_E_ABORTED);
    free(data);
}

static void test_parsers_are_independent(void **state)
{
    (void)state;
    size_t n1, n2;
    char *a = read_file(FIXTURE_DIR "/lists.txt", &n1);
    char *b = read_file(FIXTURE_DIR "/cp1252.txt", &n2);
    referat_status st;
    char *expect_a = parse_dump(a, n1, 0, NULL, &st, NULL);
    char *expect_b = parse_dump(b, n2, 0, NULL, &st, NULL);
    referat_parser *pa = referat_parser_new(NULL), *pb = referat_parser_new(NULL);
    sb da = {0}, dbuf = {0};
    sb_put(&da, "", 0);
    sb_put(&dbuf, "", 0);
    size_t ia = 0, ib = 0;
    int done_a = 0, done_b = 0;
    while (!done_a || !done_b) {
        /* alternate: three bytes to one parser, then to the other */
        referat_parser *ps[2] = {pa, pb};
        const char *src[2] = {a, b};
        size_t *pos[2] = {&ia, &ib}, len[2] = {n1, n2};
        int *done[2] = {&done_a, &done_b};
        sb *out[2] = {&da, &dbuf};
        for (int k = 0; k < 2; k++) {
            if (*done[k])
                continue;
            if (*pos[k] < len[k]) {
                size_t c = len[k] - *pos[k] < 3 ? len[k] - *pos[k] : 3;
                referat_parser_feed(ps[k], src[k] + *pos[k], c);
                *pos[k] += c;
            } else {
                referat_parser_finish(ps[k]);
            }
            const referat_event *ev;
            while ((st = referat_parser_next(ps[k], &ev)) == REFERAT_OK)
                dump_event(out[k], ev);
            *done[k] = st == REFERAT_END;
        }
    }
    assert_string_equal(da.data, expect_a);
    assert_string_equal(dbuf.data, expect_b);
    referat_parser_free(pa);
    referat_parser_free(pb);
    sb_free(&da);
    sb_free(&dbuf);
    free(expect_a);
    free(expect_b);
    free(a);
    free(b);
}

typedef struct thread_job {
    const char *path;
    char *dump;
} thread_job;

static void *parse_in_thread(void *arg)
{
    thread_job *job = arg;
    size_t n;
    char *data = read_file(job->path, &n);
    referat_status st;
    job->dump = NULL;
    for (int round = 0; data && round < 20; round++) {
        char *d = parse_dump(data, n, (size_t)round % 7 + 1, NULL, &st, NULL);
        if (job->dump && strcmp(job->dump, d) != 0) {
            free(d);
            d = strdup("differs between rounds");
        }
        free(job->dump);
        job->dump = d;
    }
    free(data);
    return NULL;
}

static void test_parsers_on_threads(void **state)
{
    (void)state;
    static const char *const names[] = {"lists", "tables", "markup", "cp1252"};
    thread_job jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        static char paths[4][512];
        snprintf(paths[i], sizeof paths[i], "%s/%s.txt", FIXTURE_DIR, names[i]);
        jobs[i].path = paths[i];
        assert_int_equal(pthread_create(&threads[i], NULL, parse_in_thread, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        size_t n;
        char *data = read_file(jobs[i].path, &n);
        referat_status st;
        char *alone = parse_dump(data, n, 0, NULL, &st, NULL);
        assert_non_null(jobs[i].dump);
        assert_string_equal(jobs[i].dump, alone);
        free(alone);
        free(data);
        free(jobs[i].dump);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_options_of_an_older_program),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_callback_abort),
        cmocka_unit_test(test_spans_and_fields),
        cmocka_unit_test(test_block_too_large),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_arbitrary_bytes),
        cmocka_unit_test(test_pathological_inputs),
        cmocka_unit_test(test_parse_file),
        cmocka_unit_test(test_parsers_are_independent),
        cmocka_unit_test(test_parsers_on_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
