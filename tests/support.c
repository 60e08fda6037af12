#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../cli/dump.h"

char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sb b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_put(&b, buf, n);
    fclose(f);
    if (!b.data)
        sb_put(&b, "", 0);
    *size = b.size;
    return b.data;
}

char *read_fixture(const char *path, size_t *size)
{
    char *s = read_file(path, size);
    if (!s)
        return NULL;
    size_t out = 0;
    for (size_t i = 0; i < *size;) {
        size_t end = i;
        while (end < *size && s[end] != '\n')
            end++;
        int comment = end - i >= 3 && memcmp(s + i, "#: ", 3) == 0;
        if (!comment) {
            memmove(s + out, s + i, end - i);
            out += end - i;
        }
        if (end < *size)
            s[out++] = '\n';
        i = end + 1;
    }
    s[out] = '\0';
    *size = out;
    return s;
}

char *parse_dump(const void *data, size_t size, size_t chunk, const referat_options *opt,
                 referat_status *status, referat_error *error)
{
    referat_parser *p = referat_parser_new(opt);
    sb out = {0};
    sb_put(&out, "", 0);
    const unsigned char *d = data;
    size_t pos = 0;
    referat_status st = REFERAT_NEED_INPUT;
    if (!chunk)
        chunk = size ? size : 1;
    while (st == REFERAT_NEED_INPUT) {
        if (pos < size) {
            size_t n = size - pos < chunk ? size - pos : chunk;
            referat_parser_feed(p, d + pos, n);
            pos += n;
        } else {
            referat_parser_finish(p);
        }
        const referat_event *ev;
        while ((st = referat_parser_next(p, &ev)) == REFERAT_OK)
            dump_event(&out, ev);
    }
    *status = st;
    const referat_error *e = referat_parser_error(p);
    if (error) {
        memset(error, 0, sizeof *error);
        if (e)
            *error = *e;
    }
    referat_parser_free(p);
    return out.data;
}

char *without_invalid_utf8(const char *dump, size_t *removed)
{
    sb out = {0};
    sb_put(&out, "", 0);
    *removed = 0;
    const char *s = dump;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
        if (strncmp(s, "!DIAG invalid-utf8 ", 19) == 0)
            (*removed)++;
        else
            sb_put(&out, s, len);
        s += len;
    }
    return out.data;
}

/* Rewrites every LF with repl. */
static char *replace_lf(const char *s, size_t n, const char *repl, size_t *out)
{
    sb b = {0};
    sb_put(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            sb_puts(&b, repl);
        else
            sb_put(&b, s + i, 1);
    }
    *out = b.size;
    return b.data;
}

char *to_crlf(const char *s, size_t n, size_t *out)
{
    return replace_lf(s, n, "\r\n", out);
}

char *to_cr(const char *s, size_t n, size_t *out)
{
    return replace_lf(s, n, "\r", out);
}

char *with_trailing_space(const char *s, size_t n, size_t *out)
{
    /* spaces, a no-break space and an ideographic space before every LF */
    return replace_lf(s, n, "  \xc2\xa0 \xe3\x80\x80\n", out);
}

char *with_bom(const char *s, size_t n, size_t *out)
{
    sb b = {0};
    sb_put(&b, "\xef\xbb\xbf", 3);
    sb_put(&b, s, n);
    *out = b.size;
    return b.data;
}

char *to_nfd(const char *s, size_t n, size_t *out)
{
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &d,
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
    if (r < 0)
        return NULL;
    *out = (size_t)r;
    return (char *)d;
}

char *to_cp1252(const char *s, size_t n, size_t *out)
{
    static const uint16_t high[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    sb b = {0};
    sb_put(&b, "", 0);
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            goto fail;
        i += (size_t)k;
        unsigned char c = 0;
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
            c = (unsigned char)cp;
        } else {
            for (int h = 0; h < 32; h++) {
                if (high[h] == cp)
                    c = (unsigned char)(0x80 + h);
            }
            if (!c)
                goto fail;
        }
        sb_put(&b, (char *)&c, 1);
    }
    *out = b.size;
    return b.data;
fail:
    sb_free(&b);
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **list_fixtures(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t n = 0, cap = 16;
    char **list = malloc(cap * sizeof *list);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        if (n + 2 > cap)
            list = realloc(list, (cap *= 2) * sizeof *list);
        list[n] = strndup(e->d_name, len - 4);
        n++;
    }
    closedir(d);
    qsort(list, n, sizeof *list, by_name);
    list[n] = NULL;
    return list;
}

void free_list(char **list)
{
    for (char **p = list; p && *p; p++)
        free(*p);
    free(list);
}

void *failing_realloc(void *ctx, void *ptr, size_t size)
{
    failing *f = ctx;
    if (size == 0) {
        if (ptr)
            f->live--;
        free(ptr);
        return NULL;
    }
    if (f->calls++ == f->fail_at)
        return NULL;
    void *r = realloc(ptr, size);
    if (r && !ptr)
        f->live++;
    return r;
}
