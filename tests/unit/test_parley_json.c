/*
 * test_parley_json.c - the native JSON format: reading every field, writing
 * and reading back, and syntax errors with their line and column.
 * The rules a well-formed file can break are in test_parley_json_rules.c.
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

static char *read_whole_file(const char *path)
{
    char *data = NULL;
    size_t size = 0;
    pl_diag diag;
    int rc = pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, &diag);
    if (rc != PL_OK)
        fail_msg("cannot read %s: %s", path, diag.message);
    return data;
}

static char *write_text(const pl_scenario *s)
{
    char *text = NULL;
    pl_diag diag;
    int rc = pl_write_parley_json(s, &text, &diag);
    if (rc != PL_OK)
        print_error("write failed: %s\n", diag.message);
    assert_int_equal(rc, PL_OK);
    assert_non_null(text);
    return text;
}

static pl_scenario *read_json(const char *text)
{
    return test_read_text(PL_FORMAT_PARLEY_JSON, text, PL_OK, NULL);
}

static int same_string(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* ---- the full example: every field ----------------------------------------------------- */

static void full_reads_header_and_provenance(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    assert_string_equal(s->id, "test-full");
    assert_string_equal(s->name, "Full test scenario");
    assert_string_equal(s->format, "parley");
    const pl_provenance *p = &s->provenance;
    assert_string_equal(p->description,
                        "Every field of the native format, for the reader's tests.");
    assert_string_equal(p->date, "2025-12-03");
    assert_int_equal(p->n_sources, 2);
    assert_string_equal(p->sources[0], "Invented for the tests");
    assert_string_equal(p->sources[1], "https://example.org/talks");
    assert_int_equal(p->n_caveats, 1);
    assert_string_equal(p->caveats[0], "Numbers are made up.");
    assert_int_equal(p->judgements, (1u << PL_QUANTITY_CAPABILITY) |
                                        (1u << PL_QUANTITY_RESERVATION) |
                                        (1u << PL_QUANTITY_SALIENCE));
    pl_scenario_free(s);
}

static void full_reads_actors(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    assert_int_equal(s->n_actors, 3);
    const pl_actor *north = &s->actors[0], *south = &s->actors[1], *mediator = &s->actors[2];
    assert_string_equal(north->id, "north");
    assert_string_equal(north->name, "Northland");
    assert_string_equal(north->description, "The stronger side.");
    assert_true(north->capability == 90 && north->reservation == 0.62 && north->veto);
    assert_string_equal(south->id, "south");
    assert_string_equal(south->name, "south"); /* the name defaults to the id */
    assert_null(south->description);
    assert_true(south->capability == 50.5 && south->reservation == 0 && south->veto);
    assert_string_equal(mediator->name, "Mediator");
    assert_true(mediator->capability == 100 && mediator->reservation == 0.3);
    assert_false(mediator->veto);
    pl_scenario_free(s);
}

static void full_reads_stances(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    const pl_stance *st = pl_scenario_stance_const(s, 0, 0); /* north on border */
    assert_true(st->present && st->position == 8.5 && st->salience == 0.9);
    assert_false(st->has_capability);
    st = pl_scenario_stance_const(s, 0, 1); /* north on army: its own capability */
    assert_true(st->present && st->position == 70 && st->salience == 0.35);
    assert_true(st->has_capability && st->capability == 120);
    assert_true(pl_scenario_capability_on(s, 0, 1) == 120);
    assert_true(pl_scenario_capability_on(s, 0, 0) == 90);
    st = pl_scenario_stance_const(s, 0, 2); /* north on monitor: one value per option */
    assert_true(st->present && st->salience == 0.4);
    assert_non_null(st->option_values);
    assert_true(st->option_values[0] == 0.2 && st->option_values[1] == 0.5 &&
                st->option_values[2] == 1);
    assert_false(pl_scenario_stance_const(s, 1, 2)->present); /* south: absent */
    assert_false(pl_scenario_stance_const(s, 2, 1)->present); /* mediator: absent */
    st = pl_scenario_stance_const(s, 2, 2);
    assert_true(st->option_values[0] == 1 && st->option_values[1] == 0.75 &&
                st->option_values[2] == 0 && st->salience == 0.25);
    assert_true(st->has_capability && st->capability == 30);
    pl_scenario_free(s);
}

