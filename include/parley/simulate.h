/*
 * parley/simulate.h - simulating the talks: the stacked alternating offers
 * protocol (SAO) with NegMAS's time-based negotiators, a mediator's single
 * negotiating text, and Monte Carlo over the scenario's uncertainty and shocks
 * (docs/simulation.md; the SAO rules follow docs/specs/negmas-sao.md to the bit).
 *
 * The parties are the scenario's actors, in input order; party 0 moves first.
 * Outcomes: an options issue offers its options; a continuous issue offers a
 * grid of `grid + 1` evenly spaced positions from low to high.
 *
 * Ownership follows parley.h: results belong to the caller, who frees them
 * with the matching _free (NULL does nothing). A prepared pl_sao holds
 * per-party tables; it may be run many times but by one thread at a time.
 */
#ifndef PARLEY_SIMULATE_H
#define PARLEY_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "parley/export.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/status.h"
#include "parley/threads.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Negotiating strategies (docs/simulation.md, "Agents"). */
typedef enum pl_agent_kind {
    PL_AGENT_TIME_BASED = 0,  /**< NegMAS aspiration 1 - t^e (spec §5-§8), any e > 0 */
    PL_AGENT_GENIUS = 1,      /**< GENIUS TimeDependentAgent p(t) = Pmin + (Pmax-Pmin)(1-t^(1/e)) */
    PL_AGENT_HARDHEADED = 2,  /**< never concedes: the band of the time-based agent at t = 0 */
    PL_AGENT_TIT_FOR_TAT = 3, /**< concedes as much as the others have conceded to it */
    PL_AGENT_CALLBACK = 4     /**< the caller's negotiator (pl_negotiator, below), SAO only */
} pl_agent_kind;

struct pl_negotiator;

/**
 * One agent: its kind and, for time-based and GENIUS agents, its exponent e;
 * for PL_AGENT_CALLBACK the caller's negotiator (not copied: it must outlive
 * every call the agent takes part in). Built-in agents leave `negotiator` NULL.
 */
typedef struct pl_agent {
    pl_agent_kind kind;
    double exponent;
    const struct pl_negotiator *negotiator;
} pl_agent;

/*
 * ---- Negotiators supplied by the caller (SAO) ----
 *
 * A PL_AGENT_CALLBACK agent plays its party's turns through the caller's
 * functions instead of a built-in strategy: at each of its turns facing
 * another party's standing offer it is asked to `respond` (accept or not);
 * when it does not accept, or when no offer stands yet, it is asked to
 * `propose`. The protocol, the agreement rule (every other party accepts in
 * turn) and the results are those of the built-in agents (docs/simulation.md).
 *
 * Packages (offers) are arrays of n_issues doubles: the option index on an
 * options issue, the position on a continuous issue. Where the simulation
 * offers on a grid (GENIUS domains, options issues, the mediator's grid), a
 * proposed position is moved to the nearest grid position; on scenario input
 * with continuous issues offers are on the continuum and kept as given,
 * clipped to the issue's range. An option index outside the issue's options,
 * or a NaN, is an error of the callback.
 *
 * A callback returns 0, or nonzero to stop: the negotiation then ends at once
 * and the call running it (pl_sao_run, pl_negotiate, pl_montecarlo_run,
 * pl_tournament_run) returns PL_ERR_CALLBACK, its diag naming the party, the
 * step and the function. The library never unwinds through a callback: a
 * language binding catches its exceptions there and returns nonzero.
 * Callbacks of different runs may be called from different threads of the
 * pool at once (with the same payload), so a negotiator used with more than
 * one thread must be thread-safe. Not available with the mediator protocol
 * (PL_ERR_UNSUPPORTED).
 */

