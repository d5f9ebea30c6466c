/*
 * exchange.c - Stokman and Van Oosten's (1994) equal-gain exchange model, as Decide
 * implements it (foarsitter/decide-exchange-model, the "equal" model with p = 0),
 * following docs/specs/exchange.md ("the spec"; sections cited as §n); for users:
 * docs/model-exchange.md.
 *
 * Everything runs on 0-100 per issue (§2). One round (§7): find the pairs of actors on opposite
 * sides of the outcome on two issues (§3), size each exchange for equal gain (§4) under the
 * outcome cap (§5), realise them greedily, largest gain first, recomputing those that clash
 * (§6), then let the actors partly adopt their voting positions as preferences (§7).
 */
#include <math.h>
#include <string.h>

#include <Random123/philox.h>

#include "core/internal.h"
#include "parley/exchange.h"
#include "models/model_support.h"

#define SCALE 100.0     /* §2: every issue runs on 0-100 */
#define MIN_GAIN 1e-10  /* §4.5 */
#define MIN_MOVE 1e-10  /* §6.3 */
#define MAX_MOVE 100.0  /* §6.3: for |m| and for sum(H) (X3) */

/* A side's planned moves within a round (§4.3, §6.2, §6.3). */
typedef struct history {
    double *moves;
    size_t n, capacity;
} history;

/* One side of an exchange: an actor that supplies one issue and demands the other (§4). */
typedef struct side {
    size_t actor, supply, demand;
    double x;      /* current position on the supply issue */
    double x0;     /* round-start position on the supply issue */
    double y;      /* voting position after the planned move */
    double move;   /* the planned move, signed */
    double c, s;   /* capability and salience on the supply issue */
    double s_dem;  /* salience on the demand issue */
    double z;      /* the partner's round-start position on the supply issue (§4) */
    history h;
} side;

/* An entry of a candidate's private table U[issue][actor] (§5, §6.2 b). */
typedef struct table_entry {
    size_t issue, actor;
    double value;
} table_entry;

/* A candidate exchange between actors `first` and `second` on issues (p, q) (§3). */
typedef struct candidate {
    size_t first, second; /* the first-loop actor i and its partner j */
    side a;               /* A: the p-demander; supplies q */
    side b;               /* B: the q-demander; supplies p */
    double gain;          /* G (§4.4, §5) */
    double key;           /* G rounded to a multiple of tie_resolution (§6.1) */
    int valid;
    table_entry *table;
    size_t n_table, table_capacity;
} candidate;

typedef struct model {
    const pl_scenario *s;
    const pl_exchange_options *o;
    size_t n_actors, n_issues;
    unsigned char *present;    /* actor x issue: has a stance */
    double *c, *sal;           /* actor x issue: capability and salience */
    double *weight;            /* W_e (§2) */
    double *outcome;           /* O_e of the round-start positions */
    double *x;                 /* actor x issue: round-start (preference) positions, 0-100 */
    double *voting, *next;     /* actor x issue: voting positions, new preferences (§7) */
    size_t *groups;            /* 4 x n_actors: groups A, B, C, D of one issue pair (§3) */
    candidate *pool;           /* this round's valid candidates, in candidate order */
    size_t n_pool, pool_capacity;
    size_t *list;              /* L (§6.1): indices into pool */
    size_t n_list;
    size_t *realised;          /* indices into pool, in realisation order */
    size_t n_realised;
    uint64_t round, draws;     /* the Philox counter of X1 random */
} model;

static size_t cell(const model *m, size_t actor, size_t issue)
{
    return actor * m->n_issues + issue;
}

/* ---- histories and tables ----------------------------------------------------------- */

static int history_push(history *h, double move)
{
    if (pli_grow((void **)&h->moves, &h->capacity, h->n + 1, sizeof *h->moves) != 0)
        return PL_ERR_NOMEM;
    h->moves[h->n++] = move;
    return PL_OK;
}

static void history_pop(history *h)
{
    if (h->n > 0)
        h->n--;
}

static void candidate_free(candidate *x)
{
    pli_free(x->a.h.moves);
    pli_free(x->b.h.moves);
    pli_free(x->table);
}

