/*
 * test_stakeholder.c - the one-issue stakeholder table reader
 * (docs/cli-contract.md "Inputs").
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

/* Read a file into a buffer of exactly its size (no NUL after it) and read it as a table. */
static pl_scenario *read_text(const char *source, const char *text, int expected,
                              pl_diag *diag)
{
    pl_scenario *s = (pl_scenario *)1;
    int rc = pl_read_stakeholder_csv(source, text, strlen(text), &s, diag);
    if (rc != expected)
        print_error("%d:%d: %s\n", diag->line, diag->column, diag->message);
    assert_int_equal(rc, expected);
    if (rc != PL_OK)
        assert_null(s);
    return s;
}

/* sum(c s x) / sum(c s) on issue 0, computed here from the loaded scenario. */
static double weighted_mean(const pl_scenario *s)
{
    double numerator = 0, denominator = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, 0);
        double w = s->actors[a].capability * st->salience;
        numerator += w * st->position;
        denominator += w;
    }
    return numerator / denominator;
}

static void assert_actor(const pl_scenario *s, size_t a, const char *id, double capability,
                         double position, double salience)
{
    assert_string_equal(s->actors[a].id, id);
    assert_string_equal(s->actors[a].name, id);
    assert_null(s->actors[a].description);
    assert_true(s->actors[a].capability == capability);
    const pl_stance *st = pl_scenario_stance_const(s, a, 0);
    assert_true(st->present);
    assert_true(st->position == position);
    assert_true(st->salience == salience);
}

/* Bueno de Mesquita (1994): round-1 weighted mean 7.39 (data/README.md). */
static void test_emission_standards(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("stakeholder/emission_standards.csv"));
    assert_string_equal(s->format, "stakeholder-csv");
    assert_string_equal(s->id, "emission_standards");
    assert_string_equal(s->name, "emission_standards");
    assert_int_equal(s->n_issues, 1);
    assert_string_equal(s->issues[0].id, "emission_standards");
    assert_string_equal(s->issues[0].name, "emission_standards");
    assert_int_equal(s->issues[0].kind, PL_ISSUE_CONTINUOUS);
    assert_true(s->issues[0].low == 4.0 && s->issues[0].high == 10.0);
    assert_int_equal(s->n_actors, 10);
    assert_actor(s, 0, "Netherlands", 0.08, 4, 0.8);
    assert_actor(s, 6, "UK", 0.16, 10, 0.9);
    assert_actor(s, 8, "Denmark", 0.05, 4, 1.0);
    assert_actor(s, 9, "Greece", 0.08, 7, 0.7);
    assert_true(fabs(weighted_mean(s) - 7.3899) < 1e-3);
    pl_scenario_free(s);
}

/* Synonyms, any case and order, 0-100 saliences, quotes, CRLF, blank lines at the end. */
static void test_synonyms_and_percent_scale(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_diag diag;
    int rc = test_read_exact(pl_read_stakeholder_csv,
                             test_data_path("stakeholder/harbour_expansion.csv"),
                             "data/harbour_expansion.csv", &s, &diag);
    assert_int_equal(rc, PL_OK);
    assert_string_equal(s->id, "harbour_expansion");
    assert_string_equal(s->issues[0].id, "harbour_expansion");
    assert_int_equal(s->n_actors, 4);
    assert_actor(s, 0, "Port authority", 40, 70, 80 / 100.0);
    assert_actor(s, 1, "Fishers, cooperative", 15, 10, 95 / 100.0);
    assert_actor(s, 2, "City council", 30, 55, 60 / 100.0);
    assert_actor(s, 3, "Shipping lines", 25, 90, 40 / 100.0);
    assert_true(s->issues[0].low == 10.0 && s->issues[0].high == 90.0);
    pl_scenario_free(s);
    /* Detected from content: the first column is "stakeholder". */
    s = test_load(test_data_path("stakeholder/harbour_expansion.csv"));
    assert_string_equal(s->format, "stakeholder-csv");
    pl_scenario_free(s);
}

static void test_all_positions_equal(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("stakeholder/unanimous.csv"));
    assert_true(s->issues[0].low == 11.5 && s->issues[0].high == 13.5);
    /* The highest salience is 1, so the scale is 0-1. */
    assert_actor(s, 0, "North", 3, 12.5, 0.5);
    assert_actor(s, 1, "South", 1, 12.5, 1.0);
    pl_scenario_free(s);
}

