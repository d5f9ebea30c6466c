/*
 * test_json_text.c - the JSON text writer (parley/json.h).
 *
 * The layout's oracle is jansson itself: on a document without reals the text
 * must equal json_dumps(JSON_INDENT(n) | JSON_PRESERVE_ORDER), for one line
 * (n = 0) and two indents. Reals are checked on texts worked out by hand (the
 * shortest decimal that reads back, ".0" on whole values). The table writer
 * must give the same text as the same table written as jansson values, on
 * any number of threads; a sink must receive exactly the text kept in memory,
 * and a failing sink must stop the writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

static char *dump_with(const json_t *document, int indent)
{
    pl_json_options options = PL_JSON_OPTIONS_INIT;
    options.indent = indent;
    char *text = NULL;
    size_t size = 0;
    pl_diag diag;
    assert_int_equal(pl_json_dump(document, &options, &text, &size, &diag), PL_OK);
    assert_non_null(text);
    assert_int_equal(strlen(text), size);
    return text;
}

/* Nested containers, empty ones, escapes, UTF-8, integers and literals: no reals. */
static json_t *document_without_reals(void)
{
    json_t *d = json_pack("{s:s, s:[i, I, b, b, n], s:{}, s:[], s:{s:[{s:s}, []], s:s}}",
                          "name", "tab\there \"quoted\" back\\slash \x01 caf\xC3\xA9 /",
                          "list", 1, (json_int_t)-9007199254740993LL, 1, 0,
                          "empty_object", "empty_array", "nested", "rows", "k", "line\nend",
                          "z", "last");
    assert_non_null(d);
    return d;
}

static void test_layout_is_janssons(void **state)
{
    (void)state;
    json_t *d = document_without_reals();
    for (int indent = 0; indent <= 4; indent += 2) {
        char *expected = json_dumps(d, JSON_INDENT(indent) | JSON_PRESERVE_ORDER);
        char *text = dump_with(d, indent);
        assert_string_equal(text, expected);
        free(text);
        free(expected);
    }
    json_decref(d);
}

/* Hand-checked: each real is the shortest decimal that reads back, whole values keep ".0". */
static void test_reals_shortest(void **state)
{
    (void)state;
    json_t *d = json_pack("[f, f, f, f, f, f, i]", 0.35, 3.0, -0.0, 1e-7, 0.1 + 0.2, 1e300, 3);
    char *text = dump_with(d, 0);
    assert_string_equal(text, "[0.35, 3.0, -0.0, 1e-07, 0.30000000000000004, 1e+300, 3]");
    free(text);
    json_decref(d);
}

/* The streamed table equals the same numbers written as jansson values. */
static void check_rows(size_t rows, size_t columns, int threads)
{
    double *values = malloc(rows * columns * sizeof *values);
    json_t *table = json_array();
    assert_non_null(values);
    for (size_t r = 0; r < rows; r++) {
        json_t *row = json_array();
        for (size_t c = 0; c < columns; c++) {
            values[r * columns + c] = (double)(r * 7 + c) / 13.0;
            json_array_append_new(row, json_real(values[r * columns + c]));
        }
        json_array_append_new(table, row);
    }
    json_t *expected_document = json_pack("{s:s, s:o, s:b}", "head", "x", "rows", table, "end", 1);
    char *expected = dump_with(expected_document, 2);

    pl_pool *pool = NULL;
    if (threads > 1)
        assert_int_equal(pl_pool_new(&pool, threads), PL_OK);
    pl_json_writer *w = NULL;
    assert_int_equal(pl_json_writer_new(NULL, &w, NULL), PL_OK);
    pl_json_writer_open(w, '{');
    pl_json_writer_key(w, "head");
    pl_json_writer_value(w, json_object_get(expected_document, "head"));
    pl_json_writer_key(w, "rows");
    pl_json_writer_rows(w, values, rows, columns, pool);
    pl_json_writer_key(w, "end");
    pl_json_writer_value(w, json_true());
    pl_json_writer_close(w, '}');
    char *text = NULL;
    assert_int_equal(pl_json_writer_finish(w, &text, NULL, NULL), PL_OK);
    assert_string_equal(text, expected);
    free(text);
    free(expected);
    pl_json_writer_free(w);
    pl_pool_free(pool);
    json_decref(expected_document);
    free(values);
}

