/*
 * lp.c - dense two-phase tableau simplex with Bland's rule (lp.h).
 *
 * Textbook method (Chvatal, "Linear Programming", 1983, chapters 2-3, 8):
 * rows are turned to b >= 0, each <= row gets a slack, each >= row a surplus
 * and an artificial, each = row an artificial. Phase 1 maximises minus the sum
 * of the artificials; a negative optimum means no feasible point. Artificials
 * left in the basis at zero are pivoted out where possible (otherwise their
 * row is redundant) and never enter again. Phase 2 maximises the objective.
 * Bland's rule (entering: smallest index with a negative reduced cost;
 * leaving: smallest basic index among the ratio-test ties) prevents cycling.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "numeric/lp.h"

#define MAX_PIVOTS 100000

/* The tableau: m constraint rows and the objective row, each `width` = columns + 1 wide. */
typedef struct tableau {
    size_t m, columns, width, first_artificial;
    double *t;
    size_t *basis;
    size_t *nonzero; /* scratch for pivot(): the nonzero columns of the pivot row */
    /* Columns from `live` up to the right-hand side are no longer updated: in phase 2 the
     * artificials never enter and nothing reads them. */
    size_t live;
    int dantzig; /* entering rule: Dantzig's until DEGENERATE_RUN degenerate pivots in a row */
    pli_meter *meter; /* counts each pivot's rows x live columns; may cancel (lp.h) */
} tableau;

/* Degenerate pivots in a row after which Dantzig's rule gives way to Bland's. */
#define DEGENERATE_RUN 50

struct pl_lp {
    size_t n_vars, n_rows, cap_rows;
    double *rows;        /* n_rows x n_vars */
    double *rhs;
    pl_lp_sense *sense;
    double *objective;   /* n_vars */
    /*
     * The last optimal tableau, while no row has been added since: a solve
     * after a change of the objective alone starts phase 2 from its basis
     * (still feasible: only the objective row changes).
     */
    tableau warm;
    int warm_valid;
    int dantzig; /* pli_lp_set_dantzig() */
    int infeasible; /* the last solve found no feasible point, and no row came since */
    pli_meter *meter; /* pli_lp_set_meter() */
};

int pli_lp_new(size_t n_vars, pl_lp **out)
{
    pl_lp *lp = pli_calloc(1, sizeof *lp);
    if (lp == NULL)
        return PL_ERR_NOMEM;
    lp->n_vars = n_vars;
    lp->objective = pli_calloc(n_vars ? n_vars : 1, sizeof *lp->objective);
    if (lp->objective == NULL) {
        pli_free(lp);
        return PL_ERR_NOMEM;
    }
    *out = lp;
    return PL_OK;
}

void pli_lp_free(pl_lp *lp)
{
    if (lp == NULL)
        return;
    pli_free(lp->rows);
    pli_free(lp->rhs);
    pli_free(lp->sense);
    pli_free(lp->objective);
    pli_free(lp->warm.t);
    pli_free(lp->warm.basis);
    pli_free(lp->warm.nonzero);
    pli_free(lp);
}

void pli_lp_set_dantzig(pl_lp *lp, int on)
{
    lp->dantzig = on;
    lp->warm.dantzig = on;
}

void pli_lp_set_meter(pl_lp *lp, pli_meter *meter)
{
    lp->meter = meter;
}

void pli_lp_set_objective(pl_lp *lp, size_t j, double coefficient)
{
    lp->objective[j] = coefficient;
}

