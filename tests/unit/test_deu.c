/*
 * test_deu.c - the DEU III table reader: values, missing values, the
 * capability rules, and every malformed input with its line and column.
 * The tables under tests/data/deu are invented, in the DEU III layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* Read a file of tests/data from a buffer of exactly its size (overreads are caught). */
static pl_scenario *load_deu(const char *name, pl_deu_capability capability)
{
    pl_scenario *s = NULL;
    pl_diag diag;
    FILE *f = fopen(test_data_path(name), "rb");
    assert_non_null(f);
    char *buffer = malloc(65536);
    assert_non_null(buffer);
    size_t size = fread(buffer, 1, 65536, f);
    fclose(f);
    char *exact = malloc(size);
    assert_non_null(exact);
    memcpy(exact, buffer, size);
    free(buffer);
    int rc = pl_read_deu_with(name, exact, size, capability, &s, &diag);
    free(exact);
    if (rc != PL_OK)
        print_error("%s:%d:%d: %s\n", diag.source, diag.line, diag.column, diag.message);
    assert_int_equal(rc, PL_OK);
    return s;
}

static size_t actor(const pl_scenario *s, const char *id)
{
    size_t a = 0;
    assert_int_equal(pl_scenario_find_actor(s, id, &a), PL_OK);
    return a;
}

static size_t issue(const pl_scenario *s, const char *id)
{
    size_t i = 0;
    assert_int_equal(pl_scenario_find_issue(s, id, &i), PL_OK);
    return i;
}

static const pl_stance *stance(const pl_scenario *s, const char *a, const char *i)
{
    return pl_scenario_stance_const(s, actor(s, a), issue(s, i));
}

static void sample_reads_issues_and_actors(void **state)
{
    (void)state;
    pl_scenario *s = load_deu("deu/deu3-sample.csv", PL_DEU_CAPABILITY_COUNCIL);
    assert_string_equal(s->format, "deu");
    assert_string_equal(s->id, "deu3-sample");
    assert_int_equal(s->n_actors, 30);
    assert_int_equal(s->n_issues, 6);
    assert_string_equal(s->actors[0].id, "com");
    assert_string_equal(s->actors[0].name, "European Commission");
    assert_string_equal(s->actors[actor(s, "uk")].name, "United Kingdom");
    const pl_issue *first = &s->issues[0];
    assert_string_equal(first->id, "101-1");
    assert_string_equal(first->name, "Invented directive on ship recycling, issue 1");
    assert_string_equal(first->description,
                        "introduced 2002-03-14; adopted 2003-06-20; Council votes by qualified "
                        "majority");
    assert_true(first->kind == PL_ISSUE_CONTINUOUS && first->low == 0 && first->high == 100);
    assert_true(first->has_reference && first->reference == 0);
    assert_true(first->has_outcome && first->outcome == 60);
    assert_true(s->provenance.judgements & (1u << PL_QUANTITY_POSITION));
    pl_scenario_free(s);
}

static void sample_reads_positions_and_missing_values(void **state)
{
    (void)state;
    pl_scenario *s = load_deu("deu/deu3-sample.csv", PL_DEU_CAPABILITY_COUNCIL);
    const pl_stance *com = stance(s, "com", "101-1");
    assert_true(com->present && com->position == 80 && com->salience == 0.7);
    /* 999 position: no part in the issue. */
    assert_false(stance(s, "at", "101-1")->present);
    /* A position without salience takes DEU's 50. */
    const pl_stance *it = stance(s, "it", "101-1");
    assert_true(it->present && it->position == 40 && it->salience == 0.5);
    /* A decimal comma. */
    assert_true(stance(s, "bu", "202-1")->position == 25.5);
    /* rp 999 and an empty out: neither reference nor outcome. */
    const pl_issue *third = &s->issues[issue(s, "202-3")];
    assert_false(third->has_reference);
    assert_false(third->has_outcome);
    const pl_issue *last = &s->issues[issue(s, "303-1")];
    assert_false(last->has_reference);
    assert_true(last->has_outcome && last->outcome == 62.5);
    pl_scenario_free(s);
}

