/*
 * cmd_diff.c - `parley diff A B`: what changed between two scenarios (the
 * inputs, as --set paths) and what that changed in the analysis (the zone,
 * the decisions, the forecasts, the barrier). The document is
 * cli_diff_document's (diff_document.c); this file only presents it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff_document.h"

/* Declared in cli.h once the command is registered; repeated here so this file stands alone. */
extern const cli_command cli_diff_command;

/* Values wider than this are cut in the text (the JSON has them whole). */
#define VALUE_WIDTH 40
/* The column of the values in the text. */
#define LABEL_WIDTH 36

/*
 * A value for the text. Inputs (`exact`) as their JSON text, so that what is shown can be
 * typed back with --set; results as a number to 4 significant digits without an exponent,
 * a label, or "n/a" for null (nothing to compare: red lines that clash, a model that
 * cannot run). Long values are cut; the JSON has them whole.
 */
static void value_text(const json_t *value, int exact, char *buffer, size_t size)
{
    if (value == NULL) {
        snprintf(buffer, size, "(absent)");
        return;
    }
    if (!exact && json_is_number(value)) {
        double x = json_number_value(value);
        int digits = x == 0 ? 0 : 3 - (int)floor(log10(fabs(x)));
        snprintf(buffer, size, "%.*f", digits < 0 ? 0 : digits > 6 ? 6 : digits, x);
    } else if (!exact && json_is_string(value)) {
        snprintf(buffer, size, "%s", json_string_value(value));
    } else if (!exact && json_is_null(value)) {
        snprintf(buffer, size, "n/a");
    } else {
        char *text = cli_json_text(value, 0);
        snprintf(buffer, size, "%s", text ? text : "?");
        free(text);
    }
    if (strlen(buffer) > VALUE_WIDTH)
        strcpy(buffer + VALUE_WIDTH - 3, "...");
}

/* One line "  LABEL  FROM -> TO" in a column, the values on a line of their own when the
 * label is long. */
static void line(FILE *out, const char *label, const json_t *from, const json_t *to, int exact)
{
    char a[256], b[256];
    value_text(from, exact, a, sizeof a);
    value_text(to, exact, b, sizeof b);
    int width = (int)strlen(label) < LABEL_WIDTH ? LABEL_WIDTH : (int)strlen(label);
    if (width + strlen(a) + strlen(b) + 8 <= CLI_WIDTH)
        fprintf(out, "  %-*s  %s -> %s\n", width, label, a, b);
    else
        fprintf(out, "  %s\n  %-*s  %s -> %s\n", label, LABEL_WIDTH, "", a, b);
}

static void text_changes(FILE *out, const json_t *changes)
{
    size_t n = json_array_size(changes);
    if (n == 0) {
        fprintf(out, "No change in the inputs: the two scenarios are the same.\n");
        return;
    }
    fprintf(out, "Changes in the inputs (%zu), as --set paths:\n", n);
    for (size_t k = 0; k < n; k++) {
        const json_t *c = json_array_get(changes, k);
        line(out, json_string_value(json_object_get(c, "path")), json_object_get(c, "from"),
             json_object_get(c, "to"), 1);
    }
}

static void text_pair(FILE *out, const char *label, const json_t *pair)
{
    line(out, label, json_array_get(pair, 0), json_array_get(pair, 1), 0);
}

/* The barrier issues of one side: "donetsk, nato", or "none". */
static void issue_list(const json_t *ids, char *buffer, size_t size)
{
    buffer[0] = '\0';
    for (size_t k = 0; k < json_array_size(ids); k++) {
        size_t used = strlen(buffer);
        snprintf(buffer + used, size - used, "%s%s", k ? ", " : "",
                 json_string_value(json_array_get(ids, k)));
    }
    if (buffer[0] == '\0')
        snprintf(buffer, size, "none");
}

