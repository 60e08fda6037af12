/* Outcomes, votes and participation of decision texts (lib/outcome.c).
 *
 * Short decision texts quoted from the corpora (Aarhus Byråd and Teknisk
 * Udvalg 2025, Ballerup 2012, Syddjurs 2013, Høje-Taastrup's Direktion
 * 2015-2023) and written in their style: every phrase family of every
 * outcome, the cases in between, points, votes and participation, and
 * texts that must stay unknown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../lib/outcome.h"

/* ---- helpers -------------------------------------------------------------------- */

static int slice_is(rf_slice s, const char *want)
{
    if (!want)
        return s.n == 0;
    return s.n == strlen(want) && memcmp(s.s, want, s.n) == 0;
}

static void expect_slice(rf_slice s, const char *want, const char *what, const char *text)
{
    if (!slice_is(s, want)) {
        print_error("%s of \"%s\": got \"%.*s\", want \"%s\"\n", what, text, (int)s.n,
                    s.s ? s.s : "", want ? want : "");
        fail();
    }
}

typedef struct outcome_case {
    const char *text;
    rf_outcome want;
    const char *phrase;       /* the deciding phrase, NULL: not checked */
} outcome_case;

static void check_cases(const outcome_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rf_outcome_result r;
        rf_outcome got = rf_decide_outcome(c[i].text, strlen(c[i].text), &r);
        if (got != c[i].want) {
            print_error("\"%s\": got %s (%s), want %s\n", c[i].text, rf_outcome_name(got), r.reason,
                        rf_outcome_name(c[i].want));
            fail();
        }
        assert_int_equal(r.outcome, got);
        assert_non_null(r.reason);
        if (c[i].phrase) {
            rf_slice ph = {c[i].text + r.pos, r.len};
            expect_slice(ph, c[i].phrase, "deciding phrase", c[i].text);
        }
        /* the combination of the hits is the same outcome */
        rf_outcome_hit hits[64];
        size_t k = rf_find_outcomes(c[i].text, strlen(c[i].text), hits, 64);
        assert_int_equal(rf_combine_outcomes(hits, k < 64 ? k : 64), got);
    }
}

#define CHECK(cases) check_cases(cases, sizeof cases / sizeof cases[0])

/* ---- outcome names ---------------------------------------------------------------- */

static void test_outcome_names(void **state)
{
    (void)state;
    static const char *const names[] = {"unknown",   "approved", "recommended",
                                        "noted",     "discussed", "postponed",
                                        "referred",  "rejected", "not_treated", "mixed"};
    for (int i = 0; i < RF_OUTCOME_COUNT; i++)
        assert_string_equal(rf_outcome_name((rf_outcome)i), names[i]);
    assert_string_equal(rf_outcome_name((rf_outcome)99), "unknown");
    assert_string_equal(rf_participation_name(RF_PART_RECUSAL), "recusal");
    assert_string_equal(rf_participation_name(RF_PART_DISSENT), "dissent");
    assert_string_equal(rf_participation_name(RF_PART_ASSENT), "assent");
    assert_string_equal(rf_participation_name(RF_PART_ABSTAIN), "abstain");
    assert_string_equal(rf_participation_name(RF_PART_GUEST), "guest");
    assert_string_equal(rf_participation_name(RF_PART_ABSENT), "absent");
    assert_string_equal(rf_participation_name(RF_PART_NONE), "none");
}

/* ---- every class ---------------------------------------------------------------------- */

static void test_approved(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Godkendt.", RF_OUTCOME_APPROVED, "Godkendt"},
        {"GODKENDT", RF_OUTCOME_APPROVED, "GODKENDT"},
        {"Indstillingen godkendt", RF_OUTCOME_APPROVED, "Indstillingen godkendt"},
        {"Indstillingen godkendt med denne bemærkning: Gruppen af unge i Ballerup Kommune også "
         "får adgang til at bruge lokalerne på Solvej 6.",
         RF_OUTCOME_APPROVED, "Indstillingen godkendt"},
        {"Indstillingen blev vedtaget.", RF_OUTCOME_APPROVED, "Indstillingen blev vedtaget"},
        {"Vedtaget.", RF_OUTCOME_APPROVED, "Vedtaget"},
        {"Indstillingen tiltrådt.", RF_OUTCOME_APPROVED, "Indstillingen tiltrådt"},
        {"Tiltrådt.", RF_OUTCOME_APPROVED, "Tiltrådt"},
        {"Udvalget tiltræder indstillingen.", RF_OUTCOME_APPROVED, "tiltræder"},
        {"Direktionen godkendte indstillingen, med ros til den bredt inddragende proces. Dog "
         "vurderes det nærmere, om der skal nedsættes et §17, stk. 4 udvalg.",
         RF_OUTCOME_APPROVED, "godkendte"},
        {"Direktionen godkender at socialstrategi forelægges politisk. Drøftelse i chefforum.",
         RF_OUTCOME_APPROVED, "godkender"},
        {"Godkendt, idet det finansieres af direktionens lønpulje.", RF_OUTCOME_APPROVED,
         "Godkendt"},
        {"Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens "
         "anbefaling.",
         RF_OUTCOME_APPROVED, "kunne tiltræde"},
        {"Byrådet har vedtaget indstillingen.", RF_OUTCOME_APPROVED, "har vedtaget"},
        {"Bevilget.", RF_OUTCOME_APPROVED, "Bevilget"},
        {"Tillægsbevillingen bevilges som ansøgt.", RF_OUTCOME_APPROVED, "bevilges"},
        {"Ansøgningen imødekommes.", RF_OUTCOME_APPROVED, "imødekommes"},
        {"Økonomiudvalget tilsluttede sig indstillingen.", RF_OUTCOME_APPROVED, "tilsluttede sig"},
        {"Kim Østergaard og Ole Andersen godkendt", RF_OUTCOME_APPROVED, "godkendt"},
        {"Vedtaget med 20 stemmer mod 5.", RF_OUTCOME_APPROVED, "Vedtaget"},
        {"Enstemmigt vedtaget.", RF_OUTCOME_APPROVED, "Enstemmigt vedtaget"},
        /* a decision without its content ranks low, but decides when alone */
        {"Det blev besluttet, at Direktionen vurderer eventuelle udvidelsesforslag.",
         RF_OUTCOME_APPROVED, "besluttet"},
        {"Direktionen besluttede, at sagen skal tænkes sammen med den generelle sag om "
         "automatisering.",
         RF_OUTCOME_APPROVED, "besluttede"},
    };
    CHECK(cases);
}

