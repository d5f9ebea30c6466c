/*
 * diff_document.h - the document of `parley diff --json` (docs/paths.md,
 * "parley diff"), shared with the web workbench's GET /api/diff.
 */
#ifndef PARLEY_CLI_DIFF_DOCUMENT_H
#define PARLEY_CLI_DIFF_DOCUMENT_H

#include <jansson.h>

#include "parley/parley.h"

/**
 * What changed from scenario `a` to scenario `b`, per the contract's
 * "Authoring" section:
 *   {"changes": [{"path": P, "from": V, "to": V}, ...],
 *    "analysis": {"possible": [A, B], "margin": [A, B],
 *                 "decisions": {PROPOSAL: ["accepted"|"rejected"|null, ...], ...},
 *                 "forecasts": {MODEL: {ISSUE: [A, B], ...}, ...},
 *                 "barrier": [[ISSUE, ...], [ISSUE, ...]]}}
 * `changes` are pl_scenario_diff()'s (`from`/`to` left out for an added or
 * removed member); `possible` and `margin` (the zone's, as `parley zopa`)
 * are always there, the others only where they changed (a decision or a
 * forecast on one side only pairs with null; a model that cannot run on a
 * scenario gives null). NULL with `diag` filled when memory runs out or a
 * scenario is invalid.
 */
json_t *cli_diff_document(const pl_scenario *a, const pl_scenario *b, pl_diag *diag);

#endif
