/*
 * eu.c - Bueno de Mesquita's expected-utility model (BDM 1985, 1994) in the
 * reading of Scholz, Calbert and Smith (2011), as docs/specs/bdm-eu.md
 * specifies it: the per-pair formulas (sections 4, 6-9) and the rounds
 * (sections 7, 9, 10). Votes, the median and P are in eu_votes.c, the options
 * in eu_options.c.
 *
 * Each issue runs on its own: the actors with a stance on it, capability on
 * the issue times salience as the voting weight w = c s (section 0). All
 * issues advance round by round together so that each trace entry holds
 * every issue's state after the same round.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/internal.h"
#include "models/model_support.h"
#include "parley/eu.h"

#define SAME_POSITION 1e-12 /* positions this close are the same (sections 4, 8) */

/* 2 - 4 base^rho; base^1 is exact, so skipping pow() changes no bit. */
static double utility_term(double base, double rho)
{
    if (base < 0)
        base = 0; /* section 4: clamp the base of U_b at 0 */
    return 2.0 - 4.0 * (rho == 1.0 ? base : pow(base, rho));
}

/* Section 4, eqs. (15), (16), and (22), (23) when `mu_terms` (with Q = 1
 * section 6 never uses U_b and U_w, so the engine skips them); U_sq (eq. 24)
 * depends on rho alone, so the caller computes it once per evaluator. */
static pl_eu_utilities pair_utilities(double d, double m, double rho, int mu_terms,
                                      double status_quo)
{
    pl_eu_utilities u;
    u.success = utility_term(0.5 - 0.5 * d, rho);
    u.failure = utility_term(0.5 + 0.5 * d, rho);
    u.status_quo = status_quo;
    u.better = mu_terms ? utility_term(0.5 - 0.25 * (m + d), rho) : 0.0;
    u.worse = mu_terms ? utility_term(0.5 + 0.25 * (m + d), rho) : 0.0;
    return u;
}

pl_eu_utilities pl_eu_basic_utilities(double d, double m, double rho)
{
    return pair_utilities(d, m, rho, 1, utility_term(0.5, rho));
}

/* Section 4, cases 1-4 of the paper (p. 22) in one test. */
int pl_eu_switch(double x_i, double x_j, double mu, int t_equal)
{
    double to_mu = fabs(x_i - mu), to_j = fabs(x_i - x_j);
    if (fabs(to_mu - to_j) <= SAME_POSITION)
        return t_equal != 0;
    return to_mu < to_j;
}

/* Section 6, eqs. (5)-(7) and (25). */
double pl_eu_expected_utility(double p, double s_target, const pl_eu_utilities *u, double q,
                              int t)
{
    double challenge = s_target * (p * u->success + (1.0 - p) * u->failure) +
                       (1.0 - s_target) * u->success;
    double no_challenge = q * u->status_quo;
    if (q != 1.0) /* with Q = 1 the T, U_b and U_w terms vanish */
        no_challenge += (1.0 - q) * (t ? u->better : u->worse);
    return challenge - no_challenge;
}

/* Section 7, step 3. */
double pl_eu_risk_attitude(double security, double smin, double smax)
{
    if (smax - smin <= 1e-12)
        return 0.0;
    return (2.0 * security - smax - smin) / (smax - smin);
}

/* Section 7, step 4. */
double pl_eu_risk_exponent(double risk_attitude)
{
    return (1.0 - risk_attitude / 3.0) / (1.0 + risk_attitude / 3.0);
}

/* Section 8, Figure 6: strict inequalities, boundaries give no offer. */
pl_eu_region pl_eu_classify(double a, double b)
{
    if (a > 0 && b > 0) {
        if (b > a)
            return PL_EU_REGION_CONFRONTATION_LOSE;
        return a > b ? PL_EU_REGION_CONFRONTATION_WIN : PL_EU_REGION_BOUNDARY;
    }
    if (a < 0 && b > 0) {
        if (b > -a)
            return PL_EU_REGION_COMPROMISE_LOSE;
        return -a > b ? PL_EU_REGION_COMPEL_LOSE : PL_EU_REGION_BOUNDARY;
    }
    if (a > 0 && b < 0) {
        if (a > -b)
            return PL_EU_REGION_COMPROMISE_WIN;
        return -b > a ? PL_EU_REGION_COMPEL_WIN : PL_EU_REGION_BOUNDARY;
    }
    if (a < 0 && b < 0)
        return PL_EU_REGION_STALEMATE;
    return PL_EU_REGION_BOUNDARY;
}

