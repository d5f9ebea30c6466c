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
#include "progress.h"
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

/* ---- CSV: the trace of one negotiation, every run ---- */

/* ",u_<party>..." then ",<issue>...": the columns both CSV files share. */
static void csv_party_issue_columns(FILE *f, const pl_scenario *s)
{
    for (size_t a = 0; a < s->n_actors; a++) {
        fputs(",u_", f);
        cli_csv_field(f, s->actors[a].id);
    }
    for (size_t i = 0; i < s->n_issues; i++) {
        fputc(',', f);
        cli_csv_field(f, s->issues[i].id);
    }
}

/* A value of issue i: its option id, or the position; nothing for NaN (no agreement). */
static void issue_value(FILE *f, const pl_scenario *s, size_t i, double v)
{
    if (isnan(v))
        return;
    if (s->issues[i].kind == PL_ISSUE_OPTIONS)
        cli_csv_field(f, s->issues[i].options[(size_t)v].id);
    else
        cli_csv_real(f, v);
}

int cli_write_negotiation_trace(const char *path, const pl_scenario *s,
                                const pl_simulation_options *o, const pl_negotiation *r,
                                pl_diag *diag)
{
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory building the trace");
    FILE *f = buffer.stream;
    int mediator = o->protocol == PL_PROTOCOL_MEDIATOR;
    fputs("step,party,action", f);
    csv_party_issue_columns(f, s);
    fputc('\n', f);
    for (size_t k = 0; k < r->n_events; k++) {
        const pl_sao_event *e = &r->events[k];
        int by_mediator = e->party >= s->n_actors;
        const char *action = by_mediator ? "text"
                             : e->accepted ? "accept"
                             : mediator    ? "object"
                                           : "offer";
        fprintf(f, "%d,", e->round + 1);
        cli_csv_field(f, by_mediator ? "" : s->actors[e->party].id);
        fprintf(f, ",%s", action);
        for (size_t a = 0; a < s->n_actors; a++) {
            fputc(',', f);
            cli_csv_real(f, e->utilities[a]);
        }
        for (size_t i = 0; i < s->n_issues; i++) {
            fputc(',', f);
            issue_value(f, s, i, e->package[i]);
        }
        fputc('\n', f);
    }
    return cli_buffer_to_file(&buffer, path, diag);
}

