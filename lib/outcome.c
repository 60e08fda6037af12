/* What a decision says: its outcome, its votes, who took part how.
 *
 * Pure functions of one decision text (see outcome.h). The text is read as
 * words (runs without white space) grouped into sentences and clauses:
 *
 *  - a sentence ends at ".", "!" or "?" before a word with a capital letter
 *    (not after an abbreviation such as "pkt.", "kr.", "bl.a." or an
 *    initial), at ";", and at a line break;
 *  - a clause starts after ":" or ";" and after a comma before a joining
 *    word (", idet", ", da", ", mens", ", men", ", hvorefter", ", og" ...);
 *    the words before a phrase in its clause are its subject.
 *
 * Phrases are written as patterns in tables next to their recognizers:
 * lower-case words separated by one space, compared without case ("æ", "ø"
 * and "å" too); a word matches a text word that equals it up to trailing
 * punctuation; "word*" matches any word that starts so; "~N" skips up to N
 * words (never "ikke"); a leading "^" wants the sentence's first word (an
 * indstillingspunkt marker such as "Ad 2:" aside). Where several patterns
 * match at one word the longest wins, then the first in the table.
 *
 * Deciding the outcome (rf_combine_outcomes):
 *
 *  1. Phrases that are not the decision's own outcome are passed over:
 *     statements of named members or a minority ("Solveig Munk kunne ikke
 *     tiltræde indstillingen": the subject names no body, see body_nouns),
 *     what a recommendation or a report contains ("anbefaler, at byrådet
 *     tiltræder ...", "Borgmesteren meddelte, at punkt 9 udgår": the rest
 *     of the sentence after such a verb) and the fate of an amendment
 *     ("Ændringsforslaget fra V blev forkastet"); and what a subordinate
 *     clause says as background (", da budgettet for 2015 blev vedtaget",
 *     up to its comma).
 *  2. Per point, the phrase of the highest rank wins, the earliest of equal
 *     rank: 4 a decision on the case (approved, rejected, recommended,
 *     postponed, not treated), 3 routing and noting, 2 a bare "besluttede"
 *     (decided, without saying what), 1 discussed. So a routing verb gives
 *     way to the decision it carries:
 *     "Tilbagesendes X med bemærkning, at byrådet ... har vedtaget
 *     Magistratens indstilling" is approved, "Fremsendes til Aarhus Byråd
 *     med bemærkning, at Magistraten ... anbefaler, at byrådet tiltræder"
 *     is recommended, "Fremsendes til X til behandling" stays referred;
 *     "Punktet blev drøftet. Sagen genoptages" is postponed; "Godkendt.
 *     Sagen genoptages i 2026" is approved.
 *  3. Points: "Ad 2:", "Pkt. 2", "Punkt 2", "At 2)", "indstillingens punkt
 *     2" and "2)" opening a sentence start a point; a marker right after a
 *     phrase ("godkendte pkt. 1", "drøftede sagens indstillingspunkt 1")
 *     names that phrase's point. A point that opens a sentence holds for
 *     the next sentences until another; one inside a sentence only to its
 *     end. The text before any point is point 0. Several points give one
 *     outcome when they agree and MIXED when they differ; point 0 counts
 *     among them only when it is a decision (rank 4) as strong as theirs
 *     ("Udvalget drøftede sagen. Ad 1: Godkendt. Ad 2: Godkendt." is
 *     approved; "Godkendt, dog således at pkt. 3 udsættes" is mixed).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "layout.h"
#include "outcome.h"

/* ---- words ---------------------------------------------------------------------- */

/* rf_fold_prefix with a key of kn bytes (lower-case UTF-8). */
static size_t fold_prefix_n(const char *s, size_t n, const char *key, size_t kn)
{
    size_t i = 0, k = 0;
    while (k < kn) {
        if (i >= n)
            return 0;
        unsigned char a = (unsigned char)s[i], b = (unsigned char)key[k];
        if (a < 0x80 && b < 0x80) {
            if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != b)
                return 0;
            i++;
            k++;
            continue;
        }
        int32_t ca = rf_next_cp(s, n, &i), cb = rf_next_cp(key, kn, &k);
        if (rf_to_lower_cp(ca) != cb)
            return 0;
    }
    return i;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* \t \n \v \f \r */
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* An opening mark at s[i] (before e): its length or 0. */
static size_t open_mark(const char *s, size_t e, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '(' || c == '"' || c == '\'' || c == '[')
        return 1;
    if (c == 0xC2 && i + 1 < e && ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB))
        return 2; /* « » */
    if (c == 0xE2 && i + 2 < e && (unsigned char)s[i + 1] == 0x80) {
        unsigned char d = (unsigned char)s[i + 2];
        if (d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D || d == 0x9E)
            return 3; /* ‘ ’ “ ” „ */
    }
    return 0;
}

/* A closing mark ending at s[e - 1] (after b): its length or 0. */
static size_t close_mark(const char *s, size_t b, size_t e)
{
    unsigned char c = (unsigned char)s[e - 1];
    switch (c) {
    case '.': case ',': case ':': case ';': case '!': case '?': case ')': case '"': case '\'':
    case ']':
        return 1;
    default:
        break;
    }
    if (e - b >= 2 && (unsigned char)s[e - 2] == 0xC2 && (c == 0xBB || c == 0xAB))
        return 2;
    if (e - b >= 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
        (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D))
        return 3;
    return 0;
}

typedef struct tok {
    size_t b, e;              /* the word: a run without white space */
    size_t cb, ce;            /* its core: opening and closing marks off */
    int nl_before;            /* a line break in the space before it */
    int ascii;                /* the word has no byte >= 0x80 (fast compares) */
} tok;

/* The word at or after *i: 1 with *t (and *i after it), 0 at the end. */
static int next_tok(const char *s, size_t n, size_t *i, tok *t)
{
    size_t k = *i;
    int nl = 0;
    while (k < n && is_ws((unsigned char)s[k])) {
        nl |= s[k] == '\n' || s[k] == '\r';
        k++;
    }
    if (k >= n) {
        *i = k;
        return 0;
    }
    t->b = k;
    unsigned char high = 0;
    while (k < n && !is_ws((unsigned char)s[k]))
        high |= (unsigned char)s[k++];
    t->e = k;
    t->ascii = high < 0x80;
    t->nl_before = nl;
    size_t cb = t->b, ce = t->e, m;
    while (cb < ce && (m = open_mark(s, ce, cb)) != 0)
        cb += m;
    while (ce > cb && (m = close_mark(s, cb, ce)) != 0)
        ce -= m;
    t->cb = cb;
    t->ce = ce;
    *i = k;
    return 1;
}

/* The first bytes of a non-empty core and a key are both ASCII and differ
 * without case: rf_fold_prefix's own first test, decided here without a
 * call (most words fail it). */
static int first_differs(const char *s, const tok *t, const char *word)
{
    unsigned char k0 = (unsigned char)word[0], c = (unsigned char)s[t->cb];
    return k0 && k0 < 0x80 && c < 0x80 && (c >= 'A' && c <= 'Z' ? c + 32 : c) != k0;
}

/* Fast path of the comparisons without case: an ASCII core folds to ASCII
 * bytes one for one (rf_to_lower_cp of an ASCII byte is its ASCII lower
 * case), so it equals a key, or starts with it, exactly when its lowered
 * bytes do. A key byte >= 0x80 never equals a lowered ASCII byte: the
 * result is the same as rf_fold_eq's / rf_fold_prefix's, which the other
 * cores go through. 1 when the first kn bytes of the core are the key. */
static int ascii_core_prefix(const char *s, const tok *t, const char *key, size_t kn)
{
    if (t->ce - t->cb < kn)
        return 0;
    const char *c = s + t->cb;
    for (size_t i = 0; i < kn; i++) {
        unsigned char a = (unsigned char)c[i];
        if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != (unsigned char)key[i])
            return 0;
    }
    return 1;
}

static int core_is_rest(const char *s, const tok *t, const char *word)
{
    if (t->ascii) {
        size_t kn = strlen(word);
        return t->ce - t->cb == kn && ascii_core_prefix(s, t, word, kn);
    }
    return rf_fold_eq(s + t->cb, t->ce - t->cb, word);
}

/* The core equals word without case (most words fail on the first byte:
 * inline, without a call). */
static inline int core_is(const char *s, const tok *t, const char *word)
{
    return t->ce > t->cb && !first_differs(s, t, word) && core_is_rest(s, t, word);
}

static int core_starts(const char *s, const tok *t, const char *word)
{
    if (t->ce <= t->cb || first_differs(s, t, word))
        return 0;
    if (t->ascii)
        return ascii_core_prefix(s, t, word, strlen(word));
    return rf_fold_prefix(s + t->cb, t->ce - t->cb, word) > 0;
}

static int32_t first_cp(const char *s, const tok *t)
{
    size_t i = t->cb;
    return t->ce > t->cb ? rf_next_cp(s, t->ce, &i) : 0;
}

/* The last mark of the word, closing brackets and quotes aside; 0 if none. */
static char end_mark(const char *s, const tok *t)
{
    size_t e = t->e;
    while (e > t->b) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == ')' || c == '"' || c == '\'' || c == ']')
            e--;
        else if (e - t->b >= 3 && (unsigned char)s[e - 3] == 0xE2 &&
                 (unsigned char)s[e - 2] == 0x80 && (c == 0x9D || c == 0x99))
            e -= 3;
        else if (e - t->b >= 2 && (unsigned char)s[e - 2] == 0xC2 && c == 0xBB)
            e -= 2;
        else
            break;
    }
    if (e == t->b)
        return 0;
    char c = s[e - 1];
    return (c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?') ? c : 0;
}

/* Words that end in a dot without ending the sentence. */
static const char *const abbreviations[] = {
    "pkt", "nr", "jf", "jvf", "kr", "ca", "mio", "mia", "stk", "kl", "dvs", "evt", "inkl",
    "ekskl", "pga", "iht", "vedr", "ang", "pr", "tlf", "st", "hhv", "mv", "etc", "ift", "fx",
    "el", "resp", "afd", "ref", "gl", "max", "min", "hr", "fr", "dir", "adm", "tidl", "ordf",
    "sekr", "jan", "feb", "aug", "sept", "okt", "nov", "dec", "vs", "mht", "mtp", "osv", "bl",
    "ekstraord", "udv", "ml", "sml", "vej", "tlf",
};

static int is_abbreviation(const char *s, const tok *t)
{
    size_t i = t->cb;
    int letters = 0, dots = 0, cps = 0;
    while (i < t->ce) {
        int32_t cp = rf_next_cp(s, t->ce, &i);
        if (cp == '.')
            dots++;
        else if (rf_is_letter_cp(cp))
            letters++;
        cps++;
    }
    if (letters == 0)
        return 0;
    if (dots || cps == 1) /* "bl.a.", "st.gr.", an initial "E." */
        return 1;
    for (size_t k = 0; k < sizeof abbreviations / sizeof abbreviations[0]; k++)
        if (core_is(s, t, abbreviations[k]))
            return 1;
    return 0;
}