static const table_entry *table_find(const candidate *x, size_t issue, size_t actor)
{
    for (size_t k = 0; k < x->n_table; k++)
        if (x->table[k].issue == issue && x->table[k].actor == actor)
            return &x->table[k];
    return NULL;
}

/*
 * §6.2 (b): record the supplier's new position in U. A repeated entry keeps
 * the smaller displacement from the supplier's round-start position (X4).
 */
static int table_record(const model *m, candidate *x, size_t issue, const side *supplier)
{
    table_entry *e = (table_entry *)table_find(x, issue, supplier->actor);
    if (e != NULL) {
        double u = e->value, y = supplier->y;
        if (m->o->merge == PL_EXCHANGE_MERGE_LATEST)
            e->value = y;
        else
            e->value = supplier->x0 <= u ? fmin(u, y) : fmax(u, y);
        return PL_OK;
    }
    if (pli_grow((void **)&x->table, &x->table_capacity, x->n_table + 1, sizeof *x->table))
        return PL_ERR_NOMEM;
    x->table[x->n_table++] = (table_entry){issue, supplier->actor, supplier->y};
    return PL_OK;
}

/* ---- outcomes (§2) ------------------------------------------------------------------ */

static void compute_outcomes(const model *m, const double *x, double *outcome)
{
    for (size_t e = 0; e < m->n_issues; e++) {
        double sum = 0.0;
        for (size_t a = 0; a < m->n_actors; a++)
            if (m->present[cell(m, a, e)])
                sum += m->c[cell(m, a, e)] * m->sal[cell(m, a, e)] * x[cell(m, a, e)];
        outcome[e] = m->weight[e] > 0 ? sum / m->weight[e] : 0.0;
    }
}

/*
 * §5: sum(c s x) on issue e over the round-start positions, overwritten by
 * the candidate's table U[e], with `actor` at `position`: placed last (U
 * loses) for the outcomes n0 and n1, placed first (U wins) for the sum.
 */
static double capped_sum(const model *m, const candidate *x, size_t e, size_t actor,
                         double position, int table_wins)
{
    double sum = 0.0;
    for (size_t a = 0; a < m->n_actors; a++) {
        if (!m->present[cell(m, a, e)])
            continue;
        double p = m->x[cell(m, a, e)];
        const table_entry *u = table_find(x, e, a);
        if (a == actor && table_wins)
            p = position;
        if (u != NULL)
            p = u->value;
        if (a == actor && !table_wins)
            p = position;
        sum += m->c[cell(m, a, e)] * m->sal[cell(m, a, e)] * p;
    }
    return sum;
}

/* ---- sizing one exchange (§4) ------------------------------------------------------- */

/* §4.3: a move of size `amount` towards the partner's ideal; appended to the history. */
static int plan_move(side *s, double amount)
{
    s->move = s->x > s->z ? -amount : amount;
    s->y = s->x + s->move;
    return history_push(&s->h, s->move);
}

/* §5: replace the last planned move (the cap). */
static void replace_move(side *s, double amount)
{
    s->move = s->x > s->z ? -amount : amount;
    s->y = s->x + s->move;
    if (s->h.n > 0)
        s->h.moves[s->h.n - 1] = s->move;
}

/* §6.3: the move test. */
static int move_ok(const model *m, const side *s)
{
    double size = fabs(s->move), to = s->x + s->move;
    if (size > MAX_MOVE || size <= MIN_MOVE || to < 0.0 || to > SCALE)
        return 0;
    double sum = 0.0;
    size_t up = 0, down = 0;
    for (size_t k = 0; k < s->h.n; k++) {
        sum += s->h.moves[k];
        up += s->h.moves[k] > 0;
        down += s->h.moves[k] < 0;
    }
    if (m->o->history_sum && sum > MAX_MOVE) /* X3: a signed sum */
        return 0;
    return up == s->h.n || down == s->h.n;
}

