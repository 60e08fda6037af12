/* What a decision says (outcome.c): its outcome in a closed vocabulary, the
 * votes, and who took part how. Every function is pure: it reads one
 * decision text (a paragraph's collapsed text, UTF-8 in NFC; several
 * paragraphs may be joined with "\n", which ends a sentence) and takes no
 * parser and no memory. Results point into the text.
 *
 * The phrases are tables of alternatives next to their recognizers (the
 * style of layout.c); matching is word by word and without case, Danish
 * letters included. The comment at the top of outcome.c gives the pattern
 * notation and the rules that decide between phrases. */
#ifndef REFERAT_OUTCOME_H
#define REFERAT_OUTCOME_H

#include <stddef.h>

#include "internal.h"

/* ---- outcome ----------------------------------------------------------------- */

typedef enum rf_outcome {
    RF_OUTCOME_UNKNOWN = 0,   /* no recognised phrase */
    RF_OUTCOME_APPROVED,      /* Godkendt, Vedtaget, Tiltrådt, Bevilget, kunne tiltræde ... */
    RF_OUTCOME_RECOMMENDED,   /* Anbefales, X anbefaler, Indstilles (til godkendelse),
                                 ... med anbefaling: passed on to a higher body */
    RF_OUTCOME_NOTED,         /* Taget til efterretning, blev orienteret, Ingen bemærkninger */
    RF_OUTCOME_DISCUSSED,     /* Drøftet, drøftede */
    RF_OUTCOME_POSTPONED,     /* Udsat, udskudt, genoptages, afventer */
    RF_OUTCOME_REFERRED,      /* Oversendt, Fremsendes til X, Henvist, Tilbagesendes */
    RF_OUTCOME_REJECTED,      /* Forkastet, Ikke godkendt, Faldt, kunne ikke godkende */
    RF_OUTCOME_NOT_TREATED,   /* Sagen blev ikke behandlet, Punktet udgik */
    RF_OUTCOME_MIXED          /* points of the decision with different outcomes */
} rf_outcome;

#define RF_OUTCOME_COUNT 10

/* "approved", "recommended", "noted", "discussed", "postponed", "referred",
 * "rejected", "not_treated", "mixed", "unknown". */
const char *rf_outcome_name(rf_outcome o);

/* Flags of a phrase found (rf_outcome_hit.flags). The last three mean the
 * phrase is not the decision's own outcome: rf_combine_outcomes passes over
 * it. */
#define RF_OUTCOME_GENERIC 0x01u   /* "besluttede", "Det blev besluttet": decided,
                                      without saying what (ranks below all but
                                      discussed) */
#define RF_OUTCOME_MEMBERS 0x02u   /* said of named members or a minority: "Solveig
                                      Munk kunne ikke tiltræde indstillingen" */
#define RF_OUTCOME_NESTED 0x04u    /* what a recommendation recommends: "anbefaler,
                                      at byrådet tiltræder ..." */
#define RF_OUTCOME_AMENDMENT 0x08u /* the fate of an amendment: "Ændringsforslaget
                                      ... blev forkastet" */

typedef struct rf_outcome_hit {
    rf_outcome outcome;       /* never UNKNOWN or MIXED */
    size_t pos, len;          /* the phrase in the text, to check it */
    int point;                /* the indstillingspunkt ("Ad 2:", "Pkt. 2", "At 2)",
                                 "godkendte indstillingspunkt 2"); 0 when none */
    int sentence;             /* 0-based sentence of the text */
    unsigned flags;           /* RF_OUTCOME_GENERIC ... */
} rf_outcome_hit;

/* Every outcome phrase of the text in order, at most max stored in hits;
 * returns how many there are (more than max when hits was too short). */
size_t rf_find_outcomes(const char *s, size_t n, rf_outcome_hit *hits, size_t max);

/* How strongly a phrase decides the case: 4 a decision on it (approved,
 * rejected, recommended, postponed, not treated), 3 routing or noting, 2 a
 * generic "besluttede", 1 discussed, 0 not the decision's outcome (members,
 * nested, amendment). */
int rf_outcome_rank(const rf_outcome_hit *h);

/* The decision's overall outcome from its phrases: per point the
 * highest-ranked phrase, the earliest of equal rank; one outcome when the
 * points agree, MIXED when they differ (rules in outcome.c). */
rf_outcome rf_combine_outcomes(const rf_outcome_hit *hits, size_t n);

typedef struct rf_outcome_result {
    rf_outcome outcome;
    size_t pos, len;          /* the deciding phrase (mixed: the first point's);
                                 0, 0 when unknown */
    int points;               /* points with an outcome; 0 when the text has none */
    size_t hits;              /* phrases found */
    const char *reason;       /* static text: why this outcome ("no recognised
                                 phrase", "strongest phrase", "points differ" ...) */
} rf_outcome_result;

