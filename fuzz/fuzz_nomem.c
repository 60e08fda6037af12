/* libFuzzer harness: allocation failure injection. The input is parsed
 * once to count the allocations through the hook, then again with the N-th
 * allocation failing (N chosen by the input's first bytes; half the time
 * every allocation from the N-th on fails too). The second parse must not
 * crash or leak (everything freed by referat_parser_free), must end with
 * REFERAT_ERROR and REFERAT_E_NO_MEMORY (or the same error the first parse
 * stopped with, when that came first), and the events it handed out before
 * must be the first events of the first parse, with every invariant of
 * fuzz_parse on them. */
#include <stdint.h>
#include <string.h>

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fz_hash(data, size, 8);
    referat_options o;
    fz_options(&o, h);
    o.strict_utf8 = (h >> 7) & 1;
    /* whole or chunked, the same for both parses */
    uint64_t seed = ((h >> 8) & 3) == 0 ? 0 : (h | 1);
    fz_input in;
    fz_input_init(&in, data, size);

    fz_run full, failed;
    fz_alloc a = {0};
    a.limit = fz_memory_bound(&o);
    fz_run_init(&full, &in);
    fz_parse(&full, &o, seed, &a);

    fz_alloc f = {0};
    f.fail_at = 1 + (h >> 16) % a.calls;
    f.fail_sticky = (h >> 10) & 1;
    fz_run_init(&failed, &in);
    fz_parse(&failed, &o, seed, &f);
    if (!f.failed)
        fz_fail("allocation %llu of %llu was never asked for", (unsigned long long)f.fail_at,
                (unsigned long long)a.calls);
    if (failed.status != REFERAT_ERROR)
        fz_fail("allocation %llu of %llu failed but the parse ended with status %d",
                (unsigned long long)f.fail_at, (unsigned long long)a.calls,
                (int)failed.status);
    if (failed.error.code != REFERAT_E_NO_MEMORY) {
        if (full.status != REFERAT_ERROR || full.error.code != failed.error.code ||
            full.error.offset != failed.error.offset)
            fz_fail("allocation %llu of %llu failed: error %d \"%s\", not out of memory",
                    (unsigned long long)f.fail_at, (unsigned long long)a.calls,
                    (int)failed.error.code, failed.error.message);
    }
    fz_prefix(&failed, &full, "events before the allocation failure vs the full parse");

    fz_run_free(&full);
    fz_run_free(&failed);
    fz_input_free(&in);
    return 0;
}