static void full_reads_red_lines(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    assert_int_equal(s->n_red_lines, 4);
    const pl_red_line *r = s->red_lines;
    /* north, border: only "min", so max is the range's high end (10). */
    assert_true(r[0].actor == 0 && r[0].issue == 0 && r[0].low == 6 && r[0].high == 10);
    assert_string_equal(r[0].note, "No return to the old line.");
    assert_true(r[1].actor == 0 && r[1].issue == 2);
    assert_true(!r[1].allowed[0] && r[1].allowed[1] && r[1].allowed[2]);
    assert_string_equal(r[1].note, "No UN troops.");
    /* south, army: only "max", so min is the range's low end (0); in file order. */
    assert_true(r[2].actor == 1 && r[2].issue == 1 && r[2].low == 0 && r[2].high == 45);
    assert_null(r[2].note);
    assert_true(r[3].actor == 1 && r[3].issue == 0 && r[3].low == 0.5 && r[3].high == 3);
    pl_scenario_free(s);
}

static void full_reads_issues(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    assert_int_equal(s->n_issues, 3);
    const pl_issue *border = &s->issues[0], *army = &s->issues[1], *monitor = &s->issues[2];
    assert_string_equal(border->name, "Border line");
    assert_string_equal(border->description, "Where the line is drawn.");
    assert_int_equal(border->kind, PL_ISSUE_CONTINUOUS);
    assert_true(border->low == 0 && border->high == 10);
    assert_string_equal(border->low_label, "line of 1991");
    assert_string_equal(border->high_label, "line of contact");
    assert_int_equal(border->n_scale_points, 2);
    assert_true(border->scale_points[1].value == 10);
    assert_string_equal(border->scale_points[0].label, "status quo ante");
    assert_string_equal(army->name, "army");
    assert_true(army->low == 0 && army->high == 100); /* the default range */
    assert_null(army->low_label);
    assert_int_equal(monitor->kind, PL_ISSUE_OPTIONS);
    assert_true(monitor->ordered);
    assert_int_equal(monitor->n_options, 3);
    assert_string_equal(monitor->options[0].id, "un");
    assert_string_equal(monitor->options[0].label, "UN mission");
    assert_true(monitor->options[0].has_position && monitor->options[0].position == 20);
    assert_string_equal(monitor->options[1].label, "osce");
    assert_false(monitor->options[1].has_position);
    assert_true(monitor->options[2].position == 100);
    pl_scenario_free(s);
}

static void full_reads_proposals_and_rules(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    assert_int_equal(s->n_proposals, 2);
    const pl_proposal *a = &s->proposals[0], *b = &s->proposals[1];
    assert_string_equal(a->name, "Plan A");
    assert_string_equal(a->description, "The first draft.");
    assert_string_equal(a->date, "2025-11-20");
    assert_true(a->values[0] == 5 && a->values[1] == 45 && a->values[2] == 0);
    assert_string_equal(b->name, "plan_b");
    assert_null(b->date);
    assert_true(b->values[0] == 2.5 && b->values[1] == 30 && b->values[2] == 1);
    assert_int_equal(s->decision_rule.kind, PL_RULE_WEIGHTED_MAJORITY);
    assert_true(s->decision_rule.threshold == 0.6);
    assert_true(s->acceptable_threshold == 0.8 && s->critical_threshold == 0.4);
    assert_int_equal(s->utility_form, PL_UTILITY_QUADRATIC);
    pl_scenario_free(s);
}

