/*
 * fuzz_geniusweb.c - fuzz the GeniusWeb reader: the input is read as a domain
 * (with the fixed jobs profiles of tests/data/genius/geniusweb), then as a
 * profile of the fixed jobs domain.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const char *domain, *profiles[2];
static size_t domain_size, sizes[2];

static void load_seeds(void)
{
    if (domain != NULL)
        return;
    domain = fuzz_seed_file("tests/data/genius/geniusweb/jobs_domain.json", &domain_size);
    profiles[0] = fuzz_seed_file("tests/data/genius/geniusweb/jobs1.json", &sizes[0]);
    profiles[1] = fuzz_seed_file("tests/data/genius/geniusweb/jobs2.json", &sizes[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_seeds();
    char *copy = fuzz_exact_copy(data, size);
    if (copy == NULL)
        return 0;
    static const char *const fixed_sources[2] = {"jobs1.json", "jobs2.json"};
    pl_scenario *scenario = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_geniusweb("fuzz-domain.json", copy, size, 2, fixed_sources, profiles,
                               sizes, &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);

    const char *const sources[2] = {"fuzz-profile.json", "jobs2.json"};
    const char *const mixed[2] = {copy, profiles[1]};
    const size_t mixed_sizes[2] = {size, sizes[1]};
    scenario = NULL;
    pl_diag_clear(&diag);
    rc = pl_read_geniusweb("jobs_domain.json", domain, domain_size, 2, sources, mixed,
                           mixed_sizes, &scenario, &diag);
    fuzz_check_result(rc, scenario, &diag);
    free(copy);
    return 0;
}
