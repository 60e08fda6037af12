/* Unit tests of the layout recognizers (lib/layout.c): each is a pure
 * function of one cleaned line, tested here on the forms of every agenda
 * system it accepts and on look-alikes it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../lib/layout.h"

#define LEN(s) (s), strlen(s)

static void assert_slice(rf_slice s, const char *want)
{
    assert_int_equal(s.n, strlen(want));
    assert_memory_equal(s.s, want, s.n);
}

static void test_dates_in_every_form(void **state)
{
    (void)state;
    static const struct {
        const char *text, *iso;
    } yes[] = {
        {"Onsdag d. 27. august 2025 kl. 16:00", "2025-08-27"},
        {"tirsdag den 4. december 2012, kl. 13:00", "2012-12-04"},
        {"Dato: 04.12.2012", "2012-12-04"},
        {"Dato: 19-08-2025", "2025-08-19"},
        {"2025-08-27", "2025-08-27"},
        {"06-10-2016 13:00", "2016-10-06"},
        {"Torsdag den 20. juni 2013", "2013-06-20"},
        {"1. MAJ 2021", "2021-05-01"},
        {"Onsdag, April 3, 2019 - 18:00", "2019-04-03"},
        {"December 24, 2020", "2020-12-24"},
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        char iso[11];
        rf_found at;
        assert_true(rf_find_date_any(LEN(yes[i].text), iso, &at));
        assert_string_equal(iso, yes[i].iso);
    }
    static const char *const no[] = {"2012-28504", "EMN-2023-009832", "22/23184", "1-4-2015",
                                     "32. januar 2020", "12. brumaire 2020", "2012-2013",
                                     "April 32, 2019", "April 3 2019", "Maj 3, 2019", "april 3, 2019"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        char iso[11];
        assert_false(rf_find_date_any(LEN(no[i]), iso, NULL));
    }
}

static void test_times(void **state)
{
    (void)state;
    static const struct {
        const char *text, *hm;
    } yes[] = {
        {"kl. 16:00", "16:00"}, {"Referat 1. oktober 2025 kl. 15.45", "15:45"},
        {"Kl. 10:30", "10:30"}, {"13:00 - 15:00", "13:00"}, {"06-10-2016 9:05", "09:05"},
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        char hm[6];
        assert_true(rf_find_time_any(LEN(yes[i].text), hm, NULL));
        assert_string_equal(hm, yes[i].hm);
    }
    char hm[6];
    assert_false(rf_find_time_any(LEN("Dato: 04.12.2012"), hm, NULL)); /* a dot needs kl. */
    assert_false(rf_find_time_any(LEN("pris 25:99 kr"), hm, NULL));
    assert_true(rf_is_date_line(LEN("Torsdag den 20. juni 2013")));
    assert_true(rf_is_date_line(LEN("Kl. 10:30")));
    assert_false(rf_is_date_line(LEN("Kaløvig Kursuscenter")));
    assert_int_equal(rf_weekday_len(LEN("lørdag den 3. maj 2025")), strlen("lørdag"));
}

