/*
 * test_long_tables.c - long-format tables with their issues and actors tables
 * (docs/formats.md "Long-format tables", docs/cli-contract.md "Authoring").
 * Every expected value below follows by hand from the table text in the test.
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

/* Read up to three tables given as strings (NULL ends the list early). */
static int read_tables(const char *a, const char *b, const char *c, pl_scenario **out,
                       pl_diag *diag, pl_diag_list *list)
{
    const char *sources[3] = {"long.csv", "issues.csv", "actors.csv"};
    const char *data[3] = {a, b, c};
    size_t sizes[3] = {0}, n = 0;
    for (; n < 3 && data[n] != NULL; n++)
        sizes[n] = strlen(data[n]);
    pl_diag_clear(diag);
    *out = (pl_scenario *)1;
    int rc = pl_read_long_tables(n, sources, data, sizes, out, diag, list);
    if (rc != PL_OK)
        assert_null(*out);
    return rc;
}

static const pl_stance *stance(const pl_scenario *s, const char *actor, const char *issue)
{
    size_t a, i;
    assert_int_equal(pl_scenario_find_actor(s, actor, &a), PL_OK);
    assert_int_equal(pl_scenario_find_issue(s, issue, &i), PL_OK);
    return pl_scenario_stance_const(s, a, i);
}

static int has_caveat(const pl_scenario *s, const char *needle)
{
    for (size_t k = 0; k < s->provenance.n_caveats; k++)
        if (test_contains(s->provenance.caveats[k], needle))
            return 1;
    return 0;
}

static const char long_table[] = "Actor,Issue,Position,Salience,Notes\n"
                                 "a,rent,5,40%,keep\n"
                                 "b,rent,7,90%,\n"
                                 "a,budget,60,80%,x\n"
                                 "b,budget,25,0.5,\n";
static const char issues_table[] = "Issue,Low,High,Outcome,Reference,Name\n"
                                   "rent,1,7,5,2,\"Rent (1 = none, 7 = cap)\"\n"
                                   "budget,0,100,55,,Budget share\n";
static const char actors_table[] = "Actor,Capability,Reservation,Veto,Name\n"
                                   "b,30,10%,no,Bloc B\n"
                                   "a,40,0.2,yes,Mayor\n";

/* The three tables, given in any order; the declared ranges, outcomes, % and notes. */
static void test_three_tables(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_diag diag;
    /* Given in the order actors, long, issues: recognised by their headers. */
    const char *sources[3] = {"x/actors.csv", "x/stances.csv", "x/issues.csv"};
    const char *data[3] = {actors_table, long_table, issues_table};
    size_t sizes[3] = {strlen(actors_table), strlen(long_table), strlen(issues_table)};
    assert_int_equal(pl_read_long_tables(3, sources, data, sizes, &s, &diag, NULL), PL_OK);
    assert_string_equal(s->format, "long-csv");
    assert_string_equal(s->id, "stances");
    /* Actors in the actors table's order, issues in the issues table's. */
    assert_int_equal(s->n_actors, 2);
    assert_string_equal(s->actors[0].id, "b");
    assert_string_equal(s->actors[1].name, "Mayor");
    assert_true(s->actors[1].capability == 40 && s->actors[1].veto == 1);
    assert_true(s->actors[0].reservation == 0.1 && s->actors[0].veto == 0);
    assert_true(s->actors[1].reservation == 0.2);
    assert_int_equal(s->n_issues, 2);
    assert_string_equal(s->issues[0].id, "rent");
    /* A 1-7 scale stays [1, 7] although the positions only span 5..7. */
    assert_true(s->issues[0].low == 1 && s->issues[0].high == 7);
    assert_string_equal(s->issues[0].name, "Rent (1 = none, 7 = cap)");
    assert_true(s->issues[0].has_outcome && s->issues[0].outcome == 5);
    assert_true(s->issues[0].has_reference && s->issues[0].reference == 2);
    assert_true(s->issues[1].has_outcome && !s->issues[1].has_reference);
    /* 40% is 0.4; 0.5 stays 0.5 (no plain salience exceeds 1). */
    assert_true(stance(s, "a", "rent")->salience == 0.4);
    assert_true(stance(s, "b", "budget")->salience == 0.5);
    assert_true(stance(s, "a", "budget")->position == 60);
    assert_true(has_caveat(s, "\"Notes\""));
    assert_false(has_caveat(s, "no declared range"));
    pl_scenario_free(s);
}

