/*
 * A program built against an installed libparley with pkg-config
 * (tests/api/install.sh): it loads the default scenario, negotiates once, and
 * checks what a user of the shared library relies on: the library linked is
 * the version of the headers, an options struct of an unknown version is
 * refused, and the internals (prefix pli_) are not reachable.
 */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <parley/parley.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "consumer: FAIL: %s\n", what);
        failures++;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    check(strcmp(pl_version(), PL_VERSION_STRING) == 0, "pl_version() is the headers' version");
    check(dlsym(RTLD_DEFAULT, "pl_version") != NULL, "pl_version is exported");
    check(dlsym(RTLD_DEFAULT, "pli_malloc") == NULL, "the internal pli_malloc is hidden");

    pl_scenario *scenario = NULL;
    pl_diag diag;
    int rc = pl_load_scenario(argv[1], &scenario, &diag);
    check(rc == PL_OK, "pl_load_scenario");
    if (rc != PL_OK)
        return 1;
    /* The default scenario: four actors and fourteen issues (README, "Quick start"). */
    check(scenario->n_actors == 4 && scenario->n_issues == 14, "4 actors, 14 issues");

    pl_simulation_options options;
    pl_simulation_options_init(&options);
    options.steps = 20;
    pl_negotiation *negotiation = NULL;
    check(pl_negotiate(scenario, &options, &negotiation, &diag) == PL_OK, "pl_negotiate");
    check(negotiation != NULL && negotiation->n_parties > 0, "a negotiation result");
    pl_negotiation_free(negotiation);

    negotiation = NULL;
    options.version = PL_SIMULATION_OPTIONS_VERSION + 1;
    check(pl_negotiate(scenario, &options, &negotiation, &diag) == PL_ERR_ARGUMENT &&
              negotiation == NULL,
          "options of an unknown version are refused");
    pl_scenario_free(scenario);
    if (failures == 0)
        printf("consumer: ok (libparley %s)\n", pl_version());
    return failures != 0;
}