static void test_labels(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        rf_label_key key;
        const char *value;
    } yes[] = {
        {"Mødedato Mandag d. 21. august 2023", RF_LABEL_DATE, "Mandag d. 21. august 2023"},
        {"Dato:", RF_LABEL_DATE, ""},
        {"Tid: 13:00 - 15:00", RF_LABEL_TIME, "13:00 - 15:00"},
        {"Starttidspunkt: Kl. 17:00", RF_LABEL_TIME, "Kl. 17:00"},
        {"Sluttidspunkt: Kl. 19:25", RF_LABEL_END_TIME, "Kl. 19:25"},
        {"Sted: Rådhuset lokale 233", RF_LABEL_LOCATION, "Rådhuset lokale 233"},
        {"Udvalg:           Teknisk Udvalg", RF_LABEL_BODY, "Teknisk Udvalg"},
        {"Tilstede", RF_LABEL_PRESENT, ""},
        {"Medlemmer", RF_LABEL_PRESENT, ""},
        {"Afbud/Fraværende", RF_LABEL_ABSENT, ""},
        {"Afbud: Tilde,", RF_LABEL_ABSENT, "Tilde,"},
        {"Sekretær", RF_LABEL_STAFF, ""},
        {"Sagsnr.: 2011-29298", RF_LABEL_CASE, "2011-29298"},
        {"J.nr.: 00.01.00-A00-1-15", RF_LABEL_CASE, "00.01.00-A00-1-15"},
        {"Punktnummer: 21", RF_LABEL_ITEM_NUMBER, "21"},
        {"Dok.nr.: 2012-202935", RF_LABEL_ITEM_META, "2012-202935"},
        {"Beslutningskompetence: KB", RF_LABEL_ITEM_META, "KB"},
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        rf_label lb;
        assert_true(rf_match_label(LEN(yes[i].text), &lb));
        assert_int_equal(lb.key, yes[i].key);
        assert_slice(lb.value, yes[i].value);
    }
    /* a word that starts like a label, or a label word without its colon
     * before a value, is text */
    static const char *const no[] = {"Stederne er mange", "Tidsplan:", "Dato 4. maj",
                                     "Udvalget for plan", "Medlemmerne mødtes"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        rf_label lb;
        assert_false(rf_match_label(LEN(no[i]), &lb));
    }
}

static void test_item_lines(void **state)
{
    (void)state;
    rf_item_line it;
    assert_true(rf_match_item_line(LEN("Punkt 21: Lukket: Køb af landbrugsejendom"), &it));
    assert_int_equal(it.form, RF_ITEM_PUNKT);
    assert_int_equal(it.number, 21);
    assert_true(it.closed);
    assert_slice(it.title, "Køb af landbrugsejendom");
    assert_true(rf_match_item_line(LEN("Punkt 3: Lukket"), &it));
    assert_true(it.closed);
    assert_true(rf_match_item_line(LEN("Pkt. 4 Budget"), &it));
    assert_int_equal(it.number, 4);
    assert_true(rf_match_item_line(LEN("715. Kulturkommune 2017. Politiske fokusområder"), &it));
    assert_int_equal(it.form, RF_ITEM_NUMBER_TITLE);
    assert_int_equal(it.number, 715);
    assert_true(rf_match_item_line(LEN("1 First Agenda"), &it));
    assert_int_equal(it.form, RF_ITEM_NUMBER_TITLE);
    assert_true(rf_match_item_line(LEN("3."), &it));
    assert_int_equal(it.form, RF_ITEM_NUMBER_ALONE);
    assert_int_equal(it.number, 3);
    /* HTK's Punkt needs its colon; a lower-case start is a sentence */
    assert_false(rf_match_item_line(LEN("Punkt 3 er udsat"), &it));
    assert_false(rf_match_item_line(LEN("3 stemte for"), &it));
    assert_false(rf_match_item_line(LEN("12345 Title"), &it));
    /* w3m: a folded TOC's heading glued to the first item */
    assert_true(rf_match_item_line(LEN("Indholdsfortegnelse1. Fraværende"), &it));
    assert_int_equal(it.number, 1);
    assert_slice(it.title, "Fraværende");
    assert_false(rf_match_item_line(LEN("Indholdsfortegnelse"), &it));

    int64_t major;
    rf_slice label, title;
    assert_true(rf_match_subitem_line(LEN("1.1 Status siden sidst"), &major, &label, &title));
    assert_int_equal(major, 1);
    assert_slice(label, "1.1");
    assert_slice(title, "Status siden sidst");
    assert_false(rf_match_subitem_line(LEN("1.316.000 kr. til ejendomme"), &major, &label, &title));
    char letter;
    assert_true(rf_match_letter_alone(LEN("b."), &letter));
    assert_int_equal(letter, 'b');
    assert_false(rf_match_letter_alone(LEN("A)"), &letter));
    int dot;
    assert_true(rf_is_bare_number(LEN("14"), &dot));
    assert_false(dot);
    assert_true(rf_is_bare_number(LEN("1."), &dot));
    assert_true(dot);
}

