/*
 * test_limits.c - inputs just over each limit of parley/limits.h are refused
 * with PL_ERR_LIMIT and a message naming the limit, never read to exhaustion.
 * Where the default makes the input cheap (a count in a header), the default
 * is tested; elsewhere the limit is lowered with pl_limits_set() first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parley/limits.h"
#include "parley/parley.h"
#include "support.h"

/* Grow a text buffer by printf. */
typedef struct text {
    char *data;
    size_t size, capacity;
} text;

static void append(text *t, const char *format, ...)
{
    va_list args;
    for (;;) {
        va_start(args, format);
        int n = vsnprintf(t->data ? t->data + t->size : NULL, t->capacity - t->size, format,
                          args);
        va_end(args);
        assert_true(n >= 0);
        if (t->size + (size_t)n < t->capacity) {
            t->size += (size_t)n;
            return;
        }
        t->capacity = 2 * (t->capacity + (size_t)n + 64);
        t->data = realloc(t->data, t->capacity);
        assert_non_null(t->data);
    }
}

static void expect_limit(int rc, const pl_scenario *s, const pl_diag *diag, const char *message)
{
    if (rc != PL_ERR_LIMIT || !test_contains(diag->message, message))
        print_error("status %d, message \"%s\" (want \"%s\")\n", rc, diag->message, message);
    assert_int_equal(rc, PL_ERR_LIMIT);
    assert_null(s);
    assert_true(test_contains(diag->message, message));
}

static int read_as(pl_format format, const text *t, pl_scenario **s, pl_diag *diag)
{
    pl_diag_clear(diag);
    *s = NULL;
    return pl_read_scenario(format, "limits-test", t->data, t->size, s, diag);
}

static void restore(void)
{
    assert_int_equal(pl_limits_set(NULL), PL_OK);
}

/* Lower one limit (the rest at their defaults). */
static void set_limit(size_t *field_of_copy, pl_limits *copy, size_t value)
{
    *field_of_copy = value;
    assert_int_equal(pl_limits_set(copy), PL_OK);
}

static void test_defaults(void **unused)
{
    (void)unused;
    pl_limits d;
    pl_limits_default(&d);
    assert_int_equal(d.max_input_bytes, PL_DEFAULT_MAX_INPUT_BYTES);
    assert_int_equal(d.max_actors, 100000);
    assert_int_equal(d.max_issues, 10000);
    assert_int_equal(d.max_options, 1000000);
    assert_int_equal(d.max_stances, 10000000);
    assert_int_equal(d.max_rounds, PL_EU_MAX_ROUNDS);
    assert_int_equal(d.max_rounds, PL_EXCHANGE_MAX_ROUNDS);
    assert_int_equal(d.max_depth, 64);
    assert_memory_equal(pl_limits_get(), &d, sizeof d);
    /* Limits may be lowered, not raised, and none may be 0. */
    pl_limits l = d;
    l.max_actors = d.max_actors + 1;
    assert_int_equal(pl_limits_set(&l), PL_ERR_ARGUMENT);
    l = d;
    l.max_issues = 0;
    assert_int_equal(pl_limits_set(&l), PL_ERR_ARGUMENT);
    l = d;
    l.max_actors = 5;
    assert_int_equal(pl_limits_set(&l), PL_OK);
    assert_int_equal(pl_limits_get()->max_actors, 5);
    restore();
    assert_memory_equal(pl_limits_get(), &d, sizeof d);
}

/* A file one byte over the input limit is refused before it is parsed. */
static void test_input_bytes(void **unused)
{
    (void)unused;
    char path[] = "/tmp/parley-limits-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char block[1001];
    memset(block, ' ', sizeof block);
    block[0] = '{';
    assert_int_equal(write(fd, block, sizeof block), (ssize_t)sizeof block);
    close(fd);
    pl_limits l;
    pl_limits_default(&l);
    set_limit(&l.max_input_bytes, &l, 1000);
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_load_scenario(path, &s, &diag);
    restore();
    unlink(path);
    expect_limit(rc, s, &diag, "larger than the limit of 1000 bytes");
    assert_string_equal(diag.source, path);
}

