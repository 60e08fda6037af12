/* Line recognizers (SPEC §2, §3). Each works on one line of text that the
 * caller prepared: "cleaned" for the structural patterns, "collapsed" for
 * TOC lines, decoded NFC (leading spaces kept) for list markers. Each is a
 * pure function of its text. Keywords compare without case (code point by
 * code point: the Danish keywords fold the same as with full case
 * folding); everything else is matched exactly. The regular expressions of the spec are quoted above
 * the function that implements each. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t count_digits(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_digit(s[k]))
        k++;
    return k;
}

/* Length of the first word (up to a space or end). */
static size_t word_len(const char *s, size_t n)
{
    const char *sp = memchr(s, ' ', n);
    return sp ? (size_t)(sp - s) : n;
}

int rf_parse_int(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > 18 || count_digits(s, n) != n)
        return 0;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    *out = v;
    return 1;
}

/* \d\d-\d\d-\d{4} as the whole of s (10 bytes); ISO into iso. */
static int match_dmy(const char *s, char iso[11])
{
    static const char shape[] = "dd-dd-dddd";
    for (int i = 0; i < 10; i++) {
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != '-')
            return 0;
    }
    memcpy(iso, s + 6, 4);
    iso[4] = '-';
    memcpy(iso + 5, s + 3, 2);
    iso[7] = '-';
    memcpy(iso + 8, s, 2);
    iso[10] = '\0';
    return 1;
}

/* ^(REFERAT|DAGSORDEN) (.+) d\. (\d\d-\d\d-\d{4})$ */
int rf_match_header(const char *s, size_t n, rf_header *out)
{
    size_t w = word_len(s, n);
    if ((w != 7 && w != 9) || ((s[0] | 32) != 'r' && (s[0] | 32) != 'd'))
        return 0;
    if (rf_fold_eq(s, w, "referat"))
        out->kind = 0;
    else if (rf_fold_eq(s, w, "dagsorden"))
        out->kind = 1;
    else
        return 0;
    /* word, space, body (>= 1), " d. " and the date */
    if (n < w + 1 + 1 + 4 + 10 || memcmp(s + n - 14, " d. ", 4) != 0)
        return 0;
    if (!match_dmy(s + n - 10, out->date))
        return 0;
    out->body.s = s + w + 1;
    out->body.n = n - 14 - (w + 1);
    return 1;
}

/* ^\d{2}/\d{1,7}$ */
int rf_match_case(const char *s, size_t n)
{
    if (n < 4 || n > 10 || count_digits(s, 2) != 2 || s[2] != '/')
        return 0;
    return count_digits(s + 3, n - 3) == n - 3;
}

/* ^Afbud:? (.+)$ whose text does not end in "." */
int rf_match_absence(const char *s, size_t n, rf_slice *names)
{
    if (n < 7 || (s[0] | 32) != 'a' || !rf_fold_eq(s, 5, "afbud"))
        return 0;
    size_t k = 5;
    if (s[k] == ':')
        k++;
    if (k >= n || s[k] != ' ' || k + 1 >= n || s[n - 1] == '.')
        return 0;
    names->s = s + k + 1;
    names->n = n - k - 1;
    return 1;
}

/* Indholdsfortegnelse, optionally with a trailing ":" */
int rf_match_toc_start(const char *s, size_t n)
{
    /* SPEC §3.1's word; "PUNKTER" heads the item list of FirstAgenda's
     * published web pages */
    static const char *const words[] = {"indholdsfortegnelse", "punkter"};
    if (n > 0 && s[n - 1] == ':')
        n--;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (n == strlen(words[i]) && rf_fold_eq(s, n, words[i]))
            return 1;
    }
    return 0;
}

