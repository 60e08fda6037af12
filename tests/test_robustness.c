/* Regression tests for the robustness audit of 0.1.0 (one test per finding)
 * and the failure-injection and bounded-memory checks that would have found
 * them. This program links the library's objects directly, so it can read
 * the parser's internal work counters (lib/internal.h); it asserts on work
 * done and bytes held, never on time.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../lib/internal.h"
#include "support.h"

/* ---- a strict allocator: exact sizes, a guard after every block --------- */

/* Every block is laid out as [size][user bytes][guard]; a write past the
 * user bytes changes the guard and is caught when the block is freed or
 * reallocated. It also counts live bytes and their peak, and can fail the
 * N-th call. */
#define GUARD_SIZE 16
static const unsigned char guard_bytes[GUARD_SIZE] = {0xA5, 0x5A, 0xC3, 0x3C, 0x96, 0x69, 0xF0, 0x0F,
                                                      0xA5, 0x5A, 0xC3, 0x3C, 0x96, 0x69, 0xF0, 0x0F};

typedef struct strict_alloc {
    long fail_at;     /* -1: never */
    long calls;
    size_t live, peak;
    long blocks;
    int overruns;
} strict_alloc;

static void check_guard(strict_alloc *a, unsigned char *base)
{
    size_t size;
    memcpy(&size, base, sizeof size);
    if (memcmp(base + sizeof(max_align_t) + size, guard_bytes, GUARD_SIZE) != 0)
        a->overruns++;
}

static void *strict_realloc(void *ctx, void *ptr, size_t size)
{
    strict_alloc *a = ctx;
    unsigned char *old = ptr ? (unsigned char *)ptr - sizeof(max_align_t) : NULL;
    size_t old_size = 0;
    if (old) {
        check_guard(a, old);
        memcpy(&old_size, old, sizeof old_size);
    }
    if (size == 0) {
        if (old) {
            a->live -= old_size;
            a->blocks--;
        }
        free(old);
        return NULL;
    }
    if (a->calls++ == a->fail_at)
        return NULL;
    unsigned char *n = malloc(sizeof(max_align_t) + size + GUARD_SIZE);
    if (!n)
        return NULL;
    memcpy(n, &size, sizeof size);
    if (old) {
        memcpy(n + sizeof(max_align_t), old + sizeof(max_align_t), old_size < size ? old_size : size);
        free(old);
        a->live -= old_size;
    } else {
        a->blocks++;
    }
    memcpy(n + sizeof(max_align_t) + size, guard_bytes, GUARD_SIZE);
    a->live += size;
    if (a->live > a->peak)
        a->peak = a->live;
    return n + sizeof(max_align_t);
}

static referat_options strict_options(strict_alloc *a, long fail_at)
{
    memset(a, 0, sizeof *a);
    a->fail_at = fail_at;
    referat_options opt;
    referat_options_init(&opt);
    opt.realloc_fn = strict_realloc;
    opt.alloc_ctx = a;
    return opt;
}

/* Feeds data in chunks of the given size and pulls every event; returns the
 * final status and counts the events. */
static referat_status drain_all(referat_parser *p, const char *data, size_t size, size_t chunk,
                                size_t *events)
{
    size_t pos = 0;
    referat_status st = REFERAT_NEED_INPUT;
    *events = 0;
    while (st == REFERAT_NEED_INPUT) {
        if (pos < size) {
            size_t n = size - pos < chunk ? size - pos : chunk;
            referat_parser_feed(p, data + pos, n);
            pos += n;
        } else {
            referat_parser_finish(p);
        }
        const referat_event *ev;
        while ((st = referat_parser_next(p, &ev)) == REFERAT_OK)
            (*events)++;
    }
    return st;
}

static char *from_hex(const char *hex, size_t *n)
{
    size_t len = strlen(hex) / 2;
    char *out = malloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (char)v;
    }
    *n = len;
    return out;
}

/* ---- finding 1: the NUL utf8proc_reencode writes after the text --------- */

