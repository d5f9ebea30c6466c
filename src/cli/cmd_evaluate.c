/*
 * cmd_evaluate.c - `parley evaluate SCENARIO --proposal NAME`: every actor's
 * verdict on every item of one proposal (or of all, with no --proposal).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct options {
    const char **proposals;
    int n_proposals;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "proposal") == 0)
        o->proposals[o->n_proposals++] = value;
    return 0;
}

static const cli_option option_table[] = {{"proposal", 1}, {NULL, 0}};

/* Resolve the proposal names to indices; all proposals when none is named. */
static int select_proposals(const pl_scenario *s, const options *o, size_t *chosen, size_t *n)
{
    *n = 0;
    if (s->n_proposals == 0)
        return cli_usage_error("evaluate", "the scenario has no proposals to evaluate");
    if (o->n_proposals == 0) {
        for (size_t p = 0; p < s->n_proposals; p++)
            chosen[(*n)++] = p;
        return EXIT_OK;
    }
    for (int k = 0; k < o->n_proposals; k++) {
        if (pl_scenario_find_proposal(s, o->proposals[k], &chosen[*n]) != PL_OK) {
            char known[512];
            int used = 0;
            for (size_t p = 0; p < s->n_proposals && used >= 0 && (size_t)used < sizeof known; p++)
                used += snprintf(known + used, sizeof known - (size_t)used, "%s%s", p ? ", " : "",
                                 s->proposals[p].id);
            return cli_usage_error("evaluate", "no proposal '%s' in the scenario (it has: %s)",
                                   o->proposals[k], known);
        }
        (*n)++;
    }
    return EXIT_OK;
}

static int report(const pl_scenario *s, const size_t *chosen, size_t n, int json)
{
    pl_evaluation **evaluations = calloc(n + 1, sizeof *evaluations);
    int rc = evaluations ? EXIT_OK : EXIT_INTERNAL;
    for (size_t k = 0; k < n && rc == EXIT_OK; k++)
        if (pl_evaluate(s, s->proposals[chosen[k]].values, &evaluations[k]) != PL_OK)
            rc = EXIT_INTERNAL;
    if (rc == EXIT_OK && json) {
        json_t *list = json_array();
        for (size_t k = 0; list && k < n; k++)
            json_array_append_new(list, cli_json_evaluation(s, chosen[k], evaluations[k]));
        rc = cli_emit_json(json_pack("{s:o, s:o, s:o}", "issues", cli_json_ids_issues(s),
                                     "actors", cli_json_ids_actors(s), "evaluations", list));
    } else if (rc == EXIT_OK) {
        cli_buffer buffer;
        rc = cli_buffer_open(&buffer);
        if (rc == EXIT_OK) {
            for (size_t k = 0; k < n; k++)
                cli_text_evaluation(buffer.stream, s, chosen[k], evaluations[k]);
            rc = cli_buffer_emit(&buffer);
        }
    }
    for (size_t k = 0; evaluations && k < n; k++)
        pl_evaluation_free(evaluations[k]);
    free(evaluations);
    if (rc == EXIT_INTERNAL)
        cli_error("parley evaluate: error: out of memory");
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {calloc((size_t)argc + 1, sizeof(const char *)), 0};
    if (o.proposals == NULL)
        return EXIT_INTERNAL;
    int rc = cli_parse(&cli_evaluate_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("evaluate", "give a scenario (or a GENIUS domain and its profiles)");
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    size_t *chosen = NULL, n_chosen = 0;
    if (rc == EXIT_OK && !done) {
        chosen = calloc(s->n_proposals + (size_t)o.n_proposals + 1, sizeof *chosen);
        rc = chosen ? select_proposals(s, &o, chosen, &n_chosen) : EXIT_INTERNAL;
    }
    if (rc == EXIT_OK && !done)
        rc = report(s, chosen, n_chosen, json);
    free(chosen);
    pl_scenario_free(s);
    free(positional);
    free(o.proposals);
    return rc;
}

const cli_command cli_evaluate_command = {
    "evaluate",
    "every actor's verdict on every item of a proposal",
    "Usage: parley evaluate SCENARIO [--proposal NAME]... [--json]\n"
    "       (SCENARIO: one file, or a GENIUS domain followed by its profiles)\n"
    "\n"
    "Evaluate a proposal item by item for every actor. An item is 'unacceptable' when it\n"
    "crosses the actor's red line; otherwise its item utility 1 - |x - p| / range makes it\n"
    "'acceptable' (at or above the scenario's acceptable threshold, 0.75 by default),\n"
    "'critical' (at or above the critical threshold, 0.5) or 'negative'. An actor accepts\n"
    "the package when no red line is crossed and its salience-weighted utility reaches its\n"
    "reservation; the decision rule says whether the package passes.\n"
    "\n"
    "Options:\n"
    "  --proposal NAME   the proposal's id (repeatable); all proposals when omitted\n"
    "  --json            print {\"issues\", \"actors\", \"evaluations\": [...]} as JSON\n"
    "  --help            show this help\n"
    "\n"
    "Example: parley evaluate examples/peace-talks-2025.json --proposal us_revised\n",
    run,
};
