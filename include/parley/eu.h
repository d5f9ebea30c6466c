/*
 * parley/eu.h - Bueno de Mesquita's expected-utility model (BDM 1985, 1994),
 * in the reading of Scholz, Calbert and Smith (2011), exactly as
 * docs/specs/bdm-eu.md specifies it (section numbers below are that
 * spec's; docs/model-eu.md describes the model as implemented).
 *
 * The model is one-dimensional: pl_eu_run() runs it on every issue of a
 * scenario independently. Each round every actor weighs challenging every
 * other actor, receives offers (lose a conflict, compromise, capitulate),
 * accepts at most one, and all accepted moves are applied together.
 *
 * Ownership: pl_eu_run() makes a pl_eu_result that belongs to the caller, who
 * frees it with pl_eu_result_free(). Options are plain values owned by the
 * caller. The building blocks at the end are pure functions of their
 * arguments (except pl_eu_probability_matrix, which allocates scratch memory
 * and frees it before returning); they are exposed so that each formula can
 * be checked on its own.
 */
#ifndef PARLEY_EU_H
#define PARLEY_EU_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/models.h"
#include "parley/progress.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default number of rounds: 8, the rounds of Scholz et al. (2011) Table 2 (spec section 1). */
#define PL_EU_DEFAULT_ROUNDS 8
/** Most rounds pl_eu_run() accepts. */
#define PL_EU_MAX_ROUNDS 100000

/** Named option sets (spec section 12). */
typedef enum pl_eu_preset {
    PL_EU_PRESET_SCHOLZ2011 = 0, /**< reproduces Scholz et al. Table 2 in 7 of 8 rounds */
    PL_EU_PRESET_PAPER = 1       /**< the literal equations (every section-11 default) */
} pl_eu_preset;

/** O2: the probability that i beats j (spec section 5). */
typedef enum pl_eu_prob {
    PL_EU_PROB_PAIRWISE = 0, /**< "pairwise": eq. 31, P_ij + P_ji = 1 */
    PL_EU_PROB_GLOBAL = 1,   /**< "global": one denominator over all voters and actor pairs */
    PL_EU_PROB_NET = 2       /**< "net": max(0, sum v) / sum |v| */
} pl_eu_prob;

/** O3: the voters' utilities inside P (spec section 5). */
typedef enum pl_eu_vote_exp {
    PL_EU_VOTE_LINEAR = 0,  /**< "linear": eq. 28 */
    PL_EU_VOTE_VOTER_R = 1  /**< "voter_r": each voter's risk exponent of the pass */
} pl_eu_vote_exp;

/** O4: whose exponent evaluates b = E(U_ji) (spec section 6). */
typedef enum pl_eu_perspective {
    PL_EU_PERSPECTIVE_OWN = 0,     /**< "own": E(U_ji | r_j), eq. 25b */
    PL_EU_PERSPECTIVE_RECEIVER = 1 /**< "receiver": i's estimate, E(U_ji | r_i) */
} pl_eu_perspective;

/** O5: the security sum (spec section 7). */
typedef enum pl_eu_security {
    PL_EU_SECURITY_CHALLENGED = 0, /**< "challenged": Sec_i = sum_j E(U_ji | rho_j), eq. 34 */
    PL_EU_SECURITY_CHALLENGING = 1 /**< "challenging": Sec_i = sum_j E(U_ij | rho_i) */
} pl_eu_security;

/** O6: the pass-1 exponents of a round (spec section 7). */
typedef enum pl_eu_risk_start {
    PL_EU_RISK_RESET = 0, /**< "reset": 1 every round */
    PL_EU_RISK_CARRY = 1  /**< "carry": the previous round's r (1 in round 1) */
} pl_eu_risk_start;

/** O7: which offer an actor accepts (spec section 9). */
typedef enum pl_eu_selection {
    PL_EU_SELECT_CATEGORY = 0,    /**< "category": conflict, compromise, capitulation; least move */
    PL_EU_SELECT_SCHOLZ_CODE = 1, /**< "scholz_code": as category, compromises by least W */
    PL_EU_SELECT_LEAST_MOVE = 2,  /**< "least_move": the least move over all offers */
    PL_EU_SELECT_MAX_EU = 3       /**< "max_eu": the largest b, then the least move */
} pl_eu_selection;

