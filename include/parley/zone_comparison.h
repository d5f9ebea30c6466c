/*
 * parley/zone_comparison.h - does a simulation agree with the zone of
 * agreement, and if not, why can it not (issue #13, item 6; docs/simulation.md,
 * "When the simulation and the zone disagree").
 *
 * The zone of pl_agreement_compute() is the deciding coalition's (the veto
 * actors under unanimity). Under SAO a settlement needs every party's
 * acceptance, so the comparison also decides the zone of all parties (the
 * scenario with every actor a veto actor) and says which of the two zones the
 * simulation's settlement rate matches: "matches" means some run settled
 * exactly when the zone is not empty. The reasons are those of the settings
 * that can make a simulation on the stated inputs miss a zone or settle
 * outside one; none applying to a contradiction is a defect to report.
 */
#ifndef PARLEY_ZONE_COMPARISON_H
#define PARLEY_ZONE_COMPARISON_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/agreement.h"
#include "parley/scenario.h"
#include "parley/simulate.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where the simulated offers (or texts) came from. */
typedef enum pl_offer_source {
    PL_OFFERS_TRADEOFF = 0,       /**< SAO on scenario input: trade-off packages, continuum */
    PL_OFFERS_RANKED = 1,         /**< SAO: NegMAS's exhaustive ranking (GENIUS rule) */
    PL_OFFERS_SEARCH = 2,         /**< SAO: the search over the grid (space over 10^6) */
    PL_OFFERS_MEDIATOR_TEXT = 3,  /**< the mediator's exact texts (belief zone problem) */
    PL_OFFERS_MEDIATOR_GRID = 4   /**< the grid mediator (quadratic utilities) */
} pl_offer_source;

/** Reasons a simulation on these settings can disagree with the zone (bit flags). */
enum {
    PL_ZONE_WHY_DRAWN = 1u << 0,      /**< drawn inputs move positions, lines, reservations */
    PL_ZONE_WHY_SHOCKS = 1u << 1,     /**< shocks within the simulated rounds */
    PL_ZONE_WHY_CONSENT = 1u << 2,    /**< SAO needs everyone; only the coalition's zone exists */
    PL_ZONE_WHY_GRID = 1u << 3,       /**< offers on a grid of the continuous issues */
    PL_ZONE_WHY_STUBBORN = 1u << 4,   /**< hardheaded, tit-for-tat, caller agents: no promise */
    PL_ZONE_WHY_ACCEPTANCE = 1u << 5  /**< no zone, nothing drawn: acceptance by other rules */
};

typedef struct pl_zone_comparison {
    int contradicts;         /**< the settlement rate contradicts the coalition's zone */
    int coalition_possible;  /**< the zone of pl_agreement_compute() (the coalition's) */
    double coalition_margin; /**< its margin (NaN when its red lines clash) */
    size_t n_coalition, n_parties;
    int all_known;           /**< 0: the zone of all parties could not be decided (e.g.
                                  over the option search's limit); all_* then copy the
                                  coalition's */
    int all_possible;        /**< the zone of every party, each a veto actor */
    double all_margin;
    int matches_coalition;   /**< some run settled <=> the coalition's zone is not empty */
    int matches_all;         /**< some run settled <=> the zone of all parties is not empty */
    size_t agreements, runs;
    pl_offer_source offers;
    unsigned reasons;        /**< PL_ZONE_WHY_* that apply (set only when `contradicts`) */
} pl_zone_comparison;

/** Where the offers of the Monte Carlo `m`, run with `options` on `scenario`, came from. */
PL_API pl_offer_source pl_offer_source_of(const pl_scenario *scenario,
                                          const pl_montecarlo_options *options,
                                          const pl_montecarlo *m);

/**
 * Compare the Monte Carlo `m` (run with `options` on `scenario`) with the
 * coalition's zone `agreement` (pl_agreement_compute() of the same scenario)
 * and the zone of all parties, computed here (all_known 0 when that analysis
 * fails other than for memory). Returns PL_OK or PL_ERR_NOMEM / PL_ERR_INVALID.
 */
PL_API int pl_zone_compare(const pl_scenario *scenario, const pl_agreement *agreement,
                           const pl_montecarlo_options *options, const pl_montecarlo *m,
                           pl_zone_comparison *out, pl_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
