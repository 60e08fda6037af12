/* Recognizers for the layouts of the Danish agenda systems: FirstAgenda
 * exports and web pages, eDoc, Acadre, SBSYS/GetOrganized. Each works on one
 * cleaned line and is a pure function; where the systems differ, the forms
 * are a table of alternatives next to the recognizer. The rules, with an
 * example each, are in docs/FORMAT.md ("Layouts of the agenda systems").
 *
 *  - labels: "Label[:]" alone or "Label: value" (table `labels`);
 *  - item lines: "Punkt N: Title", "N. Title", "N Title", "N" alone, with
 *    "Lukket: " marking a closed item;
 *  - sub-items "1.1 Title" and "a." alone;
 *  - case numbers in the shapes of `case_shapes`;
 *  - section headings (table `sections`) and decision headings (forms D1-D6
 *    in rf_match_heading_any);
 *  - dates in every written form, times "kl. H:MM" / "H.MM" / bare "H:MM";
 *  - the document kind line, page numbers, attendance lines, absence
 *    sentences.
 */
#include <string.h>

#include "layout.h"

/* ---- words without case ---------------------------------------------------- */

/* ASCII lower case of a byte (other bytes as they are). */
static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

size_t rf_fold_prefix(const char *s, size_t n, const char *key)
{
    /* most calls fail on the first byte: decide that without work */
    unsigned char k0 = (unsigned char)key[0];
    if (k0 < 0x80 && k0 && (n == 0 || ((unsigned char)s[0] < 0x80 && ascii_lower((unsigned char)s[0]) != k0)))
        return 0;
    size_t i = 0, k = 0, kn = 0;
    while (key[k]) {
        if (i >= n)
            return 0;
        unsigned char a = (unsigned char)s[i], b = (unsigned char)key[k];
        if (a < 0x80) {
            /* an ASCII byte lowers to ASCII: a key byte >= 0x80 differs */
            if (b >= 0x80 || (a >= 'A' && a <= 'Z' ? a + 32 : a) != b)
                return 0;
            i++;
            k++;
            continue;
        }
        if (a == 0xC3 && b == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)key[k + 1] & 0xC0) == 0x80) {
            /* U+00C0-U+00FF on both sides: rf_to_lower_cp's own mapping */
            unsigned char x = (unsigned char)s[i + 1];
            if (x <= 0x9E && x != 0x97)
                x = (unsigned char)(x + 0x20);
            if (x != (unsigned char)key[k + 1])
                return 0;
            i += 2;
            k += 2;
            continue;
        }
        if (!kn)
            kn = strlen(key);
        int32_t ca = rf_next_cp(s, n, &i), cb = rf_next_cp(key, kn, &k);
        if (rf_to_lower_cp(ca) != cb)
            return 0;
    }
    return i;
}

/* rf_fold_prefix's first test without the call: the key starts with an
 * ASCII byte that the text cannot start with (so no prefix, and no equality
 * either). Most table entries fail here. */
static int first_differs(const char *s, size_t n, const char *key)
{
    unsigned char k0 = (unsigned char)key[0];
    return k0 && k0 < 0x80 &&
           (n == 0 || ((unsigned char)s[0] < 0x80 && ascii_lower((unsigned char)s[0]) != k0));
}

int rf_fold_eq(const char *s, size_t n, const char *key)
{
    return rf_fold_prefix(s, n, key) == n && (n > 0 || key[0] == '\0');
}

static int is_word_char(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) /* rf_is_letter_cp of an ASCII byte, or a digit */
        return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
    size_t k = i;
    return rf_is_letter_cp(rf_next_cp(s, n, &k)) || (s[i] >= '0' && s[i] <= '9');
}

/* The first i >= from where s[i] is k0 (a lower-case ASCII letter) in
 * either case, or n: eight bytes at a time (a byte ORed with 0x20 equals
 * k0 exactly when it is k0 or its capital; no byte >= 0x80 does). The
 * byte loop of rf_fold_find skips the same bytes one by one. */
static size_t skip_to_letter(const char *s, size_t n, size_t from, unsigned char k0)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const uint64_t pat = ones * k0, lower = ones * 0x20;
    size_t i = from;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x = (w | lower) ^ pat; /* zero bytes where a candidate stands */
        if ((x - ones) & ~x & high)
            break;
    }
    return i;
}

long rf_fold_find(const char *s, size_t n, const char *key)
{
    unsigned char k0 = (unsigned char)key[0];
    int letter = k0 >= 'a' && k0 <= 'z';
    for (size_t i = 0; i < n; i++) {
        if (letter && (i & 7) == 0)
            i = skip_to_letter(s, n, i, k0);
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        /* an ASCII key starts with an ASCII letter in either case */
        if (k0 < 0x80 && (c >= 0x80 || ascii_lower(c) != k0))
            continue;
        if ((c & 0xC0) == 0x80)
            continue;
        /* rf_fold_prefix's own test of the second byte, when both are
         * ASCII, without the call */
        unsigned char k1 = (unsigned char)key[1];
        if (k1 && k1 < 0x80 && i + 1 < n && (unsigned char)s[i + 1] < 0x80 &&
            ascii_lower((unsigned char)s[i + 1]) != k1)
            continue;
        /* the key before the word test: both must hold, the key fails
         * more cheaply and more often */
        if (!rf_fold_prefix(s + i, n - i, key))
            continue;
        if (i > 0 && is_word_char(s, n, i) && is_word_char(s, n, i - 1))
            continue;
        return (long)i;
    }
    return -1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t digits(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_digit(s[k]))
        k++;
    return k;
}

static rf_slice trimmed(const char *s, size_t n)
{
    while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    rf_slice r = {s, n};
    return r;
}

/* The word after a matched keyword ends there: end, space, ":" or "." */
static int word_ends(const char *s, size_t n, size_t at)
{
    return at >= n || s[at] == ' ' || s[at] == ':' || s[at] == '.' || s[at] == ',';
}

