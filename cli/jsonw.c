#include "jsonw.h"

#include <math.h>
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

void json_string(sb *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    sb_put(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; /* RFC 8259 escapes only controls, '"' and '\\' */
        const char *esc;
        char u[7];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            memcpy(u, "\\u00", 4);
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            u[6] = '\0';
            esc = u;
        }
        sb_put(b, s + run, i - run);
        sb_puts(b, esc);
        run = i + 1;
    }
    sb_put(b, s + run, n - run);
    sb_put(b, "\"", 1);
}

/* Python's float repr: the shortest digits that read back as v, in fixed
 * notation for exponents -4..15 and as d.ddde+XX otherwise. */
static void python_float(sb *b, double v)
{
    char e[40], digits[24], out[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec - 1, v);
        if (strtod(e, NULL) == v)
            break;
    }
    const char *s = e;
    size_t n = 0, o = 0;
    if (*s == '-')
        out[o++] = *s++;
    for (; *s && *s != 'e'; s++) {
        if (*s != '.')
            digits[n++] = *s;
    }
    int exp = atoi(s + 1);
    while (n > 1 && digits[n - 1] == '0')
        n--;
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out[o++] = '0';
            out[o++] = '.';
            for (int z = -1; z > exp; z--)
                out[o++] = '0';
            memcpy(out + o, digits, n);
            o += n;
        } else {
            for (int i = 0; i <= exp || (size_t)i < n; i++) {
                if (i == exp + 1)
                    out[o++] = '.';
                out[o++] = (size_t)i < n ? digits[i] : '0';
            }
            if ((size_t)exp + 1 >= n) {
                out[o++] = '.';
                out[o++] = '0';
            }
        }
        out[o] = '\0';
    } else {
        out[o++] = digits[0];
        if (n > 1) {
            out[o++] = '.';
            memcpy(out + o, digits + 1, n - 1);
            o += n - 1;
        }
        snprintf(out + o, sizeof out - o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
    sb_puts(b, out);
}

void json_number(sb *b, double v, int is_integer)
{
    char text[40];
    if (!isfinite(v)) {
        sb_puts(b, "null");
        return;
    }
    if (is_integer && fabs(v) < 1e18) {
        long long i = (long long)v;
        if ((double)i == v && !(v == 0 && signbit(v)))
            snprintf(text, sizeof text, "%lld", i); /* the same digits, faster */
        else
            snprintf(text, sizeof text, "%.0f", v);
        sb_puts(b, text);
        return;
    }
    python_float(b, v);
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
    char text[32];
    element(w, key);
    snprintf(text, sizeof text, "%lld", v);
    sb_puts(w->out, text);
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
