/*
 * cmd_simulate.c - `parley simulate SCENARIO...`: negotiate the scenario with
 * automated agents, under the SAO protocol or a mediator's single text, over
 * Monte Carlo draws of its uncertain inputs and its shocks
 * (docs/cli-contract.md; docs/simulation.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi_farm.h"

/* run()'s status on a worker rank of an MPI job once its share is done. */
#define RANK_DONE 100
#include "progress.h"
#include "simulation_report.h"

extern const cli_command cli_simulate_command;

typedef struct options {
    const char *protocol, *agents, *steps, *runs, *seed, *threads, *grid, *rounds, *trace;
    const char *runs_csv;
    const char **uncertainty, **shock;
    size_t n_uncertainty, n_shock;
    int quiet;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    const char **slot[] = {&o->protocol, &o->agents, &o->steps, &o->runs, &o->seed,
                           &o->threads, &o->grid, &o->rounds, &o->trace, &o->runs_csv};
    static const char *const names[] = {"protocol", "agents", "steps", "runs", "seed",
                                        "threads", "grid", "rounds", "trace", "runs-csv"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(name, names[k]) == 0) {
            *slot[k] = value;
            return 0;
        }
    if (strcmp(name, "quiet") == 0)
        o->quiet = 1;
    else if (strcmp(name, "uncertainty") == 0)
        o->uncertainty[o->n_uncertainty++] = value;
    else if (strcmp(name, "shock") == 0)
        o->shock[o->n_shock++] = value;
    else
        return -1;
    return 0;
}

static const cli_option option_table[] = {
    {"protocol", 1}, {"agents", 1}, {"steps", 1}, {"runs", 1}, {"seed", 1}, {"threads", 1},
    {"grid", 1}, {"rounds", 1}, {"uncertainty", 1}, {"shock", 1}, {"trace", 1},
    {"runs-csv", 1}, {"quiet", 0}, {NULL, 0},
};

/* --uncertainty ID... / --shock ID...: flags; no flag means all, "none" means none. */
static int select_ids(const char *flag, const char **ids, size_t n_ids, const char *const *names,
                      size_t n_names, unsigned char **out)
{
    *out = NULL;
    if (n_ids == 0)
        return EXIT_OK;
    *out = calloc(n_names + 1, 1);
    if (*out == NULL)
        return EXIT_INTERNAL;
    for (size_t k = 0; k < n_ids; k++) {
        if (strcmp(ids[k], "none") == 0)
            continue;
        size_t j = 0;
        while (j < n_names && strcmp(names[j], ids[k]) != 0)
            j++;
        if (j == n_names)
            return cli_usage_error("simulate", "the scenario has no %s '%s'", flag, ids[k]);
        (*out)[j] = 1;
    }
    return EXIT_OK;
}

static int selections(const options *o, const pl_scenario *s, unsigned char **u,
                      unsigned char **h)
{
    const char **names = calloc(s->n_uncertainties + s->n_shocks + 1, sizeof *names);
    if (names == NULL)
        return EXIT_INTERNAL;
    for (size_t k = 0; k < s->n_uncertainties; k++)
        names[k] = s->uncertainties[k].id;
    for (size_t k = 0; k < s->n_shocks; k++)
        names[s->n_uncertainties + k] = s->shocks[k].id;
    int rc = select_ids("uncertainty group", o->uncertainty, o->n_uncertainty, names,
                        s->n_uncertainties, u);
    if (rc == EXIT_OK)
        rc = select_ids("shock", o->shock, o->n_shock, names + s->n_uncertainties, s->n_shocks,
                        h);
    free(names);
    return rc;
}

/* (grid + 1)^2 x runs above which `simulate --grid` is refused: --grid 3000 with 12 runs
 * (1.1e8) took 2 s on the shared 2-core build machine, --grid 100000 with 3 runs would take
 * over ten minutes. */
#define CLI_SIMULATE_MAX_GRID_WORK 2.5e8

