/*
 * sao_internal.h - what the simulation sources share; not installed.
 *
 * sao_space.c   the outcome space (options, continuous grids, enumeration order)
 * sao_party.c   per-party utility tables and ranked indexes (spec §2-§3)
 * sao_sort.c    numpy 1.24's argsort tie order (spec Appendix A)
 * agents.c      aspiration, band, acceptance and offer rules (spec §5-§8)
 * sao.c         the protocol (spec §9), stacked for 3+ parties
 * sao_tradeoff*.c trade-off offers on the continuum (scenario input, not GENIUS)
 * mediator.c    the single negotiating text (mediator_grid.c: its grid fallback)
 * montecarlo*.c inputs, draws, shocks, runs and statistics
 */
#ifndef PARLEY_SAO_INTERNAL_H
#define PARLEY_SAO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/internal.h"
#include "parley/simulate.h"

/* ---- the outcome space ---- */

typedef struct sao_space {
    size_t n_issues;
    uint32_t *n_values;   /**< per issue */
    double **values;      /**< per issue: the package value of each value index */
    double n_outcomes;    /**< product of n_values (as a double) */
    uint32_t *stride;     /**< spec §2.2: prod_{j>i} |I_j| (exact spaces only) */
    int exact;            /**< nonzero: enumerated and ranked as NegMAS (<= 1e6 outcomes) */
} sao_space;

int sao_space_init(sao_space *space, const pl_scenario *s, size_t grid, int never_exact);
void sao_space_free(sao_space *space);
/** Decode enumeration number r into value indices (spec §2.2). */
void sao_space_decode(const sao_space *space, uint32_t r, uint32_t *values);

/* ---- the inputs a run may draw or shock ---- */

typedef struct sao_inputs {
    size_t n_actors, n_issues;
    double *reservation;   /**< per actor */
    double *capability;    /**< per actor */
    double *position;      /**< [a * n_issues + i] */
    double *salience;      /**< [a * n_issues + i] */
    double *red_low, *red_high; /**< per red line (continuous issues) */
} sao_inputs;

int sao_inputs_init(sao_inputs *in, const pl_scenario *s);
void sao_inputs_reset(sao_inputs *in, const pl_scenario *s);
void sao_inputs_free(sao_inputs *in);

/* ---- one party's tables ---- */

/** A ranked or tail entry: utility and enumeration number (spec §3). */
typedef struct sao_entry {
    double u;
    uint32_t r;
} sao_entry;

/** A node of the lazy ranking: a segment of the introsort (sao_sort.c). */
typedef struct sao_rank_node {
    uint32_t lo, hi;          /**< the segment e[lo..hi] */
    uint32_t pivot;           /**< split nodes: the pivot's final place */
    int32_t left, right;      /**< split nodes: the sides' nodes, -1 when empty */
    int budget;               /**< depth budget left */
    unsigned char checked;    /**< nonzero: the budget is tested before partitioning */
    unsigned char state;      /**< unrefined, sorted or split */
} sao_rank_node;

/**
 * Entries ranked lazily in the Appendix A order: a position's entry is the
 * full sort's, but only the segments that hold asked-for positions are sorted.
 */
typedef struct sao_rank {
    sao_entry *e;
    size_t n;
    sao_rank_node *nodes;
    size_t n_nodes, capacity;
    size_t lookups;           /**< past a quarter of n, the rest is sorted (sao_sort.c) */
} sao_rank;

enum { SAO_NODE_UNREFINED = 0, SAO_NODE_SORTED = 1, SAO_NODE_SPLIT = 2 };

/** Nonzero when e[0..n-1] is wholly in the ranked order (then read it directly). */
static inline int sao_rank_flat(const sao_rank *rank)
{
    return rank->n_nodes == 0 ||
           (rank->n_nodes == 1 && rank->nodes[0].state == SAO_NODE_SORTED);
}