int cli_write_runs_csv(const char *path, const pl_scenario *s, const pl_montecarlo *m,
                       pl_diag *diag)
{
    if (m->per_run_agreed == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "the runs were not kept");
    cli_buffer buffer;
    if (cli_buffer_open(&buffer) != EXIT_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory building the runs");
    FILE *f = buffer.stream;
    size_t P = m->n_parties, I = m->n_issues, D = m->n_inputs;
    size_t *column = malloc((D + 1) * sizeof *column); /* draw -> inputs[] entry */
    if (column == NULL) {
        cli_buffer_discard(&buffer);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory building the runs");
    }
    for (size_t k = 0; k < D; k++)
        column[m->inputs[k].draw] = k;
    fputs("run,agreed,step", f);
    csv_party_issue_columns(f, s);
    for (size_t j = 0; j < D; j++) {
        const pl_input_sensitivity *e = &m->inputs[column[j]];
        char name[512];
        snprintf(name, sizeof name, "%s:%s:%s%s%s", s->uncertainties[e->uncertainty].id,
                 s->actors[e->actor].id, pl_quantity_name(e->quantity),
                 e->issue == PL_ALL_ISSUES ? "" : ":",
                 e->issue == PL_ALL_ISSUES ? "" : s->issues[e->issue].id);
        fputc(',', f);
        cli_csv_field(f, name);
    }
    fputc('\n', f);
    for (size_t run = 0; run < m->runs; run++) {
        fprintf(f, "%zu,%d,%d", run, m->per_run_agreed[run] != 0, m->per_run_step[run]);
        for (size_t a = 0; a < P; a++) {
            fputc(',', f);
            cli_csv_real(f, m->per_run_utilities[run * P + a]);
        }
        for (size_t i = 0; i < I; i++) {
            fputc(',', f);
            issue_value(f, s, i, m->per_run_package[run * I + i]);
        }
        for (size_t j = 0; j < D; j++) {
            fputc(',', f);
            cli_csv_real(f, m->per_run_deviations[run * D + j]);
        }
        fputc('\n', f);
    }
    free(column);
    return cli_buffer_to_file(&buffer, path, diag);
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
                 "%zu of %zu)\n",
            m->agreement_rate, m->interval_low, m->interval_high, m->agreements, m->runs);
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

/* Case 0 the baseline, then each shock, then each uncertainty group; reports to `bar`. */
static int run_whatif(const pl_scenario *s, size_t k, whatif *w, cli_progress *bar)
{
    unsigned char *u = calloc(s->n_uncertainties + 1, 1), *h = calloc(s->n_shocks + 1, 1);
    pl_montecarlo_options o;
    pl_montecarlo_options_init(&o);
    o.runs = WHATIF_RUNS;
    o.seed = WHATIF_SEED;
    o.threads = 2;
    o.use_uncertainty = u;
    o.use_shock = h;
    if (bar != NULL)
        o.progress = (pl_progress){cli_progress_update, bar};
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

/* ---- the agreement steps of each what-if (simulation_report.h) ---- */

/* One drawn input, in the order the library draws them (docs/simulation.md). */
typedef struct drawn {
    size_t actor, issue, red_line;
    pl_quantity quantity;
    pl_distribution distribution;
    double spread;
} drawn;

static int push_drawn(drawn **list, size_t *n, const pl_draw *d, size_t issue, size_t red_line)
{
    drawn *grown = realloc(*list, (*n + 1) * sizeof **list);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    *list = grown;
    grown[(*n)++] = (drawn){d->actor, issue, red_line, d->quantity, d->distribution, d->spread};
    return PL_OK;
}

/* The inputs of uncertainty group g: one per red line, per issue, or per actor. */
static int group_inputs(const pl_scenario *s, size_t g, drawn **list, size_t *n)
{
    int rc = PL_OK;
    for (size_t k = 0; rc == PL_OK && k < s->uncertainties[g].n_draws; k++) {
        const pl_draw *d = &s->uncertainties[g].draws[k];
        if (d->quantity == PL_QUANTITY_RED_LINE) {
            for (size_t r = 0; rc == PL_OK && r < s->n_red_lines; r++)
                if (s->red_lines[r].actor == d->actor &&
                    (d->issue == PL_ALL_ISSUES || d->issue == s->red_lines[r].issue) &&
                    s->issues[s->red_lines[r].issue].kind == PL_ISSUE_CONTINUOUS)
                    rc = push_drawn(list, n, d, s->red_lines[r].issue, r);
        } else if (d->quantity != PL_QUANTITY_POSITION && d->quantity != PL_QUANTITY_SALIENCE) {
            rc = push_drawn(list, n, d, PL_ALL_ISSUES, 0);
        } else {
            for (size_t i = 0; rc == PL_OK && i < s->n_issues; i++) {
                const pl_stance *st = pl_scenario_stance_const(s, d->actor, i);
                if ((d->issue == PL_ALL_ISSUES || d->issue == i) && st->present &&
                    (d->quantity == PL_QUANTITY_SALIENCE ||
                     s->issues[i].kind == PL_ISSUE_CONTINUOUS))
                    rc = push_drawn(list, n, d, i, 0);
            }
        }
    }
    return rc;
}

static double clamped(double x, double low, double high)
{
    return x < low ? low : x > high ? high : x;
}

/* Put run `run`'s draws into `w`, a copy of `s`, starting from the stated values. */
static void apply_run(const pl_scenario *s, pl_scenario *w, const drawn *in, size_t n,
                      size_t run)
{
    for (size_t k = 0; k < n; k++) {
        const drawn *x = &in[k];
        if (x->quantity == PL_QUANTITY_RED_LINE) {
            w->red_lines[x->red_line].low = s->red_lines[x->red_line].low;
            w->red_lines[x->red_line].high = s->red_lines[x->red_line].high;
        } else if (x->issue == PL_ALL_ISSUES) {
            w->actors[x->actor].capability = s->actors[x->actor].capability;
            w->actors[x->actor].reservation = s->actors[x->actor].reservation;
        } else {
            *pl_scenario_stance(w, x->actor, x->issue) =
                *pl_scenario_stance_const(s, x->actor, x->issue);
        }
    }
    for (size_t k = 0; k < n; k++) {
        const drawn *x = &in[k];
        double e = pl_montecarlo_deviation(WHATIF_SEED, run, k, x->distribution, x->spread);
        const pl_issue *is = &s->issues[x->issue == PL_ALL_ISSUES ? 0 : x->issue];
        pl_actor *a = &w->actors[x->actor];
        switch (x->quantity) {
        case PL_QUANTITY_CAPABILITY: a->capability = clamped(a->capability + e, 1e-9, INFINITY);
            break;
        case PL_QUANTITY_RESERVATION: a->reservation = clamped(a->reservation + e, 0, 1); break;
        case PL_QUANTITY_SALIENCE: {
            pl_stance *st = pl_scenario_stance(w, x->actor, x->issue);
            st->salience = clamped(st->salience + e, 0, 1);
            break;
        }
        case PL_QUANTITY_POSITION: {
            pl_stance *st = pl_scenario_stance(w, x->actor, x->issue);
            st->position = clamped(st->position + e, is->low, is->high);
            break;
        }
        default: {
            pl_red_line *r = &w->red_lines[x->red_line];
            const pl_issue *ri = &s->issues[r->issue];
            r->low = clamped(r->low + e, ri->low, ri->high);
            r->high = clamped(r->high + e, ri->low, ri->high);
            break;
        }
        }
    }
}

/* Negotiate every run of group g again; keep the steps when they match the library's. */
static int group_steps(const pl_scenario *s, size_t g, cli_whatif *c, int steps)
{
    drawn *in = NULL;
    size_t n = 0;
    pl_scenario *w = NULL;
    size_t *at = calloc((size_t)steps + 1, sizeof *at);
    int rc = at ? group_inputs(s, g, &in, &n) : PL_ERR_NOMEM;
    if (rc == PL_OK)
        rc = pl_scenario_copy(s, &w);
    pl_simulation_options o;
    pl_simulation_options_init(&o);
    size_t agreed = 0, runs = n == 0 ? 1 : c->m->runs;
    double sum = 0;
    for (size_t run = 0; rc == PL_OK && run < runs; run++) {
        pl_negotiation *r = NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        apply_run(s, w, in, n, run);
        rc = pl_negotiate(w, &o, &r, &diag);
        if (rc == PL_OK && r->agreed && r->agreement_step >= 0 && r->agreement_step <= steps) {
            at[r->agreement_step] += n == 0 ? c->m->runs : 1;
            agreed += n == 0 ? c->m->runs : 1;
            sum += n == 0 ? (double)c->m->runs * r->agreement_step : r->agreement_step;
        }
        pl_negotiation_free(r);
    }
    pl_scenario_free(w);
    free(in);
    double mean = agreed ? sum / (double)agreed : NAN;
    int same = agreed == c->m->agreements &&
               (agreed == 0 || mean == c->m->mean_agreement_step);
    if (rc == PL_OK && same)
        c->agreed_at = at;
    else
        free(at);
    return rc == PL_ERR_NOMEM ? PL_ERR_NOMEM : PL_OK;
}

/* A case without draws: every run is the same, so they all agree at the mean step. */
static int fixed_steps(cli_whatif *c, int steps)
{
    c->agreed_at = calloc((size_t)steps + 1, sizeof *c->agreed_at);
    if (c->agreed_at == NULL)
        return PL_ERR_NOMEM;
    double step = c->m->mean_agreement_step;
    if (c->m->agreements == c->m->runs && step >= 0 && step <= steps && step == floor(step))
        c->agreed_at[(size_t)step] = c->m->agreements;
    else if (c->m->agreements != 0) {
        free(c->agreed_at);
        c->agreed_at = NULL;
    }
    return PL_OK;
}

int cli_whatifs_run(const pl_scenario *s, int steps, cli_whatifs *out)
{
    out->n = 1 + s->n_shocks + s->n_uncertainties;
    out->steps = PL_SIMULATION_DEFAULT_STEPS;
    out->cases = calloc(out->n, sizeof *out->cases);
    if (out->cases == NULL)
        return PL_ERR_NOMEM;
    int rc = PL_OK;
    cli_progress *bar = cli_progress_attached();
    double low = bar ? bar->low : 0, high = bar ? bar->high : 1, part = (high - low) / out->n;
    for (size_t k = 0; rc == PL_OK && k < out->n; k++) {
        cli_whatif *c = &out->cases[k];
        whatif w = {0};
        if (bar != NULL)
            cli_progress_span(bar, low + part * k, low + part * (k + 1));
        run_whatif(s, k, &w, bar);
        c->id = w.id;
        c->name = w.name;
        c->ok = w.ok;
        c->m = w.m;
        if (!c->ok || !steps)
            continue;
        rc = k > s->n_shocks ? group_steps(s, k - 1 - s->n_shocks, c, out->steps)
                             : fixed_steps(c, out->steps);
    }
    if (bar != NULL)
        cli_progress_span(bar, low, high);
    return rc;
}

void cli_whatifs_free(cli_whatifs *w)
{
    for (size_t k = 0; w->cases && k < w->n; k++) {
        pl_montecarlo_free(w->cases[k].m);
        free(w->cases[k].agreed_at);
    }
    free(w->cases);
    w->cases = NULL;
    w->n = 0;
}

void cli_text_whatifs(FILE *out, const pl_scenario *s, const cli_whatifs *ws)
{
    (void)s;
    fprintf(out, "Simulated talks (SAO, boulware agents, 100 steps, %d Monte Carlo runs, seed %d)"
                 "\n", WHATIF_RUNS, WHATIF_SEED);
    fprintf(out, "%-44s %12s %20s %10s\n", "what-if", "settlement", "95% interval",
            "mean step");
    for (size_t k = 0; k < ws->n; k++) {
        const cli_whatif *w = &ws->cases[k];
        if (!w->ok) {
            fprintf(out, "%-44.44s %12s\n", w->name, "failed");
            continue;
        }
        fprintf(out, "%-44.44s %12.4f       %.4f-%.4f", w->name, w->m->agreement_rate,
                w->m->interval_low, w->m->interval_high);
        if (w->m->agreements > 0)
            fprintf(out, " %10.2f\n", w->m->mean_agreement_step);
        else
            fprintf(out, " %10s\n", "-");
    }
}

void cli_text_simulation_whatifs(FILE *out, const pl_scenario *s)
{
    cli_whatifs w;
    if (cli_whatifs_run(s, 0, &w) == PL_OK)
        cli_text_whatifs(out, s, &w);
    cli_whatifs_free(&w);
}

static json_t *whatif_steps(const cli_whatif *w, int steps)
{
    json_t *pairs = json_array();
    for (int k = 0; pairs && k <= steps; k++)
        if (w->agreed_at[k] > 0)
            json_array_append_new(pairs, json_pack("[i, I]", k, (json_int_t)w->agreed_at[k]));
    return pairs;
}

static json_t *whatif_json(const pl_scenario *s, const cli_whatif *w, int steps, int details)
{
    if (!w->ok)
        return json_pack("{s:s, s:n}", "id", w->id, "agreement_rate");
    json_t *o = json_pack(
        "{s:s, s:s, s:I, s:I, s:f, s:[f,f], s:o}", "id", w->id, "name", w->name, "runs",
        (json_int_t)w->m->runs, "agreements", (json_int_t)w->m->agreements, "agreement_rate",
        w->m->agreement_rate, "agreement_interval", w->m->interval_low, w->m->interval_high,
        "mean_agreement_step", cli_simulation_number(w->m->mean_agreement_step));
    if (o == NULL || !details)
        return o;
    if (w->agreed_at)
        json_object_set_new(o, "agreement_steps", whatif_steps(w, steps));
    if (w->m->agreements > 0) {
        json_t *outcomes = json_object();
        for (size_t i = 0; outcomes && i < s->n_issues; i++)
            json_object_set_new(outcomes, s->issues[i].id, outcome(s, i, &w->m->issues[i]));
        json_object_set_new(o, "outcomes", outcomes);
    }
    if (w->m->n_inputs > 0)
        json_object_set_new(o, "sensitivity", sensitivity(s, w->m));
    return o;
}

static json_t *whatifs_json(const pl_scenario *s, const cli_whatifs *w, int details)
{
    json_t *array = json_array();
    for (size_t k = 0; array && k < w->n; k++)
        json_array_append_new(array, whatif_json(s, &w->cases[k], w->steps, details));
    return json_pack("{s:s, s:i, s:i, s:i, s:o}", "protocol", "sao", "steps", w->steps, "runs",
                     WHATIF_RUNS, "seed", WHATIF_SEED, "whatifs", array);
}

json_t *cli_json_whatifs(const pl_scenario *s, const cli_whatifs *w)
{
    return whatifs_json(s, w, 1);
}

json_t *cli_json_simulation_whatifs(const pl_scenario *s)
{
    cli_whatifs w;
    json_t *o = cli_whatifs_run(s, 0, &w) == PL_OK ? whatifs_json(s, &w, 0) : NULL;
    cli_whatifs_free(&w);
    return o;
}

int cli_parse_agents(const char *command, const char *text, pl_agent **agents, size_t *n)
{
    *agents = NULL;
    *n = 0;
    if (text == NULL)
        return EXIT_OK;
    char *copy = strdup(text);
    *agents = calloc(strlen(text) + 1, sizeof **agents);
    if (copy == NULL || *agents == NULL) {
        free(copy);
        return EXIT_INTERNAL;
    }
    int rc = EXIT_OK;
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && rc == EXIT_OK;
         t = strtok_r(NULL, ",", &save))
        if (pl_agent_parse(t, &(*agents)[(*n)++]) != PL_OK)
            rc = cli_usage_error(command, "unknown agent '%s' (boulware, linear, conceder, "
                                 "hardheaded, tit-for-tat, genius-boulware, genius-linear, "
                                 "genius-conceder, tb:E, genius:E)", t);
    free(copy);
    return rc;
}
