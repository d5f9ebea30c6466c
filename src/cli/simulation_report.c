/*
 * simulation_report.c - reporting Monte Carlo results, and the simulation
 * what-ifs of `parley run` (docs/simulation.md). Folders load in cli_load.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "progress.h"
#include "simulation_report.h"

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

int cli_write_negotiation_trace(cli_outputs *set, const char *path, const pl_scenario *s,
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
    return cli_buffer_to_set(&buffer, set, path, diag);
}

int cli_write_runs_csv(cli_outputs *set, const char *path, const pl_scenario *s,
                       const pl_montecarlo *m, pl_diag *diag)
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
    return cli_buffer_to_set(&buffer, set, path, diag);
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

json_t *cli_json_agent_names(const pl_scenario *s, const pl_simulation_options *o)
{
    json_t *array = json_array();
    char name[64];
    for (size_t a = 0; array && a < s->n_actors; a++) {
        pl_agent agent = o->n_agents == 0 ? (pl_agent){PL_AGENT_TIME_BASED, 4.0, NULL}
                         : o->agents[o->n_agents == 1 ? 0 : a];
        json_array_append_new(array, json_string(pl_agent_name(&agent, name, sizeof name)));
    }
    return array;
}

/*
 * The agreed outcomes of issue i: on a continuous issue the mean and
 * quantiles of the positions; on an options issue how many agreed runs chose
 * each option and its share (count / agreements), never a mean of option
 * numbers (docs/simulation.md).
 */
