/*
 * test_ktab_xml.c - the KTAB XML reader (smpSchema.xsd), its mapping onto
 * the scenario and its refusal of hostile XML.
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

/* Read a file into a buffer of exactly its size (no NUL after it) and run `reader` on it. */
static pl_scenario *read_text(const char *text, int expected, pl_diag *diag)
{
    pl_scenario *s = (pl_scenario *)1;
    int rc = pl_read_ktab_xml("in.xml", text, strlen(text), &s, diag);
    if (rc != expected)
        print_error("%d:%d: %s\n", diag->line, diag->column, diag->message);
    assert_int_equal(rc, expected);
    if (rc != PL_OK)
        assert_null(s);
    return s;
}

/* The XML form of dummyData_3Dim gives exactly what the CSV form gives. */
static void test_dummy_3dim_matches_csv(void **state)
{
    (void)state;
    pl_scenario *x = NULL, *c = test_load(test_data_path("ktab/dummyData_3Dim.csv"));
    pl_diag diag;
    const char *path = test_data_path("ktab/dummyData_3Dim.xml");
    assert_int_equal(test_read_exact(pl_read_ktab_xml, path, path, &x, &diag), PL_OK);
    assert_string_equal(x->format, "ktab-xml");
    assert_string_equal(x->id, "DummyData_3Dim");
    assert_string_equal(x->provenance.description, "Dummy scenario to test reading format");
    assert_string_equal(x->ktab.seed, "03707583219545544125");
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        assert_null(x->ktab.parameters[k]);
    assert_int_equal(x->ktab.n_adjustments, 0);
    assert_int_equal(x->provenance.n_caveats, 0);
    assert_int_equal(x->n_actors, 7);
    assert_int_equal(x->n_issues, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(x->issues[i].id, c->issues[i].id);
        assert_true(x->issues[i].low == 0 && x->issues[i].high == 100);
    }
    for (size_t a = 0; a < 7; a++) {
        assert_string_equal(x->actors[a].id, c->actors[a].id);
        assert_string_equal(x->actors[a].description, "Random Spatial Actor");
        assert_true(x->actors[a].capability == c->actors[a].capability);
        for (size_t i = 0; i < 3; i++) {
            const pl_stance *sx = pl_scenario_stance_const(x, a, i);
            const pl_stance *sc = pl_scenario_stance_const(c, a, i);
            assert_true(sx->present && sc->present);
            assert_true(sx->position == sc->position);
            assert_true(sx->salience == sc->salience);
        }
    }
    assert_true(x->actors[5].capability == 120.048);
    assert_true(pl_scenario_stance_const(x, 5, 1)->position == 33.7);
    assert_true(pl_scenario_stance_const(x, 5, 1)->salience == 39.35 / 100.0);
    pl_scenario_free(x);
    pl_scenario_free(c);
}

static void test_smp_example(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("ktab/smpExample.xml"));
    assert_string_equal(s->format, "ktab-xml");
    assert_string_equal(s->provenance.description,
                        "A very simple test of multi-dim SMP, using psuedonyms");
    assert_string_equal(s->ktab.seed, "03507583219545544127");
    const char *values[PL_KTAB_PARAMETER_COUNT] = {
        "Linear", "MarkovIncentive", "Stochastic", "PropCbc", "OneThird",
        "Mid", "SemiCommit", "S2P2", "InitOnlyInterp",
    };
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        assert_string_equal(s->ktab.parameters[k], values[k]);
    assert_int_equal(s->n_issues, 3);
    assert_string_equal(s->issues[0].id, "FirstDim");
    assert_string_equal(s->issues[2].id, "YADN");
    assert_int_equal(s->n_actors, 5);
    assert_string_equal(s->actors[0].id, "Alice");
    assert_string_equal(s->actors[0].description, "One of the SMP actors");
    assert_true(s->actors[0].capability == 117.7);
    /* Alice's empty <dCoord>: no stance on FirstDim, and a caveat says so. */
    assert_false(pl_scenario_stance_const(s, 0, 0)->present);
    assert_true(pl_scenario_stance_const(s, 0, 1)->present);
    assert_true(pl_scenario_stance_const(s, 0, 1)->position == 39.8);
    assert_true(pl_scenario_stance_const(s, 0, 1)->salience == 22.4 / 100.0);
    assert_int_equal(s->provenance.n_caveats, 1);
    assert_string_equal(s->provenance.caveats[0],
                        "KTAB XML: actor Alice gives no position on FirstDim (empty dCoord); "
                        "parley reads it as no stance on that dimension");
    assert_true(pl_scenario_stance_const(s, 4, 2)->position == 26.3);
    assert_true(pl_scenario_stance_const(s, 4, 2)->salience == 15.8 / 100.0);
    const pl_ktab_adjustment expected[] = {
        {0, 0, 0.87}, {1, 1, 0.75}, {1, 0, 0.07}, {2, 2, 0.65}, {2, 3, 0.13}, {3, 3, 0.57},
    };
    assert_int_equal(s->ktab.n_adjustments, 6);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(s->ktab.adjustments[k].adjusting_actor, expected[k].adjusting_actor);
        assert_int_equal(s->ktab.adjustments[k].reference_actor, expected[k].reference_actor);
        assert_true(s->ktab.adjustments[k].adjust == expected[k].adjust);
    }
    pl_scenario_free(s);
}

