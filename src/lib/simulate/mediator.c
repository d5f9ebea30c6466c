/*
 * mediator.c - a mediator's single negotiating text that searches the zone
 * of agreement (Raiffa 1982, "The Art and Science of Negotiation", ch. 14;
 * Fisher's one-text procedure at Camp David; docs/simulation.md, "Mediator").
 *
 * The mediator holds a belief about the parties: the scenario as stated (in
 * a Monte Carlo run the parties' true inputs are drawn, the mediator still
 * sees the stated ones). Its belief problem is the zone problem of the
 * agreement analysis (agreement_solve.c) over the deciding coalition of the
 * stated scenario, with the red lines as it believes them and, per member,
 * the level it believes the member requires. Every text is that problem's
 * best package, exact on the continuum (an LP; options issues enumerated):
 *
 *   (a) the maximin package over the members' required levels, when it
 *       meets all of them (value >= -1e-9);
 *   (b) else the maximin package over their reservations as believed: the
 *       egalitarian package of the believed zone;
 *   (c) else (the believed red lines clash) the package of least total
 *       normalised violation, every constraint soft (the closest package).
 *
 * In round k (t = (k + 1) / N, so that t = 1 in the last round and every
 * time-based agent is down to its reservation by the deadline) every party
 * judges the text with its agent's band computed on the continuum (u_max and
 * u_worst over the packages its red lines allow, exactly). The text is agreed
 * when the accepting parties satisfy the scenario's decision rule. Each
 * member of the coalition says, with its verdict, the red lines the text
 * crosses (it states them, and the mediator's belief of those lines becomes
 * the truth) and, in confidence, how far the text lies above or below its
 * reservation and its current floor lo(t) (Raiffa's confidential mediator):
 * the mediator believes its reservation to be the utility its own model gives
 * the text plus the first gap, and requires that plus the second (with the
 * stated inputs: its reservation and its floor). It re-solves its problem
 * whenever its belief changed.
 *
 * So with the stated inputs the belief is the truth: (b) is in the true zone
 * whenever the zone is not empty, and at t = 1 every time-based party accepts
 * it; and a text every member accepts meets every member's red lines and
 * reservation, so it lies in the true zone, and none is found when the zone
 * is empty. Where the problem cannot be solved (quadratic utilities on
 * continuous issues, too many option combinations), mediator_grid.c runs.
 */
#include <math.h>
#include <string.h>

#include "zone/zone.h"
#include "simulate/sao_internal.h"

/* The zone analysis's tolerance: a text this close to a floor meets it. */
#define MEDIATOR_TOLERANCE PL_TOLERANCE
/* A change of belief smaller than this (rounding between two sums of the same terms) is none. */
#define MEDIATOR_CHANGE 1e-12
/* Option combinations one belief problem may visit before the grid mediator takes over. */
#define MEDIATOR_MAX_NODES 200000ULL

struct sao_mediator {
    pl_agreement *stated;   /* the stated scenario's coalition and its constraints */
    pl_zone belief;         /* bounds as believed; levels set before each solve */
    double *reservation;    /* per constraint: the reservation believed */
    double *required;       /* per constraint: the level the member asked for */
    double *text;           /* n_issues: the current text (positions, option indices) */
    double *base;           /* n_issues: (b) or (c) for the current belief */
    int base_valid, base_maximin; /* base solved for the current belief; (b) found */
    double base_value;      /* (b)'s value: the believed margin */
    double *stated_base;    /* the base of the stated scenario (every run starts there) */
    int stated_base_valid, stated_base_maximin;
    double stated_base_value;
    double *attempt_required; /* per constraint: the levels of the last failed (a) */
    double attempt_value;   /* its value (< 0) */
    int attempted;          /* nonzero: a failed (a) since the base was solved */
    double *u_max, *m;      /* per actor, on the continuum (the band's range) */
    unsigned char *blocked; /* per actor: its red lines leave some issue nothing */
    unsigned char *accepts; /* per actor: its verdict on the current text */
    double *floor;          /* per actor: its floor lo(t) in the current round */
    double *shortfall;      /* per actor: its floor minus its utility of the text */
    double *rv_gap;         /* per actor: its reservation minus its utility of the text */
    unsigned long long work;
    int grid_only;          /* nonzero: the belief problem cannot be solved here */
};

