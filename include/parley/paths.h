/*
 * parley/paths.h - paths into a scenario: changing one member by its path
 * (`parley ... --set PATH=VALUE`) and listing what differs between two
 * scenarios as such paths (`parley diff`).
 *
 * A path names members of the native format (docs/scenario-format.md) by id,
 * separated by dots: "actors.UA.red_lines.donetsk.max",
 * "proposals.us_revised.positions.donetsk", "decision_rule.kind". An element
 * of an array of objects with an "id" member (actors, issues, proposals,
 * uncertainty, shocks, an issue's options) is named by its id; an element of
 * any other array by its 0-based index ("issues.donetsk.range.1"). An id
 * holding a dot, a double quote, an '=' or a backslash, or an empty one, is
 * written in double quotes, with '\"' and '\\' inside: actors."E.U.".capability.
 * docs/paths.md describes them for users.
 *
 * Both work on any scenario, whatever format it was read from: through its
 * native document (pl_write_parley_json), so every member the native format
 * holds can be named, and nothing else.
 */
#ifndef PARLEY_PATHS_H
#define PARLEY_PATHS_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Apply one path assignment to `scenario` in place. `value` is JSON text, or
 * a bare word that is not JSON, taken as a string ("weighted_majority");
 * "null" removes the member (an optional one: removing a required member is
 * refused as the reader refuses its absence). A missing member of an object
 * is added; an element of an id array that does not exist is added at its
 * end when the value is an object (its "id" taken from the path). The result
 * is read back and validated as a native file is, so a bad value is refused
 * with the reader's own message. On any error returns PL_ERR_INVALID (or
 * PL_ERR_NOMEM) with diag->message "PATH: what is wrong", PATH naming the
 * member at fault in path form, and leaves `scenario` unchanged. The input
 * format (scenario->format) is kept. O(size of the scenario): a few hundred
 * microseconds on the default scenario (docs/paths.md).
 */
PL_API int pl_scenario_set(pl_scenario *scenario, const char *path, const char *value,
                           pl_diag *diag);

/** The same with "PATH=VALUE" in one string (the CLI's --set argument); the first '='
 *  outside double quotes ends the path. */
PL_API int pl_scenario_set_assignment(pl_scenario *scenario, const char *assignment,
                                      pl_diag *diag);

/**
 * One difference between two scenarios: the member at `path` (path form,
 * as above) goes from `from` to `to`, each the member's value as one-line
 * JSON text (parley/json.h layout), or NULL when the member is absent on
 * that side (added or removed). Applying `to` at `path` (or "null" where `to`
 * is NULL) with pl_scenario_set() turns the first scenario into the second,
 * up to the order of id arrays.
 */
typedef struct pl_scenario_change {
    char *path;
    char *from;
    char *to;
} pl_scenario_change;

/** A list of changes, in document order (the first scenario's, then what only the second has). */
typedef struct pl_scenario_changes {
    size_t n_changes;
    pl_scenario_change *changes;
} pl_scenario_changes;

/**
 * The structural difference of the native documents of `a` and `b`:
 * object members compared by name, elements of id arrays by id, the
 * elements of other arrays as one value (a changed "range" is one change).
 * Identical scenarios give no changes. `*out` is freed with
 * pl_scenario_changes_free(). O(size of the two documents).
 */
PL_API int pl_scenario_diff(const pl_scenario *a, const pl_scenario *b,
                            pl_scenario_changes **out, pl_diag *diag);

/** Free a list of changes; NULL does nothing. */
PL_API void pl_scenario_changes_free(pl_scenario_changes *changes);

#ifdef __cplusplus
}
#endif

#endif