static void test_recommended(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Anbefales.", RF_OUTCOME_RECOMMENDED, "Anbefales"},
        {"Anbefales over for Byrådet.", RF_OUTCOME_RECOMMENDED, "Anbefales"},
        {"Indstilles til godkendelse", RF_OUTCOME_RECOMMENDED, "Indstilles til godkendelse"},
        {"Indstilles godkendt.", RF_OUTCOME_RECOMMENDED, "Indstilles godkendt"},
        {"Fremsendes til Byrådet med anbefaling.", RF_OUTCOME_RECOMMENDED, "med anbefaling"},
        {"Oversendes til Økonomiudvalget med udvalgets anbefaling.", RF_OUTCOME_RECOMMENDED,
         "med udvalgets anbefaling"},
        {"Økonomiudvalget anbefaler, at byrådet tiltræder indstillingen.", RF_OUTCOME_RECOMMENDED,
         "anbefaler"},
        {"Anbefaler administrationens indstillinger.", RF_OUTCOME_RECOMMENDED, "Anbefaler"},
        {"Økonomiudvalget anbefaler, at nedtagning af gangbroen udskydes.",
         RF_OUTCOME_RECOMMENDED, "anbefaler"},
    };
    CHECK(cases);
}

static void test_noted(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Taget til efterretning", RF_OUTCOME_NOTED, "Taget til efterretning"},
        {"Taget til efterretning.", RF_OUTCOME_NOTED, "Taget til efterretning"},
        {"Orienteringen taget til efterretning.", RF_OUTCOME_NOTED, "taget til efterretning"},
        {"Udvalget tog orienteringen til efterretning.", RF_OUTCOME_NOTED,
         "tog orienteringen til efterretning"},
        {"Udvalget blev orienteret om arkitekturugen i uge 41.", RF_OUTCOME_NOTED,
         "blev orienteret"},
        {"Ingen bemærkninger.", RF_OUTCOME_NOTED, "Ingen bemærkninger"},
        {"Økonomiudvalget kvitterede for orienteringen.", RF_OUTCOME_NOTED,
         "kvitterede for orienteringen"},
        {"Til orientering.", RF_OUTCOME_NOTED, "Til orientering"},
        {"Borgmesteren orienterede om en kommende sag vedrørende Sønderkærskolen.",
         RF_OUTCOME_NOTED, "orienterede"},
        {"Der blev givet et kort oplæg på status for taskforcen.", RF_OUTCOME_NOTED,
         "blev givet et kort oplæg"},
    };
    CHECK(cases);
}

static void test_discussed(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Drøftet.", RF_OUTCOME_DISCUSSED, "Drøftet"},
        {"Punktet blev drøftet.", RF_OUTCOME_DISCUSSED, "drøftet"},
        {"Direktionen drøftede det foreløbige projektmandat. Arbejdet med en ny skole skal være "
         "en kombination af et skolespor og et byudviklingsspor.",
         RF_OUTCOME_DISCUSSED, "drøftede"},
        {"Udvalget drøftede og stillede spørgsmål til forvaltningen om forlængelse af forsøget "
         "med sommergade i Jægergårdsgade.",
         RF_OUTCOME_DISCUSSED, "drøftede"},
        {"Sagen blev diskuteret.", RF_OUTCOME_DISCUSSED, "diskuteret"},
        {"- Budgetseminar: PP drøftes.", RF_OUTCOME_DISCUSSED, "drøftes"},
    };
    CHECK(cases);
}

static void test_postponed(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Udsat.", RF_OUTCOME_POSTPONED, "Udsat"},
        {"Sagen blev udsat.", RF_OUTCOME_POSTPONED, "udsat"},
        {"Sagens behandling blev udsat i byrådets møde den 26. marts 2025.",
         RF_OUTCOME_POSTPONED, "udsat"},
        /* "udsat uden behandling" is postponed, not not_treated */
        {"Sagen blev udsat uden behandling.", RF_OUTCOME_POSTPONED, "udsat uden behandling"},
        {"Udvalget besluttede at udsætte sagens behandling på besvarelse af udvalgets spørgsmål "
         "til sagen.",
         RF_OUTCOME_POSTPONED, "besluttede at udsætte"},
        {"Punktet genoptages. Tidspunkt herfor fastlægges på det ordinære PUK-møde den 8. maj "
         "2013",
         RF_OUTCOME_POSTPONED, "genoptages"},
        {"Sagen blev udskudt til det kommende direktionensmøde.", RF_OUTCOME_POSTPONED,
         "udskudt"},
        {"Direktionen besluttede, at lade sagen afvente Byrådets behandling af budgettet.",
         RF_OUTCOME_POSTPONED, "afvente"},
        {"Sagen udsættes til næste møde.", RF_OUTCOME_POSTPONED, "udsættes"},
    };
    CHECK(cases);
}