pl_eu_offer_kind pl_eu_region_offer(pl_eu_region region)
{
    switch (region) {
    case PL_EU_REGION_CONFRONTATION_LOSE:
        return PL_EU_OFFER_CONFLICT;
    case PL_EU_REGION_COMPROMISE_LOSE:
        return PL_EU_OFFER_COMPROMISE;
    case PL_EU_REGION_COMPEL_LOSE:
        return PL_EU_OFFER_CAPITULATION;
    default:
        return PL_EU_OFFER_NONE;
    }
}

/* Section 8: eq. (36), or O13 `wavg` (BDM 1997's wording). */
double pl_eu_compromise_position(double x_i, double x_j, double a, double b,
                                 pl_eu_compromise compromise)
{
    if (compromise == PL_EU_COMPROMISE_WAVG)
        return (fabs(a) * x_i + fabs(b) * x_j) / (fabs(a) + fabs(b));
    return x_i + (x_j - x_i) * fabs(a) / b;
}

const char *pl_eu_offer_kind_name(pl_eu_offer_kind kind)
{
    static const char *const names[] = {"none", "conflict", "compromise", "capitulation"};
    return (unsigned)kind < 4 ? names[kind] : "none";
}

/* Rank of a category under `category` and `scholz_code` (section 9). */
static int category_rank(pl_eu_offer_kind kind)
{
    return kind == PL_EU_OFFER_CONFLICT ? 0 : kind == PL_EU_OFFER_COMPROMISE ? 1 : 2;
}

/* Section 9, `scholz_code`: the weighted average W, a position, not a distance. */
static double scholz_key(const pl_eu_candidate *c)
{
    double a = fabs(c->a), b = fabs(c->b);
    return (a * c->from + b * c->towards_position) / (a + b);
}

/* The key to minimise within a category (or over all offers). */
static double selection_key(const pl_eu_candidate *c, pl_eu_selection selection)
{
    if (selection == PL_EU_SELECT_SCHOLZ_CODE && c->kind == PL_EU_OFFER_COMPROMISE)
        return scholz_key(c);
    return fabs(c->to - c->from);
}

/* Nonzero when `c` beats `best` (strictly: equal keys keep the earlier offer). */
static int better_offer(const pl_eu_candidate *c, const pl_eu_candidate *best,
                        pl_eu_selection selection)
{
    if (selection == PL_EU_SELECT_MAX_EU) {
        if (c->b != best->b)
            return c->b > best->b;
        return fabs(c->to - c->from) < fabs(best->to - best->from);
    }
    if (selection != PL_EU_SELECT_LEAST_MOVE) {
        int rc = category_rank(c->kind), rb = category_rank(best->kind);
        if (rc != rb)
            return rc < rb;
    }
    return selection_key(c, selection) < selection_key(best, selection);
}

/* Section 9, O7. */
size_t pl_eu_choose_offer(const pl_eu_candidate *candidates, size_t n,
                          pl_eu_selection selection)
{
    size_t best = n;
    for (size_t k = 0; k < n; k++)
        if (best == n || better_offer(&candidates[k], &candidates[best], selection))
            best = k;
    return best;
}

/* ---- The rounds ------------------------------------------------------- */

/* One issue's state: its participants, in input order. */
typedef struct eu_issue {
    size_t issue;
    size_t n;
    size_t *actor;     /* participant -> scenario actor */
    double *x;         /* current positions */
    double *w;         /* c s, the voting weight (section 0) */
    double *salience;
    double *r;         /* the last round's exponents r_i; 1 before round 1 (O6) */
    double range;      /* R of the input positions (section 2) */
    int placed;        /* an options issue run on its options' positions */
    int stationary;    /* the last round moved nobody */
} eu_issue;