static void test_rows_any_threads(void **state)
{
    (void)state;
    check_rows(0, 3, 1);
    check_rows(5, 2, 1);
    /* 2,500 rows are three blocks of at most 1,024: batches on 1, 2 and 3 threads. */
    for (int threads = 1; threads <= 3; threads++)
        check_rows(2500, 4, threads);
}

typedef struct collected {
    char *text;
    size_t size, calls, fail_after;
} collected;

static int collect(void *payload, const char *text, size_t size)
{
    collected *c = payload;
    c->calls++;
    if (c->fail_after > 0 && c->calls > c->fail_after)
        return 28; /* ENOSPC */
    c->text = realloc(c->text, c->size + size + 1);
    memcpy(c->text + c->size, text, size);
    c->size += size;
    c->text[c->size] = '\0';
    return 0;
}

/* A document of about 400 kB, so that the sink gets several pieces. */
static json_t *large_document(void)
{
    json_t *list = json_array();
    for (int k = 0; k < 20000; k++)
        json_array_append_new(list, json_pack("{s:i, s:f}", "k", k, "x", k / 3.0));
    return json_pack("{s:o}", "list", list);
}

static void test_sink_gets_the_text(void **state)
{
    (void)state;
    json_t *d = large_document();
    char *whole = dump_with(d, 2);
    collected c = {0};
    pl_json_options options = PL_JSON_OPTIONS_INIT;
    options.sink = collect;
    options.sink_payload = &c;
    char *text = (char *)"untouched";
    assert_int_equal(pl_json_dump(d, &options, &text, NULL, NULL), PL_OK);
    assert_null(text);
    assert_true(c.calls > 1);
    assert_string_equal(c.text, whole);
    free(c.text);

    collected failing = {.fail_after = 1};
    options.sink_payload = &failing;
    pl_diag diag;
    assert_int_equal(pl_json_dump(d, &options, NULL, NULL, &diag), PL_ERR_IO);
    assert_non_null(strstr(diag.message, "(28)"));
    assert_int_equal(failing.calls, 2); /* nothing after the refusal */
    assert_true(failing.size < strlen(whole));
    free(failing.text);
    free(whole);
    json_decref(d);
}

static void test_arguments_refused(void **state)
{
    (void)state;
    pl_json_writer *w = (pl_json_writer *)&w;
    pl_diag diag;
    pl_json_options options, initialised = PL_JSON_OPTIONS_INIT;
    pl_json_options_init(&options);
    assert_memory_equal(&options, &initialised, sizeof options);
    options.version = PL_JSON_OPTIONS_VERSION + 1;
    assert_int_equal(pl_json_writer_new(&options, &w, &diag), PL_ERR_ARGUMENT);
    assert_null(w);
    assert_non_null(strstr(diag.message, "options version"));
    options.version = PL_JSON_OPTIONS_VERSION;
    options.indent = -1;
    assert_int_equal(pl_json_writer_new(&options, &w, &diag), PL_ERR_ARGUMENT);
    assert_int_equal(pl_json_dump(NULL, NULL, NULL, NULL, &diag), PL_ERR_ARGUMENT);
    json_t *d = json_array();
    /* No sink and nowhere to put the text. */
    assert_int_equal(pl_json_dump(d, NULL, NULL, NULL, &diag), PL_ERR_ARGUMENT);
    json_decref(d);
    pl_json_writer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_is_janssons),
        cmocka_unit_test(test_reals_shortest),
        cmocka_unit_test(test_rows_any_threads),
        cmocka_unit_test(test_sink_gets_the_text),
        cmocka_unit_test(test_arguments_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