static void test_referred(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Oversendt til Økonomiudvalget.", RF_OUTCOME_REFERRED, "Oversendt"},
        {"Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde "
         "den 27. august 2025.",
         RF_OUTCOME_REFERRED, "Fremsendes"},
        {"Fremsendes til Magistratsafdelingen for Teknik og Miljø med henblik på udarbejdelse af "
         "en indstilling, jf. byrådets vedtagelse i mødet den 9. april 2025 om "
         "magistratsbehandling af forslaget. Sagen bedes tilbagesendt byrådet via Magistraten.",
         RF_OUTCOME_REFERRED, "Fremsendes"},
        {"Fremsendes med ændringsforslaget fra det Konservative Folkepartis byrådsgruppe til "
         "Teknisk Udvalg til behandling.",
         RF_OUTCOME_REFERRED, "Fremsendes"},
        {"Henvist til Børne- og Skoleudvalget.", RF_OUTCOME_REFERRED, "Henvist"},
        {"Tilbagesendes forvaltningen.", RF_OUTCOME_REFERRED, "Tilbagesendes"},
        {"Sendes til høring.", RF_OUTCOME_REFERRED, "Sendes til"},
        {"Sagen sendes videre til Kommunalbestyrelsen.", RF_OUTCOME_REFERRED, "sendes videre"},
    };
    CHECK(cases);
}

static void test_rejected(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Forkastet.", RF_OUTCOME_REJECTED, "Forkastet"},
        {"Ikke godkendt.", RF_OUTCOME_REJECTED, "Ikke godkendt"},
        {"Indstillingen blev ikke godkendt.", RF_OUTCOME_REJECTED, "ikke godkendt"},
        {"Udvalget godkendte ikke indstillingen.", RF_OUTCOME_REJECTED, "godkendte ikke"},
        {"Faldt.", RF_OUTCOME_REJECTED, "Faldt"},
        {"Forslaget faldt.", RF_OUTCOME_REJECTED, "Forslaget faldt"},
        {"Udvalget kunne ikke godkende indstillingen.", RF_OUTCOME_REJECTED,
         "kunne ikke godkende"},
        {"Forslaget blev forkastet med 3 stemmer for (O) og 25 imod.", RF_OUTCOME_REJECTED,
         "forkastet"},
        {"Ansøgningen afvises.", RF_OUTCOME_REJECTED, "afvises"},
        {"Beslutningsforslaget blev ikke vedtaget.", RF_OUTCOME_REJECTED, "ikke vedtaget"},
        {"Ad 1: Faldt.", RF_OUTCOME_REJECTED, "Faldt"},
    };
    CHECK(cases);
}

static void test_not_treated(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Sagen blev ikke behandlet på direktionsmødet, afklares særskilt.",
         RF_OUTCOME_NOT_TREATED, "ikke behandlet"},
        {"Punktet udgik.", RF_OUTCOME_NOT_TREATED, "udgik"},
        {"Sagen blev trukket af dagsordenen.", RF_OUTCOME_NOT_TREATED,
         "trukket af dagsordenen"},
    };
    CHECK(cases);
}

/* ---- the cases in between ---------------------------------------------------------------- */