/** What a negotiator is told at each call. Valid during the call only. */
typedef struct pl_sao_state {
    size_t party;          /**< the party asked (its actor index) */
    size_t n_parties;
    size_t n_issues;
    int step;              /**< 0-based round of the negotiation */
    int steps;             /**< rounds N of the negotiation */
    double time;           /**< relative time of the round, as the built-in agents see it */
    /** The standing offer and who made it (respond only; NULL and 0 in propose and begin). */
    const double *standing;
    size_t proposer;
    const void *internal;  /**< the library's; read it with pl_sao_state_utility */
} pl_sao_state;

#define PL_NEGOTIATOR_VERSION 1u

/** A negotiator's functions. Initialise with PL_NEGOTIATOR_INIT, then set them. */
typedef struct pl_negotiator {
    unsigned version;      /**< PL_NEGOTIATOR_VERSION */
    /** Optional (NULL: none): called once per negotiation for the party, before step 0. */
    int (*begin)(const pl_sao_state *state, void *payload);
    /** Required: fill `offer` (n_issues values) with the party's offer. */
    int (*propose)(const pl_sao_state *state, double *offer, void *payload);
    /** Required: set *accept to nonzero to accept `offer` (the standing offer). */
    int (*respond)(const pl_sao_state *state, const double *offer, int *accept, void *payload);
    void *payload;         /**< passed to every function */
    const char *name;      /**< shown in results (pl_agent_name); NULL: "callback" */
    /**
     * Nonzero when the negotiator's moves depend only on what it is told (no
     * randomness, no memory between negotiations): Monte Carlo may then
     * negotiate a scenario without drawn inputs once for all runs, as for the
     * built-in agents. Zero (the default) makes every run be negotiated.
     */
    int deterministic;
} pl_negotiator;

#define PL_NEGOTIATOR_INIT {PL_NEGOTIATOR_VERSION, NULL, NULL, NULL, NULL, NULL, 0}

/** Fill `negotiator` with PL_NEGOTIATOR_INIT. */
PL_API void pl_negotiator_init(pl_negotiator *negotiator);

/**
 * Party `party`'s utility of `package` (n_issues values, as offers) in the
 * negotiation `state` belongs to: the party's own utility with the run's drawn
 * inputs and shocks, its red lines ignored (NaN when `package` holds an
 * option index out of range or a NaN; NaN for a party out of range). O(issues).
 */
PL_API double pl_sao_state_utility(const pl_sao_state *state, size_t party,
                                   const double *package);

/**
 * Nonzero when `package` crosses none of party `party`'s red lines (with the
 * run's drawn red lines); zero otherwise or on bad arguments. O(issues).
 */
PL_API int pl_sao_state_allowed(const pl_sao_state *state, size_t party, const double *package);

/**
 * Parse an agent name: boulware (time-based, e = 4), linear (1), conceder
 * (0.25), hardheaded, tit-for-tat, tb:E (time-based with exponent E),
 * genius-boulware (GENIUS form, e = 0.2), genius-linear (1), genius-conceder
 * (2), genius:E. PL_ERR_NOT_FOUND for anything else.
 */
PL_API int pl_agent_parse(const char *text, pl_agent *out);

/** The agent's canonical name ("boulware", "tb:2", ...; a negotiator's name) into `buffer`. */
PL_API const char *pl_agent_name(const pl_agent *agent, char *buffer, size_t size);

typedef enum pl_protocol {
    PL_PROTOCOL_SAO = 0,      /**< stacked alternating offers */
    PL_PROTOCOL_MEDIATOR = 1  /**< a mediator's single negotiating text */
} pl_protocol;

/** Version of pl_simulation_options this header describes. */
#define PL_SIMULATION_OPTIONS_VERSION 1
#define PL_SIMULATION_DEFAULT_STEPS 100
#define PL_SIMULATION_DEFAULT_GRID 10
#define PL_SIMULATION_DEFAULT_TALK_ROUNDS 12
/** Largest outcome space ranked exactly as NegMAS does (spec §1); larger ones are searched. */
#define PL_SAO_EXACT_LIMIT 1000000.0

