/*
 * genius_profile.c - a GENIUS additive utility profile (<utility_space>)
 * read against its domain (genius_domain.c).
 *
 * GENIUS's semantics (docs/cli-contract.md "Inputs", docs/specs/negmas-sao.md
 * 2.3): issues are matched to the domain's by their index; weights of issues
 * are kept raw here (gx_build divides them by their sum); weights of
 * objectives are ignored; a discrete evaluation is divided by the issue's
 * highest evaluation (0 when that is below 1e-5); an integer evaluator gives
 * slope (v - lowerbound) + offset, or in the legacy form parameter1 v +
 * parameter0, clipped to [0, 1]; a real evaluator the same (linear) or
 * parameter0 (constant), at the 21 steps. A repeated item keeps its last
 * evaluation (GENIUS stores them in a map). The reservation value defaults
 * to 0, the discount factor to 1 (GENIUS reads 0 as no discounting).
 */
#include <math.h>
#include <string.h>

#include "io/genius/genius.h"

typedef struct profile_reader {
    gx_xml x;
    const gx_domain *domain;
    gx_profile *profile;
    unsigned char *seen;   /* per domain issue: read from this profile */
} profile_reader;

static const char nonlinear_message[] =
    "non-linear hyper-rectangle utility (ANAC 2014) is not supported: parley's utilities are "
    "additive";

/* ---- non-linear profiles ---- */

static xmlNodePtr find_nonlinear(xmlNodePtr node, int depth)
{
    static const char *const names[] = {"utility", "ufun", "hyperRectangle", NULL};
    for (xmlNodePtr e = gx_first(node); e != NULL && depth < 64; e = gx_next(e)) {
        for (size_t k = 0; names[k] != NULL; k++)
            if (gx_is(e, names[k]))
                return e;
        xmlNodePtr inner = find_nonlinear(e, depth + 1);
        if (inner != NULL)
            return inner;
    }
    return NULL;
}

static int refuse_nonlinear(profile_reader *r, xmlNodePtr root)
{
    char *type;
    int rc = gx_attr(&r->x, root, "type", &type);
    if (rc != PL_OK)
        return rc;
    int nonlinear = type != NULL && strcmp(type, "nonlinear") == 0;
    pli_free(type);
    if (nonlinear)
        return gx_fail(&r->x, root, PL_ERR_UNSUPPORTED, "%s", nonlinear_message);
    xmlNodePtr where = find_nonlinear(root, 0);
    if (where != NULL)
        return gx_fail(&r->x, where, PL_ERR_UNSUPPORTED, "%s", nonlinear_message);
    return PL_OK;
}

/* ---- discrete issues ---- */

static int read_item(profile_reader *r, xmlNodePtr item, const gx_issue *issue, double *scores)
{
    char *value;
    double evaluation = 0;
    int rc = gx_attr(&r->x, item, "value", &value);
    if (rc != PL_OK)
        return rc;
    long v = value != NULL ? gx_find_value(issue, value) : -1;
    if (value == NULL)
        rc = gx_fail(&r->x, item, PL_ERR_INVALID, "<item> lacks its value attribute");
    else if (v < 0)
        rc = gx_fail(&r->x, item, PL_ERR_INVALID,
                     "\"%.60s\" is not a value of issue \"%.60s\" in the domain", value,
                     issue->name);
    else if ((rc = gx_number(&r->x, item, "evaluation", NULL, &evaluation)) == PL_OK &&
             evaluation < 0)
        rc = gx_fail(&r->x, item, PL_ERR_INVALID, "evaluation %g is negative", evaluation);
    if (rc == PL_OK)
        scores[v] = evaluation;
    pli_free(value);
    return rc;
}

static int read_discrete(profile_reader *r, xmlNodePtr node, const gx_issue *issue,
                         double *scores)
{
    int rc = PL_OK;
    for (xmlNodePtr e = gx_first(node); rc == PL_OK && e; e = gx_next(e))
        if (gx_is(e, "item"))
            rc = read_item(r, e, issue, scores);
    double highest = 0;
    for (size_t v = 0; rc == PL_OK && v < issue->n_values; v++) {
        if (isnan(scores[v]))
            return gx_fail(&r->x, node, PL_ERR_INVALID,
                           "issue \"%.60s\" gives no evaluation for value \"%.60s\"",
                           issue->name, issue->values[v]);
        if (scores[v] > highest)
            highest = scores[v];
    }
    for (size_t v = 0; rc == PL_OK && v < issue->n_values; v++)
        scores[v] = highest < 1e-5 ? 0.0 : scores[v] / highest;
    return rc;
}