static void full_reads_uncertainty_shocks_ktab(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/full.json"));
    assert_int_equal(s->n_uncertainties, 1);
    const pl_uncertainty *u = &s->uncertainties[0];
    assert_string_equal(u->id, "sincerity");
    assert_string_equal(u->name, "Sincerity in doubt");
    assert_string_equal(u->description, "Is the north bluffing?");
    assert_int_equal(u->n_draws, 3);
    assert_true(u->draws[0].actor == 0 && u->draws[0].issue == 0);
    assert_true(u->draws[0].quantity == PL_QUANTITY_POSITION &&
                u->draws[0].distribution == PL_DISTRIBUTION_NORMAL && u->draws[0].spread == 1.5);
    assert_true(u->draws[1].actor == 1 && u->draws[1].issue == PL_ALL_ISSUES);
    assert_true(u->draws[1].quantity == PL_QUANTITY_CAPABILITY &&
                u->draws[1].distribution == PL_DISTRIBUTION_UNIFORM && u->draws[1].spread == 5);
    assert_true(u->draws[2].quantity == PL_QUANTITY_RED_LINE &&
                u->draws[2].distribution == PL_DISTRIBUTION_TRIANGULAR &&
                u->draws[2].issue == PL_ALL_ISSUES);
    assert_int_equal(s->n_shocks, 1);
    const pl_shock *k = &s->shocks[0];
    assert_string_equal(k->name, "Battlefield gains");
    assert_true(k->start_round == 2 && k->every == 3 && k->n_changes == 3);
    assert_true(k->changes[0].actor == 0 && k->changes[0].quantity == PL_QUANTITY_CAPABILITY &&
                k->changes[0].operation == PL_CHANGE_MULTIPLY && k->changes[0].value == 1.1 &&
                k->changes[0].issue == PL_ALL_ISSUES);
    assert_true(k->changes[1].issue == 1 && k->changes[1].operation == PL_CHANGE_ADD &&
                k->changes[1].value == -5);
    assert_true(k->changes[2].actor == 2 && k->changes[2].operation == PL_CHANGE_SET &&
                k->changes[2].value == 0.2);
    assert_string_equal(s->ktab.seed, "12345");
    assert_string_equal(s->ktab.parameters[0], "Linear"); /* VictoryProbModel */
    assert_string_equal(s->ktab.parameters[8], "InterpSelf"); /* BargnModel */
    for (size_t p = 1; p < 8; p++)
        assert_null(s->ktab.parameters[p]);
    assert_int_equal(s->ktab.n_adjustments, 1);
    assert_true(s->ktab.adjustments[0].adjusting_actor == 0 &&
                s->ktab.adjustments[0].reference_actor == 1 &&
                s->ktab.adjustments[0].adjust == 0.25);
    pl_scenario_free(s);
}

static void minimal_file_takes_every_default(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/minimal.json"));
    assert_null(s->id);
    assert_null(s->name);
    assert_null(s->provenance.description);
    assert_int_equal(s->provenance.judgements, 0);
    assert_string_equal(s->actors[0].name, "a");
    assert_true(s->actors[0].reservation == 0 && !s->actors[0].veto);
    assert_true(s->issues[0].low == 0 && s->issues[0].high == 100);
    assert_int_equal(s->issues[0].kind, PL_ISSUE_CONTINUOUS);
    assert_int_equal(s->n_proposals + s->n_red_lines + s->n_uncertainties + s->n_shocks, 0);
    assert_int_equal(s->decision_rule.kind, PL_RULE_UNANIMITY);
    assert_true(s->acceptable_threshold == 0.75 && s->critical_threshold == 0.5);
    assert_int_equal(s->utility_form, PL_UTILITY_LINEAR);
    assert_null(s->ktab.seed);
    pl_scenario_free(s);
}

static void byte_order_mark_is_skipped(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/bom.json"));
    assert_string_equal(s->actors[0].id, "a");
    assert_true(s->actors[0].capability == 2);
    pl_scenario_free(s);
}

static void schema_key_and_unicode_are_accepted(void **state)
{
    (void)state;
    pl_scenario *s = read_json("{\"$schema\": \"../docs/scenario.schema.json\", \"parley\": 1,"
                               " \"issues\": [{\"id\": \"x\"}],"
                               " \"actors\": [{\"id\": \"UA\", \"name\": \"\\u0423\\u043a\","
                               " \"capability\": 1e1}]}");
    assert_string_equal(s->actors[0].name, "\xD0\xA3\xD0\xBA");
    assert_true(s->actors[0].capability == 10);
    pl_scenario_free(s);
}

/* The first ```json block after `heading` in docs/scenario-format.md (free()). */
static char *doc_example(const char *heading)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/scenario-format.md", PARLEY_SOURCE_DIR);
    char *doc = read_whole_file(path);
    char *start = strstr(doc, heading);
    assert_non_null(start);
    start = strstr(start, "```json\n");
    assert_non_null(start);
    start += strlen("```json\n");
    char *end = strstr(start, "\n```");
    assert_non_null(end);
    char *example = strndup(start, (size_t)(end - start));
    free(doc);
    assert_non_null(example);
    return example;
}

static void examples_in_the_format_document_are_valid(void **state)
{
    (void)state;
    char *text = doc_example("## A first file");
    pl_scenario *s = read_json(text);
    assert_int_equal(s->n_actors, 2);
    assert_true(pl_scenario_stance_const(s, 1, 0)->salience == 0.8);
    pl_scenario_free(s);
    free(text);
    text = doc_example("## A complete example");
    s = read_json(text);
    assert_string_equal(s->id, "harbour-deal");
    assert_int_equal(s->n_actors, 3);
    assert_int_equal(s->issues[1].kind, PL_ISSUE_OPTIONS);
    assert_int_equal(s->n_red_lines, 2);
    assert_true(s->red_lines[0].low == 50 && s->red_lines[0].high == 100);
    assert_true(s->proposals[0].values[0] == 60 && s->proposals[0].values[1] == 2);
    assert_true(s->shocks[0].start_round == 3 && s->shocks[0].changes[0].value == 2);
    pl_scenario_free(s);
    free(text);
}