/* §5: is the demander's ideal z strictly between n0 and n1, outside the knife edge (X2)? */
static int between(const model *m, double z, double n0, double n1)
{
    double tolerance = m->o->cap_tolerance;
    int edge = fabs(z - n0) <= tolerance || fabs(z - n1) <= tolerance;
    int inside = fmin(n0, n1) < z && z < fmax(n0, n1);
    if (m->o->cap == PL_EXCHANGE_CAP_BLOCK)
        return inside || edge;
    return inside && !edge;
}

/* §5: the outcome of S's supply issue may not pass the demander's (T's) ideal. */
static void apply_cap(const model *m, candidate *x, side *s, side *t)
{
    size_t e = s->supply, f = t->supply;
    double we = m->weight[e], wf = m->weight[f];
    double n0 = capped_sum(m, x, e, s->actor, s->x, 0) / we;
    double n1 = capped_sum(m, x, e, s->actor, s->y, 0) / we;
    if (!between(m, s->z, n0, n1))
        return;
    double sum = capped_sum(m, x, e, s->actor, s->x, 1);
    double ms = fabs((s->z * we - sum) / (s->c * s->s));
    double ds = ms * s->c * s->s / we;
    double dt = ds * (s->s + t->s_dem) / (s->s_dem + t->s);
    double mt = dt * wf / (t->c * t->s);
    replace_move(s, ms);
    replace_move(t, mt);
    x->gain = fabs(dt * t->s - ds * t->s_dem);
}

/* §4.1-4.7: size the exchange for equal gain, from the sides' current positions. */
static int size_exchange(const model *m, candidate *x)
{
    side *a = &x->a, *b = &x->b;
    double wp = m->weight[b->supply], wq = m->weight[a->supply];
    /* §4.1: B moves all the way to A's ideal on p; the equal-gain ratio gives A's shift. */
    double mb = fabs(b->z - b->x);
    double dp = mb * b->c * b->s / wp;
    double dq = dp * (a->s_dem + b->s) / (a->s + b->s_dem);
    double ma = dq * wq / (a->c * a->s);
    if (ma > fabs(a->z - a->x)) { /* §4.2: A would overshoot B's ideal on q */
        ma = fabs(a->z - a->x);
        dq = ma * a->c * a->s / wq;
        dp = dq * (a->s + b->s_dem) / (a->s_dem + b->s);
        mb = dp * wp / (b->c * b->s);
    }
    int rc = plan_move(a, ma);
    if (rc == PL_OK)
        rc = plan_move(b, mb);
    if (rc != PL_OK)
        return rc;
    x->gain = fabs(dq * a->s - dp * a->s_dem); /* §4.4 */
    x->valid = move_ok(m, a) && move_ok(m, b) && x->gain >= MIN_GAIN; /* §4.5 */
    if (x->valid) {
        apply_cap(m, x, a, b); /* §4.6 */
        apply_cap(m, x, b, a);
        x->valid = move_ok(m, a) && move_ok(m, b); /* §4.7 */
    }
    x->key = nearbyint(x->gain / m->o->tie_resolution); /* §6.1, half to even */
    return PL_OK;
}

/* ---- candidates (§3) ---------------------------------------------------------------- */

/* s_p / s_q; only X6 = exclude lets a salience be zero here. */
static double salience_ratio(double sp, double sq)
{
    if (sq > 0)
        return sp / sq;
    return sp > 0 ? INFINITY : NAN; /* NaN compares false: "otherwise" in §3.4 */
}

static int zero_on(const model *m, size_t actor, size_t issue)
{
    return !(m->c[cell(m, actor, issue)] > 0 && m->sal[cell(m, actor, issue)] > 0);
}

static void init_side(const model *m, side *s, size_t actor, size_t supply, size_t demand,
                      size_t partner)
{
    s->actor = actor;
    s->supply = supply;
    s->demand = demand;
    s->x = s->x0 = m->x[cell(m, actor, supply)];
    s->c = m->c[cell(m, actor, supply)];
    s->s = m->sal[cell(m, actor, supply)];
    s->s_dem = m->sal[cell(m, actor, demand)];
    s->z = m->x[cell(m, partner, supply)];
}