static int64_t to_int(const char *s, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < n && i < 18; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* ---- dates and times ---------------------------------------------------------- */

static const char *const month_names[] = {"januar", "februar", "marts", "april", "maj", "juni",
                                          "juli", "august", "september", "oktober",
                                          "november", "december"};

static void put_iso(char iso[11], int64_t y, int64_t m, int64_t d)
{
    iso[0] = (char)('0' + y / 1000 % 10);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
}

static int valid_date(int64_t y, int64_t m, int64_t d)
{
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "D. month YYYY" at s (month name without case). */
static size_t long_date(const char *s, size_t n, char iso[11])
{
    size_t d = digits(s, n);
    if (d == 0 || d > 2 || d + 2 >= n || s[d] != '.' || s[d + 1] != ' ')
        return 0;
    size_t k = d + 2;
    for (int m = 0; m < 12; m++) {
        size_t len = rf_fold_prefix(s + k, n - k, month_names[m]);
        if (!len || k + len + 5 > n || s[k + len] != ' ')
            continue;
        size_t y = k + len + 1;
        if (digits(s + y, n - y) != 4 || (y + 4 < n && is_digit(s[y + 4])))
            return 0;
        int64_t day = to_int(s, d), year = to_int(s + y, 4);
        if (!valid_date(year, m + 1, day))
            return 0;
        put_iso(iso, year, m + 1, day);
        return y + 4;
    }
    return 0;
}

/* "DD-MM-YYYY", "DD.MM.YYYY" or "YYYY-MM-DD" at s. */
static size_t numeric_date(const char *s, size_t n, char iso[11])
{
    size_t a = digits(s, n);
    if (a == 4 && a + 6 <= n && s[4] == '-') {
        size_t b = digits(s + 5, n - 5);
        if (b != 2 || 7 >= n || s[7] != '-' || digits(s + 8, n - 8) != 2)
            return 0;
        if (10 < n && is_digit(s[10]))
            return 0;
        int64_t y = to_int(s, 4), m = to_int(s + 5, 2), d = to_int(s + 8, 2);
        if (!valid_date(y, m, d))
            return 0;
        put_iso(iso, y, m, d);
        return 10;
    }
    /* two digits for day and month ("1-4-2015" is no date of these forms) */
    if (a != 2 || a >= n || (s[a] != '-' && s[a] != '.'))
        return 0;
    char sep = s[a];
    size_t b = digits(s + a + 1, n - a - 1);
    size_t k = a + 1 + b;
    if (b != 2 || k >= n || s[k] != sep || digits(s + k + 1, n - k - 1) != 4)
        return 0;
    if (k + 5 < n && is_digit(s[k + 5]))
        return 0;
    int64_t d = to_int(s, a), m = to_int(s + a + 1, b), y = to_int(s + k + 1, 4);
    if (!valid_date(y, m, d))
        return 0;
    put_iso(iso, y, m, d);
    return k + 5;
}

/* "April 3, 2019" at s: the English form some agenda web sites print
 * (their pages' dates come from an English locale). */
static size_t english_date(const char *s, size_t n, char iso[11])
{
    static const char *const months[] = {"January", "February", "March", "April",
                                         "May", "June", "July", "August", "September",
                                         "October", "November", "December"};
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(months[m]);
        if (len + 8 > n || memcmp(s, months[m], len) != 0 || s[len] != ' ')
            continue;
        size_t k = len + 1, d = digits(s + k, n - k);
        if (d == 0 || d > 2 || k + d + 6 > n || s[k + d] != ',' || s[k + d + 1] != ' ')
            return 0;
        size_t y = k + d + 2;
        if (digits(s + y, n - y) != 4 || (y + 4 < n && is_digit(s[y + 4])))
            return 0;
        int64_t day = to_int(s + k, d), year = to_int(s + y, 4);
        if (!valid_date(year, m + 1, day))
            return 0;
        put_iso(iso, year, m + 1, day);
        return y + 4;
    }
    return 0;
}

int rf_find_date_any(const char *s, size_t n, char iso[11], rf_found *at)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        if (s[i] >= 'A' && s[i] <= 'S' && (i == 0 || s[i - 1] == ' '))
            len = english_date(s + i, n - i, iso);
        else if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        if (!len)
            len = long_date(s + i, n - i, iso);
        if (!len)
            len = numeric_date(s + i, n - i, iso);
        if (len) {
            if (at) {
                at->pos = i;
                at->len = len;
            }
            return 1;
        }
    }
    return 0;
}

/* H:MM or H.MM (sep_dot allows the dot) at s; "HH:MM" into hm. */
static size_t clock_at(const char *s, size_t n, int sep_dot, char hm[6])
{
    size_t h = digits(s, n);
    if (h < 1 || h > 2 || h + 3 > n || (s[h] != ':' && !(sep_dot && s[h] == '.')))
        return 0;
    if (digits(s + h + 1, n - h - 1) != 2 || (h + 3 < n && is_digit(s[h + 3])))
        return 0;
    int64_t hh = to_int(s, h), mm = to_int(s + h + 1, 2);
    if (hh > 24 || mm > 59)
        return 0;
    hm[0] = (char)('0' + hh / 10);
    hm[1] = (char)('0' + hh % 10);
    hm[2] = ':';
    hm[3] = s[h + 1];
    hm[4] = s[h + 2];
    hm[5] = '\0';
    return h + 3;
}

int rf_find_time_any(const char *s, size_t n, char hm[6], rf_found *at)
{
    /* "kl. 15.45" / "kl 15:45" first: the dot form only after "kl." */
    for (size_t i = 0; i + 3 < n; i++) {
        if ((s[i] | 32) != 'k' || (s[i + 1] | 32) != 'l' || (i > 0 && s[i - 1] != ' '))
            continue;
        size_t k = i + 2;
        if (k < n && s[k] == '.')
            k++;
        if (k < n && s[k] == ' ')
            k++;
        size_t len = clock_at(s + k, n - k, 1, hm);
        if (len) {
            if (at) {
                at->pos = i;
                at->len = k + len - i;
            }
            return 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]) || (i > 0 && s[i - 1] != ' '))
            continue;
        size_t len = clock_at(s + i, n - i, 0, hm);
        if (len) {
            if (at) {
                at->pos = i;
                at->len = len;
            }
            return 1;
        }
    }
    return 0;
}

