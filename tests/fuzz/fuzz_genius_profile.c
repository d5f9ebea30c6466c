/*
 * fuzz_genius_profile.c - fuzz the GENIUS profile reader: the input is a
 * profile of the fixed laptop domain of tests/data/genius, read beside that
 * domain's seller profile.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *domain, *seller;
    static size_t domain_size, seller_size;
    if (domain == NULL) {
        domain = fuzz_seed_file("tests/data/genius/laptop/laptop_domain.xml", &domain_size);
        seller = fuzz_seed_file("tests/data/genius/laptop/laptop_seller_utility.xml",
                                &seller_size);
    }
    char *copy = fuzz_exact_copy(data, size);
    if (copy == NULL)
        return 0;
    const char *const sources[2] = {"fuzz-profile.xml", "seller.xml"};
    const char *const profiles[2] = {copy, seller};
    const size_t sizes[2] = {size, seller_size};
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_genius("domain.xml", domain, domain_size, 2, sources, profiles, sizes,
                            &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);
    free(copy);
    return 0;
}
