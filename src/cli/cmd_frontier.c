/*
 * cmd_frontier.c - `parley frontier SCENARIO...`: the Pareto frontier of the
 * rational outcomes, the outcome counts and the bargaining solutions
 * (docs/cli-contract.md, `parley frontier`; docs/frontier.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "parley/frontier.h"
#include "progress.h"

/* Declared in cli.h once the command is registered; repeated here so this file stands alone. */
extern const cli_command cli_frontier_command;

typedef struct options {
    const char *disagreement;
    const char *threads;
    const char *steps;
    const char *max_points;
    int asymmetric;
    int quiet;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "disagreement") == 0)
        o->disagreement = value;
    else if (strcmp(name, "threads") == 0)
        o->threads = value;
    else if (strcmp(name, "steps") == 0)
        o->steps = value;
    else if (strcmp(name, "max-points") == 0)
        o->max_points = value;
    else if (strcmp(name, "asymmetric") == 0)
        o->asymmetric = 1;
    else if (strcmp(name, "quiet") == 0)
        o->quiet = 1;
    return 0;
}

static const cli_option option_table[] = {
    {"disagreement", 1}, {"threads", 1}, {"steps", 1}, {"max-points", 1}, {"asymmetric", 0}, {"quiet", 0},
    {NULL, 0}};

static int parse_count(const char *text, const char *name, long low, long high, long *out)
{
    unsigned long long value;
    int rc = cli_whole_option("frontier", text, name, (unsigned long long)low,
                              (unsigned long long)high, &value);
    if (rc == EXIT_OK)
        *out = (long)value;
    return rc;
}

/* The library options from the command line; threads default to the online cores. */
static int library_options(const options *o, pl_frontier_options *lo)
{
    pl_frontier_options_init(lo);
    if (o->disagreement != NULL && pl_disagreement_from_name(o->disagreement,
                                                             &lo->disagreement) != PL_OK)
        return cli_usage_error("frontier",
                               "unknown disagreement point '%s' (reservation, minimum, zero)",
                               o->disagreement);
    long cores = sysconf(_SC_NPROCESSORS_ONLN), value = 0;
    lo->threads = cores < 1 ? 1 : cores > PL_POOL_MAX_THREADS ? PL_POOL_MAX_THREADS : (int)cores;
    if (o->threads != NULL) {
        if (parse_count(o->threads, "threads", 1, PL_POOL_MAX_THREADS, &value) != EXIT_OK)
            return EXIT_BAD_INPUT;
        lo->threads = (int)value;
    }
    if (o->steps != NULL) {
        if (parse_count(o->steps, "steps", 1, 1000000, &value) != EXIT_OK)
            return EXIT_BAD_INPUT;
        lo->continuous_steps = (size_t)value;
    }
    if (o->max_points != NULL) {
        if (parse_count(o->max_points, "max-points", 1, 4294967295L, &value) != EXIT_OK)
            return EXIT_BAD_INPUT;
        lo->max_points = (size_t)value;
    }
    lo->asymmetric = o->asymmetric;
    return EXIT_OK;
}

/* A count: a JSON number up to 2^53, a decimal string above (contract). */
static json_t *json_count(const pl_count *count)
{
    if (count->exact_double)
        return json_integer((json_int_t)count->value);
    return json_string(count->decimal);
}

static json_t *json_reals(const double *values, size_t n)
{
    json_t *list = json_array();
    for (size_t k = 0; list && k < n; k++)
        json_array_append_new(list, json_real(values[k]));
    return list;
}

/* A package as the contract writes it: per issue an option label or a position. */
static json_t *json_package(const pl_scenario *s, const double *package)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->n_issues; i++) {
        const pl_issue *is = &s->issues[i];
        if (is->kind == PL_ISSUE_OPTIONS)
            json_array_append_new(list, json_string(is->options[(size_t)package[i]].label));
        else
            json_array_append_new(list, json_real(package[i]));
    }
    return list;
}

static json_t *json_solutions(const pl_scenario *s, const pl_frontier *f, int asymmetric)
{
    json_t *solutions = json_object();
    for (int k = 0; solutions && k < PL_SOLUTION_COUNT; k++) {
        if (k == PL_SOLUTION_ASYMMETRIC_NASH && !asymmetric)
            continue;
        const pl_frontier_solution *sol = &f->solutions[k];
        json_t *entry = sol->present ? json_pack("{s:o, s:o}", "utilities",
                                                 json_reals(sol->utilities, f->n_parties),
                                                 "outcome", json_package(s, sol->package))
                                     : json_null();
        json_object_set_new(solutions, pl_solution_name((pl_solution_kind)k), entry);
    }
    return solutions;
}

