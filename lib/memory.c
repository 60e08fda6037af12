/* Memory: every allocation goes through the parser's allocator hook, and a
 * failure sets the sticky p->nomem flag instead of being handled at each
 * call site (see internal.h). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *rf_realloc(rf_parser *p, void *ptr, size_t size)
{
    void *r = p->opt.realloc_fn(p->opt.alloc_ctx, ptr, size);
    if (!r && size)
        p->nomem = 1;
    return r;
}

void *rf_alloc(rf_parser *p, size_t size)
{
    return rf_realloc(p, NULL, size ? size : 1);
}

void rf_free(rf_parser *p, void *ptr)
{
    if (ptr)
        p->opt.realloc_fn(p->opt.alloc_ctx, ptr, 0);
}

int rf_grow(rf_parser *p, void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    if (p->nomem)
        return -1;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem) {
            p->nomem = 1;
            return -1;
        }
        n *= 2;
    }
    void *r = rf_realloc(p, *array, n * elem);
    if (!r)
        return -1;
    *array = r;
    *cap = n;
    return 0;
}

int rf_buf_reserve(rf_parser *p, rf_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->size - 1) {
        p->nomem = 1;
        return -1;
    }
    void *data = b->data;
    if (rf_grow(p, &data, &b->cap, b->size + extra + 1, 1) < 0)
        return -1;
    b->data = data;
    return 0;
}

int rf_buf_append(rf_parser *p, rf_buf *b, const void *data, size_t size)
{
    if (rf_buf_reserve(p, b, size) < 0)
        return -1;
    if (size)
        memcpy(b->data + b->size, data, size);
    b->size += size;
    b->data[b->size] = '\0';
    return 0;
}

int rf_buf_putc(rf_parser *p, rf_buf *b, char c)
{
    return rf_buf_append(p, b, &c, 1);
}

int rf_buf_put_cp(rf_parser *p, rf_buf *b, int32_t cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | (cp >> 18));
        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return rf_buf_append(p, b, u, n);
}

void rf_buf_clear(rf_buf *b)
{
    b->size = 0;
    if (b->data)
        b->data[0] = '\0';
}

void rf_buf_free(rf_parser *p, rf_buf *b)
{
    rf_free(p, b->data);
    b->data = NULL;
    b->size = b->cap = 0;
}
