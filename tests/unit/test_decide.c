/*
 * test_decide.c - the Decide exchange-model reader (docs/specs/exchange.md section 1).
 *
 * Uses only the project's own made-up data (tests/data/decide, tests/data/bad,
 * and texts written here); test_shared_decide.c reads Decide's real files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static size_t actor_index(const pl_scenario *s, const char *id)
{
    size_t index = 0;
    assert_int_equal(pl_scenario_find_actor(s, id, &index), PL_OK);
    return index;
}

static size_t issue_index(const pl_scenario *s, const char *id)
{
    size_t index = 0;
    assert_int_equal(pl_scenario_find_issue(s, id, &index), PL_OK);
    return index;
}

static const pl_stance *stance(const pl_scenario *s, const char *actor, const char *issue)
{
    return pl_scenario_stance_const(s, actor_index(s, actor), issue_index(s, issue));
}

/* Reads `text` as a Decide file named `source`; fails the test unless it reads. */
static pl_scenario *read_ok(const char *source, const char *text)
{
    pl_scenario *s = NULL;
    pl_diag diag;
    int rc = pl_read_decide(source, text, strlen(text), &s, &diag);
    if (rc != PL_OK)
        print_error("%s:%d:%d: %s\n", diag.source, diag.line, diag.column, diag.message);
    assert_int_equal(rc, PL_OK);
    assert_non_null(s);
    return s;
}

/* ---- the made-up toll-road case --------------------------------------------------- */

static void test_toll_road_actors(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("decide/toll-road.txt"));
    assert_string_equal(s->format, "decide");
    assert_string_equal(s->id, "toll-road");
    assert_string_equal(s->name, "toll-road");
    assert_int_equal(s->n_actors, 4);
    const char *ids[] = {"council", "shops", "green", "drivers"};
    for (size_t a = 0; a < 4; a++)
        assert_string_equal(s->actors[a].id, ids[a]);
    assert_string_equal(s->actors[0].name, "City council");
    assert_string_equal(s->actors[0].description, "governs the city");
    assert_string_equal(s->actors[1].name, "Shopkeepers association");
    assert_null(s->actors[1].description);
    /* An empty full name falls back to the id. */
    assert_string_equal(s->actors[3].name, "drivers");
    assert_string_equal(s->actors[3].description, "commuters from outside");
    pl_scenario_free(s);
}

static void test_toll_road_issues(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("decide/toll-road.txt"));
    assert_int_equal(s->n_issues, 3);
    const pl_issue *toll = &s->issues[0], *price = &s->issues[1], *ring = &s->issues[2];
    assert_string_equal(toll->id, "toll");
    assert_string_equal(price->id, "price");
    assert_string_equal(ring->id, "ring");
    assert_string_equal(toll->name, "Introduce a toll");
    assert_string_equal(toll->description, "Should the city charge a toll?");
    assert_null(price->description);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(s->issues[i].kind, PL_ISSUE_CONTINUOUS);
    assert_true(toll->low == 0.0 && toll->high == 100.0);
    assert_true(price->low == 0.5 && price->high == 7.0);
    assert_true(ring->low == 0.0 && ring->high == 100.0); /* no #M rows */
    /* #M rows with a description are labelled points; "3" has none. */
    assert_int_equal(price->n_scale_points, 2);
    assert_true(price->scale_points[0].value == 0.5);
    assert_string_equal(price->scale_points[0].label, "half a euro");
    assert_true(price->scale_points[1].value == 7.0);
    assert_string_equal(price->scale_points[1].label, "seven euros");
    assert_int_equal(toll->n_scale_points, 2);
    assert_string_equal(toll->scale_points[1].label, "toll on every road");
    assert_int_equal(ring->n_scale_points, 0);
    pl_scenario_free(s);
}

static void test_toll_road_stances(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("decide/toll-road.txt"));
    const pl_stance *st = stance(s, "council", "price");
    assert_true(st->present);
    assert_true(st->position == 3.0 && st->salience == 0.6);
    st = stance(s, "green", "price");
    assert_true(st->position == 6.5 && st->salience == 0.7);
    st = stance(s, "drivers", "price");
    assert_true(st->position == 0.5 && st->salience == 1.0);
    st = stance(s, "shops", "toll");
    assert_true(st->position == 10.0 && st->salience == 0.9);
    /* Missing #D rows: no stance there. */
    assert_false(stance(s, "green", "ring")->present);
    assert_false(stance(s, "drivers", "toll")->present);
    size_t present = 0;
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++)
        present += s->stances[k].present != 0;
    assert_int_equal(present, 10);
    pl_scenario_free(s);
}