/* Does word t end its sentence, u being the next word (NULL: none)? */
static int ends_sentence(const char *s, const tok *t, const tok *u)
{
    if (!u || u->nl_before)
        return 1;
    char c = end_mark(s, t);
    if (c == ';')
        return 1;
    if (c != '.' && c != '!' && c != '?')
        return 0;
    if (c == '.' && is_abbreviation(s, t))
        return 0;
    /* a capital, or a list number "2)" */
    return rf_is_upper_cp(first_cp(s, u)) || (u->ce > u->cb && is_digit(s[u->cb]) && s[u->e - 1] == ')');
}

/* Words that start a new clause after a comma. */
static const char *const clause_words[] = {
    "idet", "da", "mens", "men", "hvor", "hvorefter", "og", "samt", "dog", "hvorfor",
    "fordi", "selvom", "såfremt", "hvis", "når", "således", "inden", "eftersom", "før",
};

static int starts_clause(const char *s, const tok *t, const tok *u)
{
    char c = end_mark(s, t);
    if (c == ':' || c == ';')
        return 1;
    if (c != ',')
        return 0;
    for (size_t k = 0; k < sizeof clause_words / sizeof clause_words[0]; k++)
        if (core_is(s, u, clause_words[k]))
            return 1;
    return 0;
}

/* Moves *t to the next word of its sentence: 1, or 0 at the sentence end. */
static int advance(const char *s, size_t n, tok *t)
{
    tok u;
    size_t i = t->e;
    if (!next_tok(s, n, &i, &u) || ends_sentence(s, t, &u))
        return 0;
    *t = u;
    return 1;
}

/* Walking the words with their sentence and clause. */
typedef struct walker {
    const char *s;
    size_t n;
    tok t;                    /* the current word */
    int have;                 /* t is a word (else the end) */
    int sentence;             /* t's sentence, from 0 */
    int at_start;             /* t opens its sentence */
    size_t clause_b;          /* where t's clause starts */
} walker;

static void walk_begin(walker *w, const char *s, size_t n)
{
    size_t i = 0;
    memset(w, 0, sizeof *w);
    w->s = s;
    w->n = n;
    w->have = next_tok(s, n, &i, &w->t);
    w->at_start = 1;
    w->clause_b = w->have ? w->t.b : 0;
}

/* Moves to the word after last (the current word or one after it). */
static void walk_past(walker *w, tok last)
{
    tok u;
    size_t i = last.e;
    if (!next_tok(w->s, w->n, &i, &u)) {
        w->have = 0;
        return;
    }
    if (ends_sentence(w->s, &last, &u)) {
        w->sentence++;
        w->at_start = 1;
        w->clause_b = u.b;
    } else {
        w->at_start = 0;
        if (starts_clause(w->s, &last, &u))
            w->clause_b = u.b;
    }
    w->t = u;
}

/* ---- patterns ------------------------------------------------------------------------ */

typedef struct phrase {
    const char *pattern;
    int value;                /* an rf_outcome, rf_participation_kind or vote side */
    unsigned flags;           /* P_* */
} phrase;

#define P_GENERIC 0x01u       /* outcome: decided, without saying what */
#define P_SUBJECT 0x02u       /* the subject decides: a body, or named members */
#define P_CONTENT 0x04u       /* the rest of the sentence is what it reports or
                                 recommends, not the decision */
#define P_STOP 0x08u          /* not a phrase: the words are passed over */
#define P_AFTER 0x10u         /* participation: the names follow the phrase */
#define P_COLON 0x20u         /* vote label: only with a colon ("For:") */

typedef struct pword {
    const char *w;
    unsigned short len;
    unsigned char star;
    unsigned char gap;
    unsigned char plain;      /* only lower-case letters (a-z, bytes >= 0x80) */
} pword;

/* Reads the pattern word at p (up to a space or the end) into *x; returns
 * where it ends. */
static const char *pword_read(const char *p, pword *x)
{
    const char *e = p;
    int plain = 1;
    for (; *e && *e != ' '; e++) {
        unsigned char c = (unsigned char)*e;
        plain &= (c >= 'a' && c <= 'z') || c >= 0x80;
    }
    x->w = p;
    x->len = (unsigned short)(e - p);
    x->star = 0;
    x->gap = 0;
    if (x->len == 2 && p[0] == '~' && is_digit(p[1]))
        x->gap = (unsigned char)(p[1] - '0');
    else if (x->len > 1 && p[x->len - 1] == '*') {
        x->star = 1;
        x->len--;
        plain = 1;
        for (size_t i = 0; i < x->len; i++)
            plain &= (p[i] >= 'a' && p[i] <= 'z') || (unsigned char)p[i] >= 0x80;
    }
    x->plain = plain && x->len > 0 && !x->gap;
    return e;
}

#define MAX_WORDS 12

static size_t split_pattern(const char *p, pword *w, int *initial)
{
    size_t k = 0;
    *initial = *p == '^';
    if (*initial)
        p++;
    while (*p && k < MAX_WORDS) {
        const char *e = pword_read(p, &w[k++]);
        p = *e ? e + 1 : e;
    }
    return k;
}

/* Does word t match pattern word w? *end: where the match ends. */
static int word_match(const char *s, const tok *t, const pword *w, size_t *end)
{
    if (w->plain && t->ascii) {
        /* the key ends in a letter, so a match ends at the core's end
         * (closing marks are not letters): the general path below gives
         * the same (ascii_core_prefix) */
        size_t cn = t->ce - t->cb;
        if (w->star ? cn < w->len : cn != w->len)
            return 0;
        if (!ascii_core_prefix(s, t, w->w, w->len))
            return 0;
        *end = t->ce;
        return 1;
    }
    size_t len = fold_prefix_n(s + t->cb, t->e - t->cb, w->w, w->len);
    if (!len)
        return 0;
    size_t at = t->cb + len;
    if (w->star) {
        *end = at > t->ce ? at : t->ce;
        return 1;
    }
    size_t e = t->e;
    while (e > at) {
        size_t m = close_mark(s, at, e);
        if (!m)
            return 0;
        e -= m;
    }
    *end = at;
    return 1;
}

static int is_negation(const char *s, const tok *t)
{
    return core_is(s, t, "ikke") || core_is(s, t, "ej") || core_is(s, t, "aldrig");
}

/* Pattern words w[k..] from word t on, within t's sentence. */
static int match_from(const char *s, size_t n, tok t, const pword *w, size_t nw, size_t k,
                      size_t *end, tok *last)
{
    if (w[k].gap) {
        if (k + 1 >= nw)
            return 0;
        for (int skip = 0;; skip++) {
            if (match_from(s, n, t, w, nw, k + 1, end, last))
                return 1;
            if (skip >= w[k].gap || is_negation(s, &t) || !advance(s, n, &t))
                return 0;
        }
    }
    size_t e;
    if (!word_match(s, &t, &w[k], &e))
        return 0;
    if (k + 1 == nw) {
        *end = e;
        *last = t;
        return 1;
    }
    return advance(s, n, &t) && match_from(s, n, t, w, nw, k + 1, end, last);
}

/* A phrase table split into pattern words and grouped by the first byte
 * of the first word, once per parser (rf_outcome_tables_new; the pure
 * functions of outcome.h build theirs on the stack): groups 0-25 for
 * 'a'-'z', 26 for any other ASCII byte, 27 for a byte >= 0x80 (a non-ASCII
 * letter such as "ø", which any word may match without case). Each group
 * keeps table order. best_phrase tries only the phrases whose first letter
 * can match the word (the groups of its first byte and of non-ASCII
 * bytes), matches a first word shared by a run of phrases once, reads the
 * word after it once, and keeps the longest match, then the first in the
 * table: the result of trying the whole table in order. */
enum { IDX_OTHER = 26, IDX_HIGH = 27, IDX_GROUPS = 28, IDX_MAX = 320, TAB_WORDS = 1024 };

/* The fast path for a word whose core is ASCII (most words): the first
 * words that are plain (letters, no '*') in a hash table of the lowered
 * word, so one lookup finds the phrases a word can start; the other
 * phrases (first word with a '*', a ':' or a gap) are tried one by one.
 * The groups above stay the path of every other word; built with
 * -DRF_CHECK_FAST_PATH every word goes through both and they must agree. */
enum { FIRST_SLOTS = 512, FIRST_MAXLEN = 40, NO_PHRASE = 0xFFFF };

typedef struct phrase_tab {
    const phrase *tab;
    size_t count;
    unsigned short start[IDX_GROUPS + 1]; /* group g: order[start[g], start[g + 1]) */
    unsigned short order[IDX_MAX];
    unsigned short w0[IDX_MAX + 1];      /* phrase i's words: words[w0[i], w0[i + 1]) */
    unsigned char p0[IDX_MAX];           /* the first byte of its first word */
    unsigned char same[IDX_MAX];         /* the same first word as the phrase before
                                            it in its group */
    const pword *words;
    unsigned short slot[FIRST_SLOTS];    /* plain first words: the first phrase
                                            with it, or NO_PHRASE */
    unsigned short next[IDX_MAX];        /* the next phrase with the same first word */
    unsigned short others[IDX_MAX];      /* phrases whose first word is not plain */
    size_t n_others;
} phrase_tab;

