/*
 * sweep_points.c - --vary factors, putting a value into a scenario, grid and
 * Sobol points (sweep_points.h; docs/sweep.md).
 *
 * The common numeric paths are set directly in a copy of the scenario (a few
 * nanoseconds a point); any other path of the contract's --set grammar goes
 * through the general route, pl_scenario_set() (JSON text per point, a few
 * hundred microseconds). Which is which is listed in docs/sweep.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <Random123/philox.h>
#include <gsl/gsl_qrng.h>

#include "cli.h"
#include "sweep_points.h"

#define MAX_SEGMENTS 8

/* Split a --set path at its dots; an id in double quotes may hold dots. */
static int split_path(const char *path, size_t length, char segments[MAX_SEGMENTS][256],
                      size_t *n)
{
    *n = 0;
    size_t at = 0;
    while (at <= length) {
        if (*n == MAX_SEGMENTS)
            return -1;
        char *out = segments[(*n)++];
        size_t used = 0;
        if (at < length && path[at] == '"') {
            at++;
            while (at < length && path[at] != '"' && used < 255)
                out[used++] = path[at++];
            if (at >= length || path[at] != '"')
                return -1;
            at++;
        } else {
            while (at < length && path[at] != '.' && used < 255)
                out[used++] = path[at++];
        }
        out[used] = '\0';
        if (used == 0 || (at < length && path[at] != '.'))
            return -1;
        at++; /* the dot, or past the end */
    }
    return 0;
}

int sweep_factor_parse(const char *command, const char *text, int need_step, sweep_factor *f)
{
    memset(f, 0, sizeof *f);
    /* The path ends at the first '=' outside double quotes. */
    const char *at = text;
    int quoted = 0;
    while (*at != '\0' && (quoted || *at != '=')) {
        if (*at == '"')
            quoted = !quoted;
        at++;
    }
    if (*at != '=' || at == text)
        return cli_usage_error(command, "--vary %s: give PATH=FROM:TO%s", text,
                               need_step ? ":STEP" : "[:STEP]");
    f->path = text;
    f->path_length = (size_t)(at - text);
    double v[3] = {0, 0, 0};
    int n = 0;
    const char *p = at + 1;
    for (; n < 3; n++) {
        char *end;
        v[n] = strtod(p, &end);
        if (end == p || !isfinite(v[n]))
            break;
        p = end;
        if (*p != ':') {
            n++;
            break;
        }
        p++;
    }
    if (*p != '\0' || n < 2 || (need_step && n < 3))
        return cli_usage_error(command, "--vary %s: give PATH=FROM:TO%s with numbers", text,
                               need_step ? ":STEP" : "[:STEP]");
    f->from = v[0];
    f->to = v[1];
    f->has_step = n == 3;
    f->step = v[2];
    if (f->to < f->from)
        return cli_usage_error(command, "--vary %s: TO is below FROM", text);
    if (f->has_step && !(f->step > 0))
        return cli_usage_error(command, "--vary %s: STEP must be positive", text);
    if (f->has_step) {
        double levels = floor((f->to - f->from) / f->step + 1e-9) + 1;
        if (levels > 1e9)
            return cli_usage_error(command, "--vary %s: more than 1e9 steps", text);
        f->levels = (size_t)levels;
    }
    return EXIT_OK;
}

/* Index of the red line of `actor` on `issue`; -1 when none. */
static long find_red_line(const pl_scenario *s, size_t actor, size_t issue)
{
    for (size_t r = 0; r < s->n_red_lines; r++)
        if (s->red_lines[r].actor == actor && s->red_lines[r].issue == issue)
            return (long)r;
    return -1;
}

/* Actor paths: actors.A.{capability,reservation} and actors.A.{stances,red_lines}.I.FIELD. */
static int resolve_actor(sweep_factor *f, const pl_scenario *s, char seg[][256], size_t n)
{
    if (pl_scenario_find_actor(s, seg[1], &f->actor) != PL_OK)
        return -1;
    if (n == 3 && strcmp(seg[2], "capability") == 0)
        f->target = SWEEP_CAPABILITY;
    else if (n == 3 && strcmp(seg[2], "reservation") == 0)
        f->target = SWEEP_RESERVATION;
    else if (n == 5 && (strcmp(seg[2], "stances") == 0 || strcmp(seg[2], "red_lines") == 0)) {
        if (pl_scenario_find_issue(s, seg[3], &f->issue) != PL_OK ||
            s->issues[f->issue].kind != PL_ISSUE_CONTINUOUS)
            return -1;
        int stance = strcmp(seg[2], "stances") == 0;
        if (stance && !s->stances[f->actor * s->n_issues + f->issue].present)
            return -1;
        if (stance && strcmp(seg[4], "position") == 0)
            f->target = SWEEP_POSITION;
        else if (stance && strcmp(seg[4], "salience") == 0)
            f->target = SWEEP_SALIENCE;
        else if (stance && strcmp(seg[4], "capability") == 0)
            f->target = SWEEP_STANCE_CAPABILITY;
        else if (!stance && (strcmp(seg[4], "min") == 0 || strcmp(seg[4], "max") == 0)) {
            long r = find_red_line(s, f->actor, f->issue);
            if (r < 0)
                return -1;
            f->red_line = (size_t)r;
            f->target = seg[4][1] == 'i' ? SWEEP_RED_LINE_MIN : SWEEP_RED_LINE_MAX;
        } else
            return -1;
    } else
        return -1;
    return 0;
}

