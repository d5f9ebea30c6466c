/*
 * what_it_takes.c - the settlement curve of each blocking constraint: the
 * zone margin and the settlement probability as one bound moves towards the
 * other side, and the exact bound at which a zone first opens
 * (parley/what_it_takes.h; docs/agreement.md, "What it would take").
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "parley/what_it_takes.h"

#define NONE ((size_t)-1)

/*
 * Progress counts zone analyses: the opening's bisection as OPENING of them
 * (the two ends, then about 30 halvings to PL_WHAT_IT_TAKES_TOLERANCE), each
 * step one, and each step's Monte Carlo one per run (a run of the default
 * scenario costs about what one of its zone analyses does). The first
 * agreement analysis, when the caller gives none, is the first tenth.
 */
#define OPENING 32.0
#define FIRST_ANALYSIS 0.1

void pl_what_it_takes_options_init(pl_what_it_takes_options *o)
{
    pl_what_it_takes_options d = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    *o = d;
}

void pl_what_it_takes_free(pl_what_it_takes *w)
{
    if (w == NULL)
        return;
    for (size_t k = 0; w->entries != NULL && k < w->n_entries; k++)
        pli_free(w->entries[k].steps);
    pli_free(w->entries);
    pli_free(w);
}

/* The working state: a copy of the scenario whose one bound is moved. */
typedef struct context {
    const pl_scenario *s;
    pl_scenario *w;
    const pl_agreement *g;
    unsigned char *member;             /* per actor: in the deciding coalition */
    pl_montecarlo_options mc;
    int simulate;
    pl_pool *pool;
    pl_what_it_takes *out;
    size_t capacity;
    pl_diag *diag;
    pl_progress progress;              /* the caller's */
    pli_span span;                     /* the part of it a sub-computation reports to */
    double base, done, total;          /* the bar: base + (1 - base) done / total */
} context;

static double fraction(const context *c)
{
    return c->base + (1 - c->base) * (c->total > 0 ? fmin(c->done / c->total, 1) : 1);
}

/* The part of the caller's bar for the next `units` of work, which then count as done. */
static pl_progress part(context *c, double units)
{
    double from = fraction(c);
    c->done += units;
    return pli_span_progress(&c->span, c->progress, from, fraction(c));
}

/* Report the bar where it stands; PL_ERR_CANCELLED when the caller asks to stop. */
static int report(const context *c)
{
    if (c->progress.function == NULL)
        return PL_OK;
    return c->progress.function(fraction(c), c->progress.payload) ? PL_ERR_CANCELLED : PL_OK;
}

static void set_bound(context *c, const pl_what_it_takes_entry *e, double v)
{
    if (e->kind == PL_CONSTRAINT_RESERVATION)
        c->w->actors[e->actor].reservation = v;
    else if (e->bound == PL_BOUND_MIN)
        c->w->red_lines[e->red_line].low = v;
    else
        c->w->red_lines[e->red_line].high = v;
}

/* The zone with the bound at v: exact, no relaxation search, no best packages. */
static int zone_at(context *c, const pl_what_it_takes_entry *e, double v, int *possible,
                   double *margin)
{
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = 0;
    o.solutions = 0;
    o.searches = 0;
    o.progress = part(c, 1);
    set_bound(c, e, v);
    pl_agreement *g = NULL;
    int rc = pl_agreement_compute(c->w, &o, &g, c->diag);
    c->out->analyses++;
    if (rc == PL_OK) {
        *possible = g->possible;
        *margin = g->red_lines_compatible ? g->margin : NAN;
    }
    pl_agreement_free(g);
    return rc == PL_OK ? report(c) : rc;
}

/* Where the scale of a bound ends: the issue's range, or [0, 1] for a reservation. */
static void scale(const context *c, const pl_what_it_takes_entry *e, double *low, double *high)
{
    *low = 0;
    *high = 1;
    if (e->kind == PL_CONSTRAINT_RED_LINE) {
        *low = c->s->issues[e->issue].low;
        *high = c->s->issues[e->issue].high;
    }
}

/*
 * A bound from the bisection: within the tolerance of a multiple of 1e-6 of
 * the scale, the round value (the bisection stops 1e-9 short of 10 on the
 * side where the zone is open; agreement_solve.c snaps LP positions alike).
 */
static double snap(double x, double range)
{
    double round = nearbyint(x * 1e6) / 1e6;
    return fabs(x - round) <= PL_WHAT_IT_TAKES_TOLERANCE * range ? round : x;
}

/*
 * opens_at: "a zone exists" is monotone in the bound (moving it only enlarges
 * the feasible set), so bisect between `from` (closed) and the end of the
 * scale the bound moves towards (open, or never open).
 */