static void test_toll_road_capabilities(void **state)
{
    (void)state;
    pl_scenario *s = test_load(test_data_path("decide/toll-road.txt"));
    assert_true(s->actors[0].capability == 0.5);
    assert_true(s->actors[1].capability == 0.3);
    assert_true(s->actors[2].capability == 0.2);
    /* drivers: first issue in issue order with a #D row is price (0.1), not ring. */
    assert_true(s->actors[3].capability == 0.1);
    for (size_t i = 0; i < 3; i++) {
        assert_false(pl_scenario_stance(s, 0, i)->has_capability);
        assert_false(pl_scenario_stance(s, 2, i)->has_capability);
    }
    const pl_stance *st = stance(s, "shops", "price");
    assert_true(st->has_capability && st->capability == 0.4);
    assert_false(stance(s, "shops", "toll")->has_capability);
    assert_false(stance(s, "shops", "ring")->has_capability);
    st = stance(s, "drivers", "ring");
    assert_true(st->has_capability && st->capability == 0.25);
    assert_false(stance(s, "drivers", "price")->has_capability);
    assert_true(pl_scenario_capability_on(s, 1, 1) == 0.4);
    assert_true(pl_scenario_capability_on(s, 1, 0) == 0.3);
    assert_true(pl_scenario_capability_on(s, 3, 2) == 0.25);
    pl_scenario_free(s);
}

/* ---- lexical details ---------------------------------------------------------------- */

static void test_bare_tags_crlf_bom_comments(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF#/ a comment without a tab\r\n"
                       "\r\n"
                       "#A\tx\tActor X\r\n"
                       "  \t \r\n"
                       "'#A'\t'y'\t'Actor Y'\t''\r\n"
                       "#O\tsome issue text, ignored\r\n"
                       "#P\tq\tQuestion\r\n"
                       "#M\tq\t-2\tfar left\r\n"
                       "#M\tq\t2\tfar right\r\n"
                       "#D\tx\tq\t-1.5\t0.25\t1\r\n"
                       "'#D'\t'y'\t'q'\t'2'\t'1.0'\t'0.5'\t'a comment'\r\n";
    pl_scenario *s = read_ok("bare.txt", text);
    assert_int_equal(s->n_actors, 2);
    assert_int_equal(s->n_issues, 1);
    assert_string_equal(s->actors[0].id, "x");
    assert_string_equal(s->actors[0].name, "Actor X");
    assert_string_equal(s->actors[1].name, "Actor Y");
    assert_true(s->issues[0].low == -2.0 && s->issues[0].high == 2.0);
    assert_string_equal(s->issues[0].scale_points[0].label, "far left");
    assert_true(pl_scenario_stance(s, 0, 0)->position == -1.5);
    assert_true(pl_scenario_stance(s, 1, 0)->position == 2.0);
    assert_true(s->actors[1].capability == 0.5);
    pl_scenario_free(s);
}

static void test_lone_cr_and_no_final_newline(void **state)
{
    (void)state;
    const char *text = "#A\tx\r#P\tq\r#D\tx\tq\t50\t0.5\t0.5";
    pl_scenario *s = read_ok("cr.txt", text);
    assert_int_equal(s->n_actors, 1);
    assert_true(pl_scenario_stance(s, 0, 0)->position == 50.0);
    pl_scenario_free(s);
}

static void test_declare_anywhere(void **state)
{
    (void)state;
    /* #D and #M rows before the #A and #P rows they name are fine. */
    const char *text = "#D\tb\tq\t4\t0.5\t0.5\n"
                       "#M\tq\t1\n"
                       "#D\ta\tq\t2\t0.5\t0.5\n"
                       "#A\ta\n"
                       "#M\tq\t5\n"
                       "#P\tq\n"
                       "#A\tb\n";
    pl_scenario *s = read_ok("anywhere.txt", text);
    assert_string_equal(s->actors[0].id, "a");
    assert_string_equal(s->actors[1].id, "b");
    assert_string_equal(s->issues[0].name, "q"); /* name falls back to the id */
    assert_true(s->issues[0].low == 1.0 && s->issues[0].high == 5.0);
    assert_true(pl_scenario_stance(s, 1, 0)->position == 4.0);
    pl_scenario_free(s);
}