static const char *const weekdays[] = {"mandag", "tirsdag", "onsdag", "torsdag",
                                       "fredag", "lørdag", "søndag"};

size_t rf_weekday_len(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++) {
        size_t len = rf_fold_prefix(s, n, weekdays[i]);
        if (len && word_ends(s, n, len))
            return len;
    }
    return 0;
}

/* The filler words a date or time line may hold besides the date. */
static size_t filler_len(const char *s, size_t n)
{
    static const char *const words[] = {"den", "d.", "kl.", "kl", "-", "–", "fra", "til"};
    size_t w = rf_weekday_len(s, n);
    if (w)
        return w;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t len = rf_fold_prefix(s, n, words[i]);
        if (len && (len == n || s[len] == ' ' || s[len] == ','))
            return len;
    }
    return 0;
}

int rf_is_date_line(const char *s, size_t n)
{
    size_t i = 0;
    int found = 0;
    while (i < n) {
        if (s[i] == ' ' || s[i] == ',') {
            i++;
            continue;
        }
        char iso[11], hm[6];
        size_t len = long_date(s + i, n - i, iso);
        if (!len)
            len = numeric_date(s + i, n - i, iso);
        if (!len)
            len = clock_at(s + i, n - i, 1, hm);
        if (len) {
            found = 1;
            i += len;
            continue;
        }
        len = filler_len(s + i, n - i);
        if (!len)
            return 0;
        i += len;
    }
    return found;
}

/* ---- labels -------------------------------------------------------------------- */

/* The label words of every system. space_value: the value may follow after
 * a space without a colon (HTK's meta lines). */
static const struct {
    const char *word;
    rf_label_key key;
    int space_value;
} labels[] = {
    {"mødedato", RF_LABEL_DATE, 1},
    {"mødested", RF_LABEL_LOCATION, 1},
    {"mødedeltagere", RF_LABEL_PRESENT, 1},
    {"dato", RF_LABEL_DATE, 0},
    {"tidspunkt", RF_LABEL_TIME, 0},
    {"starttidspunkt", RF_LABEL_TIME, 0},
    {"mødetidspunkt", RF_LABEL_TIME, 0},
    {"mødetid", RF_LABEL_TIME, 0},
    {"tid", RF_LABEL_TIME, 0},
    {"sluttidspunkt", RF_LABEL_END_TIME, 0},
    {"mødelokale", RF_LABEL_LOCATION, 0},
    {"lokale", RF_LABEL_LOCATION, 0},
    {"sted", RF_LABEL_LOCATION, 0},
    {"udvalg", RF_LABEL_BODY, 0},
    {"deltagere", RF_LABEL_PRESENT, 0},
    {"tilstede", RF_LABEL_PRESENT, 0},
    {"til stede", RF_LABEL_PRESENT, 0},
    {"medlemmer", RF_LABEL_PRESENT, 0},
    {"fremmødte", RF_LABEL_PRESENT, 0},
    {"afbud/fraværende", RF_LABEL_ABSENT, 0},
    {"fraværende/afbud", RF_LABEL_ABSENT, 0},
    {"fraværende", RF_LABEL_ABSENT, 0},
    {"afbud", RF_LABEL_ABSENT, 0},
    {"ikke til stede", RF_LABEL_ABSENT, 0},
    {"sekretær", RF_LABEL_STAFF, 0},
    {"referent", RF_LABEL_STAFF, 0},
    {"øvrige deltagere", RF_LABEL_STAFF, 0},
    {"desuden deltog", RF_LABEL_STAFF, 0},
    {"sagsnr.", RF_LABEL_CASE, 0},
    {"sagsnr", RF_LABEL_CASE, 0},
    {"sags nr.", RF_LABEL_CASE, 0},
    {"sagsnummer", RF_LABEL_CASE, 0},
    {"j.nr.", RF_LABEL_CASE, 0},
    {"j. nr.", RF_LABEL_CASE, 0},
    {"journalnr.", RF_LABEL_CASE, 0},
    {"punktnummer", RF_LABEL_ITEM_NUMBER, 0},
    {"dok.nr.", RF_LABEL_ITEM_META, 0},
    {"dok. nr.", RF_LABEL_ITEM_META, 0},
    {"sagen afgøres i", RF_LABEL_ITEM_META, 0},
    {"beslutningskompetence", RF_LABEL_ITEM_META, 0},
    {"sagsforløb", RF_LABEL_ITEM_META, 0},
    {"kompetence", RF_LABEL_ITEM_META, 0},
    {"information", RF_LABEL_OTHER, 0},
    {"bemærk", RF_LABEL_OTHER, 0},
};

int rf_match_label(const char *s, size_t n, rf_label *out)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (first_differs(s, n, labels[i].word))
            continue;
        size_t len = rf_fold_prefix(s, n, labels[i].word);
        if (!len)
            continue;
        size_t k = len;
        int colon = k < n && s[k] == ':';
        if (colon)
            k++;
        /* a word that ends in a dot takes its value after a space too:
         * "Sagsnr. 13/10442", "J.nr. 00.01.00-A00-1-15" */
        int dotted = labels[i].word[strlen(labels[i].word) - 1] == '.';
        if (k < n && !colon && !((labels[i].space_value || dotted) && s[k] == ' '))
            continue;
        /* a value after a colon may need no space: "Tid:13:00" */
        out->key = labels[i].key;
        out->keyword = (int)i;
        out->value = trimmed(s + k, n - k);
        /* without a colon a label alone must not be a whole sentence word:
         * "Sted" alone is a label, "Stederne ..." is not (prefix only matched
         * whole words above) */
        return 1;
    }
    return 0;
}

/* ---- items ------------------------------------------------------------------------ */

