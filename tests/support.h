/* Shared helpers for the C tests: reading files, parsing into the one-line
 * event dump (cli/dump.h) at a given chunk size, and input transforms. */
#ifndef REFERAT_TEST_SUPPORT_H
#define REFERAT_TEST_SUPPORT_H

#include <stddef.h>

#include <referat/referat.h>

#include "../cli/jsonw.h"

/* Whole file into memory (NUL-terminated); NULL when it cannot be read. */
char *read_file(const char *path, size_t *size);
/* A fixture: read_file, with every line that starts with "#: " (a comment
 * naming the rule the fixture tests) made empty, so line numbers stay. */
char *read_fixture(const char *path, size_t *size);

/* Parses data fed chunk bytes at a time (0: all at once) and returns the
 * dump; *status gets REFERAT_END or REFERAT_ERROR, *error the error. */
char *parse_dump(const void *data, size_t size, size_t chunk, const referat_options *opt,
                 referat_status *status, referat_error *error);

/* The dump with every "!DIAG invalid-utf8" line removed. */
char *without_invalid_utf8(const char *dump, size_t *removed);

/* Transforms of a UTF-8 text; each returns a malloc'ed buffer. */
char *to_crlf(const char *s, size_t n, size_t *out);
char *to_cr(const char *s, size_t n, size_t *out);
char *with_bom(const char *s, size_t n, size_t *out);
char *with_trailing_space(const char *s, size_t n, size_t *out);
char *to_nfd(const char *s, size_t n, size_t *out);
/* UTF-8 to Windows-1252; NULL when a character has no cp1252 byte. */
char *to_cp1252(const char *s, size_t n, size_t *out);

/* The list of fixture names (without .txt) in dir; NULL-terminated. */
char **list_fixtures(const char *dir);
void free_list(char **list);

/* An allocator (referat_options.realloc_fn, alloc_ctx a failing) that
 * fails its fail_at-th call (0-based) and counts the blocks it holds. */
typedef struct failing {
    long fail_at;
    long calls;
    long live;
} failing;
void *failing_realloc(void *ctx, void *ptr, size_t size);

#endif
