/* fuzz_decide.c - fuzz the Decide reader (pl_read_decide). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that reading one byte past the end is caught. */
    char *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_decide("fuzz-input", copy, size, &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);
    (void)pl_detect_format("fuzz-input", copy, size);
    free(copy);
    return 0;
}
