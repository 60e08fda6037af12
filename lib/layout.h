/* Recognizers for the layouts of the agenda systems (layout.c). Every one
 * is a pure function of one line of cleaned text (no parser argument), and
 * each rule that differs between systems is a table of alternatives next to
 * its recognizer. docs/FORMAT.md names the function and fixture of each. */
#ifndef REFERAT_LAYOUT_H
#define REFERAT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* ---- words without case --------------------------------------------------- */

/* Bytes of s that equal key (lower-case UTF-8) without case, or 0. */
size_t rf_fold_prefix(const char *s, size_t n, const char *key);
/* s equals key without case. */
int rf_fold_eq(const char *s, size_t n, const char *key);
/* key occurs in s without case, at a word start; its offset or -1. */
long rf_fold_find(const char *s, size_t n, const char *key);

/* ---- dates and times in every written form -------------------------------- */

typedef struct rf_found {
    size_t pos, len;          /* where in the text */
} rf_found;

/* "27. august 2025", "4. december 2012", "04.12.2012", "19-08-2025",
 * "2025-08-27" anywhere; ISO into iso[11]. */
int rf_find_date_any(const char *s, size_t n, char iso[11], rf_found *at);
/* "kl. 16:00", "Kl. 15.45", "13:00" (a bare H:MM token); "HH:MM" into hm. */
int rf_find_time_any(const char *s, size_t n, char hm[6], rf_found *at);
/* A weekday word (mandag ... søndag) at the start of s: its length or 0. */
size_t rf_weekday_len(const char *s, size_t n);
/* The line is only a date and/or time (and words like "den", "kl.", a
 * weekday, "-"): nothing else. */
int rf_is_date_line(const char *s, size_t n);

/* ---- labels "Label: value" ------------------------------------------------ */

typedef enum rf_label_key {
    RF_LABEL_NONE = 0,
    RF_LABEL_DATE,        /* Mødedato, Dato */
    RF_LABEL_TIME,        /* Tid, Tidspunkt, Starttidspunkt, Mødetidspunkt */
    RF_LABEL_END_TIME,    /* Sluttidspunkt */
    RF_LABEL_LOCATION,    /* Mødested, Sted, Lokale, Mødelokale */
    RF_LABEL_BODY,        /* Udvalg */
    RF_LABEL_PRESENT,     /* Mødedeltagere, Deltagere, Tilstede, Medlemmer */
    RF_LABEL_ABSENT,      /* Fraværende, Afbud, Afbud/Fraværende */
    RF_LABEL_STAFF,       /* Sekretær, Referent, Øvrige deltagere: not members */
    RF_LABEL_CASE,        /* Sagsnr., Sags nr., J.nr., Journalnr. */
    RF_LABEL_ITEM_NUMBER, /* Punktnummer (a decision history entry) */
    RF_LABEL_ITEM_META,   /* Dok.nr., Sagen afgøres i, Beslutningskompetence,
                             Sagsforløb with a value: an item's head, no content */
    RF_LABEL_OTHER        /* Information, Bemærk */
} rf_label_key;

typedef struct rf_label {
    rf_label_key key;
    int keyword;              /* index in the table (the word as written) */
    rf_slice value;           /* the rest of the line, trimmed (may be empty) */
} rf_label;

/* "Label[:]" alone or "Label: value"; HTK's meta words also take a value
 * after a space ("Mødedato Mandag d. ..."). */
int rf_match_label(const char *s, size_t n, rf_label *out);

/* ---- items, sub-items, case numbers --------------------------------------- */

typedef enum rf_item_form {
    RF_ITEM_NONE = 0,
    RF_ITEM_PUNKT,            /* "Punkt 3: Title", "Pkt. 3 Title" */
    RF_ITEM_NUMBER_TITLE,     /* "3. Title", "715. Title", "3 Title" */
    RF_ITEM_NUMBER_ALONE      /* "3", "3." alone: the title follows */
} rf_item_form;

