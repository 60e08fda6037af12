/* libFuzzer harness: memory on long streams. The input is repeated until
 * the stream is 384 KiB (more than the page stage's 256 KiB hold, so that
 * anything kept per meeting, item or section and never let go shows) and
 * fed in chunks. The bytes held through the allocator hook must stay below
 * fz_memory_bound() (checked at every allocation, with the stack of the one
 * that crosses it), and every event is checked as in fuzz_parse (spans,
 * nesting, strings, fields; the events are not kept). Slow (a few
 * executions a second); the other harnesses cover equality and strictness. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { STREAM = 384 * 1024 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint64_t h = fz_hash(data, size, 8);
    referat_options o;
    referat_options_init(&o);
    o.max_block_size = (h & 1) ? 64 : 4096;
    o.max_list_entries = 8;
    o.max_diagnostics = 8;
    size_t copies = (STREAM + size - 1) / size;
    uint8_t *stream = malloc(copies * size);
    if (!stream)
        abort();
    for (size_t i = 0; i < copies; i++)
        memcpy(stream + i * size, data, size);
    fz_input in;
    fz_input_init(&in, stream, copies * size);
    fz_run r;
    fz_alloc a = {0};
    a.limit = fz_memory_bound(&o);
    fz_run_init(&r, &in);
    r.discard = 1;
    fz_parse(&r, &o, h | 1, &a);
    if (getenv("REFERAT_FUZZ_VERBOSE"))
        fprintf(stderr, "stream of %zu bytes, max_block_size %zu: peak %zu bytes (bound %zu)\n",
                in.size, o.max_block_size, a.peak, a.limit);
    fz_run_free(&r);
    fz_input_free(&in);
    free(stream);
    return 0;
}