/** How to simulate. Initialise with PL_SIMULATION_OPTIONS_INIT or pl_simulation_options_init(). */
typedef struct pl_simulation_options {
    unsigned version;          /**< PL_SIMULATION_OPTIONS_VERSION */
    pl_protocol protocol;      /**< default SAO */
    size_t n_agents;           /**< 0: every party boulware; 1: every party this agent */
    const pl_agent *agents;    /**< one per party (or one for all); not kept */
    int steps;                 /**< rounds N of the negotiation, >= 1 (default 100) */
    size_t grid;               /**< grid intervals of a continuous issue, >= 1 (default 10) */
    /**
     * Rounds of talks (scenario rounds, for shocks) the negotiation spans:
     * step k lies in round floor(k * talk_rounds / steps) + 1 (default 12).
     */
    int talk_rounds;
    /** Nonzero: rank every space by the search of docs/simulation.md, never exactly. */
    int never_exact;
    /** Nonzero: record every offer and acceptance in pl_negotiation.events. */
    int trace;
} pl_simulation_options;

/** The defaults, as pl_simulation_options_init() sets them. */
#define PL_SIMULATION_OPTIONS_INIT                                                          \
    {PL_SIMULATION_OPTIONS_VERSION, PL_PROTOCOL_SAO, 0, NULL, PL_SIMULATION_DEFAULT_STEPS,     \
     PL_SIMULATION_DEFAULT_GRID, PL_SIMULATION_DEFAULT_TALK_ROUNDS, 0, 0}

PL_API void pl_simulation_options_init(pl_simulation_options *options);

/**
 * One move of a traced negotiation. SAO: a party accepts the standing offer
 * or makes one. Mediator: each round starts with the mediator's text
 * (party == n_parties, accepted 0), then every party's verdict on it
 * (accepted nonzero: accepts; zero: objects).
 */
typedef struct pl_sao_event {
    int round;          /**< 0-based round */
    size_t party;       /**< who moved; n_parties for the mediator */
    int accepted;       /**< nonzero: accepted the standing offer or text; zero: made an
                             offer (SAO) or objected (mediator) */
    double *utilities;  /**< per party, the utility of the offer concerned */
    double *package;    /**< per issue, the offer (option index or position) */
} pl_sao_event;

/** The result of one negotiation. */
typedef struct pl_negotiation {
    size_t n_parties, n_issues;
    int agreed;            /**< nonzero when an agreement was reached */
    int agreement_step;    /**< 1-based round of the agreement (spec §9); steps when none */
    double *package;       /**< per issue, the agreement (NaN when none) */
    double *utilities;     /**< per party, its utility of the agreement (its reservation if none) */
    int exact;             /**< nonzero when every party ranked outcomes exactly (spec §3) */
    size_t n_events;
    pl_sao_event *events;  /**< with options.trace */
} pl_negotiation;

PL_API void pl_negotiation_free(pl_negotiation *negotiation);

/** A negotiation prepared once (per-party utility tables and sorted indexes) and run often. */
typedef struct pl_sao pl_sao;

/**
 * Prepare a negotiation of `scenario` (the scenario must outlive `out`).
 * Exact ranking costs O(parties x outcomes x log outcomes) when the space
 * has at most PL_SAO_EXACT_LIMIT outcomes; otherwise O(parties x values).
 */
PL_API int pl_sao_new(pl_sao **out, const pl_scenario *scenario,
                      const pl_simulation_options *options,
                      pl_diag *diag);

/** Run the prepared negotiation; `result` is filled (free it with pl_negotiation_free). */
PL_API int pl_sao_run(pl_sao *sao, pl_negotiation **result);

PL_API void pl_sao_free(pl_sao *sao);

/** Prepare and run one negotiation, with no draws and no shocks. */
PL_API int pl_negotiate(const pl_scenario *scenario, const pl_simulation_options *options,
                        pl_negotiation **out, pl_diag *diag);

/* ---- Monte Carlo ---- */

#define PL_MONTECARLO_OPTIONS_VERSION 1

