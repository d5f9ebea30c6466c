/*
 * genius_domain.c - a GENIUS domain (<negotiation_template>) into a list of
 * issues, and the helpers the profile readers use on that list.
 *
 * Issues are collected from the whole objective tree (nested objectives are
 * flattened) and sorted by their index attribute. A discrete issue keeps its
 * <item> values in file order, a repeated value counting once (its first
 * occurrence); an integer issue has the values lowerbound..upperbound; a real
 * issue GENIUS's 21 discretisation steps lowerbound + k (upperbound -
 * lowerbound) / 20.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/genius/genius.h"

/* ---- the issue list ---- */

static void issue_free(gx_issue *issue)
{
    for (size_t v = 0; v < issue->n_values; v++)
        pli_free(issue->values[v]);
    pli_free(issue->values);
    pli_free(issue->numbers);
    pli_free(issue->name);
}

void gx_domain_free(gx_domain *domain)
{
    for (size_t i = 0; i < domain->n_issues; i++)
        issue_free(&domain->issues[i]);
    pli_free(domain->issues);
    pli_free(domain->objectives);
    pli_free(domain->name);
    memset(domain, 0, sizeof *domain);
}

void gx_profile_free(gx_profile *profile, size_t n_issues)
{
    for (size_t i = 0; profile->scores != NULL && i < n_issues; i++)
        pli_free(profile->scores[i]);
    pli_free(profile->scores);
    pli_free(profile->weights);
    pli_free(profile->name);
    memset(profile, 0, sizeof *profile);
}

int gx_profile_alloc(gx_profile *profile, const gx_domain *domain)
{
    memset(profile, 0, sizeof *profile);
    profile->discount = 1.0;
    size_t n = domain->n_issues;
    profile->weights = pli_calloc(n ? n : 1, sizeof *profile->weights);
    profile->scores = pli_calloc(n ? n : 1, sizeof *profile->scores);
    if (profile->weights == NULL || profile->scores == NULL)
        return PL_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        profile->weights[i] = NAN;
        size_t m = domain->issues[i].n_values;
        if ((profile->scores[i] = pli_calloc(m ? m : 1, sizeof **profile->scores)) == NULL)
            return PL_ERR_NOMEM;
        for (size_t v = 0; v < m; v++)
            profile->scores[i][v] = NAN;
    }
    return PL_OK;
}

long gx_find_index(const gx_domain *domain, long index)
{
    for (size_t i = 0; i < domain->n_issues; i++)
        if (domain->issues[i].index == index)
            return (long)i;
    return -1;
}

long gx_find_name(const gx_domain *domain, const char *name)
{
    for (size_t i = 0; i < domain->n_issues; i++)
        if (strcmp(domain->issues[i].name, name) == 0)
            return (long)i;
    return -1;
}

int gx_has_control_besides_tab(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
            return 1;
    return 0;
}

long gx_find_value(const gx_issue *issue, const char *value)
{
    for (size_t v = 0; v < issue->n_values; v++)
        if (strcmp(issue->values[v], value) == 0)
            return (long)v;
    return -1;
}

static int by_index(const void *a, const void *b)
{
    const gx_issue *x = a, *y = b;
    return (x->index > y->index) - (x->index < y->index);
}

int gx_domain_check(gx_domain *domain, pl_diag *diag)
{
    if (domain->n_issues == 0)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "the domain has no issues");
    /* qsort is not stable, but indices are unique once checked. */
    for (size_t i = 0; i < domain->n_issues; i++)
        for (size_t j = i + 1; j < domain->n_issues; j++) {
            if (domain->issues[i].index == domain->issues[j].index)
                return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                                   "issues \"%.60s\" and \"%.60s\" share the index %ld",
                                   domain->issues[i].name, domain->issues[j].name,
                                   domain->issues[i].index);
            if (strcmp(domain->issues[i].name, domain->issues[j].name) == 0)
                return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                                   "two issues are named \"%.60s\"", domain->issues[i].name);
        }
    qsort(domain->issues, domain->n_issues, sizeof *domain->issues, by_index);
    return PL_OK;
}

/* The shortest decimal text that reads back as `value`. */
void gx_number_label(double value, char *buffer, size_t size)
{
    if (value == floor(value) && fabs(value) < 1e15) {
        snprintf(buffer, size, "%.0f", value == 0 ? 0.0 : value);
        return;
    }
    char text[PL_REAL_CHARS];
    pl_format_real(value, text);
    snprintf(buffer, size, "%s", text);
}