/* Everything one run holds; scratch arrays are sized for the largest issue. */
typedef struct eu_run {
    const pl_scenario *s;
    const pl_eu_options *o;
    pl_eu_result *result;
    eu_issue *issues;
    size_t offers_capacity;
    double *p;                   /* n x n: P_ij of the current pass */
    double *eu;                  /* n x n: E(U_ij | rho_i) of the current pass */
    double *eu_b;                /* n x n: E(U_ji | r_i), O4 `receiver` */
    double *security, *ones, *x_new, *status_quo;
    pl_eu_candidate *candidates;
    double *positions, *forecast, *mean; /* the state after the current round */
} eu_run;

/* What the expected utilities of one pass read (sections 6 and 7). */
typedef struct eu_pass {
    const eu_issue *st;
    const double *p;
    double *status_quo; /* U_sq per evaluator (eq. 24) */
    double range, mu, q;
    int t_equal;
} eu_pass;

/* E(U_ct) with the utilities u of challenger c against target t (section 6). */
static double challenge(const eu_pass *ps, size_t c, size_t t, const pl_eu_utilities *u)
{
    const double *x = ps->st->x;
    int big_t = pl_eu_switch(x[c], x[t], ps->mu, ps->t_equal);
    return pl_eu_expected_utility(ps->p[c * ps->st->n + t], ps->st->salience[t], u, ps->q,
                                  big_t);
}

/* Section 4's utilities for challenger c against t, evaluated with exponent rho. */
static pl_eu_utilities utilities(const eu_pass *ps, size_t c, size_t t, double rho,
                                 double status_quo)
{
    const double *x = ps->st->x;
    double d = fabs(x[c] - x[t]) / ps->range, m = fabs(x[c] - ps->mu) / ps->range;
    return pair_utilities(d, m, rho, ps->q != 1.0, status_quo);
}

/* As utilities(), from the bases 0.5 -/+ 0.5 d of U_s and U_f that both actors
 * of a pair share; with Q = 1 (section 6) U_b and U_w are not needed. */
static pl_eu_utilities fast_utilities(const eu_pass *ps, size_t c, size_t t, double rho,
                                      double status_quo, const double base[2])
{
    if (ps->q != 1.0)
        return utilities(ps, c, t, rho, status_quo);
    pl_eu_utilities u = {utility_term(base[0], rho), utility_term(base[1], rho), 0.0, 0.0,
                         status_quo};
    return u;
}

/* Both ordered pairs of i < j: eu = E(U_ij | rho_i), E(U_ji | rho_j); eu_b (O4
 * `receiver`) = E(U_ji | rho_i), E(U_ij | rho_j). U_s and U_f depend only on
 * |x_i - x_j| and the evaluator's exponent, so an evaluator's two share them. */
static void fill_pair(const eu_pass *ps, const double *rho, size_t i, size_t j, double *eu,
                      double *eu_b)
{
    size_t n = ps->st->n;
    double d = fabs(ps->st->x[i] - ps->st->x[j]) / ps->range;
    double b[2] = {0.5 - 0.5 * d, 0.5 + 0.5 * d}; /* eqs. (15), (16) */
    pl_eu_utilities ui = fast_utilities(ps, i, j, rho[i], ps->status_quo[i], b);
    pl_eu_utilities uj = fast_utilities(ps, j, i, rho[j], ps->status_quo[j], b);
    eu[i * n + j] = challenge(ps, i, j, &ui);
    eu[j * n + i] = challenge(ps, j, i, &uj);
    if (eu_b == NULL)
        return;
    if (ps->q != 1.0) { /* U_b and U_w use the challenger's distance to mu */
        ui = fast_utilities(ps, j, i, rho[i], ps->status_quo[i], b);
        uj = fast_utilities(ps, i, j, rho[j], ps->status_quo[j], b);
    }
    eu_b[i * n + j] = challenge(ps, j, i, &ui);
    eu_b[j * n + i] = challenge(ps, i, j, &uj);
}