/* KTAB CSV: the counts of line 1, one over the defaults, are refused at once. */
static void test_ktab_counts(void **unused)
{
    (void)unused;
    pl_scenario *s;
    pl_diag diag;
    text t = {0};
    append(&t, "big,too many actors,%d,1\n", PL_LIMIT_DEFAULT_ACTORS + 1);
    int rc = read_as(PL_FORMAT_KTAB_CSV, &t, &s, &diag);
    expect_limit(rc, s, &diag, "100000");
    assert_int_equal(diag.line, 1);
    t.size = 0;
    append(&t, "big,too many issues,3,%d\n", PL_LIMIT_DEFAULT_ISSUES + 1);
    rc = read_as(PL_FORMAT_KTAB_CSV, &t, &s, &diag);
    expect_limit(rc, s, &diag, "10000");
    free(t.data);
}

/* Actors: a stakeholder table one row over a lowered limit. */
static void test_actors(void **unused)
{
    (void)unused;
    text t = {0};
    append(&t, "Actor,Capability,Position,Salience\n");
    for (int a = 0; a < 4; a++)
        append(&t, "actor%d,1,%d,0.5\n", a, 10 * a);
    pl_limits l;
    pl_limits_default(&l);
    set_limit(&l.max_actors, &l, 3);
    pl_scenario *s;
    pl_diag diag;
    int rc = read_as(PL_FORMAT_STAKEHOLDER, &t, &s, &diag);
    restore();
    expect_limit(rc, s, &diag, "actors: 4 actors exceed parley's limit of 3");
    /* At the limit it reads. */
    set_limit(&l.max_actors, &l, 4);
    rc = read_as(PL_FORMAT_STAKEHOLDER, &t, &s, &diag);
    restore();
    assert_int_equal(rc, PL_OK);
    pl_scenario_free(s);
    free(t.data);
}

/* A native scenario with `n_issues` issues of `n_options` options each, one actor. */
static void native(text *t, int n_issues, int n_options)
{
    t->size = 0;
    append(t, "{\"actors\": [{\"id\": \"a\", \"capability\": 1, \"stances\": {");
    for (int i = 0; i < n_issues; i++) {
        append(t, "%s\"i%d\": {\"salience\": 1, ", i ? ", " : "", i);
        if (n_options == 0)
            append(t, "\"position\": 1}");
        for (int o = 0; o < n_options; o++)
            append(t, "%s\"o%d\": %d%s", o ? ", " : "\"values\": {", o, o == 0,
                   o + 1 == n_options ? "}}" : "");
    }
    append(t, "}}], \"issues\": [");
    for (int i = 0; i < n_issues; i++) {
        append(t, "%s{\"id\": \"i%d\"", i ? ", " : "", i);
        if (n_options > 0) {
            append(t, ", \"options\": [");
            for (int o = 0; o < n_options; o++)
                append(t, "%s{\"id\": \"o%d\"}", o ? ", " : "", o);
            append(t, "]");
        }
        append(t, "}");
    }
    append(t, "]}");
}

static void test_issues(void **unused)
{
    (void)unused;
    text t = {0};
    native(&t, 3, 0);
    pl_limits l;
    pl_limits_default(&l);
    set_limit(&l.max_issues, &l, 2);
    pl_scenario *s;
    pl_diag diag;
    int rc = read_as(PL_FORMAT_PARLEY_JSON, &t, &s, &diag);
    restore();
    expect_limit(rc, s, &diag, "issues: 3 issues exceed parley's limit of 2");
    free(t.data);
}

static void test_stances(void **unused)
{
    (void)unused;
    text t = {0};
    native(&t, 3, 0);
    pl_limits l;
    pl_limits_default(&l);
    set_limit(&l.max_stances, &l, 2);
    pl_scenario *s;
    pl_diag diag;
    int rc = read_as(PL_FORMAT_PARLEY_JSON, &t, &s, &diag);
    restore();
    expect_limit(rc, s, &diag, "1 actors x 3 issues exceed parley's limit of 2 stances");
    free(t.data);
}