static uint32_t word_hash(const char *w, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static int first_plain(const pword *f)
{
    return f->plain && !f->star && f->len <= FIRST_MAXLEN;
}

/* Puts phrase i (its first word plain) into the hash table, after the
 * phrases of the table before it with the same first word. */
static void hash_add(phrase_tab *x, size_t i)
{
    const pword *f = &x->words[x->w0[i]];
    size_t h = word_hash(f->w, f->len) & (FIRST_SLOTS - 1);
    x->next[i] = NO_PHRASE;
    for (;; h = (h + 1) & (FIRST_SLOTS - 1)) {
        size_t k = x->slot[h];
        if (k == NO_PHRASE) {
            x->slot[h] = (unsigned short)i;
            return;
        }
        const pword *g = &x->words[x->w0[k]];
        if (g->len == f->len && memcmp(g->w, f->w, f->len) == 0) {
            while (x->next[k] != NO_PHRASE)
                k = x->next[k];
            x->next[k] = (unsigned short)i;
            return;
        }
    }
}

static int idx_group(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : c < 0x80 ? IDX_OTHER : IDX_HIGH;
}

/* Splits tab into x, its words from pool[*used] on (the pool holds
 * TAB_WORDS words for all tables: rf_outcome_tables_new checks the sum). */
static void tab_build(phrase_tab *x, const phrase *tab, size_t count, pword *pool, size_t *used)
{
    size_t fill[IDX_GROUPS];
    x->tab = tab;
    x->count = count;
    x->words = pool;
    memset(x->start, 0, sizeof x->start);
    for (size_t i = 0; i < count; i++) {
        int initial;
        x->w0[i] = (unsigned short)*used;
        /* (a pool too small leaves phrases without words, which never
         * match: the tests of every phrase would fail) */
        if (*used + MAX_WORDS <= TAB_WORDS)
            *used += split_pattern(tab[i].pattern, pool + *used, &initial);
        const char *p = tab[i].pattern;
        x->p0[i] = (unsigned char)p[*p == '^'];
        x->start[idx_group(x->p0[i]) + 1]++;
    }
    x->w0[count] = (unsigned short)*used;
    for (int g = 0; g < IDX_GROUPS; g++) {
        x->start[g + 1] = (unsigned short)(x->start[g + 1] + x->start[g]);
        fill[g] = x->start[g];
    }
    for (size_t i = 0; i < count; i++) {
        int g = idx_group(x->p0[i]);
        size_t at = fill[g]++;
        x->order[at] = (unsigned short)i;
        const pword *a = &pool[x->w0[i]];
        const pword *b = at > x->start[g] ? &pool[x->w0[x->order[at - 1]]] : NULL;
        x->same[i] = b && a->len == b->len && a->star == b->star && a->gap == b->gap &&
                     memcmp(a->w, b->w, a->len) == 0;
    }
    memset(x->slot, 0xFF, sizeof x->slot);
    x->n_others = 0;
    for (size_t i = 0; i < count; i++) {
        if (x->w0[i + 1] > x->w0[i] && first_plain(&x->words[x->w0[i]]))
            hash_add(x, i);
        else
            x->others[x->n_others++] = (unsigned short)i;
    }
}

/* The word after t in its sentence, read once for all phrases tried at t. */
typedef struct after {
    int state;                /* 0 not read yet, 1 u is it, -1 t ends the sentence */
    tok u;
} after;

static int word_after(const char *s, size_t n, const tok *t, after *a)
{
    if (!a->state) {
        a->u = *t;
        a->state = advance(s, n, &a->u) ? 1 : -1;
    }
    return a->state > 0;
}

/* The rest of phrase i after its first word matched word t (ending at fe):
 * 1 with where the match ends and its last word (match_from's result). */
static int match_rest(const char *s, size_t n, const tok *t, const phrase_tab *x, size_t i,
                      size_t fe, after *a, size_t *e, tok *l)
{
    const pword *w = x->words + x->w0[i];
    size_t nw = (size_t)(x->w0[i + 1] - x->w0[i]);
    if (!nw)
        return 0;
    if (w[0].gap)
        return match_from(s, n, *t, w, nw, 0, e, l);
    if (nw == 1) {
        *e = fe;
        *l = *t;
        return 1;
    }
    return word_after(s, n, t, a) && match_from(s, n, a->u, w, nw, 1, e, l);
}

/* The phrases of group g of x at word t (first byte c0): the best so far
 * in *best (the longest, then the first in the table). */
static void try_group(const char *s, size_t n, const tok *t, int at_start, const phrase_tab *x,
                      int g, unsigned char c0, after *a, int *best, size_t *best_end, tok *last)
{
    int ok = 0;
    size_t fe = 0;
    for (size_t j = x->start[g]; j < x->start[g + 1]; j++) {
        size_t i = x->order[j];
        if (!x->same[i]) {
            /* the first word against the word, once for a run of phrases
             * that share it */
            const pword *f = &x->words[x->w0[i]];
            unsigned char p0 = x->p0[i];
            if (p0 < 0x80 && c0 < 0x80 && p0 != c0)
                ok = 0; /* group 26 holds every other ASCII byte */
            else if (f->gap)
                ok = 1;
            else
                ok = word_match(s, t, f, &fe);
        }
        if (!ok || (x->tab[i].pattern[0] == '^' && !at_start))
            continue;
        size_t e;
        tok l;
        if (match_rest(s, n, t, x, i, fe, a, &e, &l) &&
            (*best < 0 || e > *best_end || (e == *best_end && (int)i < *best))) {
            *best = (int)i;
            *best_end = e;
            *last = l;
        }
    }
}

/* Phrase i at word t, its first word matched (ending at fe): kept in *best
 * when it matches and is longer, or as long and earlier in the table. */
static void try_at(const char *s, size_t n, const tok *t, int at_start, const phrase_tab *x,
                   size_t i, size_t fe, after *a, int *best, size_t *best_end, tok *last)
{
    size_t e;
    tok l;
    if (x->tab[i].pattern[0] == '^' && !at_start)
        return;
    if (match_rest(s, n, t, x, i, fe, a, &e, &l) &&
        (*best < 0 || e > *best_end || (e == *best_end && (int)i < *best))) {
        *best = (int)i;
        *best_end = e;
        *last = l;
    }
}

/* The core of t lowered code point by code point (rf_to_lower_cp, as
 * fold_prefix_n compares) into low: its length, or 0 when it is empty or
 * longer than FIRST_MAXLEN bytes. */
static size_t fold_core(const char *s, const tok *t, char *low)
{
    size_t k = 0;
    for (size_t i = t->cb; i < t->ce;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (k >= FIRST_MAXLEN)
                return 0;
            low[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(rf_to_lower_cp(rf_next_cp(s, t->ce, &i)), enc);
        if (m <= 0 || k + (size_t)m > FIRST_MAXLEN)
            return 0;
        memcpy(low + k, enc, (size_t)m);
        k += (size_t)m;
    }
    return k;
}

/* best_phrase for a word whose core folds to at most FIRST_MAXLEN bytes
 * (low, len): the phrases of the folded core in the hash table, then the
 * others. A plain first word (lower-case letters, no '*') matches a word
 * exactly when it equals the core folded code point by code point, and
 * the match ends at the core's end (closing marks are no letters): what
 * word_match finds. */
static void best_fast(const char *s, size_t n, const tok *t, int at_start, const phrase_tab *x,
                      const char *low, size_t len, uint32_t hash, unsigned char c0, after *a,
                      int *best, size_t *best_end, tok *last)
{
    size_t h = hash & (FIRST_SLOTS - 1);
    for (;; h = (h + 1) & (FIRST_SLOTS - 1)) {
        size_t k = x->slot[h];
        if (k == NO_PHRASE)
            break;
        const pword *f = &x->words[x->w0[k]];
        if (f->len != len || memcmp(f->w, low, len) != 0)
            continue;
        for (; k != NO_PHRASE; k = x->next[k])
            try_at(s, n, t, at_start, x, k, t->ce, a, best, best_end, last);
        break;
    }
    for (size_t j = 0; j < x->n_others; j++) {
        size_t i = x->others[j];
        const pword *f = &x->words[x->w0[i]];
        unsigned char p0 = x->p0[i];
        size_t fe = 0;
        if (p0 < 0x80 && c0 < 0x80 && p0 != c0)
            continue;
        if (f->gap || word_match(s, t, f, &fe))
            try_at(s, n, t, at_start, x, i, fe, a, best, best_end, last);
    }
}

/* A word's core folded (fold_core) and hashed, once for all the tables
 * tried at it. */
typedef struct fword {
    const tok *t;
    size_t len;               /* 0: empty or too long (the group path) */
    uint32_t hash;
    char low[FIRST_MAXLEN];
} fword;

static void fword_make(const char *s, const tok *t, fword *f)
{
    f->t = t;
    size_t len = t->ce - t->cb;
    if (t->ascii && len <= FIRST_MAXLEN) {
        /* fold_core and word_hash of an ASCII core in one loop */
        uint32_t h = 2166136261u;
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)s[t->cb + k];
            c = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
            f->low[k] = (char)c;
            h = (h ^ c) * 16777619u;
        }
        f->len = len;
        f->hash = h;
        return;
    }
    f->len = fold_core(s, t, f->low);
    f->hash = f->len ? word_hash(f->low, f->len) : 0;
}

/* The longest phrase of table x at word f->t (the first of equal length):
 * its index or -1, with where it ends and its last word. */
static int best_phrase_f(const char *s, size_t n, const fword *f, int at_start,
                         const phrase_tab *x, size_t *end, tok *last)
{
    const tok *t = f->t;
    int best = -1;
    size_t best_end = 0;
    after a = {0};
    unsigned char c0 = t->ce > t->cb ? (unsigned char)s[t->cb] : 0;
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (unsigned char)(c0 + 32);
    const char *low = f->low;
    size_t len = f->len;
#ifndef RF_CHECK_FAST_PATH
    if (len) {
        best_fast(s, n, t, at_start, x, low, len, f->hash, c0, &a, &best, &best_end, last);
        if (best >= 0)
            *end = best_end;
        return best;
    }
#endif
    if (c0 < 0x80) {
        /* the word's group and the non-ASCII one */
        try_group(s, n, t, at_start, x, idx_group(c0), c0, &a, &best, &best_end, last);
        try_group(s, n, t, at_start, x, IDX_HIGH, c0, &a, &best, &best_end, last);
    } else {
        for (int g = 0; g < IDX_GROUPS; g++)
            try_group(s, n, t, at_start, x, g, c0, &a, &best, &best_end, last);
    }
#ifdef RF_CHECK_FAST_PATH
    if (len) {
        int fbest = -1;
        size_t fend = 0;
        tok flast = {0};
        best_fast(s, n, t, at_start, x, low, len, f->hash, c0, &a, &fbest, &fend, &flast);
        if (fbest != best || (best >= 0 && (fend != best_end || flast.b != last->b)))
            abort();
    }
#endif
    if (best >= 0)
        *end = best_end;
    return best;
}

static int best_phrase(const char *s, size_t n, const tok *t, int at_start, const phrase_tab *x,
                       size_t *end, tok *last)
{
    fword f;
    fword_make(s, t, &f);
    return best_phrase_f(s, n, &f, at_start, x, end, last);
}

/* Every table of this file, split once. */
struct rf_outcome_tables {
    phrase_tab outcome, labels, unanimous, subjects, participation;
    pword pool[TAB_WORDS];
};

/* ---- subjects --------------------------------------------------------------------------- */

/* Does the word (its core) end in key, without case? */
static int core_ends_with(const char *s, const tok *t, const char *key)
{
    size_t cps = rf_count_cps(key, strlen(key)), k = t->ce;
    while (cps > 0 && k > t->cb) {
        do
            k--;
        while (k > t->cb && ((unsigned char)s[k] & 0xC0) == 0x80);
        cps--;
    }
    return cps == 0 && rf_fold_eq(s + k, t->ce - k, key);
}