/* Every ordered pair's E(U) (and, with eu_b, the receiver's estimates). O(n^2). */
static void fill_expected_utilities(const eu_pass *ps, const double *rho, double *eu,
                                    double *eu_b)
{
    size_t n = ps->st->n;
    for (size_t i = 0; i < n; i++) {
        ps->status_quo[i] = utility_term(0.5, rho[i]); /* eq. (24) */
        eu[i * n + i] = 0.0;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            fill_pair(ps, rho, i, j, eu, eu_b);
}

/* Section 7, steps 2-4: the security sums of pass 1, then R_i and r_i. */
static void risk_exponents(const eu_run *run, size_t n, const double *eu, double *r)
{
    double *sec = run->security, smin = INFINITY, smax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        sec[i] = 0.0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                sec[i] += run->o->security == PL_EU_SECURITY_CHALLENGED ? eu[j * n + i]
                                                                         : eu[i * n + j];
        smin = sec[i] < smin ? sec[i] : smin;
        smax = sec[i] > smax ? sec[i] : smax;
    }
    for (size_t i = 0; i < n; i++)
        r[i] = pl_eu_risk_exponent(pl_eu_risk_attitude(sec[i], smin, smax));
}

/* Section 3: the c*s-weighted mean of an issue's current positions. */
static double issue_mean(const eu_issue *st)
{
    double sum = 0.0, weight = 0.0;
    for (size_t k = 0; k < st->n; k++) {
        sum += st->w[k] * st->x[k];
        weight += st->w[k];
    }
    return sum / weight;
}

/* b = E(U_ji) under O4 (section 6): j's own exponent, or i's estimate. */
static double response(const eu_run *run, size_t n, size_t i, size_t j)
{
    if (run->o->perspective == PL_EU_PERSPECTIVE_OWN)
        return run->eu[j * n + i];
    return run->eu_b[i * n + j];
}

/* Sections 8 and 9: the offers i receives and the one it accepts; x_new[i]. */
static int accept_offer(eu_run *run, const eu_pass *ps, size_t i, size_t round)
{
    const eu_issue *st = ps->st;
    size_t n = st->n, m = 0;
    for (size_t j = 0; j < n; j++) {
        if (fabs(st->x[j] - st->x[i]) <= SAME_POSITION)
            continue;
        double a = run->eu[i * n + j], b = response(run, n, i, j);
        pl_eu_offer_kind kind = pl_eu_region_offer(pl_eu_classify(a, b));
        if (kind == PL_EU_OFFER_NONE ||
            (kind == PL_EU_OFFER_CAPITULATION && !run->o->capitulation))
            continue;
        double to = kind == PL_EU_OFFER_COMPROMISE
                        ? pl_eu_compromise_position(st->x[i], st->x[j], a, b, run->o->compromise)
                        : st->x[j];
        run->candidates[m++] = (pl_eu_candidate){j, kind, a, b, st->x[i], st->x[j], to};
    }
    size_t best = pl_eu_choose_offer(run->candidates, m, run->o->selection);
    run->x_new[i] = st->x[i];
    if (best == m)
        return PL_OK;
    const pl_eu_candidate *c = &run->candidates[best];
    run->x_new[i] = c->to;
    pl_eu_result *res = run->result;
    if (pli_grow((void **)&res->offers, &run->offers_capacity, res->n_offers + 1,
                 sizeof *res->offers) != PL_OK)
        return PL_ERR_NOMEM;
    res->offers[res->n_offers++] = (pl_eu_offer){round, st->issue, st->actor[i], c->kind,
                                                 st->actor[c->towards], c->from, c->to};
    return PL_OK;
}

/* The range a round uses (O10). */
static double round_range(const eu_run *run, const eu_issue *st)
{
    if (run->o->range == PL_EU_RANGE_INITIAL)
        return st->range;
    double lo = st->x[0], hi = st->x[0];
    for (size_t k = 1; k < st->n; k++) {
        lo = st->x[k] < lo ? st->x[k] : lo;
        hi = st->x[k] > hi ? st->x[k] : hi;
    }
    return hi - lo;
}

