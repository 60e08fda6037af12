#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "driver.h"

static int failed;

void out_fail(const char *what, int err)
{
    if (failed)
        return;
    failed = 1;
    fprintf(stderr, "referat: %s: %s\n", what, strerror(err));
}

int out_failed(void)
{
    return failed;
}

int out_write(const void *data, size_t n)
{
    if (failed)
        return -1;
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

int out_close(void)
{
    if (!failed) {
        errno = 0;
        if (fflush(stdout) != 0 || ferror(stdout))
            out_fail("write error", errno ? errno : EIO);
    }
    errno = 0;
    if (fclose(stdout) != 0)
        out_fail("write error", errno ? errno : EIO);
    return failed ? EXIT_USAGE : 0;
}