/* The subject of a clause starts after its joining word (", idet X ..."). */
static size_t subject_start(const char *s, size_t b, size_t e)
{
    tok t;
    size_t i = b;
    if (!next_tok(s, e, &i, &t))
        return b;
    for (size_t k = 0; k < sizeof clause_words / sizeof clause_words[0]; k++)
        if (core_is(s, &t, clause_words[k]))
            return t.e;
    return b;
}

/* Nouns that make a subject the deciding body ("Et flertal i udvalget",
 * "Økonomiudvalget", "Et enigt byråd"); checked as word endings. */
static const char *const body_nouns[] = {
    "udvalget", "udvalg", "byrådet", "byråd", "kommunalbestyrelsen", "kommunalbestyrelse",
    "bestyrelsen", "direktionen", "magistraten", "forsamlingen", "flertal", "flertallet",
    "borgerrepræsentationen", "regionsrådet", "repræsentantskabet", "styregruppen",
};

/* Words that make it a minority (named members) whatever else it says. */
static const char *const minority_nouns[] = {"mindretal", "mindretallet"};

/* The subject [b, e): 1 when it is the body (or empty), 0 when it names
 * members. */
static int subject_is_body(const char *s, size_t b, size_t e)
{
    tok t;
    size_t i = subject_start(s, b, e);
    int words = 0;
    /* the first noun of either kind decides; a subject is short: 24 words
     * are looked at */
    while (i < e && words < 24 && next_tok(s, e, &i, &t)) {
        words++;
        for (size_t k = 0; k < sizeof minority_nouns / sizeof minority_nouns[0]; k++)
            if (core_ends_with(s, &t, minority_nouns[k]))
                return 0;
        for (size_t k = 0; k < sizeof body_nouns / sizeof body_nouns[0]; k++)
            if (core_ends_with(s, &t, body_nouns[k]))
                return 1;
    }
    return words == 0;
}

/* Does the clause [b, e) talk of an amendment (its first or second word)? */
static int about_amendment(const char *s, size_t b, size_t e)
{
    tok t;
    size_t i = b;
    for (int k = 0; k < 2 && i < e && next_tok(s, e, &i, &t); k++)
        if (core_starts(s, &t, "ændringsforslag"))
            return 1;
    return 0;
}

static rf_slice trim_slice(const char *s, size_t b, size_t e)
{
    while (b < e && (is_ws((unsigned char)s[b]) || s[b] == ':' || s[b] == ',' || s[b] == '-'))
        b++;
    while (e > b && (is_ws((unsigned char)s[e - 1]) || s[e - 1] == ',' || s[e - 1] == '.' ||
                     s[e - 1] == ':' || s[e - 1] == ';' || s[e - 1] == '-'))
        e--;
    rf_slice r = {s + b, e - b};
    if (e == b)
        r.s = NULL;
    return r;
}

/* ---- outcome phrases ---------------------------------------------------------------------- */

const char *rf_outcome_name(rf_outcome o)
{
    static const char *const names[RF_OUTCOME_COUNT] = {
        "unknown",  "approved", "recommended", "noted",       "discussed",
        "postponed", "referred", "rejected",   "not_treated", "mixed",
    };
    return (unsigned)o < RF_OUTCOME_COUNT ? names[o] : "unknown";
}

#define A RF_OUTCOME_APPROVED
#define R RF_OUTCOME_RECOMMENDED
#define N RF_OUTCOME_NOTED
#define D RF_OUTCOME_DISCUSSED
#define P RF_OUTCOME_POSTPONED
#define F RF_OUTCOME_REFERRED
#define X RF_OUTCOME_REJECTED
#define T RF_OUTCOME_NOT_TREATED
#define S RF_OUTCOME_UNKNOWN

/* The phrases of every outcome. P_SUBJECT: said of named members it is
 * their stand, not the outcome; P_CONTENT: the rest of the sentence is
 * what is recommended or reported; P_STOP: words that look like an outcome
 * and are not. */
static const phrase outcome_phrases[] = {
    /* not outcomes */
    {"i overensstemmelse med", S, P_STOP},   /* "... med Magistratens anbefaling" */
    {"udsat for", S, P_STOP},                /* exposed to */
    {"der henvises", S, P_STOP},
    {"henvises til bilag*", S, P_STOP},
    {"fremsendt af", S, P_STOP},
    {"den godkendte", S, P_STOP},
    {"det godkendte", S, P_STOP},
    {"de godkendte", S, P_STOP},
    {"til godkendelse i", S, P_STOP},
    {"meddelte", S, P_STOP | P_CONTENT},     /* reported, not decided */
    {"oplyste", S, P_STOP | P_CONTENT},
    {"fortalte", S, P_STOP | P_CONTENT},
    {"nævnte", S, P_STOP | P_CONTENT},
    {"foreslog", S, P_STOP | P_CONTENT},
    {"foreslår", S, P_STOP | P_CONTENT},
    {"påpegede", S, P_STOP | P_CONTENT},
    {"bemærkede", S, P_STOP | P_CONTENT},
    {"understregede", S, P_STOP | P_CONTENT},
    {"redegjorde for", S, P_STOP | P_CONTENT},

    /* approved */
    {"godkendt", A, 0},
    {"godkendte", A, 0},
    {"godkender", A, 0},
    {"godkendes", A, 0},
    {"godkendtes", A, 0},
    {"blev godkendt", A, 0},
    {"er godkendt", A, 0},
    {"indstillingen godkendt", A, 0},
    {"indstillingen blev godkendt", A, 0},
    {"indstillingen er godkendt", A, 0},
    {"indstillingen godkendes", A, 0},
    {"vedtaget", A, 0},
    {"vedtog", A, 0},
    {"vedtages", A, 0},
    {"vedtager", A, 0},
    {"vedtoges", A, 0},
    {"har vedtaget", A, 0},
    {"indstillingen vedtaget", A, 0},
    {"indstillingen blev vedtaget", A, 0},
    {"indstillingen er vedtaget", A, 0},
    {"blev vedtaget", A, 0},
    {"enstemmigt vedtaget", A, 0},
    {"tiltrådt", A, 0},
    {"tiltrådte", A, 0},
    {"tiltræder", A, 0},
    {"tiltrædes", A, 0},
    {"indstillingen tiltrådt", A, 0},
    {"indstillingen blev tiltrådt", A, 0},
    {"indstillingen er tiltrådt", A, 0},
    {"kunne tiltræde", A, P_SUBJECT},
    {"kan tiltræde", A, P_SUBJECT},
    {"kunne godkende", A, P_SUBJECT},
    {"kan godkende", A, P_SUBJECT},
    {"kunne støtte", A, P_SUBJECT},
    {"bevilget", A, 0},
    {"bevilges", A, 0},
    {"bevilgede", A, 0},
    {"bevilliget", A, 0},
    {"bevilliges", A, 0},
    {"imødekommet", A, 0},
    {"imødekommes", A, 0},
    {"imødekom", A, 0},
    {"indstillingen følges", A, 0},
    {"indstillingen fulgt", A, 0},
    {"indstillingen blev fulgt", A, 0},
    {"følger indstillingen", A, 0},
    {"fulgte indstillingen", A, 0},
    {"tilsluttede sig", A, 0},
    {"tilslutter sig", A, 0},
    {"bakkede op", A, 0},
    {"bakker op", A, 0},
    {"nikkede ~1 til", A, 0},
    {"at godkende", A, 0},
    {"at vedtage", A, 0},
    {"at tiltræde", A, 0},
    {"at bevilge", A, 0},
    {"at imødekomme", A, 0},
    {"sendes i ~1 høring", A, 0},       /* the draft is approved for hearing */
    {"besluttede", A, P_GENERIC},
    {"besluttet", A, P_GENERIC},
    {"besluttes", A, P_GENERIC},
    {"beslutter", A, P_GENERIC},
    {"besluttedes", A, P_GENERIC},

    /* rejected */
    {"forkastet", X, 0},
    {"forkastes", X, 0},
    {"forkastede", X, 0},
    {"ikke godkendt", X, 0},
    {"ikke godkende", X, 0},
    {"ikke godkendes", X, 0},
    {"godkendte ikke", X, 0},
    {"godkender ikke", X, 0},
    {"ikke vedtaget", X, 0},
    {"ikke vedtage", X, 0},
    {"ikke vedtages", X, 0},
    {"vedtog ikke", X, 0},
    {"ikke tiltrådt", X, 0},
    {"ikke tiltræde", X, 0},
    {"ikke tiltrædes", X, 0},
    {"tiltrådte ikke", X, 0},
    {"tiltræder ikke", X, 0},
    {"ikke bevilget", X, 0},
    {"ikke bevilges", X, 0},
    {"ikke imødekommet", X, 0},
    {"ikke imødekommes", X, 0},
    {"ikke anbefalet", X, 0},
    {"ikke anbefales", X, 0},
    {"anbefaler ikke", X, 0},
    {"anbefalede ikke", X, 0},
    {"kunne ikke tiltræde", X, P_SUBJECT},
    {"kan ikke tiltræde", X, P_SUBJECT},
    {"kunne ikke godkende", X, P_SUBJECT},
    {"kan ikke godkende", X, P_SUBJECT},
    {"kunne ikke anbefale", X, P_SUBJECT},
    {"kan ikke anbefale", X, P_SUBJECT},
    {"kunne ikke støtte", X, P_SUBJECT},
    {"kan ikke støtte", X, P_SUBJECT},
    {"besluttede ikke at", X, 0},
    {"at afvise", X, 0},
    {"at forkaste", X, 0},
    {"afvist", X, 0},
    {"afvises", X, 0},
    {"afviste", X, 0},
    {"afslået", X, 0},
    {"afslås", X, 0},
    {"afslog", X, 0},
    {"meddeles afslag", X, 0},
    {"meddelt afslag", X, 0},
    {"^afslag", X, 0},
    {"^faldt", X, 0},
    {"forslag* faldt", X, 0},
    {"indstilling* faldt", X, 0},
    {"ændringsforslag* faldt", X, 0},
    {"faldt med", X, 0},

    /* recommended: passed on to a higher body */
    {"anbefales", R, P_CONTENT},
    {"anbefales godkendt", R, 0},
    {"anbefales til godkendelse", R, 0},
    {"anbefalet", R, 0},
    {"anbefaler", R, P_CONTENT},
    {"anbefalede", R, P_CONTENT},
    {"kunne anbefale", R, P_SUBJECT | P_CONTENT},
    {"kan anbefale", R, P_SUBJECT | P_CONTENT},
    {"med ~2 anbefaling", R, 0},
    {"indstilles", R, P_CONTENT},
    {"indstilles til godkendelse", R, 0},
    {"indstilles godkendt", R, 0},
    {"at anbefale", R, P_CONTENT},
    {"indstiller", R, P_CONTENT},
    {"indstillede", R, P_CONTENT},

    /* noted */
    {"taget til efterretning", N, 0},
    {"tages til efterretning", N, 0},
    {"tog ~5 til efterretning", N, 0},
    {"til efterretning", N, 0},
    {"taget til orientering", N, 0},
    {"tages til orientering", N, 0},
    {"tog ~5 til orientering", N, 0},
    {"^til orientering", N, 0},
    {"blev orienteret", N, P_CONTENT},
    {"er orienteret", N, P_CONTENT},
    {"orienterede", N, P_CONTENT},
    {"orientering* modtaget", N, 0},
    {"orientering* blev modtaget", N, 0},
    {"kvitterede for ~2 orientering*", N, 0},
    {"ingen bemærkninger", N, 0},
    {"ingen yderligere bemærkninger", N, 0},
    {"ingen kommentarer", N, 0},
    {"gav ~3 orientering", N, 0},
    {"gav ~3 oplæg", N, 0},
    {"blev givet ~3 orientering", N, 0},
    {"blev givet ~3 oplæg", N, 0},
    {"holdt ~3 oplæg", N, 0},
    {"konstatere", N, P_CONTENT},
    {"konstaterede", N, P_CONTENT},
    {"konstateret", N, P_CONTENT},
    {"noterede sig", N, 0},
    {"noteret", N, 0},

    /* discussed */
    {"drøftet", D, 0},
    {"drøftede", D, 0},
    {"drøftes", D, 0},
    {"drøfter", D, 0},
    {"drøftedes", D, 0},
    {"diskuteret", D, 0},
    {"diskuterede", D, 0},
    {"diskuteres", D, 0},
    {"debatteret", D, 0},
    {"debatterede", D, 0},
    {"gennemgik", D, 0},
    {"gennemgået", D, 0},
    {"gennemgås", D, 0},

    /* postponed */
    {"udsat", P, 0},
    {"udsættes", P, 0},
    {"udsattes", P, 0},
    {"udsætte", P, 0},
    {"udsatte sagen", P, 0},
    {"udsatte punktet", P, 0},
    {"udsatte behandlingen", P, 0},
    {"udsatte sagens", P, 0},
    {"udsat for at", P, 0},
    {"udsat uden behandling", P, 0},
    {"besluttede at udsætte", P, 0},
    {"udskudt", P, 0},
    {"udskydes", P, 0},
    {"udskød", P, 0},
    {"udskyde", P, 0},
    {"at udsætte", P, 0},
    {"genoptages", P, 0},
    {"genoptaget", P, 0},
    {"tages op igen", P, 0},
    {"tages op på ~3 møde", P, 0},
    {"behandles på ~3 møde", P, 0},
    {"behandles igen", P, 0},
    {"forelægges igen", P, 0},
    {"forelægges på ny", P, 0},
    {"genfremlægges", P, 0},
    {"afventer", P, 0},
    {"afvente", P, 0},
    {"afventes", P, 0},
    {"afventede", P, 0},

    /* referred */
    {"oversendt", F, 0},
    {"oversendes", F, 0},
    {"oversendte", F, 0},
    {"fremsendes", F, 0},
    {"fremsendt", F, 0},
    {"videresendes", F, 0},
    {"videresendt", F, 0},
    {"videresendte", F, 0},
    {"henvist", F, 0},
    {"henvises", F, 0},
    {"henviste", F, 0},
    {"tilbagesendes", F, 0},
    {"tilbagesendt", F, 0},
    {"tilbagesendte", F, 0},
    {"sendes til", F, 0},
    {"sendes videre", F, 0},
    {"sendt videre", F, 0},
    {"sendes tilbage", F, 0},
    {"sendt tilbage", F, 0},
    {"sendes retur", F, 0},
    {"returneres", F, 0},
    {"at oversende", F, 0},
    {"at fremsende", F, 0},
    {"at henvise", F, 0},
    {"at sende ~3 til", F, 0},
    {"^sendes", F, 0},

    /* not treated */
    {"ikke behandlet", T, 0},
    {"ikke behandles", T, 0},
    {"ikke blevet behandlet", T, 0},
    {"udgik", T, 0},
    {"udgår", T, 0},
    {"trukket af dagsordenen", T, 0},
    {"taget af dagsordenen", T, 0},
    {"trukket tilbage", T, 0},
    {"blev ikke nået", T, 0},
    {"nåede ikke", T, 0},
    {"bortfaldt", T, 0},
    {"bortfalder", T, 0},
    {"bortfaldet", T, 0},
};