static void test_salience_scale(void **state)
{
    (void)state;
    pl_diag diag;
    pl_scenario *s = read_text("t.csv", "Actor,Capability,Position,Salience\n"
                                        "A,1,0,1\nB,2,-1e3,1.5\n", PL_OK, &diag);
    assert_actor(s, 0, "A", 1, 0, 0.01);
    assert_actor(s, 1, "B", 2, -1000, 0.015);
    assert_true(s->issues[0].low == -1000 && s->issues[0].high == 0);
    pl_scenario_free(s);
    /* Trailing commas (spreadsheet exports) are tolerated. */
    s = read_text("t.csv", "ACTOR,influence,position,salience,,\nA,1,2,0.5,\n", PL_OK, &diag);
    assert_actor(s, 0, "A", 1, 2, 0.5);
    pl_scenario_free(s);
}

static void test_issue_names(void **state)
{
    (void)state;
    const char *table = "Actor,Capability,Position,Salience\nA,1,2,0.5\n";
    const char *sources[][2] = {
        {"x/emission_standards.csv", "emission_standards"},
        {"dir.d/file", "file"},
        {".csv", "issue"},
        {"", "issue"},
        {"x/*.csv", "issue"},
    };
    pl_diag diag;
    for (size_t k = 0; k < 5; k++) {
        pl_scenario *s = read_text(sources[k][0], table, PL_OK, &diag);
        assert_string_equal(s->id, sources[k][1]);
        assert_string_equal(s->issues[0].id, sources[k][1]);
        pl_scenario_free(s);
    }
    pl_scenario *s = NULL;
    assert_int_equal(pl_read_stakeholder_csv(NULL, table, strlen(table), &s, &diag), PL_OK);
    assert_string_equal(s->issues[0].id, "issue");
    pl_scenario_free(s);
}

static void test_inline_errors(void **state)
{
    (void)state;
    pl_diag diag;
    read_text("t.csv", "Actor,Capability,Position,Salience,Votes\n", PL_ERR_INVALID, &diag);
    assert_int_equal(diag.line, 1);
    assert_int_equal(diag.column, 36);
    assert_true(test_contains(diag.message, "unknown column \"Votes\""));
    assert_true(test_contains(diag.message, "Actor (or Stakeholder)"));
    assert_true(test_contains(diag.message, "Clout, Resources, Influence, Power"));
    read_text("t.csv", "Actor,,Position,Salience\n", PL_ERR_INVALID, &diag);
    assert_int_equal(diag.column, 7);
    assert_true(test_contains(diag.message, "empty column name"));
    read_text("t.csv", "Stakeholder,Power,Position,Salience,Actor\n", PL_ERR_INVALID, &diag);
    assert_int_equal(diag.column, 37);
    assert_true(test_contains(diag.message, "repeats the Actor column (column 1)"));
    read_text("t.csv", "", PL_ERR_SYNTAX, &diag);
    assert_int_equal(diag.line, 1);
    read_text("t.csv", "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,2,0.5,x\n",
              PL_ERR_SYNTAX, &diag);
    assert_int_equal(diag.line, 3);
    assert_int_equal(diag.column, 11);
    assert_true(test_contains(diag.message, "more than 4 fields"));
}

static const test_bad_case bad_cases[] = {
    {"stakeholder-unknown-column.csv", PL_ERR_INVALID, 1, 7, "unknown column \"Votes\""},
    {"stakeholder-duplicate-column.csv", PL_ERR_INVALID, 1, 27,
     "column \"Power\" repeats the Capability column (column 2)"},
    {"stakeholder-missing-column.csv", PL_ERR_INVALID, 1, 26, "missing column Salience"},
    {"stakeholder-zero-capability.csv", PL_ERR_INVALID, 3, 5, "capability 0 must be positive"},
    {"stakeholder-negative-salience.csv", PL_ERR_INVALID, 4, 11,
     "salience -0.5 must not be negative"},
    {"stakeholder-salience-range.csv", PL_ERR_INVALID, 2, 11, "salience 150 is outside 0-100"},
    {"stakeholder-short-row.csv", PL_ERR_SYNTAX, 3, 10, "the row has 3 fields, expected 4"},
    {"stakeholder-duplicate-actor.csv", PL_ERR_INVALID, 4, 1,
     "duplicate actor name \"Ann\" (also on line 2)"},
    {"stakeholder-no-rows.csv", PL_ERR_INVALID, 2, 1, "the table has no actors"},
    {"stakeholder-blank-inside.csv", PL_ERR_SYNTAX, 3, 1, "blank line inside the table"},
    {"stakeholder-position-text.csv", PL_ERR_INVALID, 2, 8,
     "Position \"high\" is not a number"},
    {"stakeholder-long-row.csv", PL_ERR_SYNTAX, 2, 15, "the row has more than 4 fields"},
};