/* ---- writing and reading back ---------------------------------------------------------- */

static void assert_actors_equal(const pl_scenario *a, const pl_scenario *b)
{
    assert_int_equal(a->n_actors, b->n_actors);
    for (size_t k = 0; k < a->n_actors; k++) {
        const pl_actor *x = &a->actors[k], *y = &b->actors[k];
        assert_true(same_string(x->id, y->id) && same_string(x->name, y->name) &&
                    same_string(x->description, y->description));
        assert_true(x->capability == y->capability && x->reservation == y->reservation &&
                    x->veto == y->veto);
        for (size_t i = 0; i < a->n_issues; i++) {
            const pl_stance *s = pl_scenario_stance_const(a, k, i);
            const pl_stance *t = pl_scenario_stance_const(b, k, i);
            assert_int_equal(s->present, t->present);
            if (!s->present)
                continue;
            assert_true(s->salience == t->salience && s->has_capability == t->has_capability);
            assert_true(!s->has_capability || s->capability == t->capability);
            if (a->issues[i].kind == PL_ISSUE_CONTINUOUS)
                assert_true(s->position == t->position);
            for (size_t o = 0; s->option_values && o < a->issues[i].n_options; o++)
                assert_true(s->option_values[o] == t->option_values[o]);
        }
    }
}

static void assert_issues_equal(const pl_scenario *a, const pl_scenario *b)
{
    assert_int_equal(a->n_issues, b->n_issues);
    for (size_t i = 0; i < a->n_issues; i++) {
        const pl_issue *x = &a->issues[i], *y = &b->issues[i];
        assert_true(same_string(x->id, y->id) && same_string(x->name, y->name) &&
                    same_string(x->description, y->description) &&
                    same_string(x->low_label, y->low_label) &&
                    same_string(x->high_label, y->high_label));
        assert_true(x->kind == y->kind && x->low == y->low && x->high == y->high &&
                    x->ordered == y->ordered);
        assert_true(x->has_reference == y->has_reference && x->has_outcome == y->has_outcome);
        assert_true(!x->has_reference || x->reference == y->reference);
        assert_true(!x->has_outcome || x->outcome == y->outcome);
        assert_int_equal(x->n_scale_points, y->n_scale_points);
        for (size_t k = 0; k < x->n_scale_points; k++)
            assert_true(x->scale_points[k].value == y->scale_points[k].value &&
                        same_string(x->scale_points[k].label, y->scale_points[k].label));
        assert_int_equal(x->n_options, y->n_options);
        for (size_t k = 0; k < x->n_options; k++)
            assert_true(same_string(x->options[k].id, y->options[k].id) &&
                        same_string(x->options[k].label, y->options[k].label) &&
                        x->options[k].has_position == y->options[k].has_position &&
                        x->options[k].position == y->options[k].position);
    }
}

static void assert_lines_and_proposals_equal(const pl_scenario *a, const pl_scenario *b)
{
    assert_int_equal(a->n_red_lines, b->n_red_lines);
    for (size_t r = 0; r < a->n_red_lines; r++) {
        const pl_red_line *x = &a->red_lines[r], *y = &b->red_lines[r];
        assert_true(x->actor == y->actor && x->issue == y->issue && same_string(x->note, y->note));
        if (x->allowed == NULL)
            assert_true(x->low == y->low && x->high == y->high && y->allowed == NULL);
        else
            assert_memory_equal(x->allowed, y->allowed, a->issues[x->issue].n_options);
    }
    assert_int_equal(a->n_proposals, b->n_proposals);
    for (size_t p = 0; p < a->n_proposals; p++) {
        const pl_proposal *x = &a->proposals[p], *y = &b->proposals[p];
        assert_true(same_string(x->id, y->id) && same_string(x->name, y->name) &&
                    same_string(x->description, y->description) && same_string(x->date, y->date));
        assert_memory_equal(x->values, y->values, a->n_issues * sizeof *x->values);
    }
}

