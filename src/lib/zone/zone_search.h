/*
 * zone_search.h - the search state of one package problem (agreement_solve.c)
 * and what its Nash leaves (nash_leaf.c) share with it; not installed.
 */
#ifndef PARLEY_ZONE_SEARCH_H
#define PARLEY_ZONE_SEARCH_H

#include "numeric/lp.h"
#include "zone/zone.h"

typedef struct search {
    const pl_zone_problem *p;
    const pl_scenario *s;
    size_t n_actors, n_issues;
    double *weight;        /* [a * n_issues + i] normalised salience, 0 without a stance */
    unsigned char *indifferent; /* [a] no salience anywhere: U_a = 1 */
    double *option_best;   /* [a * n_issues + i] best option value times weight (bounds) */
    size_t *choice;        /* [i] option chosen on options issues */
    double *package;       /* scratch package (MIN_CHANGE: the leaf's, for ties) */
    double best_others;    /* MIN_CHANGE: the others' utility of best_package (ties) */
    double best;
    int found;
    double *best_package;
    unsigned long long *nodes;
    double upper;          /* NASH: the largest upper bound of a leaf solved */
    int pruned;            /* some branch was cut by its bound (within 1e-12) */
    double winner_upper;   /* NASH: the upper bound of the best leaf so far */
    double winner_error;   /* NASH: its proven error in utility */
    double others_upper;   /* NASH: the largest bound of every other leaf or cut branch */
} search;

/* Where each LP variable lives: index tables built once per leaf. */
typedef struct layout {
    size_t n;
    size_t *y;      /* [i] continuous issue variable, (size_t)-1 for options issues */
    size_t *d;      /* [a * n_issues + i] distance variable or (size_t)-1 */
    size_t *sigma;  /* [k] slack of a soft constraint or (size_t)-1 */
    size_t *e;      /* [i] change variable (MIN_CHANGE) */
    size_t t, z;
} layout;

/** The issue's range, high - low. */
double pli_zone_issue_range(const pl_scenario *scenario, size_t issue);
/** Nonzero when constraint k is a reservation whose state is not OFF. */
int pli_zone_reservation_used(const search *sr, size_t k);
/** WEIGHTED_SUM / NASH: constraint k's coefficient (1 when none is given). */
double pli_zone_coefficient(const search *sr, size_t k);
/** U_a with every distance d_ai at zero: U_a = this - sum_i (w_ai / R_i) d_ai. */
double pli_zone_utility_constant(const search *sr, size_t a);
/** A position from the LP's variable y (issue offset), snapped to 1e-6 and clamped. */
double pli_zone_snap(const pl_issue *issue, double y);
/** NASH: U_a - level of reservation k at the LP's point x. */
double pli_zone_leaf_gain(const search *sr, const layout *l, size_t k, const double *x);
/**
 * NASH on one leaf (nash_leaf.c): the Nash package of the leaf into x, its
 * value, the leaf's proven upper bound and the error bound in utility.
 */
int pli_zone_nash_leaf(const search *sr, const layout *l, pl_lp *lp, double *x, double *value,
                       double *upper, double *error);

#endif
