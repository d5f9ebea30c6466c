/*
 * geniusweb_reader.c - a GeniusWeb domain (JSON: name, issuesValues) and
 * LinearAdditiveUtilitySpace profiles into a scenario.
 *
 * GeniusWeb's semantics: utility = sum of weight x value utility. Weights
 * (issueWeights) are divided by their sum (GeniusWeb requires it to be 1);
 * discreteutils valueUtilities are used as given (in [0, 1]; a value they do
 * not list scores 0); numberutils interpolate linearly between (lowValue,
 * lowUtility) and (highValue, highUtility), 0 outside [lowValue, highValue].
 * The reservation value is the utility of reservationBid (0 without one;
 * an issue the bid leaves out adds 0). Issues keep the domain file's order;
 * an issue whose values are all numbers has its options placed on the range
 * from the lowest to the highest. Semantic errors name the JSON path.
 */
#include <math.h>
#include <string.h>

#include "io/genius/genius.h"
#include "io/parse/json_util.h"

static int load(const char *data, size_t size, json_t **root, pl_diag *diag)
{
    return pli_json_load(data ? data : "", data ? size : 0, root, diag);
}

/* ---- the domain ---- */

static int add_json_value(gx_issue *issue, size_t *capacity, const json_t *value,
                          const char *path, int *numeric, pl_diag *diag)
{
    char label[64];
    const char *text = label;
    double number = 0;
    if (json_is_number(value)) {
        number = json_number_value(value);
        gx_number_label(number, label, sizeof label);
    } else if (json_is_string(value)) {
        text = json_string_value(value);
        *numeric = 0;
    } else {
        return pli_json_wrong_type(diag, path, value, "a string or a number");
    }
    if (text[0] == '\0' || pli_has_control_character(text))
        return pli_json_fail(diag, path, "a value must be non-empty text without control "
                             "characters");
    if (gx_find_value(issue, text) >= 0)
        return pli_json_fail(diag, path, "\"%.60s\" appears twice", text);
    if (gx_issue_add(issue, capacity, text, number) != PL_OK)
        return pli_json_out_of_memory(diag);
    return PL_OK;
}

/* "range": [low, high, step] or {"low", "high", "step"}: low, low + step, ..., <= high. */
static int read_range(gx_issue *issue, const json_t *range, const char *path, pl_diag *diag)
{
    double bounds[3];
    static const char *const keys[3] = {"low", "high", "step"};
    for (size_t k = 0; k < 3; k++) {
        const json_t *v = json_is_array(range) ? json_array_get(range, k)
                                               : json_object_get(range, keys[k]);
        pl_json_path where = json_is_array(range) ? pli_json_index(path, k)
                                                  : pli_json_key(path, keys[k]);
        if (v == NULL)
            return pli_json_fail(diag, where.text, "missing (a range is low, high, step)");
        if (json_is_string(v) && pli_parse_number(json_string_value(v), &bounds[k]) == 0)
            continue;
        if (pli_json_number_value(v, where.text, &bounds[k], diag) != PL_OK)
            return PL_ERR_INVALID;
    }
    if (!(bounds[2] > 0) || !(bounds[0] < bounds[1]) ||
        (bounds[1] - bounds[0]) / bounds[2] >= GX_MAX_VALUES)
        return pli_json_fail(diag, path, "needs low < high and a step > 0 giving at most %d "
                             "values", GX_MAX_VALUES);
    size_t capacity = 0, n = (size_t)floor((bounds[1] - bounds[0]) / bounds[2] + PL_TOLERANCE) + 1;
    char label[64];
    for (size_t k = 0; k < n; k++) {
        double v = bounds[0] + (double)k * bounds[2];
        gx_number_label(v, label, sizeof label);
        if (gx_issue_add(issue, &capacity, label, v) != PL_OK)
            return pli_json_out_of_memory(diag);
    }
    return PL_OK;
}

static void place(gx_issue *issue)
{
    issue->kind = GX_REAL;
    issue->low = issue->high = issue->numbers[0];
    for (size_t v = 1; v < issue->n_values; v++) {
        issue->low = fmin(issue->low, issue->numbers[v]);
        issue->high = fmax(issue->high, issue->numbers[v]);
    }
}