static void assert_events_equal(const pl_scenario *a, const pl_scenario *b)
{
    assert_int_equal(a->n_uncertainties, b->n_uncertainties);
    for (size_t u = 0; u < a->n_uncertainties; u++) {
        const pl_uncertainty *x = &a->uncertainties[u], *y = &b->uncertainties[u];
        assert_true(same_string(x->id, y->id) && same_string(x->name, y->name) &&
                    same_string(x->description, y->description));
        assert_int_equal(x->n_draws, y->n_draws);
        for (size_t d = 0; d < x->n_draws; d++)
            assert_memory_equal(&x->draws[d], &y->draws[d], sizeof x->draws[d]);
    }
    assert_int_equal(a->n_shocks, b->n_shocks);
    for (size_t k = 0; k < a->n_shocks; k++) {
        const pl_shock *x = &a->shocks[k], *y = &b->shocks[k];
        assert_true(same_string(x->id, y->id) && same_string(x->name, y->name) &&
                    same_string(x->description, y->description));
        assert_true(x->start_round == y->start_round && x->every == y->every);
        assert_int_equal(x->n_changes, y->n_changes);
        for (size_t c = 0; c < x->n_changes; c++)
            assert_memory_equal(&x->changes[c], &y->changes[c], sizeof x->changes[c]);
    }
}

static void assert_scenarios_equal(const pl_scenario *a, const pl_scenario *b)
{
    assert_true(same_string(a->id, b->id) && same_string(a->name, b->name));
    const pl_provenance *p = &a->provenance, *q = &b->provenance;
    assert_true(same_string(p->description, q->description) && same_string(p->date, q->date));
    assert_true(p->n_sources == q->n_sources && p->n_caveats == q->n_caveats &&
                p->judgements == q->judgements);
    for (size_t k = 0; k < p->n_sources; k++)
        assert_string_equal(p->sources[k], q->sources[k]);
    for (size_t k = 0; k < p->n_caveats; k++)
        assert_string_equal(p->caveats[k], q->caveats[k]);
    assert_issues_equal(a, b);
    assert_actors_equal(a, b);
    assert_lines_and_proposals_equal(a, b);
    assert_true(a->decision_rule.kind == b->decision_rule.kind &&
                a->decision_rule.threshold == b->decision_rule.threshold);
    assert_true(a->utility_form == b->utility_form &&
                a->acceptable_threshold == b->acceptable_threshold &&
                a->critical_threshold == b->critical_threshold);
    assert_events_equal(a, b);
    assert_true(same_string(a->ktab.seed, b->ktab.seed));
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        assert_true(same_string(a->ktab.parameters[k], b->ktab.parameters[k]));
    assert_int_equal(a->ktab.n_adjustments, b->ktab.n_adjustments);
    for (size_t k = 0; k < a->ktab.n_adjustments; k++)
        assert_memory_equal(&a->ktab.adjustments[k], &b->ktab.adjustments[k],
                            sizeof a->ktab.adjustments[k]);
}

/* Write, read back, compare the scenarios, write again: the texts must be the same. */
static char *round_trip(const pl_scenario *s)
{
    char *first = write_text(s);
    pl_scenario *back = read_json(first);
    assert_scenarios_equal(s, back);
    char *second = write_text(back);
    assert_string_equal(first, second);
    free(second);
    pl_scenario_free(back);
    return first;
}

static void full_file_is_written_back_as_it_is(void **state)
{
    (void)state;
    /* full.json is in the writer's own layout, so writing it must reproduce it byte for byte. */
    const char *path = test_data_path("native/full.json");
    char *file = read_whole_file(path);
    pl_scenario *s = test_load(path);
    char *text = round_trip(s);
    assert_string_equal(text, file);
    free(text);
    free(file);
    pl_scenario_free(s);
}

static void minimal_scenario_writes_no_defaults(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/minimal.json"));
    char *text = round_trip(s);
    assert_string_equal(text, "{\n"
                              "  \"parley\": 1,\n"
                              "  \"actors\": [\n"
                              "    {\n"
                              "      \"id\": \"a\",\n"
                              "      \"capability\": 1,\n"
                              "      \"stances\": {\n"
                              "        \"x\": {\n"
                              "          \"position\": 50,\n"
                              "          \"salience\": 1\n"
                              "        }\n"
                              "      }\n"
                              "    }\n"
                              "  ],\n"
                              "  \"issues\": [\n"
                              "    {\n"
                              "      \"id\": \"x\"\n"
                              "    }\n"
                              "  ]\n"
                              "}\n");
    free(text);
    pl_scenario_free(s);
}

/* One continuous issue on [-1, 1] and one actor per capability in `capabilities`. */
static pl_scenario *built_scenario(const double *capabilities, size_t n)
{
    pl_scenario *s = NULL;
    char id[32];
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(pl_scenario_add_continuous_issue(s, "x", "X", -1, 1, NULL), PL_OK);
    for (size_t a = 0; a < n; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, capabilities[a], NULL), PL_OK);
    }
    return s;
}

