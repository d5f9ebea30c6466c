/*
 * cmd_tournament.c - `parley tournament DOMAIN...`: every assignment of the
 * given agents to the parties, on every domain, negotiated R times; one CSV
 * row (or JSON object) per domain and assignment (docs/simulation.md,
 * "Tournaments"; library: parley/tournament.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "mpi_farm.h"

/* play()'s status on a worker rank of an MPI job once its share is done. */
#define RANK_DONE 100
#include "parley/tournament.h"
#include "progress.h"
#include "simulation_report.h"

extern const cli_command cli_tournament_command;

#define DEFAULT_AGENTS "boulware,linear,conceder"

typedef struct options {
    const char *agents, *steps, *runs, *seed, *threads, *output;
    int quiet;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "quiet") == 0) {
        o->quiet = 1;
        return 0;
    }
    const char **slot[] = {&o->agents, &o->steps, &o->runs, &o->seed, &o->threads, &o->output};
    static const char *const names[] = {"agents", "steps", "runs", "seed", "threads", "output"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(name, names[k]) == 0) {
            *slot[k] = value;
            return 0;
        }
    return -1;
}

static const cli_option option_table[] = {
    {"agents", 1}, {"steps", 1}, {"runs", 1}, {"seed", 1}, {"threads", 1}, {"output", 1},
    {"quiet", 0}, {NULL, 0},
};

/* --agents A,B,...: the agents taking part (each once); at least one. */
static int parse_agents(const char *text, pl_agent **agents, size_t *n)
{
    int rc = cli_parse_agents("tournament", text, agents, n);
    if (rc == EXIT_OK && *n == 0)
        rc = cli_usage_error("tournament", "--agents names no agent");
    return rc;
}

static int settings(const options *o, pl_tournament_options *to, int *threads)
{
    unsigned long long v;
    int rc;
    pl_tournament_options_init(to);
    pl_montecarlo_options *mc = &to->montecarlo;
    v = PL_SIMULATION_DEFAULT_STEPS;
    if ((rc = cli_whole_option("tournament", o->steps, "steps", 1, 1000000, &v)) != EXIT_OK)
        return rc;
    mc->simulation.steps = (int)v;
    v = 1;
    if ((rc = cli_whole_option("tournament", o->runs, "runs", 1, 100000000, &v)) != EXIT_OK)
        return rc;
    mc->runs = (size_t)v;
    v = 1;
    if ((rc = cli_whole_option("tournament", o->seed,
                                "seed", 0, 9007199254740991ULL, &v)) != EXIT_OK)
        return rc;
    mc->seed = v;
    v = 1;
    if ((rc = cli_whole_option("tournament", o->threads,
                                "threads", 1, PL_POOL_MAX_THREADS, &v)) != EXIT_OK)
        return rc;
    *threads = (int)v;
    return EXIT_OK;
}

/* ---- output ---- */

typedef struct table {
    size_t n_domains;
    char **names;               /**< per domain, as given */
    pl_scenario **scenarios;
    pl_tournament **results;
    size_t max_parties;
    const pl_agent *agents;
} table;

static void csv_list(FILE *out, const char *const *items, size_t n)
{
    size_t length = 1;
    for (size_t k = 0; k < n; k++)
        length += strlen(items[k]) + 1;
    char *joined = calloc(length, 1);
    if (joined == NULL)
        return;
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            strcat(joined, ";");
        strcat(joined, items[k]);
    }
    cli_csv_field(out, joined);
    free(joined);
}

static void agent_names(const table *t, const pl_tournament_row *row, size_t n, char (*buf)[64],
                        const char **names)
{
    for (size_t p = 0; p < n; p++)
        names[p] = pl_agent_name(&t->agents[row->assignment[p]], buf[p], sizeof buf[p]);
}