static void council_weights_follow_the_period_and_rule(void **state)
{
    (void)state;
    pl_scenario *s = load_deu("deu/deu3-sample.csv", PL_DEU_CAPABILITY_COUNCIL);
    /* Adopted 2003: the EU-15 weights; Commission and Parliament the largest (10). */
    assert_true(stance(s, "de", "101-1")->has_capability);
    assert_true(stance(s, "de", "101-1")->capability == 10);
    assert_true(stance(s, "pt", "101-1")->capability == 5);
    assert_true(stance(s, "com", "101-1")->capability == 10);
    assert_true(stance(s, "ep", "101-1")->capability == 10);
    /* Adopted 2007: the Nice weights. */
    assert_true(stance(s, "pl", "202-1")->capability == 27);
    assert_true(stance(s, "bu", "202-1")->capability == 10);
    assert_true(stance(s, "mt", "202-1")->capability == 3);
    assert_true(stance(s, "com", "202-1")->capability == 29);
    /* Unanimity: every actor the same. */
    assert_true(stance(s, "de", "202-2")->capability == 1);
    assert_true(stance(s, "com", "202-2")->capability == 1);
    /* No adoption date: the introduction date (2006) decides. */
    assert_true(stance(s, "de", "202-3")->capability == 29);
    /* 2015, Croatia's 7. */
    assert_true(stance(s, "cr", "303-1")->capability == 7);
    for (size_t a = 0; a < s->n_actors; a++)
        assert_true(s->actors[a].capability == 1);
    pl_scenario_free(s);
}

static void equal_capability_gives_every_actor_one(void **state)
{
    (void)state;
    pl_scenario *s = load_deu("deu/deu3-sample.csv", PL_DEU_CAPABILITY_EQUAL);
    for (size_t a = 0; a < s->n_actors; a++) {
        assert_true(s->actors[a].capability == 1);
        for (size_t i = 0; i < s->n_issues; i++)
            assert_false(pl_scenario_stance_const(s, a, i)->has_capability);
    }
    assert_true(pl_scenario_capability_on(s, actor(s, "de"), 0) == 1);
    pl_scenario_free(s);
}

static void subset_with_quotes_and_crlf(void **state)
{
    (void)state;
    pl_scenario *s = load_deu("deu/deu3-subset.csv", PL_DEU_CAPABILITY_COUNCIL);
    assert_int_equal(s->n_actors, 5);
    assert_int_equal(s->n_issues, 3);
    assert_string_equal(s->issues[0].name, "Invented directive; on toys, issue 1");
    assert_string_equal(s->issues[2].name, "Invented \"green\" label, issue 1");
    assert_false(stance(s, "ep", "401-2")->present);
    assert_true(stance(s, "uk", "401-2")->salience == 0.5);
    assert_false(stance(s, "fr", "402-1")->present);
    /* 1999: EU-15 weights; 2005: Nice. */
    assert_true(stance(s, "uk", "401-1")->capability == 10);
    assert_true(stance(s, "de", "402-1")->capability == 29);
    pl_scenario_free(s);
}

static pl_scenario *read_text(const char *text, int expected, pl_diag *diag)
{
    pl_scenario *s = NULL;
    int rc = pl_read_deu("text", text, strlen(text), &s, diag);
    if (rc != expected)
        print_error("%d:%d: %s\n", diag->line, diag->column, diag->message);
    assert_int_equal(rc, expected);
    return s;
}

#define HEADER "prnrnmc;isnr;prname;counvte;intro;finact;pde;sde;pro;sro;rp;out\n"

static void states_without_a_weight_and_dates(void **state)
{
    (void)state;
    pl_diag diag;
    /* Romania had no vote in 2003: the smallest weight of the period, 2. */
    pl_scenario *s = read_text(HEADER "9;1;x;1;01-01-02;29-02-04;10;50;20;;30;40\n", PL_OK,
                               &diag);
    assert_true(stance(s, "ro", "9-1")->capability == 2);
    assert_string_equal(s->issues[0].description,
                        "introduced 2002-01-01; adopted 2004-02-29; Council votes by qualified "
                        "majority");
    pl_scenario_free(s);
    /* Four-digit years, "qmv"/"unanimity" spelt out, 1 November 2004 is Nice. */
    s = read_text(HEADER "9;1;x;qmv;01-01-2004;01-11-2004;10;50;20;;30;40\n"
                         "9;2;x;Unanimity;01-01-2004;;10;50;20;;30;40\n",
                  PL_OK, &diag);
    assert_true(stance(s, "ro", "9-1")->capability == 14);
    assert_true(stance(s, "de", "9-2")->capability == 1);
    pl_scenario_free(s);
    read_text(HEADER "9;1;x;1;01-01-02;29-02-05;10;50;20;;30;40\n", PL_ERR_SYNTAX, &diag);
    assert_int_equal(diag.line, 2);
    assert_int_equal(diag.column, 18);
    assert_string_equal(diag.message,
                        "finact: \"29-02-05\" is not a date (expected DD-MM-YY, empty or 999)");
}

