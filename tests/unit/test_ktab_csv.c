/*
 * test_ktab_csv.c - the KTAB spatial-model table reader (docs/specs/ktab-smp.md
 * section 1) and the CSV tokenizer it shares with the stakeholder reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse/csv.h"
#include "core/internal.h"
#include "support.h"

/* Read a test file from a buffer of exactly its size (no NUL after it). */
static pl_scenario *load_ktab(const char *relative)
{
    pl_scenario *s = NULL;
    pl_diag diag;
    const char *path = test_data_path(relative);
    int rc = test_read_exact(pl_read_ktab_csv, path, path, &s, &diag);
    if (rc != PL_OK)
        print_error("%s:%d:%d: %s\n", diag.source, diag.line, diag.column, diag.message);
    assert_int_equal(rc, PL_OK);
    return s;
}

static void assert_stance(const pl_scenario *s, size_t a, size_t i, double position,
                          double salience_percent)
{
    const pl_stance *st = pl_scenario_stance_const(s, a, i);
    assert_true(st->present);
    /* Exact: the position as read, the salience divided by 100 once (section 1). */
    assert_true(st->position == position);
    assert_true(st->salience == salience_percent / 100.0);
}

static void test_dummy_3dim(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/dummyData_3Dim.csv"));
    assert_string_equal(s->format, "ktab-csv");
    assert_string_equal(s->id, "DummyData_3Dim");
    assert_string_equal(s->name, "DummyData_3Dim");
    assert_string_equal(s->provenance.description, "Dummy scenario to test reading format");
    assert_int_equal(s->provenance.n_sources, 0);
    assert_int_equal(s->n_actors, 7);
    assert_int_equal(s->n_issues, 3);
    const char *ids[] = {"Pstn1", "Pstn2", "Pstn3"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(s->issues[i].id, ids[i]);
        assert_string_equal(s->issues[i].name, ids[i]);
        assert_int_equal(s->issues[i].kind, PL_ISSUE_CONTINUOUS);
        assert_true(s->issues[i].low == 0.0 && s->issues[i].high == 100.0);
    }
    assert_string_equal(s->actors[0].id, "SActor-00");
    assert_string_equal(s->actors[0].name, "SActor-00");
    assert_string_equal(s->actors[0].description, "Random Spatial Actor");
    assert_true(s->actors[0].capability == 102.543);
    assert_stance(s, 0, 0, 75.79, 49.53);
    assert_stance(s, 0, 1, 6.37, 5.91);
    assert_stance(s, 2, 2, 0.07, 34.62);
    assert_string_equal(s->actors[6].id, "SActor-06");
    assert_true(s->actors[6].capability == 54.178);
    assert_stance(s, 6, 2, 90.36, 26.03);
    pl_scenario_free(s);
}

static void test_dummy_6dim_crlf(void **state)
{
    (void)state;
    pl_scenario *s = load_ktab("ktab/dummyData_6Dim.csv");
    assert_string_equal(s->id, "Combined");
    assert_string_equal(s->provenance.description, "All six dimensions of CDMP");
    assert_int_equal(s->n_actors, 27);
    assert_int_equal(s->n_issues, 6);
    assert_string_equal(s->issues[0].id, "Dim0 Position");
    assert_string_equal(s->issues[5].id, "Dim5 Position");
    assert_string_equal(s->actors[26].id, "AA26");
    assert_string_equal(s->actors[26].description, "Actor 26");
    assert_true(s->actors[26].capability == 33.33);
    assert_stance(s, 26, 5, 50, 6.67);
    assert_stance(s, 0, 3, 100, 27.99);
    pl_scenario_free(s);
}