typedef struct rf_item_line {
    rf_item_form form;
    int64_t number;
    rf_slice title;           /* "Lukket: " taken off */
    int closed;               /* "Lukket: Title", title "Lukket" or "Lukket punkt" */
} rf_item_line;

int rf_match_item_line(const char *s, size_t n, rf_item_line *out);

/* "1.1 Title" (major.minor, title after): the major number, label, title. */
int rf_match_subitem_line(const char *s, size_t n, int64_t *major, rf_slice *label,
                          rf_slice *title);
/* "a." alone: the letter sub-item label (title follows); the letter. */
int rf_match_letter_alone(const char *s, size_t n, char *letter);

/* A case number alone: "22/23184", "EMN-2023-009832", "2012-28504",
 * "21-014420". strict: only these shapes; else also any code of digits,
 * capitals and separators with 5+ digits (after a case label). */
int rf_match_case_any(const char *s, size_t n, int strict);

/* A bare number line ("14", "3.") and whether it has a dot. */
int rf_is_bare_number(const char *s, size_t n, int *dot);

/* ---- section headings and decisions ---------------------------------------- */


/* Every heading form of every system (see the tables in layout.c); the HTK
 * forms of SPEC §3.3 first. */
int rf_match_heading_any(const char *s, size_t n, rf_heading_ex *out);
/* A label heading with its text on the same line ("Referat: Godkendt.",
 * "Beslutning: ..."): the heading's length, the text's offset. */
int rf_match_inline_heading(const char *s, size_t n, rf_heading_ex *out);

/* ---- meeting header lines -------------------------------------------------- */

typedef struct rf_kind_line {
    int kind;                 /* 0 referat, 1 dagsorden */
    int has_date;
    char date[11];
    char time[6];
    rf_slice body;            /* "Referat for X", "Referat X den D": X */
} rf_kind_line;

/* "Referat", "Åbent referat", "Dagsorden", "Beslutningsprotokol",
 * "Referat 1. oktober 2025 kl. 15.45", "Referat for Økonomiudvalget",
 * "Referat fra mødet i X", "Dagsorden X den 4. maj 2021 kl. 17.00":
 * the document kind word line. */
int rf_match_kind_line(const char *s, size_t n, rf_kind_line *out);

/* ---- the class of a line (kept on the line: paragraph.c) --------------------- */

/* Header, Punkt, heading, TOC start, sub-item, enumerator alone, inline
 * heading, history entry, or text: the first that matches, in that order. */
rf_line_class rf_classify_line(const char *s, size_t n);

/* ---- page furniture ---------------------------------------------------------- */

/* "Side 3", "Side 3 af 5", "3 of 5", "3 af 5", "- 3 -", "Page 3". */
int rf_is_page_number_line(const char *s, size_t n);
/* A web page's navigation link printed by w3m on a line of its own ("Til
 * toppen"): no content (paragraph.c reads it as a blank line). */
int rf_is_navigation_line(const char *s, size_t n);

/* ---- people ------------------------------------------------------------------ */

typedef struct rf_person {
    rf_slice name;
    rf_slice party;           /* "A" of "(A)", empty when none */
    rf_slice role;            /* "formand" of "- formand", empty when none */
    rf_slice note;            /* "sag 129-138" of "(A), sag 129-138", empty when none */
} rf_person;

/* One attendance line: "Lolan Ottesen (A) - formand", "Formand Erik
 * Nielsen (A)", "Britt Jensen (A), sag 129-138". */
int rf_parse_person(const char *s, size_t n, rf_person *out);

/* "X deltog ikke i behandlingen ...", "X var forhindret i at deltage ...",
 * "X erklærede sig inhabil", "Følgende deltog ikke i behandlingen af
 * punktet: X": the names part (split like participants). */
int rf_match_absence_sentence(const char *s, size_t n, rf_slice *names);

#endif