static void test_nfc_of_four_byte_characters_stays_in_bounds(void **state)
{
    (void)state;
    /* 8 x U+1F600 (4 bytes each): 32 bytes whose NFC form fills the UCS-4
     * work space exactly; utf8proc's NUL went one byte past it. Lines with
     * a decomposable character force the path through utf8proc. */
    static const char *const lines[] = {
        "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
        "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
        "A\xcc\x8a\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
        "\xf0\x9f\x98\x80",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        for (size_t reps = 1; reps < 40; reps++) {
            char buf[4096];
            size_t n = 0;
            for (size_t r = 0; r < reps; r++) {
                memcpy(buf + n, lines[i], strlen(lines[i]));
                n += strlen(lines[i]);
            }
            strict_alloc a;
            referat_options opt = strict_options(&a, -1);
            referat_parser *p = referat_parser_new(&opt);
            size_t events;
            assert_int_equal(drain_all(p, buf, n, n, &events), REFERAT_END);
            referat_parser_free(p);
            assert_int_equal(a.overruns, 0);
            assert_int_equal(a.blocks, 0);
        }
    }
}

/* ---- finding 2: the carry buffer holds one block, not the whole line ---- */

static void test_long_line_memory_is_bounded_by_the_block(void **state)
{
    (void)state;
    const size_t line_size = 8u << 20, block = 64u << 10;
    char *doc = malloc(line_size + 1);
    for (size_t i = 0; i < line_size; i++)
        doc[i] = (char)('a' + i % 7);
    doc[line_size] = '\n';
    const size_t chunks[] = {1000, 4096, 65536 + 17};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        strict_alloc a;
        referat_options opt = strict_options(&a, -1);
        opt.max_block_size = block;
        referat_parser *p = referat_parser_new(&opt);
        size_t events;
        assert_int_equal(drain_all(p, doc, line_size + 1, chunks[c], &events), REFERAT_END);
        referat_parser_free(p);
        /* 0.1.0 held the whole line: over 8 MiB here */
        /* the blocks' buffers plus the page-furniture window (lib/page.c
         * holds at most 256 KiB and one line; its buffer may double) */
        assert_true(a.peak < 16 * block + (1u << 20));
        assert_int_equal(a.overruns, 0);
    }
    free(doc);
}

/* ---- finding 3: feeding a long line byte by byte is linear -------------- */

static void test_byte_by_byte_feeding_scans_each_byte_a_bounded_number_of_times(void **state)
{
    (void)state;
    const size_t line_size = 1u << 20;
    char *doc = malloc(line_size + 1);
    memset(doc, 'x', line_size);
    doc[line_size] = '\n';
    referat_options opt;
    referat_options_init(&opt);
    opt.max_block_size = 4u << 20; /* the line is not cut: one long scan */
    referat_parser *p = referat_parser_new(&opt);
    size_t events;
    assert_int_equal(drain_all(p, doc, line_size + 1, 1, &events), REFERAT_END);
    /* 0.1.0 rescanned the whole carry on every feed: ~line_size^2 / 2 */
    assert_true(p->in.scanned <= 3 * (uint64_t)line_size);
    referat_parser_free(p);
    free(doc);
}

/* ---- finding 8: nothing half-built is used after an allocation failure --- */

static void check_failures_everywhere(const char *data, size_t size, size_t chunk)
{
    for (long k = 0;; k++) {
        strict_alloc a;
        referat_options opt = strict_options(&a, k);
        referat_parser *p = referat_parser_new(&opt);
        if (!p) {
            assert_int_equal(a.blocks, 0);
            continue;
        }
        size_t events;
        referat_status st = drain_all(p, data, size, chunk, &events);
        if (st == REFERAT_ERROR)
            assert_int_equal(referat_parser_error(p)->code, REFERAT_E_NO_MEMORY);
        referat_parser_free(p);
        assert_int_equal(a.blocks, 0);
        assert_int_equal(a.overruns, 0);
        if (st == REFERAT_END && a.calls <= k)
            break; /* every allocation of the parse was failed once */
    }
}