/* Pass 1 (section 7, steps 1-4): mu, P, the security sums, new exponents in st->r. */
static int first_pass(eu_run *run, eu_issue *st, eu_pass *ps)
{
    const pl_eu_options *o = run->o;
    size_t n = st->n;
    const double *rho = o->risk_start == PL_EU_RISK_CARRY ? st->r : run->ones;
    ps->mu = st->x[pl_eu_median(n, st->x, st->w, o->median_tie)];
    int rc = pl_eu_probability_matrix(n, st->x, st->w,
                                      o->vote_exp == PL_EU_VOTE_VOTER_R ? rho : NULL,
                                      ps->range, o->prob, run->p);
    if (rc != PL_OK)
        return rc;
    fill_expected_utilities(ps, rho, run->eu, NULL);
    risk_exponents(run, n, run->eu, st->r);
    return PL_OK;
}

/* Pass 2 (section 7, step 5): P and E with the new exponents. */
static int second_pass(eu_run *run, eu_issue *st, eu_pass *ps)
{
    const pl_eu_options *o = run->o;
    if (o->mu_pass2 == PL_EU_MU_MEAN)
        ps->mu = issue_mean(st);
    if (o->vote_exp == PL_EU_VOTE_VOTER_R) {
        int rc = pl_eu_probability_matrix(st->n, st->x, st->w, st->r, ps->range, o->prob,
                                          run->p);
        if (rc != PL_OK)
            return rc;
    }
    fill_expected_utilities(ps, st->r, run->eu,
                            o->perspective == PL_EU_PERSPECTIVE_RECEIVER ? run->eu_b : NULL);
    return PL_OK;
}

/* One round on one issue; moves are simultaneous (section 9, update rule). */
static int issue_round(eu_run *run, eu_issue *st, size_t round)
{
    eu_pass ps = {st, run->p, run->status_quo, round_range(run, st), 0.0, run->o->q,
                  run->o->t_equal};
    /* Nothing can move (section 1), or nothing will: every quantity is a
     * function of the positions alone when r is reset each round (section 10). */
    if (st->n < 2 || !(ps.range > 0) ||
        (st->stationary && run->o->risk_start == PL_EU_RISK_RESET))
        return PL_OK;
    int rc = first_pass(run, st, &ps);
    if (rc == PL_OK)
        rc = second_pass(run, st, &ps);
    size_t before = run->result->n_offers;
    for (size_t i = 0; i < st->n && rc == PL_OK; i++)
        rc = accept_offer(run, &ps, i, round);
    if (rc != PL_OK)
        return rc;
    memcpy(st->x, run->x_new, st->n * sizeof *st->x);
    st->stationary = run->result->n_offers == before;
    return PL_OK;
}

/* ---- Setting up, recording, running ------------------------------------ */

/* An actor's position: its stance, or the place of its favourite option (first on ties). */
static double stance_position(const pl_issue *is, const pl_stance *stance)
{
    if (is->kind != PL_ISSUE_OPTIONS)
        return stance->position;
    size_t best = 0;
    for (size_t k = 1; k < is->n_options; k++)
        if (stance->option_values[k] > stance->option_values[best])
            best = k;
    return is->options[best].position;
}

/* The forecast of an issue in package layout: the option nearest mu (lower index on ties). */
static double package_value(const eu_issue *st, const pl_issue *is, double mu)
{
    if (!st->placed)
        return mu;
    size_t best = 0;
    for (size_t k = 1; k < is->n_options; k++)
        if (fabs(is->options[k].position - mu) < fabs(is->options[best].position - mu))
            best = k;
    return (double)best;
}

static void issue_free(eu_issue *st)
{
    pli_free(st->actor);
    pli_free(st->x);
    pli_free(st->w);
    pli_free(st->salience);
    pli_free(st->r);
}

