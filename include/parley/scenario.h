/*
 * parley/scenario.h - the scenario: the one data model every reader produces.
 *
 * A scenario says who takes part (actors), what is negotiated (issues), what
 * each actor wants on each issue and how much it cares (stances), where its
 * red lines lie, which packages are on the table (proposals), how a decision
 * is taken (decision rule), what is uncertain and what may change during the
 * talks (uncertainty, shocks), and where the numbers come from (provenance).
 *
 * Ownership: a pl_scenario owns every array and string reachable from it.
 * Build one with pl_scenario_new() and the pl_scenario_add_* calls (or a
 * reader), check it with pl_scenario_validate(), then treat it as read-only:
 * models and analyses take `const pl_scenario *` and never change it, so one
 * scenario may be shared by several threads. Free it with pl_scenario_free().
 *
 * Indices: actors, issues, options and proposals are referred to by their
 * 0-based index in input order; ids are unique within their kind.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The one tolerance of parley's comparisons of utilities (and of positions
 * relative to an issue's range): an outcome is rational for a party when
 * u >= rv - PL_TOLERANCE, one utility vector dominates another within it, and
 * values closer than it are equal (a margin above -PL_TOLERANCE is not
 * negative; model votes closer than it, relative to their size, tie). It
 * absorbs the rounding of sums of products of decimals, far below any
 * difference a scenario's data can express (docs/frontier.md, "Definitions").
 */
#define PL_TOLERANCE 1e-9

/** An actor (party, stakeholder). */
typedef struct pl_actor {
    char *id;           /**< unique identifier, non-empty */
    char *name;         /**< display name (defaults to the id) */
    char *description;  /**< may be NULL */
    double capability;  /**< power, resources or clout; > 0, any unit */
    double reservation; /**< utility of no agreement, in [0, 1]; 0 by default */
    int veto;           /**< nonzero: no settlement without this actor's consent */
    double discount;    /**< GENIUS discount factor per unit of time, in (0, 1]; 1 by default */
} pl_actor;

/** How the issue's outcomes are expressed. */
typedef enum pl_issue_kind {
    PL_ISSUE_CONTINUOUS = 0, /**< a position on the range [low, high] */
    PL_ISSUE_OPTIONS = 1     /**< one of a list of options */
} pl_issue_kind;

/** A labelled point of an issue's scale ("30 = frozen on the line of contact"). */
typedef struct pl_scale_point {
    double value;
    char *label;
} pl_scale_point;

/** One option of an options issue. */
typedef struct pl_option {
    char *id;           /**< unique within its issue */
    char *label;        /**< display text (defaults to the id) */
    int has_position;   /**< nonzero when the option is placed on the issue's range */
    double position;    /**< its place on [low, high] when has_position */
} pl_option;

/** An issue (a dimension, an item of a plan). */
typedef struct pl_issue {
    char *id;
    char *name;               /**< defaults to the id */
    char *description;        /**< may be NULL */
    pl_issue_kind kind;
    double low, high;         /**< the range; low < high (options: where placed options lie) */
    char *low_label;          /**< what `low` means; may be NULL */
    char *high_label;         /**< what `high` means; may be NULL */
    size_t n_scale_points;
    pl_scale_point *scale_points;
    size_t n_options;         /**< options issues only */
    pl_option *options;
    int ordered;              /**< options issues: nonzero when the list order is meaningful */
    int has_reference;        /**< nonzero when a reference point (status quo) is given */
    double reference;         /**< position, or option index on an options issue */
    int has_outcome;          /**< nonzero when the observed outcome is known (backtesting) */
    double outcome;           /**< position, or option index on an options issue */
} pl_issue;

/**
 * What one actor wants on one issue.
 *
 * Continuous issues: the ideal `position` on the issue's range. Options issues:
 * `option_values[k]` in [0, 1] is the actor's value for option k (1 = best).
 * `salience` in [0, 1] is how much the issue matters to the actor.
 */
typedef struct pl_stance {
    int present;            /**< zero: the actor takes no part in this issue */
    double position;
    double salience;
    int has_capability;     /**< nonzero: `capability` overrides the actor's on this issue */
    double capability;      /**< per-issue capability (Decide's per-issue power) */
    double *option_values;  /**< n_options values for an options issue, else NULL */
} pl_stance;

/**
 * A red line: the only outcomes of one issue an actor can accept, whatever
 * else a package gives it (non-compensatory).
 */
