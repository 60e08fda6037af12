/* Golden tests: every fixture in tests/fixtures parses to the event dump
 * next to it, at every chunk size; the same holds for its CRLF, CR, BOM,
 * NFD, trailing-white-space and Windows-1252 variants; the corpus in
 * ../shared/corpus (when present) gives one event stream at every chunk
 * size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static const size_t chunk_sizes[] = {0, 1, 2, 3, 5, 7, 64, 4096};

typedef char *(*transform_fn)(const char *, size_t, size_t *);

static char *fixture_path(const char *name, const char *ext)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s%s", FIXTURE_DIR, name, ext);
    return path;
}

static void report_mismatch(const char *what, const char *expected, const char *actual)
{
    print_error("%s differs\n--- expected\n%s--- actual\n%s", what, expected, actual);
}

static void assert_same(const char *what, const char *expected, const char *actual)
{
    if (strcmp(expected, actual) != 0) {
        report_mismatch(what, expected, actual);
        fail();
    }
}

static char *dump_of(const char *data, size_t n, size_t chunk)
{
    referat_status st;
    char *d = parse_dump(data, n, chunk, NULL, &st, NULL);
    assert_int_equal(st, REFERAT_END);
    return d;
}

/* The dump of input at each of the chunk sizes equals expected. */
static void assert_every_chunking(const char *label, const char *input, size_t n,
                                  const char *expected)
{
    for (size_t k = 0; k < sizeof chunk_sizes / sizeof chunk_sizes[0]; k++) {
        char what[256];
        snprintf(what, sizeof what, "%s at chunk size %zu", label, chunk_sizes[k]);
        char *actual = dump_of(input, n, chunk_sizes[k]);
        assert_same(what, expected, actual);
        free(actual);
    }
}

static void test_fixture_dumps(void **state)
{
    (void)state;
    char **names = list_fixtures(FIXTURE_DIR);
    assert_non_null(names);
    int count = 0;
    for (char **name = names; *name; name++, count++) {
        size_t n, en;
        char *input = read_fixture(fixture_path(*name, ".txt"), &n);
        char *expected = read_file(fixture_path(*name, ".events"), &en);
        assert_non_null(input);
        if (!expected) {
            print_error("fixture %s has no .events file\n", *name);
            fail();
        }
        assert_every_chunking(*name, input, n, expected);
        free(input);
        free(expected);
    }
    assert_true(count >= 10);
    free_list(names);
}

/* Fixtures holding CR or invalid bytes already are their own variants. */
static int is_plain_utf8(const char *name)
{
    return strcmp(name, "lines") != 0 && strcmp(name, "cp1252") != 0;
}

static void test_variants(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        transform_fn fn;
    } variants[] = {{"CRLF", to_crlf},
                    {"CR", to_cr},
                    {"BOM", with_bom},
                    {"trailing white space", with_trailing_space},
                    {"NFD", to_nfd}};
    char **names = list_fixtures(FIXTURE_DIR);
    for (char **name = names; *name; name++) {
        if (!is_plain_utf8(*name))
            continue;
        size_t n;
        char *input = read_fixture(fixture_path(*name, ".txt"), &n);
        char *expected = dump_of(input, n, 0);
        for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
            size_t vn;
            char *variant = variants[v].fn(input, n, &vn);
            assert_non_null(variant);
            for (size_t k = 0; k < 3; k++) {
                char what[256];
                snprintf(what, sizeof what, "%s as %s at chunk size %zu", *name,
                         variants[v].name, chunk_sizes[k]);
                char *actual = dump_of(variant, vn, chunk_sizes[k]);
                assert_same(what, expected, actual);
                free(actual);
            }
            free(variant);
        }
        free(expected);
        free(input);
    }
    free_list(names);
}

static size_t lines_with_high_bytes(const char *s, size_t n)
{
    size_t count = 0;
    int high = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            high = 1;
        if (s[i] == '\n' || i + 1 == n) {
            count += high;
            high = 0;
        }
    }
    return count;
}

/* The first byte >= 0x80 and its line and column. */
static int first_high_byte(const char *s, size_t n, uint64_t *offset, uint64_t *line,
                           uint64_t *column)
{
    uint64_t ln = 1, line_start = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            *offset = i;
            *line = ln;
            *column = i - line_start + 1;
            return 1;
        }
        if (s[i] == '\n') {
            ln++;
            line_start = i + 1;
        }
    }
    return 0;
}

static void test_windows_1252(void **state)
{
    (void)state;
    char **names = list_fixtures(FIXTURE_DIR);
    int tried = 0;
    for (char **name = names; *name; name++) {
        if (!is_plain_utf8(*name))
            continue;
        size_t n, cn;
        char *input = read_fixture(fixture_path(*name, ".txt"), &n);
        char *latin = to_cp1252(input, n, &cn);
        if (!latin) {
            free(input);
            continue;
        }
        tried++;
        char *expected = dump_of(input, n, 0);
        for (size_t k = 0; k < sizeof chunk_sizes / sizeof chunk_sizes[0]; k++) {
            char *actual = dump_of(latin, cn, chunk_sizes[k]);
            size_t removed;
            char *filtered = without_invalid_utf8(actual, &removed);
            char what[256];
            snprintf(what, sizeof what, "%s in Windows-1252 at chunk size %zu", *name,
                     chunk_sizes[k]);
            assert_same(what, expected, filtered);
            assert_int_equal(removed, lines_with_high_bytes(latin, cn));
            free(actual);
            free(filtered);
        }
        /* strict mode stops at the first byte that is not UTF-8 */
        uint64_t offset, line, column;
        referat_options opt;
        referat_options_init(&opt);
        opt.strict_utf8 = 1;
        referat_status st;
        referat_error err;
        free(parse_dump(latin, cn, 7, &opt, &st, &err));
        if (first_high_byte(latin, cn, &offset, &line, &column)) {
            assert_int_equal(st, REFERAT_ERROR);
            assert_int_equal(err.code, REFERAT_E_INVALID_UTF8);
            assert_int_equal(err.offset, offset);
            assert_int_equal(err.line, line);
            assert_int_equal(err.column, column);
        } else {
            assert_int_equal(st, REFERAT_END);
        }
        free(expected);
        free(latin);
        free(input);
    }
    assert_true(tried >= 5);
    free_list(names);
}

static void test_corpus_chunking(void **state)
{
    (void)state;
    /* the Høje-Taastrup corpus and the other systems' documents */
    static const char *const dirs[] = {CORPUS_DIR, CORPUS_DIR "/../corpus-real"};
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        char **names = list_fixtures(dirs[d]);
        if (!names) {
            print_message("skipped: no corpus at %s (../shared is not beside the checkout)\n",
                          dirs[d]);
            if (d == 0)
                skip();
            continue;
        }
        for (char **name = names; *name; name++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s.txt", dirs[d], *name);
            size_t n;
            char *input = read_file(path, &n);
            assert_non_null(input);
            char *expected = dump_of(input, n, 0);
            snprintf(path, sizeof path, "corpus %s", *name);
            assert_every_chunking(path, input, n, expected);
            free(expected);
            free(input);
        }
        free_list(names);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_dumps),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_corpus_chunking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
