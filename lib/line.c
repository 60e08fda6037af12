/* Lines (SPEC §2): each raw line is decoded, normalised, collapsed,
 * cleaned and classified here, once, and the results are kept on the line
 * (rf_line) for every later stage:
 *  - decoded: valid UTF-8 in NFC (decode.c; a line that is not UTF-8 is
 *    read as Windows-1252 and reported invalid-utf8, or an error in strict
 *    mode);
 *  - collapsed: soft hyphens out, white space runs one space, trimmed;
 *  - cleaned: inline markup removed (clean.c);
 *  - classified: header, Punkt, heading, TOC start, sub-item, enumerator
 *    alone, inline heading, history entry, or text (rf_classify_line).
 */
#include <string.h>

#include "layout.h"

int rf_line_read(rf_parser *p, const rf_raw_line *raw)
{
    int dec = rf_decode_line(p, raw);
    if (dec < 0)
        return -1;
    if (dec == 1)
        rf_diag(p, REFERAT_DIAG_INVALID_UTF8, raw->line, raw->start, raw->end,
                "line %llu is not valid UTF-8; read as Windows-1252",
                (unsigned long long)raw->line);
    const char *nfc = p->nfc.data ? p->nfc.data : "";
    rf_buf_clear(&p->col);
    rf_collapse(p, nfc, p->nfc.size, &p->col);
    return 0;
}

void rf_line_store(rf_parser *p, rf_para *para, const rf_raw_line *raw)
{
    void *arr = para->lines;
    if (rf_grow(p, &arr, &para->cap, para->count + 1, sizeof(rf_line)) < 0)
        return;
    para->lines = arr;
    rf_line *l = &para->lines[para->count];
    const char *nfc = p->nfc.data ? p->nfc.data : "";
    l->line = raw->line;
    l->start = raw->start;
    l->end = raw->end;
    l->has_tab = memchr(nfc, '\t', p->nfc.size) != NULL;
    l->nfc_off = para->text.size;
    rf_buf_append(p, &para->text, nfc, p->nfc.size);
    l->nfc_len = para->text.size - l->nfc_off;
    rf_buf_putc(p, &para->text, '\0');
    l->col_off = para->text.size;
    rf_buf_append(p, &para->text, p->col.data, p->col.size);
    l->col_len = para->text.size - l->col_off;
    rf_buf_putc(p, &para->text, '\0');
    l->cln_off = para->text.size;
    rf_clean_collapsed(p, p->col.data, p->col.size, &para->text);
    l->cln_len = para->text.size - l->cln_off;
    rf_buf_putc(p, &para->text, '\0');
    if (p->nomem)
        return;
    l->cls = rf_classify_line(para->text.data + l->cln_off, l->cln_len);
    para->count++;
    para->raw_size += raw->end - raw->start;
}