int rf_match_meta(const char *s, size_t n, rf_slice *rest)
{
    static const char *const keys[] = {"m\xc3\xb8" "dedato", "m\xc3\xb8" "dested",
                                       "m\xc3\xb8" "dedeltagere"};
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != ':')
        w++;
    if (w < 8 || w > 16)
        return -1;
    for (int k = 0; k < 3; k++) {
        if (rf_fold_eq(s, w, keys[k])) {
            size_t r = w;
            if (r < n && s[r] == ':')
                r++;
            while (r < n && s[r] == ' ')
                r++;
            rest->s = s + r;
            rest->n = n - r;
            return k;
        }
    }
    return -1;
}

/* \d{1,3}[.)] | [a-zæøå][.)] | [ivx]{1,4}[.)], followed by " +" */
static size_t match_enumerator(const char *s, size_t n)
{
    size_t k = count_digits(s, n < 4 ? n : 4);
    if (k == 0 || k > 3) {
        k = 0;
        while (k < n && k < 5 && (s[k] == 'i' || s[k] == 'v' || s[k] == 'x'))
            k++;
        if (k == 0 || k > 4) {
            if (n >= 1 && s[0] >= 'a' && s[0] <= 'z')
                k = 1;
            else if (n >= 2 && (unsigned char)s[0] == 0xC3 &&
                     ((unsigned char)s[1] == 0xA6 || (unsigned char)s[1] == 0xB8 ||
                      (unsigned char)s[1] == 0xA5))
                k = 2;
            else
                return 0;
        }
    }
    if (k >= n || (s[k] != '.' && s[k] != ')'))
        return 0;
    k++;
    if (k >= n || s[k] != ' ')
        return 0;
    return k;
}

static size_t skip_spaces(const char *s, size_t n, size_t k)
{
    while (k < n && s[k] == ' ')
        k++;
    return k;
}

/* A bullet glyph at s: its length in bytes, else 0. */
static size_t bullet_len(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == '-' || s[0] == '*'))
        return 1;
    if (n >= 3 && memcmp(s, "\xe2\x80\x93", 3) == 0) /* – */
        return 3;
    if (n >= 3 && memcmp(s, "\xe2\x80\xa2", 3) == 0) /* • */
        return 3;
    return 0;
}

/* bullets ^( *)[-–•*] +(.*) and enumerators ^( *)(ENUM) +(.*) */
int rf_match_list(const char *s, size_t n, rf_listmark *out)
{
    size_t sp = 0;
    while (sp < n && s[sp] == ' ')
        sp++;
    out->level = (sp + 1) / 2;
    const char *r = s + sp;
    size_t rn = n - sp;
    size_t b = bullet_len(r, rn);
    if (b && b < rn && r[b] == ' ') {
        size_t t = skip_spaces(r, rn, b);
        /* a lost bullet glyph rendered as "? " */
        if (t + 1 < rn && r[t] == '?' && r[t + 1] == ' ')
            t = skip_spaces(r, rn, t + 1);
        size_t e = match_enumerator(r + t, rn - t);
        if (e) {
            out->label.s = r + t;
            out->label.n = e;
            t = skip_spaces(r, rn, t + e);
        } else {
            out->label.s = "-";
            out->label.n = 1;
        }
        out->text.s = r + t;
        out->text.n = rn - t;
        return 1;
    }
    size_t e = match_enumerator(r, rn);
    if (!e)
        return 0;
    out->label.s = r;
    out->label.n = e;
    size_t t = skip_spaces(r, rn, e);
    out->text.s = r + t;
    out->text.n = rn - t;
    return 1;
}