/* §3.4: roles by salience ratio; then size it (§7.1); keep it only if valid. */
static int add_candidate(model *m, size_t i, size_t j, size_t p, size_t q)
{
    double ri = salience_ratio(m->sal[cell(m, i, p)], m->sal[cell(m, i, q)]);
    double rj = salience_ratio(m->sal[cell(m, j, p)], m->sal[cell(m, j, q)]);
    size_t demands_p = ri < rj ? j : i, demands_q = ri < rj ? i : j;
    if (zero_on(m, demands_p, q) || zero_on(m, demands_q, p))
        return PL_OK; /* X6 exclude: never a supplier there (reject stopped earlier) */
    if (pli_grow((void **)&m->pool, &m->pool_capacity, m->n_pool + 1, sizeof *m->pool) != 0)
        return PL_ERR_NOMEM;
    candidate *x = &m->pool[m->n_pool];
    memset(x, 0, sizeof *x);
    x->first = i;
    x->second = j;
    init_side(m, &x->a, demands_p, q, p, demands_q);
    init_side(m, &x->b, demands_q, p, q, demands_p);
    int rc = size_exchange(m, x);
    if (rc == PL_OK && x->valid) {
        m->n_pool++;
        return PL_OK;
    }
    candidate_free(x); /* invalid candidates are never realised (§6.1 step 3) */
    return rc;
}

/* §3.2, X5: is the actor left of (or on) the outcome? */
static int is_left(const model *m, size_t actor, size_t issue)
{
    double x = m->x[cell(m, actor, issue)], o = m->outcome[issue];
    return m->o->left_inclusive ? x <= o : x < o;
}

/* §3.3: groups A, B, C, D of one issue pair; then A x D and B x C. */
static int pair_candidates(model *m, size_t p, size_t q)
{
    size_t *group[4], count[4] = {0, 0, 0, 0};
    for (size_t g = 0; g < 4; g++)
        group[g] = m->groups + g * m->n_actors;
    for (size_t a = 0; a < m->n_actors; a++) {
        if (!m->present[cell(m, a, p)] || !m->present[cell(m, a, q)])
            continue;
        int left_p = is_left(m, a, p), left_q = is_left(m, a, q);
        size_t g = left_p ? (left_q ? 3 : 1) : (left_q ? 2 : 0);
        group[g][count[g]++] = a;
    }
    int rc = PL_OK;
    for (size_t k = 0; k < count[0] && rc == PL_OK; k++)
        for (size_t l = 0; l < count[3] && rc == PL_OK; l++)
            rc = add_candidate(m, group[0][k], group[3][l], p, q);
    for (size_t k = 0; k < count[1] && rc == PL_OK; k++)
        for (size_t l = 0; l < count[2] && rc == PL_OK; l++)
            rc = add_candidate(m, group[1][k], group[2][l], p, q);
    return rc;
}

static int create_candidates(model *m)
{
    int rc = PL_OK;
    for (size_t p = 0; p < m->n_issues && rc == PL_OK; p++)
        for (size_t q = p + 1; q < m->n_issues && rc == PL_OK; q++)
            rc = pair_candidates(m, p, q);
    return rc;
}

/* ---- the greedy loop (§6) ----------------------------------------------------------- */

/* Is one of x's sides `actor` demanding `issue`? */
static int demands(const candidate *x, size_t actor, size_t issue)
{
    return (x->a.actor == actor && x->a.demand == issue) ||
           (x->b.actor == actor && x->b.demand == issue);
}