/* Every tests/data/bad/stakeholder-* file is listed above and fails where it says. */
static void test_bad_files(void **state)
{
    (void)state;
    test_check_bad_files("stakeholder-", bad_cases, sizeof bad_cases / sizeof bad_cases[0],
                         pl_read_stakeholder_csv);
}

/* Every prefix of a valid table either reads or fails with a position and a message. */
static void test_every_prefix(void **state)
{
    (void)state;
    char *data = NULL;
    size_t size = 0;
    pl_diag diag;
    assert_int_equal(pl_read_file(test_data_path("stakeholder/harbour_expansion.csv"),
                                  PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, &diag), PL_OK);
    for (size_t n = 0; n <= size; n++) {
        char *exact = malloc(n ? n : 1);
        memcpy(exact, data, n);
        pl_scenario *s = NULL;
        if (pl_read_stakeholder_csv("prefix.csv", exact, n, &s, &diag) == PL_OK) {
            pl_scenario_free(s);
        } else {
            assert_null(s);
            assert_true(diag.line > 0);
            assert_true(diag.message[0] != '\0');
        }
        free(exact);
    }
    free(data);
}

/* Spreadsheet exports: ';' with decimal commas, tabs, and 80% (always 0.8). */
static void test_separators_and_percent(void **state)
{
    (void)state;
    pl_diag diag;
    const char *text = "Stakeholder;Clout;Position;Salience\na;10;2,5;80%\nb;5;4;0,5\n";
    assert_int_equal(pl_detect_format("x.csv", text, strlen(text)), PL_FORMAT_STAKEHOLDER);
    pl_scenario *s = read_text("x.csv", text, PL_OK, &diag);
    assert_true(pl_scenario_stance_const(s, 0, 0)->position == 2.5);
    assert_true(pl_scenario_stance_const(s, 0, 0)->salience == 0.8);
    assert_true(pl_scenario_stance_const(s, 1, 0)->salience == 0.5);
    pl_scenario_free(s);
    s = read_text("x.tsv", "Actor\tCapability\tPosition\tSalience\na\t1\t0\t30\nb\t2\t1\t50%\n",
                  PL_OK, &diag);
    /* 30 is on 0-100 (it exceeds 1); 50% is 0.5 either way. */
    assert_true(pl_scenario_stance_const(s, 0, 0)->salience == 0.3);
    assert_true(pl_scenario_stance_const(s, 1, 0)->salience == 0.5);
    pl_scenario_free(s);
    /* % is for saliences only. */
    read_text("x.csv", "Actor,Capability,Position,Salience\na,10%,1,1\n", PL_ERR_INVALID, &diag);
    assert_int_equal(diag.column, 3);
}

/* Saliences on 0-100 mean the same in a stakeholder table and in a native JSON file. */
static void test_json_agrees_on_0_100(void **state)
{
    (void)state;
    pl_diag diag;
    pl_scenario *csv = read_text("x.csv", "Actor,Capability,Position,Salience\n"
                                          "a,1,0,80\n"
                                          "b,1,10,0.5\n",
                                 PL_OK, &diag);
    const char *json = "{\"parley\": 1, \"issues\": [{\"id\": \"x\", \"range\": [0, 10]}],"
                       " \"actors\": [{\"id\": \"a\", \"capability\": 1, \"stances\": {\"x\":"
                       " {\"position\": 0, \"salience\": 80}}}, {\"id\": \"b\", \"capability\": 1,"
                       " \"stances\": {\"x\": {\"position\": 10, \"salience\": 0.5}}}]}";
    pl_scenario *native = NULL;
    assert_int_equal(pl_read_parley_json("x.json", json, strlen(json), &native, &diag), PL_OK);
    for (size_t a = 0; a < 2; a++)
        assert_true(pl_scenario_stance_const(csv, a, 0)->salience ==
                    pl_scenario_stance_const(native, a, 0)->salience);
    /* 80 -> 0.8 and 0.5 -> 0.005: the whole file is on 0-100 once one value exceeds 1. */
    assert_true(pl_scenario_stance_const(native, 0, 0)->salience == 0.8);
    assert_true(pl_scenario_stance_const(native, 1, 0)->salience == 0.005);
    assert_int_equal(native->provenance.n_caveats, 1);
    pl_scenario_free(csv);
    pl_scenario_free(native);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emission_standards),
        cmocka_unit_test(test_synonyms_and_percent_scale),
        cmocka_unit_test(test_all_positions_equal),
        cmocka_unit_test(test_salience_scale),
        cmocka_unit_test(test_issue_names),
        cmocka_unit_test(test_inline_errors),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_json_agrees_on_0_100),
        cmocka_unit_test(test_separators_and_percent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