/*
 * The frontier's points are written without a jansson node per number, on
 * `threads` threads when they are many, and streamed to stdout (pl_json_writer_rows);
 * the rest is a jansson document written member by member in the contract's
 * order. All memory is taken before the first byte is written.
 */
static int report_json(const pl_scenario *s, const pl_frontier *f, int asymmetric, int threads)
{
    json_t *head = json_pack("{s:o, s:o, s:o, s:I}", "parties", cli_json_ids_actors(s),
                             "outcomes", json_count(&f->outcomes), "rational",
                             f->rational_counted ? json_count(&f->rational) : json_null(),
                             "frontier_size", (json_int_t)f->n_points);
    json_t *tail = json_pack("{s:o, s:b}", "solutions", json_solutions(s, f, asymmetric),
                             "agreement_possible", f->agreement_possible != 0);
    /* Added key (docs/cli-contract.md allows additions), only when it is true. */
    if (tail != NULL && f->exact_vertices)
        json_object_set_new(tail, "frontier_vertices", json_true());
    if (tail != NULL && f->solutions_exact)
        json_object_set_new(tail, "solutions_exact", json_true());
    pl_pool *pool = NULL;
    if (threads > 1 && f->n_points * f->n_parties >= 20000 && pl_pool_new(&pool, threads) != PL_OK)
        pool = NULL; /* formatted on this thread alone */
    cli_json_out out;
    if (head == NULL || tail == NULL || cli_json_begin(&out) != PL_OK) {
        pl_pool_free(pool);
        json_decref(head);
        json_decref(tail);
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    pl_json_writer_open(out.writer, '{');
    pl_json_writer_members(out.writer, head);
    pl_json_writer_key(out.writer, "frontier");
    pl_json_writer_rows(out.writer, f->utilities, f->n_points, f->n_parties, pool);
    pl_json_writer_members(out.writer, tail);
    pl_json_writer_close(out.writer, '}');
    pl_pool_free(pool);
    json_decref(head);
    json_decref(tail);
    return cli_json_end(&out);
}

static void text_package(FILE *out, const pl_scenario *s, const double *package)
{
    char line[4096], value[256];
    size_t w = 0;
    for (size_t i = 0; i < s->n_issues && w < sizeof line; i++) {
        const pl_issue *is = &s->issues[i];
        const char *shown = is->kind == PL_ISSUE_OPTIONS
                                ? is->options[(size_t)package[i]].label
                                : cli_format_value(s, i, package[i], value, sizeof value);
        w += (size_t)snprintf(line + w, sizeof line - w, "%s%s = %s", i ? "; " : "", is->id,
                              shown);
    }
    cli_wrap(out, w ? line : "(no issue)", 6, 6);
}

static void text_solutions(FILE *out, const pl_scenario *s, const pl_frontier *f)
{
    for (int k = 0; k < PL_SOLUTION_COUNT; k++) {
        const pl_frontier_solution *sol = &f->solutions[k];
        if (!sol->present)
            continue;
        fprintf(out, "  %s:", pl_solution_name((pl_solution_kind)k));
        for (size_t a = 0; a < f->n_parties && a < 12; a++)
            fprintf(out, " %s %.4f", s->actors[a].id, sol->utilities[a]);
        fprintf(out, f->n_parties > 12 ? " ...\n" : "\n");
        text_package(out, s, sol->package);
    }
}

static int report_text(const pl_scenario *s, const pl_frontier *f)
{
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return EXIT_INTERNAL;
    FILE *out = buffer.stream;
    char title[1024];
    snprintf(title, sizeof title, "Pareto frontier of %s: %zu parties, %zu issues",
             s->name ? s->name : s->id ? s->id : "the scenario", f->n_parties, f->n_issues);
    cli_wrap(out, title, 2, 0);
    fprintf(out, "  outcomes %s, rational %s, frontier %zu points\n", f->outcomes.decimal,
            f->rational_counted ? f->rational.decimal : "not counted (over the count's budget)",
            f->n_points);
    fprintf(out, "  disagreement point (%s):", pl_disagreement_name(f->disagreement_kind));
    for (size_t a = 0; a < f->n_parties && a < 12; a++)
        fprintf(out, " %s %.4f", s->actors[a].id, f->disagreement[a]);
    fprintf(out, f->n_parties > 12 ? " ...\n" : "\n");
    if (f->exact_vertices)
        fprintf(out, "  continuous issues exact: the frontier's vertices and the solutions' "
                     "points (docs/frontier.md)\n");
    else if (f->n_continuous_exact + f->n_continuous_grid > 0)
        fprintf(out, "  continuous issues on breakpoints and a grid (docs/frontier.md)%s\n",
                f->solutions_exact ? "; the solutions\n  are exact on the continuum" : "");
    if (f->agreement_possible) {
        fprintf(out, "Agreement is possible: some package crosses no red line and gives every "
                     "party its reservation.\nSolutions (utilities, then the package):\n");
        text_solutions(out, s, f);
    } else {
        fprintf(out, "No agreement is possible: every package crosses a red line or leaves "
                     "some party below its\nreservation.\n");
    }
    return cli_buffer_emit(&buffer);
}

static int analyse(const pl_scenario *s, const pl_frontier_options *settings, int json,
                   int quiet)
{
    pl_frontier *f = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, cli_scenario_source(s));
    pl_frontier_options lo = *settings;
    cli_progress bar;
    cli_progress_begin(&bar, "frontier", quiet);
    lo.progress = (pl_progress){cli_progress_update, &bar};
    int rc = pl_frontier_compute(s, &lo, &f, &diag);
    cli_progress_end(&bar);
    if (rc != PL_OK)
        return cli_fail(rc, &diag);
    rc = json ? report_json(s, f, lo.asymmetric, lo.threads) : report_text(s, f);
    pl_frontier_free(f);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {NULL, NULL, NULL, NULL, 0, 0};
    int rc = cli_parse(&cli_frontier_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    pl_frontier_options lo;
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("frontier",
                             "give a scenario (or a GENIUS domain and its profiles)");
    if (rc == EXIT_OK && !done)
        rc = library_options(&o, &lo);
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    if (rc == EXIT_OK && !done)
        rc = analyse(s, &lo, json, o.quiet);
    pl_scenario_free(s);
    free(positional);
    return rc;
}

const cli_command cli_frontier_command = {
    "frontier",
    "Pareto frontier, outcome counts and bargaining solutions",
    "Usage: parley frontier SCENARIO... [--disagreement reservation|minimum|zero]\n"
    "                       [--asymmetric] [--threads T] [--steps N] [--max-points N]\n"
    "                       [--json] [--quiet]\n"
    "\n"
    "The parties are the scenario's actors; a GENIUS domain is followed by one profile per\n"
    "party. An outcome is rational when it crosses no red line and gives every party at least\n"
    "its reservation (u_i >= rv_i - 1e-9). The frontier is the set of rational outcomes that no\n"
    "other rational outcome dominates (1e-9 tolerance), built by merging per-issue Pareto sets:\n"
    "the outcome space is never enumerated. Solutions, measured from the disagreement point d:\n"
    "  nash               max prod(u_i - d_i)\n"
    "  kalai_smorodinsky  max min((u_i - d_i) / (ideal_i - d_i))\n"
    "  egalitarian        max min(u_i - d_i)\n"
    "  utilitarian        max sum(u_i)\n"
    "  asymmetric_nash    max prod((u_i - d_i)^(c_i / sum c)), c = capability (--asymmetric)\n"
    "Two parties with linear utilities: the frontier is exact on continuous issues (its\n"
    "vertices and the solutions' points; JSON \"frontier_vertices\": true). Otherwise continuous\n"
    "issues are analysed on their breakpoints (range ends, ideal points, red-line ends) and a\n"
    "grid of N intervals (docs/frontier.md). Counts always use these positions. With three\n"
    "parties or more, linear utilities and d = reservations the four solutions are exact on\n"
    "the continuum all the same (JSON \"solutions_exact\": true).\n"
    "\n"
    "Options:\n"
    "  --disagreement D  reservation (default: d_i = rv_i), minimum (each party's lowest\n"
    "                    utility over all outcomes) or zero\n"
    "  --asymmetric      also the Nash solution weighted by capability (bargaining power)\n"
    "  --threads T       threads to use (default: the online processors)\n"
    "  --steps N         grid intervals on a continuous issue (default 20; counts, and the\n"
    "                    frontier of 3 or more parties or the quadratic form)\n"
    "  --max-points N    memory limit: a merge stage holds up to N x 4 / (parties + 2)\n"
    "                    points (default N = 67108864); with 8 parties or more a frontier\n"
    "                    whose outcomes could exceed that is refused at once\n"
    "  --json            print {\"parties\", \"outcomes\", \"rational\", \"frontier_size\",\n"
    "                    \"frontier\", \"solutions\", \"agreement_possible\"}; counts above 2^53\n"
    "                    are strings\n"
    "  --quiet           no progress bar (shown on a terminal for runs over a second)\n"
    "  --help            show this help\n"
    "\n"
    "Example: parley frontier Laptop.xml laptop_buyer.xml laptop_seller.xml --json\n",
    run,
};