static int resolve_direct(sweep_factor *f, const pl_scenario *s)
{
    char seg[MAX_SEGMENTS][256];
    size_t n;
    if (split_path(f->path, f->path_length, seg, &n) != 0)
        return -1;
    if (n >= 3 && strcmp(seg[0], "actors") == 0)
        return resolve_actor(f, s, seg, n);
    if (n == 4 && strcmp(seg[0], "proposals") == 0 && strcmp(seg[2], "positions") == 0) {
        if (pl_scenario_find_proposal(s, seg[1], &f->proposal) != PL_OK ||
            pl_scenario_find_issue(s, seg[3], &f->issue) != PL_OK ||
            s->issues[f->issue].kind != PL_ISSUE_CONTINUOUS)
            return -1;
        f->target = SWEEP_PROPOSAL;
        return 0;
    }
    if (n == 2 && strcmp(seg[0], "decision_rule") == 0 && strcmp(seg[1], "threshold") == 0) {
        f->target = SWEEP_THRESHOLD;
        return 0;
    }
    return -1;
}

/* The general route: the path and the value as JSON text, as --set takes them. */
static int apply_general(pl_scenario *s, const sweep_factor *f, double value, pl_diag *diag)
{
    char path[1024], text[PL_REAL_CHARS];
    if (f->path_length >= sizeof path)
        return PL_ERR_ARGUMENT;
    memcpy(path, f->path, f->path_length);
    path[f->path_length] = '\0';
    text[pl_format_json_real(value, text)] = '\0';
    return pl_scenario_set(s, path, text, diag);
}

int sweep_apply(pl_scenario *s, const sweep_factor *f, double value, pl_diag *diag)
{
    pl_stance *st = s->stances + (f->actor * s->n_issues + f->issue);
    switch (f->target) {
    case SWEEP_CAPABILITY: s->actors[f->actor].capability = value; break;
    case SWEEP_RESERVATION: s->actors[f->actor].reservation = value; break;
    case SWEEP_POSITION: st->position = value; break;
    case SWEEP_SALIENCE: st->salience = value; break;
    case SWEEP_STANCE_CAPABILITY:
        st->has_capability = 1;
        st->capability = value;
        break;
    case SWEEP_RED_LINE_MIN: s->red_lines[f->red_line].low = value; break;
    case SWEEP_RED_LINE_MAX: s->red_lines[f->red_line].high = value; break;
    case SWEEP_PROPOSAL: s->proposals[f->proposal].values[f->issue] = value; break;
    case SWEEP_THRESHOLD: s->decision_rule.threshold = value; break;
    default:
        return apply_general(s, f, value, diag);
    }
    return PL_OK;
}

/* The scenario with the factor at `value` is valid. */
static int valid_at(const pl_scenario *base, const sweep_factor *f, double value, pl_diag *diag)
{
    pl_scenario *copy = NULL;
    int rc = pl_scenario_copy(base, &copy);
    if (rc == PL_OK)
        rc = sweep_apply(copy, f, value, diag);
    if (rc == PL_OK)
        rc = pl_scenario_validate(copy, diag);
    pl_scenario_free(copy);
    return rc;
}

int sweep_factor_resolve(const char *command, sweep_factor *f, const pl_scenario *s)
{
    int width = (int)f->path_length;
    if (resolve_direct(f, s) != 0)
        f->target = SWEEP_GENERAL; /* pl_scenario_set() checks it, at FROM and TO below */
    const double ends[2] = {f->from, f->to};
    for (int k = 0; k < 2; k++) {
        pl_diag diag = {0};
        int rc = valid_at(s, f, ends[k], &diag);
        if (rc == PL_ERR_NOMEM)
            return EXIT_INTERNAL;
        if (rc != PL_OK)
            return cli_usage_error(command, "--vary %.*s: at %g: %s", width, f->path, ends[k],
                                   diag.message[0] ? diag.message : pl_strerror(rc));
    }
    return EXIT_OK;
}

size_t sweep_grid_size(const sweep_factor *factors, size_t n_factors)
{
    size_t total = 1;
    for (size_t j = 0; j < n_factors; j++) {
        if (factors[j].levels == 0 || total > (SIZE_MAX / 2) / factors[j].levels)
            return 0;
        total *= factors[j].levels;
    }
    return total;
}

double sweep_grid_value(const sweep_factor *factors, size_t n_factors, size_t point, size_t j)
{
    for (size_t k = n_factors; k-- > j + 1;)
        point /= factors[k].levels;
    size_t level = point % factors[j].levels;
    /* FROM + level * STEP, not a running sum, so no rounding accumulates. */
    return factors[j].from + (double)level * factors[j].step;
}

double sweep_uniform(uint64_t seed, uint64_t a, uint64_t b)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t counter = {{(uint32_t)a, (uint32_t)(a >> 32), (uint32_t)b,
                                 (uint32_t)(b >> 32)}};
    philox4x32_ctr_t r = philox4x32(counter, key);
    uint64_t bits = ((uint64_t)r.v[0] << 32 | r.v[1]) >> 11;
    return (double)bits * 0x1.0p-53;
}

int sweep_sobol_points(size_t d, size_t n, uint64_t seed, double *out)
{
    if (d == 0 || d > SWEEP_SOBOL_MAX_DIMENSIONS)
        return -1;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)d);
    if (q == NULL)
        return -1;
    double shift[SWEEP_SOBOL_MAX_DIMENSIONS];
    for (size_t j = 0; j < d; j++)
        shift[j] = sweep_uniform(seed, UINT64_MAX, j); /* a counter no point uses */
    for (size_t k = 0; k < n; k++) {
        double *x = out + k * d;
        gsl_qrng_get(q, x);
        for (size_t j = 0; j < d; j++) {
            x[j] += shift[j];
            if (x[j] >= 1.0)
                x[j] -= 1.0;
        }
    }
    gsl_qrng_free(q);
    return 0;
}