/* ';' with decimal commas, and tabs; plain saliences above 1 put every plain one on 0-100. */
static void test_separators(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_diag diag;
    assert_int_equal(read_tables("Stakeholder;Dimension;Position;Salience;Power\n"
                                 "a;x;2,5;80;10\n"
                                 "b;x;4;0,5;5\n",
                                 NULL, NULL, &s, &diag, NULL),
                     PL_OK);
    assert_true(stance(s, "a", "x")->position == 2.5);
    assert_true(stance(s, "a", "x")->salience == 0.8);
    assert_true(stance(s, "b", "x")->salience == 0.005);
    assert_true(s->actors[0].capability == 10 && s->actors[1].capability == 5);
    /* No issues table: the range is inferred and a caveat says so. */
    assert_true(s->issues[0].low == 2.5 && s->issues[0].high == 4);
    assert_true(has_caveat(s, "no declared range"));
    pl_scenario_free(s);
    assert_int_equal(read_tables("Actor\tIssue\tPosition\tSalience\n"
                                 "a b\tx\t1\t0.5\n"
                                 "c\tx\t3\t0.25\n",
                                 NULL, NULL, &s, &diag, NULL),
                     PL_OK);
    assert_string_equal(s->actors[0].id, "a b");
    assert_true(stance(s, "c", "x")->salience == 0.25);
    /* No capability anywhere: each counts 1, said in a caveat. */
    assert_true(s->actors[1].capability == 1);
    assert_true(has_caveat(s, "no capability"));
    pl_scenario_free(s);
}

/* A UTF-8 byte-order mark and CRLF line ends, as spreadsheets write them. */
static void test_bom_crlf(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_diag diag;
    assert_int_equal(read_tables("\xEF\xBB\xBF"
                                 "Actor,Issue,Position,Salience,Capability\r\n"
                                 "a,x,0,1,2\r\n"
                                 "a,y,10,0.5,3\r\n"
                                 "b,x,10,1,1\r\n",
                                 NULL, NULL, &s, &diag, NULL),
                     PL_OK);
    assert_string_equal(s->actors[0].id, "a");
    /* The actor's first capability is its own; another one is its capability on that issue. */
    assert_true(s->actors[0].capability == 2);
    assert_false(stance(s, "a", "x")->has_capability);
    assert_true(stance(s, "a", "y")->has_capability && stance(s, "a", "y")->capability == 3);
    /* b takes no part in y. */
    assert_false(stance(s, "b", "y")->present);
    pl_scenario_free(s);
}

/* Each bad cell at its line and column. */
static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, column;
        const char *message;
    } cases[] = {
        {"Actor,Issue,Position,Salience\na,x,,0.5\n", 2, 5, "Position is missing"},
        {"Actor,Issue,Position,Salience\na,x,1\n", 2, 6, "Salience is missing"},
        {"Actor,Issue,Position,Salience\na,x,1,0.5\nb,x,2,0.5\na,x,3,0.1\n", 4, 1,
         "a second row for actor \"a\" on issue \"x\" (the first is on line 2)"},
        {"Actor,Issue,Position,Salience\na,x,1,-3\n", 2, 7, "must not be negative"},
        {"Actor,Issue,Position,Salience\na,x,1,120%\n", 2, 7, "outside 0-100"},
        {"Actor,Issue,Position,Salience\na,x,one,0.5\n", 2, 5, "\"one\" is not a number"},
        {"Actor,Issue,Position,Salience\na,x,50%,0.5\n", 2, 5, "needs the issue's range"},
        {"Actor,Issue,Position,Salience\na,x,1,0.5,extra\n", 2, 11, "more fields"},
        {"Actor,Issue,Position,Salience\n\"a,x,1,0.5\n", 2, 1, "no closing quote"},
        {"Actor,Issue,Position,Salience,Capability\na,x,1,0.5,0\n", 2, 11, "positive"},
        {"Actor,Issue,Position,Salience\n", 2, 1, "no rows"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pl_scenario *s;
        pl_diag diag;
        assert_int_not_equal(read_tables(cases[k].text, NULL, NULL, &s, &diag, NULL), PL_OK);
        if (diag.line != cases[k].line || diag.column != cases[k].column ||
            !test_contains(diag.message, cases[k].message))
            fail_msg("case %zu: %d:%d: %s", k, diag.line, diag.column, diag.message);
        assert_string_equal(diag.source, "long.csv");
    }
}