static json_t *outcome(const pl_scenario *s, size_t i, const pl_outcome_distribution *d)
{
    static const char *const names[5] = {"5", "25", "50", "75", "95"};
    int options = d->option_share != NULL;
    json_t *q = json_object();
    for (int k = 0; q && k < 5; k++)
        json_object_set_new(q, names[k],
                            options ? json_null() : cli_simulation_number(d->quantiles[k]));
    json_t *o = json_pack("{s:o, s:o}", "mean",
                          options ? json_null() : cli_simulation_number(d->mean), "quantiles", q);
    if (o != NULL && options) {
        json_t *shares = json_object(), *counts = json_object();
        for (size_t k = 0; shares && counts && k < s->issues[i].n_options; k++) {
            json_object_set_new(shares, s->issues[i].options[k].id,
                                json_real(d->option_share[k]));
            json_object_set_new(counts, s->issues[i].options[k].id,
                                json_integer((json_int_t)d->option_count[k]));
        }
        json_object_set_new(o, "options", shares);
        json_object_set_new(o, "counts", counts);
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

/* The Wilson interval, or null when every run is the same (nothing to estimate). */
static json_t *interval_json(const pl_montecarlo *m)
{
    return m->deterministic ? json_null()
                            : json_pack("[f, f]", m->interval_low, m->interval_high);
}

json_t *cli_json_montecarlo(const pl_scenario *s, const pl_montecarlo_options *o,
                            const pl_montecarlo *m)
{
    json_t *outcomes = json_object();
    for (size_t i = 0; outcomes && i < s->n_issues; i++)
        json_object_set_new(outcomes, s->issues[i].id, outcome(s, i, &m->issues[i]));
    const pl_simulation_options *so = &o->simulation;
    return json_pack(
        "{s:I, s:I, s:f, s:o, s:o, s:I, s:s, s:o, s:o, s:o, s:i, s:i, s:i, s:b, s:o, "
        "s:o, s:o, s:o, s:o, s:o, s:b, s:o}",
        "runs", (json_int_t)m->runs, "agreements", (json_int_t)m->agreements, "agreement_rate",
        m->agreement_rate, "mean_agreement_step", cli_simulation_number(m->mean_agreement_step),
        "mean_utilities", numbers(m->mean_utilities, m->n_parties), "seed",
        (json_int_t)o->seed, "protocol", so->protocol == PL_PROTOCOL_MEDIATOR ? "mediator" : "sao",
        "parties", cli_json_ids_actors(s), "agents", cli_json_agent_names(s, so), "issues",
        cli_json_ids_issues(s), "steps", so->steps, "grid", (int)so->grid, "talk_rounds",
        so->talk_rounds, "exact", m->exact, "agreement_interval", interval_json(m),
        "mean_agreement_utilities",
        numbers(m->mean_agreement_utilities, m->n_parties), "uncertainties",
        groups(s, o, 0), "shocks", groups(s, o, 1), "outcomes", outcomes, "sensitivity",
        sensitivity(s, m), "deterministic", m->deterministic, "warnings",
        cli_json_shock_warnings(s, o));
}

/* ---- text ---- */

/* Options issues: "issue  option  count  share" per option chosen by some agreement. */
static void text_option_shares(FILE *out, const pl_scenario *s, const pl_montecarlo *m,
                               cli_names *names)
{
    char issue[64], option[64];
    int header = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_outcome_distribution *d = &m->issues[i];
        for (size_t k = 0; d->option_share != NULL && k < s->issues[i].n_options; k++) {
            if (d->option_count[k] == 0)
                continue;
            if (!header)
                fprintf(out, "\n%-24s %-24s %10s %10s\n", "agreed option", "", "runs",
                        "share");
            header = 1;
            char share[CLI_NUMBER_CHARS];
            fprintf(out, "%-24s %-24s %10zu %10s\n",
                    cli_fit(names, s->issues[i].id, 24, issue, sizeof issue),
                    cli_fit(names, s->issues[i].options[k].id, 24, option, sizeof option),
                    d->option_count[k],
                    cli_number(d->option_share[k], 4, share));
        }
    }
}

/* Where the offers came from when not from NegMAS's exhaustive ranking (zone_comparison.h). */
static const char *offers_note(const pl_scenario *s, const pl_montecarlo_options *o,
                               const pl_montecarlo *m)
{
    switch (pl_offer_source_of(s, o, m)) {
    case PL_OFFERS_TRADEOFF:
        return "Note: offers are trade-off packages on the continuum, each at its agent's "
               "aspiration level and as acceptable as it can be to the others as stated "
               "(Faratin, Sierra and Jennings 2002; docs/simulation.md), not NegMAS's "
               "exhaustive ranking.";
    case PL_OFFERS_MEDIATOR_TEXT:
        return "Note: the texts are the mediator's exact packages of the zone it believes in "
               "(docs/simulation.md, \"Mediator\").";
    case PL_OFFERS_MEDIATOR_GRID:
        return "Note: with quadratic utilities the mediator drafts on the --grid of the "
               "continuous issues (docs/simulation.md, \"Mediator\").";
    default:
        return "Note: the outcome space is larger than 1,000,000 outcomes (or has continuous "
               "issues), so offers come from the search of docs/simulation.md over the --grid, "
               "not from NegMAS's exhaustive ranking.";
    }
}

void cli_text_montecarlo(FILE *out, const pl_scenario *s, const pl_montecarlo_options *o,
                         const pl_montecarlo *m)
{
    const pl_simulation_options *so = &o->simulation;
    char title[1024], fitted[4][64];
    cli_names names = {0};
    snprintf(title, sizeof title, "Simulation of %s: %s protocol, %d steps, %zu run%s, seed %llu",
             s->name ? s->name : s->id, so->protocol == PL_PROTOCOL_MEDIATOR ? "mediator" : "SAO",
             so->steps, m->runs, m->runs == 1 ? "" : "s", (unsigned long long)o->seed);
    cli_wrap(out, title, 0, 0);
    if (m->deterministic)
        fprintf(out, "\nSettlement probability  %.4f  (deterministic: nothing is drawn, every "
                     "run is the same)\n", m->agreement_rate);
    else
        fprintf(out, "\nSettlement probability  %.4f  (95%% Wilson interval %.4f to %.4f; "
                     "%zu of %zu)\n",
                m->agreement_rate, m->interval_low, m->interval_high, m->agreements, m->runs);
    if (m->agreements > 0)
        fprintf(out, "Mean agreement step     %.2f\n", m->mean_agreement_step);
    fprintf(out, "\n%-24s %-16s %14s %16s\n", "party", "agent", "mean utility",
            "when agreed");
    char name[64];
    for (size_t a = 0; a < s->n_actors; a++) {
        pl_agent agent = so->n_agents == 0 ? (pl_agent){PL_AGENT_TIME_BASED, 4.0, NULL}
                         : so->agents[so->n_agents == 1 ? 0 : a];
        fprintf(out, "%-24s %-16s %14.4f ",
                cli_fit(&names, s->actors[a].id, 24, fitted[0], sizeof fitted[0]),
                cli_fit(&names, pl_agent_name(&agent, name, sizeof name), 16, fitted[1],
                        sizeof fitted[1]),
                m->mean_utilities[a]);
        if (isnan(m->mean_agreement_utilities[a]))
            fprintf(out, "%16s\n", "-");
        else
            fprintf(out, "%16.4f\n", m->mean_agreement_utilities[a]);
    }
    int continuous = 0;
    for (size_t i = 0; i < s->n_issues; i++)
        continuous |= m->issues[i].option_share == NULL;
    if (m->agreements > 0 && continuous)
        fprintf(out, "\n%-24s %10s %10s %10s %10s %10s %10s\n", "agreed outcome", "mean", "5%",
                "25%", "median", "75%", "95%");
    if (m->agreements > 0) {
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_outcome_distribution *d = &m->issues[i];
            if (d->option_share != NULL)
                continue;
            char number[CLI_NUMBER_CHARS];
            fprintf(out, "%-24s %10s", cli_fit(&names, s->issues[i].id, 24, fitted[0], 64),
                    cli_number(d->mean, 4, number));
            for (int k = 0; k < 5; k++)
                fprintf(out, " %10s", cli_number(d->quantiles[k], 4, number));
            fputc('\n', out);
        }
        text_option_shares(out, s, m, &names);
    }
    if (m->n_inputs > 0) {
        fprintf(out, "\n%-20s %-10s %-12s %-16s %11s %9s %9s\n", "sensitivity: group", "actor",
                "quantity", "issue", "correlation", "below", "above");
        for (size_t j = 0; j < m->n_inputs && j < 10; j++) {
            const pl_input_sensitivity *e = &m->inputs[j];
            fprintf(out, "%-20s %-10s %-12s %-16s %11.4f %9.4f %9.4f\n",
                    cli_fit(&names, s->uncertainties[e->uncertainty].id, 20, fitted[0], 64),
                    cli_fit(&names, s->actors[e->actor].id, 10, fitted[1], 64),
                    pl_quantity_name(e->quantity),
                    cli_fit(&names, e->issue == PL_ALL_ISSUES ? "-" : s->issues[e->issue].id,
                            16, fitted[2], 64),
                    e->correlation, e->rate_below, e->rate_above);
        }
    }
    cli_names_print(out, &names);
    cli_names_free(&names);
    cli_text_shock_warnings(out, s, o);
    if (!m->exact)
        cli_wrap(out, offers_note(s, o, m), 0, 0);
}