static int find_opening(context *c, pl_what_it_takes_entry *e)
{
    double low, high, margin;
    scale(c, e, &low, &high);
    double end = e->bound == PL_BOUND_MAX ? high : low;
    int open_end = 0, open_from = 0;
    int rc = zone_at(c, e, end, &open_end, &margin);
    if (rc == PL_OK)
        rc = zone_at(c, e, e->from, &open_from, &margin);
    e->opens = open_end;
    e->opens_at = NAN;
    if (rc != PL_OK || !open_end)
        return rc;
    double closed = e->from, open = end, range = high - low;
    if (open_from)
        open = e->from;
    for (int k = 0; rc == PL_OK && !open_from && k < 200 &&
                    fabs(open - closed) > PL_WHAT_IT_TAKES_TOLERANCE * range; k++) {
        double mid = 0.5 * (open + closed);
        int possible = 0;
        rc = zone_at(c, e, mid, &possible, &margin);
        if (possible)
            open = mid;
        else
            closed = mid;
    }
    e->opens_at = snap(open, range);
    return rc;
}

/* The settlement probability with the bound at the step's value. */
static int settle_at(context *c, pl_what_it_takes_step *step)
{
    step->settlement = step->settlement_low = step->settlement_high = NAN;
    if (!c->simulate)
        return PL_OK;
    pl_montecarlo *m = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    c->mc.progress = part(c, (double)c->mc.runs);
    int rc = pl_montecarlo_run(c->w, &c->mc, c->pool, &m, &diag);
    if (rc == PL_OK) {
        step->settlement = m->agreement_rate;
        step->settlement_low = m->deterministic ? m->agreement_rate : m->interval_low;
        step->settlement_high = m->deterministic ? m->agreement_rate : m->interval_high;
        step->deterministic = m->deterministic;
    }
    pl_montecarlo_free(m);
    if (rc == PL_ERR_NOMEM || rc == PL_ERR_CANCELLED)
        return rc;
    return report(c); /* a simulation that cannot run leaves NaN */
}

static int curve(context *c, pl_what_it_takes_entry *e, size_t steps)
{
    e->steps = pli_calloc(steps + 1, sizeof *e->steps);
    if (e->steps == NULL)
        return PL_ERR_NOMEM;
    e->n_steps = steps + 1;
    int rc = PL_OK;
    for (size_t k = 0; rc == PL_OK && k <= steps; k++) {
        pl_what_it_takes_step *step = &e->steps[k];
        step->value = k == steps ? e->to : e->from + (e->to - e->from) * (double)k / (double)steps;
        rc = zone_at(c, e, step->value, &step->possible, &step->margin);
        if (rc == PL_OK)
            rc = settle_at(c, step);
    }
    return rc;
}

/* The other members' side of issue i: their red lines' meet and their mean position. */
static void other_side(const context *c, size_t actor, size_t i, double *low, double *high,
                       double *position)
{
    const pl_scenario *s = c->s;
    *low = s->issues[i].low;
    *high = s->issues[i].high;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].issue == i && s->red_lines[r].actor != actor &&
            c->member[s->red_lines[r].actor]) {
            *low = fmax(*low, s->red_lines[r].low);
            *high = fmin(*high, s->red_lines[r].high);
        }
    double sum = 0, weight = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        const pl_stance *st = pl_scenario_stance_const(s, a, i);
        if (a != actor && c->member[a] && st->present) {
            double cap = pl_scenario_capability_on(s, a, i);
            sum += cap * st->position;
            weight += cap;
        }
    }
    *position = weight > 0 ? sum / weight : NAN;
}

/*
 * Which bound of red line r moves, and towards what: the side facing the
 * other members' red lines when they clash, else the side facing their mean
 * position; PL_BOUND_NONE when the line already holds both.
 */
static pl_bound direction(const context *c, size_t r, double *other)
{
    const pl_red_line *line = &c->s->red_lines[r];
    double low, high, position;
    other_side(c, line->actor, line->issue, &low, &high, &position);
    *other = NAN;
    if (high < line->low) {
        *other = isnan(position) ? high : fmin(high, position);
        return PL_BOUND_MIN;
    }
    if (low > line->high) {
        *other = isnan(position) ? low : fmax(low, position);
        return PL_BOUND_MAX;
    }
    if (!isnan(position) && position < line->low) {
        *other = position;
        return PL_BOUND_MIN;
    }
    if (!isnan(position) && position > line->high) {
        *other = position;
        return PL_BOUND_MAX;
    }
    return PL_BOUND_NONE;
}