#undef A
#undef R
#undef N
#undef D
#undef P
#undef F
#undef X
#undef T
#undef S

#define N_OUTCOME_PHRASES (sizeof outcome_phrases / sizeof outcome_phrases[0])

/* ---- points ("Ad 2:", "Pkt. 2", "At 2)") ------------------------------------------------ */

static const char *const point_nouns[] = {
    "pkt", "punkt", "punkterne", "indstillingspunkt", "indstillingspunkter",
    "indstillingspunkterne", "beslutningspunkt", "beslutningspunkter", "beslutningspunkterne",
};

static int is_point_noun(const char *s, const tok *t)
{
    for (size_t k = 0; k < sizeof point_nouns / sizeof point_nouns[0]; k++)
        if (core_is(s, t, point_nouns[k]))
            return 1;
    return 0;
}

/* A number word of 1-3 digits ("2", "2:", "(2)", "1-3"): its first number. */
static int point_number(const char *s, const tok *t, int *num)
{
    size_t i = t->cb;
    int v = 0, k = 0;
    while (i < t->ce && is_digit(s[i]) && k < 3) {
        v = v * 10 + (s[i] - '0');
        i++;
        k++;
    }
    if (k == 0 || (i < t->ce && s[i] != '-'))
        return 0;
    *num = v;
    return 1;
}

/* A point marker at word t: 1 with its number and last word. */
static int marker_at(const char *s, size_t n, const tok *t, int at_start, int *num, tok *last)
{
    tok c = *t;
    int ok = 0;
    if (core_is(s, &c, "ad")) {
        if (!advance(s, n, &c))
            return 0;
        if (core_is(s, &c, "indstillingens") && !advance(s, n, &c))
            return 0;
        if (is_point_noun(s, &c) && !advance(s, n, &c))
            return 0;
        ok = point_number(s, &c, num);
    } else if (core_is(s, &c, "indstillingens")) {
        ok = advance(s, n, &c) && is_point_noun(s, &c) && advance(s, n, &c) &&
             point_number(s, &c, num);
    } else if (is_point_noun(s, &c)) {
        ok = advance(s, n, &c) && point_number(s, &c, num);
    } else if (core_is(s, &c, "at")) {
        ok = advance(s, n, &c) && point_number(s, &c, num) && s[c.e - 1] == ')';
    } else if (at_start) {
        ok = point_number(s, &c, num) && s[c.e - 1] == ')';
    }
    if (ok)
        *last = c;
    return ok;
}

/* ---- finding and combining outcomes ---------------------------------------------------- */

/* Words that open a subordinate clause: its phrases are background ("...,
 * da budgettet for 2015 blev vedtaget"), up to the next comma. */
static const char *const subordinators[] = {"da",   "når",   "fordi",    "selvom", "hvis",
                                            "såfremt", "inden", "eftersom", "før"};

static int subordinate(const char *s, const tok *t)
{
    for (size_t k = 0; k < sizeof subordinators / sizeof subordinators[0]; k++)
        if (core_is(s, t, subordinators[k]))
            return 1;
    return 0;
}

_Static_assert(N_OUTCOME_PHRASES <= IDX_MAX, "outcome_phrases outgrew phrase_index");

size_t rf_find_outcomes_t(const rf_outcome_tables *T, const char *s, size_t n,
                          rf_outcome_hit *hits, size_t max)
{
    walker w;
    walk_begin(&w, s, n);
    size_t count = 0;
    int sentence = -1;
    int point = 0, carry = 0;  /* the point now; the one the next sentence starts with */
    int listing = 0;           /* this sentence opened with a marker */
    int nested = 0;            /* the rest of the sentence is reported content */
    /* the last phrase, which a marker right after it may name the point of */
    size_t last_hit = 0;
    int open = 0, gap = 0, last_marked = 0;
    int marked = 0;            /* a point was started in this sentence */
    int sub = 0;               /* in a subordinate clause ("da budgettet blev vedtaget") */
    while (w.have) {
        if (w.sentence != sentence) {
            sentence = w.sentence;
            point = carry;
            listing = nested = marked = sub = 0;
            open = 0;
        }
        if (w.t.b == w.clause_b)
            sub = subordinate(s, &w.t);
        int num;
        tok last;
        if (marker_at(s, n, &w.t, w.at_start, &num, &last)) {
            if (open && !last_marked) {
                if (last_hit < max)
                    hits[last_hit].point = num;
                open = 0;
            } else {
                if (w.at_start)
                    listing = 1;
                point = num;
                marked = 1;
                if (listing)
                    carry = num;
            }
            int start = w.at_start;
            walk_past(&w, last);
            if (w.sentence == sentence)
                w.at_start = start; /* "Ad 1: Faldt." */
            continue;
        }
        size_t end;
        int k = best_phrase(s, n, &w.t, w.at_start, &T->outcome, &end, &last);
        if (k < 0) {
            if (open && (++gap > 2 || end_mark(s, &w.t)))
                open = 0;
            if (end_mark(s, &w.t) == ',')
                sub = 0;
            walk_past(&w, w.t);
            continue;
        }
        const phrase *p = &outcome_phrases[k];
        if (!(p->flags & P_STOP)) {
            rf_outcome_hit h;
            h.outcome = (rf_outcome)p->value;
            h.pos = w.t.cb;
            h.len = end - w.t.cb;
            h.point = point;
            h.sentence = w.sentence;
            h.flags = 0;
            if (p->flags & P_GENERIC)
                h.flags |= RF_OUTCOME_GENERIC;
            if (nested || sub)
                h.flags |= RF_OUTCOME_NESTED;
            if ((p->flags & P_SUBJECT) && !subject_is_body(s, w.clause_b, w.t.b))
                h.flags |= RF_OUTCOME_MEMBERS;
            if (about_amendment(s, w.clause_b, end))
                h.flags |= RF_OUTCOME_AMENDMENT;
            if (count < max)
                hits[count] = h;
            last_hit = count++;
            last_marked = marked;
            open = !end_mark(s, &last);
            gap = 0;
        } else {
            open = 0;
        }
        if (p->flags & P_CONTENT)
            nested = 1;
        if (end_mark(s, &last) == ',')
            sub = 0;
        walk_past(&w, last);
    }
    return count;
}