static void test_precedence(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        /* a routing verb carries the decision after "med bemærkning, at" */
        {"Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet i sit "
         "møde den 27. august 2025 har vedtaget Magistratens foranstående indstilling af 19. "
         "august 2025. Socialdemokratiets byrådsgruppe kunne ikke tiltræde indstillingen.",
         RF_OUTCOME_APPROVED, "har vedtaget"},
        {"Fremsendes til Aarhus Byråd med bemærkning, at Magistraten i mødet den 19. august 2025 "
         "anbefaler, at byrådet tiltræder Magistratsafdelingen for Teknik og Miljøs indstilling "
         "af 16. juni 2025. Socialdemokratiet tog forbehold. Jesper Kjeldsen deltog ikke i "
         "sagens behandling.",
         RF_OUTCOME_RECOMMENDED, "anbefaler"},
        /* noting and approving: the decision wins */
        {"Direktionen tog sagen til efterretning og godkender, at det vedlægges som bilag til "
         "budgetmaterialet",
         RF_OUTCOME_APPROVED, "godkender"},
        /* discussed, then postponed */
        {"Der var foretræde til sagen, hvorefter udvalget drøftede sagen og stillede spørgsmål til "
         "forvaltningen. Udvalget besluttede herefter at udsætte sagens behandling med henblik på "
         "forvaltningens besvarelse af udvalgets spørgsmål.",
         RF_OUTCOME_POSTPONED, "at udsætte"},
        {"Punktet blev drøftet. Sagen genoptages på det kommende ordinære møde i udvalget.",
         RF_OUTCOME_POSTPONED, "genoptages"},
        /* equal rank: the earliest */
        {"Godkendt. Sagen genoptages i 2026 med en status.", RF_OUTCOME_APPROVED, "Godkendt"},
        /* what is reported is not decided */
        {"Borgmesteren meddelte, at punkt 9 vedrørende forslag til Lokalplan 460 udgår. "
         "Godkendt.",
         RF_OUTCOME_APPROVED, "Godkendt"},
        /* a subordinate clause is background */
        {"Vedrørende 1. budgetopfølgning indeholder OK15 et lavere lønskøn end forventet, da "
         "budgettet for 2015 blev vedtaget. Direktionen nikkede til, at de ca. 10 mio. kr. "
         "indarbejdes i budget 2015.",
         RF_OUTCOME_APPROVED, "nikkede til"},
        /* a majority decides; named members do not */
        {"Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens "
         "anbefaling. Jesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin "
         "kunne tiltræde indstillingen. Jakob Søgaard Clausen tog forbehold. Solveig Munk kunne "
         "ikke tiltræde indstillingen. Liv Gro Jensen var forhindret i at deltage i udvalgets "
         "behandling af sagen.",
         RF_OUTCOME_APPROVED, "kunne tiltræde"},
        /* an amendment's fate is not the case's */
        {"Ændringsforslaget fra V blev forkastet med 3 stemmer for og 25 imod. Indstillingen blev "
         "herefter vedtaget.",
         RF_OUTCOME_APPROVED, "vedtaget"},
        /* a bare "besluttede" gives way to what was decided */
        {"Udvalget besluttede at sende sagen til Økonomiudvalget.", RF_OUTCOME_REFERRED,
         "at sende sagen til"},
        {"Byrådet besluttede at afvise ansøgningen.", RF_OUTCOME_REJECTED, "at afvise"},
        {"Udvalget besluttede ikke at gå videre med sagen.", RF_OUTCOME_REJECTED,
         "besluttede ikke at"},
        {"Direktionen drøftede det fremlagte forslag og besluttede i den anledning, at drøfte "
         "sagen med chefforum.",
         RF_OUTCOME_APPROVED, "besluttede"},
        /* recommended to be approved is recommended */
        {"Indstillingen anbefales godkendt.", RF_OUTCOME_RECOMMENDED, "anbefales godkendt"},
        {"Udvalget anbefaler byrådet at godkende planen.", RF_OUTCOME_RECOMMENDED, "anbefaler"},
        /* "Sagen blev ikke behandlet" is not treated, "behandlet" alone is nothing */
        {"Sagen blev ikke behandlet.", RF_OUTCOME_NOT_TREATED, "ikke behandlet"},
    };
    CHECK(cases);

    /* the hits of the Aarhus case, with their flags */
    const char *t = "Tilbagesendes Borgmesterens Afdeling med bemærkning, at byrådet i sit møde den "
                    "27. august 2025 har vedtaget Magistratens indstilling. Enhedslisten de "
                    "Rød-Grønne kunne ikke tiltræde indstillingen.";
    rf_outcome_hit h[8];
    size_t k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 3);
    assert_int_equal(h[0].outcome, RF_OUTCOME_REFERRED);
    assert_int_equal(rf_outcome_rank(&h[0]), 3);
    assert_int_equal(h[1].outcome, RF_OUTCOME_APPROVED);
    assert_int_equal(rf_outcome_rank(&h[1]), 4);
    assert_int_equal(h[2].outcome, RF_OUTCOME_REJECTED);
    assert_true(h[2].flags & RF_OUTCOME_MEMBERS);
    assert_int_equal(rf_outcome_rank(&h[2]), 0);
    assert_int_equal(h[2].sentence, 1);

    t = "Magistraten anbefaler, at byrådet tiltræder indstillingen.";
    k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 2);
    assert_true(h[1].flags & RF_OUTCOME_NESTED);

    t = "Direktionen besluttede, at sagen skal tilføjes en beskrivelse.";
    k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 1);
    assert_true(h[0].flags & RF_OUTCOME_GENERIC);
    assert_int_equal(rf_outcome_rank(&h[0]), 2);
    h[0].outcome = RF_OUTCOME_DISCUSSED;
    h[0].flags = 0;
    assert_int_equal(rf_outcome_rank(&h[0]), 1);
}

/* Texts that say nothing of an outcome (or only others' stands). */
static void test_unknown(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Sagen blev behandlet på mødet.",
        "",
        ".",
        "Alle skal have indhold. Byrådsmedlemmer der ikke kan skifte kodeord fordi de ikke har en "
        "administrativ PC – hvordan håndterer vi dem?",
        "Der henvises til sagsfremstillingen.",
        "Projektet er udsat for støj fra vejen.",
        "Lokalplanen omfatter de udsatte boligområder.",
        "Den godkendte lokalplan gælder fortsat.",
        "Godkendelse af dagsorden",
        "Vedtagelse af budget 2026",
        "Jane og Stine/ØDC deltog under punktet.",
        "Ad hoc-MED for ØU03 fungerer som følgegruppe.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        rf_outcome_result r;
        rf_outcome o = rf_decide_outcome(texts[i], strlen(texts[i]), &r);
        if (o != RF_OUTCOME_UNKNOWN) {
            print_error("\"%s\": got %s, want unknown\n", texts[i], rf_outcome_name(o));
            fail();
        }
        assert_string_equal(r.reason, "no recognised phrase");
        assert_int_equal(r.len, 0);
    }
    rf_outcome_result r;
    const char *t = "Solveig Munk kunne ikke tiltræde indstillingen.";
    assert_int_equal(rf_decide_outcome(t, strlen(t), &r), RF_OUTCOME_UNKNOWN);
    assert_string_equal(r.reason, "only statements of named members");
    assert_int_equal(r.hits, 1);
    t = "Ændringsforslaget fra V blev forkastet.";
    assert_int_equal(rf_decide_outcome(t, strlen(t), &r), RF_OUTCOME_UNKNOWN);
    assert_string_equal(r.reason, "only an amendment's outcome");
    assert_int_equal(rf_combine_outcomes(NULL, 0), RF_OUTCOME_UNKNOWN);
    assert_int_equal(rf_decide_outcome(t, strlen(t), NULL), RF_OUTCOME_UNKNOWN);
}

/* ---- points -------------------------------------------------------------------------------- */