int gx_issue_add(gx_issue *issue, size_t *capacity, const char *label, double number)
{
    if (issue->n_values == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 8;
        char **values = pli_realloc(issue->values, grown * sizeof *values);
        if (values == NULL)
            return PL_ERR_NOMEM;
        issue->values = values;
        double *numbers = pli_realloc(issue->numbers, grown * sizeof *numbers);
        if (numbers == NULL)
            return PL_ERR_NOMEM;
        issue->numbers = numbers;
        *capacity = grown;
    }
    if ((issue->values[issue->n_values] = pli_strdup(label)) == NULL)
        return PL_ERR_NOMEM;
    issue->numbers[issue->n_values++] = number;
    return PL_OK;
}

int gx_issue_numbers(gx_issue *issue, pl_diag *diag)
{
    char label[64];
    size_t capacity = 0;
    if (!(issue->low < issue->high))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "issue \"%.60s\": lowerbound %g must be below upperbound %g",
                           issue->name, issue->low, issue->high);
    size_t n = GX_REAL_STEPS;
    if (issue->kind == GX_INTEGER) {
        if (issue->low != floor(issue->low) || issue->high != floor(issue->high))
            return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                               "integer issue \"%.60s\": its bounds must be whole numbers",
                               issue->name);
        if (issue->high - issue->low >= GX_MAX_VALUES)
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "integer issue \"%.60s\" has more than %d values", issue->name,
                               GX_MAX_VALUES);
        n = (size_t)(issue->high - issue->low) + 1;
    }
    for (size_t k = 0; k < n; k++) {
        double v = issue->kind == GX_INTEGER
                       ? issue->low + (double)k
                       : issue->low + (double)k * (issue->high - issue->low) / (n - 1);
        if (issue->kind == GX_REAL && k == n - 1)
            v = issue->high;
        gx_number_label(v, label, sizeof label);
        if (gx_issue_add(issue, &capacity, label, v) != PL_OK)
            return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    return PL_OK;
}

/* ---- the domain XML ---- */

typedef struct domain_reader {
    gx_xml x;
    gx_domain *domain;
    size_t capacity;
} domain_reader;

static int out_of_memory(domain_reader *r)
{
    return pl_diag_set(r->x.diag, PL_ERR_NOMEM, 0, 0, "out of memory");
}

/* Integer and real bounds: attributes of the issue, or of a <range> child (older files). */
static int read_bounds(gx_xml *x, xmlNodePtr node, gx_issue *issue)
{
    int has_low = 0, has_high = 0;
    int rc = gx_number(x, node, "lowerbound", &has_low, &issue->low);
    if (rc == PL_OK)
        rc = gx_number(x, node, "upperbound", &has_high, &issue->high);
    for (xmlNodePtr e = gx_first(node); rc == PL_OK && e && !(has_low && has_high);
         e = gx_next(e))
        if (gx_is(e, "range")) {
            has_low = has_high = 1;
            if ((rc = gx_number(x, e, "lowerbound", NULL, &issue->low)) == PL_OK)
                rc = gx_number(x, e, "upperbound", NULL, &issue->high);
        }
    if (rc == PL_OK && !(has_low && has_high))
        rc = gx_fail(x, node, PL_ERR_INVALID,
                     "%s issue \"%.60s\" lacks its lowerbound and upperbound",
                     issue->kind == GX_INTEGER ? "integer" : "real", issue->name);
    if (rc == PL_OK && (rc = gx_issue_numbers(issue, x->diag)) != PL_OK && x->diag->line == 0)
        rc = gx_fail(x, node, rc, "%s", x->diag->message);
    return rc;
}

static int read_items(gx_xml *x, xmlNodePtr node, gx_issue *issue)
{
    size_t capacity = 0;
    int rc = PL_OK;
    for (xmlNodePtr e = gx_first(node); rc == PL_OK && e; e = gx_next(e)) {
        if (!gx_is(e, "item"))
            continue;
        char *value;
        if ((rc = gx_attr(x, e, "value", &value)) != PL_OK)
            return rc;
        if (value == NULL)
            rc = gx_fail(x, e, PL_ERR_INVALID, "<item> lacks its value attribute");
        else if (value[0] == '\0' || gx_has_control_besides_tab(value))
            rc = gx_fail(x, e, PL_ERR_INVALID, "item value \"%.60s\" is empty or holds a "
                         "control character", value);
        /* Profiles name values by their text: a second item with the same text is
           ambiguous (issue #19), not a value to merge silently. */
        else if (gx_find_value(issue, value) >= 0)
            rc = gx_fail(x, e, PL_ERR_INVALID, "issue \"%.60s\" lists the value \"%.60s\" "
                         "twice", issue->name, value);
        else if (gx_issue_add(issue, &capacity, value, 0))
            rc = pl_diag_set(x->diag, PL_ERR_NOMEM, 0, 0, "out of memory");
        pli_free(value);
    }
    if (rc == PL_OK && issue->n_values < 2)
        rc = gx_fail(x, node, PL_ERR_INVALID, "discrete issue \"%.60s\" needs at least two "
                     "distinct <item> values", issue->name);
    return rc;
}