static int settings(const options *o, pl_montecarlo_options *mc)
{
    unsigned long long v;
    pl_montecarlo_options_init(mc);
    mc->runs = 1000;
    cli_simulation_flags flags = {o->protocol, o->steps, o->runs, o->seed};
    int rc = cli_simulation_settings("simulate", &flags, mc);
    if (rc != EXIT_OK)
        return rc;
    v = 1;
    if ((rc = cli_whole_option("simulate", o->threads,
                                "threads", 1, PL_POOL_MAX_THREADS, &v)) != EXIT_OK)
        return rc;
    mc->threads = (int)v;
    v = PL_SIMULATION_DEFAULT_GRID;
    if ((rc = cli_whole_option("simulate", o->grid, "grid", 1, 100000, &v)) != EXIT_OK)
        return rc;
    mc->simulation.grid = (size_t)v;
    /* Refused before the work starts (docs/simulation.md, "Limits"): the SAO runs' cost
     * grows as (grid + 1)^2 x runs, about 5e7 a second here. */
    double work = (double)(v + 1) * (double)(v + 1) * (double)mc->runs;
    if (mc->simulation.protocol == PL_PROTOCOL_SAO && o->grid != NULL &&
        work > CLI_SIMULATE_MAX_GRID_WORK)
        return cli_usage_error("simulate", "--grid %llu with %zu runs makes %.3g grid offers to "
                               "weigh, over the limit of %.3g (a few seconds): give a smaller "
                               "--grid or fewer --runs", v, (size_t)mc->runs, work,
                               (double)CLI_SIMULATE_MAX_GRID_WORK);
    v = PL_SIMULATION_DEFAULT_TALK_ROUNDS;
    if ((rc = cli_whole_option("simulate", o->rounds, "rounds", 1, 1000000, &v)) != EXIT_OK)
        return rc;
    mc->simulation.talk_rounds = (int)v;
    return EXIT_OK;
}

/* The zone of agreement on the stated inputs, to compare with the simulation; NULL when it
 * cannot be decided (quadratic form, limits): then nothing is compared. */
static pl_agreement *zone_of(const pl_scenario *s)
{
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = 0;
    o.solutions = 0;
    o.searches = 0;
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    return pl_agreement_compute(s, &o, &g, &diag) == PL_OK ? g : NULL;
}

json_t *cli_simulate_document(const pl_scenario *s, const pl_montecarlo_options *mc,
                              const pl_montecarlo *m)
{
    pl_agreement *g = zone_of(s);
    char contradiction[2048] = "";
    cli_zone_contradiction(s, g, mc, m, contradiction, sizeof contradiction);
    json_t *document = cli_json_montecarlo(s, mc, m);
    if (document != NULL && g != NULL) {
        json_t *zone = json_pack(
            "{s:b, s:o, s:o}", "possible", g->possible, "margin",
            cli_simulation_number(g->red_lines_compatible ? g->margin : NAN),
            "contradiction", contradiction[0] ? json_string(contradiction) : json_null());
        cli_json_zone_comparison(zone, s, g, mc, m);
        json_object_set_new(document, "zone", zone);
    }
    pl_agreement_free(g);
    return document;
}

/* --trace FILE.csv: every move of one negotiation on the stated inputs (no draws, no shocks). */
static int write_trace(cli_outputs *set, const char *path, const pl_scenario *s,
                       const pl_simulation_options *o)
{
    pl_simulation_options traced = *o;
    traced.trace = 1;
    pl_negotiation *r = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int status = pl_negotiate(s, &traced, &r, &diag);
    if (status == PL_OK)
        status = cli_write_negotiation_trace(set, path, s, &traced, r, &diag);
    pl_negotiation_free(r);
    return status == PL_OK ? EXIT_OK : cli_fail(status, &diag);
}

