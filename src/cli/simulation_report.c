/*
 * simulation_report.c - loading domain folders, reporting Monte Carlo
 * results, and the simulation what-ifs of `parley run` (docs/simulation.md).
 */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "simulation_report.h"

/* ---- loading ---- */

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Nonzero when the file's first bytes hold `tag` (a GENIUS root element). */
static int file_has(const char *path, const char *tag)
{
    char head[4096] = {0};
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    return strstr(head, tag) != NULL;
}

static void free_list(char **list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(list[k]);
    free(list);
}

/* The folder's .xml files: the domain first, then the profiles by name. */
static int folder_files(const char *dir, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    size_t count = 0, capacity = 16;
    char **list = calloc(capacity + 1, sizeof *list);
    struct dirent *e;
    while (list != NULL && (e = readdir(d)) != NULL) {
        size_t length = strlen(e->d_name);
        if (length < 5 || strcmp(e->d_name + length - 4, ".xml") != 0)
            continue;
        if (count == capacity) {
            char **grown = realloc(list, (2 * capacity + 1) * sizeof *list);
            if (grown == NULL)
                break;
            list = grown;
            capacity *= 2;
        }
        list[count] = malloc(strlen(dir) + length + 2);
        if (list[count] == NULL)
            break;
        sprintf(list[count++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (list == NULL)
        return -1;
    qsort(list, count, sizeof *list, compare_names);
    for (size_t k = 0; k < count; k++)
        if (file_has(list[k], "<negotiation_template")) {
            char *domain = list[k];
            memmove(list + 1, list, k * sizeof *list);
            list[0] = domain;
            break;
        }
    *out = list;
    *n = count;
    return 0;
}

int cli_simulation_load(const char *const *paths, size_t n, pl_scenario **out)
{
    if (n != 1 || !is_directory(paths[0]))
        return cli_load_scenario(paths, n, out);
    char **files = NULL;
    size_t count = 0;
    if (folder_files(paths[0], &files, &count) != 0) {
        fprintf(stderr, "%s: error: cannot read the folder\n", paths[0]);
        return EXIT_BAD_INPUT;
    }
    int rc = count >= 3 ? cli_load_scenario((const char *const *)files, count, out)
                        : (fprintf(stderr, "%s: error: the folder holds no GENIUS domain with "
                                           "two profiles or more\n", paths[0]),
                           EXIT_BAD_INPUT);
    free_list(files, count);
    return rc;
}

/* ---- JSON ---- */

json_t *cli_simulation_number(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static json_t *numbers(const double *x, size_t n)
{
    json_t *array = json_array();
    for (size_t k = 0; array && k < n; k++)
        json_array_append_new(array, cli_simulation_number(x[k]));
    return array;
}

static json_t *agent_names(const pl_scenario *s, const pl_simulation_options *o)
{
    json_t *array = json_array();
    char name[64];
    for (size_t a = 0; array && a < s->n_actors; a++) {
        pl_agent agent = o->n_agents == 0 ? (pl_agent){PL_AGENT_TIME_BASED, 4.0}
                         : o->agents[o->n_agents == 1 ? 0 : a];
        json_array_append_new(array, json_string(pl_agent_name(&agent, name, sizeof name)));
    }
    return array;
}

static json_t *outcome(const pl_scenario *s, size_t i, const pl_outcome_distribution *d)
{
    static const char *const names[5] = {"5", "25", "50", "75", "95"};
    json_t *q = json_object();
    for (int k = 0; q && k < 5; k++)
        json_object_set_new(q, names[k], cli_simulation_number(d->quantiles[k]));
    json_t *o = json_pack("{s:o, s:o}", "mean", cli_simulation_number(d->mean), "quantiles", q);
    if (o != NULL && d->option_share != NULL) {
        json_t *shares = json_object();
        for (size_t k = 0; shares && k < s->issues[i].n_options; k++)
            json_object_set_new(shares, s->issues[i].options[k].id,
                                json_real(d->option_share[k]));
        json_object_set_new(o, "options", shares);
    }
    return o;
}

static json_t *sensitivity(const pl_scenario *s, const pl_montecarlo *m)
{
    json_t *array = json_array();
    for (size_t j = 0; array && j < m->n_inputs; j++) {
        const pl_input_sensitivity *e = &m->inputs[j];
        json_t *issue = e->issue == PL_ALL_ISSUES ? json_null()
                                                  : json_string(s->issues[e->issue].id);
        json_array_append_new(array, json_pack(
            "{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "uncertainty",
            s->uncertainties[e->uncertainty].id, "actor", s->actors[e->actor].id, "quantity",
            pl_quantity_name(e->quantity), "issue", issue, "correlation",
            cli_simulation_number(e->correlation), "rate_below",
            cli_simulation_number(e->rate_below), "rate_above",
            cli_simulation_number(e->rate_above)));
    }
    return array;
}

static json_t *selected(const char *const *ids, size_t n, const unsigned char *use)
{
    json_t *array = json_array();
    for (size_t k = 0; array && k < n; k++)
        if (use == NULL || use[k])
            json_array_append_new(array, json_string(ids[k]));
    return array;
}

static json_t *groups(const pl_scenario *s, const pl_montecarlo_options *o, int shocks)
{
    size_t n = shocks ? s->n_shocks : s->n_uncertainties;
    const char **ids = calloc(n + 1, sizeof *ids);
    if (ids == NULL)
        return NULL;
    for (size_t k = 0; k < n; k++)
        ids[k] = shocks ? s->shocks[k].id : s->uncertainties[k].id;
    json_t *array = selected(ids, n, shocks ? o->use_shock : o->use_uncertainty);
    free(ids);
    return array;
}

json_t *cli_json_montecarlo(const pl_scenario *s, const pl_montecarlo_options *o,
                            const pl_montecarlo *m)
{
    json_t *outcomes = json_object();
    for (size_t i = 0; outcomes && i < s->n_issues; i++)
        json_object_set_new(outcomes, s->issues[i].id, outcome(s, i, &m->issues[i]));
    const pl_simulation_options *so = &o->simulation;
    return json_pack(
        "{s:I, s:I, s:f, s:o, s:o, s:I, s:s, s:o, s:o, s:o, s:i, s:i, s:i, s:b, s:[f,f], "
        "s:o, s:o, s:o, s:o, s:o}",
        "runs", (json_int_t)m->runs, "agreements", (json_int_t)m->agreements, "agreement_rate",
        m->agreement_rate, "mean_agreement_step", cli_simulation_number(m->mean_agreement_step),
        "mean_utilities", numbers(m->mean_utilities, m->n_parties), "seed",
        (json_int_t)o->seed, "protocol", so->protocol == PL_PROTOCOL_MEDIATOR ? "mediator" : "sao",
        "parties", cli_json_ids_actors(s), "agents", agent_names(s, so), "issues",
        cli_json_ids_issues(s), "steps", so->steps, "grid", (int)so->grid, "talk_rounds",
        so->talk_rounds, "exact", m->exact, "agreement_interval", m->interval_low,
        m->interval_high, "mean_agreement_utilities",
        numbers(m->mean_agreement_utilities, m->n_parties), "uncertainties",
        groups(s, o, 0), "shocks", groups(s, o, 1), "outcomes", outcomes, "sensitivity",
        sensitivity(s, m));
}

/* ---- text ---- */

void cli_text_montecarlo(FILE *out, const pl_scenario *s, const pl_montecarlo_options *o,
                         const pl_montecarlo *m)
{
    const pl_simulation_options *so = &o->simulation;
    char title[1024];
    snprintf(title, sizeof title, "Simulation of %s: %s protocol, %d steps, %zu run%s, seed %llu",
             s->name ? s->name : s->id, so->protocol == PL_PROTOCOL_MEDIATOR ? "mediator" : "SAO",
             so->steps, m->runs, m->runs == 1 ? "" : "s", (unsigned long long)o->seed);
    cli_wrap(out, title, 0, 0);
    fprintf(out, "\nSettlement probability  %.4f  (95%% Wilson interval %.4f to %.4f; "
                 "%zu of %zu)\n", m->agreement_rate, m->interval_low, m->interval_high, m->agreements, m->runs);
    if (m->agreements > 0)
        fprintf(out, "Mean agreement step     %.2f\n", m->mean_agreement_step);
    fprintf(out, "\n%-24s %-16s %14s %16s\n", "party", "agent", "mean utility",
            "when agreed");
    char name[64];
    for (size_t a = 0; a < s->n_actors; a++) {
        pl_agent agent = so->n_agents == 0 ? (pl_agent){PL_AGENT_TIME_BASED, 4.0}
                         : so->agents[so->n_agents == 1 ? 0 : a];
        fprintf(out, "%-24.24s %-16.16s %14.4f ", s->actors[a].id,
                pl_agent_name(&agent, name, sizeof name), m->mean_utilities[a]);
        if (isnan(m->mean_agreement_utilities[a]))
            fprintf(out, "%16s\n", "-");
        else
            fprintf(out, "%16.4f\n", m->mean_agreement_utilities[a]);
    }
    if (m->agreements > 0) {
        fprintf(out, "\n%-24s %10s %10s %10s %10s %10s %10s\n", "agreed outcome", "mean", "5%",
                "25%", "median", "75%", "95%");
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_outcome_distribution *d = &m->issues[i];
            fprintf(out, "%-24.24s %10.4g", s->issues[i].id, d->mean);
            for (int k = 0; k < 5; k++)
                fprintf(out, " %10.4g", d->quantiles[k]);
            fputc('\n', out);
        }
    }
    if (m->n_inputs > 0) {
        fprintf(out, "\n%-20s %-10s %-12s %-16s %11s %9s %9s\n", "sensitivity: group", "actor",
                "quantity", "issue", "correlation", "below", "above");
        for (size_t j = 0; j < m->n_inputs && j < 10; j++) {
            const pl_input_sensitivity *e = &m->inputs[j];
            fprintf(out, "%-20.20s %-10.10s %-12.12s %-16.16s %11.4f %9.4f %9.4f\n",
                    s->uncertainties[e->uncertainty].id, s->actors[e->actor].id,
                    pl_quantity_name(e->quantity),
                    e->issue == PL_ALL_ISSUES ? "-" : s->issues[e->issue].id, e->correlation,
                    e->rate_below, e->rate_above);
        }
    }
    if (!m->exact)
        cli_wrap(out, "Note: the outcome space is larger than 1,000,000 outcomes (or has "
                      "continuous issues), so offers come from the search of "
                      "docs/simulation.md, not from NegMAS's exhaustive ranking.", 0, 0);
}

/* ---- the what-ifs of `parley run` ---- */

#define WHATIF_RUNS 1000
#define WHATIF_SEED 1

typedef struct whatif {
    const char *id, *name;
    int ok;
    pl_montecarlo *m;
} whatif;

/* Case 0 the baseline, then each shock, then each uncertainty group. */
static int run_whatif(const pl_scenario *s, size_t k, whatif *w)
{
    unsigned char *u = calloc(s->n_uncertainties + 1, 1), *h = calloc(s->n_shocks + 1, 1);
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = WHATIF_RUNS;
    o.seed = WHATIF_SEED;
    o.threads = 2;
    o.use_uncertainty = u;
    o.use_shock = h;
    w->id = "baseline";
    w->name = "Baseline (stated inputs, no shocks)";
    if (k >= 1 && k <= s->n_shocks) {
        h[k - 1] = 1;
        w->id = s->shocks[k - 1].id;
        w->name = s->shocks[k - 1].name ? s->shocks[k - 1].name : w->id;
    } else if (k > s->n_shocks) {
        u[k - 1 - s->n_shocks] = 1;
        w->id = s->uncertainties[k - 1 - s->n_shocks].id;
        const pl_uncertainty *g = &s->uncertainties[k - 1 - s->n_shocks];
        w->name = g->name ? g->name : w->id;
    }
    pl_diag diag;
    pl_diag_clear(&diag);
    w->ok = u && h && pl_montecarlo_run(s, &o, NULL, &w->m, &diag) == PL_OK;
    free(u);
    free(h);
    return w->ok;
}

void cli_text_simulation_whatifs(FILE *out, const pl_scenario *s)
{
    size_t n = 1 + s->n_shocks + s->n_uncertainties;
    fprintf(out, "Simulated talks (SAO, boulware agents, 100 steps, %d Monte Carlo runs, seed %d)"
                 "\n", WHATIF_RUNS, WHATIF_SEED);
    fprintf(out, "%-44s %12s %20s %10s\n", "what-if", "settlement", "95% interval",
            "mean step");
    for (size_t k = 0; k < n; k++) {
        whatif w = {0};
        if (!run_whatif(s, k, &w)) {
            fprintf(out, "%-44.44s %12s\n", w.name, "failed");
            continue;
        }
        fprintf(out, "%-44.44s %12.4f       %.4f-%.4f", w.name, w.m->agreement_rate,
                w.m->interval_low, w.m->interval_high);
        if (w.m->agreements > 0)
            fprintf(out, " %10.2f\n", w.m->mean_agreement_step);
        else
            fprintf(out, " %10s\n", "-");
        pl_montecarlo_free(w.m);
    }
}

json_t *cli_json_simulation_whatifs(const pl_scenario *s)
{
    size_t n = 1 + s->n_shocks + s->n_uncertainties;
    json_t *array = json_array();
    for (size_t k = 0; array && k < n; k++) {
        whatif w = {0};
        if (!run_whatif(s, k, &w)) {
            json_array_append_new(array, json_pack("{s:s, s:n}", "id", w.id, "agreement_rate"));
            continue;
        }
        json_array_append_new(array, json_pack(
            "{s:s, s:s, s:I, s:I, s:f, s:[f,f], s:o}", "id", w.id, "name", w.name, "runs",
            (json_int_t)w.m->runs, "agreements", (json_int_t)w.m->agreements, "agreement_rate",
            w.m->agreement_rate, "agreement_interval", w.m->interval_low, w.m->interval_high,
            "mean_agreement_step", cli_simulation_number(w.m->mean_agreement_step)));
        pl_montecarlo_free(w.m);
    }
    return json_pack("{s:s, s:i, s:i, s:i, s:o}", "protocol", "sao", "steps", 100, "runs",
                     WHATIF_RUNS, "seed", WHATIF_SEED, "whatifs", array);
}
