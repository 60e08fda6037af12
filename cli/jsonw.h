/* A small JSON writer whose layout matches Python's
 * json.dumps(obj, indent=2, ensure_ascii=False), so output can be diffed
 * against golden files byte for byte. */
#ifndef REFERAT_CLI_JSONW_H
#define REFERAT_CLI_JSONW_H

#include <stddef.h>
#include <stdio.h>

/* Growable text. */
typedef struct sb {
    char *data;
    size_t size, cap;
} sb;

void sb_put(sb *b, const char *s, size_t n);
void sb_puts(sb *b, const char *s);
void sb_free(sb *b);
/* Writes the text to f and empties it. Returns 0, or -1 when the write
 * failed (errno tells why). */
int sb_flush(sb *b, FILE *f);

/* JSON string literal (RFC 8259 escapes, UTF-8 kept as it is). */
void json_string(sb *b, const char *s, size_t n);
/* The shortest text that reads back as v; integers without a fraction. */
void json_number(sb *b, double v, int is_integer);

/* Pretty writer: depth is the indentation level of the next element. */
typedef struct jw {
    sb *out;
    int depth;
    int first;   /* no element written yet in the open container */
    /* Called after a write leaves out holding flush_at bytes or more (so
     * that the text can be moved elsewhere); NULL: never. */
    void (*flush)(void *ctx);
    void *flush_ctx;
    size_t flush_at;
    int compact; /* no line breaks or indentation, ':' and ',' alone (JSON Lines) */
} jw;

/* A writer into out, without a flush hook. */
void jw_init(jw *w, sb *out, int depth);
/* Sets the flush hook (fn NULL: none). */
void jw_on_full(jw *w, size_t at, void (*fn)(void *ctx), void *ctx);
void jw_open(jw *w, const char *key, char bracket);   /* key NULL in arrays */
void jw_close(jw *w, char bracket);
void jw_str(jw *w, const char *key, const char *s, size_t n); /* s NULL: null */
void jw_int(jw *w, const char *key, long long v);
void jw_num(jw *w, const char *key, double v, int is_integer);
void jw_bool(jw *w, const char *key, int v);
void jw_null(jw *w, const char *key);
/* Appends elements written by another writer at depth w->depth + 0. */
void jw_splice(jw *w, const sb *elements);

#endif