/* ---- integer and real issues ---- */

static double clip(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Bounds a profile restates must be the domain's. */
static int check_bounds(profile_reader *r, xmlNodePtr node, const gx_issue *issue)
{
    xmlNodePtr where = node;
    for (xmlNodePtr e = gx_first(node); e; e = gx_next(e))
        if (gx_is(e, "range"))
            where = e;
    double low = issue->low, high = issue->high;
    int rc = gx_number(&r->x, where, "lowerbound", &(int){0}, &low);
    if (rc == PL_OK)
        rc = gx_number(&r->x, where, "upperbound", &(int){0}, &high);
    if (rc == PL_OK && (low != issue->low || high != issue->high))
        rc = gx_fail(&r->x, where, PL_ERR_INVALID,
                     "issue \"%.60s\" runs over [%g, %g] here but [%g, %g] in the domain: is "
                     "this profile for another domain?", issue->name, low, high, issue->low,
                     issue->high);
    return rc;
}

/* The evaluator's function as a + b (v - shift). */
static int read_linear(profile_reader *r, xmlNodePtr e, const gx_issue *issue, double *a,
                       double *b, double *shift)
{
    int has_slope = 0, has_offset = 0;
    int rc = gx_number(&r->x, e, "slope", &has_slope, b);
    if (rc == PL_OK)
        rc = gx_number(&r->x, e, "offset", &has_offset, a);
    if (rc != PL_OK)
        return rc;
    if (has_slope || has_offset) {
        if (!(has_slope && has_offset))
            return gx_fail(&r->x, e, PL_ERR_INVALID,
                           "a linear <evaluator> needs both slope and offset");
        *shift = issue->low;
        return PL_OK;
    }
    *shift = 0;
    if ((rc = gx_number(&r->x, e, "parameter0", NULL, a)) == PL_OK)
        rc = gx_number(&r->x, e, "parameter1", NULL, b);
    return rc;
}

static int read_evaluator(profile_reader *r, xmlNodePtr node, const gx_issue *issue,
                          double *scores)
{
    xmlNodePtr e = NULL;
    for (xmlNodePtr c = gx_first(node); c && !e; c = gx_next(c))
        if (gx_is(c, "evaluator"))
            e = c;
    if (e == NULL)
        return gx_fail(&r->x, node, PL_ERR_INVALID, "issue \"%.60s\" lacks its <evaluator>",
                       issue->name);
    char *ftype;
    int rc = gx_attr(&r->x, e, "ftype", &ftype);
    double a = 0, b = 0, shift = 0;
    if (rc == PL_OK && (ftype == NULL || strcmp(ftype, "linear") == 0))
        rc = read_linear(r, e, issue, &a, &b, &shift);
    else if (rc == PL_OK && strcmp(ftype, "constant") == 0 && issue->kind == GX_REAL)
        rc = gx_number(&r->x, e, "parameter0", NULL, &a);
    else if (rc == PL_OK)
        rc = gx_fail(&r->x, e, PL_ERR_UNSUPPORTED, "evaluator function \"%.40s\" is not "
                     "supported (linear%s)", ftype, issue->kind == GX_REAL ? " or constant" : "");
    pli_free(ftype);
    for (size_t v = 0; rc == PL_OK && v < issue->n_values; v++)
        scores[v] = clip(a + b * (issue->numbers[v] - shift));
    if (rc == PL_OK && !pli_is_finite(a + b))
        rc = gx_fail(&r->x, e, PL_ERR_INVALID, "evaluator parameters must be finite");
    return rc;
}

/* ---- issues, weights, objectives ---- */

static const char *const kind_names[] = {"discrete", "integer", "real"};

static int locate_issue(profile_reader *r, xmlNodePtr node, long *out)
{
    long index;
    char *name;
    int rc = gx_long(&r->x, node, "index", NULL, &index);
    if (rc != PL_OK || (rc = gx_attr(&r->x, node, "name", &name)) != PL_OK)
        return rc;
    long i = gx_find_index(r->domain, index);
    if (i < 0)
        rc = gx_fail(&r->x, node, PL_ERR_INVALID, "issue \"%.60s\" (index %ld) is not an issue "
                     "of the domain", name ? name : "", index);
    else if (name != NULL && strcmp(name, r->domain->issues[i].name) != 0)
        rc = gx_fail(&r->x, node, PL_ERR_INVALID, "issue index %ld is \"%.60s\" here but "
                     "\"%.60s\" in the domain: is this profile for another domain?", index,
                     name, r->domain->issues[i].name);
    else if (r->seen[i])
        rc = gx_fail(&r->x, node, PL_ERR_INVALID, "issue \"%.60s\" appears twice",
                     r->domain->issues[i].name);
    pli_free(name);
    *out = i;
    return rc;
}

static int read_issue(profile_reader *r, xmlNodePtr node)
{
    long i;
    int rc = locate_issue(r, node, &i);
    if (rc != PL_OK)
        return rc;
    const gx_issue *issue = &r->domain->issues[i];
    gx_kind kind = issue->kind;
    int typed = xmlHasProp(node, (const xmlChar *)"type") ||
                xmlHasProp(node, (const xmlChar *)"etype") ||
                xmlHasProp(node, (const xmlChar *)"vtype");
    if (typed && (rc = gx_kind_of(&r->x, node, &kind)) != PL_OK)
        return rc;
    if (kind != issue->kind)
        return gx_fail(&r->x, node, PL_ERR_INVALID, "issue \"%.60s\" is %s here but %s in the "
                       "domain", issue->name, kind_names[kind], kind_names[issue->kind]);
    r->seen[i] = 1;
    double *scores = r->profile->scores[i];
    if (kind == GX_DISCRETE)
        return read_discrete(r, node, issue, scores);
    if ((rc = check_bounds(r, node, issue)) != PL_OK)
        return rc;
    return read_evaluator(r, node, issue, scores);
}

static int is_objective(const profile_reader *r, const long *objectives, size_t n, long index)
{
    for (size_t k = 0; k < n; k++)
        if (objectives[k] == index)
            return 1;
    for (size_t k = 0; k < r->domain->n_objectives; k++)
        if (r->domain->objectives[k] == index)
            return 1;
    return 0;
}

typedef struct weight_list {
    size_t count, capacity;
    xmlNodePtr *nodes;
    long *objectives;
    size_t n_objectives, objective_capacity;
} weight_list;

static int walk(profile_reader *r, xmlNodePtr objective, weight_list *w, int depth)
{
    long index;
    int present = 0;
    int rc = gx_long(&r->x, objective, "index", &present, &index);
    if (rc == PL_OK && present) {
        if (pli_grow((void **)&w->objectives, &w->objective_capacity, w->n_objectives + 1,
                     sizeof *w->objectives) != PL_OK)
            return pl_diag_set(r->x.diag, PL_ERR_NOMEM, 0, 0, "out of memory");
        w->objectives[w->n_objectives++] = index;
    }
    if (depth > 64)
        return gx_fail(&r->x, objective, PL_ERR_LIMIT, "objectives nested more than 64 deep");
    for (xmlNodePtr e = gx_first(objective); rc == PL_OK && e; e = gx_next(e)) {
        if (gx_is(e, "issue"))
            rc = read_issue(r, e);
        else if (gx_is(e, "objective"))
            rc = walk(r, e, w, depth + 1);
        else if (gx_is(e, "weight")) {
            if (pli_grow((void **)&w->nodes, &w->capacity, w->count + 1, sizeof *w->nodes))
                return pl_diag_set(r->x.diag, PL_ERR_NOMEM, 0, 0, "out of memory");
            w->nodes[w->count++] = e;
        }
    }
    return rc;
}

static int read_weight(profile_reader *r, const weight_list *w, xmlNodePtr node)
{
    long index;
    double value;
    int rc = gx_long(&r->x, node, "index", NULL, &index);
    if (rc == PL_OK)
        rc = gx_number(&r->x, node, "value", NULL, &value);
    if (rc != PL_OK)
        return rc;
    long i = gx_find_index(r->domain, index);
    if (i < 0 && is_objective(r, w->objectives, w->n_objectives, index))
        return PL_OK;
    if (i < 0)
        return gx_fail(&r->x, node, PL_ERR_INVALID,
                       "<weight> index %ld matches no issue or objective", index);
    if (!isnan(r->profile->weights[i]))
        return gx_fail(&r->x, node, PL_ERR_INVALID, "issue \"%.60s\" has two weights",
                       r->domain->issues[i].name);
    if (value < 0)
        return gx_fail(&r->x, node, PL_ERR_INVALID, "weight %g of issue \"%.60s\" is negative",
                       value, r->domain->issues[i].name);
    r->profile->weights[i] = value;
    return PL_OK;
}

/* Every domain issue needs an evaluation and a weight; the weights a positive sum. */
static int check_complete(profile_reader *r, xmlNodePtr objective)
{
    double total = 0;
    for (size_t i = 0; i < r->domain->n_issues; i++) {
        const char *name = r->domain->issues[i].name;
        if (!r->seen[i])
            return gx_fail(&r->x, objective, PL_ERR_INVALID, "the profile gives no evaluation "
                           "for issue \"%.60s\" of the domain", name);
        if (isnan(r->profile->weights[i]))
            return gx_fail(&r->x, objective, PL_ERR_INVALID, "issue \"%.60s\" has no <weight>",
                           name);
        total += r->profile->weights[i];
    }
    if (!(total > 0) || !pli_is_finite(total))
        return gx_fail(&r->x, objective, PL_ERR_INVALID,
                       "the issue weights sum to %g; they must have a positive sum", total);
    return PL_OK;
}

static int read_objectives(profile_reader *r, xmlNodePtr root)
{
    weight_list w = {0};
    xmlNodePtr first = NULL;
    int rc = PL_OK;
    for (xmlNodePtr e = gx_first(root); rc == PL_OK && e; e = gx_next(e))
        if (gx_is(e, "objective")) {
            first = first ? first : e;
            rc = walk(r, e, &w, 0);
        }
    if (rc == PL_OK && first == NULL)
        rc = gx_fail(&r->x, root, PL_ERR_INVALID, "<utility_space> holds no <objective>");
    for (size_t k = 0; rc == PL_OK && k < w.count; k++)
        rc = read_weight(r, &w, w.nodes[k]);
    if (rc == PL_OK)
        rc = check_complete(r, first);
    pli_free(w.nodes);
    pli_free(w.objectives);
    return rc;
}

/* ---- reservation and discount ---- */

static int read_settings(profile_reader *r, xmlNodePtr root)
{
    int rc = PL_OK;
    for (xmlNodePtr e = gx_first(root); rc == PL_OK && e; e = gx_next(e)) {
        if (gx_is(e, "reservation")) {
            double *rv = &r->profile->reservation;
            if ((rc = gx_number(&r->x, e, "value", NULL, rv)) == PL_OK && !(*rv >= 0 && *rv <= 1))
                rc = gx_fail(&r->x, e, PL_ERR_INVALID, "reservation value %g is outside [0, 1]",
                             *rv);
        } else if (gx_is(e, "discount_factor")) {
            double *df = &r->profile->discount;
            if ((rc = gx_number(&r->x, e, "value", NULL, df)) == PL_OK && !(*df >= 0 && *df <= 1))
                rc = gx_fail(&r->x, e, PL_ERR_INVALID, "discount factor %g is outside [0, 1]",
                             *df);
            if (*df == 0)
                *df = 1.0; /* GENIUS: a factor of 0 means no discounting */
        }
    }
    return rc;
}

static int read_profile(profile_reader *r, xmlNodePtr root)
{
    if (!gx_is(root, "utility_space"))
        return gx_fail(&r->x, root, PL_ERR_INVALID, "the root element is <%.40s>, not "
                       "<utility_space> (a GENIUS profile)", root->name);
    int rc = refuse_nonlinear(r, root);
    if (rc == PL_OK)
        rc = gx_attr(&r->x, root, "name", &r->profile->name);
    if (rc == PL_OK && r->profile->name != NULL &&
        (r->profile->name[0] == '\0' || pli_has_control_character(r->profile->name)))
        rc = gx_fail(&r->x, root, PL_ERR_INVALID, "the name attribute is empty or holds a "
                     "control character");
    if (rc == PL_OK)
        rc = read_objectives(r, root);
    if (rc == PL_OK)
        rc = read_settings(r, root);
    return rc;
}

int gx_read_profile_xml(const char *data, size_t size, const gx_domain *domain,
                        gx_profile *profile, pl_diag *diag)
{
    profile_reader r;
    memset(&r, 0, sizeof r);
    r.domain = domain;
    r.profile = profile;
    int rc = gx_profile_alloc(profile, domain);
    r.seen = pli_calloc(domain->n_issues ? domain->n_issues : 1, 1);
    if (rc != PL_OK || r.seen == NULL)
        rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (rc == PL_OK)
        rc = gx_xml_parse(&r.x, diag, data, size);
    if (rc == PL_OK)
        rc = read_profile(&r, xmlDocGetRootElement(r.x.doc));
    gx_xml_free(&r.x);
    pli_free(r.seen);
    return rc;
}
