#define _GNU_SOURCE /* clock_gettime, getdelim, realpath */
/* PDF input through poppler-glib, when referat is built with it: the text
 * of every page as `pdftotext -enc UTF-8 FILE -` prints it in its default
 * mode (reading order, not -layout): each page's lines, then a form feed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

#ifdef REFERAT_HAVE_POPPLER
#include <pthread.h>
#include <poppler.h>

/* poppler's global state is not meant for several threads at once */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int pdf_supported(void)
{
    return 1;
}

static int fail(source_result *r, const char *what)
{
    r->status = EXIT_USAGE;
    r->code = "pdf";
    snprintf(r->message, sizeof r->message, "cannot read the PDF: %s", what);
    return -1;
}

int pdf_text(const char *path, char **text, size_t *size, source_result *r)
{
    GError *err = NULL;
    char *abs = realpath(path, NULL);
    if (!abs)
        return fail(r, strerror(errno));
    char *uri = g_filename_to_uri(abs, NULL, &err);
    free(abs);
    if (!uri) {
        fail(r, err ? err->message : "not a file name");
        g_clear_error(&err);
        return -1;
    }
    pthread_mutex_lock(&lock);
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &err);
    g_free(uri);
    if (!doc) {
        pthread_mutex_unlock(&lock);
        fail(r, err ? err->message : "unknown error");
        g_clear_error(&err);
        return -1;
    }
    GString *out = g_string_new(NULL);
    int pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *t = page ? poppler_page_get_text(page) : NULL;
        if (t && *t) {
            /* poppler's text of the page without the line end of its last
             * line and the blank line pdftotext writes after each flow */
            g_string_append(out, t);
            if (t[strlen(t) - 1] != '\n')
                g_string_append_c(out, '\n');
            g_string_append_c(out, '\n');
        }
        g_string_append_c(out, '\f');
        g_free(t);
        if (page)
            g_object_unref(page);
    }
    g_object_unref(doc);
    pthread_mutex_unlock(&lock);
    *size = out->len;
    *text = malloc(out->len + 1);
    if (!*text) {
        g_string_free(out, TRUE);
        return fail(r, strerror(ENOMEM));
    }
    memcpy(*text, out->str, out->len + 1);
    g_string_free(out, TRUE);
    return 0;
}

#else

int pdf_supported(void)
{
    return 0;
}

int pdf_text(const char *path, char **text, size_t *size, source_result *r)
{
    *text = NULL;
    *size = 0;
    r->status = EXIT_USAGE;
    r->code = "pdf";
    snprintf(r->message, sizeof r->message,
             "a PDF, and this referat was built without PDF support (poppler-glib): "
             "convert it with pdftotext -enc UTF-8 %s, or rebuild with libpoppler-glib-dev",
             path);
    return -1;
}

#endif