/* §6.2: recompute candidate x after e was realised. */
static int recompute(const model *m, candidate *x, const candidate *e)
{
    side *xs[2] = {&x->a, &x->b};
    const side *es[2] = {&e->a, &e->b};
    int matched[2] = {0, 0}, supply = 0, demand = 0, rc = PL_OK;
    for (size_t k = 0; k < 2; k++) /* (a) supply clash: E.A first, then E.B */
        for (size_t l = 0; l < 2 && !matched[k]; l++)
            if (xs[k]->actor == es[l]->actor && xs[k]->supply == es[l]->supply) {
                xs[k]->x = es[l]->y;
                matched[k] = supply = 1;
            }
    /*
     * (a) appends E's move to a matched side's history and then removes the
     * last entry of both histories once: the matched side keeps its history,
     * the other loses its planned move.
     */
    for (size_t k = 0; k < 2 && supply; k++)
        if (!matched[k])
            history_pop(&xs[k]->h);
    size_t q_e = e->a.supply, p_e = e->b.supply;
    if (demands(x, e->b.actor, q_e)) { /* (b) demand clash */
        rc = table_record(m, x, q_e, &e->a);
        demand = 1;
    }
    if (rc == PL_OK && demands(x, e->a.actor, p_e)) {
        rc = table_record(m, x, p_e, &e->b);
        demand = 1;
    }
    if (rc != PL_OK)
        return rc;
    if (demand && !supply) {
        history_pop(&x->a.h);
        history_pop(&x->b.h);
    }
    return supply || demand ? size_exchange(m, x) : PL_OK; /* (c) */
}

/* §6.1 step 1: stable sort of L, descending key; insertion sort, as L is nearly sorted. */
static void sort_list(model *m)
{
    for (size_t k = 1; k < m->n_list; k++) {
        size_t item = m->list[k], l = k;
        double key = m->pool[item].key;
        while (l > 0 && m->pool[m->list[l - 1]].key < key) {
            m->list[l] = m->list[l - 1];
            l--;
        }
        m->list[l] = item;
    }
}

/* X1 random: a uniform draw from [0, n), Philox keyed by (seed; round, draw index). */
static size_t draw(model *m, size_t n)
{
    uint64_t seed = m->o->seed, round = m->round, index = m->draws++;
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t counter = {{(uint32_t)round, (uint32_t)(round >> 32), (uint32_t)index,
                                 (uint32_t)(index >> 32)}};
    philox4x32_ctr_t r = philox4x32(counter, key);
    uint64_t u = ((uint64_t)r.v[0] << 32) | r.v[1];
    return (size_t)(u % n); /* bias below n / 2^64 */
}

/* §6.1 step 2 (X1): the first of L, or with ties = random one of the tied leaders. */
static size_t choose(model *m)
{
    size_t tied = 1;
    double key = m->pool[m->list[0]].key;
    while (tied < m->n_list && m->pool[m->list[tied]].key == key)
        tied++;
    if (m->o->ties != PL_EXCHANGE_TIES_RANDOM || tied < 2)
        return 0;
    return draw(m, tied);
}

/* §6.1 step 4: realise E; recompute the rest of L and keep the valid ones. */
static int realise(model *m, size_t chosen)
{
    m->realised[m->n_realised++] = chosen;
    const candidate *e = &m->pool[chosen];
    size_t kept = 0;
    for (size_t k = 0; k < m->n_list; k++) {
        candidate *x = &m->pool[m->list[k]];
        int rc = recompute(m, x, e);
        if (rc != PL_OK)
            return rc;
        if (x->valid)
            m->list[kept++] = m->list[k];
    }
    m->n_list = kept;
    return PL_OK;
}

/*
 * §6.1. L holds only valid candidates: invalid ones are skipped until the
 * first realisation and dropped by it, so they never change the outcome.
 */
static int greedy(model *m)
{
    m->list = pli_malloc((m->n_pool + 1) * sizeof *m->list);
    m->realised = pli_malloc((m->n_pool + 1) * sizeof *m->realised);
    if (m->list == NULL || m->realised == NULL)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < m->n_pool; k++)
        m->list[k] = k;
    m->n_list = m->n_pool;
    m->n_realised = 0;
    while (m->n_list > 0) {
        sort_list(m);
        size_t pick = choose(m), chosen = m->list[pick];
        memmove(m->list + pick, m->list + pick + 1, (m->n_list - pick - 1) * sizeof *m->list);
        m->n_list--;
        int rc = realise(m, chosen);
        if (rc != PL_OK)
            return rc;
    }
    return PL_OK;
}

static void free_round(model *m)
{
    for (size_t k = 0; k < m->n_pool; k++)
        candidate_free(&m->pool[k]);
    m->n_pool = 0;
    pli_free(m->list);
    pli_free(m->realised);
    m->list = m->realised = NULL;
    m->n_list = m->n_realised = 0;
}

