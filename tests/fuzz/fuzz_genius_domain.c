/*
 * fuzz_genius_domain.c - fuzz the GENIUS domain reader: the input is the
 * domain, read with the two fixed laptop profiles of tests/data/genius.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *profiles[2];
    static size_t sizes[2];
    static const char *const sources[2] = {"buyer.xml", "seller.xml"};
    if (profiles[0] == NULL) {
        profiles[0] = fuzz_seed_file("tests/data/genius/laptop/laptop_buyer_utility.xml",
                                     &sizes[0]);
        profiles[1] = fuzz_seed_file("tests/data/genius/laptop/laptop_seller_utility.xml",
                                     &sizes[1]);
    }
    char *copy = fuzz_exact_copy(data, size);
    if (copy == NULL)
        return 0;
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_genius("fuzz-domain.xml", copy, size, 2, sources, profiles, sizes,
                            &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);
    /* Alone, a domain is refused with a diagnostic, never read. */
    scenario = NULL;
    pl_diag_clear(&diag);
    rc = pl_read_scenario(PL_FORMAT_UNKNOWN, "fuzz-input", copy, size, &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);
    free(copy);
    return 0;
}
