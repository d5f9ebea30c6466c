/*
 * test_check.c - pl_check_scenario: every error of a scenario, one diagnostic
 * each (docs/cli-contract.md "Authoring": `parley validate` reports every
 * error it finds, up to 100).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* Five independent mistakes: each is wrong whatever the others are. */
static const char five_mistakes[] =
    "{\"parley\": 1,\n"
    " \"actors\": [\n"
    "  {\"id\": \"a\", \"capability\": -5,\n"
    "   \"stances\": {\"x\": {\"position\": 20, \"salience\": 1}}},\n"
    "  {\"id\": \"b\", \"capability\": 10, \"reservation\": 2,\n"
    "   \"stances\": {\"x\": {\"position\": 150, \"salience\": 0.5}}},\n"
    "  {\"id\": \"c\", \"capabilty\": 10}],\n"
    " \"issues\": [{\"id\": \"x\", \"range\": [0, 100]}],\n"
    " \"proposals\": [{\"id\": \"p\", \"positions\": {\"x\": 50}}],\n"
    " \"decision_rule\": {\"kind\": \"weighted_majority\", \"threshold\": 2}}\n";

static int check(const char *text, pl_diag_list *list, pl_scenario **out)
{
    *out = (pl_scenario *)1;
    return pl_check_scenario(PL_FORMAT_UNKNOWN, "five.json", text, strlen(text), out, list);
}

static void test_every_mistake_once(void **state)
{
    (void)state;
    pl_diag_list list = PL_DIAG_LIST_INIT;
    pl_scenario *s;
    assert_int_equal(check(five_mistakes, &list, &s), PL_ERR_INVALID);
    assert_null(s);
    static const char *const expected[] = {
        /* found while reading, then by validation of what was read */
        "actors[2].capabilty: unknown field (did you mean \"capability\"?)",
        "actors[0].capability: must be positive",
        "actors[1].reservation: must lie in [0, 1]",
        "actors[1].stances.x.position: 150 lies outside the issue's range [0, 100]",
        "decision_rule.threshold: must lie in (0, 1]",
    };
    assert_int_equal(list.count, 5);
    for (size_t k = 0; k < 5; k++) {
        assert_string_equal(list.items[k].message, expected[k]);
        assert_string_equal(list.items[k].source, "five.json");
        assert_int_equal(list.items[k].status, PL_ERR_INVALID);
    }
    pl_diag_list_free(&list);
    assert_null(list.items);
    /* The limit holds: two of the five. */
    pl_diag_list two = {NULL, 0, 0, 2};
    assert_int_equal(check(five_mistakes, &two, &s), PL_ERR_INVALID);
    assert_int_equal(two.count, 2);
    assert_string_equal(two.items[1].message, expected[1]);
    pl_diag_list_free(&two);
}

/* pl_read_scenario still stops at the first, which is the list's first. */
static void test_first_error_is_the_readers(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_diag diag;
    assert_int_equal(pl_read_scenario(PL_FORMAT_UNKNOWN, "five.json", five_mistakes,
                                      strlen(five_mistakes), &s, &diag),
                     PL_ERR_INVALID);
    assert_string_equal(diag.message,
                        "actors[2].capabilty: unknown field (did you mean \"capability\"?)");
}

/* A wrong issue: the stances measured against it are not reported as well. */
static void test_no_cascade(void **state)
{
    (void)state;
    const char *text = "{\"actors\": [{\"id\": \"a\", \"capability\": 1,"
                       " \"stances\": {\"x\": {\"position\": 5, \"salience\": 1}}}],"
                       " \"issues\": [{\"id\": \"x\", \"range\": [10, 0]}]}";
    pl_diag_list list = PL_DIAG_LIST_INIT;
    pl_scenario *s;
    assert_int_not_equal(check(text, &list, &s), PL_OK);
    assert_int_equal(list.count, 1);
    assert_true(test_contains(list.items[0].message, "issues[0].range"));
    pl_diag_list_free(&list);
}

/* A valid file: PL_OK, no item, the scenario. */
static void test_valid(void **state)
{
    (void)state;
    const char *text = "{\"actors\": [{\"id\": \"a\", \"capability\": 1,"
                       " \"stances\": {\"x\": {\"position\": 5, \"salience\": 1}}}],"
                       " \"issues\": [{\"id\": \"x\"}]}";
    pl_diag_list list = PL_DIAG_LIST_INIT;
    pl_scenario *s;
    assert_int_equal(check(text, &list, &s), PL_OK);
    assert_int_equal(list.count, 0);
    assert_non_null(s);
    pl_scenario_free(s);
}

/* A syntax error stops the reading: one item, at the token that is wrong. */
static void test_syntax_error(void **state)
{
    (void)state;
    pl_diag_list list = PL_DIAG_LIST_INIT;
    pl_scenario *s;
    assert_int_equal(check("{\n  \"actors\": []\n  \"issues\": []\n}", &list, &s), PL_ERR_SYNTAX);
    assert_int_equal(list.count, 1);
    assert_int_equal(list.items[0].line, 3);
    assert_int_equal(list.items[0].column, 3);
    assert_string_equal(list.items[0].message,
                        "expected ',' or '}' after member \"actors\" (missing ',' between "
                        "members?)");
    pl_diag_list_free(&list);
    /* Other formats: the reader's first error. */
    const char *table = "Actor,Capability,Position,Salience\na,-1,1,1\nb,-2,1,1\n";
    assert_int_equal(check(table, &list, &s), PL_ERR_INVALID);
    assert_int_equal(list.count, 1);
    assert_int_equal(list.items[0].line, 2);
    pl_diag_list_free(&list);
    /* Misuse. */
    assert_int_equal(pl_check_scenario(PL_FORMAT_UNKNOWN, "x", "{}", 2, &s, NULL),
                     PL_ERR_ARGUMENT);
    pl_diag_list_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_mistake_once),
        cmocka_unit_test(test_first_error_is_the_readers),
        cmocka_unit_test(test_no_cascade),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_syntax_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