static int write_csv(FILE *out, const table *t)
{
    size_t m = t->max_parties;
    fputs("domain,parties,agents,runs,agreements,agreement_rate,mean_agreement_step,"
          "nash_distance,frontier_distance", out);
    for (size_t p = 0; p < m; p++)
        fprintf(out, ",utility_%zu", p + 1);
    for (size_t p = 0; p < m; p++)
        fprintf(out, ",agreement_utility_%zu", p + 1);
    fputc('\n', out);
    char (*buf)[64] = calloc(m + 1, sizeof *buf);
    const char **names = calloc(m + 1, sizeof *names);
    if (buf == NULL || names == NULL) {
        free(buf);
        free(names);
        return EXIT_INTERNAL;
    }
    for (size_t d = 0; d < t->n_domains; d++) {
        const pl_scenario *s = t->scenarios[d];
        const pl_tournament *r = t->results[d];
        for (size_t k = 0; k < r->n_rows; k++) {
            const pl_tournament_row *row = &r->rows[k];
            cli_csv_field(out, t->names[d]);
            fputc(',', out);
            for (size_t p = 0; p < s->n_actors; p++)
                names[p] = s->actors[p].id;
            csv_list(out, names, s->n_actors);
            fputc(',', out);
            agent_names(t, row, s->n_actors, buf, names);
            csv_list(out, names, s->n_actors);
            fprintf(out, ",%zu,%zu,", row->runs, row->agreements);
            cli_csv_real(out, row->agreement_rate);
            const double tail[] = {row->mean_agreement_step, row->nash_distance,
                                   row->frontier_distance};
            for (size_t c = 0; c < 3; c++) {
                fputc(',', out);
                cli_csv_real(out, tail[c]);
            }
            for (size_t p = 0; p < m; p++) {
                fputc(',', out);
                if (p < s->n_actors)
                    cli_csv_real(out, row->mean_utilities[p]);
            }
            for (size_t p = 0; p < m; p++) {
                fputc(',', out);
                if (p < s->n_actors)
                    cli_csv_real(out, row->mean_agreement_utilities[p]);
            }
            fputc('\n', out);
        }
    }
    free(buf);
    free(names);
    return EXIT_OK;
}

static json_t *numbers(const double *x, size_t n)
{
    json_t *array = json_array();
    for (size_t k = 0; array && k < n; k++)
        json_array_append_new(array, cli_simulation_number(x[k]));
    return array;
}

static json_t *json_row(const table *t, size_t d, const pl_tournament_row *row)
{
    const pl_scenario *s = t->scenarios[d];
    json_t *agents = json_array(), *o = json_object();
    char name[64];
    for (size_t p = 0; agents && p < s->n_actors; p++)
        json_array_append_new(agents, json_string(pl_agent_name(&t->agents[row->assignment[p]],
                                                                name, sizeof name)));
    json_object_set_new(o, "domain", json_string(t->names[d]));
    json_object_set_new(o, "agents", agents);
    json_object_set_new(o, "runs", json_integer((json_int_t)row->runs));
    json_object_set_new(o, "agreements", json_integer((json_int_t)row->agreements));
    json_object_set_new(o, "agreement_rate", json_real(row->agreement_rate));
    json_object_set_new(o, "mean_agreement_step",
                        cli_simulation_number(row->mean_agreement_step));
    json_object_set_new(o, "mean_utilities", numbers(row->mean_utilities, s->n_actors));
    json_object_set_new(o, "mean_agreement_utilities",
                        numbers(row->mean_agreement_utilities, s->n_actors));
    json_object_set_new(o, "nash_distance", cli_simulation_number(row->nash_distance));
    json_object_set_new(o, "frontier_distance", cli_simulation_number(row->frontier_distance));
    return o;
}

static json_t *json_document(const table *t, const pl_tournament_options *to)
{
    json_t *doc = json_object(), *agents = json_array(), *domains = json_array(),
           *rows = json_array();
    char name[64];
    for (size_t a = 0; a < to->n_agents; a++)
        json_array_append_new(agents, json_string(pl_agent_name(&to->agents[a], name,
                                                                sizeof name)));
    for (size_t d = 0; d < t->n_domains; d++) {
        const pl_tournament *r = t->results[d];
        json_t *domain = json_object();
        json_object_set_new(domain, "domain", json_string(t->names[d]));
        json_object_set_new(domain, "parties", cli_json_ids_actors(t->scenarios[d]));
        json_object_set_new(domain, "frontier", json_boolean(r->frontier_available));
        json_object_set_new(domain, "nash", numbers(r->nash, r->n_parties));
        json_array_append_new(domains, domain);
        for (size_t k = 0; k < r->n_rows; k++)
            json_array_append_new(rows, json_row(t, d, &r->rows[k]));
    }
    json_object_set_new(doc, "agents", agents);
    json_object_set_new(doc, "steps", json_integer(to->montecarlo.simulation.steps));
    json_object_set_new(doc, "runs", json_integer((json_int_t)to->montecarlo.runs));
    json_object_set_new(doc, "seed", json_integer((json_int_t)to->montecarlo.seed));
    json_object_set_new(doc, "domains", domains);
    json_object_set_new(doc, "results", rows);
    return doc;
}