/* ---- the what-ifs of `parley run` ---- */

/* The what-ifs' settings: `run`'s options, else these (docs/simulation.md). */
#define WHATIF_RUNS 1000
#define WHATIF_SEED 1

void cli_whatif_settings_init(pl_montecarlo_options *o)
{
    pl_montecarlo_options_init(o);
    o->runs = WHATIF_RUNS;
    o->seed = WHATIF_SEED;
    o->threads = 2;
}

int cli_whatifs_run(const pl_scenario *s, const pl_montecarlo_options *settings,
                    pl_whatifs **out, pl_diag *failure)
{
    pl_montecarlo_options o;
    if (settings != NULL)
        o = *settings;
    else
        cli_whatif_settings_init(&o);
    /* The library reports the fraction of all the cases done; the bar shows it. */
    cli_progress *bar = cli_progress_attached();
    o.progress = bar != NULL ? (pl_progress){cli_progress_update, bar} : (pl_progress){NULL, NULL};
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_whatifs_run(s, &o, out, &diag);
    if (*out != NULL)
        (*out)->settings.progress = (pl_progress){NULL, NULL};
    if (rc != PL_OK && failure != NULL) {
        *failure = diag;
        pl_diag_set_source(failure, cli_scenario_source(s));
    }
    return rc;
}

/* "boulware agents", "conceder agents", or "agents boulware, linear, ...". */
static void agents_phrase(const pl_scenario *s, const pl_simulation_options *o, char *buffer,
                          size_t size)
{
    char name[64];
    if (o->n_agents <= 1) {
        pl_agent agent = o->n_agents == 0 ? (pl_agent){PL_AGENT_TIME_BASED, 4.0, NULL}
                                          : o->agents[0];
        snprintf(buffer, size, "%s agents", pl_agent_name(&agent, name, sizeof name));
        return;
    }
    size_t used = (size_t)snprintf(buffer, size, "agents");
    for (size_t a = 0; a < s->n_actors && used < size; a++)
        used += (size_t)snprintf(buffer + used, size - used, "%s %s", a ? "," : "",
                                 pl_agent_name(&o->agents[a], name, sizeof name));
}

