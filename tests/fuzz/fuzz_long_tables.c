/*
 * fuzz_long_tables.c - fuzz the long-format table reader (pl_read_long_tables):
 * the input is a long table, read alone, and read beside the fixed issues and
 * actors tables of examples/long-format with every error collected.
 */
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *issues, *actors;
    static size_t issues_size, actors_size;
    if (issues == NULL) {
        issues = fuzz_seed_file("examples/long-format/issues.csv", &issues_size);
        actors = fuzz_seed_file("examples/long-format/actors.csv", &actors_size);
    }
    char *copy = fuzz_exact_copy(data, size);
    if (copy == NULL)
        return 0;
    const char *const sources[3] = {"fuzz.csv", "issues.csv", "actors.csv"};
    const char *const tables[3] = {copy, issues, actors};
    const size_t sizes[3] = {size, issues_size, actors_size};
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_long_tables(1, sources, tables, sizes, &scenario, &diag, NULL);
    fuzz_check_result(rc, scenario, &diag);
    pl_diag_list list = PL_DIAG_LIST_INIT;
    scenario = NULL;
    rc = pl_read_long_tables(3, sources, tables, sizes, &scenario, &diag, &list);
    /* Every error is in the list, the first one also in the diagnostic. */
    if ((rc == PL_OK) != (list.count == 0) || list.count > list.limit)
        fuzz_fail("long tables", "the list of errors disagrees with the status");
    fuzz_check_result(rc, scenario, &diag);
    pl_diag_list_free(&list);
    free(copy);
    (void)pl_detect_format("fuzz.csv", (const char *)data, size);
    return 0;
}