static void numbers_are_written_in_fewest_digits(void **state)
{
    (void)state;
    const double capabilities[] = {90, 1e20, 1.0 / 3, 9007199254740992.0, 2.5e-300, 0.7};
    pl_scenario *s = built_scenario(capabilities, 6);
    assert_int_equal(pl_scenario_set_position(s, 0, 0, -0.1, 0.35), PL_OK);
    char *text = round_trip(s);
    assert_true(test_contains(text, "\"capability\": 90,\n"));
    assert_true(test_contains(text, "\"capability\": 1e+20\n"));
    assert_true(test_contains(text, "\"capability\": 0.3333333333333333\n"));
    /* 2^53 is no longer exact as an integer in every reader: it stays a real. */
    assert_true(test_contains(text, "\"capability\": 9007199254740992.0\n"));
    assert_true(test_contains(text, "\"capability\": 2.5e-300\n"));
    assert_true(test_contains(text, "\"capability\": 0.7\n"));
    assert_true(test_contains(text, "\"position\": -0.1,\n"));
    assert_true(test_contains(text, "\"salience\": 0.35\n"));
    assert_true(test_contains(text, "\"range\": [\n        -1,\n        1\n      ]"));
    assert_false(test_contains(text, "99999"));
    assert_int_equal(text[strlen(text) - 1], '\n');
    free(text);
    pl_scenario_free(s);
}

static void unusual_values_survive_the_round_trip(void **state)
{
    (void)state;
    const double capabilities[] = {1, 2};
    pl_scenario *s = built_scenario(capabilities, 2);
    size_t u, k;
    /* A red line over the whole range keeps both bounds; a unanimity threshold is kept. */
    assert_int_equal(pl_scenario_add_red_line(s, 1, 0, -1, 1, NULL), PL_OK);
    s->decision_rule.threshold = 0.9;
    assert_int_equal(pl_scenario_add_uncertainty(s, "empty", &u), PL_OK);
    assert_int_equal(pl_scenario_add_shock(s, "late", &k), PL_OK);
    pl_change change = {1, 0, PL_QUANTITY_RED_LINE, PL_CHANGE_MULTIPLY, 0.5};
    assert_int_equal(pl_scenario_add_change(s, k, &change), PL_OK);
    s->shocks[k].start_round = 7;
    assert_int_equal(pl_scenario_set_string(&s->ktab.parameters[3], "Proportional"), PL_OK);
    assert_int_equal(pl_scenario_set_string(&s->actors[0].name, "\xD0\xA3\xD0\xBA\"\\"), PL_OK);
    char *text = round_trip(s);
    assert_true(test_contains(text, "\"min\": -1,\n"));
    assert_true(test_contains(text, "\"max\": 1\n"));
    assert_true(test_contains(text, "\"kind\": \"unanimity\",\n    \"threshold\": 0.9\n"));
    assert_true(test_contains(text, "\"draws\": []"));
    assert_true(test_contains(text, "\"start_round\": 7,\n"));
    assert_true(test_contains(text, "\"VotingRule\": \"Proportional\"\n"));
    assert_true(test_contains(text, "\"name\": \"\xD0\xA3\xD0\xBA\\\"\\\\\",\n"));
    free(text);
    pl_scenario_free(s);
}

static void reference_and_outcome_survive_the_round_trip(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("native/outcomes.json"));
    assert_true(s->issues[0].has_reference && s->issues[0].reference == 20);
    assert_true(s->issues[0].has_outcome && s->issues[0].outcome == 35);
    assert_true(!s->issues[1].has_reference && s->issues[1].has_outcome);
    assert_true(s->issues[1].outcome == 62.5);
    size_t last = s->n_issues - 1;
    assert_int_equal(s->issues[last].kind, PL_ISSUE_OPTIONS);
    assert_true(s->issues[last].has_reference && s->issues[last].reference == 0);
    assert_true(s->issues[last].has_outcome && s->issues[last].outcome == 1);
    char *text = round_trip(s);
    assert_true(test_contains(text, "\"reference\": 20,\n"));
    assert_true(test_contains(text, "\"outcome\": 62.5\n"));
    assert_true(test_contains(text, "\"reference\": \"none\",\n"));
    assert_true(test_contains(text, "\"outcome\": \"partial\"\n"));
    free(text);
    pl_scenario_free(s);
}