/* "Lukket: " / "Lukket punkt: " before a title; the title "Lukket" or
 * "Lukket punkt" alone. */
static void closed_prefix(rf_item_line *out)
{
    static const char *const words[] = {"lukket punkt", "lukket"};
    const char *s = out->title.s;
    size_t n = out->title.n;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t len = rf_fold_prefix(s, n, words[i]);
        if (!len)
            continue;
        if (len == n) {
            out->closed = 1;
            return;
        }
        if (s[len] == ':') {
            out->closed = 1;
            out->title = trimmed(s + len + 1, n - len - 1);
            return;
        }
    }
}

/* "Punkt N: Title", "Punkt N. Title", "Pkt. N Title" (table of prefixes) */
static int punkt_line(const char *s, size_t n, rf_item_line *out)
{
    static const char *const prefixes[] = {"punkt ", "pkt. ", "pkt "};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t k = rf_fold_prefix(s, n, prefixes[i]);
        if (!k)
            continue;
        size_t d = digits(s + k, n - k);
        if (d == 0 || d > 6)
            return 0;
        size_t t = k + d;
        /* HTK's form "Punkt N:" (SPEC §3.2) needs the colon */
        if (t < n && (s[t] == ':' || s[t] == '.'))
            t++;
        else if (i == 0)
            return 0;
        if (t < n && s[t] != ' ')
            return 0;
        out->form = RF_ITEM_PUNKT;
        out->number = to_int(s + k, d);
        out->title = trimmed(s + t, n - t);
        return 1;
    }
    return 0;
}

int rf_match_item_line(const char *s, size_t n, rf_item_line *out)
{
    memset(out, 0, sizeof *out);
    /* w3m prints a web page's folded table of contents as its heading glued
     * to the first item: "Indholdsfortegnelse1. Fraværende" */
    size_t glued = rf_fold_prefix(s, n, "indholdsfortegnelse");
    if (glued && glued < n && s[glued] >= '1' && s[glued] <= '9') {
        s += glued;
        n -= glued;
    }
    if (n == 0)
        return 0;
    if (!punkt_line(s, n, out)) {
        size_t d = digits(s, n);
        if (d == 0 || d > 4)
            return 0;
        size_t k = d;
        int dot = k < n && s[k] == '.';
        if (dot)
            k++;
        out->number = to_int(s, d);
        if (k == n) {
            out->form = RF_ITEM_NUMBER_ALONE;
            return 1;
        }
        if (s[k] != ' ')
            return 0;
        rf_slice t = trimmed(s + k, n - k);
        size_t j = 0;
        int32_t first = t.n ? rf_next_cp(t.s, t.n, &j) : 0;
        /* the title starts with a capital letter, a digit or a quote */
        if (!(rf_is_upper_cp(first) || (first >= '0' && first <= '9') || first == '"' ||
              first == 0x201D || first == 0x201C))
            return 0;
        out->form = RF_ITEM_NUMBER_TITLE;
        out->title = t;
    }
    closed_prefix(out);
    return 1;
}

int rf_match_subitem_line(const char *s, size_t n, int64_t *major, rf_slice *label,
                          rf_slice *title)
{
    size_t a = digits(s, n);
    if (a == 0 || a > 4 || a + 2 >= n || s[a] != '.')
        return 0;
    size_t b = digits(s + a + 1, n - a - 1);
    size_t k = a + 1 + b;
    if (b == 0 || b > 3)
        return 0;
    if (k < n && s[k] == '.')
        k++;
    if (k >= n || s[k] != ' ')
        return 0;
    rf_slice t = trimmed(s + k, n - k);
    size_t j = 0;
    if (t.n == 0 || !rf_is_upper_cp(rf_next_cp(t.s, t.n, &j)))
        return 0;
    *major = to_int(s, a);
    label->s = s;
    label->n = a + 1 + b;
    *title = t;
    return 1;
}

int rf_match_letter_alone(const char *s, size_t n, char *letter)
{
    if (n != 2 || s[1] != '.' || s[0] < 'a' || s[0] > 'z')
        return 0;
    *letter = s[0];
    return 1;
}

int rf_is_bare_number(const char *s, size_t n, int *dot)
{
    size_t d = digits(s, n);
    if (d == 0 || d > 4)
        return 0;
    *dot = d + 1 == n && s[d] == '.';
    return d == n || *dot;
}

/* The shapes of case numbers: d digits, A capitals, other bytes literal. */
static const char *const case_shapes[] = {
    "dd/d+",          /* 22/23184 (FirstAgenda export, Acadre) */
    "AA+-dddd-d+",    /* EMN-2023-009832 (FirstAgenda, Aarhus) */
    "dddd-d+",        /* 2012-28504 (eDoc) */
    "dd-dddddd",      /* 21-014420 (SBSYS) */
    "dd.dd.dd-Ad+-d+-dd", /* 00.01.00-A00-1-15 (KLE journal numbers) */
};

static int shape_match(const char *s, size_t n, const char *shape)
{
    size_t i = 0;
    for (const char *c = shape; *c; c++) {
        int plus = c[1] == '+';
        int (*ok)(char) = NULL;
        if (*c == 'd')
            ok = NULL;
        size_t count = 0;
        for (;;) {
            int hit;
            if (*c == 'd')
                hit = i < n && is_digit(s[i]);
            else if (*c == 'A')
                hit = i < n && s[i] >= 'A' && s[i] <= 'Z';
            else
                hit = i < n && s[i] == *c;
            if (!hit)
                break;
            i++;
            count++;
            if (!plus)
                break;
        }
        (void)ok;
        if (count == 0)
            return 0;
        if (plus)
            c++;
    }
    return i == n;
}

