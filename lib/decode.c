/* Decoding a line (SPEC §2).
 *
 *  - valid UTF-8 without NUL: taken as it is;
 *  - otherwise, by default, the whole line is decoded as Windows-1252 (NUL
 *    and the five undefined bytes become U+FFFD) and the caller reports the
 *    diagnostic invalid-utf8; in strict mode the parse stops with an error
 *    naming the offset, line and byte column of the first bad byte;
 *  - (a U+FEFF at the start of the line was already dropped by input.c);
 *  - the result is put in NFC (quick check first).
 */
#include "internal.h"

/* Windows-1252 0x80-0x9F; 0xFFFD for the five bytes it leaves undefined. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static void decode_cp1252(rf_parser *p, const unsigned char *s, size_t n, rf_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        int32_t cp = c;
        if (c == 0)
            cp = 0xFFFD;
        else if (c >= 0x80 && c < 0xA0)
            cp = cp1252_high[c - 0x80];
        rf_buf_put_cp(p, out, cp);
    }
}

int rf_decode_line(rf_parser *p, const rf_raw_line *line)
{
    size_t bad = 0;
    rf_buf_clear(&p->nfc);
    if (rf_utf8_valid_prefix(line->data, line->size, &bad)) {
        rf_nfc(p, (const char *)line->data, line->size, &p->nfc);
        return 0;
    }
    if (p->opt.strict_utf8) {
        uint64_t at = line->start + bad;
        rf_set_error(p, REFERAT_E_INVALID_UTF8,
                     line->data[bad] == 0 ? "NUL byte in the input"
                                          : "invalid UTF-8 in the input",
                     at, line->line, at - line->line_start + 1);
        return -1;
    }
    rf_buf_clear(&p->scratch);
    decode_cp1252(p, line->data, line->size, &p->scratch);
    rf_nfc(p, p->scratch.data ? p->scratch.data : "", p->scratch.size, &p->nfc);
    return 1;
}