static void test_allocation_failure_reproducer(void **state)
{
    (void)state;
    size_t n;
    char *doc = from_hex("52454645524154206e20642e2032312d30382d323032330a50756e6b7420313a703b753b"
                         "720a2d20620a0a2d2026",
                         &n);
    for (size_t chunk = 1; chunk <= n; chunk += 3)
        check_failures_everywhere(doc, n, chunk);
    free(doc);
}

static void test_allocation_failures_on_every_fixture(void **state)
{
    (void)state;
    char **names = list_fixtures(FIXTURE_DIR);
    assert_non_null(names);
    for (char **name = names; *name; name++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.txt", FIXTURE_DIR, *name);
        size_t n;
        char *doc = read_file(path, &n);
        assert_non_null(doc);
        const size_t chunks[] = {n ? n : 1, 7, 64};
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
            check_failures_everywhere(doc, n, chunks[c]);
        free(doc);
    }
    free_list(names);
}

/* ---- finding 9: a huge max_block_size is clamped, not wrapped ----------- */

static void test_huge_block_size_is_clamped(void **state)
{
    (void)state;
    static const char doc[] = "REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\nTekst.\n";
    const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 1, (size_t)1 << 40, 0};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        referat_options opt;
        referat_options_init(&opt);
        opt.max_block_size = sizes[i];
        referat_parser *p = referat_parser_new(&opt);
        size_t events;
        /* fed in two pieces, so the carry (and its size limit) is used */
        assert_int_equal(drain_all(p, doc, sizeof doc - 1, 10, &events), REFERAT_END);
        assert_true(events > 5);
        assert_true(p->opt.max_block_size <= REFERAT_MAX_BLOCK_SIZE);
        referat_parser_free(p);
    }
}

/* ---- finding 4: amplification is bounded by the limits -------------------- */

typedef struct counts {
    size_t by_type[REFERAT_EV_SUBITEM_END + 1];
    size_t limit_diags;
} counts;

static int count_event(void *user, const referat_event *ev)
{
    counts *c = user;
    if ((size_t)ev->type < sizeof c->by_type / sizeof c->by_type[0])
        c->by_type[ev->type]++;
    if (ev->type == REFERAT_EV_DIAGNOSTIC && ev->diagnostic == REFERAT_DIAG_LIMIT_REACHED)
        c->limit_diags++;
    return 0;
}

/* A document: head, then `repeat` copies of unit. */
static char *repeated(const char *head, const char *unit, size_t repeat, size_t *n)
{
    size_t hn = strlen(head), un = strlen(unit);
    char *doc = malloc(hn + un * repeat + 1);
    memcpy(doc, head, hn);
    for (size_t i = 0; i < repeat; i++)
        memcpy(doc + hn + i * un, unit, un);
    *n = hn + un * repeat;
    doc[*n] = '\0';
    return doc;
}