int pli_lp_add_row(pl_lp *lp, size_t n, const size_t *index, const double *value,
                   pl_lp_sense sense, double rhs)
{
    if (lp->n_rows == lp->cap_rows) {
        size_t cap = lp->cap_rows ? 2 * lp->cap_rows : 16;
        double *rows = pli_realloc(lp->rows, cap * (lp->n_vars ? lp->n_vars : 1) * sizeof *rows);
        if (rows == NULL)
            return PL_ERR_NOMEM;
        lp->rows = rows;
        double *b = pli_realloc(lp->rhs, cap * sizeof *b);
        if (b == NULL)
            return PL_ERR_NOMEM;
        lp->rhs = b;
        pl_lp_sense *sn = pli_realloc(lp->sense, cap * sizeof *sn);
        if (sn == NULL)
            return PL_ERR_NOMEM;
        lp->sense = sn;
        lp->cap_rows = cap;
    }
    lp->warm_valid = 0;
    lp->infeasible = 0;
    double *row = lp->rows + lp->n_rows * lp->n_vars;
    memset(row, 0, lp->n_vars * sizeof *row);
    for (size_t k = 0; k < n; k++)
        row[index[k]] += value[k];
    lp->rhs[lp->n_rows] = rhs;
    lp->sense[lp->n_rows] = sense;
    lp->n_rows++;
    return PL_OK;
}

static double *cell(const tableau *tb, size_t row, size_t column)
{
    return tb->t + row * tb->width + column;
}

/*
 * The pivot row of these LPs is mostly zeros (each row of the zone's LP names
 * a few variables, and slacks one row each): the other rows are updated on
 * its nonzero columns only, which gives the same numbers as the full update
 * (x - f 0 is x) in a fraction of the time. Returns the work done (cells read
 * or updated), which the meter counts.
 */
static double pivot(tableau *tb, size_t row, size_t column)
{
    double p = *cell(tb, row, column);
    double *pr = cell(tb, row, 0);
    size_t n = 0, *nz = tb->nonzero;
    for (size_t j = 0; j < tb->width; j++)
        if (pr[j] != 0 && (j < tb->live || j == tb->columns)) {
            pr[j] /= p;
            nz[n++] = j;
        }
    size_t touched = 0;
    for (size_t r = 0; r <= tb->m; r++) {
        if (r == row)
            continue;
        double *rr = cell(tb, r, 0);
        double f = rr[column];
        if (f == 0)
            continue;
        for (size_t k = 0; k < n; k++)
            rr[nz[k]] -= f * pr[nz[k]];
        rr[column] = 0;
        touched++;
    }
    tb->basis[row] = column;
    return (double)tb->width + (double)tb->m + (double)touched * (double)n;
}

/*
 * The entering column: Bland's smallest index with a negative reduced cost,
 * or, while tb->dantzig, Dantzig's most negative one (fewer pivots as a rule;
 * Chvatal 1983, chapter 3). Bland's rule takes over after DEGENERATE_RUN
 * degenerate pivots in a row, so the method still cannot cycle.
 */
static size_t entering(const tableau *tb, size_t limit)
{
    size_t enter = (size_t)-1;
    double best = -PL_LP_EPSILON;
    for (size_t j = 0; j < limit; j++) {
        double r = *cell(tb, tb->m, j);
        if (r < best) {
            enter = j;
            if (!tb->dantzig)
                break;
            best = r;
        }
    }
    return enter;
}

/* Simplex iterations on the objective row; columns >= `limit` never enter. */
static int iterate(tableau *tb, size_t limit, size_t *pivots)
{
    size_t degenerate = 0;
    int rule = tb->dantzig;
    for (;;) {
        size_t enter = entering(tb, limit);
        if (enter == (size_t)-1) {
            tb->dantzig = rule;
            return PL_LP_OPTIMAL;
        }
        size_t leave = (size_t)-1;
        double best = INFINITY;
        for (size_t r = 0; r < tb->m; r++) {
            double a = *cell(tb, r, enter);
            if (a <= PL_LP_EPSILON)
                continue;
            double ratio = *cell(tb, r, tb->columns) / a;
            if (ratio < best - 1e-12 ||
                (ratio <= best + 1e-12 && leave != (size_t)-1 &&
                 tb->basis[r] < tb->basis[leave])) {
                if (ratio < best)
                    best = ratio;
                leave = r;
            }
        }
        if (leave == (size_t)-1) {
            tb->dantzig = rule;
            return PL_LP_UNBOUNDED;
        }
        if (++*pivots > MAX_PIVOTS) {
            tb->dantzig = rule;
            return PL_ERR_LIMIT;
        }
        degenerate = best <= 1e-12 ? degenerate + 1 : 0;
        if (degenerate >= DEGENERATE_RUN)
            tb->dantzig = 0;
        double work = pivot(tb, leave, enter);
        if (pli_meter_add(tb->meter, work) != PL_OK) {
            tb->dantzig = rule;
            return PL_ERR_CANCELLED;
        }
    }
}