void sao_mediator_free(sao_mediator *md)
{
    if (md == NULL)
        return;
    pli_zone_release(&md->belief);
    pl_agreement_free(md->stated);
    pli_free(md->reservation);
    pli_free(md->required);
    pli_free(md->text);
    pli_free(md->base);
    pli_free(md->stated_base);
    pli_free(md->attempt_required);
    pli_free(md->u_max);
    pli_free(md->m);
    pli_free(md->blocked);
    pli_free(md->accepts);
    pli_free(md->floor);
    pli_free(md->shortfall);
    pli_free(md->rv_gap);
    pli_free(md);
}

/*
 * Under unanimity the coalition is the veto actors (every actor when none has
 * a veto) and its constraints their red lines, then their reservations, in
 * the order of pl_agreement_compute (agreement.c), without its relaxation
 * search, which the mediator does not need.
 */
static int unanimity_coalition(const pl_scenario *s, pl_agreement **out)
{
    pl_agreement *g = pli_calloc(1, sizeof *g);
    if (g == NULL)
        return PL_ERR_NOMEM;
    *out = g;
    g->coalition = pli_calloc(s->n_actors + 1, sizeof *g->coalition);
    g->constraints = pli_calloc(s->n_red_lines + s->n_actors + 1, sizeof *g->constraints);
    if (g->coalition == NULL || g->constraints == NULL)
        return PL_ERR_NOMEM;
    int any_veto = 0;
    for (size_t a = 0; a < s->n_actors; a++)
        any_veto |= s->actors[a].veto != 0;
    for (size_t a = 0; a < s->n_actors; a++)
        if (!any_veto || s->actors[a].veto)
            g->coalition[g->n_coalition++] = a;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (!any_veto || s->actors[s->red_lines[r].actor].veto)
            g->constraints[g->n_constraints++] = (pl_agreement_constraint){
                PL_CONSTRAINT_RED_LINE, s->red_lines[r].actor, r, s->red_lines[r].issue};
    for (size_t j = 0; j < g->n_coalition; j++)
        g->constraints[g->n_constraints++] = (pl_agreement_constraint){
            PL_CONSTRAINT_RESERVATION, g->coalition[j], (size_t)-1, (size_t)-1};
    return PL_OK;
}

/* The stated scenario's coalition (weighted majority: the one the zone analysis picks). */
static int mediator_new(const sao_session *ss, sao_mediator **out)
{
    size_t n = ss->scenario->n_actors, ni = ss->scenario->n_issues;
    sao_mediator *md = pli_calloc(1, sizeof *md);
    if (md == NULL)
        return PL_ERR_NOMEM;
    *out = md;
    md->text = pli_calloc(ni + 1, sizeof *md->text);
    md->base = pli_calloc(ni + 1, sizeof *md->base);
    md->stated_base = pli_calloc(ni + 1, sizeof *md->stated_base);
    md->u_max = pli_calloc(n + 1, sizeof *md->u_max);
    md->m = pli_calloc(n + 1, sizeof *md->m);
    md->blocked = pli_calloc(n + 1, 1);
    md->accepts = pli_calloc(n + 1, 1);
    md->floor = pli_calloc(n + 1, sizeof *md->floor);
    md->shortfall = pli_calloc(n + 1, sizeof *md->shortfall);
    md->rv_gap = pli_calloc(n + 1, sizeof *md->rv_gap);
    if (!md->text || !md->base || !md->stated_base || !md->u_max || !md->m || !md->blocked ||
        !md->accepts || !md->floor || !md->shortfall || !md->rv_gap)
        return PL_ERR_NOMEM;
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = 0;
    o.solutions = 0;
    o.max_nodes = MEDIATOR_MAX_NODES;
    int rc = ss->scenario->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY
                 ? pl_agreement_compute(ss->scenario, &o, &md->stated, NULL)
                 : unanimity_coalition(ss->scenario, &md->stated);
    if (rc == PL_ERR_NOMEM)
        return rc;
    if (rc != PL_OK) { /* unsupported form, too many combinations, no coalition */
        md->grid_only = 1;
        return PL_OK;
    }
    size_t nc = md->stated->n_constraints;
    md->reservation = pli_calloc(nc + 1, sizeof *md->reservation);
    md->required = pli_calloc(nc + 1, sizeof *md->required);
    md->attempt_required = pli_calloc(nc + 1, sizeof *md->attempt_required);
    if (!md->reservation || !md->required || !md->attempt_required)
        return PL_ERR_NOMEM;
    return pli_zone_init(&md->belief, ss->scenario, md->stated, &o, NULL);
}