static int read_issue(gx_issue *issue, const json_t *spec, const char *path, pl_diag *diag)
{
    if (!json_is_object(spec))
        return pli_json_wrong_type(diag, path, spec, "an object with \"values\" or \"range\"");
    const json_t *values = json_object_get(spec, "values");
    const json_t *range = json_object_get(spec, "range");
    int numeric = 1, rc = PL_OK;
    size_t capacity = 0, k;
    json_t *value;
    if (range != NULL)
        rc = read_range(issue, range, pli_json_key(path, "range").text, diag);
    else if (!json_is_array(values))
        return pli_json_fail(diag, path, "needs \"values\" (an array) or \"range\"");
    else
        json_array_foreach(values, k, value) {
            rc = add_json_value(issue, &capacity, value,
                                pli_json_index(pli_json_key(path, "values").text, k).text,
                                &numeric, diag);
            if (rc != PL_OK)
                return rc;
        }
    if (rc == PL_OK && issue->n_values < 2)
        return pli_json_fail(diag, path, "an issue needs at least two values");
    if (rc == PL_OK && numeric)
        place(issue);
    if (rc == PL_OK && issue->kind == GX_REAL && !(issue->low < issue->high))
        issue->kind = GX_DISCRETE;
    return rc;
}

static int read_domain_object(const json_t *root, gx_domain *d, pl_diag *diag)
{
    const json_t *issues = json_is_object(root) ? json_object_get(root, "issuesValues") : NULL;
    if (!json_is_object(issues) || json_object_size(issues) == 0)
        return pli_json_fail(diag, "issuesValues", "missing or empty (a GeniusWeb domain needs "
                             "an object of issues)");
    const json_t *name = json_object_get(root, "name");
    if (json_is_string(name) && (d->name = pli_strdup(json_string_value(name))) == NULL)
        return pli_json_out_of_memory(diag);
    if (json_object_size(issues) > GX_MAX_ISSUES)
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0, "more than %d issues", GX_MAX_ISSUES);
    d->issues = pli_calloc(json_object_size(issues), sizeof *d->issues);
    if (d->issues == NULL)
        return pli_json_out_of_memory(diag);
    const char *key;
    json_t *spec;
    json_object_foreach((json_t *)issues, key, spec) {
        gx_issue *issue = &d->issues[d->n_issues];
        issue->index = (long)d->n_issues++;
        pl_json_path path = pli_json_key("issuesValues", key);
        if (key[0] == '\0' || pli_has_control_character(key))
            return pli_json_fail(diag, path.text, "an issue name must be non-empty text");
        if ((issue->name = pli_strdup(key)) == NULL)
            return pli_json_out_of_memory(diag);
        int rc = read_issue(issue, spec, path.text, diag);
        if (rc != PL_OK)
            return rc;
    }
    return PL_OK;
}

static int read_domain(const char *data, size_t size, gx_domain *d, pl_diag *diag)
{
    json_t *root;
    memset(d, 0, sizeof *d);
    int rc = load(data, size, &root, diag);
    if (rc == PL_OK)
        rc = read_domain_object(root, d, diag);
    json_decref(root);
    return rc;
}

/* ---- profiles ---- */

static int read_discrete_utils(const gx_issue *issue, const json_t *utils, const char *path,
                               double *scores, pl_diag *diag)
{
    const json_t *map = json_object_get(utils, "valueUtilities");
    pl_json_path where = pli_json_key(path, "valueUtilities");
    if (!json_is_object(map))
        return pli_json_fail(diag, where.text, "missing (an object of value utilities)");
    for (size_t v = 0; v < issue->n_values; v++)
        scores[v] = 0.0;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)map, key, value) {
        pl_json_path at = pli_json_key(where.text, key);
        long v = gx_find_value(issue, key);
        if (v < 0)
            return pli_json_fail(diag, at.text, "not a value of issue \"%.60s\" in the domain",
                                 issue->name);
        if (pli_json_number_value(value, at.text, &scores[v], diag) != PL_OK)
            return PL_ERR_INVALID;
        if (!(scores[v] >= 0 && scores[v] <= 1))
            return pli_json_fail(diag, at.text, "%g is outside [0, 1]", scores[v]);
    }
    return PL_OK;
}

