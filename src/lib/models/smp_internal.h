/*
 * smp_internal.h - what the smp model's sources share; not installed.
 *
 * Section numbers (§) refer to docs/specs/ktab-smp.md. Everything runs on
 * KTAB's internal scale: positions and saliences in [0, 1]. The formula
 * functions are exposed here so that tests/unit/test_smp.c can check each
 * one on hand-computed cases.
 */
#ifndef PARLEY_SMP_INTERNAL_H
#define PARLEY_SMP_INTERNAL_H

#include <stddef.h>

#include "core/internal.h"
#include "parley/smp.h"
#include "parley/threads.h"

/* Constants of §1. */
#define SMP_ELECTION_FLOOR 1e-8   /* coalition floor in elections (§4) */
#define SMP_CHALLENGE_FLOOR 1e-10 /* coalition floor in challenges (§5) */
#define SMP_INTERP_FLOOR 1e-6     /* interpolation floor (§6.2) */
#define SMP_GAIN_MIN 1e-5         /* significant challenge gain (§6.1) */
#define SMP_SAME_POSITION 1e-3    /* position-equivalence tolerance (§10) */
#define SMP_STOP_RATIO 0.02       /* stop-ratio threshold (§9) */
#define SMP_GUARD 1e-4            /* denominator guard (§9) */
#define SMP_MIN_ROUNDS 2          /* §9 */
#define SMP_DEGENERATE 1e-6       /* §3.3: Frobenius-norm abort threshold */
#define SMP_NO_TARGET ((size_t)-1)

/* ---- formulas (smp_formulas.c) ---- */

/** §3.1: delta_i(y, z) with actor i's saliences `s` and den = sum_d s_d s_d. */
double smp_distance(const double *s, double den, const double *y, const double *z, size_t d);
/** §3.2: U(delta, R). */
double smp_utility(double delta, double r);
/** §3.4: r_hi = ((2 R_h) + R_i) / 3, literally. */
double smp_perceived_risk(double r_h, double r_i);
/** §3.3 step 4: R from the win probabilities; PL_ERR_INVALID when P_max = P_min. */
int smp_risk(const double *p, size_t n, double *r);
/** §6.2: KTAB's sq(z) = the platform's pow(z, 2.0) (never folded into z * z). */
double smp_sq(double z);
/** §6.2: r4, rounding to 4 decimals on the internal scale. */
double smp_r4(double v);
/** §6.2: the S2P2 bargain between initiator i (saliences si, position xi) and receiver j. */
void smp_bargain(const double *si, const double *sj, const double *xi, const double *xj,
                 double p, size_t d, double *bi, double *bj);
/** §5: E(h, k, i, j) from h's full perceived-utility matrix A (n x n). */
void smp_challenge(const double *a, size_t n, const double *omega, const double *S, size_t k,
                   size_t i, size_t j, double *phi, double *gain);
/** §9: Dist(t, t') between two position sets (n x d). */
double smp_state_distance(const double *x, const double *x2, size_t n, size_t d);
/** §9: nonzero when the run stops after round tau. */
int smp_should_stop(int tau, int max_rounds, double step, double first);
/** §10: unweighted Euclidean distance between two points. */
double smp_euclid(const double *x, const double *z, size_t d);

/* ---- elections (smp_pce.c) ---- */

/** §4 step 1-2: pi_ab for options a, b (columns of a voter-major table, leading dim ld). */
double smp_pce_pi(const double *table, size_t ld, const double *c, size_t n, size_t a,
                  size_t b);
/**
 * §4 on the m options cols[0..m-1] of a voter-major utility table (n voters,
 * leading dimension ld): P (m values). Serial; O(m^2 n).
 */
void smp_pce_list(const double *table, size_t ld, const size_t *cols, size_t m, const double *c,
                  size_t n, double *p);
/**
 * §4 on all m columns of a voter-major table (n x m), pairs computed once and
 * spread over the pool; ca, cb: m x m scratch; q: m scratch. Fills p (m).
 */
void smp_pce_all(pl_pool *pool, const double *table, size_t m, const double *c, size_t n,
                 double *ca, double *cb, double *q, double *p);

/* ---- the run's workspace ---- */

typedef struct smp_work {
    size_t n, d;
    pl_pool *pool;
    /* inputs, internal scale (§1) */
    double *c;          /* n: capabilities (voting weights) */
    double *s;          /* n x d saliences */
    double *S;          /* n: S_i */
    double *omega;      /* n: omega_i = S_i c_i */
    double *den;        /* n: sum_d s_id s_id */
    double *acc;        /* n x n accommodation matrix (§8), NULL = identity */
    /* state t (§2-3) */
    double *x, *y;      /* n x d positions and ideals */
    double *delta;      /* n x n: delta_ij = delta_i(y_i, x_j) */
    double *delta_t;    /* n x n: transposed */
    double *table;      /* n x n: election utilities (voter-major) */
    double *ca, *cb;    /* n x n election accumulators */
    double *q;          /* n (+1) scratch */
    double *prob;       /* n: election result */
    double *R;          /* n: risk attitudes */
    double *W;          /* n x n: W_nm = A^n_nm */
    size_t n_rep;       /* §10: representatives of state t */
    size_t *rep;        /* n */
    double *rep_prob;   /* n */
    double *actor_prob; /* n: per actor (last representative) */
    /* round (§6-7) */
    double *scratch;    /* n x 4n: per challenger rows */
    size_t *target;     /* n: SMP_NO_TARGET or j */
    double *phi;        /* n */
    double *b_init, *b_recv; /* n x d */
    double *vote;       /* n x (n + 1): voter utilities; column n = status quo */
    size_t *queue_start; /* n + 1 */
    size_t *queue;      /* <= 3n option columns */
    double *queue_p;    /* <= 3n */
    double *x_next;     /* n x d */
} smp_work;

/* smp.c: the workspace (all arrays zeroed; acc stays NULL) and §8. */
int smp_work_alloc(smp_work *w, size_t n, size_t d, int threads);
void smp_work_free(smp_work *w);
/** §8: new ideals into w->y from w->x_next (the new positions) and the old w->y. */
void smp_adjust_ideals(smp_work *w);

/* smp_state.c: §3 and §10 for the state in w->x, w->y. */
int smp_state_compute(smp_work *w, pl_diag *diag);
/** §10: the representatives' probability-weighted mean (d) and most probable (index). */
void smp_state_forecast(const smp_work *w, double *mean, size_t *best);

/* smp_round.c: §6-7, from state t to w->x_next. */
void smp_round(smp_work *w);
/** §6 for every actor: w->target, w->phi, w->b_init, w->b_recv. */
void smp_propose(smp_work *w);
/** §7 from w's targets and bargains: w->x_next. */
void smp_resolve(smp_work *w);
/** §6.1 for challenger i: target (SMP_NO_TARGET if none) and p. Uses w's scratch row i. */
void smp_choose_target(const smp_work *w, size_t i, size_t *target, double *p);

/* smp_params.c: refuse KTAB settings parley does not implement. */
int smp_check_ktab(const pl_scenario *s, pl_diag *diag);

#endif