/** O9: which Condorcet winner is the median when several tie (spec section 3). */
typedef enum pl_eu_median_tie {
    PL_EU_TIE_FIRST = 0,   /**< "first": the first in input order */
    PL_EU_TIE_LOW = 1,     /**< "low": the lowest position */
    PL_EU_TIE_HIGH = 2,    /**< "high": the highest position */
    PL_EU_TIE_KING = 3,    /**< "king": sequential challenge in input order, strict > */
    PL_EU_TIE_MAX_PAIR = 4 /**< "max_pair": the largest single pairwise margin */
} pl_eu_median_tie;

/** O10: the position range R (spec section 2). */
typedef enum pl_eu_range {
    PL_EU_RANGE_INITIAL = 0, /**< "initial": of the input positions, fixed for the run */
    PL_EU_RANGE_CURRENT = 1  /**< "current": recomputed every round */
} pl_eu_range;

/** O11: the mu of pass 2 (spec section 7). */
typedef enum pl_eu_mu_pass2 {
    PL_EU_MU_MEDIAN = 0, /**< "median": the round's median */
    PL_EU_MU_MEAN = 1    /**< "mean": the weighted mean of the round's positions */
} pl_eu_mu_pass2;

/** O13: where a compromise moves to (spec section 8). */
typedef enum pl_eu_compromise {
    PL_EU_COMPROMISE_EQ36 = 0, /**< "eq36": x_i + (x_j - x_i) |a| / b */
    PL_EU_COMPROMISE_WAVG = 1  /**< "wavg": (|a| x_i + |b| x_j) / (|a| + |b|) */
} pl_eu_compromise;

/** Version of pl_eu_options this header describes. */
#define PL_EU_OPTIONS_VERSION 2

/**
 * Default work budget of one run, in pair evaluations: the sum over issues of
 * (actors on the issue)^2, times the rounds. About 110 ns each on one core of
 * the machine of docs/robustness.md, so the default is about 25 seconds;
 * 500 actors x 50 issues x 8 rounds (1e8) runs, 1000 x 50 x 8 (4e8) is
 * refused at once.
 */
#define PL_EU_DEFAULT_MAX_WORK 200000000ULL

/**
 * Every option of the model (spec section 11, O1-O13) and the rounds count.
 * Initialise with PL_EU_OPTIONS_INIT, pl_eu_options_init() or
 * pl_eu_options_preset(), then change single fields directly or with
 * pl_eu_options_set().
 */
typedef struct pl_eu_options {
    unsigned version;             /**< PL_EU_OPTIONS_VERSION */
    pl_eu_preset preset;          /**< the preset the options were last reset to */
    int rounds;                   /**< tau, 1..PL_EU_MAX_ROUNDS; default 8 */
    double q;                     /**< O1 "Q": status-quo probability in [0, 1]; 1.0 */
    pl_eu_prob prob;              /**< O2 "prob" */
    pl_eu_vote_exp vote_exp;      /**< O3 "vote_exp" */
    pl_eu_perspective perspective;/**< O4 "perspective" */
    pl_eu_security security;      /**< O5 "security" */
    pl_eu_risk_start risk_start;  /**< O6 "risk_start" */
    pl_eu_selection selection;    /**< O7 "selection" */
    int capitulation;             /**< O8 "capitulation": nonzero = Compel- offers count */
    pl_eu_median_tie median_tie;  /**< O9 "median_tie" */
    pl_eu_range range;            /**< O10 "range" */
    pl_eu_mu_pass2 mu_pass2;      /**< O11 "mu_pass2" */
    int t_equal;                  /**< O12 "T_equal": T when the two distances tie, 0 or 1 */
    pl_eu_compromise compromise;  /**< O13 "compromise" */
    /**
     * Most pair evaluations the run may need (see PL_EU_DEFAULT_MAX_WORK),
     * checked before anything runs: beyond it pl_eu_run() returns
     * PL_ERR_LIMIT with the estimate and the way out in `diag`.
     */
    unsigned long long max_work;
    /**
     * Progress (parley/progress.h; default none): called after every issue of
     * every round with the fraction of the rounds done. Nonzero cancels: the
     * run returns PL_ERR_CANCELLED and frees everything.
     */
    pl_progress progress;
} pl_eu_options;