/* ---- the parties, judged on the continuum with their true (drawn) inputs ---- */

/* e_i(x) of actor a (as sao_party.c's evaluation, at any position). */
static double evaluation(const sao_session *ss, size_t a, size_t i, double x)
{
    const pl_scenario *s = ss->scenario;
    const pl_stance *st = &s->stances[a * s->n_issues + i];
    const pl_issue *issue = &s->issues[i];
    if (!st->present)
        return 0.0;
    if (issue->kind == PL_ISSUE_OPTIONS)
        return ss->parties[a].eval[i][(size_t)x];
    double d = (x - ss->inputs.position[a * s->n_issues + i]) / (issue->high - issue->low);
    double u = s->utility_form == PL_UTILITY_QUADRATIC ? 1.0 - d * d : 1.0 - fabs(d);
    return u < 0 ? 0 : u;
}

static double text_utility(const sao_session *ss, size_t a, const double *x)
{
    double u = 0.0;
    for (size_t i = 0; i < ss->scenario->n_issues; i++)
        u += ss->parties[a].weight[i] * evaluation(ss, a, i, x[i]);
    return u;
}

/* Nonzero when red line r (of its actor) admits value x of its issue (true bounds). */
static int line_admits(const sao_session *ss, size_t r, double x)
{
    const pl_red_line *line = &ss->scenario->red_lines[r];
    if (ss->scenario->issues[line->issue].kind == PL_ISSUE_OPTIONS)
        return line->allowed == NULL || line->allowed[(size_t)x];
    return x >= ss->inputs.red_low[r] && x <= ss->inputs.red_high[r];
}

/* The best and worst e_i of actor a over the values of issue i its red lines allow. */
static int issue_extremes(const sao_session *ss, size_t a, size_t i, double *best,
                          double *worst)
{
    const pl_scenario *s = ss->scenario;
    const pl_issue *issue = &s->issues[i];
    if (issue->kind == PL_ISSUE_OPTIONS) {
        int any = 0;
        for (size_t v = 0; v < issue->n_options; v++) {
            int ok = 1;
            for (size_t r = 0; r < s->n_red_lines; r++)
                if (s->red_lines[r].actor == a && s->red_lines[r].issue == i)
                    ok &= line_admits(ss, r, (double)v);
            double e = evaluation(ss, a, i, (double)v);
            if (ok && (!any || e > *best))
                *best = e;
            if (ok && (!any || e < *worst))
                *worst = e;
            any |= ok;
        }
        return any;
    }
    double low = issue->low, high = issue->high;
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].actor == a && s->red_lines[r].issue == i) {
            low = fmax(low, ss->inputs.red_low[r]);
            high = fmin(high, ss->inputs.red_high[r]);
        }
    if (low > high)
        return 0;
    /* e is unimodal around the position: best at the nearest allowed point, worst at an end */
    double p = ss->inputs.position[a * s->n_issues + i];
    *best = evaluation(ss, a, i, fmin(high, fmax(low, p)));
    *worst = fmin(evaluation(ss, a, i, low), evaluation(ss, a, i, high));
    return 1;
}

