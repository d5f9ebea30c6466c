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
#include "progress.h"
#include "report_agreement.h"
#include "report_what_it_takes.h"
#include "simulation_report.h"

/* Declared in cli.h once the command is registered; repeated here so this file stands alone. */
extern const cli_command cli_zopa_command;

typedef struct options {
    const char *max_set, *max_work, *agents;
    cli_simulation_flags simulation;  /**< --protocol, --steps, --runs, --seed */
    const char **issues;              /**< --issue ID..., argc slots */
    size_t n_issues;
    int quiet;                        /**< --quiet: no progress bar */
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "max-set") == 0)
        o->max_set = value;
    else if (strcmp(name, "max-work") == 0)
        o->max_work = value;
    else if (strcmp(name, "issue") == 0)
        o->issues[o->n_issues++] = value;
    else if (strcmp(name, "agents") == 0)
        o->agents = value;
    else if (strcmp(name, "quiet") == 0)
        o->quiet = 1;
    else
        cli_simulation_flag(&o->simulation, name, value);
    return 0;
}

static const cli_option option_table[] = {
    {"max-set", 1}, {"max-work", 1}, {"issue", 1}, {"protocol", 1}, {"agents", 1}, {"steps", 1}, {"runs", 1},
    {"seed", 1}, {"quiet", 0}, {NULL, 0},
};

/*
 * The settlement curves' Monte Carlo, only with --runs R > 0: by default zopa
 * shows the margins and the exact opening, which take milliseconds, while a
 * curve of 100 runs a step took 0.7 s on the default scenario (issue #13:
 * zopa under 50 ms; docs/agreement.md, "What it would take").
 */
static int simulation_wanted(const options *o)
{
    return o->simulation.runs != NULL && strcmp(o->simulation.runs, "0") != 0;
}

/* --protocol, --agents, --steps or --seed without --runs R > 0 would be ignored: say so. */
static int simulation_flags_need_runs(const options *o)
{
    const char *given = o->simulation.protocol ? "--protocol"
                        : o->agents            ? "--agents"
                        : o->simulation.steps  ? "--steps"
                        : o->simulation.seed   ? "--seed"
                                               : NULL;
    if (given == NULL || simulation_wanted(o))
        return EXIT_OK;
    return cli_usage_error("zopa", "%s sets the settlement curve's simulation, which runs only "
                           "with --runs R (R > 0)", given);
}

/* The settings of that simulation (parsed even when off, to validate --runs). */
static int curve_settings(const options *o, pl_montecarlo_options *mc, pl_agent **agents)
{
    size_t n_agents = 0;
    pl_montecarlo_options_init(mc);
    mc->runs = PL_WHAT_IT_TAKES_DEFAULT_RUNS;
    mc->threads = 2; /* the results do not depend on it */
    cli_simulation_flags flags = o->simulation;
    if (flags.runs != NULL && strcmp(flags.runs, "0") == 0)
        flags.runs = NULL;
    int rc = cli_simulation_settings("zopa", &flags, mc);
    if (rc == EXIT_OK)
        rc = cli_parse_agents("zopa", o->agents, agents, &n_agents);
    mc->simulation.agents = *agents;
    mc->simulation.n_agents = n_agents;
    return rc;
}

static int library_options(const options *o, pl_agreement_options *lo)
{
    pl_agreement_options_init(lo);
    unsigned long long value;
    int rc = EXIT_OK;
    if (o->max_set != NULL && (rc = cli_whole_option("zopa", o->max_set, "max-set", 0, 16,
                                                      &value)) == EXIT_OK)
        lo->max_set = (size_t)value;
    if (rc == EXIT_OK && o->max_work != NULL &&
        (rc = cli_whole_option("zopa", o->max_work, "max-work", 1, 1000000000000000ULL,
                               &value)) == EXIT_OK)
        lo->max_search_work = (double)value;
    return rc;
}