typedef struct pl_red_line {
    size_t actor;
    size_t issue;
    double low, high;        /**< continuous issues: the acceptable interval, inclusive */
    unsigned char *allowed;  /**< options issues: allowed[k] nonzero when option k is acceptable */
    char *note;              /**< why the line is there; may be NULL */
} pl_red_line;

/** A named package: one outcome per issue. */
typedef struct pl_proposal {
    char *id;
    char *name;         /**< defaults to the id */
    char *description;  /**< may be NULL */
    char *date;         /**< free text, may be NULL */
    double *values;     /**< per issue: the position, or the option index for options issues */
} pl_proposal;

/** How the parties decide. */
typedef enum pl_rule_kind {
    PL_RULE_UNANIMITY = 0,        /**< every veto actor must accept (the default) */
    PL_RULE_WEIGHTED_MAJORITY = 1 /**< accepting actors must hold `threshold` of all capability */
} pl_rule_kind;

typedef struct pl_decision_rule {
    pl_rule_kind kind;
    double threshold; /**< weighted majority: share of capability in (0, 1] */
} pl_decision_rule;

/** How distance from an ideal point turns into utility on a continuous issue. */
typedef enum pl_utility_form {
    PL_UTILITY_LINEAR = 0,   /**< u = 1 - |x - p| / range (docs/design.md) */
    PL_UTILITY_QUADRATIC = 1 /**< u = 1 - ((x - p) / range)^2 */
} pl_utility_form;

/** Quantities that uncertainty, shocks and provenance can refer to. */
typedef enum pl_quantity {
    PL_QUANTITY_CAPABILITY = 0,
    PL_QUANTITY_RESERVATION = 1,
    PL_QUANTITY_POSITION = 2,
    PL_QUANTITY_SALIENCE = 3,
    PL_QUANTITY_RED_LINE = 4,
    PL_QUANTITY_COUNT = 5
} pl_quantity;

/** Name of a quantity as written in scenario files ("capability", ...). */
PL_API const char *pl_quantity_name(pl_quantity quantity);

typedef enum pl_distribution {
    PL_DISTRIBUTION_UNIFORM = 0,    /**< uniform on value +/- spread */
    PL_DISTRIBUTION_NORMAL = 1,     /**< normal, standard deviation `spread` */
    PL_DISTRIBUTION_TRIANGULAR = 2  /**< triangular on value +/- spread, mode at value */
} pl_distribution;

/** Marks "every issue" in pl_draw.issue and pl_change.issue. */
#define PL_ALL_ISSUES ((size_t)-1)

/** One uncertain input: a quantity of one actor (on one issue, or all). */
typedef struct pl_draw {
    size_t actor;
    size_t issue;           /**< for position, salience, red line; PL_ALL_ISSUES for all */
    pl_quantity quantity;
    pl_distribution distribution;
    double spread;          /**< half-width (uniform, triangular) or standard deviation (normal) */
} pl_draw;

/** A named group of uncertain inputs ("sincerity in doubt"). */
typedef struct pl_uncertainty {
    char *id;
    char *name;
    char *description;
    size_t n_draws;
    pl_draw *draws;
} pl_uncertainty;

typedef enum pli_change_operation {
    PL_CHANGE_ADD = 0,
    PL_CHANGE_MULTIPLY = 1,
    PL_CHANGE_SET = 2
} pli_change_operation;

/** One change a shock makes. */
typedef struct pl_change {
    size_t actor;
    size_t issue;           /**< for position, salience; PL_ALL_ISSUES for all */
    pl_quantity quantity;
    pli_change_operation operation;
    double value;
} pl_change;

/** A named event that changes inputs at given rounds ("battlefield gains"). */
typedef struct pl_shock {
    char *id;
    char *name;
    char *description;
    int start_round;        /**< first round it applies at, >= 1 */
    int every;              /**< repeats every `every` rounds; 0 = once */
    size_t n_changes;
    pl_change *changes;
} pl_shock;

/** Where the numbers come from. */
typedef struct pl_provenance {
    char *description;
    char *date;
    size_t n_sources;
    char **sources;
    size_t n_caveats;
    char **caveats;
    /** Bit (1u << q) set when quantity q holds analyst judgements, not observed data. */
    unsigned judgements;
} pl_provenance;

/** Number of KTAB model parameters (see pl_ktab_parameter_name()). */
#define PL_KTAB_PARAMETER_COUNT 9

/** One KTAB ideal-adjustment pair: how far an actor's ideal follows a position. */
typedef struct pl_ktab_adjustment {
    size_t adjusting_actor;
    size_t reference_actor;
    double adjust;
} pl_ktab_adjustment;