static void test_extra_fields_and_spaces(void **state)
{
    (void)state;
    /* Extra fields join the last text field, as in Decide; spaces around fields go. */
    const char *text = "#A\t a \tActor A\tfirst\tsecond\n"
                       "#P\tq\tQ\tone\t\ttwo\n"
                       "#M\tq\t 0 \tlow\tend\n"
                       "#M\tq\t10\n"
                       "#D\ta\tq\t 5 \t0.5\t0.5\tc\td\te\n";
    pl_scenario *s = read_ok("extra.txt", text);
    assert_string_equal(s->actors[0].id, "a");
    assert_string_equal(s->actors[0].description, "first second");
    assert_string_equal(s->issues[0].description, "one two");
    assert_string_equal(s->issues[0].scale_points[0].label, "low end");
    assert_true(pl_scenario_stance(s, 0, 0)->position == 5.0);
    pl_scenario_free(s);
}

static void test_quotes_inside_fields(void **state)
{
    (void)state;
    const char *text = "'#A'\t'o'\t'O'Brien's party'\t'it''s'\n"
                       "'#P'\t'q'\t'Q'\t''\n"
                       "'#D'\t'o'\t'q'\t50\t0.5\t0.5\n";
    pl_scenario *s = read_ok("quotes.txt", text);
    assert_string_equal(s->actors[0].name, "O'Brien's party");
    assert_string_equal(s->actors[0].description, "it''s");
    pl_scenario_free(s);
}

static void test_utf8_names(void **state)
{
    (void)state;
    const char *text = "#A\tcaf\xC3\xA9\tCaf\xC3\xA9 \xE2\x82\xAC\n"
                       "#P\tq\n"
                       "#D\tcaf\xC3\xA9\tq\t50\t0.5\t0.5\n";
    pl_scenario *s = read_ok("utf8.txt", text);
    assert_string_equal(s->actors[0].name, "Caf\xC3\xA9 \xE2\x82\xAC");
    pl_scenario_free(s);
}

static void test_scenario_names(void **state)
{
    (void)state;
    const char *text = "#A\ta\n#P\tq\n#D\ta\tq\t50\t1\t1\n";
    pl_scenario *s = read_ok("some/dir/my.case.csv", text);
    assert_string_equal(s->id, "my.case");
    pl_scenario_free(s);
    s = read_ok(".hidden", text);
    assert_string_equal(s->id, ".hidden");
    pl_scenario_free(s);
    s = NULL;
    pl_diag diag;
    assert_int_equal(pl_read_decide(NULL, text, strlen(text), &s, &diag), PL_OK);
    assert_string_equal(s->id, "decide");
    assert_string_equal(s->name, "decide");
    pl_scenario_free(s);
}

static void test_detection(void **state)
{
    (void)state;
    const char *bare = "#A\ta\n#P\tq\n#D\ta\tq\t50\t1\t1\n";
    const char *quoted = "'#A'\t'a'\n'#P'\t'q'\n'#D'\t'a'\t'q'\t50\t1\t1\n";
    assert_int_equal(pl_detect_format("x.txt", bare, strlen(bare)), PL_FORMAT_DECIDE);
    assert_int_equal(pl_detect_format("x.csv", quoted, strlen(quoted)), PL_FORMAT_DECIDE);
    pl_scenario *s = test_read_text(PL_FORMAT_UNKNOWN, quoted, PL_OK, NULL);
    assert_string_equal(s->format, "decide");
    pl_scenario_free(s);
}

/* ---- errors ------------------------------------------------------------------------ */

typedef struct bad_case {
    const char *file;  /* under tests/data/bad */
    int status;
    int line;
    int column;        /* 0: not checked */
    const char *text;  /* a part of the message */
} bad_case;