/* ^[-−]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$ */
int rf_match_number(const char *s, size_t n, double *value, int *is_integer)
{
    size_t k = 0;
    int neg = 0;
    if (k < n && s[k] == '-') {
        neg = 1;
        k++;
    } else if (n >= 3 && memcmp(s, "\xe2\x88\x92", 3) == 0) {
        neg = 1;
        k = 3;
    }
    char digits[64];
    size_t nd = 0, frac = 0;
    size_t lead = count_digits(s + k, n - k);
    if (lead == 0)
        return 0;
    int grouped = lead <= 3 && k + lead < n && s[k + lead] == '.';
    for (;;) {
        size_t d = count_digits(s + k, n - k);
        if (nd + d >= sizeof digits - 1)
            return 0;
        memcpy(digits + nd, s + k, d);
        nd += d;
        k += d;
        if (!grouped || k >= n || s[k] != '.')
            break;
        if (count_digits(s + k + 1, n - k - 1) != 3)
            return 0;
        k++;
    }
    if (k < n && s[k] == ',') {
        frac = count_digits(s + k + 1, n - k - 1);
        if (frac == 0 || nd + frac >= sizeof digits - 1)
            return 0;
        memcpy(digits + nd, s + k + 1, frac);
        nd += frac;
        k += 1 + frac;
    }
    if (k != n)
        return 0;
    double v = 0;
    for (size_t i = 0; i < nd; i++)
        v = v * 10 + (digits[i] - '0');
    if (frac) {
        double scale = 1;
        for (size_t i = 0; i < frac; i++)
            scale *= 10;
        if (nd > 15) { /* too many digits to be exact: let strtod round */
            char text[72];
            memcpy(text, digits, nd - frac);
            text[nd - frac] = '.';
            memcpy(text + nd - frac + 1, digits + nd - frac, frac);
            text[nd + 1] = '\0';
            v = strtod(text, NULL);
        } else {
            v /= scale;
        }
    }
    *value = neg ? -v : v;
    *is_integer = frac == 0;
    return 1;
}

int rf_is_pipe_line(const char *s, size_t n)
{
    return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

/* The cells of a pipe line "|a|b|" (collapsed: its first and last bytes are
 * bars), one per call: 1 with *cell set, 0 after the last. *pos starts at 0. */
int rf_next_pipe_cell(const char *s, size_t n, size_t *pos, rf_slice *cell)
{
    size_t end = n - 1; /* the closing bar */
    size_t i = *pos ? *pos : 1;
    if (n < 2 || i > end)
        return 0;
    const char *bar = memchr(s + i, '|', end - i);
    size_t e = bar ? (size_t)(bar - s) : end;
    cell->s = s + i;
    cell->n = e - i;
    *pos = e + 1;
    return 1;
}

/* A separator cell: :?-+:? (white space around allowed). */
int rf_is_pipe_separator(const char *s, size_t n)
{
    size_t k = skip_spaces(s, n, 0);
    if (k < n && s[k] == ':')
        k++;
    size_t dashes = 0;
    while (k < n && s[k] == '-') {
        k++;
        dashes++;
    }
    if (k < n && s[k] == ':')
        k++;
    k = skip_spaces(s, n, k);
    return dashes > 0 && k == n;
}

/* "Title..... N" (a TAB collapses to the space): the run of two or more
 * dots before the page is required. */
int rf_match_toc_line(const char *s, size_t n, rf_slice *title, int64_t *page)
{
    const char *sp = NULL;
    for (size_t i = n; i > 0; i--) {
        if (s[i - 1] == ' ') {
            sp = s + i - 1;
            break;
        }
    }
    if (!sp || !rf_parse_int(sp + 1, (size_t)(s + n - sp - 1), page))
        return 0;
    size_t end = (size_t)(sp - s);
    size_t dots = 0;
    while (dots < end && s[end - 1 - dots] == '.')
        dots++;
    if (dots < 2)
        return 0;
    title->s = s;
    title->n = end - dots;
    return 1;
}

static const char *const months[] = {"januar", "februar", "marts", "april",
                                     "maj", "juni", "juli", "august",
                                     "september", "oktober", "november", "december"};

static int month_number(const char *s, size_t n)
{
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(months[m]);
        if (len != n)
            continue;
        size_t k = 0;
        while (k < n && (s[k] | 32) == months[m][k])
            k++;
        if (k == n)
            return m + 1;
    }
    return 0;
}