/* The reader's table of allowed values follows pl_ktab_parameter_name() order. */
static void test_parameter_order(void **state)
{
    (void)state;
    const char *names[] = {"VictoryProbModel", "PCEModel", "StateTransitions",
                           "VotingRule", "BigRAdjust", "BigRRange",
                           "ThirdPartyCommit", "InterVecBrgn", "BargnModel"};
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        assert_string_equal(pl_ktab_parameter_name(k), names[k]);
    pl_diag diag;
    pl_scenario *s = read_text(
        "<Scenario><name>P</name><desc/><prngSeed/><ModelParameters>"
        "<BargnModel>PWCompInterp</BargnModel><VictoryProbModel>Octic</VictoryProbModel>"
        "<BigRRange>Max</BigRRange></ModelParameters>"
        "<Actors><Actor><name>A</name><description/><capability>1</capability>"
        "<Position><dCoord>1</dCoord></Position><Salience><dSal>1</dSal></Salience>"
        "</Actor></Actors></Scenario>",
        PL_OK, &diag);
    assert_string_equal(s->ktab.parameters[0], "Octic");
    assert_string_equal(s->ktab.parameters[5], "Max");
    assert_string_equal(s->ktab.parameters[8], "PWCompInterp");
    assert_null(s->ktab.parameters[3]);
    assert_null(s->ktab.seed);
    assert_null(s->provenance.description);
    pl_scenario_free(s);
}

/* Without <Dimensions>, D is the first actor's number of <dCoord>. */
static void test_default_dimensions_and_text(void **state)
{
    (void)state;
    pl_diag diag;
    pl_scenario *s = read_text(
        "<?xml version='1.0' encoding='UTF-7'?>\n<Scenario>\n<name> +ADw-x </name><desc/>"
        "<prngSeed/>\n<Actors>\n<Actor><name>A &amp; <![CDATA[B]]></name><description/>"
        "<capability> 2.5 </capability><Position><dCoord>10</dCoord><dCoord>20</dCoord>"
        "</Position><Salience><dSal>30</dSal><dSal>40</dSal></Salience></Actor>\n"
        "<!-- a comment --><Actor><name>C</name><description>d</description>"
        "<capability>1</capability><Position><dCoord>0</dCoord><dCoord>100</dCoord>"
        "</Position><Salience><dSal>0</dSal><dSal>100</dSal></Salience></Actor>\n"
        "</Actors></Scenario>",
        PL_OK, &diag);
    /* The UTF-7 declaration is ignored: the text is read as UTF-8, not decoded. */
    assert_string_equal(s->id, "+ADw-x");
    assert_int_equal(s->n_issues, 2);
    assert_string_equal(s->issues[0].id, "dim1");
    assert_string_equal(s->issues[1].id, "dim2");
    assert_string_equal(s->actors[0].id, "A & B");
    assert_null(s->actors[0].description);
    assert_true(s->actors[0].capability == 2.5);
    assert_true(pl_scenario_stance_const(s, 0, 1)->position == 20);
    assert_true(pl_scenario_stance_const(s, 0, 1)->salience == 0.4);
    assert_true(pl_scenario_stance_const(s, 1, 1)->salience == 1.0);
    pl_scenario_free(s);
}