static pl_what_it_takes_entry *push(context *c)
{
    pl_what_it_takes *w = c->out;
    if (w->n_entries == c->capacity) {
        size_t capacity = 2 * c->capacity + 4;
        pl_what_it_takes_entry *grown = pli_realloc(w->entries, capacity * sizeof *grown);
        if (grown == NULL)
            return NULL;
        w->entries = grown;
        c->capacity = capacity;
    }
    pl_what_it_takes_entry *e = &w->entries[w->n_entries++];
    memset(e, 0, sizeof *e);
    return e;
}

/* Keep one entry to examine; `to` holds the other side until examine(). */
static int add(context *c, pl_what_it_takes_entry proto, double other)
{
    pl_what_it_takes_entry *e = push(c);
    if (e == NULL)
        return PL_ERR_NOMEM;
    *e = proto;
    e->to = other;
    return PL_OK;
}

/* The units of work of one entry (see OPENING). */
static double entry_units(const context *c, size_t steps)
{
    return OPENING + (double)(steps + 1) * (1 + (c->simulate ? (double)c->mc.runs : 0));
}

/* Analyse one entry; the working copy is restored afterwards. */
static int examine(context *c, pl_what_it_takes_entry *e, size_t steps)
{
    double other = e->to, start = c->done;
    int rc = find_opening(c, e);
    c->done = fmax(c->done, start + OPENING); /* a bisection that stopped early */
    /* the last step reaches the other side, and at least the opening */
    e->to = other;
    if (e->opens)
        e->to = e->bound == PL_BOUND_MAX ? fmax(other, e->opens_at) : fmin(other, e->opens_at);
    if (rc == PL_OK)
        rc = curve(c, e, steps);
    set_bound(c, e, e->from);
    return rc;
}

/* Every red line of a member on issue i, then the reservations its conflicts hold. */
static int collect_issue(context *c, size_t i)
{
    const pl_scenario *s = c->s;
    int rc = PL_OK;
    if (s->issues[i].kind != PL_ISSUE_CONTINUOUS)
        return PL_OK;
    for (size_t r = 0; rc == PL_OK && r < s->n_red_lines; r++) {
        const pl_red_line *line = &s->red_lines[r];
        double other;
        pl_bound bound = line->issue == i && c->member[line->actor] ? direction(c, r, &other)
                                                                    : PL_BOUND_NONE;
        if (bound == PL_BOUND_NONE)
            continue;
        pl_what_it_takes_entry e = {i, line->actor, PL_CONSTRAINT_RED_LINE, r, bound,
                                    bound == PL_BOUND_MIN ? line->low : line->high,
                                    0, 0, NAN, 0, NULL};
        rc = add(c, e, other);
    }
    /* a reservation in a conflict with a red line on i: it moves down to 0 */
    const pl_agreement *g = c->g;
    for (size_t a = 0; rc == PL_OK && a < s->n_actors; a++) {
        int held = 0;
        for (size_t k = 0; k < g->n_conflicts && !held; k++) {
            int on_issue = 0, reservation = 0;
            for (size_t m = 0; m < g->conflicts[k].n_members; m++) {
                const pl_agreement_constraint *q = &g->constraints[g->conflicts[k].members[m]];
                on_issue |= q->kind == PL_CONSTRAINT_RED_LINE && q->issue == i;
                reservation |= q->kind == PL_CONSTRAINT_RESERVATION && q->actor == a;
            }
            held = on_issue && reservation;
        }
        if (!held)
            continue;
        pl_what_it_takes_entry e = {i, a, PL_CONSTRAINT_RESERVATION, NONE, PL_BOUND_NONE,
                                    s->actors[a].reservation, 0, 0, NAN, 0, NULL};
        rc = add(c, e, 0.0);
    }
    return rc;
}

/* Barrier issues (red lines of the conflicts, else of the relaxation sets), then named ones. */
static size_t *issue_list(const pl_scenario *s, const pl_agreement *g,
                          const pl_what_it_takes_options *o, size_t *n)
{
    unsigned char *barrier = pli_calloc(s->n_issues + 1, 1);
    size_t *list = pli_calloc(s->n_issues + o->n_issues + 1, sizeof *list);
    *n = 0;
    if (barrier == NULL || list == NULL) {
        pli_free(barrier);
        pli_free(list);
        return NULL;
    }
    for (size_t k = 0; k < g->n_conflicts; k++)
        for (size_t m = 0; m < g->conflicts[k].n_members; m++) {
            const pl_agreement_constraint *q = &g->constraints[g->conflicts[k].members[m]];
            if (q->kind == PL_CONSTRAINT_RED_LINE)
                barrier[q->issue] = 1;
        }
    for (size_t k = 0; g->n_conflicts == 0 && k < g->n_relaxations; k++)
        for (size_t m = 0; m < g->relaxations[k].n_members; m++) {
            const pl_agreement_constraint *q = &g->constraints[g->relaxations[k].members[m]];
            if (q->kind == PL_CONSTRAINT_RED_LINE)
                barrier[q->issue] = 1;
        }
    for (size_t i = 0; i < s->n_issues; i++)
        if (barrier[i])
            list[(*n)++] = i;
    for (size_t k = 0; k < o->n_issues; k++)
        if (!barrier[o->issues[k]]) {
            barrier[o->issues[k]] = 1;
            list[(*n)++] = o->issues[k];
        }
    pli_free(barrier);
    return list;
}