/* u_max, u_worst and m = max(u_worst, rv) of every party on the continuum (spec §6's terms). */
static void party_ranges(const sao_session *ss, sao_mediator *md)
{
    for (size_t a = 0; a < ss->scenario->n_actors; a++) {
        double top = 0, bottom = 0;
        md->blocked[a] = 0;
        for (size_t i = 0; i < ss->scenario->n_issues; i++) {
            double best = 0, worst = 0;
            if (!issue_extremes(ss, a, i, &best, &worst))
                md->blocked[a] = 1;
            top += ss->parties[a].weight[i] * best;
            bottom += ss->parties[a].weight[i] * worst;
        }
        md->u_max[a] = top;
        md->m[a] = fmax(bottom, ss->inputs.reservation[a]);
    }
}

/* The agent's band at t with its range on the continuum (agents.c's rule unchanged). */
static void party_band(const sao_session *ss, const sao_mediator *md, size_t a, double t,
                       double *lo, double *hi)
{
    sao_party range = ss->parties[a];
    range.u_max = md->u_max[a];
    range.m = md->m[a];
    sao_agent agent = ss->state[a];
    agent.party = &range;
    sao_agent_band(&agent, t, lo, hi);
}

/* Nonzero when the text crosses no red line of actor a. */
static int within_red_lines(const sao_session *ss, size_t a, const double *x)
{
    for (size_t r = 0; r < ss->scenario->n_red_lines; r++)
        if (ss->scenario->red_lines[r].actor == a &&
            !line_admits(ss, r, x[ss->scenario->red_lines[r].issue]))
            return 0;
    return 1;
}

/* Does the decision rule pass with the accepting parties (capabilities as drawn)? */
static int rule_passes(const sao_session *ss, const unsigned char *accepts)
{
    const pl_scenario *s = ss->scenario;
    double total = 0, accepting = 0;
    int any_veto = 0, vetoed = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        double c = ss->inputs.capability[a];
        total += c;
        accepting += accepts[a] ? c : 0;
        any_veto |= s->actors[a].veto != 0;
        vetoed |= s->actors[a].veto && !accepts[a];
    }
    if (s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY)
        return !vetoed && accepting >= s->decision_rule.threshold * total;
    if (any_veto)
        return !vetoed;
    for (size_t a = 0; a < s->n_actors; a++)
        if (!accepts[a])
            return 0;
    return 1;
}

/* ---- the mediator's belief problem ---- */

/* Keep the text inside the red lines it believes binding (the LP may leave 1e-14 outside). */
static void clamp_to_belief(const sao_mediator *md, const pl_scenario *s, double *x)
{
    const pl_zone *z = &md->belief;
    for (size_t k = 0; k < z->problem.n_constraints; k++) {
        const pl_agreement_constraint *c = &z->problem.constraints[k];
        if (c->kind == PL_CONSTRAINT_RED_LINE && s->issues[c->issue].kind == PL_ISSUE_CONTINUOUS &&
            z->low[k] <= z->high[k])
            x[c->issue] = fmin(z->high[k], fmax(z->low[k], x[c->issue]));
    }
}

/* One solve with the given levels and objective; *found when it gives a package. */
static int solve(sao_mediator *md, const double *levels, pl_zone_objective objective,
                 pl_zone_state state, int *found, double *value)
{
    pl_zone *z = &md->belief;
    for (size_t k = 0; k < z->problem.n_constraints; k++) {
        z->state[k] = state;
        if (z->problem.constraints[k].kind == PL_CONSTRAINT_RESERVATION)
            z->level[k] = levels[k];
    }
    z->problem.objective = objective;
    *value = -INFINITY;
    int rc = pli_zone_run(z, &md->work, found, value);
    for (size_t k = 0; k < z->problem.n_constraints; k++)
        z->state[k] = PL_ZONE_HARD;
    z->problem.objective = PL_ZONE_MAXIMIN;
    return rc;
}

