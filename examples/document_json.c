/* document_json: the whole document in memory (the document model), then
 * written as JSON: the same text as `referat json FILE`.
 * usage: document_json FILE */
#include <stdio.h>

#include <referat/referat.h>

static int write_stdout(void *user, const char *data, size_t size)
{
    return fwrite(data, 1, size, user) != size;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: document_json FILE\n", stderr);
        return 2;
    }
    referat_error err;
    referat_document *doc = referat_document_parse_file(argv[1], NULL, &err);
    if (!doc) {
        fprintf(stderr, "document_json: %s: %s\n", argv[1],
                err.message ? err.message : referat_error_code_name(err.code));
        return 1;
    }
    referat_status st =
        referat_node_write_json(referat_document_root(doc), argv[1], 0, write_stdout, stdout);
    referat_document_free(doc);
    if (st != REFERAT_OK || fputs("\n", stdout) == EOF || fflush(stdout) != 0) {
        perror("document_json: stdout");
        return 1;
    }
    return 0;
}
