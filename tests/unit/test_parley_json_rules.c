/*
 * test_parley_json_rules.c - every rule a well-formed native JSON scenario can
 * break, each with the exact message (which starts with the JSON path of the
 * wrong field) and status.
 *
 * Each case changes one place of a valid base document and reads the result:
 * one cmocka test per case, named after it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/*
 * The base document, written with ' for " to keep it readable. RU and UA are
 * referred to by the uncertainty, shock and KTAB sections; US is not.
 */
static const char base_document[] =
    "{'parley': 1, 'id': 'base',"
    " 'provenance': {'sources': ['s'], 'judgements': ['salience']},"
    " 'actors': ["
    "  {'id': 'RU', 'capability': 90, 'reservation': 0.6, 'veto': true,"
    "   'stances': {'donetsk': {'position': 100, 'salience': 1},"
    "               'monitor': {'values': {'un': 0, 'osce': 0.5, 'none': 1}, 'salience': 0.5}},"
    "   'red_lines': {'donetsk': {'min': 90}, 'monitor': {'allowed': ['osce', 'none']}}},"
    "  {'id': 'UA', 'capability': 50, 'veto': true,"
    "   'stances': {'donetsk': {'position': 0, 'salience': 1}}},"
    "  {'id': 'US', 'capability': 100}],"
    " 'issues': [{'id': 'donetsk', 'range': [0, 100]},"
    "            {'id': 'monitor', 'options': [{'id': 'un'}, {'id': 'osce'}, {'id': 'none'}]}],"
    " 'proposals': [{'id': 'p1', 'positions': {'donetsk': 95, 'monitor': 'osce'}}],"
    " 'decision_rule': {'kind': 'weighted_majority', 'threshold': 0.5},"
    " 'uncertainty': [{'id': 'u1', 'draws': [{'actor': 'RU', 'quantity': 'position',"
    "                                          'issue': 'donetsk', 'spread': 5}]}],"
    " 'shocks': [{'id': 's1', 'changes': [{'actor': 'UA', 'quantity': 'capability',"
    "                                      'multiply': 1.2}]}],"
    " 'ktab': {'parameters': {'VotingRule': 'Proportional'},"
    "          'ideal_adjustment': [{'actor': 'RU', 'reference': 'UA', 'adjust': 0.5}]}}";

typedef struct rule_case {
    const char *name;
    const char *path;    /* where to change the base document: "actors[0].capability" */
    const char *value;   /* the new JSON value there (' for "), or NULL to remove it */
    int status;
    const char *message; /* the whole expected message */
} rule_case;

#define INVALID PL_ERR_INVALID