/* The base text: (b), or (c) when the believed red lines clash; kept until they move. */
static int draft_base(sao_session *ss, sao_mediator *md)
{
    size_t ni = ss->scenario->n_issues;
    int found = 0;
    double value;
    int rc = solve(md, md->reservation, PL_ZONE_MAXIMIN, PL_ZONE_HARD, &found, &value);
    md->base_maximin = rc == PL_OK && found;
    md->base_value = md->base_maximin ? value : -INFINITY;
    if (md->base_maximin) {
        memcpy(md->base, md->belief.package, ni * sizeof *md->base);
        clamp_to_belief(md, ss->scenario, md->base);
    } else if (rc == PL_OK) {
        rc = solve(md, md->reservation, PL_ZONE_MIN_SUM, PL_ZONE_SOFT, &found, &value);
        if (rc == PL_OK && found)
            memcpy(md->base, md->belief.package, ni * sizeof *md->base);
    }
    md->base_valid = rc == PL_OK;
    return rc;
}

/*
 * Can (a) succeed? v(req) = max_x min_a (U_a(x) - req_a) never rises as
 * levels rise, and rises by at most D when no level falls by more than D.
 * The required levels are never below the believed reservations, so (a)
 * fails whenever (b) has a negative value; and after (a) failed with value
 * v < 0, it fails again until some required level has fallen by -v since
 * (whatever the believed reservations did: (a) does not use them), unless the
 * believed red lines moved.
 */
static int attempt_hopeless(const sao_mediator *md)
{
    if (md->base_value < -MEDIATOR_TOLERANCE)
        return 1;
    if (!md->attempted)
        return 0;
    double drop = -INFINITY;
    for (size_t k = 0; k < md->belief.problem.n_constraints; k++)
        if (md->belief.problem.constraints[k].kind == PL_CONSTRAINT_RESERVATION)
            drop = fmax(drop, md->attempt_required[k] - md->required[k]);
    return drop < -md->attempt_value - MEDIATOR_TOLERANCE;
}

/* The next text: (a), (b) or (c) of the file comment. */
static int draft(sao_session *ss, sao_mediator *md)
{
    size_t nc = md->belief.problem.n_constraints, ni = ss->scenario->n_issues;
    int rc = md->base_valid ? PL_OK : draft_base(ss, md), raised = 0, found = 0;
    for (size_t k = 0; k < nc; k++)
        raised |= md->belief.problem.constraints[k].kind == PL_CONSTRAINT_RESERVATION &&
                  md->required[k] > md->reservation[k];
    memcpy(md->text, md->base, ni * sizeof *md->text);
    if (rc != PL_OK || !md->base_maximin || !raised || attempt_hopeless(md))
        return rc == PL_ERR_LIMIT ? PL_OK : rc; /* too many combinations: the base stands */
    double value;
    rc = solve(md, md->required, PL_ZONE_MAXIMIN, PL_ZONE_HARD, &found, &value);
    if (rc == PL_OK && found && value >= -MEDIATOR_TOLERANCE) {
        memcpy(md->text, md->belief.package, ni * sizeof *md->text);
        clamp_to_belief(md, ss->scenario, md->text);
        md->attempted = 0;
    } else if (rc == PL_OK && found) {
        md->attempted = 1;
        md->attempt_value = value;
        memcpy(md->attempt_required, md->required, nc * sizeof *md->required);
    }
    return rc == PL_ERR_LIMIT ? PL_OK : rc;
}