static int analyse(const pl_scenario *s, const pl_agreement_options *lo, const options *o,
                   int json)
{
    pl_agreement *g = NULL;
    pl_what_it_takes *w = NULL;
    pl_agent *agents = NULL;
    size_t *issues = NULL;
    pl_montecarlo_options mc;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, cli_scenario_source(s));
    int rc = simulation_flags_need_runs(o);
    if (rc == EXIT_OK)
        rc = curve_settings(o, &mc, &agents);
    if (rc == EXIT_OK && mc.simulation.n_agents > 1 && mc.simulation.n_agents != s->n_actors)
        rc = cli_usage_error("zopa", "%zu agents for %zu parties: give one agent for all or "
                             "one per party", mc.simulation.n_agents, s->n_actors);
    if (rc == EXIT_OK)
        rc = cli_issue_indices("zopa", s, o->issues, o->n_issues, &issues);
    cli_simulation_horizon(s, NULL, &mc);
    int simulate = simulation_wanted(o);
    /* One bar: the zone and its searches, then what it would take. */
    cli_progress bar;
    cli_progress_begin(&bar, "zopa", o->quiet);
    cli_progress_span(&bar, 0, 0.2);
    pl_agreement_options zone = *lo;
    zone.progress = (pl_progress){cli_progress_update, &bar};
    int status = rc == EXIT_OK ? pl_agreement_compute(s, &zone, &g, &diag) : PL_OK;
    if (status != PL_OK)
        rc = cli_fail(status, &diag);
    cli_progress_span(&bar, 0.2, 1);
    if (rc == EXIT_OK)
        rc = cli_what_it_takes_run(s, g, issues, o->n_issues, simulate ? &mc : NULL,
                                   (pl_progress){cli_progress_update, &bar}, &w);
    cli_progress_end(&bar);
    if (rc == EXIT_OK && json) {
        json_t *document = cli_json_agreement(s, g);
        cli_json_add_what_it_takes(document, s, w, &mc);
        rc = cli_emit_json(document);
    } else if (rc == EXIT_OK) {
        cli_buffer buffer;
        rc = cli_buffer_open(&buffer);
        if (rc == EXIT_OK) {
            cli_text_agreement(buffer.stream, s, g);
            cli_text_what_it_takes(buffer.stream, s, w, &mc);
            rc = cli_buffer_emit(&buffer);
        }
    }
    pl_what_it_takes_free(w);
    pl_agreement_free(g);
    free(agents);
    free(issues);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {0};
    o.issues = calloc((size_t)argc + 1, sizeof *o.issues);
    pl_agreement_options lo;
    if (o.issues == NULL)
        return EXIT_INTERNAL;
    int rc = cli_parse(&cli_zopa_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done)
        rc = library_options(&o, &lo);
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    if (rc == EXIT_OK && !done)
        rc = analyse(s, &lo, &o, json);
    pl_scenario_free(s);
    free(o.issues);
    free(positional);
    return rc;
}

const cli_command cli_zopa_command = {
    "zopa",
    "zone of possible agreement, its conflicts and the smallest relaxations",
    "Usage: parley zopa [SCENARIO...] [--max-set K] [--max-work W] [--issue ID]...\n"
    "                   [--protocol P] [--agents A[,B,...]] [--steps S] [--runs R]\n"
    "                   [--seed X] [--json] [--quiet]\n"
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
    "What it would take: on the barrier issues (and each --issue), each member's blocking\n"
    "red line (or reservation) moved step by step towards the other side, with the zone's\n"
    "margin at each step and the exact bound at which a zone first opens; with --runs R, also\n"
    "the settlement probability of a Monte Carlo of R runs at each step.\n"
    "\n"
    "Options:\n"
    "  --max-set K  largest relaxation set searched, 0..16 (default 3)\n"
    "  --max-work W work limit of each search for conflicts and relaxation sets, in\n"
    "               simplex cells (default 4000000000, about 5 to 15 s): a size of set\n"
    "               predicted to pass it is not searched, and the output says so\n"
    "  --issue ID   also show what it would take on this issue (repeatable)\n"
    "  --protocol P, --agents A,B,..., --steps S, --seed X\n"
    "               the settlement curve's simulation, as `parley simulate` (defaults sao,\n"
    "               boulware, 100, 1); only with --runs\n"
    "  --runs R     simulate R Monte Carlo runs at each step of the curve (default 0: no\n"
    "               simulation, margins only; `parley run` simulates 100 by default)\n"
    "  --json       print {\"actors\", \"coalition\", \"coalition_share\",\n"
    "               \"constraints\", \"possible\", \"red_lines_compatible\", \"margin\",\n"
    "               \"maximin\", \"solutions\", \"blocked\": {\"conflicts\", \"relaxations\",\n"
    "               \"searched_size\", \"truncated\", \"closest\"}, \"what_it_takes\",\n"
    "               \"what_it_takes_simulation\"}; packages are per-issue positions or\n"
    "               option ids, utilities per actor in input order\n"
    "               (docs/agreement.md, \"JSON\")\n"
    "  --quiet      no progress bar (shown on a terminal once the analysis has lasted a\n"
    "               second; large scenarios' searches take seconds)\n"
    "  --help       show this help\n"
    "\n"
    "Example: parley zopa examples/peace-talks-2025.json --max-set 2\n",
    run,
};