/* Lay out the tableau: variables, one slack or surplus per inequality, artificials. */
static int build(const pl_lp *lp, tableau *tb)
{
    size_t m = lp->n_rows, n = lp->n_vars, slacks = 0, artificials = 0;
    for (size_t r = 0; r < m; r++) {
        int flip = lp->rhs[r] < 0;
        pl_lp_sense s = lp->sense[r];
        if (s != PL_LP_EQ)
            slacks++;
        if (s == PL_LP_EQ || (s == PL_LP_GE) != flip)
            artificials++;
    }
    tb->m = m;
    tb->first_artificial = n + slacks;
    tb->columns = n + slacks + artificials;
    tb->width = tb->columns + 1;
    tb->live = tb->columns;
    tb->t = pli_calloc((m + 1) * tb->width, sizeof *tb->t);
    tb->basis = pli_calloc(m ? m : 1, sizeof *tb->basis);
    tb->nonzero = pli_calloc(tb->width, sizeof *tb->nonzero);
    if (tb->t == NULL || tb->basis == NULL || tb->nonzero == NULL)
        return PL_ERR_NOMEM;
    size_t slack = n, artificial = tb->first_artificial;
    for (size_t r = 0; r < m; r++) {
        double sign = lp->rhs[r] < 0 ? -1.0 : 1.0;
        pl_lp_sense s = lp->sense[r];
        int ge = s == PL_LP_EQ ? 0 : (s == PL_LP_GE) != (sign < 0);
        for (size_t j = 0; j < n; j++)
            *cell(tb, r, j) = sign * lp->rows[r * n + j];
        *cell(tb, r, tb->columns) = sign * lp->rhs[r];
        if (s != PL_LP_EQ)
            *cell(tb, r, slack++) = ge ? -1.0 : 1.0;
        if (s == PL_LP_EQ || ge) {
            *cell(tb, r, artificial) = 1.0;
            tb->basis[r] = artificial++;
        } else {
            tb->basis[r] = slack - 1;
        }
    }
    return PL_OK;
}

/* Phase 1: maximise -sum(artificials); then drive zero artificials out of the basis. */
static int phase_one(tableau *tb, size_t *pivots)
{
    double *z = cell(tb, tb->m, 0);
    for (size_t j = tb->first_artificial; j < tb->columns; j++)
        z[j] = 1.0;
    for (size_t r = 0; r < tb->m; r++)
        if (tb->basis[r] >= tb->first_artificial)
            for (size_t j = 0; j < tb->width; j++)
                z[j] -= *cell(tb, r, j);
    int rc = iterate(tb, tb->columns, pivots);
    if (rc != PL_LP_OPTIMAL)
        return rc;
    if (z[tb->columns] < -PL_LP_EPSILON * (1.0 + (double)tb->m))
        return PL_LP_INFEASIBLE;
    for (size_t r = 0; r < tb->m; r++) {
        if (tb->basis[r] < tb->first_artificial)
            continue;
        for (size_t j = 0; j < tb->first_artificial; j++)
            if (fabs(*cell(tb, r, j)) > PL_LP_EPSILON) {
                (void)pivot(tb, r, j);
                break;
            }
    }
    return PL_LP_OPTIMAL;
}

static void phase_two_objective(const pl_lp *lp, tableau *tb)
{
    double *z = cell(tb, tb->m, 0);
    memset(z, 0, tb->width * sizeof *z);
    for (size_t j = 0; j < lp->n_vars; j++)
        z[j] = -lp->objective[j];
    for (size_t r = 0; r < tb->m; r++) {
        double f = z[tb->basis[r]];
        if (f == 0 || tb->basis[r] >= tb->live) /* an artificial left basic: its column is 0 in z */
            continue;
        for (size_t j = 0; j < tb->width; j++)
            z[j] -= f * *cell(tb, r, j);
    }
}