/* (\d{1,2})\. (month) (\d{4}) anywhere */
int rf_find_danish_date(const char *s, size_t n, char iso[11])
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        size_t d = count_digits(s + i, n - i);
        size_t k = i + d;
        if (d > 2 || k + 2 >= n || s[k] != '.' || s[k + 1] != ' ')
            continue;
        size_t ms = k + 2, me = ms;
        while (me < n && (s[me] | 32) >= 'a' && (s[me] | 32) <= 'z')
            me++;
        int month = month_number(s + ms, me - ms);
        if (!month || me + 5 > n || s[me] != ' ' || count_digits(s + me + 1, n - me - 1) != 4)
            continue;
        int day = d == 1 ? s[i] - '0' : (s[i] - '0') * 10 + (s[i + 1] - '0');
        memcpy(iso, s + me + 1, 4);
        iso[4] = '-';
        iso[5] = (char)('0' + month / 10);
        iso[6] = (char)('0' + month % 10);
        iso[7] = '-';
        iso[8] = (char)('0' + day / 10);
        iso[9] = (char)('0' + day % 10);
        iso[10] = '\0';
        return 1;
    }
    return 0;
}

/* kl. H:MM or kl. H.MM anywhere, as HH:MM */
int rf_find_time(const char *s, size_t n, char hm[6])
{
    for (size_t i = 0; i + 4 < n; i++) {
        if ((s[i] | 32) != 'k' || (s[i + 1] | 32) != 'l' || s[i + 2] != '.' || s[i + 3] != ' ')
            continue;
        size_t k = i + 4;
        size_t h = count_digits(s + k, n - k);
        if (h < 1 || h > 2 || k + h + 3 > n || (s[k + h] != ':' && s[k + h] != '.'))
            continue;
        size_t m = k + h + 1;
        if (count_digits(s + m, n - m) != 2)
            continue;
        int hours = h == 1 ? s[k] - '0' : (s[k] - '0') * 10 + (s[k + 1] - '0');
        if (hours > 24 || s[m] > '5')
            continue; /* "kl. 25.75" is no time of day */
        hm[0] = h == 1 ? '0' : s[k];
        hm[1] = s[k + h - 1];
        hm[2] = ':';
        hm[3] = s[m];
        hm[4] = s[m + 1];
        hm[5] = '\0';
        return 1;
    }
    return 0;
}

static rf_slice trim(const char *s, size_t n)
{
    while (n > 0 && s[0] == ' ') {
        s++;
        n--;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    rf_slice r = {s, n};
    return r;
}

/* Names are split on ", " and " og "; empty parts are dropped; a trailing
 * "(...)" is the note. */
int rf_next_name(const char *s, size_t n, size_t *pos, rf_slice *name, rf_slice *note)
{
    while (*pos < n) {
        size_t i = *pos, sep = n, seplen = 0;
        for (size_t k = i; k < n; k++) {
            if (k + 1 < n && s[k] == ',' && s[k + 1] == ' ') {
                sep = k;
                seplen = 2;
                break;
            }
            if (k + 3 < n && memcmp(s + k, " og ", 4) == 0) {
                sep = k;
                seplen = 4;
                break;
            }
        }
        *pos = sep + seplen;
        if (seplen == 0)
            *pos = n;
        rf_slice part = trim(s + i, sep - i);
        if (part.n == 0)
            continue;
        note->s = NULL;
        note->n = 0;
        if (part.s[part.n - 1] == ')') {
            for (size_t k = part.n - 1; k-- > 0;) {
                if (part.s[k] == '(') {
                    note->s = part.s + k + 1;
                    note->n = part.n - k - 2;
                    part = trim(part.s, k);
                    break;
                }
            }
        }
        *name = part;
        return 1;
    }
    return 0;
}
