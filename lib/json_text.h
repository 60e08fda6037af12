/* JSON text: string literals and numbers as `referat json` writes them.
 * Shared by the document model's writer (tree_json.c) and the CLI's writer
 * (cli/jsonw.c, which links the static library), so both print the same
 * bytes. Pure functions, no allocation. */
#ifndef REFERAT_JSON_TEXT_H
#define REFERAT_JSON_TEXT_H

#include <stddef.h>

/* Where text goes: put(ctx, bytes, n). */
typedef void (*rf_json_put)(void *ctx, const char *s, size_t n);

/* A JSON string literal of s: RFC 8259 escapes ('"', '\\', controls),
 * UTF-8 kept as it is. */
void rf_json_string(rf_json_put put, void *ctx, const char *s, size_t n);

/* Room rf_json_number() and rf_json_int() need. */
#define RF_JSON_NUMBER_MAX 48

/* The text of v into out (NUL-terminated), its length returned: integers
 * without a fraction when is_integer, otherwise Python's float repr (the
 * shortest digits that read back as v); null when v is not finite. */
size_t rf_json_number(char out[RF_JSON_NUMBER_MAX], double v, int is_integer);

/* The decimal digits of v into out (NUL-terminated), its length returned. */
size_t rf_json_int(char out[RF_JSON_NUMBER_MAX], long long v);

#endif