int rf_outcome_rank(const rf_outcome_hit *h)
{
    if (h->flags & (RF_OUTCOME_MEMBERS | RF_OUTCOME_NESTED | RF_OUTCOME_AMENDMENT))
        return 0;
    switch (h->outcome) {
    case RF_OUTCOME_DISCUSSED:
        return 1;
    case RF_OUTCOME_NOTED:
    case RF_OUTCOME_REFERRED:
        return 3;
    case RF_OUTCOME_APPROVED:
        return (h->flags & RF_OUTCOME_GENERIC) ? 2 : 4;
    case RF_OUTCOME_RECOMMENDED:
    case RF_OUTCOME_POSTPONED:
    case RF_OUTCOME_REJECTED:
    case RF_OUTCOME_NOT_TREATED:
        return 4;
    default:
        return 0;
    }
}

#define MAX_POINTS 32

/* The combination with its deciding phrase (an index into hits or n),
 * reason and number of points. */
static rf_outcome combine(const rf_outcome_hit *hits, size_t n, size_t *decisive,
                          const char **reason, int *points)
{
    struct {
        int point, rank;
        size_t best;
    } g[MAX_POINTS];
    size_t ng = 0;
    int members = 0, amendment = 0;
    *decisive = n;
    *points = 0;
    for (size_t i = 0; i < n; i++) {
        int r = rf_outcome_rank(&hits[i]);
        if (r == 0) {
            members |= (hits[i].flags & RF_OUTCOME_MEMBERS) != 0;
            amendment |= (hits[i].flags & RF_OUTCOME_AMENDMENT) != 0;
            continue;
        }
        size_t k = 0;
        while (k < ng && g[k].point != hits[i].point)
            k++;
        if (k == ng) {
            if (ng == MAX_POINTS)
                continue;
            g[ng].point = hits[i].point;
            g[ng].rank = 0;
            ng++;
        }
        if (r > g[k].rank) {
            g[k].rank = r;
            g[k].best = i;
        }
    }
    if (ng == 0) {
        *reason = amendment ? "only an amendment's outcome"
                  : members ? "only statements of named members"
                            : "no recognised phrase";
        return RF_OUTCOME_UNKNOWN;
    }
    int max_rank = 0, have_zero = 0;
    size_t zero = 0;
    for (size_t k = 0; k < ng; k++) {
        if (g[k].point == 0) {
            have_zero = 1;
            zero = k;
        } else {
            (*points)++;
            if (g[k].rank > max_rank)
                max_rank = g[k].rank;
        }
    }
    if (*points == 0) {
        *decisive = g[zero].best;
        *reason = "strongest phrase";
        return hits[g[zero].best].outcome;
    }
    rf_outcome out = RF_OUTCOME_UNKNOWN;
    int differ = 0;
    for (size_t k = 0; k < ng; k++) {
        if (have_zero && k == zero && (g[k].rank < max_rank || g[k].rank < 4))
            continue;
        rf_outcome o = hits[g[k].best].outcome;
        if (*decisive == n || g[k].best < *decisive)
            *decisive = g[k].best;
        if (out == RF_OUTCOME_UNKNOWN)
            out = o;
        else if (o != out)
            differ = 1;
    }
    *reason = differ ? "points differ" : "points agree";
    return differ ? RF_OUTCOME_MIXED : out;
}

rf_outcome rf_combine_outcomes(const rf_outcome_hit *hits, size_t n)
{
    size_t decisive;
    const char *reason;
    int points;
    return combine(hits, n, &decisive, &reason, &points);
}

rf_outcome rf_decide_outcome_t(const rf_outcome_tables *T, const char *s, size_t n,
                               rf_outcome_result *out)
{
    rf_outcome_hit hits[64];
    size_t found = rf_find_outcomes_t(T, s, n, hits, 64);
    size_t used = found < 64 ? found : 64;
    size_t decisive;
    const char *reason;
    int points;
    rf_outcome o = combine(hits, used, &decisive, &reason, &points);
    if (out) {
        memset(out, 0, sizeof *out);
        out->outcome = o;
        out->hits = found;
        out->points = points;
        out->reason = reason;
        if (decisive < used) {
            out->pos = hits[decisive].pos;
            out->len = hits[decisive].len;
        }
    }
    return o;
}

/* ---- votes --------------------------------------------------------------------------------- */

enum { SIDE_FOR, SIDE_AGAINST, SIDE_ABSTAIN, SIDE_TOTAL };

void rf_vote_init(rf_vote *v)
{
    memset(v, 0, sizeof *v);
    v->n_for = v->n_against = v->n_abstain = v->total = -1;
}

static void vote_set(rf_vote *v, int side, int count, rf_slice names)
{
    int *c = side == SIDE_FOR       ? &v->n_for
             : side == SIDE_AGAINST ? &v->n_against
             : side == SIDE_ABSTAIN ? &v->n_abstain
                                    : &v->total;
    if (count >= 0)
        *c = count;
    if (names.n && side != SIDE_TOTAL) {
        rf_slice *sl = side == SIDE_FOR       ? &v->for_names
                       : side == SIDE_AGAINST ? &v->against_names
                                              : &v->abstain_names;
        *sl = names;
    }
}

/* Labels that open a side's votes: "For stemte: A, F og V (15)". A label
 * opens a sentence, follows a comma or semicolon, or ends in a colon;
 * P_COLON ones need the colon. */
static const phrase vote_labels[] = {
    {"hverken for eller imod stemte", SIDE_ABSTAIN, 0},
    {"hverken for eller imod", SIDE_ABSTAIN, 0},
    {"for stemte", SIDE_FOR, 0},
    {"for forslag* stemte", SIDE_FOR, 0},
    {"for indstilling* stemte", SIDE_FOR, 0},
    {"for ændringsforslag* stemte", SIDE_FOR, 0},
    {"for beslutningsforslag* stemte", SIDE_FOR, 0},
    {"imod stemte", SIDE_AGAINST, 0},
    {"imod forslag* stemte", SIDE_AGAINST, 0},
    {"imod indstilling* stemte", SIDE_AGAINST, 0},
    {"imod ændringsforslag* stemte", SIDE_AGAINST, 0},
    {"imod beslutningsforslag* stemte", SIDE_AGAINST, 0},
    {"mod stemte", SIDE_AGAINST, 0},
    {"undlod at stemme", SIDE_ABSTAIN, 0},
    {"stemmer for", SIDE_FOR, 0},
    {"stemmer imod", SIDE_AGAINST, 0},
    {"blanke stemmer", SIDE_ABSTAIN, 0},
    {"for", SIDE_FOR, P_COLON},
    {"imod", SIDE_AGAINST, P_COLON},
    {"ja", SIDE_FOR, P_COLON},
    {"nej", SIDE_AGAINST, P_COLON},
    {"undlod", SIDE_ABSTAIN, P_COLON},
    {"undlader", SIDE_ABSTAIN, P_COLON},
    {"blank", SIDE_ABSTAIN, P_COLON},
    {"blanke", SIDE_ABSTAIN, P_COLON},
};

/* "Enstemmigt", "Et enigt udvalg": no vote against. */
static const phrase unanimous_phrases[] = {
    {"enstemmig*", 1, 0},          {"et enigt", 1, 0},      {"et samlet udvalg*", 1, 0},
    {"et samlet byråd*", 1, 0},    {"med alle stemmer", 1, 0}, {"med samtlige stemmer", 1, 0},
    {"alle stemte for", 1, 0},     {"uden stemmer imod", 1, 0},
};

/* "O stemte imod": the subject's names for a side. */
static const phrase vote_subjects[] = {
    {"stemte for", SIDE_FOR, 0},
    {"stemte ja", SIDE_FOR, 0},
    {"stemte imod", SIDE_AGAINST, 0},
    {"stemte nej", SIDE_AGAINST, 0},
    {"undlod at stemme", SIDE_ABSTAIN, 0},
    {"stemte blankt", SIDE_ABSTAIN, 0},
    {"stemte hverken for eller imod", SIDE_ABSTAIN, 0},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *word;
    int value;
} number_words[] = {
    {"nul", 0}, {"en", 1},   {"én", 1},  {"et", 1},   {"ét", 1},    {"to", 2},     {"tre", 3},
    {"fire", 4}, {"fem", 5}, {"seks", 6}, {"syv", 7}, {"otte", 8},  {"ni", 9},     {"ti", 10},
    {"elleve", 11}, {"tolv", 12},
};

/* A count: the word's core is 1-4 digits, or (words) a small number word. */
static int count_value(const char *s, const tok *t, int words, int *v)
{
    size_t i = t->cb;
    int x = 0, k = 0;
    while (i < t->ce && is_digit(s[i]) && k < 4) {
        x = x * 10 + (s[i] - '0');
        i++;
        k++;
    }
    if (k > 0 && i == t->ce) {
        *v = x;
        return 1;
    }
    if (!words || k > 0)
        return 0;
    /* an ASCII core equals a word only with its length: no number word
     * has more than 6 bytes */
    if (t->ascii && t->ce - t->cb > 6)
        return 0;
    /* the number words start with n, e, t, f, s, o or é: a core that
     * starts with another ASCII letter is none of them (an ASCII byte folds
     * to ASCII) */
    unsigned char c0 = (unsigned char)s[t->cb];
    if (t->ce > t->cb && c0 < 0x80 && !strchr("netfso", c0 >= 'A' && c0 <= 'Z' ? c0 + 32 : c0))
        return 0;
    for (size_t j = 0; j < COUNT_OF(number_words); j++) {
        if (core_is(s, t, number_words[j].word)) {
            *v = number_words[j].value;
            return 1;
        }
    }
    return 0;
}

/* The label at word t, if one may stand here: its side, with its last word. */
static int vote_label_at(const rf_outcome_tables *T, const char *s, size_t n, const tok *t,
                         const fword *f, int at_start, const tok *prev, tok *last)
{
    size_t end;
    int k = f ? best_phrase_f(s, n, f, 1, &T->labels, &end, last)
              : best_phrase(s, n, t, 1, &T->labels, &end, last);
    if (k < 0)
        return -1;
    int colon = end_mark(s, last) == ':';
    if (vote_labels[k].flags & P_COLON)
        return colon ? vote_labels[k].value : -1;
    char pm = prev ? end_mark(s, prev) : 0;
    if (at_start || colon || pm == ',' || pm == ';' || pm == '.')
        return vote_labels[k].value;
    return -1;
}

/* The content of the brackets opening at s[open]: up to the matching one. */
static rf_slice bracket_content(const char *s, size_t n, size_t open, size_t *close)
{
    int depth = 0;
    if (n - open > 4000) /* a list of names is shorter */
        n = open + 4000;
    for (size_t i = open; i < n; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0) {
            *close = i;
            return trim_slice(s, open + 1, i);
        }
    }
    *close = n;
    return trim_slice(s, open + 1, n);
}

/* The word that holds byte `at` (or the last before the sentence end). */
static tok word_holding(const char *s, size_t n, tok t, size_t at)
{
    while (t.e <= at && advance(s, n, &t))
        ;
    return t;
}