static void test_points(void **state)
{
    (void)state;
    static const outcome_case cases[] = {
        {"Ad 1: Godkendt. Ad 2: Udsat.", RF_OUTCOME_MIXED, "Godkendt"},
        {"Ad 1: Godkendt. Ad 2: Godkendt.", RF_OUTCOME_APPROVED, "Godkendt"},
        {"Pkt. 1 godkendt, pkt. 2 udsat.", RF_OUTCOME_MIXED, NULL},
        {"At 1) godkendt. At 2) godkendt.", RF_OUTCOME_APPROVED, NULL},
        {"1) Godkendt. 2) Anbefales over for Byrådet.", RF_OUTCOME_MIXED, NULL},
        {"Udvalget godkendte pkt. 1 og 2, mens pkt. 3 blev udsat.", RF_OUTCOME_MIXED, NULL},
        {"Indstillingens punkt 1 og 2 godkendt, punkt 3 ikke godkendt.", RF_OUTCOME_MIXED, NULL},
        {"Godkendt, dog således at pkt. 3 udsættes.", RF_OUTCOME_MIXED, NULL},
        /* a general remark before the points does not make it mixed */
        {"Udvalget drøftede sagen. Ad 1: Godkendt. Ad 2: Godkendt.", RF_OUTCOME_APPROVED, NULL},
        /* a point opening a sentence holds for the next ones */
        {"Ad 1: Godkendt. Udvalget ønsker en status i 2026. Ad 2: Godkendt.",
         RF_OUTCOME_APPROVED, NULL},
        /* a minority's point is theirs */
        {"Tilbagesendes Borgmesterens Afdeling med bemærkning, at byrådet har vedtaget "
         "Magistratens indstilling. Danmarksdemokraternes byrådsgruppe kunne ikke tiltræde "
         "indstillingens beslutningspunkt 5.",
         RF_OUTCOME_APPROVED, "har vedtaget"},
    };
    CHECK(cases);

    const char *t = "Ad 1: Godkendt. Ad 2: Udsat.";
    rf_outcome_hit h[8];
    size_t k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 2);
    assert_int_equal(h[0].point, 1);
    assert_int_equal(h[0].outcome, RF_OUTCOME_APPROVED);
    assert_int_equal(h[1].point, 2);
    assert_int_equal(h[1].outcome, RF_OUTCOME_POSTPONED);
    rf_outcome_result r;
    rf_decide_outcome(t, strlen(t), &r);
    assert_int_equal(r.points, 2);
    assert_string_equal(r.reason, "points differ");

    t = "Udvalget godkendte pkt. 1 og 2, mens pkt. 3 blev udsat.";
    k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 2);
    assert_int_equal(h[0].point, 1); /* the marker right after the verb */
    assert_int_equal(h[1].point, 3);

    t = "Direktionen drøftede sagens indstillingspunkt 1 og der var generelt opbakning.";
    k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 1);
    assert_int_equal(h[0].point, 1);

    t = "Ad 1: Godkendt. Ad 2: Godkendt.";
    rf_decide_outcome(t, strlen(t), &r);
    assert_string_equal(r.reason, "points agree");
    assert_int_equal(r.points, 2);

    /* a point inside a sentence holds to its end only */
    t = "Borgmesteren bemærkede, at punkt 9 er udsat. Godkendt.";
    k = rf_find_outcomes(t, strlen(t), h, 8);
    assert_int_equal(k, 2);
    assert_int_equal(h[1].point, 0);

    /* more phrases than room: counted, not stored */
    t = "Godkendt. Godkendt. Godkendt. Godkendt.";
    assert_int_equal(rf_find_outcomes(t, strlen(t), h, 2), 4);
}

/* ---- votes ---------------------------------------------------------------------------------- */

static rf_vote votes_of(const char *const *lines, size_t n)
{
    rf_vote v;
    rf_vote_init(&v);
    for (size_t i = 0; i < n; i++)
        rf_find_vote(lines[i], strlen(lines[i]), &v);
    return v;
}

static void test_votes_lines(void **state)
{
    (void)state;
    static const char *const lines[] = {"For stemte: A, F og V (15)", "Imod stemte: O (3)",
                                        "Undlod at stemme: Ø (1)"};
    rf_vote v;
    rf_vote_init(&v);
    assert_int_equal(v.n_for, -1);
    assert_int_equal(v.n_against, -1);
    assert_int_equal(v.n_abstain, -1);
    assert_int_equal(v.total, -1);
    assert_int_equal(rf_find_vote(lines[0], strlen(lines[0]), &v), 1);
    assert_int_equal(v.n_for, 15);
    assert_int_equal(v.n_against, -1);
    v = votes_of(lines, 3);
    assert_int_equal(v.n_for, 15);
    assert_int_equal(v.n_against, 3);
    assert_int_equal(v.n_abstain, 1);
    expect_slice(v.for_names, "A, F og V", "for", lines[0]);
    expect_slice(v.against_names, "O", "against", lines[1]);
    expect_slice(v.abstain_names, "Ø", "abstain", lines[2]);
    assert_false(v.unanimous);
    /* arithmetic against the body's size */
    assert_int_equal(rf_vote_consistent(&v, 19), 1);
    assert_int_equal(rf_vote_consistent(&v, 25), 1); /* absent members do not vote */
    assert_int_equal(rf_vote_consistent(&v, 18), 0); /* vote-count-mismatch */
    assert_int_equal(rf_vote_consistent(&v, 0), -1); /* nothing to check against */
    assert_int_equal(rf_vote_agrees(&v, RF_OUTCOME_APPROVED), 1);
    assert_int_equal(rf_vote_agrees(&v, RF_OUTCOME_REJECTED), 0);
    assert_int_equal(rf_vote_agrees(&v, RF_OUTCOME_NOTED), -1);

    /* one line, count first, names in brackets (Folketinget's and many councils' form) */
    const char *t = "For stemte 73 (S, V, LA, RV, SF og KF), imod stemte 31 (DF og EL), hverken for "
                    "eller imod stemte 5 (ALT).";
    rf_vote_init(&v);
    assert_int_equal(rf_find_vote(t, strlen(t), &v), 3);
    assert_int_equal(v.n_for, 73);
    assert_int_equal(v.n_against, 31);
    assert_int_equal(v.n_abstain, 5);
    expect_slice(v.for_names, "S, V, LA, RV, SF og KF", "for", t);
    expect_slice(v.against_names, "DF og EL", "against", t);
    expect_slice(v.abstain_names, "ALT", "abstain", t);
    assert_int_equal(rf_vote_consistent(&v, 179), 1);
    assert_int_equal(rf_vote_consistent(&v, 101), 0);

    /* count after the label and a colon */
    t = "For stemte 20: A, C og V. Imod stemte 5: O.";
    rf_vote_init(&v);
    rf_find_vote(t, strlen(t), &v);
    assert_int_equal(v.n_for, 20);
    assert_int_equal(v.n_against, 5);
    expect_slice(v.for_names, "A, C og V", "for", t);
    expect_slice(v.against_names, "O", "against", t);
}