static const bad_case bad_cases[] = {
    {"decide-unknown-tag.txt", PL_ERR_SYNTAX, 7, 1, "unknown row tag \"#X\""},
    {"decide-missing-field.txt", PL_ERR_SYNTAX, 7, 21, "needs 5"},
    {"decide-too-many-fields.txt", PL_ERR_SYNTAX, 7, 0, "more than 64"},
    {"decide-unterminated-quote.txt", PL_ERR_SYNTAX, 7, 6, "unterminated quote"},
    {"decide-semicolons.txt", PL_ERR_SYNTAX, 1, 1, "separated by tabs"},
    {"decide-latin1.txt", PL_ERR_SYNTAX, 1, 14, "not UTF-8"},
    {"decide-control-character.txt", PL_ERR_SYNTAX, 7, 25, "control character 0x0C"},
    {"decide-nul-in-id.txt", PL_ERR_SYNTAX, 1, 8, "control character 0x00"},
    {"decide-binary.txt", PL_ERR_SYNTAX, 1, 1, "control character"},
    {"decide-position-outside.txt", PL_ERR_INVALID, 7, 14, "outside the range [0.5, 7]"},
    {"decide-position-not-number.txt", PL_ERR_INVALID, 7, 14, "\"three\" is not a number"},
    {"decide-position-nan.txt", PL_ERR_INVALID, 7, 14, "not a number"},
    {"decide-decimal-comma.txt", PL_ERR_INVALID, 7, 14, "decimal point"},
    {"decide-zero-salience.txt", PL_ERR_INVALID, 7, 18, "salience is 0: Decide divides by zero"},
    {"decide-zero-power.txt", PL_ERR_INVALID, 7, 22, "power is 0: Decide divides by zero"},
    {"decide-salience-above-one.txt", PL_ERR_INVALID, 7, 18, "salience 40 is above 1"},
    {"decide-power-above-one.txt", PL_ERR_INVALID, 7, 22, "numbers in [0, 1]"},
    {"decide-negative-salience.txt", PL_ERR_INVALID, 7, 18, "negative"},
    {"decide-empty-salience.txt", PL_ERR_INVALID, 7, 18, "salience is empty"},
    {"decide-unknown-actor.txt", PL_ERR_INVALID, 8, 6, "unknown actor \"c\""},
    {"decide-unknown-issue.txt", PL_ERR_INVALID, 8, 10, "unknown issue \"q\""},
    {"decide-unknown-issue-scale.txt", PL_ERR_INVALID, 6, 6, "#M row names unknown issue"},
    {"decide-duplicate-data.txt", PL_ERR_INVALID, 8, 6, "(the first is at line 6)"},
    {"decide-duplicate-actor.txt", PL_ERR_INVALID, 6, 6, "duplicate actor id \"a\""},
    {"decide-duplicate-issue.txt", PL_ERR_INVALID, 6, 6, "duplicate issue id \"p\""},
    {"decide-empty-actor-id.txt", PL_ERR_INVALID, 6, 6, "empty actor id"},
    {"decide-single-bound.txt", PL_ERR_INVALID, 3, 1, "single #M row"},
    {"decide-equal-bounds.txt", PL_ERR_INVALID, 3, 1, "two distinct bounds"},
    {"decide-scale-not-number.txt", PL_ERR_INVALID, 3, 10, "scale value \"low\""},
    {"decide-actor-without-data.txt", PL_ERR_INVALID, 7, 6, "actor \"c\" has no #D row"},
    {"decide-no-issues.txt", PL_ERR_INVALID, 1, 1, "no #P row"},
    {"decide-no-actors.txt", PL_ERR_INVALID, 1, 1, "no #A row"},
    {"decide-comments-only.txt", PL_ERR_INVALID, 1, 1, "no #A row"},
    {"decide-empty.txt", PL_ERR_INVALID, 1, 1, "no #A row"},
};

/* Reads a file of tests/data/bad with the Decide reader; the call must fail cleanly. */
static int read_bad(const char *name, pl_diag *diag)
{
    char relative[512];
    snprintf(relative, sizeof relative, "bad/%s", name);
    char *data = NULL;
    size_t size = 0;
    assert_int_equal(pl_read_file(test_data_path(relative), 1 << 20, &data, &size, diag), PL_OK);
    static pl_scenario sentinel;
    pl_scenario *s = &sentinel; /* the reader must reset it to NULL */
    int rc = pl_read_decide(relative, data, size, &s, diag);
    free(data);
    assert_null(s);
    assert_int_not_equal(rc, PL_OK);
    assert_int_equal(diag->status, rc);
    assert_true(diag->line > 0);
    assert_true(diag->message[0] != '\0');
    assert_string_equal(diag->source, relative);
    return rc;
}

static void test_bad_cases(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
        const bad_case *c = &bad_cases[k];
        pl_diag diag;
        int rc = read_bad(c->file, &diag);
        int column_ok = c->column == 0 || diag.column == c->column;
        if (rc != c->status || diag.line != c->line || !column_ok ||
            !test_contains(diag.message, c->text))
            print_error("%s: got %d at %d:%d: %s\n", c->file, rc, diag.line, diag.column,
                        diag.message);
        assert_int_equal(rc, c->status);
        assert_int_equal(diag.line, c->line);
        assert_true(column_ok);
        assert_true(test_contains(diag.message, c->text));
    }
}