/** How to run Monte Carlo. Initialise with PL_MONTECARLO_OPTIONS_INIT or
 *  pl_montecarlo_options_init(). */
typedef struct pl_montecarlo_options {
    unsigned version;                  /**< PL_MONTECARLO_OPTIONS_VERSION */
    pl_simulation_options simulation;
    size_t runs;                       /**< >= 1 (default 1000) */
    uint64_t seed;                     /**< Philox key (default 1) */
    int threads;                       /**< used when no pool is given (default 1) */
    /** n_uncertainties flags: which groups to draw; NULL draws every group. */
    const unsigned char *use_uncertainty;
    /** n_shocks flags: which shocks apply; NULL applies every shock. */
    const unsigned char *use_shock;
    /**
     * Progress (parley/progress.h; {NULL, NULL} by default: no reports):
     * called from the calling thread only, never from the pool's workers,
     * after each completed batch of runs with the fraction of runs done,
     * ending at 1. Return nonzero to cancel; the call then returns
     * PL_ERR_CANCELLED (diag "cancelled") and frees what it allocated. The
     * results do not depend on whether a function is set.
     */
    pl_progress progress;
    /** Nonzero: keep every run's result in pl_montecarlo.per_run (memory: runs x
     *  (parties + issues + drawn inputs) doubles). Default 0. */
    int keep_runs;
} pl_montecarlo_options;

/** The defaults, as pl_montecarlo_options_init() sets them. */
#define PL_MONTECARLO_OPTIONS_INIT                                                          \
    {PL_MONTECARLO_OPTIONS_VERSION, PL_SIMULATION_OPTIONS_INIT, 1000, 1, 1, NULL, NULL,       \
     {NULL, NULL}, 0}

PL_API void pl_montecarlo_options_init(pl_montecarlo_options *options);

/** Agreed outcomes of one issue over the runs that agreed. */
typedef struct pl_outcome_distribution {
    double mean;            /**< NaN when no run agreed */
    double quantiles[5];    /**< 5%, 25%, 50%, 75%, 95% (type 7) */
    double *option_share;   /**< options issues: share of agreements per option, else NULL */
    /**
     * Options issues: how many agreed runs chose each option, else NULL.
     * option_share[k] is option_count[k] / agreements, one division (so four
     * runs in one of four print as 0.25, not as a sum of 1/4s).
     */
    size_t *option_count;
} pl_outcome_distribution;

/** How settlement depends on one drawn input (docs/simulation.md, "Sensitivity"). */
typedef struct pl_input_sensitivity {
    size_t uncertainty;     /**< the group */
    size_t actor;
    size_t issue;           /**< PL_ALL_ISSUES for actor-wide quantities */
    pl_quantity quantity;
    double correlation;     /**< point-biserial: corr(draw deviation, settled); 0 if constant */
    double rate_below;      /**< settlement rate of runs drawn below the input's value */
    double rate_above;      /**< ... at or above it */
    size_t draw;            /**< its place in the draw order (docs/simulation.md) */
} pl_input_sensitivity;