static void test_options(void **unused)
{
    (void)unused;
    text t = {0};
    pl_scenario *s;
    pl_diag diag;
    native(&t, 1, 3);
    pl_limits l;
    pl_limits_default(&l);
    set_limit(&l.max_options, &l, 2);
    int rc = read_as(PL_FORMAT_PARLEY_JSON, &t, &s, &diag);
    restore();
    expect_limit(rc, s, &diag, "issues[0].options: 3 options exceed parley's limit of 2");
    free(t.data);
}

/* A GENIUS integer issue one value over the default is refused before its values exist. */
static void test_genius_values(void **unused)
{
    (void)unused;
    char domain[512];
    snprintf(domain, sizeof domain,
             "<negotiation_template><utility_space><objective index=\"0\" name=\"o\" "
             "type=\"objective\"><issue index=\"1\" name=\"n\" type=\"integer\" "
             "lowerbound=\"0\" upperbound=\"%d\"/></objective></utility_space>"
             "</negotiation_template>",
             PL_LIMIT_DEFAULT_OPTIONS);
    const char *profile = "<utility_space/>";
    const char *sources[] = {"p.xml"};
    const char *data[] = {profile};
    size_t sizes[] = {strlen(profile)};
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_genius("d.xml", domain, strlen(domain), 1, sources, data, sizes, &s, &diag);
    expect_limit(rc, s, &diag, "more than 1000000 values");
}

/* Objectives nested one level deeper than the limit. */
static void test_depth(void **unused)
{
    (void)unused;
    text t = {0};
    append(&t, "<negotiation_template><utility_space>");
    for (int d = 0; d < PL_LIMIT_DEFAULT_DEPTH + 2; d++)
        append(&t, "<objective index=\"%d\" name=\"o%d\" type=\"objective\">", 100 + d, d);
    append(&t, "<issue index=\"1\" name=\"n\" type=\"discrete\"><item index=\"1\" "
               "value=\"a\"/><item index=\"2\" value=\"b\"/></issue>");
    for (int d = 0; d < PL_LIMIT_DEFAULT_DEPTH + 2; d++)
        append(&t, "</objective>");
    append(&t, "</utility_space></negotiation_template>");
    const char *profile = "<utility_space/>";
    const char *sources[] = {"p.xml"};
    const char *data[] = {profile};
    size_t sizes[] = {strlen(profile)};
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_genius("d.xml", t.data, t.size, 1, sources, data, sizes, &s, &diag);
    expect_limit(rc, s, &diag, "nested more than 64 deep");
    /* JSON nested deeper than jansson's limit (2048) is refused by jansson, with a position. */
    t.size = 0;
    for (int d = 0; d < 3000; d++)
        append(&t, "[");
    pl_diag_clear(&diag);
    rc = read_as(PL_FORMAT_PARLEY_JSON, &t, &s, &diag);
    assert_true(rc < 0);
    assert_null(s);
    assert_true(test_contains(diag.message, "depth"));
    free(t.data);
}

/* Rounds: the models refuse a round count one over the limit. */
static void test_rounds(void **unused)
{
    (void)unused;
    char over[32];
    snprintf(over, sizeof over, "%d", PL_LIMIT_DEFAULT_ROUNDS + 1);
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_eu_options eu;
    pl_eu_options_init(&eu);
    assert_true(pl_eu_options_set(&eu, "rounds", over, &diag) < 0);
    assert_true(test_contains(diag.message, "100000"));
    pl_exchange_options ex;
    pl_exchange_options_init(&ex);
    pl_diag_clear(&diag);
    assert_true(pl_exchange_options_set(&ex, "rounds", over, &diag) < 0);
    pl_smp_options smp;
    pl_smp_options_init(&smp);
    pl_diag_clear(&diag);
    assert_true(pl_smp_options_set(&smp, "max-rounds", over, &diag) < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),   cmocka_unit_test(test_input_bytes),
        cmocka_unit_test(test_ktab_counts), cmocka_unit_test(test_actors),
        cmocka_unit_test(test_issues),     cmocka_unit_test(test_stances),
        cmocka_unit_test(test_options),    cmocka_unit_test(test_genius_values),
        cmocka_unit_test(test_depth),      cmocka_unit_test(test_rounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