int rf_match_case_any(const char *s, size_t n, int strict)
{
    if (n < 4 || n > 40)
        return 0;
    for (size_t i = 0; i < sizeof case_shapes / sizeof case_shapes[0]; i++) {
        if (shape_match(s, n, case_shapes[i])) {
            /* "dddd-d+" must not be a year range such as 2012-2013 */
            if (i == 2 && n == 9 && s[5] >= '1' && s[5] <= '2')
                return 0;
            if (i == 2 && n < 8)
                return 0;
            return 1;
        }
    }
    if (strict)
        return 0;
    size_t ndigits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_digit(c))
            ndigits++;
        else if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '/' || c == '.'))
            return 0;
    }
    return ndigits >= 5 && is_digit(s[n - 1]);
}

/* ---- section headings -------------------------------------------------------------- */

/* The heading words of every system, compared whole without case, with or
 * without a trailing colon. */
static const struct {
    const char *word;
    referat_section_kind kind;
} sections[] = {
    {"baggrund", REFERAT_SECTION_BACKGROUND},
    {"indstilling", REFERAT_SECTION_RECOMMENDATION},
    {"sagsfremstilling", REFERAT_SECTION_PRESENTATION},
    {"bilag", REFERAT_SECTION_ATTACHMENTS},
    {"økonomi", REFERAT_SECTION_FINANCE},
    /* the vocabulary of the other systems */
    {"resumé", REFERAT_SECTION_SUMMARY},
    {"resume", REFERAT_SECTION_SUMMARY},
    {"sammendrag", REFERAT_SECTION_SUMMARY},
    {"beslutningstema", REFERAT_SECTION_SUMMARY},
    {"sagens kerne", REFERAT_SECTION_SUMMARY},
    {"sagsbeskrivelse", REFERAT_SECTION_PRESENTATION},
    {"supplerende sagsfremstilling", REFERAT_SECTION_PRESENTATION},
    {"oplæg", REFERAT_SECTION_PRESENTATION},
    {"sagsforløb", REFERAT_SECTION_HISTORY},
    {"sagsprocedure", REFERAT_SECTION_HISTORY},
    {"tidligere behandling", REFERAT_SECTION_HISTORY},
    {"tidligere beslutninger", REFERAT_SECTION_HISTORY},
    {"administrationens indstilling", REFERAT_SECTION_RECOMMENDATION},
    {"direktionens indstilling", REFERAT_SECTION_RECOMMENDATION},
    {"forvaltningens indstilling", REFERAT_SECTION_RECOMMENDATION},
    {"indstillinger", REFERAT_SECTION_RECOMMENDATION},
    {"beslutningspunkter", REFERAT_SECTION_RECOMMENDATION},
    {"forslag til beslutning", REFERAT_SECTION_RECOMMENDATION},
    {"økonomiske konsekvenser", REFERAT_SECTION_FINANCE},
    {"økonomiske konsekvenser og finansiering", REFERAT_SECTION_FINANCE},
    {"økonomi og organisatoriske konsekvenser", REFERAT_SECTION_FINANCE},
    {"økonomi og finansiering", REFERAT_SECTION_FINANCE},
    {"beslutningen træffes af", REFERAT_SECTION_OTHER},
    {"lovgrundlag", REFERAT_SECTION_OTHER},
    {"retsgrundlag", REFERAT_SECTION_OTHER},
    {"høring", REFERAT_SECTION_OTHER},
    {"kommunikation", REFERAT_SECTION_OTHER},
    {"vurdering", REFERAT_SECTION_OTHER},
    {"bilagsfortegnelse", REFERAT_SECTION_ATTACHMENTS},
    {"underskriftsside", REFERAT_SECTION_OTHER},
    {"underskrifter", REFERAT_SECTION_OTHER},
    /* FirstAgenda's published web pages */
    {"sagsgang og sagstype", REFERAT_SECTION_OTHER},
    {"beskrivelse af sagen", REFERAT_SECTION_PRESENTATION},
    {"konsekvenser", REFERAT_SECTION_OTHER},
    {"risikovurdering", REFERAT_SECTION_OTHER},
};

/* Decision words alone: the body and date come from the meeting. */
static const char *const decision_words[] = {"beslutning", "beslutninger", "afgørelse",
                                             "udvalgets beslutning", "beslutning/referat"};

/* "Beslutning i BODY den DATE" and "Beslutning BODY den DATE" (D1), with a
 * date in any form; the HTK export's form is SPEC §3.3's. */
static int decision_with_body(const char *s, size_t n, rf_heading_ex *out)
{
    size_t k = rf_fold_prefix(s, n, "beslutning ");
    if (!k)
        return 0;
    long den = -1;
    for (size_t i = k - 1; i + 5 < n; i++) {
        if (rf_fold_prefix(s + i, n - i, " den ")) {
            char iso[11];
            rf_found at;
            if (rf_find_date_any(s + i + 5, n - i - 5, iso, &at) && at.pos == 0) {
                den = (long)i;
                memcpy(out->date, iso, sizeof iso);
                /* only "Punkt N" may follow the date */
                size_t rest = i + 5 + at.len;
                rf_slice tail = trimmed(s + rest, n - rest);
                if (tail.n && !rf_fold_prefix(tail.s, tail.n, "punkt "))
                    return 0;
                break;
            }
        }
    }
    if (den < 0)
        return 0;
    const char *body = s + k;
    size_t len = (size_t)den > k ? (size_t)den - k : 0; /* "Beslutning den ...": none */
    if (len > 2 && (body[0] | 32) == 'i' && body[1] == ' ') {
        body += 2;
        len -= 2;
    }
    out->kind = REFERAT_SECTION_DECISION;
    out->body.s = len ? body : NULL; /* "Beslutning den DATE": the meeting's body */
    out->body.n = len;
    out->form = 1;
    return 1;
}

/* "BODYs beslutning[ den DATE][ Punkt N]" (D3, eDoc) and
 * "BODYS BESLUTNING" (D4): the genitive s is taken off the body. */