static void writer_refuses_an_invalid_scenario(void **state)
{
    (void)state;
    const double capabilities[] = {1};
    pl_scenario *s = built_scenario(capabilities, 1);
    assert_int_equal(pl_scenario_add_proposal(s, "p", NULL, NULL), PL_OK);
    char *text = (char *)"untouched";
    pl_diag diag;
    assert_int_equal(pl_write_parley_json(s, &text, &diag), PL_ERR_INVALID);
    assert_null(text);
    assert_string_equal(diag.message,
                        "proposals[0].positions.x: missing (a proposal sets every issue)");
    pl_scenario_free(s);
}

static void writer_refuses_text_that_is_not_utf8(void **state)
{
    (void)state;
    const double capabilities[] = {1};
    pl_scenario *s = built_scenario(capabilities, 1);
    assert_int_equal(pl_scenario_set_string(&s->actors[0].description, "caf\xE9"), PL_OK);
    char *text = NULL;
    pl_diag diag;
    assert_int_equal(pl_write_parley_json(s, &text, &diag), PL_ERR_INVALID);
    assert_null(text);
    assert_string_equal(diag.message, "cannot write \"caf\xE9\": not valid UTF-8 text");
    /* In an id, the text is a JSON key. */
    assert_int_equal(pl_scenario_set_string(&s->actors[0].description, NULL), PL_OK);
    assert_int_equal(pl_scenario_set_position(s, 0, 0, 0, 1), PL_OK);
    assert_int_equal(pl_scenario_set_string(&s->issues[0].id, "\xC0\xAF"), PL_OK);
    assert_int_equal(pl_write_parley_json(s, &text, &diag), PL_ERR_INVALID);
    assert_string_equal(diag.message, "cannot write \"\xC0\xAF\": not valid UTF-8 text");
    assert_null(text);
    pl_scenario_free(s);
}