static int issue_alloc(eu_issue *st, size_t n)
{
    st->n = n;
    st->actor = pli_malloc(n * sizeof *st->actor);
    st->x = pli_malloc(n * sizeof *st->x);
    st->w = pli_malloc(n * sizeof *st->w);
    st->salience = pli_malloc(n * sizeof *st->salience);
    st->r = pli_malloc(n * sizeof *st->r);
    if (st->actor && st->x && st->w && st->salience && st->r)
        return PL_OK;
    return PL_ERR_NOMEM; /* the caller frees what was allocated */
}

/* The participants of `issue` and its range R (sections 1 and 2). */
static int issue_setup(const pl_scenario *s, size_t issue, eu_issue *st, pl_diag *diag)
{
    const pl_issue *is = &s->issues[issue];
    st->issue = issue;
    st->placed = is->kind == PL_ISSUE_OPTIONS;
    if (st->placed && !pli_options_on_scale(is))
        return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                           "issues[%zu]: the eu model needs a continuous issue or an ordered "
                           "options issue whose options all have positions; \"%s\" is neither",
                           issue, is->id);
    double total;
    int rc = pli_issue_weight(s, issue, &total, diag);
    size_t n = 0;
    for (size_t a = 0; a < s->n_actors && rc == PL_OK; a++)
        n += pl_scenario_stance_const(s, a, issue)->present != 0;
    if (rc == PL_OK)
        rc = issue_alloc(st, n);
    if (rc != PL_OK)
        return rc;
    n = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *stance = pl_scenario_stance_const(s, a, issue);
        if (!stance->present)
            continue;
        st->actor[n] = a;
        st->x[n] = stance_position(is, stance);
        st->salience[n] = stance->salience;
        st->w[n] = pl_scenario_capability_on(s, a, issue) * stance->salience;
        st->r[n] = 1.0;
        n++;
    }
    double lo = st->x[0], hi = st->x[0];
    for (size_t k = 1; k < n; k++) {
        lo = st->x[k] < lo ? st->x[k] : lo;
        hi = st->x[k] > hi ? st->x[k] : hi;
    }
    st->range = hi - lo;
    return PL_OK;
}

/* The state after a round (or the input): positions, median and mean per issue. */
static void record_state(eu_run *run)
{
    const pl_scenario *s = run->s;
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++)
        run->positions[k] = NAN;
    for (size_t i = 0; i < s->n_issues; i++) {
        const eu_issue *st = &run->issues[i];
        for (size_t k = 0; k < st->n; k++)
            run->positions[st->actor[k] * s->n_issues + i] = st->x[k];
        double mu = st->x[pl_eu_median(st->n, st->x, st->w, run->o->median_tie)];
        run->forecast[i] = package_value(st, &s->issues[i], mu);
        run->mean[i] = pl_weighted_mean(s, i, run->positions);
    }
}

/* Each actor's exponent r_i of round `round` (section 10 outputs). */
static void record_exponents(eu_run *run, size_t round)
{
    const pl_scenario *s = run->s;
    double *e = run->result->exponents + round * s->n_actors * s->n_issues;
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++)
        e[k] = NAN;
    for (size_t i = 0; i < s->n_issues; i++)
        for (size_t k = 0; k < run->issues[i].n; k++)
            e[run->issues[i].actor[k] * s->n_issues + i] = run->issues[i].r[k];
}

static int check_options(const pl_eu_options *o, pl_diag *diag)
{
    if (o->version != PL_EU_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "eu: unknown options version %u",
                           o->version);
    if (o->rounds < 1 || o->rounds > PL_EU_MAX_ROUNDS)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "eu: rounds must be from 1 to %d (got %d)", PL_EU_MAX_ROUNDS,
                           o->rounds);
    if (!(o->q >= 0 && o->q <= 1))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "eu: Q must lie in [0, 1]");
    if ((unsigned)o->prob > PL_EU_PROB_NET || (unsigned)o->vote_exp > PL_EU_VOTE_VOTER_R ||
        (unsigned)o->perspective > PL_EU_PERSPECTIVE_RECEIVER ||
        (unsigned)o->security > PL_EU_SECURITY_CHALLENGING ||
        (unsigned)o->risk_start > PL_EU_RISK_CARRY ||
        (unsigned)o->selection > PL_EU_SELECT_MAX_EU ||
        (unsigned)o->median_tie > PL_EU_TIE_MAX_PAIR || (unsigned)o->range > PL_EU_RANGE_CURRENT ||
        (unsigned)o->mu_pass2 > PL_EU_MU_MEAN || (unsigned)o->compromise > PL_EU_COMPROMISE_WAVG)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "eu: an option holds an unknown value");
    return PL_OK;
}