/* A label's value after its last word: "[N][:] names [(N)]" or "N (names)".
 * Returns the last word read. */
static tok vote_value(const rf_outcome_tables *T, const char *s, size_t n, tok label, int *count,
                      rf_slice *names)
{
    tok c = label, prev = label;
    *count = -1;
    names->s = NULL;
    names->n = 0;
    if (!advance(s, n, &c))
        return label;
    int v;
    if (s[c.b] != '(' && count_value(s, &c, 0, &v)) {
        *count = v;
        prev = c;
        if (!advance(s, n, &c))
            return prev;
        if (core_is(s, &c, "stemmer") || core_is(s, &c, "stemme")) {
            prev = c;
            if (!advance(s, n, &c))
                return prev;
        }
        if (s[c.b] == '(') {
            size_t close;
            *names = bracket_content(s, n, c.b, &close);
            return word_holding(s, n, c, close);
        }
    }
    size_t b = c.b, e = c.b;
    for (;;) {
        tok l;
        if (s[c.b] == '(' && count_value(s, &c, 0, &v)) {
            *count = v;
            prev = c;
            tok d = c;
            if (s[c.e - 1] != ')' && advance(s, n, &d) && core_starts(s, &d, "stem"))
                prev = d;
            break;
        }
        if (c.b > b && vote_label_at(T, s, n, &c, NULL, 0, &prev, &l) >= 0)
            break;
        e = c.e;
        prev = c;
        if (!advance(s, n, &c))
            break;
    }
    *names = trim_slice(s, b, e);
    if (*count < 0 && names->n && rf_fold_eq(names->s, names->n, "ingen")) {
        *count = 0; /* "Imod stemte: Ingen" */
        names->s = NULL;
        names->n = 0;
    }
    return prev;
}

/* Does the sentence speak of votes ("stemmer", "stemte", "afstemning")?
 * Found once a sentence: *ctx is -1 until then. */
typedef struct vote_ctx {
    size_t sentence_b;        /* where the sentence starts */
    int known;                /* -1 not looked at yet, else 0 or 1 */
} vote_ctx;

static int vote_context(const char *s, size_t n, vote_ctx *ctx)
{
    if (ctx->known >= 0)
        return ctx->known;
    tok c;
    size_t i = ctx->sentence_b;
    ctx->known = 0;
    if (!next_tok(s, n, &i, &c))
        return 0;
    do {
        if (core_starts(s, &c, "stem") || core_starts(s, &c, "afstemning")) {
            ctx->known = 1;
            break;
        }
    } while (advance(s, n, &c));
    return ctx->known;
}

/* "3 stemmer for (O)", "25 imod", "20 stemmer mod 5", "1 undlod at stemme",
 * "25 afgivne stemmer" at word t: 1 with the last word read. */
static int vote_count_at(const char *s, size_t n, const tok *t, vote_ctx *ctx, rf_vote *v,
                         tok *last, int *parts)
{
    int x;
    if (s[t->b] == '(' || !count_value(s, t, 1, &x))
        return 0;
    int digits = is_digit(s[t->cb]);
    tok c = *t;
    if (!advance(s, n, &c))
        return 0;
    int noun = 0;
    if (core_is(s, &c, "stemmer") || core_is(s, &c, "stemme") || core_is(s, &c, "medlemmer") ||
        core_is(s, &c, "medlem") || core_is(s, &c, "mandater")) {
        noun = 1;
        if (!advance(s, n, &c))
            return 0;
    }
    if (!noun && !digits)
        return 0;
    if (core_is(s, &c, "stemte") && !advance(s, n, &c))
        return 0;
    int side = -1;
    if (core_is(s, &c, "for") || core_is(s, &c, "ja"))
        side = SIDE_FOR;
    else if (core_is(s, &c, "imod") || core_is(s, &c, "nej"))
        side = SIDE_AGAINST;
    else if (core_is(s, &c, "undlod") || core_is(s, &c, "hverken") || core_is(s, &c, "blanke") ||
             core_is(s, &c, "blank") || core_is(s, &c, "blankt"))
        side = SIDE_ABSTAIN;
    else if (core_is(s, &c, "afgivne") || core_is(s, &c, "afgivet"))
        side = SIDE_TOTAL;
    else if (core_is(s, &c, "blev")) {
        tok d = c;
        if (advance(s, n, &d) && core_is(s, &d, "afgivet")) {
            side = SIDE_TOTAL;
            c = d;
        }
    } else if (core_is(s, &c, "mod")) {
        /* "20 stemmer mod 5", "20 mod 5 stemmer" */
        tok d = c;
        int y;
        if (advance(s, n, &d) && count_value(s, &d, 1, &y) &&
            (noun || vote_context(s, n, ctx))) {
            rf_slice none = {NULL, 0};
            vote_set(v, SIDE_FOR, x, none);
            *last = d;
            tok e = d;
            if (advance(s, n, &e) && (core_is(s, &e, "stemmer") || core_is(s, &e, "stemme")))
                *last = e;
            rf_slice names = none;
            e = *last;
            if (advance(s, n, &e) && s[e.b] == '(') {
                size_t close;
                names = bracket_content(s, n, e.b, &close);
                *last = word_holding(s, n, e, close);
            }
            vote_set(v, SIDE_AGAINST, y, names);
            *parts += 2;
            return 1;
        }
        return 0;
    }
    if (side < 0)
        return 0;
    if (!noun && side != SIDE_TOTAL && !vote_context(s, n, ctx))
        return 0;
    *last = c;
    if (side == SIDE_ABSTAIN && core_is(s, &c, "hverken")) {
        /* "hverken for eller imod" */
        tok d = c;
        for (int k = 0; k < 3 && advance(s, n, &d); k++)
            *last = d;
    }
    rf_slice names = {NULL, 0};
    tok e = *last;
    if (advance(s, n, &e) && s[e.b] == '(') {
        size_t close;
        names = bracket_content(s, n, e.b, &close);
        *last = word_holding(s, n, e, close);
    }
    vote_set(v, side, x, names);
    (*parts)++;
    return 1;
}

static const char *const not_names[] = {"der", "det", "dette", "den", "sagen", "punktet",
                                        "forslaget", "indstillingen", "alle", "ingen", "man"};

/* The subject [b, e) as names: starts with a capital, is no body, not too long. */
static int subject_names(const char *s, size_t b, size_t e, rf_slice *names)
{
    b = subject_start(s, b, e);
    *names = trim_slice(s, b, e);
    if (!names->n || names->n > 400)
        return 0;
    tok t;
    size_t i = 0;
    if (!next_tok(names->s, names->n, &i, &t) || !rf_is_upper_cp(first_cp(names->s, &t)))
        return 0;
    for (size_t k = 0; k < COUNT_OF(not_names); k++)
        if (core_is(names->s, &t, not_names[k]))
            return 0;
    return !subject_is_body(s, b, e);
}

int rf_find_vote_t(const rf_outcome_tables *T, const char *s, size_t n, rf_vote *out)
{
    walker w;
    walk_begin(&w, s, n);
    int parts = 0, sentence = -1;
    vote_ctx ctx = {0, -1};
    tok prev = w.t;
    int have_prev = 0;
    while (w.have) {
        if (w.sentence != sentence) {
            sentence = w.sentence;
            ctx.sentence_b = w.t.b;
            ctx.known = -1;
            have_prev = 0;
        }
        tok last;
        size_t end;
        fword f;
        fword_make(s, &w.t, &f);
        if (best_phrase_f(s, n, &f, w.at_start, &T->unanimous, &end, &last) >= 0) {
            out->unanimous = 1;
            parts++;
        } else {
            int side = vote_label_at(T, s, n, &w.t, &f, w.at_start, have_prev ? &prev : NULL, &last);
            if (side >= 0) {
                int count;
                rf_slice names;
                last = vote_value(T, s, n, last, &count, &names);
                vote_set(out, side, count, names);
                parts++;
            } else if (vote_count_at(s, n, &w.t, &ctx, out, &last, &parts)) {
                /* counted */
            } else {
                int k = best_phrase_f(s, n, &f, w.at_start, &T->subjects, &end, &last);
                rf_slice names;
                if (k >= 0 && subject_names(s, w.clause_b, w.t.b, &names)) {
                    vote_set(out, vote_subjects[k].value, -1, names);
                    parts++;
                } else {
                    last = w.t;
                }
            }
        }
        prev = last;
        have_prev = 1;
        walk_past(&w, last);
    }
    return parts;
}

/* Names of a list split on ", " and " og " outside brackets: how many, and
 * whether every one carries a party in brackets ("Bo Hilsted (A)"). */
static int count_party_names(rf_slice l, int *all_party)
{
    int items = 0, depth = 0, party = 0;
    *all_party = 1;
    size_t i = 0;
    while (i < l.n) {
        char c = l.s[i];
        if (c == '(') {
            if (depth == 0)
                party = 1;
            depth++;
        } else if (c == ')') {
            depth--;
        } else if (depth == 0 && c != ' ' && c != ',') {
            if (party) {
                /* text after a party: only a separator may follow */
                size_t k = i;
                if (!(k + 2 < l.n && l.s[k] == 'o' && l.s[k + 1] == 'g' && l.s[k + 2] == ' '))
                    *all_party = 0;
            }
        }
        int sep = 0;
        if (depth == 0 && c == ',')
            sep = 1;
        else if (depth == 0 && c == ' ' && i + 3 < l.n && l.s[i + 1] == 'o' && l.s[i + 2] == 'g' &&
                 l.s[i + 3] == ' ') {
            sep = 1;
            i += 3;
        }
        if (sep) {
            items++;
            *all_party &= party;
            party = 0;
        }
        i++;
    }
    items++;
    *all_party &= party;
    return items;
}

int rf_vote_consistent(const rf_vote *v, int body_size)
{
    int checked = 0;
    if (v->unanimous && v->n_against > 0)
        return 0;
    if (v->unanimous && v->n_against == 0)
        checked = 1;
    int known = 0, sum = 0;
    const int counts[3] = {v->n_for, v->n_against, v->n_abstain};
    for (int k = 0; k < 3; k++) {
        if (counts[k] >= 0) {
            known++;
            sum += counts[k];
        }
    }
    if (v->total >= 0 && known > 0) {
        if (known == 3 ? sum != v->total : sum > v->total)
            return 0;
        checked = 1;
    }
    if (body_size > 0 && (known > 0 || v->total >= 0)) {
        if (sum > body_size || v->total > body_size)
            return 0;
        checked = 1;
    }
    const rf_slice lists[3] = {v->for_names, v->against_names, v->abstain_names};
    for (int k = 0; k < 3; k++) {
        int all_party;
        if (counts[k] < 0 || !lists[k].n)
            continue;
        int items = count_party_names(lists[k], &all_party);
        if (!all_party)
            continue;
        if (items != counts[k])
            return 0;
        checked = 1;
    }
    return checked ? 1 : -1;
}

