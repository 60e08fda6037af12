#include "output.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

enum { CAPTURE_MEM = 256 * 1024 };

static atomic_int failed;
static _Thread_local capture *current;

void out_fail(const char *what, int err)
{
    if (!atomic_exchange(&failed, 1))
        fprintf(stderr, "referat: %s: %s\n", what, strerror(err));
}

int out_failed(void)
{
    return atomic_load_explicit(&failed, memory_order_relaxed);
}

static int to_capture(capture *c, const void *data, size_t n)
{
    sb_put(&c->mem, data, n);
    if (c->mem.size < CAPTURE_MEM)
        return 0;
    if (!c->file && !(c->file = tmpfile())) {
        out_fail("temporary file", errno);
        return -1;
    }
    if (fwrite(c->mem.data, 1, c->mem.size, c->file) != c->mem.size) {
        out_fail("temporary file", errno ? errno : EIO);
        return -1;
    }
    c->mem.size = 0;
    return 0;
}

int out_write(const void *data, size_t n)
{
    if (out_failed())
        return -1;
    if (current)
        return to_capture(current, data, n);
    errno = 0;
    if ((n && fwrite(data, 1, n, stdout) != n) || ferror(stdout)) {
        out_fail("write error", errno ? errno : EIO);
        return -1;
    }
    return 0;
}

int out_sb(sb *b)
{
    int r = out_write(b->data, b->size);
    b->size = 0;
    return r;
}

void out_capture(capture *c)
{
    current = c;
}

capture *out_captured(void)
{
    return current;
}

void capture_discard(capture *c)
{
    if (c->file)
        fclose(c->file);
    c->file = NULL;
    c->mem.size = 0;
}

void capture_emit(capture *c)
{
    if (c->file) {
        char *buf = malloc(65536);
        size_t n;
        if (!buf || fflush(c->file) != 0 || fseek(c->file, 0, SEEK_SET) != 0) {
            out_fail("temporary file", buf ? errno : ENOMEM);
        } else {
            while (!out_failed() && (n = fread(buf, 1, 65536, c->file)) > 0)
                out_write(buf, n);
            if (ferror(c->file))
                out_fail("temporary file", errno);
        }
        free(buf);
    }
    out_write(c->mem.data, c->mem.size);
    capture_discard(c);
}

void capture_free(capture *c)
{
    capture_discard(c);
    sb_free(&c->mem);
}

int out_close(void)
{
    if (!out_failed()) {
        errno = 0;
        if (fflush(stdout) != 0 || ferror(stdout))
            out_fail("write error", errno ? errno : EIO);
    }
    errno = 0;
    if (fclose(stdout) != 0)
        out_fail("write error", errno ? errno : EIO);
    return out_failed() ? EXIT_USAGE : 0;
}
