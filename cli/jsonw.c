#include "jsonw.h"

#include "../lib/json_text.h"

#include <stdlib.h>
#include <string.h>

void sb_put(sb *b, const char *s, size_t n)
{
    if (b->size + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->size + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            fputs("referat: out of memory\n", stderr);
            exit(2);
        }
        b->data = d;
        b->cap = cap;
    }
    if (n) /* s may be NULL when n is 0 (an empty view) */
        memcpy(b->data + b->size, s, n);
    b->size += n;
    b->data[b->size] = '\0';
}

void sb_puts(sb *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

void sb_free(sb *b)
{
    free(b->data);
    b->data = NULL;
    b->size = b->cap = 0;
}

int sb_flush(sb *b, FILE *f)
{
    size_t n = b->size;
    b->size = 0;
    return n && fwrite(b->data, 1, n, f) != n ? -1 : 0;
}

static void put_sb(void *ctx, const char *s, size_t n)
{
    sb_put(ctx, s, n);
}

void json_string(sb *b, const char *s, size_t n)
{
    rf_json_string(put_sb, b, s, n);
}

void json_number(sb *b, double v, int is_integer)
{
    char text[RF_JSON_NUMBER_MAX];
    sb_put(b, text, rf_json_number(text, v, is_integer));
}

void jw_init(jw *w, sb *out, int depth)
{
    w->out = out;
    w->depth = depth;
    w->first = 1;
    w->flush = NULL;
    w->flush_ctx = NULL;
    w->flush_at = 0;
    w->compact = 0;
}

void jw_on_full(jw *w, size_t at, void (*fn)(void *ctx), void *ctx)
{
    w->flush = fn;
    w->flush_ctx = ctx;
    w->flush_at = at;
}

static void full(jw *w)
{
    if (w->flush && w->out->size >= w->flush_at)
        w->flush(w->flush_ctx);
}

static void indent(jw *w)
{
    static const char line[] = "\n                                ";
    if (w->compact)
        return;
    size_t n = 2 * (size_t)(w->depth > 0 ? w->depth : 0);
    size_t k = n < sizeof line - 2 ? n : sizeof line - 2;
    sb_put(w->out, line, 1 + k);
    for (n -= k; n; n -= k) {
        k = n < sizeof line - 2 ? n : sizeof line - 2;
        sb_put(w->out, line + 1, k);
    }
}

static void element(jw *w, const char *key)
{
    if (!w->first)
        sb_put(w->out, ",", 1);
    w->first = 0;
    indent(w);
    if (key) {
        json_string(w->out, key, strlen(key));
        sb_put(w->out, ": ", w->compact ? 1 : 2);
    }
}

void jw_open(jw *w, const char *key, char bracket)
{
    if (w->depth > 0 || !w->first || key)
        element(w, key);
    sb_put(w->out, &bracket, 1);
    w->depth++;
    w->first = 1;
    full(w);
}

void jw_close(jw *w, char bracket)
{
    w->depth--;
    if (!w->first)
        indent(w);
    sb_put(w->out, &bracket, 1);
    w->first = 0;
    full(w);
}

void jw_str(jw *w, const char *key, const char *s, size_t n)
{
    element(w, key);
    if (s)
        json_string(w->out, s, n);
    else
        sb_puts(w->out, "null");
    full(w);
}

void jw_int(jw *w, const char *key, long long v)
{
    char text[RF_JSON_NUMBER_MAX];
    element(w, key);
    sb_put(w->out, text, rf_json_int(text, v));
    full(w);
}

void jw_num(jw *w, const char *key, double v, int is_integer)
{
    element(w, key);
    json_number(w->out, v, is_integer);
    full(w);
}

void jw_bool(jw *w, const char *key, int v)
{
    element(w, key);
    sb_puts(w->out, v ? "true" : "false");
    full(w);
}

void jw_null(jw *w, const char *key)
{
    element(w, key);
    sb_puts(w->out, "null");
    full(w);
}

void jw_splice(jw *w, const sb *elements)
{
    if (!elements->size)
        return;
    if (!w->first)
        sb_put(w->out, ",", 1);
    sb_put(w->out, elements->data, elements->size);
    w->first = 0;
    full(w);
}
