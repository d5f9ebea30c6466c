/*
 * sao_tradeoff.h - what sao_tradeoff.c (views, cached offers, the protocol's
 * calls) and sao_tradeoff_lp.c (the trade-off LP and the branching on
 * options issues) share; not installed. docs/simulation.md, "Trade-off
 * offers on scenario issues".
 */
#ifndef PARLEY_SAO_TRADEOFF_H
#define PARLEY_SAO_TRADEOFF_H

#include "simulate/sao_internal.h"

/* Option combinations (LPs) one offer may try before it keeps the best found. */
#define TRADEOFF_MAX_LEAVES 4096
/* Utility slack of acceptance and of the own-aspiration constraint: the LP's tolerance. */
#define TRADEOFF_TOLERANCE 1e-9

/* A party's utility on the continuum, as itself (true inputs) or another (stated). */
typedef struct view {
    const sao_party *p;  /* weights, option terms and allowed options */
    double *position;    /* per issue (continuous issues) */
    double *low, *high;  /* per issue: what its red lines allow (continuous issues) */
    double *best;        /* per issue: its best allowed package */
    double *weight;      /* per issue: the weights it was built with (to see a change) */
    double rv, u_max, u_worst, m;
    int blocked;
} view;

/* One aspiration level solved: the offer and its maximin value. */
typedef struct solved {
    double lo, tau;
    double *x;
    int valid;           /* x holds the offer at lo */
    int exact;           /* ... solved by the LP (not interpolated) */
    int stage;           /* 1: within the others' red lines, 0: without, -1: own best */
} solved;

typedef struct memo {
    solved last;         /* the last offer made (reused while lo does not move) */
    solved *schedule;    /* time-driven agents: the offer of every step, filled lazily */
    size_t n_schedule;
    double within;       /* the agent's best utility inside everyone's red lines */
} memo;

struct sao_tradeoff {
    size_t n, ni;
    int has_options;
    sao_inputs stated;
    sao_party *stated_party;  /* per actor: tables of the stated inputs */
    view *belief;             /* per actor: what the others believe of it */
    view *own;                /* per actor: its true utility in this run */
    memo *memo;               /* per actor */
    double *scratch;          /* n_issues */
};

/** e_i(x) of a continuous issue for the party seen by `v` (clipped at 0). */
double sao_view_evaluation(const pl_scenario *s, const view *v, size_t i, double x);

/**
 * The trade-off offer of party `self` at aspiration lo into `out` and its
 * maximin value into *tau; *found zero when not even its own constraints can
 * be met (then `out` is untouched); *stage 1 when the others' stated red
 * lines were kept, 0 when they had to be dropped. sao_tradeoff_lp.c.
 */
int sao_trade_off(const sao_session *ss, size_t self, double lo, double *out, double *tau,
                  int *found, int *stage);

#endif
