/*
 * cmd_zopa.c - `parley zopa SCENARIO...`: the zone of possible agreement of
 * the deciding coalition; if it is empty, the conflicts, the minimal
 * relaxations that open it and the package that comes closest
 * (docs/agreement.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_agreement.h"

/* Declared in cli.h once the command is registered; repeated here so this file stands alone. */
extern const cli_command cli_zopa_command;

typedef struct options {
    const char *max_set;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "max-set") == 0)
        o->max_set = value;
    return 0;
}

static const cli_option option_table[] = {{"max-set", 1}, {NULL, 0}};

static int library_options(const options *o, pl_agreement_options *lo)
{
    pl_agreement_options_init(lo);
    if (o->max_set == NULL)
        return EXIT_OK;
    char *end = NULL;
    errno = 0;
    long value = strtol(o->max_set, &end, 10);
    if (errno != 0 || end == o->max_set || *end != '\0' || value < 0 || value > 16)
        return cli_usage_error("zopa", "--max-set must be an integer in 0..16 (got '%s')",
                               o->max_set);
    lo->max_set = (size_t)value;
    return EXIT_OK;
}

static int analyse(const pl_scenario *s, const pl_agreement_options *lo, int json)
{
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, s->id ? s->id : "scenario");
    int rc = pl_agreement_compute(s, lo, &g, &diag);
    if (rc != PL_OK)
        return cli_fail(rc, &diag);
    if (json) {
        rc = cli_emit_json(cli_json_agreement(s, g));
    } else {
        cli_buffer buffer;
        rc = cli_buffer_open(&buffer);
        if (rc == EXIT_OK) {
            cli_text_agreement(buffer.stream, s, g);
            rc = cli_buffer_emit(&buffer);
        }
    }
    pl_agreement_free(g);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {NULL};
    pl_agreement_options lo;
    int rc = cli_parse(&cli_zopa_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done)
        rc = library_options(&o, &lo);
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    if (rc == EXIT_OK && !done)
        rc = analyse(s, &lo, json);
    pl_scenario_free(s);
    free(positional);
    return rc;
}

const cli_command cli_zopa_command = {
    "zopa",
    "zone of possible agreement, its conflicts and the smallest relaxations",
    "Usage: parley zopa [SCENARIO...] [--max-set K] [--json]\n"
    "\n"
    "Can any package satisfy the coalition that must agree? Under unanimity that is the veto\n"
    "actors (every actor when none has a veto); under weighted majority, the minimal\n"
    "coalitions holding the threshold share of capability with every veto actor (the most\n"
    "promising one is reported). Each member's red lines and its reservation utility are the\n"
    "constraints; the answer is exact, by linear programming on continuous issues (linear\n"
    "utility form) and enumeration of options issues. With no scenario, the built-in default.\n"
    "If agreement is possible: the best packages in the zone (Nash, Kalai-Smorodinsky,\n"
    "egalitarian and utilitarian, each the exact optimum). If not: the conflicts (minimal\n"
    "sets of constraints no package meets together), every minimal set of up to K constraints\n"
    "whose relaxation opens a zone, how far each must move (least total move, in the issue's\n"
    "units or in utility), and the package that comes closest (docs/agreement.md).\n"
    "\n"
    "Options:\n"
    "  --max-set K  largest relaxation set searched, 0..16 (default 3)\n"
    "  --json       print {\"actors\", \"coalition\", \"coalition_share\",\n"
    "               \"constraints\", \"possible\", \"red_lines_compatible\", \"margin\",\n"
    "               \"maximin\", \"solutions\", \"blocked\": {\"conflicts\", \"relaxations\",\n"
    "               \"searched_size\", \"truncated\", \"closest\"}}; packages are per-issue\n"
    "               positions or option ids, utilities per actor in input order\n"
    "               (docs/agreement.md, \"JSON\")\n"
    "  --help       show this help\n"
    "\n"
    "Example: parley zopa examples/peace-talks-2025.json --max-set 2\n",
    run,
};