/** The defaults (preset scholz2011, 8 rounds), as pl_eu_options_init() sets them. */
#define PL_EU_OPTIONS_INIT                                                                  \
    {PL_EU_OPTIONS_VERSION, PL_EU_PRESET_SCHOLZ2011, PL_EU_DEFAULT_ROUNDS, 1.0,                \
     PL_EU_PROB_GLOBAL, PL_EU_VOTE_VOTER_R, PL_EU_PERSPECTIVE_RECEIVER,                       \
     PL_EU_SECURITY_CHALLENGED, PL_EU_RISK_RESET, PL_EU_SELECT_SCHOLZ_CODE, 0,                \
     PL_EU_TIE_FIRST, PL_EU_RANGE_INITIAL, PL_EU_MU_MEDIAN, 0, PL_EU_COMPROMISE_EQ36,       \
     PL_EU_DEFAULT_MAX_WORK, {NULL, NULL}}

/**
 * Defaults: preset `scholz2011` (prob=global, vote_exp=voter_r,
 * perspective=receiver, selection=scholz_code, capitulation=off, Q=1, the
 * rest at the section-11 defaults), the reading that reproduces Scholz et
 * al.'s Table 2, and rounds = PL_EU_DEFAULT_ROUNDS (8). O(1).
 */
PL_API void pl_eu_options_init(pl_eu_options *options);

/**
 * Reset O1-O13 to the preset `name`: "scholz2011" or "paper" (every
 * section-11 default). `rounds`, `max_work` and `progress` are left as they
 * are (set to their defaults when `options` was not initialised). Unknown name:
 * PL_ERR_INVALID, with the valid names in `diag`. O(1).
 */
PL_API int pl_eu_options_preset(pl_eu_options *options, const char *name, pl_diag *diag);

/**
 * Set one option from text, as `--option NAME=VALUE` gives it. NAME is the
 * spec's id (O1 ... O13) or its readable name, case-insensitively:
 *
 *   O1  Q             a number in [0, 1]
 *   O2  prob          pairwise | global | net
 *   O3  vote_exp      linear | voter_r
 *   O4  perspective   own | receiver
 *   O5  security      challenged | challenging
 *   O6  risk_start    reset | carry
 *   O7  selection     category | scholz_code | least_move | max_eu
 *   O8  capitulation  on | off
 *   O9  median_tie    first | low | high | king | max_pair
 *   O10 range         initial | current
 *   O11 mu_pass2      median | mean
 *   O12 T_equal       0 | 1
 *   O13 compromise    eq36 | wavg
 *       rounds        a whole number from 1 to PL_EU_MAX_ROUNDS
 *       max_work      a whole number >= 1 (pair evaluations, PL_EU_DEFAULT_MAX_WORK)
 *       preset        scholz2011 | paper (as pl_eu_options_preset)
 *
 * Values are case-sensitive. Unknown name or value: PL_ERR_INVALID with a
 * message listing the valid ones; the options are then unchanged. O(1).
 */
PL_API int pl_eu_options_set(pl_eu_options *options, const char *name, const char *value,
                             pl_diag *diag);

/** Text name of a preset ("scholz2011", "paper"). */
PL_API const char *pl_eu_preset_name(pl_eu_preset preset);

/** The kind of offer an actor accepted (spec section 8). */
typedef enum pl_eu_offer_kind {
    PL_EU_OFFER_NONE = 0,        /**< no offer */
    PL_EU_OFFER_CONFLICT = 1,    /**< lost a conflict: moves to the proposer */
    PL_EU_OFFER_COMPROMISE = 2,  /**< compromise: moves part way (eq. 36) */
    PL_EU_OFFER_CAPITULATION = 3 /**< capitulates: moves to the proposer */
} pl_eu_offer_kind;

/** "none", "conflict", "compromise", "capitulation". */
PL_API const char *pl_eu_offer_kind_name(pl_eu_offer_kind kind);

/** One accepted offer: who moved on which issue, why, towards whom, from where to where. */
typedef struct pl_eu_offer {
    size_t round;          /**< 0-based trace index: the offer was accepted in round round+1 */
    size_t issue;
    size_t actor;          /**< the actor who moved */
    pl_eu_offer_kind kind;
    size_t towards;        /**< the actor who made the offer */
    double from, to;       /**< positions on the issue's scale */
} pl_eu_offer;