static void format_is_detected(void **state)
{
    (void)state;
    const char *path = test_data_path("deu/deu3-sample.csv");
    pl_scenario *s = test_load(path);
    assert_string_equal(s->format, "deu");
    pl_scenario_free(s);
    assert_string_equal(pl_format_name(PL_FORMAT_DEU), "deu");
    const char quoted[] = "\"prnrnmc\";\"isnrnmc\";\"isnr\"\n";
    assert_int_equal(pl_detect_format("x", quoted, strlen(quoted)), PL_FORMAT_DEU);
    const char other[] = "prnrnmc,isnrnmc\n";
    assert_int_not_equal(pl_detect_format("x", other, strlen(other)), PL_FORMAT_DEU);
}

static void bad_arguments_are_refused(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_diag diag;
    assert_int_equal(pl_read_deu_with("x", "a", 1, (pl_deu_capability)7, &s, &diag),
                     PL_ERR_ARGUMENT);
    assert_int_equal(pl_read_deu("x", NULL, 3, &s, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_read_deu("x", "a", 1, NULL, &diag), PL_ERR_ARGUMENT);
}

static const test_bad_case bad_cases[] = {
    {"deu-empty.csv", PL_ERR_SYNTAX, 1, 1, "empty file: expected a DEU III header"},
    {"deu-header-only.csv", PL_ERR_SYNTAX, 2, 1, "no rows after the header"},
    {"deu-unknown-column.csv", PL_ERR_SYNTAX, 1, 106, "unknown column \"pxx\""},
    {"deu-duplicate-column.csv", PL_ERR_SYNTAX, 1, 106, "duplicate column \"pde\""},
    {"deu-empty-column-name.csv", PL_ERR_SYNTAX, 1, 34, "empty column name in the header"},
    {"deu-missing-out.csv", PL_ERR_SYNTAX, 1, 108, "missing column \"out\""},
    {"deu-salience-without-position.csv", PL_ERR_SYNTAX, 1, 106,
     "column \"sfr\" has no position column \"pfr\""},
    {"deu-no-actors.csv", PL_ERR_SYNTAX, 1, 1, "no actor columns"},
    {"deu-short-row.csv", PL_ERR_SYNTAX, 3, 76, "the row has 18 fields, the header 19"},
    {"deu-long-row.csv", PL_ERR_SYNTAX, 2, 82, "the row has 20 fields, the header 19"},
    {"deu-bad-date.csv", PL_ERR_SYNTAX, 2, 55, "finact: \"31-02-06\" is not a date"},
    {"deu-date-shape.csv", PL_ERR_SYNTAX, 2, 46, "intro: \"2005-02-01\" is not a date"},
    {"deu-bad-number.csv", PL_ERR_SYNTAX, 2, 70,
     "pde: \"6o\" is not a number (expected a number, empty or 999)"},
    {"deu-position-range.csv", PL_ERR_INVALID, 2, 70,
     "pde: 120 lies outside the DEU scale [0, 100]"},
    {"deu-salience-range.csv", PL_ERR_INVALID, 2, 73,
     "sde: -5 lies outside the DEU scale [0, 100]"},
    {"deu-outcome-range.csv", PL_ERR_INVALID, 2, 79,
     "out: 150 lies outside the DEU scale [0, 100]"},
    {"deu-duplicate-issue.csv", PL_ERR_INVALID, 3, 1,
     "duplicate issue \"501-1\" (prnrnmc and isnr as on line 2)"},
    {"deu-bad-counvte.csv", PL_ERR_SYNTAX, 2, 40,
     "counvte: \"2\" is not a Council voting rule"},
    {"deu-unterminated-quote.csv", PL_ERR_SYNTAX, 2, 15, "quoted field has no closing quote"},
    {"deu-text-after-quote.csv", PL_ERR_SYNTAX, 2, 26,
     "unexpected text after the closing quote of a field"},
    {"deu-invalid-utf8.csv", PL_ERR_SYNTAX, 2, 24, "text is not valid UTF-8"},
    {"deu-empty-isnr.csv", PL_ERR_SYNTAX, 2, 28, "isnr: must not be empty"},
};

static void malformed_files_give_line_and_column(void **state)
{
    (void)state;
    test_check_bad_files("deu-", bad_cases, sizeof bad_cases / sizeof bad_cases[0], pl_read_deu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_reads_issues_and_actors),
        cmocka_unit_test(sample_reads_positions_and_missing_values),
        cmocka_unit_test(council_weights_follow_the_period_and_rule),
        cmocka_unit_test(equal_capability_gives_every_actor_one),
        cmocka_unit_test(subset_with_quotes_and_crlf),
        cmocka_unit_test(states_without_a_weight_and_dates),
        cmocka_unit_test(format_is_detected),
        cmocka_unit_test(bad_arguments_are_refused),
        cmocka_unit_test(malformed_files_give_line_and_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