/* The result's arrays and the run's scratch, for `largest` actors on one issue. */
static int run_alloc(eu_run *run, size_t largest)
{
    const pl_scenario *s = run->s;
    pl_eu_result *res = run->result;
    size_t cells = s->n_actors * s->n_issues, rounds = (size_t)run->o->rounds;
    if (cells != 0 && rounds > SIZE_MAX / sizeof(double) / cells)
        return PL_ERR_NOMEM;
    if (largest > 0 && largest > SIZE_MAX / sizeof(double) / largest)
        return PL_ERR_NOMEM;
    res->forecast = pli_calloc(s->n_issues, sizeof(double));
    res->initial_forecast = pli_calloc(s->n_issues, sizeof(double));
    res->initial_mean = pli_calloc(s->n_issues, sizeof(double));
    res->exponents = pli_malloc(rounds * cells * sizeof(double));
    res->round_offers = pli_calloc(rounds + 1, sizeof(size_t));
    run->p = pli_malloc(largest * largest * sizeof(double));
    run->eu = pli_malloc(largest * largest * sizeof(double));
    run->eu_b = pli_malloc(largest * largest * sizeof(double));
    run->security = pli_malloc(largest * sizeof(double));
    run->ones = pli_malloc(largest * sizeof(double));
    run->x_new = pli_malloc(largest * sizeof(double));
    run->status_quo = pli_malloc(largest * sizeof(double));
    run->candidates = pli_malloc(largest * sizeof *run->candidates);
    run->positions = pli_malloc(cells * sizeof(double));
    run->forecast = pli_malloc(s->n_issues * sizeof(double));
    run->mean = pli_malloc(s->n_issues * sizeof(double));
    if (!res->forecast || !res->initial_forecast || !res->initial_mean || !res->exponents ||
        !res->round_offers || !run->p || !run->eu || !run->eu_b || !run->security ||
        !run->ones || !run->x_new || !run->status_quo || !run->candidates || !run->positions ||
        !run->forecast || !run->mean)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < largest; k++)
        run->ones[k] = 1.0;
    return pl_trace_init(&res->trace, s->n_actors, s->n_issues);
}

static void run_free(eu_run *run)
{
    for (size_t i = 0; run->issues && i < run->s->n_issues; i++)
        issue_free(&run->issues[i]);
    pli_free(run->issues);
    pli_free(run->p);
    pli_free(run->eu);
    pli_free(run->eu_b);
    pli_free(run->security);
    pli_free(run->ones);
    pli_free(run->x_new);
    pli_free(run->status_quo);
    pli_free(run->candidates);
    pli_free(run->positions);
    pli_free(run->forecast);
    pli_free(run->mean);
}

/* Every issue's participants; then the result and scratch arrays. */
static int run_setup(eu_run *run, pl_diag *diag)
{
    const pl_scenario *s = run->s;
    run->issues = pli_calloc(s->n_issues, sizeof *run->issues);
    if (run->issues == NULL)
        return PL_ERR_NOMEM;
    size_t largest = 1;
    for (size_t i = 0; i < s->n_issues; i++) {
        int rc = issue_setup(s, i, &run->issues[i], diag);
        if (rc != PL_OK)
            return rc;
        largest = run->issues[i].n > largest ? run->issues[i].n : largest;
    }
    return run_alloc(run, largest);
}