/* What member `a` tells the mediator with its verdict; nonzero when the belief moved. */
static int hear(const sao_session *ss, sao_mediator *md, size_t a)
{
    pl_zone *z = &md->belief;
    int moved = 0;
    for (size_t k = 0; k < z->problem.n_constraints; k++) {
        const pl_agreement_constraint *c = &z->problem.constraints[k];
        if (c->actor != a)
            continue;
        if (c->kind == PL_CONSTRAINT_RESERVATION) {
            /* how far the text is from its reservation and from its floor, put
             * into the mediator's own model: its reservation as believed, and
             * the level required now (never below it) */
            double believed = pl_package_utility(ss->scenario, a, md->text);
            double reservation = believed + md->rv_gap[a];
            double asked = fmax(reservation, believed + md->shortfall[a]);
            /* (with clashing red lines no level makes (b) or (a) possible: (c) stands) */
            if (fabs(reservation - md->reservation[k]) > MEDIATOR_CHANGE && md->base_maximin) {
                md->base_valid = 0;
                moved = 1;
            }
            md->reservation[k] = reservation;
            moved |= fabs(asked - md->required[k]) > MEDIATOR_CHANGE;
            md->required[k] = fmax(asked, md->reservation[k]);
            continue;
        }
        size_t r = c->red_line;
        if (ss->scenario->issues[c->issue].kind == PL_ISSUE_OPTIONS ||
            line_admits(ss, r, md->text[c->issue]))
            continue;
        /* it states the line the text crosses: the belief becomes the truth */
        if (z->low[k] != ss->inputs.red_low[r] || z->high[k] != ss->inputs.red_high[r])
            moved = 1, md->base_valid = 0, md->attempted = 0; /* (a)'s own bound moved */
        z->low[k] = ss->inputs.red_low[r];
        z->high[k] = ss->inputs.red_high[r];
    }
    return moved;
}

/* Back to the stated scenario at the start of a run. */
static void reset_belief(const sao_session *ss, sao_mediator *md)
{
    pli_zone_reset(&md->belief, ss->scenario);
    for (size_t k = 0; k < md->belief.problem.n_constraints; k++) {
        md->reservation[k] = md->belief.level[k];
        md->required[k] = md->belief.level[k];
    }
    md->base_valid = md->stated_base_valid; /* the stated scenario's base, solved once */
    if (md->base_valid) {
        memcpy(md->base, md->stated_base, ss->scenario->n_issues * sizeof *md->base);
        md->base_maximin = md->stated_base_maximin;
        md->base_value = md->stated_base_value;
    }
    md->attempted = 0;
}

/* The base of the stated scenario, solved once per session (every run starts from it). */
static int prepare_stated(sao_session *ss, sao_mediator *md)
{
    reset_belief(ss, md);
    int rc = draft_base(ss, md);
    if (rc == PL_ERR_LIMIT || rc == PL_ERR_UNSUPPORTED) { /* the grid mediator */
        md->grid_only = 1;
        return PL_OK;
    }
    memcpy(md->stated_base, md->base, ss->scenario->n_issues * sizeof *md->base);
    md->stated_base_valid = rc == PL_OK;
    md->stated_base_maximin = md->base_maximin;
    md->stated_base_value = md->base_value;
    return rc;
}

/* ---- the protocol ---- */

static int record(sao_session *ss, const sao_mediator *md, pl_negotiation *r, int round,
                  size_t party, int accepted, size_t *capacity)
{
    if (!ss->options.trace)
        return PL_OK;
    if (pli_grow((void **)&r->events, capacity, r->n_events + 1, sizeof *r->events) != PL_OK)
        return PL_ERR_NOMEM;
    pl_sao_event *e = &r->events[r->n_events++];
    size_t n = ss->scenario->n_actors, ni = ss->scenario->n_issues;
    *e = (pl_sao_event){round, party, accepted, NULL, NULL};
    e->utilities = pli_malloc((n + 1) * sizeof *e->utilities);
    e->package = pli_malloc((ni + 1) * sizeof *e->package);
    if (e->utilities == NULL || e->package == NULL)
        return PL_ERR_NOMEM;
    for (size_t a = 0; a < n; a++)
        e->utilities[a] = text_utility(ss, a, md->text);
    memcpy(e->package, md->text, ni * sizeof *e->package);
    return PL_OK;
}