static void test_votes_sentences(void **state)
{
    (void)state;
    rf_vote v;
    const char *t = "Forslaget blev forkastet med 3 stemmer for (O) og 25 imod.";
    rf_vote_init(&v);
    assert_int_equal(rf_find_vote(t, strlen(t), &v), 2);
    assert_int_equal(v.n_for, 3);
    assert_int_equal(v.n_against, 25);
    expect_slice(v.for_names, "O", "for", t);
    assert_int_equal(v.n_abstain, -1);
    assert_int_equal(rf_vote_agrees(&v, RF_OUTCOME_REJECTED), 1);
    assert_int_equal(rf_vote_agrees(&v, RF_OUTCOME_APPROVED), 0);
    assert_int_equal(rf_vote_consistent(&v, 31), 1);
    assert_int_equal(rf_vote_consistent(&v, 27), 0);

    t = "Indstillingen blev vedtaget med 20 stemmer mod 5.";
    rf_vote_init(&v);
    assert_int_equal(rf_find_vote(t, strlen(t), &v), 2);
    assert_int_equal(v.n_for, 20);
    assert_int_equal(v.n_against, 5);

    t = "Vedtaget med 20 mod 5 stemmer (O og Ø).";
    rf_vote_init(&v);
    rf_find_vote(t, strlen(t), &v);
    assert_int_equal(v.n_for, 20);
    assert_int_equal(v.n_against, 5);
    expect_slice(v.against_names, "O og Ø", "against", t);

    /* a stated total */
    t = "Af 25 afgivne stemmer stemte 20 for og 5 imod.";
    rf_vote_init(&v);
    rf_find_vote(t, strlen(t), &v);
    assert_int_equal(v.total, 25);
    assert_int_equal(v.n_for, 20);
    assert_int_equal(v.n_against, 5);
    assert_int_equal(rf_vote_consistent(&v, 0), 1);
    t = "Af 25 afgivne stemmer stemte 20 for, 4 imod og 2 undlod at stemme.";
    rf_vote_init(&v);
    rf_find_vote(t, strlen(t), &v);
    assert_int_equal(v.n_abstain, 2);
    assert_int_equal(rf_vote_consistent(&v, 0), 0); /* 26 of 25 */

    /* number words */
    t = "Et medlem undlod at stemme.";
    rf_vote_init(&v);
    rf_find_vote(t, strlen(t), &v);
    assert_int_equal(v.n_abstain, 1);

    /* names only */
    t = "Dansk Folkeparti stemte imod.";
    rf_vote_init(&v);
    assert_int_equal(rf_find_vote(t, strlen(t), &v), 1);
    assert_int_equal(v.n_against, -1);
    expect_slice(v.against_names, "Dansk Folkeparti", "against", t);
    assert_int_equal(rf_vote_consistent(&v, 31), -1);

    /* no vote */
    t = "Godkendt. Sagen genoptages den 27. august 2025 kl. 16.00.";
    rf_vote_init(&v);
    assert_int_equal(rf_find_vote(t, strlen(t), &v), 0);
    assert_int_equal(v.n_for, -1);
    assert_int_equal(v.total, -1);
}

static void test_votes_unanimous(void **state)
{
    (void)state;
    static const char *const texts[] = {"Enstemmigt vedtaget.", "Et enigt udvalg godkendte indstillingen.",
                                        "Et enigt Økonomiudvalg anbefaler indstillingen.",
                                        "Indstillingen blev godkendt med alle stemmer."};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        rf_vote v;
        rf_vote_init(&v);
        assert_true(rf_find_vote(texts[i], strlen(texts[i]), &v) >= 1);
        assert_true(v.unanimous);
        assert_int_equal(rf_vote_consistent(&v, 0), -1);
    }
    /* unanimous with votes against does not add up */
    static const char *const lines[] = {"Enstemmigt vedtaget.", "Imod stemte: O (3)"};
    rf_vote v = votes_of(lines, 2);
    assert_true(v.unanimous);
    assert_int_equal(v.n_against, 3);
    assert_int_equal(rf_vote_consistent(&v, 0), 0);
    static const char *const none_against[] = {"Enstemmigt vedtaget.", "For stemte: 9", "Imod stemte: 0"};
    v = votes_of(none_against, 3);
    assert_int_equal(v.n_for, 9);
    assert_int_equal(v.n_against, 0);
    assert_int_equal(rf_vote_consistent(&v, 9), 1);
    static const char *const nobody[] = {"For stemte: A, C, F og V (27)", "Imod stemte: Ingen."};
    v = votes_of(nobody, 2);
    assert_int_equal(v.n_against, 0);
    assert_null(v.against_names.s);
}