static int solve_tableau(pl_lp *lp, double *x, double *value)
{
    tableau tb = {0};
    size_t pivots = 0;
    int rc = PL_OK, warm = lp->warm_valid;
    if (lp->infeasible) /* feasibility does not depend on the objective */
        return PL_LP_INFEASIBLE;
    if (warm) {
        tb = lp->warm;
        lp->warm_valid = 0;
        memset(&lp->warm, 0, sizeof lp->warm);
        tb.meter = lp->meter;
    } else {
        rc = build(lp, &tb);
        tb.dantzig = lp->dantzig;
        tb.meter = lp->meter;
        if (rc == PL_OK)
            rc = phase_one(&tb, &pivots);
        lp->infeasible = rc == PL_LP_INFEASIBLE;
    }
    if (rc == PL_LP_OPTIMAL) {
        tb.live = tb.first_artificial;
        phase_two_objective(lp, &tb);
        rc = iterate(&tb, tb.first_artificial, &pivots);
    }
    if (rc == PL_LP_OPTIMAL) {
        if (x != NULL) {
            for (size_t j = 0; j < lp->n_vars; j++)
                x[j] = 0;
            for (size_t r = 0; r < tb.m; r++)
                if (tb.basis[r] < lp->n_vars)
                    x[tb.basis[r]] = *cell(&tb, r, tb.columns);
        }
        if (value != NULL)
            *value = *cell(&tb, tb.m, tb.columns);
        pli_free(lp->warm.t);
        pli_free(lp->warm.basis);
        pli_free(lp->warm.nonzero);
        lp->warm = tb;
        lp->warm_valid = 1;
        return rc;
    }
    pli_free(tb.t);
    pli_free(tb.basis);
    pli_free(tb.nonzero);
    return rc;
}

/*
 * Has the kept tableau drifted? Each warm solve continues from the last
 * tableau, so its rounding accumulates over the pivots of every objective
 * before (a dense tableau's counterpart of a revised simplex's stale
 * factorisation). The optimum it gives is checked against the rows as added:
 * a row missed by more than 1e-9 of its size (1 + |rhs| + sum |a_j x_j|) or a
 * variable below -1e-9 means the tableau is rebuilt (1; 0 when it has not
 * drifted, PL_ERR_NOMEM).
 */
static int drifted(const pl_lp *lp)
{
    const tableau *tb = &lp->warm;
    double *x = pli_calloc(lp->n_vars + 1, sizeof *x);
    if (x == NULL)
        return PL_ERR_NOMEM;
    int bad = 0;
    for (size_t r = 0; r < tb->m; r++)
        if (tb->basis[r] < lp->n_vars)
            x[tb->basis[r]] = *cell(tb, r, tb->columns);
    for (size_t j = 0; j < lp->n_vars; j++)
        bad |= x[j] < -1e-9 * (1 + fabs(x[j]));
    for (size_t r = 0; r < lp->n_rows && !bad; r++) {
        const double *row = lp->rows + r * lp->n_vars;
        double sum = 0, size = 1 + fabs(lp->rhs[r]);
        for (size_t j = 0; j < lp->n_vars; j++) {
            sum += row[j] * x[j];
            size += fabs(row[j] * x[j]);
        }
        double miss = lp->sense[r] == PL_LP_LE   ? sum - lp->rhs[r]
                      : lp->sense[r] == PL_LP_GE ? lp->rhs[r] - sum
                                                 : fabs(sum - lp->rhs[r]);
        bad = miss > 1e-9 * size;
    }
    pli_free(x);
    return bad;
}

int pli_lp_solve(pl_lp *lp, double *x, double *value)
{
    int warm = lp->warm_valid;
    int rc = solve_tableau(lp, x, value), drift = 0;
    if (rc == PL_LP_OPTIMAL && warm)
        drift = drifted(lp);
    if (drift == 1) {
        lp->warm_valid = 0; /* refactorise: phase 1 and 2 from the rows as added */
        rc = solve_tableau(lp, x, value);
    }
    return drift < 0 ? drift : rc;
}
