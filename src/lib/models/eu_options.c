/*
 * eu_options.c - the expected-utility model's options (docs/specs/bdm-eu.md
 * section 11, O1-O13), its presets (section 12) and their text forms.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "parley/eu.h"

/* Section 12, `paper`: every default of section 11. */
static void paper_options(pl_eu_options *o)
{
    o->preset = PL_EU_PRESET_PAPER;
    o->q = 1.0;
    o->prob = PL_EU_PROB_PAIRWISE;
    o->vote_exp = PL_EU_VOTE_LINEAR;
    o->perspective = PL_EU_PERSPECTIVE_OWN;
    o->security = PL_EU_SECURITY_CHALLENGED;
    o->risk_start = PL_EU_RISK_RESET;
    o->selection = PL_EU_SELECT_CATEGORY;
    o->capitulation = 1;
    o->median_tie = PL_EU_TIE_FIRST;
    o->range = PL_EU_RANGE_INITIAL;
    o->mu_pass2 = PL_EU_MU_MEDIAN;
    o->t_equal = 0;
    o->compromise = PL_EU_COMPROMISE_EQ36;
}

/* Section 12, `scholz2011`: Scholz's code as jmckib reports it. */
static void scholz_options(pl_eu_options *o)
{
    paper_options(o);
    o->preset = PL_EU_PRESET_SCHOLZ2011;
    o->prob = PL_EU_PROB_GLOBAL;
    o->vote_exp = PL_EU_VOTE_VOTER_R;
    o->perspective = PL_EU_PERSPECTIVE_RECEIVER;
    o->selection = PL_EU_SELECT_SCHOLZ_CODE;
    o->capitulation = 0;
    o->q = 1.0;
}

void pl_eu_options_init(pl_eu_options *o)
{
    *o = (pl_eu_options)PL_EU_OPTIONS_INIT;
}

const char *pl_eu_preset_name(pl_eu_preset preset)
{
    return preset == PL_EU_PRESET_PAPER ? "paper" : "scholz2011";
}

int pl_eu_options_preset(pl_eu_options *o, const char *name, pl_diag *diag)
{
    if (o == NULL || name == NULL)
        return PL_ERR_ARGUMENT;
    if (strcmp(name, "scholz2011") == 0)
        scholz_options(o);
    else if (strcmp(name, "paper") == 0)
        paper_options(o);
    else
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "unknown eu preset \"%.64s\" (valid: scholz2011, paper)", name);
    if (o->version != PL_EU_OPTIONS_VERSION) {
        o->max_work = PL_EU_DEFAULT_MAX_WORK;
        o->progress = (pl_progress){NULL, NULL};
    }
    o->version = PL_EU_OPTIONS_VERSION; /* a preset initialises, as the header says */
    return PL_OK;
}

/* The enumerated options, in the order of the table below. */
typedef enum choice_field {
    FIELD_PROB, FIELD_VOTE_EXP, FIELD_PERSPECTIVE, FIELD_SECURITY, FIELD_RISK_START,
    FIELD_SELECTION, FIELD_CAPITULATION, FIELD_MEDIAN_TIE, FIELD_RANGE, FIELD_MU_PASS2,
    FIELD_T_EQUAL, FIELD_COMPROMISE
} choice_field;

/* One enumerated option: its id, readable name and values in enum order. */
typedef struct choice_option {
    const char *id;
    const char *name;
    const char *values[6]; /* NULL-terminated */
    choice_field field;
} choice_option;

static const choice_option choices[] = {
    {"O2", "prob", {"pairwise", "global", "net", NULL}, FIELD_PROB},
    {"O3", "vote_exp", {"linear", "voter_r", NULL}, FIELD_VOTE_EXP},
    {"O4", "perspective", {"own", "receiver", NULL}, FIELD_PERSPECTIVE},
    {"O5", "security", {"challenged", "challenging", NULL}, FIELD_SECURITY},
    {"O6", "risk_start", {"reset", "carry", NULL}, FIELD_RISK_START},
    {"O7", "selection", {"category", "scholz_code", "least_move", "max_eu", NULL},
     FIELD_SELECTION},
    {"O8", "capitulation", {"off", "on", NULL}, FIELD_CAPITULATION},
    {"O9", "median_tie", {"first", "low", "high", "king", "max_pair", NULL}, FIELD_MEDIAN_TIE},
    {"O10", "range", {"initial", "current", NULL}, FIELD_RANGE},
    {"O11", "mu_pass2", {"median", "mean", NULL}, FIELD_MU_PASS2},
    {"O12", "T_equal", {"0", "1", NULL}, FIELD_T_EQUAL},
    {"O13", "compromise", {"eq36", "wavg", NULL}, FIELD_COMPROMISE},
};
#define N_CHOICES (sizeof choices / sizeof choices[0])