static void test_amplification_is_bounded_by_the_limits(void **state)
{
    (void)state;
    static const struct {
        const char *head, *unit;
        size_t repeat;
        referat_event_type type;
    } cases[] = {
        /* 10^6 TOC entries (0.1.0: 87 MB) */
        {"REFERAT X d. 01-01-2020\n\nIndholdsfortegnelse\n", "Titel.....\t3\n", 1000000,
         REFERAT_EV_TOC_ENTRY},
        /* a 1 MB participants line (0.1.0: 183 MB) */
        {"REFERAT X d. 01-01-2020\nM\xc3\xb8" "dedeltagere ", "A B, ", 200000, REFERAT_EV_PARTICIPANT},
        /* 10^6 attachment lines */
        {"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\nBilag\n", "a\n", 1000000,
         REFERAT_EV_ATTACHMENT},
        /* 10^6 front-matter lines, each a diagnostic (0.1.0: ~400 MB) */
        {"REFERAT X d. 01-01-2020\n", "x\n", 1000000, REFERAT_EV_DIAGNOSTIC},
        /* 10^6 absence lines */
        {"REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\n", "Afbud A\n\n", 500000,
         REFERAT_EV_ABSENCE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n;
        char *doc = repeated(cases[i].head, cases[i].unit, cases[i].repeat, &n);
        strict_alloc a;
        referat_options opt = strict_options(&a, -1);
        const size_t block = 64u << 10;
        opt.max_block_size = block;
        counts c;
        memset(&c, 0, sizeof c);
        assert_int_equal(referat_parse(doc, n, &opt, count_event, &c, NULL), REFERAT_END);
        assert_true(c.by_type[cases[i].type] <= 10001); /* the default limit */
        assert_true(c.by_type[cases[i].type] >= 1000);
        assert_int_equal(c.limit_diags, 1);
        /* the document is 2-5 MB; the parser holds a block (its lines cost
         * up to ~48 bytes of bookkeeping per byte when they are 1-2 bytes
         * long), the page window and at most one limited list's events in
         * its queue (which may double when it grows) */
        assert_true(a.peak < 64 * block + (2u << 20) + 2 * 10001 * sizeof(rf_qentry));
        assert_int_equal(a.overruns, 0);
        free(doc);
    }
}

/* ---- read errors and allocation failures in referat_parse_file ------------ */

static int ignore_event(void *user, const referat_event *ev)
{
    (void)user;
    (void)ev;
    return 0;
}

static void test_parse_file_errors(void **state)
{
    (void)state;
    referat_error err;
    /* a directory opens but cannot be read; a missing file cannot be opened */
    assert_int_equal(referat_parse_file("/", NULL, ignore_event, NULL, &err), REFERAT_ERROR);
    assert_int_equal(err.code, REFERAT_E_IO);
    assert_int_equal(referat_parse_file("/nonexistent/minutes.txt", NULL, ignore_event, NULL, &err),
                     REFERAT_ERROR);
    assert_int_equal(err.code, REFERAT_E_IO);
    assert_int_equal(referat_parse_file(NULL, NULL, ignore_event, NULL, &err), REFERAT_ERROR);
    /* every allocation of a whole file parse failed in turn */
    char path[1024];
    snprintf(path, sizeof path, "%s/layout_sbsys.txt", FIXTURE_DIR);
    for (long k = 0;; k++) {
        strict_alloc a;
        referat_options opt = strict_options(&a, k);
        referat_status st = referat_parse_file(path, &opt, ignore_event, NULL, &err);
        assert_int_equal(a.blocks, 0);
        if (st == REFERAT_END && a.calls <= k)
            break;
        if (st == REFERAT_ERROR)
            assert_int_equal(err.code, REFERAT_E_NO_MEMORY);
    }
}

/* A table 20000 rows by 40 number cells: rows are handed out one at a time,
 * so what the parser holds is the block, not its events. */
static void test_wide_table_memory_is_bounded(void **state)
{
    (void)state;
    size_t n;
    char *doc = repeated("REFERAT X d. 01-01-2020\n\nPunkt 1: A\n\n1/1\n\n",
                         "1.000\t2,5\t-3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\n",
                         20000, &n);
    strict_alloc a;
    referat_options opt = strict_options(&a, -1);
    opt.max_block_size = 64u << 10;
    counts c;
    memset(&c, 0, sizeof c);
    assert_int_equal(referat_parse(doc, n, &opt, count_event, &c, NULL), REFERAT_END);
    assert_true(c.by_type[REFERAT_EV_TABLE_ROW] == 20000);
    assert_true(a.peak < 64 * opt.max_block_size + (2u << 20));
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfc_of_four_byte_characters_stays_in_bounds),
        cmocka_unit_test(test_long_line_memory_is_bounded_by_the_block),
        cmocka_unit_test(test_byte_by_byte_feeding_scans_each_byte_a_bounded_number_of_times),
        cmocka_unit_test(test_allocation_failure_reproducer),
        cmocka_unit_test(test_allocation_failures_on_every_fixture),
        cmocka_unit_test(test_huge_block_size_is_clamped),
        cmocka_unit_test(test_amplification_is_bounded_by_the_limits),
        cmocka_unit_test(test_parse_file_errors),
        cmocka_unit_test(test_wide_table_memory_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
