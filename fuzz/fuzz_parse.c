/* libFuzzer harness: any bytes as a document, parsed two or three times and
 * checked for the invariants of fuzz/README.md:
 *
 *  1. whole (one chunk) and in a random chunk schedule (seeded by the
 *     input's first bytes; every chunk in its own exact-size heap block,
 *     freed as soon as the parser has used it up): the same events, every
 *     field of every event, and the same end (status, error record);
 *  2. strict mode: on valid UTF-8 without NUL the same as lax (the chunked
 *     parse of 1. is then the strict one: it must equal the whole lax
 *     parse); otherwise an invalid-utf8 error at the first bad byte (offset,
 *     line, column), after a prefix of the lax events;
 *  3. every run: spans inside the input and agreeing with its lines, leaf
 *     events in document order, containers balanced and properly nested,
 *     every string valid UTF-8 without NUL and in NFC, enum fields and their
 *     names agreeing, dates and times well formed, no allocation outside the
 *     allocator hook, nothing left allocated after referat_parser_free, and
 *     the bytes held through the hook below fz_memory_bound().
 *
 *   cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DREFERAT_BUILD_FUZZERS=ON
 *   build-fuzz/fuzz/fuzz_parse -dict=fuzz/referat.dict CORPUS_COPY fuzz/corpus
 * (scripts/fuzz.sh does this). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int verbose = -1;

/* Finding strict-utf8-false-white-space (fuzz/README.md, fixed in 5f4dc8e):
 * lib/page.c's space_at took E2 80 and any third byte up to 0x8A, ASCII too,
 * for white space (U+2000-U+200A), so a line of such "white space" was
 * blank, and a blank line at a page break is dropped before it is decoded:
 * strict mode did not see the bad bytes. REFERAT_FUZZ_RELAX=strict_false_space
 * relaxes the check when the first bad sequence is that one. */
static int false_space_first(const fz_input *in)
{
    size_t i = in->first_bad;
    return fz_relaxed("strict_false_space") && i + 2 < in->size && in->data[i] == 0xE2 &&
           in->data[i + 1] == 0x80 && in->data[i + 2] < 0x80;
}

static void check_strict_error(const fz_input *in, const fz_run *strict, const fz_run *lax)
{
    const referat_error *e = &strict->error;
    if (strict->status != REFERAT_ERROR && false_space_first(in))
        return;
    if (strict->status != REFERAT_ERROR)
        fz_fail("strict mode accepted input with a bad byte at offset %zu", in->first_bad);
    if (e->code != REFERAT_E_INVALID_UTF8) {
        /* stopped earlier for another reason (fail_on_limit): as lax did */
        fz_same(lax, strict, "strict vs lax (stopped before the bad byte)");
        return;
    }
    if (e->offset != in->first_bad && false_space_first(in))
        return;
    if (e->offset != in->first_bad)
        fz_fail("strict error at offset %llu, the first bad byte is at %zu",
                (unsigned long long)e->offset, in->first_bad);
    uint64_t line = fz_line_of(in, e->offset);
    uint64_t ls = fz_line_start(in, line);
    int bom = ls + 3 <= e->offset && memcmp(in->data + ls, "\xEF\xBB\xBF", 3) == 0;
    if (bom)
        ls += 3; /* the column counts after a skipped byte order mark */
    if (e->line != line || e->column != e->offset - ls + 1)
        fz_fail("strict error at %llu:%llu, the bad byte is at %llu:%llu",
                (unsigned long long)e->line, (unsigned long long)e->column,
                (unsigned long long)line, (unsigned long long)(e->offset - ls + 1));
    fz_prefix(strict, lax, "strict (up to its error) vs lax");
}

static void check_peak(const fz_alloc *a, const referat_options *o, const char *what)
{
    if (verbose)
        fprintf(stderr, "%s: peak %zu bytes, %llu allocations (bound %zu)\n", what, a->peak,
                (unsigned long long)a->calls, fz_memory_bound(o));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (verbose < 0)
        verbose = getenv("REFERAT_FUZZ_VERBOSE") != NULL;
    uint64_t h = fz_hash(data, size, 8);
    referat_options o;
    fz_options(&o, h);
    fz_input in;
    fz_input_init(&in, data, size);

    fz_run whole, chunked, strict;
    fz_alloc a1 = {0}, a2 = {0}, a3 = {0};
    a1.limit = a2.limit = a3.limit = fz_memory_bound(&o);

    fz_run_init(&whole, &in);
    fz_parse(&whole, &o, 0, &a1);
    check_peak(&a1, &o, "whole, lax");

    if (in.valid_utf8) {
        /* one parse checks both: chunked and strict must each give what the
         * whole lax parse gave */
        o.strict_utf8 = 1;
        fz_run_init(&chunked, &in);
        fz_parse(&chunked, &o, h | 1, &a2);
        check_peak(&a2, &o, "chunked, strict");
        fz_same(&whole, &chunked, "whole lax vs chunked strict (valid UTF-8)");
        fz_run_init(&strict, &in); /* unused */
    } else {
        fz_run_init(&chunked, &in);
        fz_parse(&chunked, &o, h | 1, &a2);
        check_peak(&a2, &o, "chunked, lax");
        fz_same(&whole, &chunked, "whole vs chunked");
        o.strict_utf8 = 1;
        fz_run_init(&strict, &in);
        fz_parse(&strict, &o, (h >> 1) | 1, &a3);
        check_peak(&a3, &o, "chunked, strict");
        check_strict_error(&in, &strict, &whole);
    }

    fz_run_free(&whole);
    fz_run_free(&chunked);
    fz_run_free(&strict);
    fz_input_free(&in);
    return 0;
}