/* ---- rounds (§7) and the result (§8) ------------------------------------------------ */

/* §7 steps 3-4: voting positions, then the new preferences (X9). */
static void settle_positions(model *m)
{
    size_t n = m->n_actors * m->n_issues;
    memcpy(m->voting, m->x, n * sizeof *m->x);
    memcpy(m->next, m->x, n * sizeof *m->x);
    for (size_t k = 0; k < m->n_realised; k++) {
        const candidate *e = &m->pool[m->realised[k]];
        const side *sides[2] = {&e->a, &e->b};
        for (size_t l = 0; l < 2; l++) {
            const side *s = sides[l];
            double w = m->o->fixed_weight + m->o->salience_weight * (1.0 - s->s);
            m->voting[cell(m, s->actor, s->supply)] = s->y;
            m->next[cell(m, s->actor, s->supply)] = s->x0 + w * (s->y - s->x0);
        }
    }
}

static double to_internal(const pl_issue *issue, double x)
{
    return (x - issue->low) * SCALE / (issue->high - issue->low);
}

static double to_issue(const pl_issue *issue, double x)
{
    return issue->low + x * (issue->high - issue->low) / SCALE;
}

/* Map actor x issue positions back to the issues' scales; NaN where there is no stance. */
static void map_positions(const model *m, const double *internal, double *out)
{
    for (size_t a = 0; a < m->n_actors; a++)
        for (size_t i = 0; i < m->n_issues; i++)
            out[cell(m, a, i)] = m->present[cell(m, a, i)]
                                     ? to_issue(&m->s->issues[i], internal[cell(m, a, i)])
                                     : NAN;
}

static void map_outcomes(const model *m, const double *internal, double *out)
{
    for (size_t i = 0; i < m->n_issues; i++)
        out[i] = to_issue(&m->s->issues[i], internal[i]);
}

/* The realised exchanges of this round, sides in the candidate's actor order. */
static int record_exchanges(const model *m, pl_exchange_result *r, size_t *capacity)
{
    size_t round = m->round;
    r->round_first[round] = r->n_exchanges;
    r->round_count[round] = m->n_realised;
    size_t needed = r->n_exchanges + m->n_realised;
    if (pli_grow((void **)&r->exchanges, capacity, needed, sizeof *r->exchanges) != 0)
        return PL_ERR_NOMEM;
    for (size_t k = 0; k < m->n_realised; k++) {
        const candidate *e = &m->pool[m->realised[k]];
        pl_realised_exchange *out = &r->exchanges[r->n_exchanges++];
        const side *sides[2] = {&e->a, &e->b};
        if (e->a.actor != e->first) {
            sides[0] = &e->b;
            sides[1] = &e->a;
        }
        out->round = round;
        for (size_t l = 0; l < 2; l++) {
            const pl_issue *issue = &m->s->issues[sides[l]->supply];
            out->actors[l] = sides[l]->actor;
            out->supplies[l] = sides[l]->supply;
            out->from[l] = to_issue(issue, sides[l]->x);
            out->to[l] = to_issue(issue, sides[l]->y);
        }
        out->gain = e->gain;
    }
    return PL_OK;
}

/* The round's trace entry (voting positions) and preferences. `work` has cells + 2 issues. */
static int record_round(const model *m, pl_exchange_result *r, double *work)
{
    size_t cells = m->n_actors * m->n_issues;
    double *positions = work, *forecast = work + cells, *mean = forecast + m->n_issues;
    compute_outcomes(m, m->voting, forecast);
    map_outcomes(m, forecast, forecast);
    map_positions(m, m->voting, positions);
    for (size_t i = 0; i < m->n_issues; i++)
        mean[i] = pl_weighted_mean(m->s, i, positions);
    int rc = pl_trace_append(&r->trace, positions, forecast, mean);
    if (rc != PL_OK)
        return rc;
    memcpy(r->forecast, forecast, m->n_issues * sizeof *forecast);
    double *outcome = r->preference_outcome + m->round * m->n_issues;
    map_positions(m, m->next, r->preferences + m->round * cells);
    compute_outcomes(m, m->next, outcome);
    map_outcomes(m, outcome, outcome);
    return PL_OK;
}