/* The CSV or the JSON text, to `path` atomically or to stdout ("-" or NULL). */
static int emit(const table *t, const pl_tournament_options *to, int json, const char *path)
{
    char *text = NULL;
    size_t size = 0;
    int rc = EXIT_OK;
    if (json) {
        json_t *doc = json_document(t, to);
        text = cli_json_text(doc, 2);
        json_decref(doc);
        if (text != NULL) {
            size = strlen(text) + 1;
            text[size - 1] = '\n'; /* the text has no final newline; its NUL becomes one */
        }
    } else {
        FILE *stream = open_memstream(&text, &size);
        if (stream != NULL) {
            rc = write_csv(stream, t);
            if (fclose(stream) != 0)
                rc = EXIT_INTERNAL;
        }
    }
    if (text == NULL || rc != EXIT_OK) {
        free(text);
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    pl_diag diag;
    pl_diag_clear(&diag);
    if (path == NULL || strcmp(path, "-") == 0) {
        rc = cli_emit(text, size);
    } else if (cli_output_write(path, text, size, &diag) != PL_OK) {
        cli_print_diag(&diag);
        rc = EXIT_INTERNAL;
    }
    free(text);
    return rc;
}

/* ---- running ---- */

/*
 * The bar advances domain by domain: the library's tournament takes no
 * progress function, and its Monte Carlo runs on the pool's workers, so
 * to->montecarlo.progress stays NULL.
 */
static int play(table *t, const pl_tournament_options *to, int threads, int quiet)
{
    if (cli_farm_rank() != 0 && cli_farm_size() == 1) /* mpiexec, no MPI: rank 0 plays */
        return RANK_DONE;
    if (cli_farm_size() > 1) {
        int rc = cli_farm_tournament((const pl_scenario *const *)t->scenarios,
                                     (const char *const *)t->names, t->n_domains, to, threads,
                                     t->results);
        for (size_t d = 0; cli_farm_rank() == 0 && rc == EXIT_OK && d < t->n_domains; d++)
            if (t->scenarios[d]->n_actors > t->max_parties)
                t->max_parties = t->scenarios[d]->n_actors;
        return cli_farm_rank() == 0 || rc != EXIT_OK ? rc : RANK_DONE;
    }
    pl_pool *pool = NULL;
    if (pl_pool_new(&pool, threads) != PL_OK) {
        cli_error("parley: error: cannot start %d threads", threads);
        return EXIT_INTERNAL;
    }
    int rc = EXIT_OK;
    cli_progress bar;
    cli_progress_begin(&bar, "tournament", quiet);
    for (size_t d = 0; rc == EXIT_OK && d < t->n_domains; d++) {
        pl_diag diag;
        pl_diag_clear(&diag);
        cli_progress_update((double)d / (double)t->n_domains, &bar);
        int status = pl_tournament_run(t->scenarios[d], to, pool, &t->results[d], &diag);
        if (status != PL_OK) {
            pl_diag_set_source(&diag, t->names[d]);
            rc = cli_fail(status, &diag);
        } else if (t->scenarios[d]->n_actors > t->max_parties) {
            t->max_parties = t->scenarios[d]->n_actors;
        }
    }
    cli_progress_end(&bar);
    pl_pool_free(pool);
    return rc;
}

static int tournament(const options *o, char **paths, int n_paths, int json)
{
    pl_tournament_options to;
    pl_agent *agents = NULL;
    int threads = 1;
    size_t n_agents = 0, n = (size_t)n_paths;
    table t = {n, paths, calloc(n, sizeof(pl_scenario *)), calloc(n, sizeof(pl_tournament *)),
               0, NULL};
    int rc = t.scenarios && t.results ? settings(o, &to, &threads) : EXIT_INTERNAL;
    if (rc == EXIT_OK)
        rc = parse_agents(o->agents ? o->agents : DEFAULT_AGENTS, &agents, &n_agents);
    for (size_t d = 0; rc == EXIT_OK && d < n; d++)
        rc = cli_load_scenario((const char *const *)&paths[d], 1, &t.scenarios[d]);
    if (rc == EXIT_OK) {
        to.agents = t.agents = agents;
        to.n_agents = n_agents;
        rc = play(&t, &to, threads, o->quiet);
    }
    if (rc == EXIT_OK)
        rc = emit(&t, &to, json, o->output);
    for (size_t d = 0; d < n && t.scenarios && t.results; d++) {
        pl_tournament_free(t.results[d]);
        pl_scenario_free(t.scenarios[d]);
    }
    free(t.scenarios);
    free(t.results);
    free(agents);
    return rc == RANK_DONE ? EXIT_OK : rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {0};
    /* Under mpiexec the domains are shared among the ranks; rank 0 alone reports. */
    if (cli_farm_start(&argc, &argv) != 0) {
        cli_error("parley tournament: error: MPI could not start");
        return EXIT_INTERNAL;
    }
    int rc = cli_parse(&cli_tournament_command, argc, argv, option_table, take_option, &o,
                       &json, &positional, &n, &done);
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("tournament", "give one domain or more (a folder holding a "
                                           "GENIUS domain and its profiles, or a scenario file)");
    if (rc == EXIT_OK && !done)
        rc = tournament(&o, positional, n, json);
    free(positional);
    cli_farm_end();
    return rc;
}

const cli_command cli_tournament_command = {
    "tournament",
    "every pairing of agents on every domain; a CSV of agreement, utilities and distances",
    "Usage: parley tournament DOMAIN... [--agents A,B,...] [--steps S] [--runs R] [--seed X]\n"
    "                         [--threads T] [-o OUT] [--json] [--quiet]\n"
    "\n"
    "Negotiate every assignment of the agents to the parties (A first, B second, self-play\n"
    "included: k agents give k^n assignments for n parties, at most 10,000 per domain) on\n"
    "every DOMAIN, R times each (runs differ only when the scenario has uncertainty), and\n"
    "report per domain and assignment: runs, agreements, agreement rate, mean agreement step,\n"
    "the Euclidean distance of the mean agreed utilities to the Nash point and to the nearest\n"
    "point of the exact Pareto frontier (disagreement = reservation), and the mean utilities.\n"
    "DOMAIN is a folder holding a GENIUS domain and its profiles, or a scenario file.\n"
    "\n"
    "Options:\n"
    "  --agents A,B,...   the agents (default boulware,linear,conceder): boulware, linear,\n"
    "                     conceder, hardheaded, tit-for-tat, genius-boulware, genius-linear,\n"
    "                     genius-conceder, tb:E, genius:E\n"
    "  --steps S          rounds of each negotiation (default 100)\n"
    "  --runs R           runs per assignment (default 1)\n"
    "  --seed X           random seed, 0 to 2^53-1 (default 1)\n"
    "  --threads T        threads (default 1); the results do not depend on T\n"
    "  -o, --output OUT   write to OUT atomically (default, or '-': standard output)\n"
    "  --json             one JSON document instead of the CSV\n"
    "  --quiet            no progress bar (shown on a terminal for runs over a second)\n"
    "  --help             show this help\n"
    "\n"
    "CSV columns: domain, parties, agents (';'-separated, in party order), runs, agreements,\n"
    "agreement_rate, mean_agreement_step, nash_distance, frontier_distance, utility_1..P and\n"
    "agreement_utility_1..P (P the most parties of any domain); empty when undefined.\n"
    "\n"
    "Example: parley tournament y2011/Camera y2011/Laptop --agents boulware,linear -o out.csv\n",
    run,
};