static void test_votes_names_count(void **state)
{
    (void)state;
    /* every name with its party: the count must be the number of names */
    static const char *const ok[] = {
        "For: 3 (Bo Hilsted (A), Carsten Nielsen (A), Charlotte Bie (V))",
        "Imod: 2 (Hanne Berg (F) og Henriette Brandt Pedersen (Ø))"};
    rf_vote v = votes_of(ok, 2);
    assert_int_equal(v.n_for, 3);
    assert_int_equal(v.n_against, 2);
    expect_slice(v.for_names, "Bo Hilsted (A), Carsten Nielsen (A), Charlotte Bie (V)", "for", ok[0]);
    expect_slice(v.against_names, "Hanne Berg (F) og Henriette Brandt Pedersen (Ø)", "against", ok[1]);
    assert_int_equal(rf_vote_consistent(&v, 0), 1);

    static const char *const bad[] = {"For: 4 (Bo Hilsted (A), Carsten Nielsen (A), Charlotte Bie (V))"};
    v = votes_of(bad, 1);
    assert_int_equal(v.n_for, 4);
    assert_int_equal(rf_vote_consistent(&v, 0), 0); /* vote-count-mismatch */

    /* party letters carry seats, not one vote each: no check */
    static const char *const parties[] = {"For stemte: A og V (15)"};
    v = votes_of(parties, 1);
    assert_int_equal(rf_vote_consistent(&v, 0), -1);
}

/* ---- participation ----------------------------------------------------------------------------- */

typedef struct part_case {
    const char *text;
    rf_participation_kind kind;
    const char *names;        /* NULL: none */
    const char *phrase;
} part_case;

static void test_participation_kinds(void **state)
{
    (void)state;
    static const part_case cases[] = {
        {"Jesper Kjeldsen deltog ikke i sagens behandling.", RF_PART_RECUSAL, "Jesper Kjeldsen",
         "deltog ikke i sagens behandling"},
        {"Thure Hastrup deltog ikke i behandlingen af punktet.", RF_PART_RECUSAL, "Thure Hastrup",
         "deltog ikke i behandlingen"},
        {"Mette Hansen (A) erklærede sig inhabil og forlod mødet under behandlingen.",
         RF_PART_RECUSAL, "Mette Hansen (A)", "erklærede sig inhabil"},
        {"Lars Jensen var inhabil i sagen.", RF_PART_RECUSAL, "Lars Jensen", "var inhabil"},
        {"Følgende deltog ikke i behandlingen af punktet: Anna Berg og Bo Ek", RF_PART_RECUSAL,
         "Anna Berg og Bo Ek", "Følgende deltog ikke i behandlingen af punktet"},
        {"Følgende deltog ikke i behandlingen af punktet:", RF_PART_RECUSAL, NULL,
         "Følgende deltog ikke i behandlingen af punktet"},
        {"Socialistisk Folkeparti tog forbehold vedrørende prioriteringen af fordelingen.",
         RF_PART_DISSENT, "Socialistisk Folkeparti", "tog forbehold"},
        {"Socialdemokratiet, det Konservative Folkeparti og Venstre tog forbehold.",
         RF_PART_DISSENT, "Socialdemokratiet, det Konservative Folkeparti og Venstre",
         "tog forbehold"},
        {"Solveig Munk kunne ikke tiltræde indstillingen.", RF_PART_DISSENT, "Solveig Munk",
         "kunne ikke tiltræde"},
        {"Liste B stemte imod, idet de ønsker en afgørelse af sagen på byrådsmødet.",
         RF_PART_DISSENT, "Liste B", "stemte imod"},
        {"Ole Hansen ønskede sin stemme ført til protokol.", RF_PART_DISSENT, "Ole Hansen",
         "ønskede sin stemme ført til protokol"},
        {"Godkendt, idet Jens Hansen (V) stemte imod.", RF_PART_DISSENT, "Jens Hansen (V)",
         "stemte imod"},
        {"Jesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin kunne tiltræde "
         "indstillingen.",
         RF_PART_ASSENT, "Jesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin",
         "kunne tiltræde"},
        {"Ø undlod at stemme.", RF_PART_ABSTAIN, "Ø", "undlod at stemme"},
        {"Jane og Stine/ØDC deltog under punktet.", RF_PART_GUEST, "Jane og Stine/ØDC",
         "deltog under"},
        {"Klaus, Trine og Christina deltog under drøftelsen og startede med at give en kort "
         "opsummering.",
         RF_PART_GUEST, "Klaus, Trine og Christina", "deltog under"},
        {"Revisor Hans Berg deltog i behandlingen af punktet.", RF_PART_GUEST, "Revisor Hans Berg",
         "deltog i behandlingen"},
        {"Afbud: Tilde Ølholm", RF_PART_ABSENT, "Tilde Ølholm", "Afbud:"},
        {"Fraværende:", RF_PART_ABSENT, NULL, "Fraværende:"},
        {"Fraværende: Evan Lund (V) - Mie Berg (V) mødte som stedfortræder.", RF_PART_ABSENT,
         "Evan Lund (V)", "Fraværende:"},
        {"Liv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen.",
         RF_PART_ABSENT, "Liv Gro Jensen", "var forhindret"},
        {"Martin Bech, Bettina Bøcker Kjeldsen og Niels Vestergaard Salling var fraværende.",
         RF_PART_ABSENT, "Martin Bech, Bettina Bøcker Kjeldsen og Niels Vestergaard Salling",
         "var fraværende"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rf_participation p;
        const char *t = cases[i].text;
        if (!rf_find_participation(t, strlen(t), &p)) {
            print_error("\"%s\": no participation\n", t);
            fail();
        }
        if (p.kind != cases[i].kind) {
            print_error("\"%s\": got %s, want %s\n", t, rf_participation_name(p.kind),
                        rf_participation_name(cases[i].kind));
            fail();
        }
        expect_slice(p.names, cases[i].names, "names", t);
        expect_slice(p.phrase, cases[i].phrase, "phrase", t);
        assert_true(p.pos + p.len <= strlen(t));
    }

    rf_participation p;
    const char *t = "Socialistisk Folkeparti tog forbehold vedrørende prioriteringen af fordelingen.";
    assert_true(rf_find_participation(t, strlen(t), &p));
    expect_slice(p.note, "vedrørende prioriteringen af fordelingen", "note", t);
}

static void test_participation_not(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Udvalget kunne ikke tiltræde indstillingen.",          /* the body: an outcome */
        "Et flertal i udvalget kunne tiltræde indstillingen.", /* ditto */
        "Sagen blev behandlet på mødet.",
        "Godkendt.",
        "Der var foretræde til sagen.",
        "",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        rf_participation p;
        if (rf_find_participation(texts[i], strlen(texts[i]), &p)) {
            print_error("\"%s\": got %s\n", texts[i], rf_participation_name(p.kind));
            fail();
        }
    }
}