static int check(const pl_scenario *s, const pl_what_it_takes_options *o, pl_diag *diag)
{
    if (o->version != PL_WHAT_IT_TAKES_OPTIONS_VERSION || o->steps < 1 ||
        (o->n_issues > 0 && o->issues == NULL))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "bad what-it-takes options");
    for (size_t k = 0; k < o->n_issues; k++)
        if (o->issues[k] >= s->n_issues)
            return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "issue %zu out of range",
                               o->issues[k]);
    if (o->montecarlo != NULL && o->montecarlo->version != PL_MONTECARLO_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "bad Monte Carlo options");
    return PL_OK;
}

static int prepare(context *c, const pl_what_it_takes_options *o)
{
    const pl_scenario *s = c->s;
    if (o->montecarlo != NULL)
        c->mc = *o->montecarlo;
    else {
        pl_montecarlo_options_init(&c->mc);
        c->mc.runs = PL_WHAT_IT_TAKES_DEFAULT_RUNS;
    }
    c->mc.progress = (pl_progress){NULL, NULL};
    c->mc.keep_runs = 0;
    c->simulate = o->settlement != 0 && s->n_actors >= 2;
    c->member = pli_calloc(s->n_actors + 1, 1);
    c->out = pli_calloc(1, sizeof *c->out);
    if (c->member == NULL || c->out == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < c->g->n_coalition; k++)
        c->member[c->g->coalition[k]] = 1;
    c->out->simulated = c->simulate;
    c->out->runs = c->simulate ? c->mc.runs : 0;
    int rc = pl_scenario_copy(s, &c->w);
    if (rc == PL_OK && c->simulate)
        rc = pl_pool_new(&c->pool, c->mc.threads);
    return rc;
}

int pl_what_it_takes_compute(const pl_scenario *s, const pl_agreement *agreement,
                             const pl_what_it_takes_options *options, pl_what_it_takes **out,
                             pl_diag *diag)
{
    if (s == NULL || out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no scenario or output");
    *out = NULL;
    pl_what_it_takes_options o = PL_WHAT_IT_TAKES_OPTIONS_INIT;
    if (options != NULL)
        o = *options;
    int rc = check(s, &o, diag);
    if (rc != PL_OK)
        return rc;
    pl_agreement *own = NULL;
    pli_span first;
    if (agreement == NULL) {
        pl_agreement_options a = PL_AGREEMENT_OPTIONS_INIT;
        a.progress = pli_span_progress(&first, o.progress, 0, FIRST_ANALYSIS);
        if ((rc = pl_agreement_compute(s, &a, &own, diag)) != PL_OK)
            return rc;
    }
    context c = {s, NULL, agreement ? agreement : own, NULL, {0}, 0, NULL, NULL, 0, diag,
                 o.progress, {{NULL, NULL}, 0, 0}, own ? FIRST_ANALYSIS : 0, 0, 0};
    size_t n = 0, *issues = NULL;
    rc = prepare(&c, &o);
    if (rc == PL_OK && (issues = issue_list(s, c.g, &o, &n)) == NULL)
        rc = PL_ERR_NOMEM;
    for (size_t k = 0; rc == PL_OK && k < n; k++)
        rc = collect_issue(&c, issues[k]);
    if (rc == PL_OK)
        c.total = (double)c.out->n_entries * entry_units(&c, o.steps);
    for (size_t k = 0; rc == PL_OK && k < c.out->n_entries; k++)
        rc = examine(&c, &c.out->entries[k], o.steps);
    if (rc == PL_OK)
        rc = report(&c); /* 1: done */
    pli_free(issues);
    pl_pool_free(c.pool);
    pl_scenario_free(c.w);
    pli_free(c.member);
    pl_agreement_free(own);
    if (rc != PL_OK) {
        pl_what_it_takes_free(c.out);
        if (rc == PL_ERR_CANCELLED)
            return pl_diag_set(diag, rc, 0, 0, "what it would take: cancelled");
        return rc == PL_ERR_NOMEM ? pl_diag_set(diag, rc, 0, 0, "out of memory") : rc;
    }
    *out = c.out;
    return PL_OK;
}