typedef struct pl_montecarlo {
    size_t runs, agreements;
    size_t n_parties, n_issues;
    double agreement_rate;
    double interval_low, interval_high; /**< Wilson 95% interval of the rate */
    double mean_agreement_step;         /**< NaN when no run agreed */
    double *mean_utilities;             /**< per party, disagreement = its reservation */
    double *mean_agreement_utilities;   /**< per party, over agreed runs (NaN if none) */
    pl_outcome_distribution *issues;    /**< per issue */
    size_t n_inputs;
    pl_input_sensitivity *inputs;       /**< most influential first (|correlation|) */
    int exact;                          /**< nonzero when every run ranked exactly */
    /**
     * With options.keep_runs, every run in run order (else all NULL): whether
     * it agreed, its agreement step (steps when none), each party's utility
     * (its drawn reservation when none), the agreement per issue (NaN when
     * none) and the deviation drawn for each input, in draw order
     * (inputs[k].draw is the column of inputs[k]).
     */
    unsigned char *per_run_agreed;      /**< runs */
    int *per_run_step;                  /**< runs */
    double *per_run_utilities;          /**< runs x n_parties */
    double *per_run_package;            /**< runs x n_issues */
    double *per_run_deviations;         /**< runs x n_inputs, in draw order */
    /**
     * Nonzero when every run is necessarily identical: the selected groups
     * draw nothing, and the agents make no random choice (every built-in
     * agent is deterministic), so one negotiation stands for all runs. The
     * Wilson interval is then meaningless (interval_low/high are the rate).
     */
    int deterministic;
    /**
     * How many runs agreed at each step: agreed_at[k] for the 1-based
     * agreement step k, k in 0..n_steps (index 0 stays 0). Always filled.
     */
    size_t n_steps;
    size_t *agreed_at;                  /**< n_steps + 1 */
} pl_montecarlo;

/**
 * Run options->runs negotiations, each with the scenario's uncertain inputs
 * drawn (Philox keyed by (seed, run)) and its shocks applied. Runs are spread
 * over `pool` (or options->threads when NULL) and reduced in run order, so the
 * result does not depend on the thread count.
 */
PL_API int pl_montecarlo_run(const pl_scenario *scenario, const pl_montecarlo_options *options,
                             pl_pool *pool, pl_montecarlo **out, pl_diag *diag);

PL_API void pl_montecarlo_free(pl_montecarlo *result);

/**
 * What each of a range of Monte Carlo runs left: for spreading one Monte Carlo
 * over processes (parley's MPI farm, docs/scale.md). Run first + k is slot k;
 * the arrays are as pl_montecarlo's per_run_* arrays.
 */
typedef struct pl_montecarlo_runs {
    size_t first, count;
    size_t n_parties, n_issues, n_inputs;
    unsigned char *agreed;  /**< count */
    int *step;              /**< count */
    double *utilities;      /**< count x n_parties */
    double *package;        /**< count x n_issues */
    double *deviations;     /**< count x n_inputs, in draw order */
} pl_montecarlo_runs;

/**
 * Negotiate runs [first, first + count) of the Monte Carlo that
 * pl_montecarlo_run(scenario, options) performs (the same draws, keyed by
 * (seed, run), and shocks), over `pool` (or options->threads). Progress and
 * keep_runs are ignored. Errors as pl_montecarlo_run; first + count must not
 * exceed options->runs.
 */
PL_API int pl_montecarlo_run_range(const pl_scenario *scenario,
                                   const pl_montecarlo_options *options, pl_pool *pool,
                                   size_t first, size_t count, pl_montecarlo_runs **out,
                                   pl_diag *diag);

/**
 * The result of pl_montecarlo_run(scenario, options) from the records of all
 * its runs (`runs`: first 0, count options->runs, as pl_montecarlo_run_range
 * fills them, possibly pieced together from several ranges in run order):
 * equal to it, field for field. PL_ERR_ARGUMENT when the records do not fit
 * the scenario and options.
 */
PL_API int pl_montecarlo_from_runs(const pl_scenario *scenario,
                                   const pl_montecarlo_options *options,
                                   const pl_montecarlo_runs *runs, pl_montecarlo **out,
                                   pl_diag *diag);

/** Allocate records for `count` runs of these sizes (zeroed); NULL when out of memory. */
PL_API pl_montecarlo_runs *pl_montecarlo_runs_new(size_t count, size_t n_parties,
                                                  size_t n_issues, size_t n_inputs);

/** Free records; NULL does nothing. */
PL_API void pl_montecarlo_runs_free(pl_montecarlo_runs *runs);

/** The deviation drawn for draw `index` of run `run` (for tests and docs). */
PL_API double pl_montecarlo_deviation(uint64_t seed, uint64_t run, uint64_t index,
                                      pl_distribution distribution, double spread);

#ifdef __cplusplus
}
#endif

#endif