int rf_vote_agrees(const rf_vote *v, rf_outcome o)
{
    if (v->n_for < 0 || v->n_against < 0)
        return -1;
    if (o == RF_OUTCOME_APPROVED || o == RF_OUTCOME_RECOMMENDED)
        return v->n_for >= v->n_against;
    if (o == RF_OUTCOME_REJECTED)
        return v->n_for <= v->n_against;
    return -1;
}

/* ---- participation ------------------------------------------------------------------------- */

const char *rf_participation_name(rf_participation_kind k)
{
    static const char *const names[] = {"none",    "recusal", "dissent", "assent",
                                        "abstain", "guest",   "absent"};
    return (unsigned)k < COUNT_OF(names) ? names[k] : "none";
}

#define REC RF_PART_RECUSAL
#define DIS RF_PART_DISSENT
#define ASN RF_PART_ASSENT
#define ABS RF_PART_ABSTAIN
#define GST RF_PART_GUEST
#define AWY RF_PART_ABSENT

/* The statements; P_AFTER: the names follow ("Afbud: X"), else they are the
 * clause's subject ("X tog forbehold"), which must start with a capital and
 * must not be the body ("Udvalget kunne ikke tiltræde" is an outcome). */
static const phrase participation_phrases[] = {
    /* names after */
    {"følgende deltog ikke i behandlingen af punktet", REC, P_AFTER},
    {"følgende deltog ikke i behandlingen af sagen", REC, P_AFTER},
    {"følgende deltog ikke i behandlingen", REC, P_AFTER},
    {"følgende deltog ikke", REC, P_AFTER},
    {"følgende var inhabil*", REC, P_AFTER},
    {"inhabil:", REC, P_AFTER},
    {"inhabile:", REC, P_AFTER},
    {"afbud:", AWY, P_AFTER},
    {"afbud fra", AWY, P_AFTER},
    {"fraværende:", AWY, P_AFTER},
    {"fravær:", AWY, P_AFTER},
    {"deltog under punktet:", GST, P_AFTER},
    {"til stede under punktet:", GST, P_AFTER},
    {"under punktet deltog", GST, P_AFTER},
    {"under behandlingen deltog", GST, P_AFTER},
    {"desuden deltog", GST, P_AFTER},
    {"gæster:", GST, P_AFTER},

    /* recusal */
    {"erklærede sig inhabil*", REC, 0},
    {"erklærede sig for inhabil*", REC, 0},
    {"var inhabil*", REC, 0},
    {"er inhabil*", REC, 0},
    {"blev erklæret inhabil*", REC, 0},
    {"anså sig ~1 inhabil*", REC, 0},
    {"anser sig ~1 inhabil*", REC, 0},
    {"meldte inhabilitet", REC, 0},
    {"deltog ikke i behandling*", REC, 0},
    {"deltog ikke i sagens behandling", REC, 0},
    {"deltog ikke i punktets behandling", REC, 0},
    {"deltog ikke i udvalgets behandling", REC, 0},
    {"deltog ikke i sagen", REC, 0},
    {"deltog ikke i punktet", REC, 0},
    {"deltog ikke under ~2 behandling*", REC, 0},
    {"deltog ikke under punktet", REC, 0},
    {"forlod mødet under ~3 behandling*", REC, 0},
    {"forlod mødet under punktet", REC, 0},
    {"medvirkede ikke", REC, 0},

    /* absent */
    {"var forhindret", AWY, 0},
    {"var fraværende", AWY, 0},
    {"havde meldt afbud", AWY, 0},
    {"har meldt afbud", AWY, 0},
    {"meldte afbud", AWY, 0},
    {"deltog ikke i mødet", AWY, 0},
    {"var ikke til stede", AWY, 0},
    {"var ikke mødt", AWY, 0},
    {"mødte ikke", AWY, 0},

    /* dissent */
    {"kunne ikke tiltræde", DIS, 0},
    {"kan ikke tiltræde", DIS, 0},
    {"kunne ikke godkende", DIS, 0},
    {"kan ikke godkende", DIS, 0},
    {"kunne ikke anbefale", DIS, 0},
    {"kan ikke anbefale", DIS, 0},
    {"kunne ikke støtte", DIS, 0},
    {"kan ikke støtte", DIS, 0},
    {"kunne ikke gå ind for", DIS, 0},
    {"stemte imod", DIS, 0},
    {"stemmer imod", DIS, 0},
    {"stemte nej", DIS, 0},
    {"var imod", DIS, 0},
    {"er imod", DIS, 0},
    {"tog forbehold", DIS, 0},
    {"tager forbehold", DIS, 0},
    {"tog ~2 forbehold", DIS, 0},
    {"tager ~2 forbehold", DIS, 0},
    {"ønskede ~4 ført til protokol", DIS, 0},
    {"ønsker ~4 ført til protokol", DIS, 0},
    {"begærede ~4 ført til protokol", DIS, 0},
    {"fik ~4 ført til protokol", DIS, 0},
    {"ønskede ~4 tilført protokollen", DIS, 0},
    {"ønskede ~4 ført til referat", DIS, 0},

    /* assent of named members */
    {"kunne tiltræde", ASN, 0},
    {"kan tiltræde", ASN, 0},
    {"kunne godkende", ASN, 0},
    {"kan godkende", ASN, 0},
    {"kunne anbefale", ASN, 0},
    {"kan anbefale", ASN, 0},
    {"kunne støtte", ASN, 0},
    {"stemte for", ASN, 0},
    {"stemte ja", ASN, 0},

    /* abstain */
    {"undlod at stemme", ABS, 0},
    {"stemte blankt", ABS, 0},
    {"stemte hverken for eller imod", ABS, 0},

    /* guests */
    {"deltog under", GST, 0},
    {"deltog i behandlingen", GST, 0},
    {"deltog i mødet", GST, 0},
    {"deltog i punktet", GST, 0},
    {"deltog i drøftelsen", GST, 0},
    {"deltog som gæst*", GST, 0},
    {"var til stede", GST, 0},
    {"var inviteret", GST, 0},
    {"var indkaldt", GST, 0},
};

#undef REC
#undef DIS
#undef ASN
#undef ABS
#undef GST
#undef AWY

/* The end of t's sentence: the end of its last word's core. */
static size_t sentence_end(const char *s, size_t n, tok t)
{
    while (advance(s, n, &t))
        ;
    return t.ce > t.cb ? t.ce : t.e;
}

/* The end of t's clause (before ", og Ole ..."), or of its sentence. */
static size_t clause_end(const char *s, size_t n, tok t)
{
    for (;;) {
        tok u;
        size_t i = t.e;
        if (!next_tok(s, n, &i, &u) || ends_sentence(s, &t, &u) || starts_clause(s, &t, &u))
            return t.ce > t.cb ? t.ce : t.e;
        t = u;
    }
}

_Static_assert(COUNT_OF(participation_phrases) <= IDX_MAX,
               "participation_phrases outgrew phrase_index");

int rf_find_participation_t(const rf_outcome_tables *T, const char *s, size_t n,
                            rf_participation *out)
{
    walker w;
    walk_begin(&w, s, n);
    memset(out, 0, sizeof *out);
    while (w.have) {
        tok last;
        size_t end;
        int k = best_phrase(s, n, &w.t, w.at_start, &T->participation, &end, &last);
        if (k < 0) {
            walk_past(&w, w.t);
            continue;
        }
        const phrase *p = &participation_phrases[k];
        rf_slice names = {NULL, 0};
        size_t from, stop;
        if (p->flags & P_AFTER) {
            stop = sentence_end(s, n, last);
            names = trim_slice(s, end, stop > end ? stop : end);
            /* "Fraværende: X (V) - Y (V) mødte som stedfortræder": after
             * the dash, who came instead */
            long dash = rf_fold_find(names.s, names.n, " - ");
            if (dash > 0)
                names.n = (size_t)dash;
            from = w.t.cb;
        } else {
            if (!subject_names(s, w.clause_b, w.t.b, &names)) {
                /* a body's own stand ("Udvalget kunne ikke tiltræde"), or no
                 * names: no participation */
                walk_past(&w, last);
                continue;
            }
            /* the statement ends with its clause: "Jens stemte imod, og Ole
             * undlod at stemme" are two */
            stop = clause_end(s, n, last);
            from = (size_t)(names.s - s);
        }
        if (stop < end)
            stop = end;
        out->kind = (rf_participation_kind)p->value;
        out->names = names;
        out->phrase.s = s + w.t.cb;
        out->phrase.n = end - w.t.cb;
        if (!(p->flags & P_AFTER))
            out->note = trim_slice(s, end, stop);
        out->pos = from;
        out->len = stop - from;
        return 1;
    }
    return 0;
}

/* ---- the tables, split once ------------------------------------------------------------------ */

static void tables_build(rf_outcome_tables *T)
{
    size_t used = 0;
    tab_build(&T->outcome, outcome_phrases, N_OUTCOME_PHRASES, T->pool, &used);
    tab_build(&T->labels, vote_labels, COUNT_OF(vote_labels), T->pool, &used);
    tab_build(&T->unanimous, unanimous_phrases, COUNT_OF(unanimous_phrases), T->pool, &used);
    tab_build(&T->subjects, vote_subjects, COUNT_OF(vote_subjects), T->pool, &used);
    tab_build(&T->participation, participation_phrases, COUNT_OF(participation_phrases), T->pool,
              &used);
}

rf_outcome_tables *rf_outcome_tables_new(rf_parser *p)
{
    rf_outcome_tables *T = rf_alloc(p, sizeof *T);
    if (T)
        tables_build(T);
    return T;
}

void rf_outcome_tables_free(rf_parser *p, rf_outcome_tables *T)
{
    rf_free(p, T);
}

/* The functions without tables build them on the stack for the one call. */

size_t rf_find_outcomes(const char *s, size_t n, rf_outcome_hit *hits, size_t max)
{
    rf_outcome_tables T;
    tables_build(&T);
    return rf_find_outcomes_t(&T, s, n, hits, max);
}

rf_outcome rf_decide_outcome(const char *s, size_t n, rf_outcome_result *out)
{
    rf_outcome_tables T;
    tables_build(&T);
    return rf_decide_outcome_t(&T, s, n, out);
}

int rf_find_vote(const char *s, size_t n, rf_vote *out)
{
    rf_outcome_tables T;
    tables_build(&T);
    return rf_find_vote_t(&T, s, n, out);
}

int rf_find_participation(const char *s, size_t n, rf_participation *out)
{
    rf_outcome_tables T;
    tables_build(&T);
    return rf_find_participation_t(&T, s, n, out);
}