/** Start ranking e[0..n-1] (kept, not copied). PL_ERR_NOMEM. */
int sao_rank_init(sao_rank *rank, sao_entry *e, size_t n);
void sao_rank_free(sao_rank *rank);
/** First position whose utility is >= x (n when none); refines as needed. */
size_t sao_rank_lower_bound(sao_rank *rank, double x);
/** The entry at `position` (< n) of the ranked order; refines as needed. */
const sao_entry *sao_rank_at(sao_rank *rank, size_t position);

typedef struct sao_party {
    size_t actor;
    double *weight;          /**< per issue, w_i (spec §2.3) */
    double **eval;           /**< per issue per value, e_i(v) */
    double **term;           /**< per issue per value, tau_i(v) = fl(w_i e_i(v)) */
    unsigned char **allowed; /**< per issue: NULL (all allowed) or flags (red lines) */
    uint32_t **order;        /**< searched spaces: per issue, values by term, then index */
    double rv, u_max, u_worst, m;
    uint32_t *best;          /**< b* (spec §3.1) */
    int blocked;             /**< nonzero when red lines leave some issue no value */
    /* exact spaces (spec §3.3-3.6) */
    size_t n_ranked, n_tail;
    sao_entry *ranked;       /**< rational outcomes, ranked lazily by `rank` */
    sao_rank rank;           /**< ascending, Appendix A order (sao_rank_at) */
    sao_entry *tail;         /**< U >= fl(rv - 1e-6), U < rv, enumeration order */
} sao_party;

int sao_party_build(sao_party *p, const sao_space *space, const pl_scenario *s,
                    const sao_inputs *in, size_t actor);
void sao_party_free(sao_party *p, size_t n_issues);
/** U(o), summed left to right from 0.0 (spec §2.3). */
double sao_utility(const sao_party *p, const sao_space *space, const uint32_t *values);
/** Nonzero when no red line of the party excludes the outcome. */
int sao_allowed(const sao_party *p, const sao_space *space, const uint32_t *values);

/** numpy 1.24 argsort order of entries by u (spec Appendix A), in place. */
void sao_argsort(sao_entry *entries, size_t n);

/* ---- agents ---- */

typedef struct sao_agent {
    pl_agent spec;
    sao_party *party;             /**< refines the party's lazy ranking */
    double first_seen, best_seen; /**< tit-for-tat: own utility of the others' offers */
    int seen;
    uint32_t *last;               /**< its last offer (search warm start) */
    int has_last;
} sao_agent;

/** The band [lo, hi] at relative time t (spec §6; other agents: docs/simulation.md). */
void sao_agent_band(const sao_agent *a, double t, double *lo, double *hi);
/** Spec §7: accept iff lo <= U(o) <= hi (and no red line crossed). */
int sao_agent_accepts(const sao_agent *a, const sao_space *space, double t,
                      const uint32_t *offer);
/** Spec §8 (exact) or the documented search: the offer at time t into `out`. */
void sao_agent_offer(sao_agent *a, const sao_space *space, double t, uint32_t *out);
/** Tit-for-tat bookkeeping: the party saw an offer worth `u` to it. */
void sao_agent_observe(sao_agent *a, double u);

/* ---- a session: a scenario prepared for runs ---- */

/** The mediator's belief and working state (mediator.c), made by its first run. */
typedef struct sao_mediator sao_mediator;
/** Trade-off offers on the continuum (sao_tradeoff.c); NULL in a session on the grid. */
typedef struct sao_tradeoff sao_tradeoff;

typedef struct sao_session {
    const pl_scenario *scenario;
    pl_simulation_options options;
    pl_agent *agents;          /**< per party */
    sao_space space;
    sao_inputs inputs;
    sao_party *parties;        /**< per actor */
    sao_agent *state;          /**< per actor */
    uint32_t *offer, *scratch; /**< n_issues each */
    const unsigned char *use_shock; /**< NULL: no shocks */
    sao_mediator *mediator;    /**< NULL until the mediator first runs */
    sao_tradeoff *tradeoff;    /**< scenario input under SAO: offers on the continuum */
    double *package;           /**< with tradeoff: the standing offer, per issue */
    double *callback_offer;    /**< n_issues: a callback agent's offer or the one it judges */
    /** After PL_ERR_CALLBACK: which party, step and function failed (sao_callback.c). */
    char callback_failure[160];
} sao_session;