/* Every party's verdict on the text at time t; *agreed when the decision rule passes. */
static int judge(sao_session *ss, sao_mediator *md, pl_negotiation *r, int k, double t,
                 int *agreed, size_t *capacity)
{
    size_t n = ss->scenario->n_actors;
    int rc = record(ss, md, r, k, n, 0, capacity);
    for (size_t a = 0; a < n && rc == PL_OK; a++) {
        double u = text_utility(ss, a, md->text), lo, hi;
        sao_agent_observe(&ss->state[a], u);
        party_band(ss, md, a, t, &lo, &hi);
        md->floor[a] = lo;
        md->shortfall[a] = lo - u;
        md->rv_gap[a] = ss->inputs.reservation[a] - u;
        md->accepts[a] = (unsigned char)(!md->blocked[a] && within_red_lines(ss, a, md->text) &&
                                         u >= lo - MEDIATOR_TOLERANCE &&
                                         u <= hi + MEDIATOR_TOLERANCE);
        rc = record(ss, md, r, k, a, md->accepts[a], capacity);
    }
    *agreed = rc == PL_OK && rule_passes(ss, md->accepts);
    return rc;
}

/* What the coalition's members said; a new text when the belief moved. */
static int revise(sao_session *ss, sao_mediator *md)
{
    int moved = 0;
    for (size_t j = 0; j < md->stated->n_coalition; j++)
        moved |= hear(ss, md, md->stated->coalition[j]);
    return moved ? draft(ss, md) : PL_OK;
}

static void finish(sao_session *ss, const sao_mediator *md, pl_negotiation *r, int agreed,
                   int step)
{
    r->agreed = agreed;
    r->agreement_step = step;
    r->exact = 1; /* the texts are exact on the continuum: no grid, no ranking */
    for (size_t i = 0; i < ss->scenario->n_issues; i++)
        r->package[i] = agreed ? md->text[i] : NAN;
    for (size_t a = 0; a < ss->scenario->n_actors; a++)
        r->utilities[a] = agreed ? text_utility(ss, a, md->text) : ss->inputs.reservation[a];
}

static void reset_agents(sao_session *ss)
{
    for (size_t a = 0; a < ss->scenario->n_actors; a++)
        ss->state[a] = (sao_agent){ss->agents[a], &ss->parties[a], 0, 0, 0, ss->state[a].last, 0};
}

int sao_mediator_run(sao_session *ss, pl_negotiation *r)
{
    int rc = PL_OK;
    if (ss->mediator == NULL && (rc = mediator_new(ss, &ss->mediator)) == PL_OK &&
        !ss->mediator->grid_only)
        rc = prepare_stated(ss, ss->mediator);
    if (rc != PL_OK) {
        sao_mediator_free(ss->mediator);
        ss->mediator = NULL;
        return rc;
    }
    sao_mediator *md = ss->mediator;
    if (md->grid_only)
        return sao_mediator_grid_run(ss, r);
    reset_agents(ss);
    reset_belief(ss, md);
    party_ranges(ss, md);
    rc = draft(ss, md);
    int agreed = 0, k = 0, steps = ss->options.steps;
    size_t capacity = 0;
    for (k = 0; k < steps && rc == PL_OK; k++) {
        /* t reaches 1 in the last round: every time-based party is at its reservation */
        double t = (double)(k + 1) / (double)steps;
        int changed = 0;
        if (ss->use_shock && (rc = sao_apply_shocks(ss, k, &changed)) == PL_OK && changed) {
            if ((rc = sao_session_rebuild(ss)) == PL_OK)
                party_ranges(ss, md);
        }
        if (rc == PL_OK)
            rc = judge(ss, md, r, k, t, &agreed, &capacity);
        if (rc != PL_OK || agreed)
            break;
        rc = revise(ss, md);
    }
    if (rc == PL_OK)
        finish(ss, md, r, agreed, agreed ? k + 1 : steps);
    return rc;
}
