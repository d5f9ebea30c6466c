/*
 * genius.h - what the GENIUS and GeniusWeb readers share; not installed.
 *
 * The readers first turn the domain into a small list of issues (gx_domain),
 * then read each profile against it into per-value scores (gx_profile), and
 * build the scenario from both (genius_build.c). The XML helpers (genius_xml.c)
 * parse hardened, as ktab_xml_reader.c does, and give errors a line and column.
 */
#ifndef PARLEY_GENIUS_H
#define PARLEY_GENIUS_H

#include <stddef.h>

#include <libxml/tree.h>

#include "io/parse/csv.h"
#include "core/internal.h"
#include "parley/limits.h"
#include "io/parse/xml_guard.h"

/** Number of values GENIUS gives a real issue (its discretisation steps). */
#define GX_REAL_STEPS 21
/** Most values an integer issue may have. */
#define GX_MAX_VALUES PL_LIMIT_DEFAULT_OPTIONS /* parley/limits.h */
/** Most issues and parties parley reads from GENIUS files. */
#define GX_MAX_ISSUES PL_LIMIT_DEFAULT_ISSUES
#define GX_MAX_PARTIES 10000

typedef enum gx_kind { GX_DISCRETE = 0, GX_INTEGER = 1, GX_REAL = 2 } gx_kind;

typedef struct gx_issue {
    char *name;
    long index;          /**< the `index` attribute */
    gx_kind kind;
    double low, high;    /**< integer and real issues */
    size_t n_values;
    char **values;       /**< value labels (the option ids) */
    double *numbers;     /**< integer and real issues: each value as a number */
} gx_issue;

typedef struct gx_domain {
    char *name;          /**< the domain's own name, if it gives one */
    size_t n_issues;
    gx_issue *issues;    /**< sorted by index */
    size_t n_objectives;
    long *objectives;    /**< indices of the objectives (their weights are ignored) */
} gx_domain;

typedef struct gx_profile {
    char *name;          /**< the party's name when the file gives one, else NULL */
    double *weights;     /**< per domain issue, raw */
    double **scores;     /**< per domain issue, per value: the score in [0, 1] */
    double reservation;
    double discount;
    int has_reservation_bid;
} gx_profile;

void gx_domain_free(gx_domain *domain);
void gx_profile_free(gx_profile *profile, size_t n_issues);
/** Allocate the weight and score arrays of `profile` for `domain` (scores zeroed). */
int gx_profile_alloc(gx_profile *profile, const gx_domain *domain);

/** Sort issues by index (stable); fail on repeated indices or names. */
int gx_domain_check(gx_domain *domain, pl_diag *diag);
/** Add integer values lo..hi or the GENIUS real steps on [lo, hi] to `issue`. */
int gx_issue_numbers(gx_issue *issue, pl_diag *diag);
/** Find the issue with this index / name; -1 when none. */
long gx_find_index(const gx_domain *domain, long index);
long gx_find_name(const gx_domain *domain, const char *name);
long gx_find_value(const gx_issue *issue, const char *value);
/**
 * Nonzero when `text` holds a control character other than a tab. GENIUS
 * accepts a tab in a value (valid XML as "&#9;"); the option's id then has a
 * space for it (ids hold no control characters) and its label the value.
 */
int gx_has_control_besides_tab(const char *text);
/** Append a value (label copied) to an issue whose arrays hold `*capacity` values. */
int gx_issue_add(gx_issue *issue, size_t *capacity, const char *label, double number);
/** The shortest decimal text that reads back as `value`. */
void gx_number_label(double value, char *buffer, size_t size);

/**
 * Build the scenario: issues from `domain`, one actor per profile (id from
 * the profile's name, else from the stem of its source name).
 */
int gx_build(const gx_domain *domain, const char *domain_source, size_t n,
             const gx_profile *profiles, const char *const *sources, const char *format,
             pl_scenario **out, pl_diag *diag);

/* ---- XML (genius_xml.c) ---- */

typedef struct gx_xml {
    pl_diag *diag;
    const char *data;
    size_t size;
    void *context;       /**< xmlParserCtxtPtr */
    xmlDocPtr doc;
} gx_xml;

/** Parse hardened (DOCTYPE/ENTITY refused first); sets x->doc. */
int gx_xml_parse(gx_xml *x, pl_diag *diag, const char *data, size_t size);
void gx_xml_free(gx_xml *x);
/** Fill the diagnostic with the element's line and column (printf-style message). */
#define gx_fail(x, node, status, ...)                                                              \
    pli_xml_fail_at_node((x)->data, (x)->size, (node), (status), (x)->diag, __VA_ARGS__)
xmlNodePtr gx_first(xmlNodePtr parent);
xmlNodePtr gx_next(xmlNodePtr node);
int gx_is(xmlNodePtr node, const char *name);
/** A new copy of attribute `name`, or NULL when absent (check *out for out of memory). */
int gx_attr(gx_xml *x, xmlNodePtr node, const char *name, char **out);
/** A number attribute: absent leaves *out, sets *present to 0 (present NULL: required). */
int gx_number(gx_xml *x, xmlNodePtr node, const char *name, int *present, double *out);
/** A whole-number attribute. */
int gx_long(gx_xml *x, xmlNodePtr node, const char *name, int *present, long *out);
/** The issue kind from type, etype or vtype (discrete when none). */
int gx_kind_of(gx_xml *x, xmlNodePtr issue, gx_kind *kind);

/* ---- readers ---- */

int gx_read_domain_xml(const char *data, size_t size, gx_domain *domain, pl_diag *diag);
int gx_read_profile_xml(const char *data, size_t size, const gx_domain *domain,
                        gx_profile *profile, pl_diag *diag);

/** What a GeniusWeb JSON text holds: 1 a domain, 2 a profile, 0 neither. */
int gx_geniusweb_kind(const char *data, size_t size);
/** Recognise GENIUS XML or GeniusWeb JSON from the first bytes; PL_FORMAT_UNKNOWN if neither. */
pl_format pli_genius_detect(const char *data, size_t size);
/** The diagnostic for a GENIUS or GeniusWeb file given alone (needs its domain or profiles). */
int pli_genius_alone(pl_format format, const char *data, size_t size, pl_diag *diag);

#endif