static int add_issue(domain_reader *r, xmlNodePtr node)
{
    gx_domain *d = r->domain;
    if (d->n_issues >= GX_MAX_ISSUES)
        return gx_fail(&r->x, node, PL_ERR_LIMIT, "more than %d issues", GX_MAX_ISSUES);
    if (pli_grow((void **)&d->issues, &r->capacity, d->n_issues + 1, sizeof *d->issues))
        return out_of_memory(r);
    gx_issue *issue = &d->issues[d->n_issues++];
    int rc = gx_long(&r->x, node, "index", NULL, &issue->index);
    if (rc == PL_OK && (rc = gx_attr(&r->x, node, "name", &issue->name)) == PL_OK &&
        issue->name == NULL)
        rc = gx_fail(&r->x, node, PL_ERR_INVALID, "<issue> lacks its name attribute");
    if (rc == PL_OK && (issue->name[0] == '\0' || pli_has_control_character(issue->name)))
        rc = gx_fail(&r->x, node, PL_ERR_INVALID, "issue name is empty or holds a control "
                     "character");
    if (rc == PL_OK)
        rc = gx_kind_of(&r->x, node, &issue->kind);
    if (rc == PL_OK)
        rc = issue->kind == GX_DISCRETE ? read_items(&r->x, node, issue)
                                        : read_bounds(&r->x, node, issue);
    return rc;
}

static int add_objective(domain_reader *r, xmlNodePtr node)
{
    gx_domain *d = r->domain;
    long index = 0;
    int present = 0;
    int rc = gx_long(&r->x, node, "index", &present, &index);
    if (rc != PL_OK || !present)
        return rc;
    long *grown = pli_realloc(d->objectives, (d->n_objectives + 1) * sizeof *grown);
    if (grown == NULL)
        return out_of_memory(r);
    d->objectives = grown;
    d->objectives[d->n_objectives++] = index;
    return PL_OK;
}

static int walk_objective(domain_reader *r, xmlNodePtr objective, int depth)
{
    if (depth > 64)
        return gx_fail(&r->x, objective, PL_ERR_LIMIT, "objectives nested more than 64 deep");
    int rc = add_objective(r, objective);
    for (xmlNodePtr e = gx_first(objective); rc == PL_OK && e; e = gx_next(e)) {
        if (gx_is(e, "issue"))
            rc = add_issue(r, e);
        else if (gx_is(e, "objective"))
            rc = walk_objective(r, e, depth + 1);
    }
    return rc;
}

static int read_template(domain_reader *r, xmlNodePtr root)
{
    if (!gx_is(root, "negotiation_template"))
        return gx_fail(&r->x, root, PL_ERR_INVALID,
                       "the root element is <%.40s>, not <negotiation_template> (a GENIUS "
                       "domain)", root->name);
    xmlNodePtr space = NULL;
    for (xmlNodePtr e = gx_first(root); e && !space; e = gx_next(e))
        if (gx_is(e, "utility_space"))
            space = e;
    if (space == NULL)
        return gx_fail(&r->x, root, PL_ERR_INVALID, "<negotiation_template> lacks its "
                       "<utility_space>");
    int rc = PL_OK, objectives = 0;
    for (xmlNodePtr e = gx_first(space); rc == PL_OK && e; e = gx_next(e))
        if (gx_is(e, "objective")) {
            objectives++;
            if (r->domain->name == NULL)
                rc = gx_attr(&r->x, e, "name", &r->domain->name);
            if (rc == PL_OK)
                rc = walk_objective(r, e, 0);
        }
    if (rc == PL_OK && objectives == 0)
        rc = gx_fail(&r->x, space, PL_ERR_INVALID, "<utility_space> holds no <objective>");
    if (rc == PL_OK && (rc = gx_domain_check(r->domain, r->x.diag)) != PL_OK)
        rc = gx_fail(&r->x, space, rc, "%s", r->x.diag->message);
    return rc;
}

int gx_read_domain_xml(const char *data, size_t size, gx_domain *domain, pl_diag *diag)
{
    domain_reader r;
    memset(&r, 0, sizeof r);
    memset(domain, 0, sizeof *domain);
    r.domain = domain;
    int rc = gx_xml_parse(&r.x, diag, data, size);
    if (rc == PL_OK)
        rc = read_template(&r, xmlDocGetRootElement(r.x.doc));
    gx_xml_free(&r.x);
    if (rc != PL_OK)
        gx_domain_free(domain);
    return rc;
}