static void test_case_numbers(void **state)
{
    (void)state;
    static const char *const strict[] = {"22/23184", "EMN-2023-009832", "2012-28504",
                                         "21-014420", "00.01.00-A00-1-15", "2010-3082"};
    for (size_t i = 0; i < sizeof strict / sizeof strict[0]; i++)
        assert_true(rf_match_case_any(LEN(strict[i]), 1));
    static const char *const not_strict[] = {"2012-2013", "2025", "1.316.000", "EMN", "Godkendt."};
    for (size_t i = 0; i < sizeof not_strict / sizeof not_strict[0]; i++)
        assert_false(rf_match_case_any(LEN(not_strict[i]), 1));
    /* after a case label any code of digits and capitals will do */
    assert_true(rf_match_case_any(LEN("SAG-2021/12345"), 0));
    assert_false(rf_match_case_any(LEN("12/27845 Udvalget"), 0));
}

static void test_headings(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        referat_section_kind kind;
        const char *body, *date;
        int form;
    } yes[] = {
        {"Baggrund", REFERAT_SECTION_BACKGROUND, NULL, "", 0},
        {"INDSTILLING", REFERAT_SECTION_RECOMMENDATION, NULL, "", 0},
        {"Resumé", REFERAT_SECTION_SUMMARY, NULL, "", 0},
        {"Sammendrag", REFERAT_SECTION_SUMMARY, NULL, "", 0},
        {"Kultur- og Idrætsudvalget, 03-04-2019, pkt. 42", REFERAT_SECTION_DECISION,
         "Kultur- og Idrætsudvalget", "2019-04-03", 7},
        {"Sagsgang og sagstype", REFERAT_SECTION_OTHER, NULL, "", 0},
        {"BESKRIVELSE AF SAGEN", REFERAT_SECTION_PRESENTATION, NULL, "", 0},
        {"Sagsforløb", REFERAT_SECTION_HISTORY, NULL, "", 0},
        {"Økonomiske konsekvenser og finansiering", REFERAT_SECTION_FINANCE, NULL, "", 0},
        {"Oplæg:", REFERAT_SECTION_PRESENTATION, NULL, "", 0},
        {"Beslutninger", REFERAT_SECTION_DECISION, NULL, "", 2},
        {"Beslutning den 24-04-2013", REFERAT_SECTION_DECISION, NULL, "2013-04-24", 1},
        {"Beslutning i Byrådet den 24-04-2013:", REFERAT_SECTION_DECISION, "Byrådet", "2013-04-24", 1},
        {"Referat:", REFERAT_SECTION_DECISION, NULL, "", 5},
        {"Beslutning Direktionen den 21-08-2023", REFERAT_SECTION_DECISION, "Direktionen",
         "2023-08-21", 1},
        {"Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013",
         REFERAT_SECTION_DECISION, "Udvalget for plan, udvikling og kultur (PUK)", "2013-04-10", 1},
        {"Beslutning i Byrådet den 27. august 2025", REFERAT_SECTION_DECISION, "Byrådet",
         "2025-08-27", 1},
        {"Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1",
         REFERAT_SECTION_DECISION, "Sundheds- og Forebyggelsesudvalget", "2012-12-04", 3},
        {"FORRETNINGSUDVALGETS BESLUTNING", REFERAT_SECTION_DECISION, "FORRETNINGSUDVALGET", "", 3},
        {"Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:", REFERAT_SECTION_DECISION,
         "Teknik- og Miljøudvalget", "2019-09-10", 6},
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        rf_heading_ex h;
        assert_true(rf_match_heading_any(LEN(yes[i].text), &h));
        assert_int_equal(h.kind, yes[i].kind);
        assert_int_equal(h.form, yes[i].form);
        assert_string_equal(h.date, yes[i].date);
        if (yes[i].body)
            assert_slice(h.body, yes[i].body);
        else
            assert_null(h.body.s);
    }
    static const char *const no[] = {"Beslutning Direktionen den 1-4-2015",
                                     "Kommunalbestyrelsen den 30. januar 2012 Punkt 5",
                                     "Sagsforløb: ØK/BY", "Baggrunden er", "Referat",
                                     "Beslutningen blev truffet den 4. maj 2021 af byrådet"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        rf_heading_ex h;
        assert_false(rf_match_heading_any(LEN(no[i]), &h));
    }
    rf_heading_ex h;
    assert_true(rf_match_inline_heading(LEN("Referat: Alle skal have indhold."), &h));
    assert_int_equal(h.kind, REFERAT_SECTION_DECISION);
    assert_int_equal(h.inline_at, strlen("Referat: "));
    assert_false(rf_match_inline_heading(LEN("Referat:"), &h));
}