static void text_analysis(FILE *out, const json_t *analysis)
{
    const json_t *possible = json_object_get(analysis, "possible");
    fprintf(out, "\nThe analysis, A -> B (only what changed, and the zone):\n");
    text_pair(out, "agreement possible", possible);
    text_pair(out, "zone margin", json_object_get(analysis, "margin"));
    const char *key;
    json_t *value;
    char label[512];
    json_object_foreach(json_object_get(analysis, "decisions"), key, value) {
        snprintf(label, sizeof label, "decision on %s", key);
        text_pair(out, label, value);
    }
    const char *model;
    json_t *by_issue;
    json_object_foreach(json_object_get(analysis, "forecasts"), model, by_issue) {
        json_object_foreach(by_issue, key, value) {
            snprintf(label, sizeof label, "%s forecast on %s", model, key);
            text_pair(out, label, value);
        }
    }
    const json_t *barrier = json_object_get(analysis, "barrier");
    if (barrier != NULL) {
        char a[512], b[512];
        issue_list(json_array_get(barrier, 0), a, sizeof a);
        issue_list(json_array_get(barrier, 1), b, sizeof b);
        fprintf(out, "  %-*s  %s -> %s\n", LABEL_WIDTH, "barrier issues", a, b);
    }
}

static int report(json_t *document, int json)
{
    if (json)
        return cli_emit_json(document);
    cli_buffer buffer;
    int rc = cli_buffer_open(&buffer);
    if (rc == EXIT_OK) {
        text_changes(buffer.stream, json_object_get(document, "changes"));
        text_analysis(buffer.stream, json_object_get(document, "analysis"));
        rc = cli_buffer_emit(&buffer);
    }
    json_decref(document);
    return rc;
}

/* A is read as it is; B gets the --set assignments (B is A when only one is given). */
static int diff(char **positional, int n, int json)
{
    pl_scenario *a = NULL, *b = NULL;
    const char *const *path_a = (const char *const *)positional;
    const char *const *path_b = (const char *const *)positional + (n == 2);
    int was = cli_set_pause(1);
    int rc = cli_load_scenario(path_a, n > 0, &a);
    cli_set_pause(was);
    if (rc == EXIT_OK)
        rc = cli_load_scenario(path_b, n > 0, &b);
    if (rc == EXIT_OK) {
        pl_diag diag;
        pl_diag_clear(&diag);
        json_t *document = cli_diff_document(a, b, &diag);
        rc = document ? report(document, json) : cli_fail(diag.status, &diag);
    }
    pl_scenario_free(a);
    pl_scenario_free(b);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    int rc = cli_parse(&cli_diff_command, argc, argv, NULL, NULL, NULL, &json, &positional, &n,
                       &done);
    if (rc == EXIT_OK && !done && n > 2)
        rc = cli_usage_error("diff", "give two scenarios, A and B, one file each (convert a "
                             "GENIUS domain and its profiles to one file first)");
    if (rc == EXIT_OK && !done)
        rc = diff(positional, n, json);
    free(positional);
    return rc;
}

const cli_command cli_diff_command = {
    "diff",
    "what changed between two scenarios, and what it changes in the analysis",
    "Usage: parley diff [A [B]] [--set PATH=VALUE]... [--json]\n"
    "\n"
    "Compare scenario B with scenario A (each one file, in any input format): the inputs\n"
    "that differ, each as the --set path that names it with its value in A and in B; then\n"
    "what that changes in the analysis, [in A, in B]: whether agreement is possible and the\n"
    "zone's margin (always shown), and those of each proposal's decision, each model's\n"
    "forecast per issue (as predict --model all) and the barrier issues that changed.\n"
    "--set applies to B only: with A alone, B is A with the assignments (a what-if); with\n"
    "neither, A is the built-in default scenario. docs/paths.md describes the paths.\n"
    "\n"
    "Options:\n"
    "  --set PATH=VALUE   change B before the comparison (repeatable)\n"
    "  --json             print {\"changes\": [{\"path\", \"from\", \"to\"}, ...], \"analysis\":\n"
    "                     {\"possible\": [A, B], \"margin\": [A, B], \"decisions\",\n"
    "                     \"forecasts\", \"barrier\"}} (docs/cli-contract.md, \"Authoring\";\n"
    "                     docs/paths.md)\n"
    "  --help             show this help\n"
    "\n"
    "Example: parley diff examples/peace-talks-2025.json "
    "--set actors.UA.red_lines.donetsk.max=90\n",
    run,
};