/* Every tests/data/bad/decide-* file fails with a position and a message. */
static void test_bad_directory(void **state)
{
    (void)state;
    DIR *dir = opendir(test_data_path("bad"));
    assert_non_null(dir);
    size_t seen = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strncmp(entry->d_name, "decide-", 7) != 0)
            continue;
        pl_diag diag;
        int rc = read_bad(entry->d_name, &diag);
        assert_true(rc == PL_ERR_SYNTAX || rc == PL_ERR_INVALID || rc == PL_ERR_LIMIT);
        seen++;
    }
    closedir(dir);
    assert_true(seen >= sizeof bad_cases / sizeof bad_cases[0]);
}

static void test_arguments(void **state)
{
    (void)state;
    pl_diag diag;
    assert_int_equal(pl_read_decide("x", "#A", 2, NULL, &diag), PL_ERR_ARGUMENT);
    pl_scenario *s = NULL;
    assert_int_equal(pl_read_decide("x", NULL, 5, &s, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_read_decide("x", NULL, 0, &s, &diag), PL_ERR_INVALID);
    assert_null(s);
    /* diag may be NULL. */
    assert_int_equal(pl_read_decide("x", "#X\n", 3, &s, NULL), PL_ERR_SYNTAX);
    assert_null(s);
}

/* Builds a text of `n_actors` #A rows after `n_issues` #P rows. */
static char *many_rows(size_t n_issues, size_t n_actors)
{
    size_t size = (n_issues + n_actors) * 16 + 1;
    char *text = malloc(size), *p = text;
    assert_non_null(text);
    for (size_t i = 0; i < n_issues; i++)
        p += sprintf(p, "#P\tp%zu\n", i);
    for (size_t a = 0; a < n_actors; a++)
        p += sprintf(p, "#A\ta%zu\n", a);
    return text;
}

static void test_limits(void **state)
{
    (void)state;
    pl_diag diag;
    pl_scenario *s = NULL;
    char *text = many_rows(1, 100001);
    assert_int_equal(pl_read_decide("many", text, strlen(text), &s, &diag), PL_ERR_LIMIT);
    assert_int_equal(diag.line, 100002);
    assert_true(test_contains(diag.message, "more than 100000 actors"));
    assert_null(s);
    free(text);
    text = many_rows(1000, 1001);
    assert_int_equal(pl_read_decide("cells", text, strlen(text), &s, &diag), PL_ERR_LIMIT);
    assert_int_equal(diag.line, 2001);
    assert_true(test_contains(diag.message, "actor-issue pairs"));
    assert_null(s);
    free(text);
}

/* Every prefix and many one-byte changes of a good file: OK or a clean error, never a crash. */
static void test_mutations(void **state)
{
    (void)state;
    char *data = NULL;
    size_t size = 0;
    pl_diag diag;
    assert_int_equal(pl_read_file(test_data_path("decide/toll-road.txt"), 1 << 20, &data, &size,
                                  &diag),
                     PL_OK);
    char *copy = malloc(size + 1);
    assert_non_null(copy);
    const char replacements[] = {'\t', '\'', '\n', '\r', '0', '-', '#', 'x', '\0', '\xC3'};
    for (size_t n = 0; n <= size; n++) {
        for (size_t r = 0; r <= sizeof replacements; r++) {
            memcpy(copy, data, size);
            size_t length = r == sizeof replacements ? n : size; /* last round: prefixes */
            if (r < sizeof replacements && n < size)
                copy[n] = replacements[r];
            pl_scenario *s = NULL;
            int rc = pl_read_decide("mutant", copy, length, &s, &diag);
            if (rc == PL_OK) {
                assert_non_null(s);
                assert_int_equal(pl_scenario_validate(s, NULL), PL_OK);
            } else {
                assert_null(s);
                assert_true(diag.message[0] != '\0');
            }
            pl_scenario_free(s);
        }
    }
    free(copy);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_toll_road_actors),
        cmocka_unit_test(test_toll_road_issues),
        cmocka_unit_test(test_toll_road_stances),
        cmocka_unit_test(test_toll_road_capabilities),
        cmocka_unit_test(test_bare_tags_crlf_bom_comments),
        cmocka_unit_test(test_lone_cr_and_no_final_newline),
        cmocka_unit_test(test_declare_anywhere),
        cmocka_unit_test(test_extra_fields_and_spaces),
        cmocka_unit_test(test_quotes_inside_fields),
        cmocka_unit_test(test_utf8_names),
        cmocka_unit_test(test_scenario_names),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_bad_cases),
        cmocka_unit_test(test_bad_directory),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