static void test_soe_padded_fields(void **state)
{
    (void)state;
    pl_scenario *s = load_ktab("ktab/SOE-Pol-Comp.csv");
    assert_string_equal(s->id, "China Policy/Competitive; scen 2");
    assert_string_equal(s->provenance.description,
                        "Scenario-0002;Combined Policy and Competitive");
    assert_int_equal(s->n_actors, 13);
    assert_int_equal(s->n_issues, 2);
    assert_string_equal(s->issues[0].id, "Policy Position");
    assert_string_equal(s->issues[1].id, "Competitive Position");
    assert_string_equal(s->actors[0].id, "XJ");
    assert_string_equal(s->actors[0].description, "Xi Jinping");
    assert_true(s->actors[0].capability == 100.0);
    assert_string_equal(s->actors[12].id, "WY");
    assert_string_equal(s->actors[12].description, "CNOOC - Wang Yilin");
    assert_true(s->actors[1].capability == 60.2);
    assert_stance(s, 12, 1, 60, 46.0);
    pl_scenario_free(s);
}

/* BOM, CRLF, quotes with commas and doubled quotes, unusable labels, ignored lines. */
static void test_syntax_variants(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF\"My, scenario\" ,  desc  ,2,3\r\n"
                       "Actor,Desc,Cap,Same,s,,s,Same,s\r\n"
                       "\"Doe, J.\", \"A \"\"quoted\"\" person\" ,5,0,0,100,100,50,0\r\n"
                       "X,,1e2,1.5,10,2.5,20,3.5,30\r\n"
                       "ignored line, \"not parsed\r\n";
    pl_scenario *s = test_read_text(PL_FORMAT_KTAB_CSV, text, PL_OK, NULL);
    assert_string_equal(s->format, "ktab-csv");
    assert_string_equal(s->id, "My, scenario");
    assert_string_equal(s->provenance.description, "desc");
    assert_int_equal(s->n_issues, 3);
    assert_string_equal(s->issues[0].id, "Same");
    assert_string_equal(s->issues[1].id, "dim2");
    assert_string_equal(s->issues[1].name, "dim2");
    assert_string_equal(s->issues[2].id, "dim3");
    assert_int_equal(s->n_actors, 2);
    assert_string_equal(s->actors[0].id, "Doe, J.");
    assert_string_equal(s->actors[0].description, "A \"quoted\" person");
    assert_true(s->actors[0].capability == 5.0);
    assert_stance(s, 0, 0, 0, 0);
    assert_stance(s, 0, 1, 100, 100);
    assert_stance(s, 0, 2, 50, 0);
    assert_null(s->actors[1].description);
    assert_true(s->actors[1].capability == 100.0);
    assert_stance(s, 1, 2, 3.5, 30);
    pl_scenario_free(s);
}

/* Section 1: reading stops at the first blank line; lines after the N actors are ignored. */
static void test_blank_line_ends_the_table(void **state)
{
    (void)state;
    const char *text = "T,d,1,1\nA,D,P,S\nA,a,1,50,50\n\n garbage \"\n";
    pl_scenario *s = test_read_text(PL_FORMAT_KTAB_CSV, text, PL_OK, NULL);
    assert_int_equal(s->n_actors, 1);
    assert_string_equal(s->issues[0].id, "S");
    pl_scenario_free(s);
    /* No header label at all: the dimension is dim1. */
    s = test_read_text(PL_FORMAT_KTAB_CSV, "T,d,1,1\nA\nA,a,1,50,50", PL_OK, NULL);
    assert_string_equal(s->issues[0].id, "dim1");
    pl_scenario_free(s);
    /* "*" means "every issue" in parley, so it cannot be an issue id. */
    s = test_read_text(PL_FORMAT_KTAB_CSV, "T,d,1,1\nA,D,C,*,S\nA,a,1,50,50", PL_OK, NULL);
    assert_string_equal(s->issues[0].id, "dim1");
    assert_string_equal(s->issues[0].name, "*");
    pl_scenario_free(s);
}

typedef struct error_case {
    const char *text;
    int status, line, column;
    const char *message;
} error_case;