static void bad_arguments_are_refused(void **state)
{
    (void)state;
    pl_diag diag;
    char *text = NULL;
    assert_int_equal(pl_read_parley_json("x", "{}", 2, NULL, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_write_parley_json(NULL, &text, &diag), PL_ERR_ARGUMENT);
    /* A NULL diagnostic is allowed, on success and on failure. */
    pl_scenario *s = NULL;
    const char *good = "{\"issues\": [{\"id\": \"x\"}], \"actors\": [{\"id\": \"a\", "
                       "\"capability\": 1}]}";
    assert_int_equal(pl_read_parley_json(NULL, good, strlen(good), &s, NULL), PL_OK);
    assert_int_equal(pl_write_parley_json(s, &text, NULL), PL_OK);
    free(text);
    pl_scenario_free(s);
    assert_int_equal(pl_read_parley_json(NULL, "{", 1, &s, NULL), PL_ERR_SYNTAX);
    assert_null(s);
    assert_int_equal(pl_read_parley_json(NULL, "{}", 2, &s, NULL), PL_ERR_INVALID);
    assert_null(s);
}

/* ---- syntax errors: line and column ---------------------------------------------------- */

#define VALUE                                                                                      \
    "expected a value (a number, a string in double quotes, true, false, null, an object or an "  \
    "array)"

static void assert_file_syntax_error(const char *name, int line, int column, const char *message)
{
    const char *path = test_data_path(name);
    char source[4096];
    snprintf(source, sizeof source, "%s", path);
    pl_scenario *s = NULL;
    pl_diag diag;
    assert_int_equal(pl_load_scenario(source, &s, &diag), PL_ERR_SYNTAX);
    assert_null(s);
    assert_string_equal(diag.source, source);
    assert_int_equal(diag.line, line);
    assert_int_equal(diag.column, column);
    assert_string_equal(diag.message, message);
}

static void syntax_errors_in_files_give_line_and_column(void **state)
{
    (void)state;
    /* At the first character of the token that cannot come there, with what was expected
     * (json_syntax.c); what the grammar does not judge keeps jansson's words and place. */
    assert_file_syntax_error("native/bad/missing-comma.json", 6, 16,
                             "expected ',' or '}' after member \"id\" (missing ',' between "
                             "members?)");
    assert_file_syntax_error("native/bad/duplicate-key.json", 5, 17,
                             "duplicate object key near '\"capability\"'");
    assert_file_syntax_error("native/bad/nan.json", 3, 40,
                             "NaN is not a JSON number; " VALUE);
}

static void semantic_errors_in_files_give_the_path(void **state)
{
    (void)state;
    char source[4096];
    snprintf(source, sizeof source, "%s", test_data_path("native/bad/unknown-field.json"));
    pl_scenario *s = NULL;
    pl_diag diag;
    assert_int_equal(pl_load_scenario(source, &s, &diag), PL_ERR_INVALID);
    assert_null(s);
    assert_string_equal(diag.source, source);
    assert_int_equal(diag.line, 0);
    assert_int_equal(diag.column, 0);
    assert_string_equal(diag.message,
                        "actors[0].capabilty: unknown field (did you mean \"capability\"?)");
}

static void assert_text_syntax_error(const char *text, int line, int column, const char *message)
{
    pl_diag diag;
    test_read_text(PL_FORMAT_PARLEY_JSON, text, PL_ERR_SYNTAX, &diag);
    assert_string_equal(diag.source, "test-input");
    assert_int_equal(diag.line, line);
    assert_int_equal(diag.column, column);
    assert_string_equal(diag.message, message);
}

static void syntax_errors_in_text_give_line_and_column(void **state)
{
    (void)state;
    assert_text_syntax_error("", 1, 1, "the file is empty: expected a JSON document ('{' ...)");
    assert_text_syntax_error("{\n  \"issues\": [\n", 3, 1,
                             "the file ends inside the '[' opened on line 2, column 13 (missing "
                             "']'?)");
    assert_text_syntax_error("{\"a\": 1} x", 1, 10, "unexpected text after the end of the document");
    assert_text_syntax_error("{\"a\": 1,}", 1, 8, "',' before '}': JSON allows no trailing comma");
    assert_text_syntax_error("{\"a\":\n Infinity}", 2, 2,
                             "Infinity is not a JSON number; " VALUE);
    assert_text_syntax_error("{\"a\" 1}", 1, 6, "expected ':' after the member name \"a\"");
    assert_text_syntax_error("{\"a\": [1 2]}", 1, 10,
                             "expected ',' or ']' after an element (missing ',' between "
                             "elements?)");
    assert_text_syntax_error("{a: 1}", 1, 2, "expected a member name in double quotes, not 'a'");
    assert_text_syntax_error("{'a': 1}", 1, 2,
                             "strings and names must be in double quotes (\"), not single quotes");
    assert_text_syntax_error("// note\n{}", 1, 1,
                             "comments are not allowed in JSON (remove it); " VALUE);
    assert_text_syntax_error("{\"a\": \"x\n\"}", 1, 7,
                             "string not closed: the closing '\"' is missing on this line");
    assert_text_syntax_error("{\"a\": 1e400}", 1, 11, "real number overflow near '1e400'");
    assert_text_syntax_error("{\"a\": \"\xff\"}", 1, 7, "unable to decode byte 0xff near '\"'");
    assert_text_syntax_error("{\"a\": 1, \"a\": 2}", 1, 12, "duplicate object key near '\"a\"'");
}

static void huge_integer_overflows(void **state)
{
    (void)state;
    char text[512] = "{\"a\": ";
    size_t n = strlen(text);
    memset(text + n, '9', 400);
    strcpy(text + n + 400, "}");
    pl_diag diag;
    test_read_text(PL_FORMAT_PARLEY_JSON, text, PL_ERR_SYNTAX, &diag);
    assert_int_equal(diag.line, 1);
    assert_string_equal(diag.message, "real number overflow");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_reads_header_and_provenance),
        cmocka_unit_test(full_reads_actors),
        cmocka_unit_test(full_reads_stances),
        cmocka_unit_test(full_reads_red_lines),
        cmocka_unit_test(full_reads_issues),
        cmocka_unit_test(full_reads_proposals_and_rules),
        cmocka_unit_test(full_reads_uncertainty_shocks_ktab),
        cmocka_unit_test(minimal_file_takes_every_default),
        cmocka_unit_test(byte_order_mark_is_skipped),
        cmocka_unit_test(schema_key_and_unicode_are_accepted),
        cmocka_unit_test(examples_in_the_format_document_are_valid),
        cmocka_unit_test(full_file_is_written_back_as_it_is),
        cmocka_unit_test(minimal_scenario_writes_no_defaults),
        cmocka_unit_test(numbers_are_written_in_fewest_digits),
        cmocka_unit_test(unusual_values_survive_the_round_trip),
        cmocka_unit_test(reference_and_outcome_survive_the_round_trip),
        cmocka_unit_test(writer_refuses_an_invalid_scenario),
        cmocka_unit_test(writer_refuses_text_that_is_not_utf8),
        cmocka_unit_test(bad_arguments_are_refused),
        cmocka_unit_test(syntax_errors_in_files_give_line_and_column),
        cmocka_unit_test(semantic_errors_in_files_give_the_path),
        cmocka_unit_test(syntax_errors_in_text_give_line_and_column),
        cmocka_unit_test(huge_integer_overflows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
