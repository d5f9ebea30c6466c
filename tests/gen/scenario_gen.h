/*
 * scenario_gen.h - random negotiation scenarios for tests and benchmarks,
 * built with the library's builder API (parley/scenario.h) from a seed.
 *
 * A scenario has 2-6 actors and 2-12 issues (any counts >= 1 are accepted),
 * continuous issues (most) and options issues (2-4 options), random ideal
 * positions, saliences, capabilities, veto flags, red lines (continuous
 * intervals around the actor's position, options sets holding its favourite)
 * and reservations. The reservations are then shifted, all by the same
 * amount, so that the zone's margin (pl_agreement_compute, exact) lands on a
 * target drawn for the seed: about half the scenarios have a zone, a third of
 * those a thin one (margin < 0.03), the rest none (a negative margin, or red
 * lines that clash). Shifting every member's reservation by c moves the
 * margin max_x min_a (U_a(x) - r_a) by exactly -c, which is why the target
 * is met exactly unless a reservation would leave [0, 1].
 *
 * The same seed and counts give the same scenario on every machine (a
 * splitmix64 stream, no libc random numbers, no floating point beyond IEEE
 * double arithmetic).
 */
#ifndef PARLEY_TEST_SCENARIO_GEN_H
#define PARLEY_TEST_SCENARIO_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "parley/scenario.h"

typedef enum gen_class {
    GEN_ZONE = 0,       /**< target margin in [0.03, 0.2] */
    GEN_THIN_ZONE = 1,  /**< target margin in [0.001, 0.03) */
    GEN_NO_ZONE = 2,    /**< target margin in [-0.2, -0.001] */
    GEN_CLASH = 3       /**< red lines of two veto actors made incompatible */
} gen_class;

typedef struct gen_options {
    uint64_t seed;
    size_t n_actors, n_issues;
    int uncertainty;     /**< nonzero: add uncertainty groups (positions, red lines, reservations) */
    int options_issues;  /**< nonzero (default): some issues are options issues */
    int majority;        /**< nonzero (default): some scenarios use weighted majority */
} gen_options;

/** Defaults for a seed and counts: options issues and majority rules allowed, no uncertainty. */
void gen_options_init(gen_options *options, uint64_t seed, size_t n_actors, size_t n_issues);

/**
 * Build a valid scenario (pl_scenario_validate passes). `class_out` (may be
 * NULL) receives the class aimed at; the actual margin is what
 * pl_agreement_compute says. PL_ERR_NOMEM, or PL_ERR_ARGUMENT for zero counts.
 */
int gen_scenario(const gen_options *options, pl_scenario **out, gen_class *class_out);

#endif
