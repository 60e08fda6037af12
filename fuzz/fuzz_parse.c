/* libFuzzer harness: any bytes, fed in chunks whose sizes come from the
 * input itself, with small and default block limits and strict mode; checks
 * that every chunking gives the same events as one whole buffer.
 *   cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DREFERAT_BUILD_FUZZERS=ON
 *   build-fuzz/fuzz/fuzz_parse -max_total_time=60 tests/fixtures */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <referat/referat.h>

/* A cheap digest of the event stream: type, span, texts. */
static uint64_t mix(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

static uint64_t digest_event(uint64_t h, const referat_event *ev)
{
    h = mix(h, &ev->type, sizeof ev->type);
    h = mix(h, &ev->span, sizeof ev->span);
    const referat_string *s[] = {&ev->kind, &ev->text, &ev->name, &ev->title, &ev->heading,
                                 &ev->label, &ev->case_number};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        if (s[i]->data)
            h = mix(h, s[i]->data, s[i]->size);
    for (size_t i = 0; i < ev->cell_count; i++)
        h = mix(h, ev->cells[i].text.data, ev->cells[i].text.size);
    return h;
}

static uint64_t run(const uint8_t *data, size_t size, size_t chunk, const referat_options *o)
{
    referat_parser *p = referat_parser_new(o);
    uint64_t h = 14695981039346656037u;
    size_t pos = 0;
    referat_status st = REFERAT_NEED_INPUT;
    const referat_event *ev;
    while (p && st == REFERAT_NEED_INPUT) {
        if (pos < size) {
            size_t n = size - pos < chunk ? size - pos : chunk;
            referat_parser_feed(p, data + pos, n);
            pos += n;
        } else {
            referat_parser_finish(p);
        }
        while ((st = referat_parser_next(p, &ev)) == REFERAT_OK)
            h = digest_event(h, ev);
    }
    h = mix(h, &st, sizeof st);
    referat_parser_free(p);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    referat_options o;
    referat_options_init(&o);
    o.strict_utf8 = data[0] & 1;
    o.max_block_size = (data[0] & 2) ? 64 : 1 << 20;
    size_t chunk = 1 + (data[0] >> 2);
    uint64_t whole = run(data + 1, size - 1, size, &o);
    if (run(data + 1, size - 1, chunk, &o) != whole)
        abort(); /* the event stream depends on the chunking */
    return 0;
}