/**
 * What pl_eu_run() computes.
 *
 * `trace` follows docs/cli-contract.md "predict": one entry per round performed,
 * the input state not included (entry t is the state after round t+1, which
 * is what Scholz et al.'s Table 2 prints as "Round t+1", spec section 10);
 * trace.forecast is the model's own forecast, the median (Condorcet winner,
 * section 3) of the positions after the round, and trace.mean the
 * capability-times-salience weighted mean (pl_weighted_mean). Positions of
 * actors without a stance on an issue are NaN.
 *
 * Options issues (ordered, every option placed): positions, means and offer
 * positions are on the placement scale; forecasts are the index of the option
 * nearest the median (the lower index on ties).
 */
typedef struct pl_eu_result {
    pl_eu_options options;     /**< the options the run used */
    pl_trace trace;
    double *forecast;          /**< n_issues: the last round's forecast */
    double *initial_forecast;  /**< n_issues: the median of the input positions (round 0) */
    double *initial_mean;      /**< n_issues: the weighted mean of the input positions */
    /** r_i, the pass-1 result of each round, [(round * n_actors + actor) * n_issues + issue];
     *  NaN where the actor has no stance; 1 on an issue whose positions are all equal. */
    double *exponents;
    size_t n_offers;
    pl_eu_offer *offers;       /**< ordered by round, then issue, then actor */
    /** n_rounds + 1 entries: round t's offers are offers[round_offers[t] .. round_offers[t+1]). */
    size_t *round_offers;
} pl_eu_result;

/** Free a result and everything it holds; NULL does nothing. */
PL_API void pl_eu_result_free(pl_eu_result *result);

/**
 * Run the model for options->rounds rounds on every issue of `scenario`
 * (options NULL: pl_eu_options_init()'s defaults). On each issue take part
 * the actors with a stance there, with capability pl_scenario_capability_on()
 * and the stance's salience.
 *
 * Errors (with diag): PL_ERR_INVALID when an issue has no c*s weight at all
 * (spec section 1) or an option is out of range; PL_ERR_UNSUPPORTED naming
 * the issue for an options issue that is not ordered with every option
 * placed; PL_ERR_NOMEM. On error *out is NULL.
 *
 * Complexity per issue and round: O(n^2 log n) time and O(n^2) memory for n
 * actors on the issue.
 */
PL_API int pl_eu_run(const pl_scenario *scenario, const pl_eu_options *options, pl_eu_result **out,
                     pl_diag *diag);

/* ---- Building blocks: one function per formula of the spec -------------- */

/** V(a, b) = sum_k w_k (|x_k - b| - |x_k - a|) / range (section 3). O(n). */
PL_API double pl_eu_vote(size_t n, const double *x, const double *w, double range, double a,
                         double b);

/**
 * The median mu (section 3): the index of an actor whose position is the
 * Condorcet winner among the actors' positions, i.e. minimises
 * F(a) = sum_k w_k |x_k - a|; values within 1e-9 relative tie, and `tie`
 * chooses among tied ones (O9). n >= 1. O(n^2).
 */
PL_API size_t pl_eu_median(size_t n, const double *x, const double *w, pl_eu_median_tie tie);

/** The five basic utilities of challenger against target (section 4, eqs. 15, 16, 22-24). */
typedef struct pl_eu_utilities {
    double success;     /**< U_s = 2 - 4 (0.5 - 0.5 d)^rho */
    double failure;     /**< U_f = 2 - 4 (0.5 + 0.5 d)^rho */
    double better;      /**< U_b = 2 - 4 max(0, 0.5 - 0.25 (m + d))^rho */
    double worse;       /**< U_w = 2 - 4 (0.5 + 0.25 (m + d))^rho */
    double status_quo;  /**< U_sq = 2 - 4 (0.5)^rho */
} pl_eu_utilities;

/** Basic utilities for normalised distances d, m in [0, 1] and exponent rho. O(1). */
PL_API pl_eu_utilities pl_eu_basic_utilities(double d, double m, double rho);

/**
 * The switch T (section 4): 1 when |x_i - mu| < |x_i - x_j| (j's expected move to
 * mu helps i), 0 when greater, `t_equal` (O12) within 1e-12. O(1).
 */
PL_API int pl_eu_switch(double x_i, double x_j, double mu, int t_equal);

/**
 * E(U_ij) (section 6, eqs. 5-7, 25): s_j [P U_s + (1 - P) U_f] + (1 - s_j) U_s
 * - Q U_sq - (1 - Q) [T U_b + (1 - T) U_w], with s_target the target's salience. O(1).
 */