/*
 * The run's work in pair evaluations, sum over issues of n_i^2 per round
 * (each pass fills an n_i x n_i table), checked against max_work before
 * anything is allocated, so that a run far too large is refused at once.
 */
static int check_work(const pl_scenario *s, const pl_eu_options *o, pl_diag *diag)
{
    double per_round = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        double n = 0;
        for (size_t a = 0; a < s->n_actors; a++)
            n += pl_scenario_stance_const(s, a, i)->present != 0;
        per_round += n * n;
    }
    double work = per_round * o->rounds;
    if (work <= (double)o->max_work)
        return PL_OK;
    return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                       "eu: %zu actors x %zu issues x %d rounds needs %.3g pair evaluations, "
                       "more than the limit of %.3g (max_work; about 110 ns each): use fewer "
                       "rounds or actors, or raise it with --option eu.max_work=N",
                       s->n_actors, s->n_issues, o->rounds, work, (double)o->max_work);
}

/* Report the fraction of the rounds done; PL_ERR_CANCELLED when asked to stop. */
static int report(const eu_run *run, size_t t, size_t i)
{
    const pl_progress *p = &run->o->progress;
    if (p->function == NULL)
        return PL_OK;
    double done = (double)t * (double)run->s->n_issues + (double)(i + 1);
    double all = (double)run->o->rounds * (double)run->s->n_issues;
    return p->function(all > 0 ? done / all : 1.0, p->payload) != 0 ? PL_ERR_CANCELLED : PL_OK;
}

/* Section 10: exactly `rounds` rounds, each recorded after its moves. */
static int run_rounds(eu_run *run, pl_diag *diag)
{
    pl_eu_result *res = run->result;
    record_state(run);
    memcpy(res->initial_forecast, run->forecast, run->s->n_issues * sizeof(double));
    memcpy(res->initial_mean, run->mean, run->s->n_issues * sizeof(double));
    for (size_t t = 0; t < (size_t)run->o->rounds; t++) {
        for (size_t i = 0; i < run->s->n_issues; i++) {
            int rc = issue_round(run, &run->issues[i], t);
            if (rc == PL_OK && report(run, t, i) != PL_OK)
                rc = pl_diag_set(diag, PL_ERR_CANCELLED, 0, 0, "eu: cancelled");
            if (rc != PL_OK)
                return rc;
        }
        res->round_offers[t + 1] = res->n_offers;
        record_exponents(run, t);
        record_state(run);
        int rc = pl_trace_append(&res->trace, run->positions, run->forecast, run->mean);
        if (rc != PL_OK)
            return rc;
    }
    memcpy(res->forecast, run->forecast, run->s->n_issues * sizeof(double));
    return PL_OK;
}

void pl_eu_result_free(pl_eu_result *r)
{
    if (r == NULL)
        return;
    pl_trace_clear(&r->trace);
    pli_free(r->forecast);
    pli_free(r->initial_forecast);
    pli_free(r->initial_mean);
    pli_free(r->exponents);
    pli_free(r->offers);
    pli_free(r->round_offers);
    pli_free(r);
}

int pl_eu_run(const pl_scenario *s, const pl_eu_options *options, pl_eu_result **out,
              pl_diag *diag)
{
    if (out != NULL)
        *out = NULL;
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    pl_eu_options defaults;
    pl_eu_options_init(&defaults);
    const pl_eu_options *o = options ? options : &defaults;
    int rc = check_options(o, diag);
    if (rc == PL_OK)
        rc = check_work(s, o, diag);
    if (rc != PL_OK)
        return rc;
    eu_run run;
    memset(&run, 0, sizeof run);
    run.s = s;
    run.result = pli_calloc(1, sizeof *run.result);
    if (run.result == NULL)
        return PL_ERR_NOMEM;
    run.result->options = *o;
    run.o = &run.result->options;
    rc = run_setup(&run, diag);
    if (rc == PL_OK)
        rc = run_rounds(&run, diag);
    run_free(&run);
    if (rc != PL_OK) {
        pl_eu_result_free(run.result);
        return rc;
    }
    *out = run.result;
    return PL_OK;
}
