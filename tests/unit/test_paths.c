/*
 * test_paths.c - paths into a scenario (parley/paths.h): pl_scenario_set on
 * every example of the contract's "Paths into a scenario" section, quoted
 * ids, removal, bad paths and values (and the scenario left as it was), the
 * round trip of every input format, and pl_scenario_diff.
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

#define DEFAULT_SCENARIO PARLEY_SOURCE_DIR "/examples/peace-talks-2025.json"

static char *native_text(const pl_scenario *s)
{
    char *text = NULL;
    pl_diag diag;
    assert_int_equal(pl_write_parley_json(s, &text, &diag), PL_OK);
    return text;
}

static size_t actor(const pl_scenario *s, const char *id)
{
    size_t index = 0;
    assert_int_equal(pl_scenario_find_actor(s, id, &index), PL_OK);
    return index;
}

static size_t issue(const pl_scenario *s, const char *id)
{
    size_t index = 0;
    assert_int_equal(pl_scenario_find_issue(s, id, &index), PL_OK);
    return index;
}

/* The red line of actor `a` on issue `i`, or NULL. */
static const pl_red_line *red_line(const pl_scenario *s, size_t a, size_t i)
{
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].actor == a && s->red_lines[r].issue == i)
            return &s->red_lines[r];
    return NULL;
}

static void set_ok(pl_scenario *s, const char *assignment)
{
    pl_diag diag;
    int rc = pl_scenario_set_assignment(s, assignment, &diag);
    if (rc != PL_OK)
        fail_msg("%s: %s", assignment, diag.message);
}