/* rf_find_outcomes + rf_combine_outcomes with the reason (the first 64
 * phrases are considered). Returns out->outcome; out may be NULL. */
rf_outcome rf_decide_outcome(const char *s, size_t n, rf_outcome_result *out);

/* ---- votes --------------------------------------------------------------------- */

typedef struct rf_vote {
    int n_for, n_against, n_abstain; /* -1 when not stated */
    int total;                /* votes cast as stated ("25 afgivne stemmer"), -1 */
    rf_slice for_names;       /* the parties or names as written ("A, F og V");  */
    rf_slice against_names;   /* empty (NULL, 0) when not stated; split them on */
    rf_slice abstain_names;   /* ", " and " og " */
    int unanimous;            /* "Enstemmigt", "Et enigt udvalg" */
} rf_vote;

/* All counts -1, no names, not unanimous. */
void rf_vote_init(rf_vote *v);

/* Reads the votes of one line or sentence group into *out, keeping what
 * earlier calls found (a part found again is replaced): "For stemte: A, F
 * og V (15)", "Imod stemte 3 (O)", "Undlod at stemme: Ø (1)", "For: 20
 * (...)", "med 3 stemmer for (O) og 25 imod", "med 20 stemmer mod 5",
 * "Enstemmigt", "Et enigt udvalg", "O stemte imod". Returns the number of
 * parts found in s (0: none). */
int rf_find_vote(const char *s, size_t n, rf_vote *out);

/* Do the numbers add up? 1 yes, 0 no (a vote-count-mismatch), -1 nothing to
 * check. Checked: unanimous with votes against; the counts against a stated
 * total (equal when all three are known, else not above it) and against
 * body_size (members of the body; <= 0 when not known: not above it); a
 * count against its list of names when every name carries a party ("Bo
 * Hilsted (A), Pia Bødtker (A)"). */
int rf_vote_consistent(const rf_vote *v, int body_size);

/* Does the vote agree with the outcome? 0 when approved (or recommended)
 * with more votes against than for, or rejected with more for than against;
 * 1 when the counts agree; -1 when either side is unknown. */
int rf_vote_agrees(const rf_vote *v, rf_outcome o);

/* ---- participation --------------------------------------------------------------- */

typedef enum rf_participation_kind {
    RF_PART_NONE = 0,
    RF_PART_RECUSAL,          /* "X erklærede sig inhabil", "X deltog ikke i behandlingen" */
    RF_PART_DISSENT,          /* "X stemte imod", "X tog forbehold", "X kunne ikke
                                 tiltræde", "X ønskede sin stemme ført til protokol" */
    RF_PART_ASSENT,           /* named members for: "X kunne tiltræde", "X stemte for" */
    RF_PART_ABSTAIN,          /* "X undlod at stemme" */
    RF_PART_GUEST,            /* "Y deltog under punktet", "Y deltog i behandlingen" */
    RF_PART_ABSENT            /* "Afbud: X", "X var forhindret i at deltage" */
} rf_participation_kind;

/* "recusal", "dissent", "assent", "abstain", "guest", "absent", "none". */
const char *rf_participation_name(rf_participation_kind k);

typedef struct rf_participation {
    rf_participation_kind kind;
    rf_slice names;           /* as written ("A, F og V"); split on ", " and " og ";
                                 empty when the statement names nobody
                                 ("Følgende deltog ikke i behandlingen af punktet:") */
    rf_slice phrase;          /* the phrase recognised */
    rf_slice note;            /* the rest of the sentence after the phrase */
    size_t pos, len;          /* the whole statement */
} rf_participation;

/* The first participation statement of s: 1 with *out, 0 none. Continue
 * after out->pos + out->len for the next one. A statement whose subject is
 * the body itself ("Udvalget kunne ikke tiltræde") is an outcome, not a
 * participation. */
int rf_find_participation(const char *s, size_t n, rf_participation *out);

/* ---- the phrase tables, split and indexed once ------------------------------------- */

/* A parser keeps one (decision.c, made at its first decision); the
 * functions above build their own on the stack for each call. The _t
 * variants give the same results with tables made once. */
typedef struct rf_outcome_tables rf_outcome_tables;
rf_outcome_tables *rf_outcome_tables_new(rf_parser *p);
void rf_outcome_tables_free(rf_parser *p, rf_outcome_tables *t);
size_t rf_find_outcomes_t(const rf_outcome_tables *t, const char *s, size_t n,
                          rf_outcome_hit *hits, size_t max);
rf_outcome rf_decide_outcome_t(const rf_outcome_tables *t, const char *s, size_t n,
                               rf_outcome_result *out);
int rf_find_vote_t(const rf_outcome_tables *t, const char *s, size_t n, rf_vote *out);
int rf_find_participation_t(const rf_outcome_tables *t, const char *s, size_t n,
                            rf_participation *out);

#endif