/* A whole decision: every statement in order. */
static void test_participation_walk(void **state)
{
    (void)state;
    const char *t = "Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med "
                    "Magistratens anbefaling. Jesper Kjeldsen, Steffen Wich, Gert Bjerregaard og "
                    "Metin Lindved Aydin kunne tiltræde indstillingen. Jakob Søgaard Clausen tog "
                    "forbehold. Solveig Munk kunne ikke tiltræde indstillingen. Liv Gro Jensen var "
                    "forhindret i at deltage i udvalgets behandling af sagen.";
    static const rf_participation_kind want[] = {RF_PART_ASSENT, RF_PART_DISSENT, RF_PART_DISSENT,
                                                 RF_PART_ABSENT};
    static const char *const names[] = {
        "Jesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin",
        "Jakob Søgaard Clausen", "Solveig Munk", "Liv Gro Jensen"};
    size_t n = strlen(t), at = 0, k = 0;
    rf_participation p;
    while (at < n && rf_find_participation(t + at, n - at, &p)) {
        assert_true(k < 4);
        assert_int_equal(p.kind, want[k]);
        expect_slice(p.names, names[k], "names", t);
        assert_true(p.len > 0);
        at += p.pos + p.len;
        k++;
    }
    assert_int_equal(k, 4);

    /* two statements in one sentence, one a clause */
    t = "Jens Hansen (V) stemte imod, og Ole Bo (Ø) undlod at stemme.";
    n = strlen(t);
    assert_true(rf_find_participation(t, n, &p));
    assert_int_equal(p.kind, RF_PART_DISSENT);
    expect_slice(p.names, "Jens Hansen (V)", "names", t);
    at = p.pos + p.len;
    assert_true(rf_find_participation(t + at, n - at, &p));
    assert_int_equal(p.kind, RF_PART_ABSTAIN);
    expect_slice(p.names, "Ole Bo (Ø)", "names", t);
}

/* ---- robustness: odd input never reads outside the text ----------------------------------------- */

static void test_robustness(void **state)
{
    (void)state;
    static const char *const parts[] = {
        "Ad",  "1:",   "Pkt.",  "1)", "At", "(", ")", "For stemte:", "(15", "Godkendt.",
        "ikke", "kunne", "Udsat", ",",  ";", "Afbud:", "\xc3", "\xe2\x80", "—", "Følgende",
        "deltog", "imod", "3", "stemmer", "mod", "Ø.", "\n", "indstillingens", "punkt", "~",
    };
    char buf[256];
    uint32_t seed = 12345;
    for (int round = 0; round < 4000; round++) {
        size_t n = 0;
        int words = (int)(seed % 12);
        for (int w = 0; w < words; w++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % (sizeof parts / sizeof parts[0])];
            size_t len = strlen(p);
            if (n + len + 1 >= sizeof buf)
                break;
            memcpy(buf + n, p, len);
            n += len;
            if ((seed >> 8) & 1)
                buf[n++] = ' ';
        }
        seed = seed * 1103515245u + 12345u;
        rf_outcome_hit h[16];
        size_t k = rf_find_outcomes(buf, n, h, 16);
        for (size_t i = 0; i < k && i < 16; i++)
            assert_true(h[i].pos + h[i].len <= n);
        rf_outcome_result r;
        rf_decide_outcome(buf, n, &r);
        assert_true(r.pos + r.len <= n);
        rf_vote v;
        rf_vote_init(&v);
        rf_find_vote(buf, n, &v);
        assert_true(v.for_names.n == 0 || (v.for_names.s >= buf && v.for_names.s + v.for_names.n <= buf + n));
        rf_participation p;
        size_t at = 0;
        int guard = 0;
        while (at < n && rf_find_participation(buf + at, n - at, &p) && guard++ < 64) {
            assert_true(p.pos + p.len <= n - at);
            at += p.pos + p.len + (p.len == 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outcome_names),
        cmocka_unit_test(test_approved),
        cmocka_unit_test(test_recommended),
        cmocka_unit_test(test_noted),
        cmocka_unit_test(test_discussed),
        cmocka_unit_test(test_postponed),
        cmocka_unit_test(test_referred),
        cmocka_unit_test(test_rejected),
        cmocka_unit_test(test_not_treated),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_points),
        cmocka_unit_test(test_votes_lines),
        cmocka_unit_test(test_votes_sentences),
        cmocka_unit_test(test_votes_unanimous),
        cmocka_unit_test(test_votes_names_count),
        cmocka_unit_test(test_participation_kinds),
        cmocka_unit_test(test_participation_not),
        cmocka_unit_test(test_participation_walk),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