static int genitive_decision(const char *s, size_t n, rf_heading_ex *out)
{
    long at = rf_fold_find(s, n, "beslutning");
    if (at < 2 || s[at - 1] != ' ' || ((s[at - 2] | 32) != 's'))
        return 0;
    size_t after = (size_t)at + 10;
    if (after < n && s[after] != ' ' && s[after] != ':')
        return 0;
    if (after < n) {
        rf_slice tail = trimmed(s + after, n - after);
        if (tail.n && tail.s[0] == ':')
            tail = trimmed(tail.s + 1, tail.n - 1);
        if (tail.n) {
            size_t d = rf_fold_prefix(tail.s, tail.n, "den ");
            rf_found f;
            char iso[11];
            if (!d || !rf_find_date_any(tail.s + d, tail.n - d, iso, &f) || f.pos != 0)
                return 0;
            size_t rest = d + f.len;
            rf_slice more = trimmed(tail.s + rest, tail.n - rest);
            if (more.n && !rf_fold_prefix(more.s, more.n, "punkt "))
                return 0;
            memcpy(out->date, iso, sizeof iso);
        }
    }
    out->kind = REFERAT_SECTION_DECISION;
    out->body.s = s;
    out->body.n = (size_t)at - 2; /* without "s " */
    out->form = 3;
    return out->body.n > 0;
}

/* "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:" (D6): a decision
 * of an earlier meeting printed in the item. Without the colon, the line
 * ending in the item's number, "Kultur- og Idrætsudvalget, 03-04-2019,
 * pkt. 42" (D7, Roskilde's web pages) heads the decision of the meeting of
 * that date (an earlier date: history, as every decision's). */
static int history_line(const char *s, size_t n, rf_heading_ex *out)
{
    if (n < 10)
        return 0;
    int colon = s[n - 1] == ':';
    long pkt = rf_fold_find(s, n, "pkt.");
    const char *comma = memchr(s, ',', n);
    char iso[11];
    rf_found f;
    if (pkt < 0 || !comma || !rf_find_date_any(s, n, iso, &f) || f.pos < (size_t)(comma - s))
        return 0;
    if (!colon) {
        size_t k = (size_t)pkt + 4;
        while (k < n && s[k] == ' ')
            k++;
        if (k == n || digits(s + k, n - k) != n - k || f.pos + f.len > (size_t)pkt)
            return 0; /* the number ends the line, after the date */
    }
    out->kind = REFERAT_SECTION_DECISION;
    out->body.s = s;
    out->body.n = (size_t)(comma - s);
    memcpy(out->date, iso, sizeof iso);
    out->history = colon;
    out->form = colon ? 6 : 7;
    return 1;
}

static int all_caps(const char *s, size_t n)
{
    size_t i = 0;
    int letters = 0;
    while (i < n) {
        int32_t cp = rf_next_cp(s, n, &i);
        if (rf_is_lower_cp(cp))
            return 0;
        letters += rf_is_upper_cp(cp);
    }
    return letters > 0;
}

int rf_match_heading_any(const char *s, size_t n, rf_heading_ex *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0 || n > 300)
        return 0;
    size_t m = n;
    if (s[m - 1] == ':')
        m--;
    if (m <= 40) {
        for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
            if (!first_differs(s, m, sections[i].word) && rf_fold_eq(s, m, sections[i].word)) {
                out->kind = sections[i].kind;
                out->form = 0;
                return 1;
            }
        }
        for (size_t i = 0; i < sizeof decision_words / sizeof decision_words[0]; i++) {
            if (!first_differs(s, m, decision_words[i]) && rf_fold_eq(s, m, decision_words[i])) {
                out->kind = REFERAT_SECTION_DECISION;
                out->form = 2;
                return 1;
            }
        }
        /* SBSYS minutes: "Referat:" (with its colon) */
        if (m < n && rf_fold_eq(s, m, "referat")) {
            out->kind = REFERAT_SECTION_DECISION;
            out->form = 5;
            return 1;
        }
    }
    if (history_line(s, n, out)) {
        out->body_caps = all_caps(s, n);
        return 1;
    }
    /* "Beslutning i Byrådet den 24-04-2013:" and "...den 10. april 2013." */
    if (n > 1 && (s[n - 1] == ':' || (s[n - 1] == '.' && s[n - 2] >= '0' && s[n - 2] <= '9')))
        n--;
    if (decision_with_body(s, n, out) || genitive_decision(s, n, out)) {
        out->body_caps = all_caps(s, n);
        return 1;
    }
    return 0;
}

int rf_match_inline_heading(const char *s, size_t n, rf_heading_ex *out)
{
    static const struct {
        const char *word;
        referat_section_kind kind;
    } words[] = {
        {"referat", REFERAT_SECTION_DECISION},
        {"beslutning", REFERAT_SECTION_DECISION},
        {"beslutninger", REFERAT_SECTION_DECISION},
        {"oplæg", REFERAT_SECTION_PRESENTATION},
    };
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t len = rf_fold_prefix(s, n, words[i].word);
        if (!len || len + 2 >= n || s[len] != ':' || s[len + 1] != ' ')
            continue;
        out->kind = words[i].kind;
        out->form = words[i].kind == REFERAT_SECTION_DECISION ? 5 : 0;
        out->inline_at = len + 2;
        return 1;
    }
    return 0;
}

/* ---- meeting header ---------------------------------------------------------------- */

/* After the kind word: "for X", "fra mødet i X", or "X den DATE ..." /
 * "X d. DATE" (a body followed by the meeting's date and time). */
static int kind_with_body(const char *s, size_t n, rf_kind_line *out)
{
    static const char *const links[] = {"fra mødet i ", "fra mødet ", "for ", "fra ", "- ", "– "};
    size_t k = 0;
    for (size_t i = 0; i < sizeof links / sizeof links[0] && !k; i++)
        k = rf_fold_prefix(s, n, links[i]);
    static const char *const dens[] = {" den ", " d. "};
    for (size_t i = 0; i < sizeof dens / sizeof dens[0]; i++) {
        long at = rf_fold_find(s + k, n - k, dens[i] + 1);
        if (at > 0 && s[k + (size_t)at - 1] == ' ' &&
            rf_is_date_line(s + k + (size_t)at, n - k - (size_t)at)) {
            size_t d = k + (size_t)at;
            out->has_date = rf_find_date_any(s + d, n - d, out->date, NULL);
            rf_find_time_any(s + d, n - d, out->time, NULL);
            out->body = trimmed(s + k, (size_t)at - 1);
            return out->has_date && out->body.n > 0;
        }
    }
    if (!k)
        return 0; /* "Referat af ..." and other sentences */
    out->body = trimmed(s + k, n - k);
    size_t j = 0;
    return out->body.n > 0 && out->body.n <= 120 &&
           rf_is_upper_cp(rf_next_cp(out->body.s, out->body.n, &j));
}