/**
 * Settings that KTAB XML files can carry for KTAB's spatial model; kept so
 * that the smp model can honour or refuse them. NULL parameter = KTAB's default.
 */
typedef struct pl_ktab_settings {
    char *seed;                                  /**< prngSeed as written, or NULL */
    char *parameters[PL_KTAB_PARAMETER_COUNT];   /**< in pl_ktab_parameter_name() order */
    size_t n_adjustments;
    pl_ktab_adjustment *adjustments;
} pl_ktab_settings;

/** Name of KTAB model parameter k ("VictoryProbModel", ...), or NULL when out of range. */
PL_API const char *pl_ktab_parameter_name(size_t k);

/**
 * The scenario. Only the builder calls and the readers (which also fill fields
 * the builder calls leave at their defaults, such as labels and notes) write
 * it; everyone else treats it as read-only.
 */
typedef struct pl_scenario {
    char *id;
    char *name;
    char *format;               /**< the input format read ("parley", "ktab-csv", ...) */
    pl_provenance provenance;
    size_t n_actors;
    pl_actor *actors;
    size_t n_issues;
    pl_issue *issues;
    pl_stance *stances;         /**< n_actors x n_issues, row-major: stances[a * n_issues + i] */
    size_t n_red_lines;
    pl_red_line *red_lines;
    size_t n_proposals;
    pl_proposal *proposals;
    pl_decision_rule decision_rule;
    pl_utility_form utility_form;
    double acceptable_threshold; /**< item utility from which an item is "acceptable" (0.75) */
    double critical_threshold;   /**< ... "critical" (0.5); below it "negative" */
    size_t n_uncertainties;
    pl_uncertainty *uncertainties;
    size_t n_shocks;
    pl_shock *shocks;
    pl_ktab_settings ktab;
    /**
     * Rounds of talks the scenario covers (the native format's optional
     * "horizon"); 0 when not stated. A shock starting after it is invalid,
     * and simulations span this many rounds unless told otherwise.
     */
    int horizon;
    /**
     * Room the builder calls keep ahead: elements allocated in `actors` and
     * `issues`, and rows of n_issues stances allocated in `stances`, so that
     * adding n actors or issues one at a time copies O(n) elements in all.
     * 0, as after pl_scenario_new() and pl_scenario_copy(), means exactly
     * n_actors or n_issues. Code that puts an array of its own in one of
     * these fields sets the matching capacity to 0.
     */
    size_t actors_capacity;
    size_t issues_capacity;
    size_t stance_rows_capacity;
} pl_scenario;

/** Create an empty scenario with the defaults above. */
PL_API int pl_scenario_new(pl_scenario **out);

/** Free a scenario and all it owns; NULL does nothing. */
PL_API void pl_scenario_free(pl_scenario *scenario);

/** Set a string field owned by the scenario (copied; NULL clears it). */
PL_API int pl_scenario_set_string(char **field, const char *value);

/**
 * Append an actor; name defaults to the id. Existing stances and proposals are
 * kept. `index_out` may be NULL. Amortised O(issues): the actors and the stance
 * matrix grow by half when full.
 */
PL_API int pl_scenario_add_actor(pl_scenario *scenario, const char *id, const char *name,
                                 double capability, size_t *index_out);

/**
 * Append a continuous issue on [low, high]. With actors already there the
 * stance matrix is laid out again, O(actors x issues): add the issues first.
 */
PL_API int pl_scenario_add_continuous_issue(pl_scenario *scenario, const char *id, const char *name,
                                            double low, double high, size_t *index_out);

/** Append an options issue with `n_options` options named by `option_ids` (as above). */
PL_API int pl_scenario_add_options_issue(pl_scenario *scenario, const char *id, const char *name,
                                         size_t n_options, const char *const *option_ids,
                                         size_t *index_out);

/** Append a labelled scale point to a continuous issue. */
PL_API int pl_scenario_add_scale_point(pl_scenario *scenario, size_t issue, double value,
                                       const char *label);

/** The stance of `actor` on `issue` (no bounds check beyond an assertion). */
PL_API pl_stance *pl_scenario_stance(pl_scenario *scenario, size_t actor, size_t issue);
PL_API const pl_stance *pl_scenario_stance_const(const pl_scenario *scenario, size_t actor,
                                                 size_t issue);

/** Give `actor` a position and salience on continuous `issue`. */
PL_API int pl_scenario_set_position(pl_scenario *scenario, size_t actor, size_t issue,
                                    double position, double salience);