/* One round (§7). */
static int run_round(model *m, pl_exchange_result *r, double *work, size_t *capacity)
{
    compute_outcomes(m, m->x, m->outcome);
    int rc = create_candidates(m);
    if (rc == PL_OK)
        rc = greedy(m);
    if (rc == PL_OK) {
        settle_positions(m);
        rc = record_exchanges(m, r, capacity);
    }
    if (rc == PL_OK)
        rc = record_round(m, r, work);
    free_round(m);
    if (rc == PL_OK) /* §7 step 5: the next round starts from the new preferences */
        memcpy(m->x, m->next, m->n_actors * m->n_issues * sizeof *m->x);
    return rc;
}

/* ---- checks and setup --------------------------------------------------------------- */

/* §2 and X6: continuous issues with a range; no zero salience or capability. */
static int check_scenario(const pl_scenario *s, const pl_exchange_options *o, pl_diag *diag)
{
    for (size_t i = 0; i < s->n_issues; i++) {
        const pl_issue *issue = &s->issues[i];
        if (issue->kind == PL_ISSUE_OPTIONS)
            return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                               "issues[%zu]: \"%s\" is an options issue; the exchange model "
                               "needs positions on a continuous scale",
                               i, issue->id);
        if (!(issue->high > issue->low))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "issues[%zu]: \"%s\" has no range (low must be below high)", i,
                               issue->id);
    }
    for (size_t a = 0; a < s->n_actors && o->zero == PL_EXCHANGE_ZERO_REJECT; a++)
        for (size_t i = 0; i < s->n_issues; i++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            if (st->present && !(st->salience > 0 && pl_scenario_capability_on(s, a, i) > 0))
                return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                                   "actors[%zu]: \"%s\" has zero %s on issue \"%s\"; the "
                                   "exchange model rejects it (option zero=exclude keeps "
                                   "such an actor from supplying the issue)",
                                   a, s->actors[a].id, st->salience > 0 ? "capability" :
                                   "salience", s->issues[i].id);
        }
    return PL_OK;
}

static void model_free(model *m)
{
    free_round(m);
    pli_free(m->pool);
    pli_free(m->present);
    pli_free(m->c);
    pli_free(m->sal);
    pli_free(m->weight);
    pli_free(m->outcome);
    pli_free(m->x);
    pli_free(m->voting);
    pli_free(m->next);
    pli_free(m->groups);
}

/* §2: the scenario on 0-100 per issue; W_e over the actors with a stance. */
static void load_scenario(model *m)
{
    const pl_scenario *s = m->s;
    for (size_t i = 0; i < m->n_issues; i++) {
        m->weight[i] = 0.0;
        for (size_t a = 0; a < m->n_actors; a++) {
            const pl_stance *st = pl_scenario_stance_const(s, a, i);
            size_t k = cell(m, a, i);
            m->present[k] = st->present != 0;
            if (!st->present)
                continue;
            m->c[k] = pl_scenario_capability_on(s, a, i);
            m->sal[k] = st->salience;
            m->x[k] = to_internal(&s->issues[i], st->position);
            m->weight[i] += m->c[k] * m->sal[k];
        }
    }
}

static int model_init(model *m, const pl_scenario *s, const pl_exchange_options *o)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->o = o;
    m->n_actors = s->n_actors;
    m->n_issues = s->n_issues;
    size_t cells = m->n_actors * m->n_issues + 1;
    m->present = pli_calloc(cells, 1);
    m->c = pli_calloc(cells, sizeof *m->c);
    m->sal = pli_calloc(cells, sizeof *m->sal);
    m->x = pli_calloc(cells, sizeof *m->x);
    m->voting = pli_calloc(cells, sizeof *m->voting);
    m->next = pli_calloc(cells, sizeof *m->next);
    m->weight = pli_calloc(m->n_issues + 1, sizeof *m->weight);
    m->outcome = pli_calloc(m->n_issues + 1, sizeof *m->outcome);
    m->groups = pli_calloc(4 * m->n_actors + 1, sizeof *m->groups);
    if (m->present == NULL || m->c == NULL || m->sal == NULL || m->x == NULL ||
        m->voting == NULL || m->next == NULL || m->weight == NULL || m->outcome == NULL ||
        m->groups == NULL)
        return PL_ERR_NOMEM;
    load_scenario(m);
    return PL_OK;
}