static void test_inline_errors(void **state)
{
    (void)state;
    const error_case cases[] = {
        {"T,d,1,1\nh\nA,a,-3,50,50\n", PL_ERR_INVALID, 3, 5, "capability -3 must be positive"},
        {"T,d,1,1\nh\nA,a,1,50,120\n", PL_ERR_INVALID, 3, 10, "salience 120 is outside 0-100"},
        {"T,d,1,1\nh\nA,a,1,-0.5,12\n", PL_ERR_INVALID, 3, 7, "position -0.5 is outside 0-100"},
        {"T,d,7,1\nh\nA,a,1,50,50\nB,b,1,1,1\n\n", PL_ERR_SYNTAX, 5, 1,
         "expected 7 actor lines, found 2"},
        {"T,d,1,2\nh\nA,a,1,50,50,50,50.5\n", PL_ERR_INVALID, 3, 16,
         "add up to 100.5, more than 100"},
        {"T,d,1,1\nh\n\xC3\xA9\xC3\xA9,a,x,50,50\n", PL_ERR_INVALID, 3, 6,
         "capability \"x\" is not a number"},
        {"T,d,1,1\nh\nA,a,1,50,\n", PL_ERR_INVALID, 3, 10, "salience is missing"},
        {"T,d,1,1\nh\nA,a,1,50\n", PL_ERR_SYNTAX, 3, 9, "has 4 fields, expected 5"},
        {"T,d,x,1\n", PL_ERR_INVALID, 1, 5, "number of actors \"x\" is not a number"},
        {"T,d,1,0\n", PL_ERR_INVALID, 1, 7, "number of dimensions 0 must be"},
        {"T,d,1,10001\n", PL_ERR_LIMIT, 1, 7, "limit of 10000"},
        {"T,d,100001,1\n", PL_ERR_LIMIT, 1, 5, "limit of 100000"},
        {"T,d,100000,1\nh\nA,a,1,1,1\n", PL_ERR_SYNTAX, 4, 1,
         "expected 100000 actor lines, found 1"},
        {"T,d,2,1\nh\nA,a,1,1,1\nA,b,1,1,1\n", PL_ERR_INVALID, 4, 1,
         "duplicate actor name \"A\" (also on line 3)"},
        {"T,d,1,1\nh\nA\tB,a,1,1,1\n", PL_ERR_INVALID, 3, 1, "control character"},
        {"T,d,1,1\nh\nA,\"a\rb\",1,1,1\n", PL_ERR_SYNTAX, 3, 5, "carriage return"},
        {"T,d,1,1\nh\nA,a,1,1,1e8x\n", PL_ERR_INVALID, 3, 9, "is not a number"},
        {"", PL_ERR_SYNTAX, 1, 1, "line 1 is empty"},
        {"\n", PL_ERR_SYNTAX, 1, 1, "line 1 is empty"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pl_diag diag;
        pl_scenario *s = (pl_scenario *)1;
        int rc = pl_read_ktab_csv("in.csv", cases[k].text, strlen(cases[k].text), &s, &diag);
        if (rc != cases[k].status || diag.line != cases[k].line ||
            diag.column != cases[k].column || !test_contains(diag.message, cases[k].message))
            print_error("case %zu: %d %d:%d %s\n", k, rc, diag.line, diag.column, diag.message);
        assert_int_equal(rc, cases[k].status);
        assert_null(s);
        assert_string_equal(diag.source, "in.csv");
        assert_int_equal(diag.status, cases[k].status);
        assert_int_equal(diag.line, cases[k].line);
        assert_int_equal(diag.column, cases[k].column);
        assert_true(test_contains(diag.message, cases[k].message));
    }
}

/* The tokenizer alone: columns count characters, quotes, empty fields, max_fields. */
static void test_tokenizer(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF\xC3\xA9t\xC3\xA9, \"a,\"\"b\" ,,  c  ,d\r\nlast";
    pl_csv_cursor cursor;
    pl_csv_line line;
    pl_csv_row row = {0};
    pl_diag diag;
    pli_csv_begin(&cursor, text, strlen(text));
    assert_int_equal(pli_csv_next_line(&cursor, &line), 1);
    assert_int_equal(line.number, 1);
    assert_int_equal(pli_csv_split(&line, 100, &row, &diag), PL_OK);
    assert_int_equal(row.count, 5);
    assert_string_equal(row.fields[0].text, "\xC3\xA9t\xC3\xA9");
    assert_int_equal(row.fields[0].column, 1);
    assert_string_equal(row.fields[1].text, "a,\"b");
    assert_int_equal(row.fields[1].column, 6);
    assert_string_equal(row.fields[2].text, "");
    assert_int_equal(row.fields[2].column, 15);
    assert_string_equal(row.fields[3].text, "c");
    assert_int_equal(row.fields[3].column, 18);
    assert_string_equal(row.fields[4].text, "d");
    assert_int_equal(row.end_column, 23);
    assert_false(row.truncated);
    assert_int_equal(pli_csv_split(&line, 2, &row, &diag), PL_OK);
    assert_int_equal(row.count, 2);
    assert_true(row.truncated);
    assert_int_equal(pli_csv_next_line(&cursor, &line), 1);
    assert_int_equal(line.number, 2);
    assert_int_equal(line.length, 4);
    assert_int_equal(pli_csv_next_line(&cursor, &line), 0);
    pli_csv_row_free(&row);
}

static void test_names_and_stems(void **state)
{
    (void)state;
    char *stem = pli_source_stem("x/y.d/emission_standards.csv");
    assert_string_equal(stem, "emission_standards");
    pli_free(stem);
    stem = pli_source_stem("plain");
    assert_string_equal(stem, "plain");
    pli_free(stem);
    pl_name_set set = {0};
    char names[300][8];
    for (size_t k = 0; k < 300; k++) {
        snprintf(names[k], sizeof names[k], "n%zu", k);
        assert_int_equal(pli_name_set_add(&set, names[k], k, (int)k + 1, NULL, NULL), 1);
    }
    int line = 0;
    size_t index = 0;
    assert_int_equal(pli_name_set_add(&set, "n123", 999, 1, &line, &index), 0);
    assert_int_equal(line, 124);
    assert_int_equal(index, 123);
    assert_int_equal(pli_name_set_find(&set, "n299", &index), PL_OK);
    assert_int_equal(index, 299);
    assert_int_equal(pli_name_set_find(&set, "n300", &index), PL_ERR_NOT_FOUND);
    pli_name_set_free(&set);
}

/* Every prefix of a valid file either reads or fails with a position and a message. */
static void test_every_prefix(void **state)
{
    (void)state;
    char *data = NULL;
    size_t size = 0;
    pl_diag diag;
    assert_int_equal(pl_read_file(test_data_path("ktab/dummyData_6Dim.csv"),
                                  PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, &diag), PL_OK);
    size_t successes = 0;
    for (size_t n = 0; n <= size; n++) {
        char *exact = malloc(n ? n : 1);
        memcpy(exact, data, n);
        pl_scenario *s = NULL;
        int rc = pl_read_ktab_csv("prefix", exact, n, &s, &diag);
        if (rc == PL_OK) {
            successes++;
            pl_scenario_free(s);
        } else {
            assert_null(s);
            assert_true(diag.line > 0);
            assert_true(diag.message[0] != '\0');
        }
        free(exact);
    }
    /* The whole file, and the prefixes that cut the last line after a complete field. */
    assert_true(successes >= 1);
    free(data);
}

static const test_bad_case bad_cases[] = {
    {"ktab-csv-negative-capability.csv", PL_ERR_INVALID, 4, 12, "capability -3 must be positive"},
    {"ktab-csv-position-range.csv", PL_ERR_INVALID, 3, 14, "position 120 is outside 0-100"},
    {"ktab-csv-salience-range.csv", PL_ERR_INVALID, 5, 17, "salience 120 is outside 0-100"},
    {"ktab-csv-salience-sum.csv", PL_ERR_INVALID, 4, 24, "add up to 110, more than 100"},
    {"ktab-csv-nan.csv", PL_ERR_INVALID, 3, 11, "capability \"NaN\" is not a number"},
    {"ktab-csv-missing-fields.csv", PL_ERR_SYNTAX, 4, 20, "has 5 fields, expected 7"},
    {"ktab-csv-too-few-actors.csv", PL_ERR_SYNTAX, 5, 1, "expected 3 actor lines, found 2"},
    {"ktab-csv-blank-line.csv", PL_ERR_SYNTAX, 4, 1, "expected 3 actor lines, found 1"},
    {"ktab-csv-duplicate-actor.csv", PL_ERR_INVALID, 5, 1,
     "duplicate actor name \"Ann\" (also on line 3)"},
    {"ktab-csv-empty-name.csv", PL_ERR_INVALID, 4, 1, "actor name is empty"},
    {"ktab-csv-zero-actors.csv", PL_ERR_INVALID, 1, 21, "number of actors 0 must be"},
    {"ktab-csv-huge-count.csv", PL_ERR_LIMIT, 1, 21, "exceeds parley's limit of 100000"},
    {"ktab-csv-huge-dimensions.csv", PL_ERR_LIMIT, 1, 23, "exceeds parley's limit of 10000"},
    {"ktab-csv-fractional-count.csv", PL_ERR_INVALID, 1, 21, "must be a whole number"},
    {"ktab-csv-unterminated-quote.csv", PL_ERR_SYNTAX, 3, 5, "no closing quote"},
    {"ktab-csv-no-header.csv", PL_ERR_SYNTAX, 2, 1, "expected the header line"},
    {"ktab-csv-empty.csv", PL_ERR_SYNTAX, 1, 1, "line 1 is empty"},
    {"ktab-csv-missing-salience.csv", PL_ERR_INVALID, 3, 17, "salience is missing"},
    {"ktab-csv-capability-too-large.csv", PL_ERR_INVALID, 3, 11, "exceeds KTAB's maximum"},
    {"ktab-csv-invalid-utf8.csv", PL_ERR_SYNTAX, 4, 2, "not valid UTF-8"},
    {"ktab-csv-line1-short.csv", PL_ERR_SYNTAX, 1, 22, "line 1 has 3 fields, expected 4"},
    {"ktab-csv-text-after-quote.csv", PL_ERR_SYNTAX, 3, 7, "after the closing quote"},
    {"ktab-csv-overflow.csv", PL_ERR_INVALID, 3, 14, "position \"1e999\" is not a number"},
};

/* Every tests/data/bad/ktab-csv-* file is listed above and fails where it says. */
static void test_bad_files(void **state)
{
    (void)state;
    test_check_bad_files("ktab-csv-", bad_cases, sizeof bad_cases / sizeof bad_cases[0],
                         pl_read_ktab_csv);
}

static void test_arguments(void **state)
{
    (void)state;
    pl_diag diag;
    pl_scenario *s = NULL;
    assert_int_equal(pl_read_ktab_csv("x", NULL, 5, &s, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_read_ktab_csv("x", "T,d,1,1", 7, NULL, &diag), PL_ERR_ARGUMENT);
    /* A NULL diagnostic is allowed. */
    assert_int_equal(pl_read_ktab_csv("x", "T,d,1,1", 7, &s, NULL), PL_ERR_SYNTAX);
    assert_null(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dummy_3dim),
        cmocka_unit_test(test_dummy_6dim_crlf),
        cmocka_unit_test(test_soe_padded_fields),
        cmocka_unit_test(test_syntax_variants),
        cmocka_unit_test(test_blank_line_ends_the_table),
        cmocka_unit_test(test_inline_errors),
        cmocka_unit_test(test_tokenizer),
        cmocka_unit_test(test_names_and_stems),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