/* Store value number k (its place in the option's value list) in the field. */
static void store_choice(pl_eu_options *o, choice_field field, int k)
{
    switch (field) {
    case FIELD_PROB: o->prob = (pl_eu_prob)k; break;
    case FIELD_VOTE_EXP: o->vote_exp = (pl_eu_vote_exp)k; break;
    case FIELD_PERSPECTIVE: o->perspective = (pl_eu_perspective)k; break;
    case FIELD_SECURITY: o->security = (pl_eu_security)k; break;
    case FIELD_RISK_START: o->risk_start = (pl_eu_risk_start)k; break;
    case FIELD_SELECTION: o->selection = (pl_eu_selection)k; break;
    case FIELD_CAPITULATION: o->capitulation = k; break;
    case FIELD_MEDIAN_TIE: o->median_tie = (pl_eu_median_tie)k; break;
    case FIELD_RANGE: o->range = (pl_eu_range)k; break;
    case FIELD_MU_PASS2: o->mu_pass2 = (pl_eu_mu_pass2)k; break;
    case FIELD_T_EQUAL: o->t_equal = k; break;
    case FIELD_COMPROMISE: o->compromise = (pl_eu_compromise)k; break;
    }
}

static int set_choice(pl_eu_options *o, const choice_option *c, const char *value,
                      pl_diag *diag)
{
    char valid[128] = "";
    for (int k = 0; c->values[k] != NULL; k++) {
        if (strcmp(value, c->values[k]) == 0) {
            store_choice(o, c->field, k);
            return PL_OK;
        }
        size_t used = strlen(valid);
        snprintf(valid + used, sizeof valid - used, "%s%s", k ? ", " : "", c->values[k]);
    }
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "eu option %s (%s): unknown value \"%.64s\" (valid: %s)", c->id, c->name,
                       value, valid);
}

static int set_q(pl_eu_options *o, const char *value, pl_diag *diag)
{
    double q;
    if (pli_parse_number(value, &q) != 0 || q < 0 || q > 1)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "eu option O1 (Q): \"%.64s\" is not a number in [0, 1]", value);
    o->q = q;
    return PL_OK;
}

static int set_rounds(pl_eu_options *o, const char *value, pl_diag *diag)
{
    double r;
    if (pli_parse_number(value, &r) != 0 || r < 1 || r > PL_EU_MAX_ROUNDS || r != (int)r)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "eu option rounds: \"%.64s\" is not a whole number from 1 to %d",
                           value, PL_EU_MAX_ROUNDS);
    o->rounds = (int)r;
    return PL_OK;
}

static int set_max_work(pl_eu_options *o, const char *value, pl_diag *diag)
{
    double w;
    if (pli_parse_number(value, &w) != 0 || !(w >= 1) || w > 1e18 || w != floor(w))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "eu option max_work: \"%.64s\" is not a whole number from 1 to 1e18",
                           value);
    o->max_work = (unsigned long long)w;
    return PL_OK;
}

int pl_eu_options_set(pl_eu_options *o, const char *name, const char *value, pl_diag *diag)
{
    if (o == NULL || name == NULL || value == NULL || o->version != PL_EU_OPTIONS_VERSION)
        return PL_ERR_ARGUMENT;
    if (pli_same_name(name, "O1") || pli_same_name(name, "Q"))
        return set_q(o, value, diag);
    if (pli_same_name(name, "rounds"))
        return set_rounds(o, value, diag);
    if (pli_same_name(name, "preset"))
        return pl_eu_options_preset(o, value, diag);
    if (pli_same_name(name, "max_work"))
        return set_max_work(o, value, diag);
    for (size_t c = 0; c < N_CHOICES; c++)
        if (pli_same_name(name, choices[c].id) || pli_same_name(name, choices[c].name))
            return set_choice(o, &choices[c], value, diag);
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "unknown eu option \"%.64s\" (valid: O1 Q, O2 prob, O3 vote_exp, "
                       "O4 perspective, O5 security, O6 risk_start, O7 selection, "
                       "O8 capitulation, O9 median_tie, O10 range, O11 mu_pass2, O12 T_equal, "
                       "O13 compromise, rounds, preset, max_work)",
                       name);
}
