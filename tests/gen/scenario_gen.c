/*
 * scenario_gen.c - random scenarios for tests and benchmarks (scenario_gen.h).
 *
 * Random numbers: splitmix64 (Steele, Lea and Flood 2014, "Fast splittable
 * pseudorandom number generators", OOPSLA), 53-bit uniforms in [0, 1).
 */
#include "scenario_gen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/agreement.h"

typedef struct rng {
    uint64_t state;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(rng *r)
{
    return (double)(next(r) >> 11) * 0x1.0p-53;
}

/* An integer in [lo, hi]. */
static size_t between(rng *r, size_t lo, size_t hi)
{
    return lo + (size_t)(uniform(r) * (double)(hi - lo + 1));
}

/* Round to `step` so that files stay readable (0.01 of a salience, 1 of a position). */
static double rounded(double x, double step)
{
    return nearbyint(x / step) * step;
}

void gen_options_init(gen_options *o, uint64_t seed, size_t n_actors, size_t n_issues)
{
    memset(o, 0, sizeof *o);
    o->seed = seed;
    o->n_actors = n_actors;
    o->n_issues = n_issues;
    o->options_issues = 1;
    o->majority = 1;
}

static gen_class draw_class(rng *r)
{
    double u = uniform(r);
    return u < 0.33 ? GEN_ZONE : u < 0.5 ? GEN_THIN_ZONE : u < 0.88 ? GEN_NO_ZONE : GEN_CLASH;
}

/* Issue 0 is always continuous (the clash class needs one). */
static int add_issues(pl_scenario *s, rng *r, const gen_options *o)
{
    static const char *const ids[] = {"o1", "o2", "o3", "o4"};
    char id[32];
    int rc = PL_OK;
    for (size_t i = 0; i < o->n_issues && rc == PL_OK; i++) {
        snprintf(id, sizeof id, "issue%zu", i + 1);
        if (i > 0 && o->options_issues && uniform(r) < 0.25) {
            rc = pl_scenario_add_options_issue(s, id, NULL, between(r, 2, 4), ids, NULL);
            continue;
        }
        double low = rounded(uniform(r) * 100 - 50, 1), width = rounded(10 + uniform(r) * 190, 1);
        if (uniform(r) < 0.5) /* half the issues on the common 0-100 scale */
            low = 0, width = 100;
        rc = pl_scenario_add_continuous_issue(s, id, NULL, low, low + width, NULL);
    }
    return rc;
}

static int add_actors(pl_scenario *s, rng *r, const gen_options *o, gen_class c)
{
    char id[32];
    int rc = PL_OK, any_veto = 0;
    for (size_t a = 0; a < o->n_actors && rc == PL_OK; a++) {
        snprintf(id, sizeof id, "A%zu", a + 1);
        rc = pl_scenario_add_actor(s, id, NULL, rounded(1 + uniform(r) * 99, 1), NULL);
        if (rc != PL_OK)
            break;
        s->actors[a].veto = uniform(r) < 0.6 || (c == GEN_CLASH && a < 2);
        s->actors[a].reservation = rounded(0.1 + 0.4 * uniform(r), 0.001);
        any_veto |= s->actors[a].veto;
    }
    if (rc == PL_OK && c != GEN_CLASH && o->majority && o->n_actors >= 3 && uniform(r) < 0.15) {
        s->decision_rule.kind = PL_RULE_WEIGHTED_MAJORITY;
        s->decision_rule.threshold = rounded(0.5 + 0.25 * uniform(r), 0.01);
    }
    (void)any_veto;
    return rc;
}

static int add_stance(pl_scenario *s, rng *r, size_t a, size_t i)
{
    const pl_issue *issue = &s->issues[i];
    double salience = rounded(0.05 + 0.95 * uniform(r), 0.01);
    if (issue->kind == PL_ISSUE_CONTINUOUS) {
        double x = rounded(issue->low + uniform(r) * (issue->high - issue->low), 1);
        return pl_scenario_set_position(s, a, i, x, salience);
    }
    double values[4];
    for (size_t k = 0; k < issue->n_options; k++)
        values[k] = rounded(uniform(r), 0.01);
    values[between(r, 0, issue->n_options - 1)] = 1.0; /* a favourite */
    return pl_scenario_set_option_values(s, a, i, values, salience);
}

/* A red line around the actor's position, or an options set holding its favourite. */
static int add_red_line(pl_scenario *s, rng *r, size_t a, size_t i)
{
    const pl_issue *issue = &s->issues[i];
    const pl_stance *st = pl_scenario_stance_const(s, a, i);
    if (issue->kind == PL_ISSUE_CONTINUOUS) {
        double width = issue->high - issue->low;
        double low = fmax(issue->low, rounded(st->position - uniform(r) * 0.6 * width, 1));
        double high = fmin(issue->high, rounded(st->position + uniform(r) * 0.6 * width, 1));
        return pl_scenario_add_red_line(s, a, i, low, high, NULL);
    }
    unsigned char allowed[4];
    for (size_t k = 0; k < issue->n_options; k++)
        allowed[k] = st->option_values[k] == 1.0 || uniform(r) < 0.5;
    return pl_scenario_add_red_line_options(s, a, i, allowed, NULL);
}

/* Actors 0 and 1 (both vetoing) on issue 0: [mid + gap, high] against [low, mid - gap]. */
static int add_clash(pl_scenario *s, rng *r)
{
    const pl_issue *issue = &s->issues[0];
    double width = issue->high - issue->low;
    double mid = rounded(issue->low + width * (0.3 + 0.4 * uniform(r)), 1);
    double gap = fmax(1, rounded(width * 0.15 * uniform(r), 1));
    int rc = pl_scenario_add_red_line(s, 0, 0, fmin(issue->high, mid + gap), issue->high, NULL);
    return rc == PL_OK ? pl_scenario_add_red_line(s, 1, 0, issue->low, fmax(issue->low, mid - gap),
                                                  NULL)
                       : rc;
}

static int add_preferences(pl_scenario *s, rng *r, const gen_options *o, gen_class c)
{
    int rc = PL_OK;
    for (size_t a = 0; a < o->n_actors && rc == PL_OK; a++)
        for (size_t i = 0; i < o->n_issues && rc == PL_OK; i++)
            rc = add_stance(s, r, a, i);
    for (size_t a = 0; a < o->n_actors && rc == PL_OK; a++)
        for (size_t i = 0; i < o->n_issues && rc == PL_OK; i++) {
            int clash_pair = c == GEN_CLASH && a < 2 && i == 0;
            if (!clash_pair && uniform(r) < 0.3)
                rc = add_red_line(s, r, a, i);
        }
    return rc == PL_OK && c == GEN_CLASH ? add_clash(s, r) : rc;
}

/* Uncertainty groups: positions, red lines and reservations of every actor. */
static int add_uncertainty(pl_scenario *s, const gen_options *o)
{
    size_t g[3];
    int rc = pl_scenario_add_uncertainty(s, "positions", &g[0]);
    rc = rc == PL_OK ? pl_scenario_add_uncertainty(s, "red_lines", &g[1]) : rc;
    rc = rc == PL_OK ? pl_scenario_add_uncertainty(s, "reservations", &g[2]) : rc;
    for (size_t a = 0; a < o->n_actors && rc == PL_OK; a++) {
        pl_draw d = {a, PL_ALL_ISSUES, PL_QUANTITY_POSITION, PL_DISTRIBUTION_UNIFORM, 5};
        rc = pl_scenario_add_draw(s, g[0], &d);
        d = (pl_draw){a, PL_ALL_ISSUES, PL_QUANTITY_RED_LINE, PL_DISTRIBUTION_NORMAL, 3};
        for (size_t k = 0; k < s->n_red_lines && rc == PL_OK; k++)
            if (s->red_lines[k].actor == a) {
                rc = pl_scenario_add_draw(s, g[1], &d);
                break;
            }
        d = (pl_draw){a, PL_ALL_ISSUES, PL_QUANTITY_RESERVATION, PL_DISTRIBUTION_TRIANGULAR, 0.05};
        rc = rc == PL_OK ? pl_scenario_add_draw(s, g[2], &d) : rc;
    }
    return rc;
}

static double target_margin(rng *r, gen_class c)
{
    double u = uniform(r);
    return c == GEN_ZONE ? 0.03 + 0.17 * u : c == GEN_THIN_ZONE ? 0.001 + 0.029 * u
                                                                : -0.001 - 0.199 * u;
}

/* Shift every reservation by margin - target (see the header), kept in [0, 1]. */
static int aim(pl_scenario *s, double target, gen_class *c)
{
    pl_agreement_options ao = PL_AGREEMENT_OPTIONS_INIT;
    ao.max_set = 0;
    ao.solutions = 0;
    pl_agreement *g = NULL;
    int rc = pl_agreement_compute(s, &ao, &g, NULL);
    if (rc != PL_OK)
        return rc;
    if (!g->red_lines_compatible) {
        *c = GEN_CLASH;
    } else if (*c != GEN_CLASH) {
        double shift = g->margin - target;
        for (size_t a = 0; a < s->n_actors; a++)
            s->actors[a].reservation = fmin(1, fmax(0, s->actors[a].reservation + shift));
    }
    pl_agreement_free(g);
    return PL_OK;
}

int gen_scenario(const gen_options *o, pl_scenario **out, gen_class *class_out)
{
    *out = NULL;
    if (o->n_actors < 1 || o->n_issues < 1)
        return PL_ERR_ARGUMENT;
    /* the counts enter the stream, so seed 1 at 3 x 4 is not seed 1 at 3 x 5 cut short */
    rng r = {o->seed ^ ((uint64_t)o->n_actors << 56) ^ ((uint64_t)o->n_issues << 48)};
    gen_class c = draw_class(&r);
    if (c == GEN_CLASH && o->n_actors < 2)
        c = GEN_NO_ZONE;
    pl_scenario *s = NULL;
    int rc = pl_scenario_new(&s);
    char name[96];
    snprintf(name, sizeof name, "generated scenario, seed %llu, %zu actors x %zu issues",
             (unsigned long long)o->seed, o->n_actors, o->n_issues);
    rc = rc == PL_OK ? pl_scenario_set_string(&s->name, name) : rc;
    rc = rc == PL_OK ? add_issues(s, &r, o) : rc;
    rc = rc == PL_OK ? add_actors(s, &r, o, c) : rc;
    rc = rc == PL_OK ? add_preferences(s, &r, o, c) : rc;
    double target = target_margin(&r, c);
    rc = rc == PL_OK && o->uncertainty ? add_uncertainty(s, o) : rc;
    rc = rc == PL_OK ? pl_scenario_validate(s, NULL) : rc;
    rc = rc == PL_OK ? aim(s, target, &c) : rc;
    if (rc != PL_OK) {
        pl_scenario_free(s);
        return rc;
    }
    if (class_out != NULL)
        *class_out = c;
    *out = s;
    return PL_OK;
}