static const rule_case cases[] = {
    /* the document */
    {"actors_not_array", "actors", "{}", INVALID, "actors: must be an array, not an object"},
    {"actors_missing", "actors", NULL, INVALID, "actors: missing (required)"},
    {"issues_missing", "issues", NULL, INVALID, "issues: missing (required)"},
    {"top_level_typo", "actor", "[]", INVALID,
     "actor: unknown field (did you mean \"actors\"?)"},
    {"top_level_unknown", "comment", "'x'", INVALID, "comment: unknown field"},
    {"id_not_string", "id", "7", INVALID, "id: must be a string, not a number"},
    {"version_newer", "parley", "2", PL_ERR_UNSUPPORTED,
     "parley: format version 2 is not supported (this parley reads version 1)"},
    {"version_not_number", "parley", "'1'", INVALID, "parley: must be a number, not a string"},
    {"schema_not_string", "$schema", "1", INVALID, "$schema: must be a string, not a number"},
    /* provenance */
    {"judgement_unknown", "provenance.judgements[0]", "'power'", INVALID,
     "provenance.judgements[0]: unknown quantity \"power\" (expected \"capability\", "
     "\"reservation\", \"position\", \"salience\" or \"red_line\")"},
    {"source_not_string", "provenance.sources[0]", "1", INVALID,
     "provenance.sources[0]: must be a string, not a number"},
    {"provenance_typo", "provenance.source", "[]", INVALID,
     "provenance.source: unknown field (did you mean \"sources\"?)"},
    /* actors */
    {"actor_not_object", "actors[1]", "'UA'", INVALID,
     "actors[1]: must be an object, not a string"},
    {"actor_field_typo", "actors[0].capabilty", "1", INVALID,
     "actors[0].capabilty: unknown field (did you mean \"capability\"?)"},
    {"actor_id_missing", "actors[2].id", NULL, INVALID, "actors[2].id: missing (required)"},
    {"actor_id_number", "actors[2].id", "3", INVALID,
     "actors[2].id: must be a string, not a number"},
    {"actor_id_empty", "actors[2].id", "''", INVALID, "actors[2].id: must not be empty"},
    {"actor_id_duplicate", "actors[2].id", "'RU'", INVALID,
     "actors[2].id: duplicate id \"RU\" (also actors[0])"},
    {"actor_name_number", "actors[0].name", "5", INVALID,
     "actors[0].name: must be a string, not a number"},
    {"capability_missing", "actors[1].capability", NULL, INVALID,
     "actors[1].capability: missing (required)"},
    {"capability_string", "actors[0].capability", "'90'", INVALID,
     "actors[0].capability: must be a number, not a string"},
    {"capability_zero", "actors[1].capability", "0", INVALID,
     "actors[1].capability: must be positive"},
    {"capability_negative", "actors[2].capability", "-5", INVALID,
     "actors[2].capability: must be positive"},
    {"reservation_above_one", "actors[0].reservation", "1.5", INVALID,
     "actors[0].reservation: must lie in [0, 1]"},
    {"reservation_negative", "actors[2].reservation", "-0.1", INVALID,
     "actors[2].reservation: must lie in [0, 1]"},
    {"veto_number", "actors[0].veto", "1", INVALID,
     "actors[0].veto: must be true or false, not a number"},
    {"discount_zero", "actors[0].discount", "0", INVALID,
     "actors[0].discount: must lie in (0, 1]"},
    {"discount_above_one", "actors[1].discount", "1.5", INVALID,
     "actors[1].discount: must lie in (0, 1]"},
    {"discount_string", "actors[2].discount", "'0.5'", INVALID,
     "actors[2].discount: must be a number, not a string"},
    /* stances */
    {"stances_array", "actors[0].stances", "[]", INVALID,
     "actors[0].stances: must be an object, not an array"},
    {"stance_issue_typo", "actors[1].stances.donetsk2", "{'position': 1, 'salience': 1}",
     INVALID, "actors[1].stances.donetsk2: unknown issue (did you mean \"donetsk\"?)"},
    {"stance_issue_unknown", "actors[1].stances.crimea", "{'position': 1, 'salience': 1}",
     INVALID, "actors[1].stances.crimea: unknown issue"},
    {"stance_number", "actors[1].stances.donetsk", "5", INVALID,
     "actors[1].stances.donetsk: must be an object, not a number"},
    {"stance_field_typo", "actors[0].stances.donetsk.salince", "1", INVALID,
     "actors[0].stances.donetsk.salince: unknown field (did you mean \"salience\"?)"},
    {"salience_above_100", "actors[0].stances.donetsk.salience", "150", INVALID,
     "actors[0].stances.donetsk.salience: must lie in [0, 1]"},
    {"salience_negative", "actors[1].stances.donetsk.salience", "-0.2", INVALID,
     "actors[1].stances.donetsk.salience: must lie in [0, 1]"},
    {"salience_missing", "actors[0].stances.donetsk.salience", NULL, INVALID,
     "actors[0].stances.donetsk.salience: missing (required)"},
    {"salience_of_options_above_100", "actors[0].stances.monitor.salience", "200", INVALID,
     "actors[0].stances.monitor.salience: must lie in [0, 1]"},
    {"position_missing", "actors[0].stances.donetsk.position", NULL, INVALID,
     "actors[0].stances.donetsk.position: missing (required)"},
    {"position_string", "actors[0].stances.donetsk.position", "'100'", INVALID,
     "actors[0].stances.donetsk.position: must be a number, not a string"},
    {"position_outside_range", "actors[0].stances.donetsk.position", "120", INVALID,
     "actors[0].stances.donetsk.position: 120 lies outside the issue's range [0, 100]"},
    {"stance_capability_zero", "actors[0].stances.donetsk.capability", "0", INVALID,
     "actors[0].stances.donetsk.capability: must be positive"},
    {"values_on_continuous", "actors[0].stances.donetsk.values", "{}", INVALID,
     "actors[0].stances.donetsk.values: only for options issues; give a \"position\" on this "
     "issue's range"},
    {"position_on_options", "actors[0].stances.monitor.position", "5", INVALID,
     "actors[0].stances.monitor.position: this issue has options: give \"values\", one per "
     "option"},
    {"values_missing", "actors[0].stances.monitor.values", NULL, INVALID,
     "actors[0].stances.monitor.values: missing (required)"},
    {"values_array", "actors[0].stances.monitor.values", "[0, 0.5, 1]", INVALID,
     "actors[0].stances.monitor.values: must be an object, not an array"},
    {"option_value_missing", "actors[0].stances.monitor.values.none", NULL, INVALID,
     "actors[0].stances.monitor.values.none: missing (every option needs a value)"},
    {"option_value_unknown", "actors[0].stances.monitor.values.nato", "1", INVALID,
     "actors[0].stances.monitor.values.nato: unknown option \"nato\" of issue \"monitor\""},
    {"option_value_typo", "actors[0].stances.monitor.values.ocse", "1", INVALID,
     "actors[0].stances.monitor.values.ocse: unknown option \"ocse\" of issue \"monitor\" "
     "(did you mean \"osce\"?)"},
    {"option_value_above_one", "actors[0].stances.monitor.values.none", "1.5", INVALID,
     "actors[0].stances.monitor.values.none: must lie in [0, 1]"},
    /* red lines */
    {"red_line_empty_interval", "actors[0].red_lines.donetsk", "{'min': 90, 'max': 80}",
     INVALID, "actors[0].red_lines.donetsk: empty interval (min 90 is above max 80)"},
    {"red_line_outside_range", "actors[0].red_lines.donetsk.min", "-10", INVALID,
     "actors[0].red_lines.donetsk: [-10, 100] reaches outside the issue's range [0, 100]"},
    {"red_line_no_bound", "actors[0].red_lines.donetsk", "{'note': 'x'}", INVALID,
     "actors[0].red_lines.donetsk: needs \"min\", \"max\" or both"},
    {"red_line_bound_string", "actors[0].red_lines.donetsk.max", "'95'", INVALID,
     "actors[0].red_lines.donetsk.max: must be a number, not a string"},
    {"red_line_unknown_issue", "actors[0].red_lines.crimea", "{'min': 1}", INVALID,
     "actors[0].red_lines.crimea: unknown issue"},
    {"red_line_note_number", "actors[0].red_lines.donetsk.note", "1", INVALID,
     "actors[0].red_lines.donetsk.note: must be a string, not a number"},
    {"red_line_field_typo", "actors[0].red_lines.donetsk.mni", "1", INVALID,
     "actors[0].red_lines.donetsk.mni: unknown field (did you mean \"min\"?)"},
    {"allowed_on_continuous", "actors[0].red_lines.donetsk.allowed", "[]", INVALID,
     "actors[0].red_lines.donetsk.allowed: only for options issues; give \"min\" and/or "
     "\"max\" on this issue"},
    {"options_red_line_allows_nothing", "actors[0].red_lines.monitor.allowed", "[]", INVALID,
     "actors[0].red_lines.monitor.allowed: allows no option at all"},
    {"options_red_line_unknown_option", "actors[0].red_lines.monitor.allowed[1]", "'x'",
     INVALID,
     "actors[0].red_lines.monitor.allowed[1]: unknown option \"x\" of issue \"monitor\""},
    {"options_red_line_number", "actors[0].red_lines.monitor.allowed[0]", "1", INVALID,
     "actors[0].red_lines.monitor.allowed[0]: must be an option id (a string), not a number"},
    {"options_red_line_min", "actors[0].red_lines.monitor.min", "1", INVALID,
     "actors[0].red_lines.monitor.min: this issue has options: list the \"allowed\" ones"},
    {"options_red_line_allowed_missing", "actors[0].red_lines.monitor.allowed", NULL, INVALID,
     "actors[0].red_lines.monitor.allowed: missing (required)"},
    /* issues */
    {"issue_id_missing", "issues[0].id", NULL, INVALID, "issues[0].id: missing (required)"},
    {"issue_id_duplicate", "issues[1].id", "'donetsk'", INVALID,
     "issues[1].id: duplicate id \"donetsk\" (also issues[0])"},
    {"issue_field_typo", "issues[0].rnage", "[0, 1]", INVALID,
     "issues[0].rnage: unknown field (did you mean \"range\"?)"},
    {"range_reversed", "issues[0].range", "[100, 0]", INVALID,
     "issues[0].range: low end 100 must be below high end 0"},
    {"range_one_number", "issues[0].range", "[0]", INVALID,
     "issues[0].range: must be [low, high], two numbers"},
    {"range_string_end", "issues[0].range[1]", "'100'", INVALID,
     "issues[0].range[1]: must be a number, not a string"},
    {"range_not_array", "issues[0].range", "100", INVALID,
     "issues[0].range: must be an array, not a number"},
    {"scale_outside_range", "issues[0].scale", "[{'value': 150, 'label': 'x'}]", INVALID,
     "issues[0].scale[0].value: must lie in the range [0, 100]"},
    {"scale_label_missing", "issues[0].scale", "[{'value': 50}]", INVALID,
     "issues[0].scale[0].label: missing (required)"},
    {"outcome_outside_range", "issues[0].outcome", "120", INVALID,
     "issues[0].outcome: 120 lies outside the issue's range [0, 100]"},
    {"reference_outside_range", "issues[0].reference", "-5", INVALID,
     "issues[0].reference: -5 lies outside the issue's range [0, 100]"},
    {"reference_not_number", "issues[0].reference", "'status quo'", INVALID,
     "issues[0].reference: must be a number, not a string"},
    {"outcome_option_not_id", "issues[1].outcome", "1", INVALID,
     "issues[1].outcome: must be an option id (a string), not a number"},
    {"outcome_option_unknown", "issues[1].outcome", "'nato'", INVALID,
     "issues[1].outcome: unknown option \"nato\" of issue \"monitor\""},
    {"reference_option_typo", "issues[1].reference", "'osc'", INVALID,
     "issues[1].reference: unknown option \"osc\" of issue \"monitor\" (did you mean "
     "\"osce\"?)"},
    {"ordered_continuous", "issues[0].ordered", "true", INVALID,
     "issues[0].ordered: only options issues can be ordered"},
    {"ordered_not_bool", "issues[1].ordered", "'yes'", INVALID,
     "issues[1].ordered: must be true or false, not a string"},
    {"one_option", "issues[2]", "{'id': 'extra', 'options': [{'id': 'only'}]}", INVALID,
     "issues[2].options: an options issue needs at least two options"},
    {"option_duplicate", "issues[1].options[2].id", "'un'", INVALID,
     "issues[1].options[2].id: duplicate id \"un\" (also issues[1].options[0])"},
    {"option_id_missing", "issues[1].options[1].id", NULL, INVALID,
     "issues[1].options[1].id: missing (required)"},
    {"option_position_outside", "issues[1].options[0].position", "150", INVALID,
     "issues[1].options[0].position: must lie in the range [0, 100]"},
    {"option_field_typo", "issues[1].options[0].lable", "'x'", INVALID,
     "issues[1].options[0].lable: unknown field (did you mean \"label\"?)"},
    /* proposals */
    {"proposal_missing_issue", "proposals[0].positions.monitor", NULL, INVALID,
     "proposals[0].positions.monitor: missing (a proposal sets every issue)"},
    {"proposal_outside_range", "proposals[0].positions.donetsk", "101", INVALID,
     "proposals[0].positions.donetsk: 101 lies outside the issue's range [0, 100]"},
    {"proposal_unknown_option", "proposals[0].positions.monitor", "'nato'", INVALID,
     "proposals[0].positions.monitor: unknown option \"nato\" of issue \"monitor\""},
    {"proposal_option_number", "proposals[0].positions.monitor", "1", INVALID,
     "proposals[0].positions.monitor: must be an option id (a string), not a number"},
    {"proposal_position_string", "proposals[0].positions.donetsk", "'95'", INVALID,
     "proposals[0].positions.donetsk: must be a number, not a string"},
    {"proposal_unknown_issue", "proposals[0].positions.crimea", "5", INVALID,
     "proposals[0].positions.crimea: unknown issue"},
    {"proposal_positions_missing", "proposals[0].positions", NULL, INVALID,
     "proposals[0].positions: missing (required)"},
    {"proposal_id_duplicate", "proposals[1]",
     "{'id': 'p1', 'positions': {'donetsk': 5, 'monitor': 'un'}}", INVALID,
     "proposals[1].id: duplicate id \"p1\" (also proposals[0])"},
    /* decision rule and evaluation */
    {"rule_unknown", "decision_rule.kind", "'majority'", INVALID,
     "decision_rule.kind: unknown value \"majority\" (expected \"unanimity\" or "
     "\"weighted_majority\")"},
    {"rule_kind_missing", "decision_rule.kind", NULL, INVALID,
     "decision_rule.kind: missing (required)"},
    {"rule_threshold_above_one", "decision_rule.threshold", "1.5", INVALID,
     "decision_rule.threshold: must lie in (0, 1]"},
    {"rule_threshold_zero", "decision_rule.threshold", "0", INVALID,
     "decision_rule.threshold: must lie in (0, 1]"},
    {"critical_above_acceptable", "evaluation", "{'critical': 0.8}", INVALID,
     "evaluation.critical: 0.8 is above the acceptable threshold 0.75"},
    {"acceptable_above_one", "evaluation", "{'acceptable': 1.2}", INVALID,
     "evaluation.acceptable: must lie in [0, 1]"},
    {"utility_unknown", "evaluation", "{'utility': 'cubic'}", INVALID,
     "evaluation.utility: unknown value \"cubic\" (expected \"linear\" or \"quadratic\")"},
    /* uncertainty */
    {"draw_actor_typo", "uncertainty[0].draws[0].actor", "'RUS'", INVALID,
     "uncertainty[0].draws[0].actor: unknown actor \"RUS\" (did you mean \"RU\"?)"},
    {"draw_quantity_unknown", "uncertainty[0].draws[0].quantity", "'power'", INVALID,
     "uncertainty[0].draws[0].quantity: unknown value \"power\" (expected \"capability\", "
     "\"reservation\", \"position\", \"salience\" or \"red_line\")"},
    {"draw_issue_unknown", "uncertainty[0].draws[0].issue", "'crimea'", INVALID,
     "uncertainty[0].draws[0].issue: unknown issue \"crimea\""},
    {"draw_capability_on_issue", "uncertainty[0].draws[0].quantity", "'capability'", INVALID,
     "uncertainty[0].draws[0].issue: capability belongs to the actor, not to an issue"},
    {"draw_distribution_unknown", "uncertainty[0].draws[0].distribution", "'lognormal'",
     INVALID,
     "uncertainty[0].draws[0].distribution: unknown value \"lognormal\" (expected "
     "\"uniform\", \"normal\" or \"triangular\")"},
    {"draw_spread_zero", "uncertainty[0].draws[0].spread", "0", INVALID,
     "uncertainty[0].draws[0].spread: must be a positive number"},
    {"draw_spread_missing", "uncertainty[0].draws[0].spread", NULL, INVALID,
     "uncertainty[0].draws[0].spread: missing (required)"},
    {"draws_not_array", "uncertainty[0].draws", "{}", INVALID,
     "uncertainty[0].draws: must be an array, not an object"},
    {"uncertainty_id_missing", "uncertainty[0].id", NULL, INVALID,
     "uncertainty[0].id: missing (required)"},
    {"uncertainty_id_duplicate", "uncertainty[1]", "{'id': 'u1'}", INVALID,
     "uncertainty[1].id: duplicate id \"u1\" (also uncertainty[0])"},
    /* shocks */
    {"change_two_operations", "shocks[0].changes[0].add", "1", INVALID,
     "shocks[0].changes[0]: needs exactly one of \"add\", \"multiply\" or \"set\" (it has 2)"},
    {"change_no_operation", "shocks[0].changes[0].multiply", NULL, INVALID,
     "shocks[0].changes[0]: needs exactly one of \"add\", \"multiply\" or \"set\" (it has 0)"},
    {"change_amount_string", "shocks[0].changes[0].multiply", "'x'", INVALID,
     "shocks[0].changes[0].multiply: must be a number, not a string"},
    {"change_actor_unknown", "shocks[0].changes[0].actor", "'XX'", INVALID,
     "shocks[0].changes[0].actor: unknown actor \"XX\""},
    {"change_sets_red_line", "shocks[0].changes[0]",
     "{'actor': 'RU', 'quantity': 'red_line', 'issue': 'donetsk', 'set': 5}", INVALID,
     "shocks[0].changes[0]: a red line can be shifted (add) or scaled, not set to one number"},
    {"start_round_zero", "shocks[0].start_round", "0", INVALID,
     "shocks[0].start_round: must be at least 1"},
    {"start_round_fraction", "shocks[0].start_round", "1.5", INVALID,
     "shocks[0].start_round: must be a whole number, not 1.5"},
    {"every_negative", "shocks[0].every", "-1", INVALID, "shocks[0].every: must not be negative"},
    {"changes_empty", "shocks[0].changes", "[]", INVALID,
     "shocks[0].changes: a shock needs at least one change"},
    {"shock_id_duplicate", "shocks[1]",
     "{'id': 's1', 'changes': [{'actor': 'US', 'quantity': 'reservation', 'set': 0.1}]}",
     INVALID, "shocks[1].id: duplicate id \"s1\" (also shocks[0])"},
    /* KTAB settings */
    {"ktab_parameter_typo", "ktab.parameters.VotingRul", "'x'", INVALID,
     "ktab.parameters.VotingRul: unknown KTAB parameter (did you mean \"VotingRule\"?)"},
    {"ktab_parameter_number", "ktab.parameters.VotingRule", "1", INVALID,
     "ktab.parameters.VotingRule: must be a string, not a number"},
    {"ktab_reference_unknown", "ktab.ideal_adjustment[0].reference", "'XX'", INVALID,
     "ktab.ideal_adjustment[0].reference: unknown actor \"XX\""},
    {"ktab_adjust_missing", "ktab.ideal_adjustment[0].adjust", NULL, INVALID,
     "ktab.ideal_adjustment[0].adjust: missing (required)"},
    {"ktab_seed_number", "ktab.seed", "42", INVALID, "ktab.seed: must be a string, not a number"},
};