static int read_number_utils(const gx_issue *issue, const json_t *utils, const char *path,
                             double *scores, pl_diag *diag)
{
    static const char *const keys[4] = {"lowValue", "lowUtility", "highValue", "highUtility"};
    double p[4];
    if (issue->kind != GX_REAL)
        return pli_json_fail(diag, path, "numberutils need an issue whose values are numbers");
    for (size_t k = 0; k < 4; k++)
        if (pli_json_number_member(utils, path, keys[k], 1, &p[k], diag) != PL_OK)
            return PL_ERR_INVALID;
    if (!(p[0] < p[2]) || !(p[1] >= 0 && p[1] <= 1 && p[3] >= 0 && p[3] <= 1))
        return pli_json_fail(diag, path, "needs lowValue < highValue and utilities in [0, 1]");
    for (size_t v = 0; v < issue->n_values; v++) {
        double x = issue->numbers[v];
        double u = p[1] + (x - p[0]) * (p[3] - p[1]) / (p[2] - p[0]);
        scores[v] = x < p[0] || x > p[2] ? 0.0 : u < 0 ? 0.0 : u > 1 ? 1.0 : u;
    }
    return PL_OK;
}

static int read_utilities(const gx_domain *d, const json_t *space, gx_profile *p, pl_diag *diag)
{
    json_t *utils, *weights;
    const char *base = "LinearAdditiveUtilitySpace";
    TRY(pli_json_container_member(space, base, "issueUtilities", JSON_OBJECT, 1, &utils, diag));
    TRY(pli_json_container_member(space, base, "issueWeights", JSON_OBJECT, 1, &weights, diag));
    pl_json_path up = pli_json_key(base, "issueUtilities"), wp = pli_json_key(base, "issueWeights");
    const char *key;
    json_t *value;
    json_object_foreach(utils, key, value) {
        pl_json_path at = pli_json_key(up.text, key);
        long i = gx_find_name(d, key);
        if (i < 0)
            return pli_json_fail(diag, at.text, "not an issue of the domain");
        const json_t *discrete = json_object_get(value, "discreteutils");
        const json_t *number = json_object_get(value, "numberutils");
        int rc = discrete ? read_discrete_utils(&d->issues[i], discrete,
                                                pli_json_key(at.text, "discreteutils").text,
                                                p->scores[i], diag)
                 : number ? read_number_utils(&d->issues[i], number,
                                              pli_json_key(at.text, "numberutils").text,
                                              p->scores[i], diag)
                          : pli_json_fail(diag, at.text, "needs discreteutils or numberutils");
        if (rc != PL_OK)
            return rc;
    }
    json_object_foreach(weights, key, value) {
        pl_json_path at = pli_json_key(wp.text, key);
        long i = gx_find_name(d, key);
        if (i < 0)
            return pli_json_fail(diag, at.text, "not an issue of the domain");
        TRY(pli_json_number_value(value, at.text, &p->weights[i], diag));
        if (!(p->weights[i] >= 0))
            return pli_json_fail(diag, at.text, "a weight must not be negative");
    }
    return PL_OK;
}

static int check_complete(const gx_domain *d, const gx_profile *p, pl_diag *diag)
{
    double total = 0;
    for (size_t i = 0; i < d->n_issues; i++) {
        if (isnan(p->scores[i][0]))
            return pli_json_fail(diag, "LinearAdditiveUtilitySpace.issueUtilities",
                                 "gives no utilities for issue \"%.60s\"", d->issues[i].name);
        if (isnan(p->weights[i]))
            return pli_json_fail(diag, "LinearAdditiveUtilitySpace.issueWeights",
                                 "gives no weight for issue \"%.60s\"", d->issues[i].name);
        total += p->weights[i];
    }
    if (!(total > 0))
        return pli_json_fail(diag, "LinearAdditiveUtilitySpace.issueWeights",
                             "the weights must have a positive sum");
    return PL_OK;
}

