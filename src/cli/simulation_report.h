/*
 * simulation_report.h - what `parley simulate`, `parley tournament` and
 * `parley run` share about simulations: loading a GENIUS domain folder, the
 * Monte Carlo result as JSON and text, and the what-if section of `run`.
 */
#ifndef PARLEY_CLI_SIMULATION_REPORT_H
#define PARLEY_CLI_SIMULATION_REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"
#include "parley/agreement.h"
#include "parley/simulate.h"
#include "output.h"

/** A number, or null when NaN. */
json_t *cli_simulation_number(double x);

/** Each party's agent name, in party order (boulware when none is given). */
json_t *cli_json_agent_names(const pl_scenario *s, const pl_simulation_options *o);

/** The Monte Carlo result as `parley simulate --json` reports it (docs/simulation.md). */
json_t *cli_json_montecarlo(const pl_scenario *s, const pl_montecarlo_options *o,
                            const pl_montecarlo *m);

/**
 * The whole document of `parley simulate --json` (cmd_simulate.c): the Monte
 * Carlo result and its comparison with the zone of agreement ("zone").
 */
json_t *cli_simulate_document(const pl_scenario *s, const pl_montecarlo_options *mc,
                              const pl_montecarlo *m);

/** The same as text, at most 100 columns. */
void cli_text_montecarlo(FILE *out, const pl_scenario *s, const pl_montecarlo_options *o,
                         const pl_montecarlo *m);

/**
 * `--trace FILE.csv`: one row per move of a traced negotiation (step, party,
 * empty for the mediator; action offer|accept|text|object; each party's
 * utility of the offer; then the offer per issue), added to `set` (output.h).
 */
int cli_write_negotiation_trace(cli_outputs *set, const char *path, const pl_scenario *s,
                                const pl_simulation_options *o, const pl_negotiation *r,
                                pl_diag *diag);

/**
 * `--runs-csv FILE.csv`: one row per Monte Carlo run (needs keep_runs): run
 * (0-based, the Philox counter), agreed, step, each party's utility, the
 * agreement per issue (empty without one), then the deviation drawn for each
 * input, named uncertainty:actor:quantity[:issue]. Added to `set` (output.h).
 */
int cli_write_runs_csv(cli_outputs *set, const char *path, const pl_scenario *s,
                       const pl_montecarlo *m, pl_diag *diag);

/** The simulation flags `simulate` and `run` share, as typed (NULL: not given). */
typedef struct cli_simulation_flags {
    const char *protocol, *steps, *runs, *seed;
} cli_simulation_flags;

/** Record flag `name` in `f` when it is one of them; nonzero when it was. */
int cli_simulation_flag(cli_simulation_flags *f, const char *name, const char *value);

/**
 * Apply --protocol, --steps, --runs and --seed to `mc` (whose values are the
 * defaults of the flags not given); a bad value is a usage error of `command`.
 */
int cli_simulation_settings(const char *command, const cli_simulation_flags *flags,
                            pl_montecarlo_options *mc);

/** Without --rounds (`rounds_flag` NULL), the talks span the scenario's horizon when stated. */
void cli_simulation_horizon(const pl_scenario *s, const char *rounds_flag,
                            pl_montecarlo_options *mc);

/**
 * One warning line per selected shock that starts after the rounds the talks
 * span (it never applies; issue #13, item 6).
 */
void cli_text_shock_warnings(FILE *out, const pl_scenario *s, const pl_montecarlo_options *o);

/** The warnings of cli_text_shock_warnings() as a JSON array of strings. */
json_t *cli_json_shock_warnings(const pl_scenario *s, const pl_montecarlo_options *o);

/**
 * Into `buffer`: why the Monte Carlo `m` contradicts the zone `g` on the
 * stated inputs (no settlement with a zone, or some without), or "" when they
 * agree or `g` is NULL.
 */
void cli_zone_contradiction(const pl_scenario *s, const pl_agreement *g,
                            const pl_montecarlo_options *o, const pl_montecarlo *m,
                            char *buffer, size_t size);

/**
 * Add to the JSON `zone` object the comparison of pl_zone_compare():
 * "all_parties" ({"possible", "margin"} or null), "matches" ("both",
 * "coalition", "all_parties" or "neither"), "offers" and "reasons".
 */
void cli_json_zone_comparison(json_t *zone, const pl_scenario *s, const pl_agreement *g,
                              const pl_montecarlo_options *o, const pl_montecarlo *m);

/**
 * Parse --agents A,B,... for `command` into a new array (free()) of *n agents;
 * NULL text gives none. An unknown name is a usage error naming the known ones.
 */
int cli_parse_agents(const char *command, const char *text, pl_agent **agents, size_t *n);

/**
 * The short simulation section of `parley run`: settlement probability of
 * 1,000 Monte Carlo runs (seed 1) for the baseline (no draws, no shocks),
 * each shock alone and each uncertainty group alone.
 */
void cli_text_simulation_whatifs(FILE *out, const pl_scenario *s);
json_t *cli_json_simulation_whatifs(const pl_scenario *s);

/** The what-ifs' default settings: SAO, boulware, 100 steps, 1,000 runs, seed 1, 2 threads. */
void cli_whatif_settings_init(pl_montecarlo_options *o);

/**
 * pl_whatifs_run() with `settings` (NULL: the defaults above), its progress
 * on the attached bar (cli_progress_attach). Free *out with pl_whatifs_free. On
 * failure `failure` (may be NULL) gets the reason, named after the input.
 */
int cli_whatifs_run(const pl_scenario *scenario, const pl_montecarlo_options *settings,
                    pl_whatifs **out, pl_diag *failure);

/** "SAO, boulware agents, 100 steps, 1000 Monte Carlo runs, seed 1" into `buffer`. */
void cli_whatifs_settings_text(const pl_scenario *s, const pl_montecarlo_options *o,
                               char *buffer, size_t size);

/** cli_text_simulation_whatifs() from results already run. */
void cli_text_whatifs(FILE *out, const pl_scenario *s, const pl_whatifs *w);

/**
 * cli_json_simulation_whatifs() from results already run, each case with
 * three more keys where it has them: "agreement_steps" ([step, runs] pairs,
 * steps at which runs agreed), "outcomes" (per issue, when a run agreed) and
 * "sensitivity" (as `parley simulate --json`).
 */
json_t *cli_json_whatifs(const pl_scenario *s, const pl_whatifs *w);

#endif