/** Give `actor` a value per option (n_options of them, copied) on options `issue`. */
PL_API int pl_scenario_set_option_values(pl_scenario *scenario, size_t actor, size_t issue,
                                         const double *values, double salience);

/** Add a red line on a continuous issue: acceptable outcomes are [low, high]. */
PL_API int pl_scenario_add_red_line(pl_scenario *scenario, size_t actor, size_t issue, double low,
                                    double high, size_t *index_out);

/** Add a red line on an options issue: `allowed` has n_options flags (copied). */
PL_API int pl_scenario_add_red_line_options(pl_scenario *scenario, size_t actor, size_t issue,
                                            const unsigned char *allowed, size_t *index_out);

/** Append a proposal; its values start as NaN (unset) and must all be set. */
PL_API int pl_scenario_add_proposal(pl_scenario *scenario, const char *id, const char *name,
                                    size_t *index_out);

/** Append a source or a caveat to the provenance (copied). */
PL_API int pl_scenario_add_source(pl_scenario *scenario, const char *source);
PL_API int pl_scenario_add_caveat(pl_scenario *scenario, const char *caveat);

/** Append an empty uncertainty group / shock; fill their draws or changes with the calls below. */
PL_API int pl_scenario_add_uncertainty(pl_scenario *scenario, const char *id, size_t *index_out);
PL_API int pl_scenario_add_draw(pl_scenario *scenario, size_t uncertainty, const pl_draw *draw);
PL_API int pl_scenario_add_shock(pl_scenario *scenario, const char *id, size_t *index_out);
PL_API int pl_scenario_add_change(pl_scenario *scenario, size_t shock, const pl_change *change);

/** Append a KTAB ideal-adjustment pair. */
PL_API int pl_scenario_add_ktab_adjustment(pl_scenario *scenario, const pl_ktab_adjustment *pair);

/** Index of the actor / issue / proposal with this id; PL_ERR_NOT_FOUND if none. */
PL_API int pl_scenario_find_actor(const pl_scenario *scenario, const char *id, size_t *index_out);
PL_API int pl_scenario_find_issue(const pl_scenario *scenario, const char *id, size_t *index_out);
PL_API int pl_scenario_find_proposal(const pl_scenario *scenario, const char *id,
                                     size_t *index_out);
/** Index of option `id` of options issue `issue`. */
PL_API int pl_scenario_find_option(const pl_scenario *scenario, size_t issue, const char *id,
                                   size_t *index_out);

/**
 * Check every rule of docs/scenario-format.md: ids unique and non-empty,
 * numbers finite, capability > 0, salience and reservation in [0, 1],
 * positions inside ranges, red lines non-empty and inside ranges, every
 * proposal complete, thresholds ordered, references in range, ...
 * On failure fills `diag` with a message that starts with the JSON path of
 * the offending field ("actors[2].capability: must be positive") and returns
 * PL_ERR_INVALID. Complexity O(actors x issues + red lines + proposals x issues).
 */
PL_API int pl_scenario_validate(const pl_scenario *scenario, pl_diag *diag);

/** Deep copy (for what-ifs and Monte Carlo draws). */
PL_API int pl_scenario_copy(const pl_scenario *scenario, pl_scenario **out);

/**
 * The scenario cut down to some actors and issues, for a model run on part of
 * it (a two-party frontier, one issue forecast alone): actors[0..n_actors-1]
 * and issues[0..n_issues-1] of `scenario`, in that order, with
 * - each issue's id, name, kind, range and options (ids, places, order);
 * - each actor's id, name, capability, reservation and veto, its stances on
 *   the kept issues (with their own capabilities) and its red lines on them;
 * - the decision rule, utility form and item thresholds.
 * Everything else is left out: descriptions, labels, scale points, references
 * and observed outcomes (a backtest must not see the answer), proposals,
 * provenance, uncertainty, shocks and KTAB settings. The result is not
 * validated (an actor may be left with no stance). A NULL list keeps every
 * actor (issue) in order, its count ignored. An index out of range or
 * listed twice gives PL_ERR_ARGUMENT. `*out` is NULL on failure.
 * Complexity O(actors x issues x (1 + red lines)).
 */
PL_API int pl_scenario_restrict(const pl_scenario *scenario, const size_t *actors, size_t n_actors,
                                const size_t *issues, size_t n_issues, pl_scenario **out);

/** Capability of `actor` on `issue`: the stance's own, else the actor's. */
PL_API double pl_scenario_capability_on(const pl_scenario *scenario, size_t actor, size_t issue);

#ifdef __cplusplus
}
#endif

#endif
