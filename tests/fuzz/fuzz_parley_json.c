/*
 * fuzz_parley_json.c - fuzz the native JSON reader (pl_read_parley_json), and
 * the same bytes through pl_check_scenario, which reads on after errors and
 * validates what it could read: its first error must be the reader's.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one_file(pl_read_parley_json, data, size);
    char *copy = fuzz_exact_copy(data, size);
    if (copy == NULL)
        return 0;
    pl_diag diag;
    pl_scenario *first = NULL, *checked = NULL;
    int rc = pl_read_parley_json("fuzz.json", copy, size, &first, &diag);
    pl_diag_list list = PL_DIAG_LIST_INIT;
    int all = pl_check_scenario(PL_FORMAT_PARLEY_JSON, "fuzz.json", copy, size, &checked, &list);
    if (rc != all || (all == PL_OK) != (list.count == 0) || list.count > list.limit ||
        (checked == NULL) != (all != PL_OK))
        fuzz_fail("pl_check_scenario", "disagrees with pl_read_parley_json");
    if (all != PL_OK && rc != PL_ERR_NOMEM &&
        (list.items[0].line != diag.line || strcmp(list.items[0].message, diag.message) != 0))
        fuzz_fail("pl_check_scenario", diag.message);
    pl_scenario_free(first);
    pl_scenario_free(checked);
    pl_diag_list_free(&list);
    free(copy);
    return 0;
}