/* The issues and actors tables are checked against each other and against the long table. */
static void test_table_errors(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_diag diag;
    assert_int_not_equal(read_tables("Actor,Issue,Position,Salience\na,rent,8,0.5\n",
                                     issues_table, NULL, &s, &diag, NULL),
                         PL_OK);
    assert_string_equal(diag.source, "long.csv");
    assert_true(test_contains(diag.message, "outside the range [1, 7]"));
    assert_int_not_equal(read_tables("Actor,Issue,Position,Salience\nz,rent,2,0.5\n",
                                     actors_table, NULL, &s, &diag, NULL),
                         PL_OK);
    assert_true(test_contains(diag.message, "actor \"z\" is not in the actors table"));
    assert_int_not_equal(read_tables(long_table, "Issue,Low,High\nrent,7,1\n", NULL, &s, &diag,
                                     NULL),
                         PL_OK);
    assert_string_equal(diag.source, "issues.csv");
    assert_int_equal(diag.line, 2);
    assert_int_not_equal(read_tables(long_table, "Issue,Low,High\nrent,1,7\nrent,1,5\n", NULL,
                                     &s, &diag, NULL),
                         PL_OK);
    assert_true(test_contains(diag.message, "listed twice (also on line 2)"));
    assert_int_not_equal(read_tables(issues_table, NULL, NULL, &s, &diag, NULL), PL_OK);
    assert_true(test_contains(diag.message, "needs a long table"));
    assert_int_not_equal(read_tables(long_table, "Actor,Capability\na,1\n",
                                     "Actor,Capability,Veto\nb,1,maybe\n", &s, &diag, NULL),
                         PL_OK);
    assert_true(test_contains(diag.message, "a second actors table"));
}

/* With a list, every bad cell of every table is reported, in reading order. */
static void test_every_error(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_diag diag;
    pl_diag_list list = PL_DIAG_LIST_INIT;
    int rc = read_tables("Actor,Issue,Position,Salience\n"
                         "a,x,,0.5\n"
                         "b,x,1,-1\n"
                         "c,x,2,0.5\n"
                         "c,y,1,0.5\n",
                         "Issue,Low,High\nx,0,10\n",
                         "Actor,Capability,Veto\na,1,\nb,0,\nc,1,maybe\n",
                         &s, &diag, &list);
    assert_int_equal(rc, PL_ERR_INVALID);
    /* actors.csv: b's capability, c's veto; long.csv: a's position, b's salience, issue y. */
    assert_int_equal(list.count, 5);
    assert_string_equal(list.items[0].source, "actors.csv");
    assert_int_equal(list.items[0].line, 3);
    assert_int_equal(list.items[1].line, 4);
    assert_string_equal(list.items[2].source, "long.csv");
    assert_int_equal(list.items[2].line, 2);
    assert_int_equal(list.items[3].line, 3);
    assert_int_equal(list.items[4].line, 5);
    assert_true(test_contains(list.items[4].message, "issue \"y\" is not in the issues table"));
    /* The first is also the diagnostic. */
    assert_int_equal(diag.line, 3);
    assert_string_equal(diag.source, "actors.csv");
    pl_diag_list_free(&list);
    /* The limit holds. */
    pl_diag_list two = {NULL, 0, 0, 2};
    read_tables("Actor,Issue,Position,Salience\na,x,,1\nb,x,,1\nc,x,,1\n", NULL, NULL, &s, &diag,
                &two);
    assert_int_equal(two.count, 2);
    pl_diag_list_free(&two);
}

/* Headers tell the tables apart from each other and from a stakeholder table. */
static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        pl_format format;
    } cases[] = {
        {"Actor,Issue,Position,Salience\n", PL_FORMAT_LONG_TABLE},
        {"issue;low;high;outcome\n", PL_FORMAT_ISSUES_TABLE},
        {"Stakeholder\tClout\tVeto\n", PL_FORMAT_ACTORS_TABLE},
        {"Actor,Capability,Position,Salience\n", PL_FORMAT_STAKEHOLDER},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        assert_int_equal(pl_detect_format("t.csv", cases[k].header, strlen(cases[k].header)),
                         cases[k].format);
}

/* Every prefix of a valid set: a scenario or an error with a position, never a crash. */
static void test_every_prefix(void **state)
{
    (void)state;
    size_t size = strlen(long_table);
    for (size_t n = 0; n <= size; n++) {
        char *exact = malloc(n ? n : 1);
        memcpy(exact, long_table, n);
        const char *sources[2] = {"long.csv", "issues.csv"};
        const char *data[2] = {exact, issues_table};
        size_t sizes[2] = {n, strlen(issues_table)};
        pl_scenario *s = NULL;
        pl_diag diag;
        if (pl_read_long_tables(2, sources, data, sizes, &s, &diag, NULL) == PL_OK)
            pl_scenario_free(s);
        else
            assert_true(diag.message[0] != '\0');
        free(exact);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_tables), cmocka_unit_test(test_separators),
        cmocka_unit_test(test_bom_crlf),     cmocka_unit_test(test_errors),
        cmocka_unit_test(test_table_errors), cmocka_unit_test(test_every_error),
        cmocka_unit_test(test_detect),       cmocka_unit_test(test_every_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