void cli_whatifs_settings_text(const pl_scenario *s, const pl_montecarlo_options *o,
                               char *buffer, size_t size)
{
    char agents[512];
    agents_phrase(s, &o->simulation, agents, sizeof agents);
    snprintf(buffer, size, "%s, %s, %d steps, %zu Monte Carlo runs, seed %llu",
             o->simulation.protocol == PL_PROTOCOL_MEDIATOR ? "mediator" : "SAO", agents,
             o->simulation.steps, o->runs, (unsigned long long)o->seed);
}

void cli_text_whatifs(FILE *out, const pl_scenario *s, const pl_whatifs *ws)
{
    char settings[700], name[64];
    cli_names legend = {0};
    cli_whatifs_settings_text(s, &ws->settings, settings, sizeof settings);
    fprintf(out, "Simulated talks (%s)\n", settings);
    fprintf(out, "%-44s %12s %20s %10s\n", "what-if", "settlement", "95% interval",
            "mean step");
    for (size_t k = 0; k < ws->n; k++) {
        const pl_whatif *w = &ws->cases[k];
        cli_fit(&legend, w->name, 44, name, sizeof name);
        if (!w->ok) {
            fprintf(out, "%-44s %12s\n", name, "failed");
            continue;
        }
        if (w->montecarlo->deterministic)
            fprintf(out, "%-44s %12.4f %20s", name, w->montecarlo->agreement_rate,
                    "deterministic");
        else
            fprintf(out, "%-44s %12.4f       %.4f-%.4f", name, w->montecarlo->agreement_rate,
                    w->montecarlo->interval_low, w->montecarlo->interval_high);
        if (w->montecarlo->agreements > 0)
            fprintf(out, " %10.2f\n", w->montecarlo->mean_agreement_step);
        else
            fprintf(out, " %10s\n", "-");
    }
    cli_names_print(out, &legend);
    cli_names_free(&legend);
    cli_text_shock_warnings(out, s, &ws->settings);
}

void cli_text_simulation_whatifs(FILE *out, const pl_scenario *s)
{
    pl_whatifs *w = NULL;
    if (cli_whatifs_run(s, NULL, &w, NULL) == PL_OK)
        cli_text_whatifs(out, s, w);
    pl_whatifs_free(w);
}

static json_t *whatif_steps(const pl_whatif *w, int steps)
{
    json_t *pairs = json_array();
    for (int k = 0; pairs && k <= steps && (size_t)k <= w->montecarlo->n_steps; k++)
        if (w->montecarlo->agreed_at[k] > 0)
            json_array_append_new(pairs, json_pack("[i, I]", k, (json_int_t)w->montecarlo->agreed_at[k]));
    return pairs;
}

static json_t *whatif_json(const pl_scenario *s, const pl_whatif *w, int steps, int details)
{
    if (!w->ok)
        return json_pack("{s:s, s:n}", "id", w->id, "agreement_rate");
    json_t *o = json_pack(
        "{s:s, s:s, s:I, s:I, s:f, s:o, s:o, s:b}", "id", w->id, "name", w->name, "runs",
        (json_int_t)w->montecarlo->runs, "agreements", (json_int_t)w->montecarlo->agreements, "agreement_rate",
        w->montecarlo->agreement_rate, "agreement_interval", interval_json(w->montecarlo),
        "mean_agreement_step", cli_simulation_number(w->montecarlo->mean_agreement_step),
        "deterministic", w->montecarlo->deterministic);
    if (o == NULL || !details)
        return o;
    json_object_set_new(o, "agreement_steps", whatif_steps(w, steps));
    if (w->montecarlo->agreements > 0) {
        json_t *outcomes = json_object();
        for (size_t i = 0; outcomes && i < s->n_issues; i++)
            json_object_set_new(outcomes, s->issues[i].id, outcome(s, i, &w->montecarlo->issues[i]));
        json_object_set_new(o, "outcomes", outcomes);
    }
    if (w->montecarlo->n_inputs > 0)
        json_object_set_new(o, "sensitivity", sensitivity(s, w->montecarlo));
    return o;
}