int sao_session_init(sao_session *ss, const pl_scenario *s, const pl_simulation_options *o);
void sao_session_free(sao_session *ss);
/** Rebuild every party's tables from ss->inputs. */
int sao_session_rebuild(sao_session *ss);
/** Run the negotiation with the current inputs into `result` (arrays allocated there). */
int sao_session_run(sao_session *ss, pl_negotiation *result);
/** Allocate the arrays of a result for the session's parties and issues. */
int sao_result_alloc(pl_negotiation *r, size_t n_parties, size_t n_issues);
/** Apply the shocks due at the start of step k (docs/simulation.md); sets *changed. */
int sao_apply_shocks(sao_session *ss, int k, int *changed);
/** Mediator's single negotiating text (mediator.c). */
int sao_mediator_run(sao_session *ss, pl_negotiation *result);
void sao_mediator_free(sao_mediator *mediator);
/** The grid mediator (mediator_grid.c), where mediator.c cannot solve its problem. */
int sao_mediator_grid_run(sao_session *ss, pl_negotiation *result);
/** With options.trace: append an event about the offer in ss->offer (sao.c). */
int sao_record(sao_session *ss, pl_negotiation *r, int round, size_t party, int accepted,
               size_t *capacity);

/* ---- the caller's negotiators (sao_callback.c, parley/simulate.h) ---- */

/** Nonzero when some agent of `o` is a PL_AGENT_CALLBACK agent. */
int sao_has_callback(const pl_simulation_options *o);
/** Nonzero when every agent of `o` is deterministic (built-in, or a negotiator saying so). */
int sao_agents_deterministic(const pl_simulation_options *o);
/** PL_OK, or why the agents of `o` cannot run (a negotiator without functions, mediator). */
int sao_callback_check(const pl_simulation_options *o, pl_diag *diag);
/** Call every callback agent's begin function at the start of a negotiation. */
int sao_callback_begin(sao_session *ss);
/** A callback agent's turn: respond to the standing offer, or propose (sao.c's turn). */
int sao_callback_turn(sao_session *ss, pl_negotiation *r, int k, double t, size_t p,
                      int *standing, size_t *proposer, size_t *accepts, size_t *capacity);

/* ---- trade-off offers on the continuum (sao_tradeoff.c) ---- */

/** Nonzero when SAO on `s` offers on the continuum: scenario input (not a GENIUS or
 *  GeniusWeb domain) with a continuous issue and the linear utility form. */
int sao_tradeoff_applies(const pl_scenario *s, const pl_simulation_options *o);
/** Set up ss->tradeoff: the stated inputs the agents believe of each other. */
int sao_tradeoff_new(sao_session *ss);
void sao_tradeoff_free(sao_tradeoff *tr, size_t n_issues);
/** After the parties' tables: each party's own utility on the continuum, its band's range. */
int sao_tradeoff_rebuild(sao_session *ss);
/** Nonzero when the package crosses none of the party's own (drawn) red lines. */
int sao_tradeoff_allowed(const sao_session *ss, size_t party, const double *x);
/** Party's own utility of a package (options issues: option indices). */
double sao_tradeoff_utility(const sao_session *ss, size_t party, const double *x);
/** Accept iff no own red line crossed and U >= lo (within 1e-9). */
int sao_tradeoff_accepts(const sao_session *ss, size_t party, double t, const double *x);
/**
 * Nonzero when no package respects every party's red lines (and no party is
 * blocked by its own, and no shock moves a red line): every offer is then
 * rejected by someone, so the run ends without agreement whatever is offered.
 */
int sao_tradeoff_hopeless(const sao_session *ss);
/** The party's trade-off offer at step k (time t) into `out`. */
int sao_tradeoff_offer(sao_session *ss, size_t party, int k, double t, double *out);

#endif
