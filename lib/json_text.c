/* JSON text: string literals and numbers (see json_text.h). Numbers follow
 * Python's json module, so output can be diffed against files Python wrote:
 * integers as digits, other numbers as repr(float) gives them. */
#include "json_text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The escape of a byte that needs one, into u (7 bytes); its length. */
static size_t escape(unsigned char c, char u[7])
{
    static const char hex[] = "0123456789abcdef";
    const char *short_form = NULL;
    switch (c) {
    case '"': short_form = "\\\""; break;
    case '\\': short_form = "\\\\"; break;
    case '\n': short_form = "\\n"; break;
    case '\r': short_form = "\\r"; break;
    case '\t': short_form = "\\t"; break;
    case '\b': short_form = "\\b"; break;
    case '\f': short_form = "\\f"; break;
    default: break;
    }
    if (short_form) {
        memcpy(u, short_form, 2);
        return 2;
    }
    memcpy(u, "\\u00", 4);
    u[4] = hex[c >> 4];
    u[5] = hex[c & 15];
    return 6;
}

/* Bytes from s[i] on, eight at a time, that need no escape: none below
 * 0x20, no '"', no '\\' (the classic "has a byte less than" and "has a
 * zero byte" tests on a word; bytes >= 0x80 pass, as they should). */
static size_t plain_run(const char *s, size_t n, size_t i)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        uint64_t special = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b);
        if (special & highs)
            break; /* one of these eight: the byte loop finds which */
        i += 8;
    }
    return i;
}

void rf_json_string(rf_json_put put, void *ctx, const char *s, size_t n)
{
    put(ctx, "\"", 1);
    size_t run = 0, i = 0;
    while ((i = plain_run(s, n, i)) < n) {
        unsigned char c = (unsigned char)s[i++];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; /* RFC 8259 escapes only controls, '"' and '\\' */
        char u[7];
        if (i - 1 > run)
            put(ctx, s + run, i - 1 - run);
        put(ctx, u, escape(c, u));
        run = i;
    }
    if (n > run)
        put(ctx, s + run, n - run);
    put(ctx, "\"", 1);
}

size_t rf_json_int(char out[RF_JSON_NUMBER_MAX], long long v)
{
    char digits[24];
    size_t n = 0, o = 0;
    /* negated as unsigned, so that LLONG_MIN does not overflow */
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        out[o++] = '-';
    while (n)
        out[o++] = digits[--n];
    out[o] = '\0';
    return o;
}

/* Fixed notation of digits[0..n) times 10^exp, for exp in -4..15. */
static size_t fixed(char *out, const char *digits, size_t n, int exp)
{
    size_t o = 0;
    if (exp < 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int z = -1; z > exp; z--)
            out[o++] = '0';
        memcpy(out + o, digits, n);
        return o + n;
    }
    for (int i = 0; i <= exp || (size_t)i < n; i++) {
        if (i == exp + 1)
            out[o++] = '.';
        out[o++] = (size_t)i < n ? digits[i] : '0';
    }
    if ((size_t)exp + 1 >= n) {
        out[o++] = '.';
        out[o++] = '0';
    }
    return o;
}

/* Python's float repr: the shortest digits that read back as v, in fixed
 * notation for exponents -4..15 and as d.ddde+XX otherwise. */
static size_t python_float(char *out, double v)
{
    char e[40], digits[24];
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
    if (exp >= -4 && exp < 16)
        return o + fixed(out + o, digits, n, exp);
    out[o++] = digits[0];
    if (n > 1) {
        out[o++] = '.';
        memcpy(out + o, digits + 1, n - 1);
        o += n - 1;
    }
    o += (size_t)snprintf(out + o, RF_JSON_NUMBER_MAX - o, "e%c%02d", exp < 0 ? '-' : '+',
                          exp < 0 ? -exp : exp);
    return o;
}

size_t rf_json_number(char out[RF_JSON_NUMBER_MAX], double v, int is_integer)
{
    if (!isfinite(v)) {
        memcpy(out, "null", 5);
        return 4;
    }
    if (is_integer && fabs(v) < 1e18) {
        long long i = (long long)v;
        if ((double)i == v && !(v == 0 && signbit(v)))
            return rf_json_int(out, i);
        return (size_t)snprintf(out, RF_JSON_NUMBER_MAX, "%.0f", v);
    }
    size_t n = python_float(out, v);
    out[n] = '\0';
    return n;
}