static json_t *whatifs_json(const pl_scenario *s, const pl_whatifs *w, int details)
{
    json_t *array = json_array();
    for (size_t k = 0; array && k < w->n; k++)
        json_array_append_new(array, whatif_json(s, &w->cases[k], w->settings.simulation.steps, details));
    const pl_montecarlo_options *o = &w->settings;
    return json_pack("{s:s, s:o, s:i, s:I, s:I, s:i, s:o, s:o}", "protocol",
                     o->simulation.protocol == PL_PROTOCOL_MEDIATOR ? "mediator" : "sao",
                     "agents", cli_json_agent_names(s, &o->simulation), "steps", w->settings.simulation.steps, "runs",
                     (json_int_t)o->runs, "seed", (json_int_t)o->seed, "talk_rounds",
                     o->simulation.talk_rounds, "whatifs", array, "warnings",
                     cli_json_shock_warnings(s, o));
}

json_t *cli_json_whatifs(const pl_scenario *s, const pl_whatifs *w)
{
    return whatifs_json(s, w, 1);
}

json_t *cli_json_simulation_whatifs(const pl_scenario *s)
{
    pl_whatifs *w = NULL;
    json_t *o = cli_whatifs_run(s, NULL, &w, NULL) == PL_OK ? whatifs_json(s, w, 0) : NULL;
    pl_whatifs_free(w);
    return o;
}

void cli_simulation_horizon(const pl_scenario *s, const char *rounds_flag,
                            pl_montecarlo_options *mc)
{
    if (rounds_flag == NULL && s->horizon > 0)
        mc->simulation.talk_rounds = s->horizon;
}

int cli_simulation_flag(cli_simulation_flags *f, const char *name, const char *value)
{
    const char **slot = strcmp(name, "protocol") == 0 ? &f->protocol
                        : strcmp(name, "steps") == 0  ? &f->steps
                        : strcmp(name, "runs") == 0   ? &f->runs
                        : strcmp(name, "seed") == 0   ? &f->seed
                                                      : NULL;
    if (slot != NULL)
        *slot = value;
    return slot != NULL;
}

int cli_simulation_settings(const char *command, const cli_simulation_flags *f,
                            pl_montecarlo_options *mc)
{
    unsigned long long v;
    int rc;
    if (f->protocol != NULL && strcmp(f->protocol, "sao") != 0 &&
        strcmp(f->protocol, "mediator") != 0)
        return cli_usage_error(command, "--protocol is sao or mediator, not '%s'", f->protocol);
    if (f->protocol != NULL && strcmp(f->protocol, "mediator") == 0)
        mc->simulation.protocol = PL_PROTOCOL_MEDIATOR;
    v = (unsigned long long)mc->simulation.steps;
    if ((rc = cli_whole_option(command, f->steps, "steps", 1, 1000000, &v)) != EXIT_OK)
        return rc;
    mc->simulation.steps = (int)v;
    v = mc->runs;
    if ((rc = cli_whole_option(command, f->runs, "runs", 1, 100000000, &v)) != EXIT_OK)
        return rc;
    mc->runs = (size_t)v;
    v = mc->seed;
    if ((rc = cli_whole_option(command, f->seed, "seed", 0, 9007199254740991ULL, &v)) != EXIT_OK)
        return rc;
    mc->seed = v;
    return EXIT_OK;
}

int cli_parse_agents(const char *command, const char *text, pl_agent **agents, size_t *n)
{
    *agents = NULL;
    *n = 0;
    if (text == NULL)
        return EXIT_OK;
    char **items = NULL;
    size_t count = 0;
    int rc = cli_list_option(command, "agents", text, &items, &count);
    if (rc != EXIT_OK)
        return rc;
    *agents = calloc(count + 1, sizeof **agents);
    if (*agents == NULL) {
        cli_list_free(items);
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    for (size_t k = 0; k < count && rc == EXIT_OK; k++)
        if (pl_agent_parse(items[k], &(*agents)[(*n)++]) != PL_OK)
            rc = cli_usage_error(command, "unknown agent '%s' (boulware, linear, conceder, "
                                 "hardheaded, tit-for-tat, genius-boulware, genius-linear, "
                                 "genius-conceder, tb:E, genius:E)", items[k]);
    cli_list_free(items);
    return rc;
}