static void test_hostile_inline(void **state)
{
    (void)state;
    pl_diag diag;
    read_text("<?xml version='1.0'?>\n  <!DOCTYPE x SYSTEM 'http://example.com/x.dtd'>\n<x/>",
              PL_ERR_UNSUPPORTED, &diag);
    assert_int_equal(diag.line, 2);
    assert_int_equal(diag.column, 3);
    assert_string_equal(diag.message, "DTDs and entity declarations are not allowed");
    read_text("\xEF\xBB\xBF\xC3\xA9<!ENTITY", PL_ERR_UNSUPPORTED, &diag);
    assert_int_equal(diag.line, 1);
    assert_int_equal(diag.column, 2);
    read_text("<Scenario><name>x</name>\n<desc>a</desc><prngSeed>1</Seed>", PL_ERR_SYNTAX, &diag);
    assert_int_equal(diag.line, 2);
    assert_true(diag.column > 1);
    assert_true(test_contains(diag.message, "XML: "));
    assert_null(strchr(diag.message, '\n'));
    read_text("", PL_ERR_SYNTAX, &diag);
    assert_int_equal(diag.line, 1);
    pl_scenario *s = NULL;
    assert_int_equal(pl_read_ktab_xml("x", NULL, 1, &s, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_read_ktab_xml("x", "<a/>", 4, NULL, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_read_ktab_xml("x", "<a/>", 4, &s, NULL), PL_ERR_INVALID);
    assert_null(s);
}

static const test_bad_case bad_cases[] = {
    {"ktab-xml-doctype.xml", PL_ERR_UNSUPPORTED, 2, 1, "DTDs and entity declarations"},
    {"ktab-xml-external-entity.xml", PL_ERR_UNSUPPORTED, 2, 1, "DTDs and entity declarations"},
    {"ktab-xml-billion-laughs.xml", PL_ERR_UNSUPPORTED, 2, 1, "DTDs and entity declarations"},
    {"ktab-xml-truncated.xml", PL_ERR_SYNTAX, 20, 23, "XML: "},
    {"ktab-xml-unknown-parameter-value.xml", PL_ERR_INVALID, 7, 5,
     "VotingRule \"Majority\" is not one of Binary, PropBin, Proportional, PropCbc, Cubic, "
     "ASymProsp"},
    {"ktab-xml-unknown-parameter.xml", PL_ERR_INVALID, 7, 5,
     "unknown element <VoteRule> in <ModelParameters>"},
    {"ktab-xml-dcoord-count.xml", PL_ERR_INVALID, 22, 7,
     "actor \"Bob\" has 1 <dCoord>, expected 2"},
    {"ktab-xml-salience-sum.xml", PL_ERR_INVALID, 30, 32, "add up to 110, more than 100"},
    {"ktab-xml-negative-capability.xml", PL_ERR_INVALID, 21, 7,
     "capability -3 must be positive"},
    {"ktab-xml-duplicate-actor.xml", PL_ERR_INVALID, 26, 7,
     "duplicate actor name \"Ann\" (also on line 12)"},
    {"ktab-xml-unknown-actor-adjustment.xml", PL_ERR_INVALID, 36, 7,
     "unknown actor \"Zed\" in <referencePos>"},
    {"ktab-xml-wrong-root.xml", PL_ERR_INVALID, 2, 1,
     "the root element is <Scenery>, not <Scenario>"},
    {"ktab-xml-missing-name.xml", PL_ERR_INVALID, 2, 1, "<Scenario> lacks its <name> element"},
    {"ktab-xml-utf16.xml", PL_ERR_UNSUPPORTED, 1, 4, "NUL byte"},
    {"ktab-xml-position-range.xml", PL_ERR_INVALID, 15, 36, "position 130 is outside 0-100"},
    {"ktab-xml-mismatched-tag.xml", PL_ERR_SYNTAX, 19, 22, "XML: Opening and ending tag"},
    {"ktab-xml-bad-number.xml", PL_ERR_INVALID, 14, 7, "capability \"fifty\" is not a number"},
    {"ktab-xml-empty-dsal.xml", PL_ERR_INVALID, 16, 17, "salience is missing (empty <dSal>)"},
    {"ktab-xml-text-in-actor.xml", PL_ERR_INVALID, 11, 5, "unexpected text inside <Actor>"},
};

/* Every tests/data/bad/ktab-xml-* file is listed above and fails where it says. */
static void test_bad_files(void **state)
{
    (void)state;
    test_check_bad_files("ktab-xml-", bad_cases, sizeof bad_cases / sizeof bad_cases[0],
                         pl_read_ktab_xml);
}

/* Every prefix of a valid file either reads or fails with a position and a message. */
static void test_every_prefix(void **state)
{
    (void)state;
    char *data = NULL;
    size_t size = 0;
    pl_diag diag;
    assert_int_equal(pl_read_file(test_data_path("ktab/smpExample.xml"),
                                  PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, &diag), PL_OK);
    size_t successes = 0;
    for (size_t n = 0; n <= size; n++) {
        char *exact = malloc(n ? n : 1);
        memcpy(exact, data, n);
        pl_scenario *s = NULL;
        if (pl_read_ktab_xml("prefix.xml", exact, n, &s, &diag) == PL_OK) {
            successes++;
            pl_scenario_free(s);
        } else {
            assert_null(s);
            assert_true(diag.line > 0);
            assert_true(diag.message[0] != '\0');
        }
        free(exact);
    }
    assert_true(successes >= 1);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dummy_3dim_matches_csv),
        cmocka_unit_test(test_smp_example),
        cmocka_unit_test(test_parameter_order),
        cmocka_unit_test(test_default_dimensions_and_text),
        cmocka_unit_test(test_hostile_inline),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_every_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
