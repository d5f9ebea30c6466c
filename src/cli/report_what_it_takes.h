/*
 * report_what_it_takes.h - what it would take for a zone to open
 * (parley/what_it_takes.h) as `parley zopa` and `parley run` show it: the
 * --issue flag, the text section and the `what_it_takes` JSON
 * (docs/agreement.md, "What it would take").
 */
#ifndef PARLEY_CLI_REPORT_WHAT_IT_TAKES_H
#define PARLEY_CLI_REPORT_WHAT_IT_TAKES_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"

/**
 * The issues named by --issue ID... (n ids) as indices into a new array
 * (free()); an unknown id is a usage error of `command`. Returns an exit status.
 */
int cli_issue_indices(const char *command, const pl_scenario *s, const char *const *ids,
                      size_t n, size_t **out);

/**
 * Compute what it takes for `s` (its analysis `g`, the issues named, and the
 * Monte Carlo settings `mc`; NULL: no settlement probability, margins only),
 * reporting to `progress`; prints a failure and returns an exit status.
 */
int cli_what_it_takes_run(const pl_scenario *s, const pl_agreement *g, const size_t *issues,
                          size_t n_issues, const pl_montecarlo_options *mc,
                          pl_progress progress, pl_what_it_takes **out);

/** The text section, 100 columns; nothing when there is no entry. */
void cli_text_what_it_takes(FILE *out, const pl_scenario *s, const pl_what_it_takes *w,
                            const pl_montecarlo_options *mc);

/**
 * Set "what_it_takes" (the entries of docs/cli-contract.md) and
 * "what_it_takes_simulation" (the Monte Carlo settings, or null when nothing
 * was simulated) on `document`.
 */
void cli_json_add_what_it_takes(json_t *document, const pl_scenario *s,
                                const pl_what_it_takes *w, const pl_montecarlo_options *mc);

#endif
