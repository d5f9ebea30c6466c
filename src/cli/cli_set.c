/*
 * cli_set.c - `--set PATH=VALUE` (repeatable) on every command that takes a
 * scenario: cli_parse collects the assignments, cli_load_scenario applies
 * them in order to the scenario as read, before anything runs (the paths of
 * parley/paths.h; docs/paths.md). A bad one is an input error: one line
 * naming the --set, exit 2.
 *
 * The assignments are the process's: one command runs per process.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char **assignments;
static size_t n_assignments;
static int paused;

/* The commands whose scenarios --set changes; the others refuse it as an unknown option. */
int cli_set_accepted(const cli_command *command)
{
    static const char *const names[] = {"run",      "validate", "evaluate", "predict",
                                        "zopa",     "frontier", "mediate",  "simulate",
                                        "tournament", "backtest", "convert", "diff",
                                        "sweep",    "sensitivity", NULL};
    for (size_t k = 0; names[k] != NULL; k++)
        if (strcmp(command->name, names[k]) == 0)
            return 1;
    return 0;
}

int cli_set_take(const char *assignment)
{
    const char **grown = realloc(assignments, (n_assignments + 1) * sizeof *grown);
    if (grown == NULL) {
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    assignments = grown;
    assignments[n_assignments++] = assignment;
    return EXIT_OK;
}

size_t cli_set_count(void)
{
    return n_assignments;
}

int cli_set_pause(int pause)
{
    int was = paused;
    paused = pause;
    return was;
}

/* "--set A: error: MESSAGE", without the message's "PATH: " when PATH is the assignment's. */
static void print_failure(const char *assignment, const pl_diag *diag)
{
    const char *message = diag->message;
    const char *colon = strstr(message, ": ");
    if (colon != NULL) {
        size_t n = (size_t)(colon - message);
        if (strncmp(assignment, message, n) == 0 && assignment[n] == '=')
            message = colon + 2;
    }
    cli_error("--set %s: error: %s", assignment, message);
}

int cli_set_apply(pl_scenario **scenario)
{
    for (size_t k = 0; !paused && k < n_assignments; k++) {
        pl_diag diag;
        pl_diag_clear(&diag);
        int rc = pl_scenario_set_assignment(*scenario, assignments[k], &diag);
        if (rc == PL_OK)
            continue;
        if (rc == PL_ERR_NOMEM)
            cli_error("parley: error: out of memory");
        else
            print_failure(assignments[k], &diag);
        pl_scenario_free(*scenario);
        *scenario = NULL;
        return rc == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}