/* --trace and --runs-csv: both files or neither; an unwritable one is an internal failure. */
static int write_files(const options *o, const pl_scenario *s, const pl_montecarlo_options *mc,
                       const pl_montecarlo *m)
{
    cli_outputs set;
    cli_outputs_init(&set);
    int rc = o->trace != NULL ? write_trace(&set, o->trace, s, &mc->simulation) : EXIT_OK;
    pl_diag diag;
    pl_diag_clear(&diag);
    int status = PL_OK;
    if (rc == EXIT_OK && o->runs_csv != NULL)
        status = cli_write_runs_csv(&set, o->runs_csv, s, m, &diag);
    if (rc == EXIT_OK && status == PL_OK)
        status = cli_outputs_commit(&set, &diag);
    cli_outputs_free(&set);
    if (rc == EXIT_OK && status != PL_OK) {
        cli_print_diag(&diag);
        rc = EXIT_INTERNAL;
    }
    return rc;
}

static int simulate(const options *o, char **paths, int n_paths, int json)
{
    pl_montecarlo_options mc;
    pl_agent *agents = NULL;
    unsigned char *u = NULL, *h = NULL;
    pl_scenario *s = NULL;
    pl_montecarlo *m = NULL;
    size_t n_agents = 0;
    int rc = settings(o, &mc);
    if (rc == EXIT_OK)
        rc = cli_parse_agents("simulate", o->agents, &agents, &n_agents);
    if (rc == EXIT_OK)
        rc = cli_load_scenario((const char *const *)paths, (size_t)n_paths, &s);
    if (rc == EXIT_OK && n_agents > 1 && n_agents != s->n_actors)
        rc = cli_usage_error("simulate", "%zu agents for %zu parties: give one agent for all "
                             "or one per party, in the parties' order", n_agents, s->n_actors);
    if (rc == EXIT_OK) {
        cli_simulation_horizon(s, o->rounds, &mc);
        rc = selections(o, s, &u, &h);
    }
    if (rc == EXIT_OK) {
        mc.simulation.agents = agents;
        mc.simulation.n_agents = n_agents;
        mc.use_uncertainty = u;
        mc.use_shock = h;
        mc.keep_runs = o->runs_csv != NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        cli_progress bar;
        cli_progress_begin(&bar, "simulate", o->quiet);
        mc.progress = (pl_progress){cli_progress_update, &bar};
        int status = cli_farm_size() > 1 ? cli_farm_montecarlo(s, &mc, &m, &diag)
                                         : pl_montecarlo_run(s, &mc, NULL, &m, &diag);
        cli_progress_end(&bar);
        mc.progress = (pl_progress){NULL, NULL};
        if (status != PL_OK)
            rc = cli_fail(status, &diag);
        else if (cli_farm_rank() != 0)
            rc = RANK_DONE; /* a worker rank: rank 0 reports */
    }
    if (rc == EXIT_OK)
        rc = write_files(o, s, &mc, m);
    pl_agreement *g = rc == EXIT_OK && !json ? zone_of(s) : NULL;
    char contradiction[2048] = "";
    cli_zone_contradiction(s, g, &mc, m, contradiction, sizeof contradiction);
    if (rc == EXIT_OK && json) {
        rc = cli_emit_json(cli_simulate_document(s, &mc, m));
    } else if (rc == EXIT_OK) {
        cli_buffer buffer;
        rc = cli_buffer_open(&buffer);
        if (rc == EXIT_OK) {
            cli_text_montecarlo(buffer.stream, s, &mc, m);
            if (contradiction[0])
                cli_wrap(buffer.stream, contradiction, 0, 0);
            rc = cli_buffer_emit(&buffer);
        }
    }
    pl_agreement_free(g);
    pl_montecarlo_free(m);
    pl_scenario_free(s);
    free(agents);
    free(u);
    free(h);
    return rc == RANK_DONE ? EXIT_OK : rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {0};
    /* Under mpiexec the runs are shared among the ranks; rank 0 alone reports (mpi_farm.h). */
    if (cli_farm_start(&argc, &argv) != 0) {
        cli_error("parley simulate: error: MPI could not start");
        return EXIT_INTERNAL;
    }
    o.uncertainty = calloc((size_t)argc + 1, sizeof *o.uncertainty);
    o.shock = calloc((size_t)argc + 1, sizeof *o.shock);
    int rc = o.uncertainty && o.shock ? EXIT_OK : EXIT_INTERNAL;
    if (rc == EXIT_OK)
        rc = cli_parse(&cli_simulate_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("simulate", "give a scenario (a file, a GENIUS domain and its "
                                         "profiles, or a folder holding them)");
    if (rc == EXIT_OK && !done)
        rc = simulate(&o, positional, n, json);
    free(o.uncertainty);
    free(o.shock);
    free(positional);
    cli_farm_end();
    return rc;
}

const cli_command cli_simulate_command = {
    "simulate",
    "negotiate the scenario with automated agents; settlement probability by Monte Carlo",
    "Usage: parley simulate SCENARIO... [--protocol sao|mediator] [--agents A[,B,...]]\n"
    "                       [--steps S] [--runs R] [--seed X] [--threads T] [--grid G]\n"
    "                       [--rounds N] [--uncertainty ID]... [--shock ID]... [--json]\n"
    "                       [--trace FILE.csv] [--runs-csv FILE.csv] [--quiet]\n"
    "\n"
    "Negotiate the scenario R times with automated agents. SCENARIO is a scenario file, a\n"
    "GENIUS domain followed by its profiles, or a folder holding them. Each run draws the\n"
    "scenario's uncertain inputs (Philox keyed by seed and run) and applies its shocks.\n"
    "On a GENIUS or GeniusWeb domain, SAO with NegMAS's time-based agents on a space of at\n"
    "most 1,000,000 outcomes is exactly NegMAS 0.15.7's (docs/specs/negmas-sao.md). On any other\n"
    "scenario with continuous issues an SAO agent offers, at its aspiration, the package it\n"
    "believes the others like best (an LP on the continuum, no grid), and every time-based\n"
    "agent concedes to its reservation by the last step (docs/simulation.md).\n"
    "\n"
    "Options:\n"
    "  --protocol P       sao (stacked alternating offers, the default) or mediator (a\n"
    "                     mediator's single negotiating text, drafted exactly from the\n"
    "                     zone of agreement it believes in)\n"
    "  --agents A,B,...   one agent for every party or one per party, in the parties' order\n"
    "                     (default boulware): boulware, linear, conceder (NegMAS time-based,\n"
    "                     e = 4, 1, 0.25), hardheaded, tit-for-tat, genius-boulware,\n"
    "                     genius-linear, genius-conceder (GENIUS TimeDependentAgent, e = 0.2,\n"
    "                     1, 2), tb:E, genius:E\n"
    "  --steps S          rounds of each negotiation (default 100)\n"
    "  --runs R           Monte Carlo runs (default 1000)\n"
    "  --seed X           random seed, 0 to 2^53-1 (default 1)\n"
    "  --threads T        threads (default 1); the results do not depend on T\n"
    "  --grid G           positions offered on a continuous issue: G+1 evenly spaced\n"
    "                     (default 10); GENIUS real issues only: SAO on a scenario\n"
    "                     offers on the continuum, the mediator's texts use no grid\n"
    "  --rounds N         scenario rounds (months) the talks span, for shocks (default 12)\n"
    "  --uncertainty ID   draw this uncertainty group (repeatable; default every group;\n"
    "                     'none' draws nothing)\n"
    "  --shock ID         apply this shock (repeatable; default every shock; 'none')\n"
    "  --json             {\"runs\", \"agreements\", \"agreement_rate\", \"mean_agreement_step\",\n"
    "                     \"mean_utilities\", \"seed\", ...} as docs/cli-contract.md, plus the\n"
    "                     extras of docs/simulation.md\n"
    "  --trace FILE.csv   every move of one negotiation on the stated inputs (no draws,\n"
    "                     no shocks): step, party, action, utilities, offer\n"
    "  --runs-csv FILE    one row per Monte Carlo run: agreed, step, utilities, the\n"
    "                     agreement, the deviation drawn for each input\n"
    "  --quiet            no progress bar (shown on a terminal for runs over a second)\n"
    "  --help             show this help\n"
    "\n"
    "Example: parley simulate laptop_domain.xml buyer.xml seller.xml --agents linear,conceder"
    " --json\n",
    run,
};
