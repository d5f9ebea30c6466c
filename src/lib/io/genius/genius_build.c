/*
 * genius_build.c - GENIUS and GeniusWeb files into a scenario: recognising
 * them and building the scenario from a domain and its profiles (reading
 * them from files is io/load_files.c's).
 *
 * Each party (profile) becomes an actor with capability 1 and veto 1: in a
 * GENIUS negotiation (bilateral or multilateral) there is an agreement only
 * when every party accepts it. Its saliences are its issue weights divided
 * by their sum (summed in issue order, as GENIUS does), its option values
 * the profile's scores, so pl_package_utility() gives GENIUS's utility.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse/csv.h"
#include "io/genius/genius.h"

/* ---- recognising the formats ---- */

/* The name of the first element of an XML text (after the prolog and comments). */
static int root_is(const char *p, const char *end, const char *name)
{
    size_t length = strlen(name);
    while (p < end) {
        const char *open = memchr(p, '<', (size_t)(end - p));
        if (open == NULL || open + 1 >= end)
            return 0;
        if (open[1] == '?' || open[1] == '!') {
            p = open + 2;
            continue;
        }
        return (size_t)(end - open - 1) > length && memcmp(open + 1, name, length) == 0 &&
               strchr(" \t\r\n/>", open[1 + length]) != NULL;
    }
    return 0;
}

/* A key "name" in JSON text (a quote not preceded by a backslash, then a colon). */
static int has_key(const char *p, const char *end, const char *key)
{
    size_t length = strlen(key);
    for (const char *q = p; q + length + 2 <= end; q++) {
        if (q[0] != '"' || (q > p && q[-1] == '\\') || memcmp(q + 1, key, length) != 0 ||
            q[1 + length] != '"')
            continue;
        const char *c = q + length + 2;
        while (c < end && isspace((unsigned char)*c))
            c++;
        if (c < end && *c == ':')
            return 1;
    }
    return 0;
}

int gx_geniusweb_kind(const char *data, size_t size)
{
    const char *end = data + size;
    if (has_key(data, end, "LinearAdditiveUtilitySpace"))
        return 2;
    if (has_key(data, end, "issuesValues"))
        return 1;
    return 0;
}

pl_format pli_genius_detect(const char *data, size_t size)
{
    const char *end = data + size;
    if (size > 0 && data[0] == '<') {
        if (root_is(data, end, "negotiation_template"))
            return PL_FORMAT_GENIUS_DOMAIN;
        if (root_is(data, end, "utility_space"))
            return PL_FORMAT_GENIUS_PROFILE;
    }
    if (size > 0 && data[0] == '{' && gx_geniusweb_kind(data, size) != 0)
        return PL_FORMAT_GENIUSWEB;
    return PL_FORMAT_UNKNOWN;
}

int pli_genius_alone(pl_format format, const char *data, size_t size, pl_diag *diag)
{
    if (format == PL_FORMAT_GENIUS_DOMAIN ||
        (format == PL_FORMAT_GENIUSWEB && gx_geniusweb_kind(data, size) == 1))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "a GENIUS domain is read with its profiles: give it together with "
                           "one profile file per party, in any order (DOMAIN PROFILE...)");
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "a GENIUS profile is read with its domain: give the domain file and "
                       "every party's profile together, in any order (DOMAIN PROFILE...)");
}

/* ---- building the scenario ---- */

/* A value with a tab: the option's id has a space for each tab, its label the value. */
static int untab_options(pl_issue *is)
{
    for (size_t v = 0; v < is->n_options; v++) {
        if (strchr(is->options[v].id, '\t') == NULL)
            continue;
        if (pl_scenario_set_string(&is->options[v].label, is->options[v].id) != PL_OK)
            return PL_ERR_NOMEM;
        for (char *c = is->options[v].id; *c; c++)
            if (*c == '\t')
                *c = ' ';
    }
    return PL_OK;
}

static int add_issue(pl_scenario *s, const gx_issue *issue)
{
    size_t index;
    int rc = pl_scenario_add_options_issue(s, issue->name, issue->name, issue->n_values,
                                           (const char *const *)issue->values, &index);
    if (rc == PL_OK)
        rc = untab_options(&s->issues[index]);
    if (rc != PL_OK || issue->kind == GX_DISCRETE)
        return rc;
    pl_issue *is = &s->issues[index];
    is->low = issue->low;
    is->high = issue->high;
    is->ordered = 1;
    for (size_t v = 0; v < issue->n_values; v++) {
        is->options[v].has_position = 1;
        is->options[v].position = issue->numbers[v];
    }
    return PL_OK;
}