#define N_CASES (sizeof cases / sizeof cases[0])

/* Replace every ' by ". */
static char *double_quoted(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    for (char *p = copy; *p; p++)
        if (*p == '\'')
            *p = '"';
    return copy;
}

static json_t *parse_value(const char *text)
{
    char *quoted = double_quoted(text);
    json_error_t error;
    json_t *value = json_loads(quoted, JSON_DECODE_ANY, &error);
    if (value == NULL)
        print_error("bad JSON in a test case: %s (%s)\n", quoted, error.text);
    free(quoted);
    assert_non_null(value);
    return value;
}

/*
 * Set (value != NULL) or remove the member or element at `path` of `root`.
 * Steps are "key" or "[index]"; an index one past the end appends.
 */
static void change_at(json_t *root, const char *path, json_t *value)
{
    json_t *node = root;
    const char *p = path;
    for (;;) {
        char key[64];
        long index = -1;
        if (*p == '[') {
            index = strtol(p + 1, (char **)&p, 10);
            assert_int_equal(*p++, ']');
        } else {
            size_t n = strcspn(p, ".[");
            assert_true(n > 0 && n < sizeof key);
            memcpy(key, p, n);
            key[n] = '\0';
            p += n;
        }
        if (*p == '.')
            p++;
        int last = *p == '\0';
        if (index >= 0) {
            assert_true(json_is_array(node));
            if (last && value == NULL)
                assert_int_equal(json_array_remove(node, (size_t)index), 0);
            else if (last && (size_t)index == json_array_size(node))
                assert_int_equal(json_array_append_new(node, value), 0);
            else if (last)
                assert_int_equal(json_array_set_new(node, (size_t)index, value), 0);
            else
                node = json_array_get(node, (size_t)index);
        } else {
            assert_true(json_is_object(node));
            if (last && value == NULL)
                assert_int_equal(json_object_del(node, key), 0);
            else if (last)
                assert_int_equal(json_object_set_new(node, key, value), 0);
            else
                node = json_object_get(node, key);
        }
        if (last)
            return;
        assert_non_null(node);
    }
}