static void test_kind_lines(void **state)
{
    (void)state;
    rf_kind_line k;
    assert_true(rf_match_kind_line(LEN("Referat"), &k));
    assert_int_equal(k.kind, 0);
    assert_true(rf_match_kind_line(LEN("Åbent referat"), &k));
    assert_true(rf_match_kind_line(LEN("DAGSORDEN"), &k));
    assert_int_equal(k.kind, 1);
    assert_true(rf_match_kind_line(LEN("Referat 1. oktober 2025 kl. 15.45"), &k));
    assert_true(k.has_date);
    assert_string_equal(k.date, "2025-10-01");
    assert_string_equal(k.time, "15:45");
    assert_true(rf_match_kind_line(LEN("Referat for Økonomiudvalget"), &k));
    assert_slice(k.body, "Økonomiudvalget");
    assert_true(rf_match_kind_line(LEN("Dagsorden Byrådet den 4. maj 2021 kl. 17.00"), &k));
    assert_slice(k.body, "Byrådet");
    assert_string_equal(k.date, "2021-05-04");
    assert_false(rf_match_kind_line(LEN("Referat af mødet blev godkendt."), &k));
    assert_false(rf_match_kind_line(LEN("Referatet"), &k));
    /* a web page's title: the body first */
    assert_true(rf_match_kind_line(LEN("Kultur- og Fritidsudvalget - Referat"), &k));
    assert_int_equal(k.kind, 0);
    assert_slice(k.body, "Kultur- og Fritidsudvalget");
    assert_true(rf_match_kind_line(LEN("Byrådet \xe2\x80\x93 Dagsorden"), &k));
    assert_int_equal(k.kind, 1);
    assert_slice(k.body, "Byrådet");
    assert_false(rf_match_kind_line(LEN("Byrådet - Referatet"), &k));
    /* with the date after another dash; the election period is no part of the body */
    assert_true(rf_match_kind_line(
        LEN("Socialudvalget (2022-2025) \xe2\x80\x93 Referat \xe2\x80\x93 7. marts 2023"), &k));
    assert_slice(k.body, "Socialudvalget");
    assert_true(k.has_date);
    assert_string_equal(k.date, "2023-03-07");
    assert_false(rf_match_kind_line(LEN("Byrådet - Referat - se bilag"), &k));
    assert_false(rf_match_kind_line(LEN("se bilag - referat"), &k));
}

static void test_toc_start(void **state)
{
    (void)state;
    assert_true(rf_match_toc_start(LEN("Indholdsfortegnelse")));
    assert_true(rf_match_toc_start(LEN("Indholdsfortegnelse:")));
    assert_true(rf_match_toc_start(LEN("PUNKTER")));
    assert_false(rf_match_toc_start(LEN("Punkter til næste møde")));
    assert_false(rf_match_toc_start(LEN("Indhold")));
}

