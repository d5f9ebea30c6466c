/* fuzz_common.c - the checks every fuzz target runs on what a reader accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz finding: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

void fuzz_check_result(int rc, pl_scenario *scenario, const pl_diag *diag)
{
    if (rc != PL_OK) {
        if (rc > 0)
            fuzz_fail("a reader returned a positive status", NULL);
        if (scenario != NULL)
            fuzz_fail("a reader failed but returned a scenario", diag->message);
        if (diag->message[0] == '\0')
            fuzz_fail("a reader failed without a message", pl_strerror(rc));
        if (memchr(diag->message, '\n', strlen(diag->message)) != NULL)
            fuzz_fail("a diagnostic holds a newline", diag->message);
        return;
    }
    if (scenario == NULL)
        fuzz_fail("a reader succeeded without a scenario", NULL);
    fuzz_check_scenario(scenario);
}

static void run_cheap_models(const pl_scenario *scenario)
{
    size_t n = scenario->n_issues;
    double *forecast = calloc(n ? n : 1, sizeof *forecast);
    if (forecast == NULL)
        abort();
    pl_diag diag;
    pl_diag_clear(&diag);
    (void)pl_predict(scenario, PL_MODEL_COMPROMISE, forecast, &diag);
    (void)pl_predict(scenario, PL_MODEL_MEDIAN, forecast, &diag);
    free(forecast);
}

void fuzz_check_scenario(pl_scenario *scenario)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_scenario_validate(scenario, &diag) != PL_OK)
        fuzz_fail("a reader returned a scenario that does not validate", diag.message);
    pl_scenario *copy = NULL;
    if (pl_scenario_copy(scenario, &copy) != PL_OK)
        fuzz_fail("pl_scenario_copy failed", NULL);
    run_cheap_models(copy);

    char *text = NULL;
    int rc = pl_write_parley_json(scenario, &text, &diag);
    if (rc != PL_OK) {
        /* The writer may refuse what JSON cannot hold; it must say so, not crash. */
        if (text != NULL)
            fuzz_fail("pl_write_parley_json failed but returned text", NULL);
        pl_scenario_free(copy);
        pl_scenario_free(scenario);
        return;
    }
    pl_scenario *again = NULL;
    pl_diag_clear(&diag);
    rc = pl_read_parley_json("round-trip", text, strlen(text), &again, &diag);
    if (rc != PL_OK) {
        fprintf(stderr, "%s\n", text);
        fuzz_fail("the native JSON parley wrote does not read back", diag.message);
    }
    char *text2 = NULL;
    if (pl_write_parley_json(again, &text2, &diag) != PL_OK)
        fuzz_fail("writing the re-read scenario failed", diag.message);
    if (strcmp(text, text2) != 0) {
        fprintf(stderr, "first:\n%s\nsecond:\n%s\n", text, text2);
        fuzz_fail("writing, reading and writing again changed the scenario", NULL);
    }
    char *text3 = NULL;
    if (pl_write_parley_json(copy, &text3, &diag) != PL_OK || strcmp(text, text3) != 0)
        fuzz_fail("a copy of the scenario writes differently", NULL);
    free(text);
    free(text2);
    free(text3);
    pl_scenario_free(again);
    pl_scenario_free(copy);
    pl_scenario_free(scenario);
}

const char *fuzz_seed_file(const char *relative, size_t *size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", PARLEY_SOURCE_DIR, relative);
    char *data = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, size, &diag) != PL_OK)
        fuzz_fail("cannot read a fixed input file", path);
    return data; /* kept until exit, on purpose */
}

char *fuzz_exact_copy(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (copy != NULL)
        memcpy(copy, data, size);
    return copy;
}

int fuzz_one_file(fuzz_reader reader, const uint8_t *data, size_t size)
{
    char *copy = fuzz_exact_copy(data, size);
    if (copy == NULL)
        return 0;
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = reader("fuzz-input", copy, size, &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);
    (void)pl_detect_format("fuzz-input", copy, size);
    free(copy);
    return 0;
}
