/*
 * report_agreement.h - text and JSON reports of the zone of agreement
 * (parley zopa, and the agreement section of parley run) and of the
 * mediator's text (parley mediate). docs/agreement.md describes the JSON.
 */
#ifndef PARLEY_REPORT_AGREEMENT_H
#define PARLEY_REPORT_AGREEMENT_H

#include <stdio.h>

#include <jansson.h>

#include "parley/agreement.h"
#include "parley/mediate.h"
#include "parley/scenario.h"

/** The agreement analysis as text, 100 columns. */
void cli_text_agreement(FILE *out, const pl_scenario *scenario, const pl_agreement *agreement);

/** The agreement analysis as a JSON object (docs/agreement.md, "JSON"); NULL on failure. */
json_t *cli_json_agreement(const pl_scenario *scenario, const pl_agreement *agreement);

/** The mediator's text, item by item, 100 columns. */
void cli_text_mediation(FILE *out, const pl_scenario *scenario, const char *start_name,
                        const pl_mediation *mediation);

/** The mediator's text as a JSON object; NULL on failure. */
json_t *cli_json_mediation(const pl_scenario *scenario, const char *start_name,
                           const pl_mediation *mediation);

/**
 * The document of `parley mediate --json`, starting from proposal `from` (NULL:
 * the first, or the compromise forecast without any), in cmd_mediate.c; PL_OK,
 * PL_ERR_INVALID (no such proposal), PL_ERR_NOMEM or pl_mediate()'s failure.
 */
int cli_mediate_document(const pl_scenario *scenario, const char *from, json_t **document,
                         pl_diag *diag);

/** A red line's acceptable outcomes as text (">= 90", "<= 10", "in [20, 60]", "one of a, b"). */
const char *cli_red_line_bounds(const pl_scenario *scenario, size_t issue, double low,
                                double high, const unsigned char *allowed, char *buffer,
                                size_t size);

/** "Russia", "Russia and Ukraine", "Russia, Ukraine and the US" (display names). */
const char *cli_actor_list(const pl_scenario *scenario, const size_t *actors, size_t n,
                           char *buffer, size_t size);

#endif