static void test_navigation(void **state)
{
    (void)state;
    static const char *const yes[] = {"Til toppen", "TIL TOP", "Tilbage til toppen",
                                      "Gå til toppen"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(rf_is_navigation_line(LEN(yes[i])));
    static const char *const no[] = {"Til toppen af budgettet", "Toppen", "Til", "Godkendt."};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(rf_is_navigation_line(LEN(no[i])));
}

static void test_page_numbers(void **state)
{
    (void)state;
    static const char *const yes[] = {"Side 3", "Side 3 af 5", "3 of 5", "3 af 5", "- 3 -",
                                      "Page 12"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(rf_is_page_number_line(LEN(yes[i])));
    static const char *const no[] = {"3", "Side", "Sideløbende er der", "3 stemte for", "2012", "24/1"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(rf_is_page_number_line(LEN(no[i])));
}

static void test_people(void **state)
{
    (void)state;
    rf_person who;
    static const struct {
        const char *line, *name, *party, *role, *note;
    } people[] = {
        {"Lolan Ottesen (A) - formand", "Lolan Ottesen", "A", "formand", ""},
        {"Kim Hansen (SF), Suppleant for Bo Ek (SF)", "Kim Hansen", "SF",
         "Suppleant for Bo Ek (SF)", ""},
        {"Formand Erik Nielsen (A)", "Erik Nielsen", "A", "Formand", ""},
        {"Britt Jensen (A), sag 129-138", "Britt Jensen", "A", "", "sag 129-138"},
        {"Formandens sekretær", "Formandens sekretær", "", "", ""},
    };
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        assert_true(rf_parse_person(LEN(people[i].line), &who));
        assert_slice(who.name, people[i].name);
        assert_slice(who.party, people[i].party);
        assert_slice(who.role, people[i].role);
        assert_slice(who.note, people[i].note);
    }
    assert_true(rf_parse_person(LEN("Tilde,"), &who));
    assert_slice(who.name, "Tilde");
    assert_int_equal(who.party.n, 0);

    rf_slice names;
    assert_true(rf_match_absence_sentence(
        LEN("Liv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen."), &names));
    assert_slice(names, "Liv Gro Jensen");
    assert_true(rf_match_absence_sentence(LEN("Jesper Kjeldsen deltog ikke i sagens behandling."), &names));
    assert_slice(names, "Jesper Kjeldsen");
    assert_true(rf_match_absence_sentence(
        LEN("Følgende deltog ikke i behandlingen af punktet: A og B"), &names));
    assert_slice(names, "A og B");
    assert_true(rf_match_absence_sentence(LEN("Følgende deltog ikke i behandlingen af punktet:"), &names));
    assert_int_equal(names.n, 0);
    assert_false(rf_match_absence_sentence(LEN("udvalget deltog ikke i behandlingen"), &names));
    assert_true(rf_match_absence_sentence(LEN("Fraværende: Ida Lund"), &names));
    assert_slice(names, "Ida Lund");
    assert_true(rf_match_absence_sentence(LEN("Afbud: Ole Holm og Bo Berg"), &names));
    assert_slice(names, "Ole Holm og Bo Berg");
    assert_true(rf_match_absence_sentence(
        LEN("Fraværende: Evan Lund (V) - Mie Berg (V) mødte som stedfortræder."), &names));
    assert_slice(names, "Evan Lund (V)");
}

static void test_fold(void **state)
{
    (void)state;
    assert_int_equal(rf_fold_prefix(LEN("ØKONOMI og mere"), "økonomi"), strlen("ØKONOMI"));
    assert_true(rf_fold_eq(LEN("BESLUTNINGER"), "beslutninger"));
    assert_false(rf_fold_eq(LEN("Beslutning"), "beslutninger"));
    assert_int_equal(rf_fold_find(LEN("Xs beslutning den"), "beslutning"), 3);
    assert_int_equal(rf_fold_find(LEN("Forbeslutning"), "beslutning"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_in_every_form),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_item_lines),
        cmocka_unit_test(test_case_numbers),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_kind_lines),
        cmocka_unit_test(test_page_numbers),
        cmocka_unit_test(test_navigation),
        cmocka_unit_test(test_toc_start),
        cmocka_unit_test(test_people),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