/* The result's arrays for `rounds` rounds; the start outcome and forecast filled in. */
static int result_init(const model *m, size_t rounds, pl_exchange_result **out)
{
    size_t cells = m->n_actors * m->n_issues, n = m->n_issues;
    if (rounds > 0 && cells > 0 && rounds > ((size_t)-1 / sizeof(double)) / cells)
        return PL_ERR_NOMEM;
    pl_exchange_result *r = pli_calloc(1, sizeof *r);
    if (r == NULL)
        return PL_ERR_NOMEM;
    *out = r;
    if (pl_trace_init(&r->trace, m->n_actors, n) != PL_OK)
        return PL_ERR_NOMEM;
    r->forecast = pli_calloc(n + 1, sizeof *r->forecast);
    r->start_outcome = pli_calloc(n + 1, sizeof *r->start_outcome);
    r->preferences = pli_calloc(rounds * cells + 1, sizeof *r->preferences);
    r->preference_outcome = pli_calloc(rounds * n + 1, sizeof *r->preference_outcome);
    r->round_count = pli_calloc(rounds + 1, sizeof *r->round_count);
    r->round_first = pli_calloc(rounds + 1, sizeof *r->round_first);
    if (r->forecast == NULL || r->start_outcome == NULL || r->preferences == NULL ||
        r->preference_outcome == NULL || r->round_count == NULL || r->round_first == NULL)
        return PL_ERR_NOMEM;
    compute_outcomes(m, m->x, r->start_outcome);
    map_outcomes(m, r->start_outcome, r->start_outcome);
    memcpy(r->forecast, r->start_outcome, n * sizeof *r->forecast);
    return PL_OK;
}

static int run_rounds(model *m, pl_exchange_result *r, size_t rounds)
{
    size_t capacity = 0;
    double *work = pli_malloc((m->n_actors * m->n_issues + 2 * m->n_issues + 1) * sizeof *work);
    if (work == NULL)
        return PL_ERR_NOMEM;
    int rc = PL_OK;
    for (m->round = 0; m->round < rounds && rc == PL_OK; m->round++) {
        m->draws = 0;
        rc = run_round(m, r, work, &capacity);
        const pl_progress *p = &m->o->progress;
        if (rc == PL_OK && p->function != NULL &&
            p->function((double)(m->round + 1) / (double)rounds, p->payload) != 0)
            rc = PL_ERR_CANCELLED;
    }
    pli_free(work);
    return rc;
}

int pl_exchange_run(const pl_scenario *s, const pl_exchange_options *options,
                    pl_exchange_result **out, pl_diag *diag)
{
    if (out != NULL)
        *out = NULL;
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    pl_exchange_options defaults;
    pl_exchange_options_init(&defaults);
    const pl_exchange_options *o = options != NULL ? options : &defaults;
    int rc = pli_exchange_check_options(o, diag);
    if (rc == PL_OK)
        rc = check_scenario(s, o, diag);
    if (rc == PL_OK)
        rc = pli_exchange_check_size(s, o, diag);
    if (rc != PL_OK)
        return rc;
    model m;
    pl_exchange_result *r = NULL;
    rc = model_init(&m, s, o);
    if (rc == PL_OK)
        rc = result_init(&m, (size_t)o->rounds, &r);
    if (rc == PL_OK)
        rc = run_rounds(&m, r, (size_t)o->rounds);
    model_free(&m);
    if (rc != PL_OK) {
        pl_exchange_result_free(r);
        if (rc == PL_ERR_CANCELLED)
            return pl_diag_set(diag, rc, 0, 0, "exchange: cancelled");
        return rc == PL_ERR_NOMEM ? pl_diag_set(diag, rc, 0, 0, "out of memory") : rc;
    }
    *out = r;
    return PL_OK;
}