static int add_actor(pl_scenario *s, const gx_domain *d, const gx_profile *p, const char *source,
                     pl_diag *diag)
{
    char *stem = p->name ? pli_strdup(p->name) : pli_source_stem(source);
    if (stem == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    size_t a;
    int rc = PL_OK;
    if (stem[0] == '\0' || pli_has_control_character(stem))
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "the party needs a name: the file name "
                         "is empty or holds a control character");
    else if (pl_scenario_find_actor(s, stem, &a) == PL_OK)
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "two profiles give the party \"%.60s\" "
                         "(party ids come from the file names)", stem);
    else if (pl_scenario_add_actor(s, stem, stem, 1.0, &a) != PL_OK)
        rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    pli_free(stem);
    if (rc != PL_OK)
        return rc;
    s->actors[a].veto = 1;
    s->actors[a].reservation = p->reservation;
    s->actors[a].discount = p->discount;
    double total = 0;
    for (size_t i = 0; i < d->n_issues; i++)
        total += p->weights[i];
    for (size_t i = 0; i < d->n_issues; i++)
        if (pl_scenario_set_option_values(s, a, i, p->scores[i], p->weights[i] / total) != PL_OK)
            return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    return PL_OK;
}

static int describe(pl_scenario *s, const gx_domain *d, const char *domain_source,
                    const char *format)
{
    char *stem = pli_source_stem(domain_source);
    if (stem == NULL)
        return PL_ERR_NOMEM;
    const char *id = stem[0] && !pli_has_control_character(stem) ? stem
                     : d->name && d->name[0] ? d->name : "genius";
    char line[PL_DIAG_MESSAGE_MAX];
    snprintf(line, sizeof line, "%s domain %.200s with %zu profiles",
             strcmp(format, "geniusweb") == 0 ? "GeniusWeb" : "GENIUS",
             domain_source ? domain_source : id, s->n_actors);
    int rc = pl_scenario_set_string(&s->id, id);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->name, id);
    if (rc == PL_OK)
        rc = pl_scenario_set_string(&s->format, format);
    if (rc == PL_OK)
        rc = pl_scenario_add_source(s, line);
    for (size_t i = 0; rc == PL_OK && i < d->n_issues; i++)
        if (d->issues[i].kind == GX_REAL && strcmp(format, "genius") == 0) {
            snprintf(line, sizeof line, "GENIUS real issue %.200s is read at GENIUS's %d "
                     "discretisation steps", d->issues[i].name, GX_REAL_STEPS);
            rc = pl_scenario_add_caveat(s, line);
        }
    pli_free(stem);
    return rc;
}

int gx_build(const gx_domain *domain, const char *domain_source, size_t n,
             const gx_profile *profiles, const char *const *sources, const char *format,
             pl_scenario **out, pl_diag *diag)
{
    pl_scenario *s = NULL;
    int rc = pl_scenario_new(&s);
    for (size_t i = 0; rc == PL_OK && i < domain->n_issues; i++)
        rc = add_issue(s, &domain->issues[i]);
    if (rc != PL_OK) {
        pl_scenario_free(s);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    for (size_t p = 0; rc == PL_OK && p < n; p++) {
        pl_diag_set_source(diag, sources[p]);
        rc = add_actor(s, domain, &profiles[p], sources[p], diag);
    }
    if (rc == PL_OK)
        pl_diag_set_source(diag, domain_source);
    if (rc == PL_OK && describe(s, domain, domain_source, format) != PL_OK)
        rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    return pli_reader_finish(rc, s, out, diag);
}

static int check_arguments(size_t n, const char *const *sources, const char *const *data,
                           const size_t *sizes, pl_scenario **out, pl_diag *diag)
{
    if (out == NULL || (n > 0 && (sources == NULL || data == NULL || sizes == NULL)))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no input");
    *out = NULL;
    if (n == 0)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "a GENIUS domain is read with its profiles: give it together with "
                           "one profile file per party, in any order (DOMAIN PROFILE...)");
    if (n > GX_MAX_PARTIES)
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0, "more than %d parties", GX_MAX_PARTIES);
    return PL_OK;
}

int pl_read_genius(const char *domain_source, const char *domain_data, size_t domain_size,
                   size_t n_profiles, const char *const *profile_sources,
                   const char *const *profile_data, const size_t *profile_sizes,
                   pl_scenario **out, pl_diag *diag)
{
    pl_diag_clear(diag);
    pl_diag_set_source(diag, domain_source);
    int rc = check_arguments(n_profiles, profile_sources, profile_data, profile_sizes, out, diag);
    if (rc != PL_OK)
        return rc;
    gx_domain domain;
    if ((rc = gx_read_domain_xml(domain_data, domain_size, &domain, diag)) != PL_OK)
        return rc;
    gx_profile *profiles = pli_calloc(n_profiles, sizeof *profiles);
    if (profiles == NULL)
        rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t p = 0; rc == PL_OK && p < n_profiles; p++) {
        pl_diag_set_source(diag, profile_sources[p]);
        rc = gx_read_profile_xml(profile_data[p], profile_sizes[p], &domain, &profiles[p], diag);
    }
    if (rc == PL_OK)
        rc = gx_build(&domain, domain_source, n_profiles, profiles, profile_sources, "genius",
                      out, diag);
    for (size_t p = 0; profiles != NULL && p < n_profiles; p++)
        gx_profile_free(&profiles[p], domain.n_issues);
    pli_free(profiles);
    gx_domain_free(&domain);
    return rc;
}