/* The reservation value: the utility of reservationBid. */
static int read_reservation(const gx_domain *d, const json_t *space, gx_profile *p,
                            pl_diag *diag)
{
    const char *base = "LinearAdditiveUtilitySpace.reservationBid";
    const json_t *bid = json_object_get(space, "reservationBid");
    if (bid == NULL || json_is_null(bid))
        return PL_OK;
    json_t *values;
    TRY(pli_json_container_member(bid, base, "issuevalues", JSON_OBJECT, 1, &values, diag));
    double total = 0, u = 0;
    for (size_t i = 0; i < d->n_issues; i++)
        total += p->weights[i];
    const char *key;
    json_t *value;
    json_object_foreach(values, key, value) {
        pl_json_path at = pli_json_key(pli_json_key(base, "issuevalues").text, key);
        long i = gx_find_name(d, key);
        char label[64];
        const char *text = label;
        if (json_is_number(value))
            gx_number_label(json_number_value(value), label, sizeof label);
        else if (json_is_string(value))
            text = json_string_value(value);
        else
            return pli_json_wrong_type(diag, at.text, value, "a string or a number");
        long v = i < 0 ? -1 : gx_find_value(&d->issues[i], text);
        if (v < 0)
            return pli_json_fail(diag, at.text, "not an issue and value of the domain");
        u += p->weights[i] / total * p->scores[i][v];
    }
    p->reservation = u > 1 ? 1 : u;
    p->has_reservation_bid = 1;
    return PL_OK;
}

static int read_profile_object(const gx_domain *d, const json_t *root, gx_profile *p,
                               pl_diag *diag)
{
    const json_t *space = json_is_object(root)
                              ? json_object_get(root, "LinearAdditiveUtilitySpace") : NULL;
    if (!json_is_object(space))
        return pli_json_fail(diag, "LinearAdditiveUtilitySpace", "missing (only linear "
                             "additive GeniusWeb profiles are supported)");
    const json_t *name = json_object_get(space, "name");
    if (json_is_string(name) && json_string_length(name) > 0 &&
        (p->name = pli_strdup(json_string_value(name))) == NULL)
        return pli_json_out_of_memory(diag);
    const json_t *domain = json_object_get(space, "domain");
    const json_t *dname = json_is_object(domain) ? json_object_get(domain, "name") : NULL;
    if (json_is_string(dname) && d->name != NULL && strcmp(json_string_value(dname), d->name))
        return pli_json_fail(diag, "LinearAdditiveUtilitySpace.domain.name",
                             "\"%.60s\", but the domain is \"%.60s\": is this profile for "
                             "another domain?", json_string_value(dname), d->name);
    TRY(read_utilities(d, space, p, diag));
    TRY(check_complete(d, p, diag));
    return read_reservation(d, space, p, diag);
}

static int read_profile(const gx_domain *d, const char *data, size_t size, gx_profile *p,
                        pl_diag *diag)
{
    json_t *root;
    if (gx_profile_alloc(p, d) != PL_OK)
        return pli_json_out_of_memory(diag);
    int rc = load(data, size, &root, diag);
    if (rc == PL_OK)
        rc = read_profile_object(d, root, p, diag);
    json_decref(root);
    return rc;
}

int pl_read_geniusweb(const char *domain_source, const char *domain_data, size_t domain_size,
                      size_t n_profiles, const char *const *profile_sources,
                      const char *const *profile_data, const size_t *profile_sizes,
                      pl_scenario **out, pl_diag *diag)
{
    pl_diag_clear(diag);
    pl_diag_set_source(diag, domain_source);
    if (out == NULL || n_profiles == 0 || profile_sources == NULL || profile_data == NULL ||
        profile_sizes == NULL)
        return pl_diag_set(diag, out == NULL ? PL_ERR_ARGUMENT : PL_ERR_INVALID, 0, 0,
                           "a GeniusWeb domain is read with its profiles: give it together "
                           "with one profile file per party (DOMAIN PROFILE...)");
    *out = NULL;
    gx_domain domain;
    int rc = read_domain(domain_data, domain_size, &domain, diag);
    gx_profile *profiles = rc == PL_OK ? pli_calloc(n_profiles, sizeof *profiles) : NULL;
    if (rc == PL_OK && profiles == NULL)
        rc = pli_json_out_of_memory(diag);
    for (size_t p = 0; rc == PL_OK && p < n_profiles; p++) {
        pl_diag_set_source(diag, profile_sources[p]);
        rc = read_profile(&domain, profile_data[p], profile_sizes[p], &profiles[p], diag);
    }
    if (rc == PL_OK)
        rc = gx_build(&domain, domain_source, n_profiles, profiles, profile_sources,
                      "geniusweb", out, diag);
    for (size_t p = 0; profiles != NULL && p < n_profiles; p++)
        gx_profile_free(&profiles[p], domain.n_issues);
    pli_free(profiles);
    gx_domain_free(&domain);
    return rc;
}