static const struct {
    const char *word;
    int kind;
} kinds[] = {
    {"åbent referat", 0}, {"referat", 0},         {"mødereferat", 0},
    {"beslutningsprotokol", 0}, {"åben dagsorden", 1}, {"dagsorden", 1},
};

/* A committee's election period after its name, "Udvalget (2018-2021)":
 * not part of the body's name. */
static rf_slice without_period(rf_slice b)
{
    if (b.n > 12 && b.s[b.n - 1] == ')' && b.s[b.n - 11] == '(' && b.s[b.n - 12] == ' ' &&
        digits(b.s + b.n - 10, 4) == 4 && b.s[b.n - 6] == '-' && digits(b.s + b.n - 5, 4) == 4)
        b.n -= 12;
    return b;
}

/* After the kind word of a title: nothing, or a dash and the date. */
static int kind_tail(const char *s, size_t n, rf_kind_line *out)
{
    if (n == 0)
        return 1;
    size_t k = rf_fold_prefix(s, n, " - ");
    if (!k)
        k = rf_fold_prefix(s, n, " \xe2\x80\x93 ");
    if (!k || !rf_is_date_line(s + k, n - k))
        return 0;
    out->has_date = rf_find_date_any(s + k, n - k, out->date, NULL);
    rf_find_time_any(s + k, n - k, out->time, NULL);
    return out->has_date;
}

/* "Byrådet - Referat", "Udvalget (2018-2021) – Referat – 12. januar 2021":
 * the body first, then a dash and the kind, perhaps a dash and the date
 * (the title of an agenda system's web page, as w3m prints it). */
static int body_then_kind(const char *s, size_t n, rf_kind_line *out)
{
    static const char *const dashes[] = {" - ", " \xe2\x80\x93 "}; /* -, en dash */
    for (size_t d = 0; d < sizeof dashes / sizeof dashes[0]; d++) {
        long at = rf_fold_find(s, n, dashes[d]);
        if (at <= 0)
            continue;
        size_t tail = (size_t)at + strlen(dashes[d]);
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
            size_t len = rf_fold_prefix(s + tail, n - tail, kinds[i].word);
            if (!len || !kind_tail(s + tail + len, n - tail - len, out))
                continue;
            size_t j = 0;
            out->kind = kinds[i].kind;
            out->body = without_period(trimmed(s, (size_t)at));
            return out->body.n > 0 && out->body.n <= 120 &&
                   rf_is_upper_cp(rf_next_cp(out->body.s, out->body.n, &j));
        }
    }
    return 0;
}

int rf_match_kind_line(const char *s, size_t n, rf_kind_line *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t len = rf_fold_prefix(s, n, kinds[i].word);
        if (!len)
            continue;
        out->kind = kinds[i].kind;
        if (len == n)
            return 1;
        if (s[len] != ' ')
            return 0;
        if (rf_is_date_line(s + len + 1, n - len - 1)) {
            out->has_date = rf_find_date_any(s + len, n - len, out->date, NULL);
            rf_find_time_any(s + len, n - len, out->time, NULL);
            return 1;
        }
        return kind_with_body(s + len + 1, n - len - 1, out);
    }
    return body_then_kind(s, n, out);
}

/* ---- the class of a line ------------------------------------------------------------ */

/* The class of a cleaned line (see rf_line_class), in this order. */
rf_line_class rf_classify_line(const char *s, size_t n)
{
    rf_header h;
    rf_heading_ex hd;
    rf_item_line it;
    rf_label lb;
    int64_t major;
    rf_slice label, title;
    char letter;
    int dot;
    if (rf_match_header(s, n, &h))
        return RF_LINE_HEADER;
    if (rf_match_item_line(s, n, &it) && it.form == RF_ITEM_PUNKT)
        return RF_LINE_PUNKT;
    if (rf_match_heading_any(s, n, &hd))
        return RF_LINE_HEADING;
    if (rf_match_toc_start(s, n))
        return RF_LINE_TOC_START;
    if (rf_match_subitem_line(s, n, &major, &label, &title))
        return RF_LINE_SUBITEM;
    if (rf_is_bare_number(s, n, &dot) || rf_match_letter_alone(s, n, &letter))
        return RF_LINE_ENUM_ALONE;
    if (rf_match_inline_heading(s, n, &hd))
        return RF_LINE_INLINE_HEADING;
    if (rf_match_label(s, n, &lb) && lb.key == RF_LABEL_BODY && lb.value.n > 0)
        return RF_LINE_HISTORY;
    return RF_LINE_TEXT;
}

/* ---- page numbers and navigation --------------------------------------------------------- */

int rf_is_navigation_line(const char *s, size_t n)
{
    static const char *const links[] = {"til toppen", "til top", "tilbage til toppen",
                                        "gå til toppen", "til toppen af siden", "fold alle ud",
                                        "fold alle sammen"};
    if (n < 7 || n > 24 || ((s[0] | 32) != 't' && (s[0] | 32) != 'g' && (s[0] | 32) != 'f'))
        return 0; /* not one of the links: most lines end here */
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        if (rf_fold_eq(s, n, links[i]))
            return 1;
    }
    return 0;
}