static void base_document_is_valid(void **state)
{
    (void)state;
    char *text = double_quoted(base_document);
    pl_scenario *s = test_read_text(PL_FORMAT_PARLEY_JSON, text, PL_OK, NULL);
    assert_int_equal(s->n_actors, 3);
    assert_int_equal(s->n_red_lines, 2);
    assert_int_equal(s->ktab.n_adjustments, 1);
    pl_scenario_free(s);
    free(text);
}

static void rule_is_enforced(void **state)
{
    const rule_case *c = *state;
    json_t *root = parse_value(base_document);
    change_at(root, c->path, c->value ? parse_value(c->value) : NULL);
    char *text = json_dumps(root, JSON_INDENT(1));
    json_decref(root);
    assert_non_null(text);
    pl_diag diag;
    pl_scenario *s = test_read_text(PL_FORMAT_PARLEY_JSON, text, c->status, &diag);
    free(text);
    assert_null(s);
    assert_int_equal(diag.status, c->status);
    assert_string_equal(diag.source, "test-input");
    /* Semantic errors have no position: the path in the message says where. */
    assert_int_equal(diag.line, 0);
    assert_int_equal(diag.column, 0);
    assert_string_equal(diag.message, c->message);
}

static void empty_lists_are_refused(void **state)
{
    (void)state;
    pl_diag diag;
    test_read_text(PL_FORMAT_PARLEY_JSON,
                   "{\"issues\": [], \"actors\": [{\"id\": \"a\", \"capability\": 1}]}",
                   PL_ERR_INVALID, &diag);
    assert_string_equal(diag.message, "issues: a scenario needs at least one issue");
    test_read_text(PL_FORMAT_PARLEY_JSON, "{\"issues\": [{\"id\": \"x\"}], \"actors\": []}",
                   PL_ERR_INVALID, &diag);
    assert_string_equal(diag.message, "actors: a scenario needs at least one actor");
    test_read_text(PL_FORMAT_PARLEY_JSON, "[]", PL_ERR_INVALID, &diag);
    assert_string_equal(diag.message, "(document): must be an object, not an array");
}

int main(void)
{
    static struct CMUnitTest tests[N_CASES + 2];
    tests[0] = (struct CMUnitTest)cmocka_unit_test(base_document_is_valid);
    tests[1] = (struct CMUnitTest)cmocka_unit_test(empty_lists_are_refused);
    for (size_t k = 0; k < N_CASES; k++)
        tests[k + 2] = (struct CMUnitTest){cases[k].name, rule_is_enforced, NULL, NULL,
                                           (void *)&cases[k]};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