/* The assignment fails with PL_ERR_INVALID, a message holding `part`, and no change. */
static void set_fails(pl_scenario *s, const char *assignment, const char *part)
{
    char *before = native_text(s);
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_scenario_set_assignment(s, assignment, &diag);
    if (rc != PL_ERR_INVALID || !test_contains(diag.message, part))
        fail_msg("%s: status %d, message \"%s\", wanted \"%s\"", assignment, rc, diag.message,
                 part);
    assert_int_equal(diag.line, 0);
    char *after = native_text(s);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* ---- the contract's examples ------------------------------------------------------------ */

static void contract_examples(void **state)
{
    (void)state;
    pl_scenario *s = test_load(DEFAULT_SCENARIO);
    size_t ua = actor(s, "UA"), ru = actor(s, "RU"), donetsk = issue(s, "donetsk");
    size_t n_red_lines = s->n_red_lines, proposal = 0;
    assert_non_null(red_line(s, ua, donetsk));
    assert_true(red_line(s, ua, donetsk)->high == 10); /* the example's "from" */

    set_ok(s, "actors.UA.red_lines.donetsk.max=90");
    assert_true(red_line(s, ua, donetsk)->high == 90);
    assert_true(red_line(s, ua, donetsk)->low == 0);
    assert_string_equal(red_line(s, ua, donetsk)->note, "ceding land needs a referendum");

    set_ok(s, "actors.RU.capability=120");
    assert_true(s->actors[ru].capability == 120);

    set_ok(s, "actors.UA.stances.donetsk.salience=0.8");
    assert_true(pl_scenario_stance_const(s, ua, donetsk)->salience == 0.8);

    set_ok(s, "actors.UA.red_lines.donetsk=null");
    assert_null(red_line(s, ua, donetsk));
    assert_int_equal(s->n_red_lines, n_red_lines - 1);

    set_ok(s, "proposals.us_revised.positions.donetsk=50");
    assert_int_equal(pl_scenario_find_proposal(s, "us_revised", &proposal), PL_OK);
    assert_true(s->proposals[proposal].values[donetsk] == 50);

    set_ok(s, "decision_rule.kind=weighted_majority");
    assert_int_equal(s->decision_rule.kind, PL_RULE_WEIGHTED_MAJORITY);
    assert_true(s->decision_rule.threshold == 0.5); /* the documented default */

    /* What was not named is as it was: RU's own red line, the other proposals. */
    assert_non_null(red_line(s, ru, donetsk));
    assert_true(red_line(s, ru, donetsk)->low == 90);
    assert_string_equal(s->format, "parley");
    pl_scenario_free(s);
}

static void values_of_every_kind(void **state)
{
    (void)state;
    pl_scenario *s = test_load(DEFAULT_SCENARIO);
    size_t donetsk = issue(s, "donetsk");
    set_ok(s, "issues.donetsk.range=[-50, 150]"); /* an array */
    assert_true(s->issues[donetsk].low == -50 && s->issues[donetsk].high == 150);
    set_ok(s, "issues.donetsk.range.1=200"); /* an element by index */
    assert_true(s->issues[donetsk].high == 200);
    set_ok(s, "actors.US.veto=false"); /* a boolean */
    assert_int_equal(s->actors[actor(s, "US")].veto, 0);
    set_ok(s, "name=\"Talks, revised\""); /* a JSON string */
    assert_string_equal(s->name, "Talks, revised");
    set_ok(s, "name=Talks revised again"); /* a bare word: a string */
    assert_string_equal(s->name, "Talks revised again");
    set_ok(s, "evaluation={\"acceptable\": 0.9}"); /* an object */
    assert_true(s->acceptable_threshold == 0.9);
    set_ok(s, "provenance.caveats.0=Changed by a test"); /* an element of a list of strings */
    assert_string_equal(s->provenance.caveats[0], "Changed by a test");
    pl_scenario_free(s);
}

static void adding_and_removing(void **state)
{
    (void)state;
    pl_scenario *s = test_load(DEFAULT_SCENARIO);
    size_t n = s->n_proposals, us = actor(s, "US"), nato = issue(s, "nato");
    /* A red line where there was none: its object is made along the way. */
    assert_null(red_line(s, us, nato));
    set_ok(s, "actors.US.red_lines.nato.max=60");
    assert_non_null(red_line(s, us, nato));
    assert_true(red_line(s, us, nato)->high == 60);
    /* A whole element of an id array: removed, then added back from the text of the
     * diff that says it is missing (an added member: no "from"). */
    pl_scenario *original = test_load(DEFAULT_SCENARIO);
    set_ok(s, "proposals.us_revised=null");
    assert_int_equal(s->n_proposals, n - 1);
    set_fails(s, "proposals.us_revised.positions.donetsk=50", "no proposal 'us_revised'");
    pl_scenario_changes *changes = NULL;
    pl_diag diag;
    assert_int_equal(pl_scenario_diff(s, original, &changes, &diag), PL_OK);
    assert_int_equal(changes->n_changes, 2); /* the red line above, then the proposal */
    assert_string_equal(changes->changes[0].path, "actors.US.red_lines"); /* US had none */
    assert_string_equal(changes->changes[1].path, "proposals.us_revised");
    assert_null(changes->changes[1].from);
    assert_true(test_contains(changes->changes[1].to, "\"positions\": {\"donetsk\": "));
    assert_int_equal(pl_scenario_set(s, "proposals.us_revised", changes->changes[1].to, &diag),
                     PL_OK);
    pl_scenario_changes_free(changes);
    size_t p;
    assert_int_equal(s->n_proposals, n);
    assert_int_equal(pl_scenario_find_proposal(s, "us_revised", &p), PL_OK);
    assert_int_equal(p, n - 1); /* added at the end */
    assert_int_equal(pl_scenario_find_proposal(original, "us_revised", &n), PL_OK);
    for (size_t i = 0; i < s->n_issues; i++)
        assert_true(s->proposals[p].values[i] == original->proposals[n].values[i]);
    pl_scenario_free(original);
    /* Optional members go with null; required ones cannot. */
    set_ok(s, "actors.UA.red_lines.donetsk.note=null");
    assert_null(red_line(s, actor(s, "UA"), issue(s, "donetsk"))->note);
    set_fails(s, "actors.UA.capability=null", "actors.UA.capability: missing (required)");
    set_fails(s, "actors.UA.discount=null", "nothing to remove: no member 'discount'");
    pl_scenario_free(s);
}

/* ---- quoted ids ------------------------------------------------------------------------- */

static const char *const dotted =
    "{\"actors\": [{\"id\": \"E.U.\", \"capability\": 2, \"stances\": {\"a.b\": {\"position\": "
    "20, \"salience\": 1}}}, {\"id\": \"say \\\"no\\\"\", \"capability\": 1}],"
    " \"issues\": [{\"id\": \"a.b\"}, {\"id\": \"x=y\", \"options\": [{\"id\": \"p\"},"
    " {\"id\": \"q\"}]}]}";

static void quoted_ids(void **state)
{
    (void)state;
    pl_scenario *s = test_read_text(PL_FORMAT_PARLEY_JSON, dotted, PL_OK, NULL);
    set_ok(s, "actors.\"E.U.\".capability=3");
    assert_true(s->actors[0].capability == 3);
    set_ok(s, "actors.\"E.U.\".stances.\"a.b\".position=75");
    assert_true(pl_scenario_stance_const(s, 0, 0)->position == 75);
    set_ok(s, "actors.\"say \\\"no\\\"\".capability=5"); /* \" inside quotes */
    assert_true(s->actors[1].capability == 5);
    set_ok(s, "issues.\"x=y\".options.q.label=Q"); /* an '=' inside quotes is not the split */
    assert_string_equal(s->issues[1].options[1].label, "Q");
    set_fails(s, "actors.\"E.U.capability=3", "no closing");
    set_fails(s, "actors.\"E.U.\"capability=3", "a '.' must follow a quoted id");
    pl_scenario_free(s);
}

/* ---- bad paths and values --------------------------------------------------------------- */

static void bad_paths(void **state)
{
    (void)state;
    pl_scenario *s = test_load(DEFAULT_SCENARIO);
    set_fails(s, "actors.XX.capability=1", "actors.XX.capability: no actor 'XX'");
    set_fails(s, "actors.Ua.capability=1", "(did you mean \"UA\"?)");
    set_fails(s, "actors.UA.stances.atlantis.salience=1", "actors.UA.stances.atlantis");
    set_fails(s, "actors.UA.capabilty=1",
              "actors.UA.capabilty: unknown field (did you mean \"capability\"?)");
    set_fails(s, "actors.UA.capability.value=1",
              "actors.UA.capability.value: actors.UA.capability is a number, with no member "
              "'value'");
    set_fails(s, "issues.donetsk.range.1=1", "no element 1 (the array has 0)"); /* at default */
    set_ok(s, "issues.donetsk.range=[0, 120]");
    set_fails(s, "issues.donetsk.range.x=1", "'x' is not an index");
    set_fails(s, "issues.donetsk.range.5=1", "no element 5 (the array has 2)");
    set_fails(s, "actors..capability=1", "empty step");
    set_fails(s, "actors.UA.=1", "empty step");
    set_fails(s, "=1", "empty path");
    set_fails(s, "actors.UA.capability", "no '='");
    set_fails(s, "actors.RU=5", "actors.RU: a whole actor is an object");
    set_fails(s, "actors.RU={\"id\": \"UA\", \"capability\": 1}", "is not the path's 'RU'");
    pl_scenario_free(s);
}

static void bad_values(void **state)
{
    (void)state;
    pl_scenario *s = test_load(DEFAULT_SCENARIO);
    /* Type errors as the reader words them, at the member's path. */
    set_fails(s, "actors.UA.capability=high",
              "actors.UA.capability: must be a number, not a string");
    set_fails(s, "actors.UA.veto=1", "actors.UA.veto: must be true or false, not a number");
    set_fails(s, "issues.donetsk.range=[0", "the value is not valid JSON");
    /* Range and consistency rules, from the validation, at the member's path. */
    set_fails(s, "actors.UA.reservation=2", "actors.UA.reservation");
    set_fails(s, "actors.UA.stances.donetsk.salience=-1", "actors.UA.stances.donetsk.salience");
    /* A change that breaks another member is reported where the break is. */
    set_fails(s, "issues.donetsk.range=[0, 5]", "actors.RU.");
    set_fails(s, "decision_rule.kind=plurality", "decision_rule.kind");
    pl_scenario_free(s);
}

/* ---- every input format survives the round trip ---------------------------------------- */

/*
 * A scenario read from another format goes through the native document and
 * back: doubling the first actor's capability changes that and nothing else
 * (restoring it by hand gives the same native text), and the format is kept.
 */
static void survives(pl_scenario *s, const char *format)
{
    assert_string_equal(s->format, format);
    char *before = native_text(s);
    double capability = s->actors[0].capability;
    char assignment[512];
    snprintf(assignment, sizeof assignment, "actors.\"%s\".capability=%.17g", s->actors[0].id,
             2 * capability);
    set_ok(s, assignment);
    assert_true(s->actors[0].capability == 2 * capability);
    assert_string_equal(s->format, format);
    s->actors[0].capability = capability;
    char *after = native_text(s);
    assert_string_equal(before, after);
    free(before);
    free(after);
    pl_scenario_free(s);
}

static pl_scenario *load_set(const char *first, const char *second, const char *third)
{
    char a[1024], b[1024], c[1024];
    snprintf(a, sizeof a, "%s", test_data_path(first));
    snprintf(b, sizeof b, "%s", test_data_path(second));
    snprintf(c, sizeof c, "%s", test_data_path(third));
    const char *paths[] = {a, b, c};
    pl_scenario *s = NULL;
    pl_diag diag;
    if (pl_load_scenario_files(paths, 3, &s, &diag) != PL_OK)
        fail_msg("%s: %s", diag.source, diag.message);
    return s;
}

static void every_format(void **state)
{
    (void)state;
    survives(test_load(test_data_path("ktab/dummyData_3Dim.csv")), "ktab-csv");
    survives(test_load(test_data_path("ktab/smpExample.xml")), "ktab-xml");
    survives(test_load(test_data_path("stakeholder/emission_standards.csv")), "stakeholder-csv");
    survives(test_load(test_data_path("decide/toll-road.txt")), "decide");
    survives(test_load(test_data_path("deu/deu3-sample.csv")), "deu");
    survives(load_set("genius/laptop/laptop_domain.xml", "genius/laptop/laptop_buyer_utility.xml",
                      "genius/laptop/laptop_seller_utility.xml"),
             "genius");
    survives(load_set("genius/geniusweb/jobs_domain.json", "genius/geniusweb/jobs1.json",
                      "genius/geniusweb/jobs2.json"),
             "geniusweb");
}

/* ---- pl_scenario_diff ------------------------------------------------------------------- */

static pl_scenario_changes *diff(const pl_scenario *a, const pl_scenario *b)
{
    pl_scenario_changes *changes = NULL;
    pl_diag diag;
    if (pl_scenario_diff(a, b, &changes, &diag) != PL_OK)
        fail_msg("diff: %s", diag.message);
    return changes;
}

static void diff_identical(void **state)
{
    (void)state;
    pl_scenario *a = test_load(DEFAULT_SCENARIO), *b = test_load(DEFAULT_SCENARIO);
    pl_scenario_changes *changes = diff(a, b);
    assert_int_equal(changes->n_changes, 0);
    pl_scenario_changes_free(changes);
    pl_scenario_changes_free(NULL);
    pl_scenario_free(a);
    pl_scenario_free(b);
}

static void diff_contract_example(void **state)
{
    (void)state;
    pl_scenario *a = test_load(DEFAULT_SCENARIO), *b = test_load(DEFAULT_SCENARIO);
    set_ok(b, "actors.UA.red_lines.donetsk.max=90");
    pl_scenario_changes *changes = diff(a, b);
    assert_int_equal(changes->n_changes, 1);
    assert_string_equal(changes->changes[0].path, "actors.UA.red_lines.donetsk.max");
    assert_string_equal(changes->changes[0].from, "10"); /* as written: no ".0" */
    assert_string_equal(changes->changes[0].to, "90");
    pl_scenario_changes_free(changes);
    /* Added and removed members have no "to" and no "from". */
    set_ok(b, "actors.RU.red_lines.donetsk=null");
    set_ok(b, "actors.US.discount=0.9");
    changes = diff(a, b);
    assert_int_equal(changes->n_changes, 3);
    assert_string_equal(changes->changes[0].path, "actors.RU.red_lines.donetsk");
    assert_non_null(changes->changes[0].from);
    assert_true(test_contains(changes->changes[0].from, "\"min\": 90"));
    assert_null(changes->changes[0].to);
    assert_string_equal(changes->changes[1].path, "actors.UA.red_lines.donetsk.max");
    assert_string_equal(changes->changes[2].path, "actors.US.discount");
    assert_null(changes->changes[2].from);
    assert_string_equal(changes->changes[2].to, "0.9");
    pl_scenario_changes_free(changes);
    pl_scenario_free(a);
    pl_scenario_free(b);
}

/* Replaying a diff's changes with pl_scenario_set turns A into B. */
static void replay(pl_scenario *a, const pl_scenario *b)
{
    pl_scenario_changes *changes = diff(a, b);
    assert_true(changes->n_changes > 0);
    for (size_t k = 0; k < changes->n_changes; k++) {
        const pl_scenario_change *c = &changes->changes[k];
        pl_diag diag;
        if (pl_scenario_set(a, c->path, c->to ? c->to : "null", &diag) != PL_OK)
            fail_msg("%s=%s: %s", c->path, c->to ? c->to : "null", diag.message);
    }
    pl_scenario_changes_free(changes);
    char *text_a = native_text(a), *text_b = native_text(b);
    assert_string_equal(text_a, text_b);
    free(text_a);
    free(text_b);
}

static void diff_replays(void **state)
{
    (void)state;
    pl_scenario *a = test_load(DEFAULT_SCENARIO), *b = test_load(DEFAULT_SCENARIO);
    set_ok(b, "actors.RU.capability=120");
    set_ok(b, "issues.donetsk.range=[0, 120]");
    set_ok(b, "proposals.russian_terms=null");
    set_ok(b, "actors.EU.stances=null");
    set_ok(b, "decision_rule={\"kind\": \"weighted_majority\", \"threshold\": 0.6}");
    set_ok(b, "horizon=12");
    replay(a, b);
    pl_scenario_free(a);
    pl_scenario_free(b);
    /* Quoted ids in the paths a diff writes. */
    a = test_read_text(PL_FORMAT_PARLEY_JSON, dotted, PL_OK, NULL);
    b = test_read_text(PL_FORMAT_PARLEY_JSON, dotted, PL_OK, NULL);
    set_ok(b, "actors.\"E.U.\".stances.\"a.b\".position=75");
    pl_scenario_changes *changes = diff(a, b);
    assert_int_equal(changes->n_changes, 1);
    assert_string_equal(changes->changes[0].path, "actors.\"E.U.\".stances.\"a.b\".position");
    pl_scenario_changes_free(changes);
    replay(a, b);
    pl_scenario_free(a);
    pl_scenario_free(b);
}

static void arguments(void **state)
{
    (void)state;
    pl_scenario *s = test_load(DEFAULT_SCENARIO);
    pl_diag diag;
    assert_int_equal(pl_scenario_set(NULL, "name", "x", &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_scenario_set(s, NULL, "x", &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_scenario_set(s, "name", NULL, NULL), PL_ERR_ARGUMENT);
    assert_int_equal(pl_scenario_set_assignment(s, NULL, &diag), PL_ERR_ARGUMENT);
    pl_scenario_changes *changes = NULL;
    assert_int_equal(pl_scenario_diff(s, NULL, &changes, &diag), PL_ERR_ARGUMENT);
    assert_null(changes);
    /* A diagnostic's source is the caller's to set: a call leaves it as it was. */
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, "--set");
    assert_int_equal(pl_scenario_set(s, "actors.XX.capability", "1", &diag), PL_ERR_INVALID);
    assert_string_equal(diag.source, "--set");
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contract_examples),  cmocka_unit_test(values_of_every_kind),
        cmocka_unit_test(adding_and_removing), cmocka_unit_test(quoted_ids),
        cmocka_unit_test(bad_paths),          cmocka_unit_test(bad_values),
        cmocka_unit_test(every_format),       cmocka_unit_test(diff_identical),
        cmocka_unit_test(diff_contract_example), cmocka_unit_test(diff_replays),
        cmocka_unit_test(arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