PL_API double pl_eu_expected_utility(double p, double s_target, const pl_eu_utilities *u, double q,
                                     int t);

/**
 * The probability that i beats j (section 5), summing over all n voters,
 * with each voter's exponent rho[k] (rho NULL: linear votes, O3). `global_d`
 * is D (pl_eu_global_denominator) and is used only by PL_EU_PROB_GLOBAL.
 * 0.5 when the pairwise or net denominator is 0. O(n).
 */
PL_API double pl_eu_probability(size_t n, const double *x, const double *w, const double *rho,
                                double range, pl_eu_prob prob, double global_d, size_t i, size_t j);

/** D = sum_k sum_a sum_b w_k |u_k(x_a) - u_k(x_b)| over ordered actor pairs (section 5). O(n^3). */
PL_API double pl_eu_global_denominator(size_t n, const double *x, const double *w,
                                       const double *rho,
                                       double range);

/**
 * Every P_ij at once, as pl_eu_probability() (and D as pl_eu_global_denominator())
 * would give them up to rounding: p[i * n + j] = P_ij, 0.5 on the diagonal and
 * where x_i = x_j. Uses prefix sums over the voters sorted by position.
 * PL_ERR_NOMEM possible. O(n^2 log n) time, O(n^2) scratch memory.
 */
PL_API int pl_eu_probability_matrix(size_t n, const double *x, const double *w, const double *rho,
                                    double range, pl_eu_prob prob, double *p);

/**
 * Risk attitude R_i = (2 Sec_i - Smax - Smin) / (Smax - Smin), 0 when
 * Smax - Smin <= 1e-12 (section 7, step 3). O(1).
 */
PL_API double pl_eu_risk_attitude(double security, double smin, double smax);

/** Risk exponent r = (1 - R/3) / (1 + R/3), in [0.5, 2] (section 7, step 4). O(1). */
PL_API double pl_eu_risk_exponent(double risk_attitude);

/** The regions of Figure 6 seen from i, for a = E^i(U_ij) and b = E(U_ji) (section 8). */
typedef enum pl_eu_region {
    PL_EU_REGION_BOUNDARY = 0,         /**< a = 0, b = 0, a = b or |a| = b: no offer */
    PL_EU_REGION_CONFRONTATION_LOSE,   /**< a > 0, b > 0, b > a: i moves to x_j */
    PL_EU_REGION_CONFRONTATION_WIN,    /**< a > b > 0: j moves to x_i */
    PL_EU_REGION_COMPROMISE_LOSE,      /**< a < 0 < b, b > |a|: i moves part way */
    PL_EU_REGION_COMPROMISE_WIN,       /**< a > 0 > b, a > |b|: j moves part way */
    PL_EU_REGION_COMPEL_LOSE,          /**< a < 0 < b, |a| > b: i capitulates */
    PL_EU_REGION_COMPEL_WIN,           /**< a > 0 > b, |b| > a: j capitulates */
    PL_EU_REGION_STALEMATE             /**< a < 0, b < 0: nobody moves */
} pl_eu_region;

/** The region of (a, b); every inequality strict (section 8). O(1). */
PL_API pl_eu_region pl_eu_classify(double a, double b);

/** The offer i receives in `region`: NONE for every region in which i does not move. */
PL_API pl_eu_offer_kind pl_eu_region_offer(pl_eu_region region);

/** Where a compromise moves i (section 8, eq. 36 or O13 wavg); needs a < 0 < b. O(1). */
PL_API double pl_eu_compromise_position(double x_i, double x_j, double a, double b,
                                        pl_eu_compromise compromise);

/** One offer actor i received, for pl_eu_choose_offer(). */
typedef struct pl_eu_candidate {
    size_t towards;         /**< the proposer j */
    pl_eu_offer_kind kind;
    double a, b;            /**< E^i(U_ij) and E(U_ji) */
    double from;            /**< x_i */
    double towards_position;/**< x_j */
    double to;              /**< i's new position */
} pl_eu_candidate;

/**
 * The offer i accepts among `n` candidates listed in input order of j
 * (section 9, O7); ties go to the first. Returns its index, or n when there is
 * none. O(n).
 */
PL_API size_t pl_eu_choose_offer(const pl_eu_candidate *candidates, size_t n,
                                 pl_eu_selection selection);

#ifdef __cplusplus
}
#endif

#endif