int rf_is_page_number_line(const char *s, size_t n)
{
    size_t k = 0;
    size_t w = rf_fold_prefix(s, n, "side ");
    if (!w)
        w = rf_fold_prefix(s, n, "page ");
    if (!w && n > 4 && s[0] == '-' && s[1] == ' ' && s[n - 1] == '-' && s[n - 2] == ' ')
        return digits(s + 2, n - 4) == n - 4;
    k = w;
    size_t d = digits(s + k, n - k);
    if (d == 0 || d > 4)
        return 0;
    k += d;
    if (k == n)
        return w > 0;
    /* "3 of 5", "3 af 5" ("3/5" would be a case number such as "24/1") */
    size_t sep = rf_fold_prefix(s + k, n - k, " of ");
    if (!sep)
        sep = rf_fold_prefix(s + k, n - k, " af ");
    if (!sep)
        return 0;
    k += sep;
    size_t e = digits(s + k, n - k);
    return e > 0 && e <= 4 && k + e == n;
}

/* ---- people ------------------------------------------------------------------------------ */

int rf_parse_person(const char *s, size_t n, rf_person *out)
{
    memset(out, 0, sizeof *out);
    rf_slice t = trimmed(s, n);
    /* role after " - " (or " – ") */
    for (size_t i = 0; i + 2 < t.n; i++) {
        size_t dash = 0;
        if (t.s[i] == ' ' && t.s[i + 1] == '-' && t.s[i + 2] == ' ')
            dash = 3;
        else if (i + 4 < t.n && t.s[i] == ' ' && memcmp(t.s + i + 1, "\xe2\x80\x93 ", 4) == 0)
            dash = 5;
        if (dash) {
            out->role = trimmed(t.s + i + dash, t.n - i - dash);
            t.n = i;
            break;
        }
    }
    /* ", Suppleant for X" is a role too */
    long sup = rf_fold_find(t.s, t.n, "suppleant");
    if (sup > 2 && t.s[sup - 2] == ',') {
        out->role = trimmed(t.s + sup, t.n - (size_t)sup);
        t.n = (size_t)sup - 2;
    }
    t = trimmed(t.s, t.n);
    /* a note after the party: "Britt Jensen (A), sag 129-138" */
    for (size_t i = 1; i + 2 < t.n; i++) {
        if (t.s[i - 1] == ')' && t.s[i] == ',' && t.s[i + 1] == ' ') {
            out->note = trimmed(t.s + i + 2, t.n - i - 2);
            t.n = i;
            break;
        }
    }
    /* a role before the name: "Formand Erik Nielsen (A)" */
    static const char *const titles[] = {"formand ", "næstformand ", "borgmester ",
                                         "viceborgmester ", "1. viceborgmester ",
                                         "2. viceborgmester "};
    for (size_t i = 0; i < sizeof titles / sizeof titles[0] && !out->role.n; i++) {
        size_t k = rf_fold_prefix(t.s, t.n, titles[i]);
        size_t j = k;
        if (k && k < t.n && rf_is_upper_cp(rf_next_cp(t.s, t.n, &j))) {
            out->role = (rf_slice){t.s, k - 1};
            t = trimmed(t.s + k, t.n - k);
        }
    }
    /* party letters in parentheses at the end: "(A)", "(SF)" */
    if (t.n > 3 && t.s[t.n - 1] == ')') {
        const char *open = NULL;
        for (size_t i = t.n - 1; i-- > 0;) {
            if (t.s[i] == '(') {
                open = t.s + i;
                break;
            }
        }
        if (open && (size_t)(t.s + t.n - open) <= 8) {
            out->party = trimmed(open + 1, (size_t)(t.s + t.n - open) - 2);
            t = trimmed(t.s, (size_t)(open - t.s));
        }
    }
    while (t.n > 0 && (t.s[t.n - 1] == ',' || t.s[t.n - 1] == '.'))
        t.n--;
    out->name = t;
    return t.n > 0;
}

int rf_match_absence_sentence(const char *s, size_t n, rf_slice *names)
{
    /* "Følgende deltog ikke i behandlingen af punktet: X, Y"; the
     * "Fraværende: X" field of a decision */
    static const char *const intros[] = {"følgende deltog ikke i behandlingen af punktet:",
                                         "følgende deltog ikke i behandlingen:",
                                         "følgende deltog ikke:", "fraværende:", "afbud:"};
    for (size_t i = 0; i < sizeof intros / sizeof intros[0]; i++) {
        size_t len = rf_fold_prefix(s, n, intros[i]);
        if (len) {
            *names = trimmed(s + len, n - len);
            /* "X (V) - Y (V) mødte som stedfortræder": after the dash, who
             * came instead */
            long dash = rf_fold_find(names->s, names->n, " - ");
            if (dash > 0)
                names->n = (size_t)dash;
            return 1;
        }
    }
    /* "X deltog ikke i ...", "X var forhindret i at deltage ...",
     * "X erklærede sig inhabil ...", "X medvirkede ikke ved behandlingen" */
    static const char *const verbs[] = {" deltog ikke i behandlingen", " deltog ikke i sagens",
                                        " deltog ikke i mødet", " deltog ikke i udvalgets",
                                        " deltog ikke under", " var forhindret i at deltage",
                                        " erklærede sig inhabil", " medvirkede ikke ved"};
    /* the first five share "deltog ikke ": where that is nowhere, none of
     * them is (a key found is its prefix found at the same place) */
    size_t first = rf_fold_find(s, n, "deltog ikke ") < 0 ? 5 : 0;
    for (size_t i = first; i < sizeof verbs / sizeof verbs[0]; i++) {
        long at = rf_fold_find(s, n, verbs[i] + 1);
        if (at < 2 || s[at - 1] != ' ')
            continue;
        /* the subject: after the last " at " of a clause before it */
        size_t from = 0;
        for (size_t c = 0; c + 4 <= (size_t)at; c++) {
            if (memcmp(s + c, " at ", 4) == 0)
                from = c + 4;
        }
        size_t j = from;
        if (!rf_is_upper_cp(rf_next_cp(s, n, &j)))
            return 0;
        *names = trimmed(s + from, (size_t)at - 1 - from);
        return names->n > 0 && names->n < 200;
    }
    return 0;
}
