/*
 * cmd_init.c - `parley init [-o FILE.json] [--actors A,B,...] [--issues x,y,...]`:
 * a skeleton native scenario with every member a user is likely to fill,
 * each holding a placeholder that `parley validate` accepts
 * (docs/scenario-format.md "Starting from a skeleton").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define MAX_NAMES 64

typedef struct options {
    const char *output;
    const char *actors;
    const char *issues;
    int force;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "output") == 0)
        o->output = value;
    else if (strcmp(name, "actors") == 0)
        o->actors = value;
    else if (strcmp(name, "issues") == 0)
        o->issues = value;
    else if (strcmp(name, "force") == 0)
        o->force = 1;
    return 0;
}

static const cli_option option_table[] = {
    {"output", 1}, {"actors", 1}, {"issues", 1}, {"force", 0}, {NULL, 0}};

/* A comma-separated list of ids: blanks trimmed, none empty, none repeated, none "*". */
typedef struct id_list {
    char *text;
    const char *ids[MAX_NAMES];
    size_t n;
} id_list;

static int split_ids(const char *flag, const char *text, const char *fallback, id_list *list)
{
    list->n = 0;
    list->text = strdup(text != NULL ? text : fallback);
    if (list->text == NULL)
        return EXIT_INTERNAL;
    for (char *p = list->text;;) {
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        while (*p == ' ')
            p++;
        for (char *end = p + strlen(p); end > p && end[-1] == ' ';)
            *--end = '\0';
        if (*p == '\0' || strcmp(p, "*") == 0)
            return cli_usage_error("init", "--%s wants ids separated by commas, not '%s'", flag,
                                   text);
        for (size_t k = 0; k < list->n; k++)
            if (strcmp(list->ids[k], p) == 0)
                return cli_usage_error("init", "--%s names '%s' twice", flag, p);
        if (list->n == MAX_NAMES)
            return cli_usage_error("init", "--%s takes at most %d ids", flag, MAX_NAMES);
        list->ids[list->n++] = p;
        if (comma == NULL)
            return EXIT_OK;
        p = comma + 1;
    }
}

/* Actor a of n on issue i: spread over 20..80, in opposite orders on alternate issues. */
static double placeholder_position(size_t a, size_t n, size_t i)
{
    double share = n > 1 ? (double)a / (double)(n - 1) : 0.5;
    return 20 + 60 * (i % 2 == 0 ? share : 1 - share);
}

static json_t *actor(const id_list *actors, const id_list *issues, size_t a)
{
    json_t *stances = json_object();
    for (size_t i = 0; i < issues->n; i++)
        json_object_set_new(stances, issues->ids[i],
                            json_pack("{s:f, s:f}", "position",
                                      placeholder_position(a, actors->n, i), "salience",
                                      i == 0 ? 1.0 : 0.5));
    json_t *object = json_pack(
        "{s:s, s:s, s:s, s:f, s:f, s:b, s:o}", "id", actors->ids[a], "name", actors->ids[a],
        "description", "who they are and whom they speak for", "capability", 50.0,
        "reservation", 0.3, "veto", a < 2, "stances", stances);
    /* The first actor sits at 20 on the first issue; its red line keeps the draft at 50 in. */
    if (a == 0)
        json_object_set_new(object, "red_lines",
                            json_pack("{s:{s:f, s:s}}", issues->ids[0], "max", 60.0, "note",
                                      "why it cannot accept more than this"));
    return object;
}

static json_t *issue(const char *id)
{
    return json_pack("{s:s, s:s, s:s, s:[f, f], s:s, s:s, s:[{s:f, s:s}], s:f}", "id", id,
                     "name", id, "description", "what is decided on this issue", "range", 0.0,
                     100.0, "low_label", "what 0 means", "high_label", "what 100 means",
                     "scale", "value", 50.0, "label", "what 50 means", "reference", 50.0);
}

/* Every member a user is likely to fill, in the order docs/scenario-format.md lists them. */
static json_t *skeleton(const id_list *actors, const id_list *issues)
{
    json_t *actor_list = json_array(), *issue_list = json_array(), *positions = json_object();
    for (size_t a = 0; a < actors->n; a++)
        json_array_append_new(actor_list, actor(actors, issues, a));
    for (size_t i = 0; i < issues->n; i++) {
        json_array_append_new(issue_list, issue(issues->ids[i]));
        json_object_set_new(positions, issues->ids[i], json_real(50));
    }
    const char *last = actors->ids[actors->n - 1];
    return json_pack(
        "{s:i, s:s, s:s,"
        " s:{s:s, s:s, s:[s], s:[s], s:[s, s, s]},"
        " s:o, s:o,"
        " s:[{s:s, s:s, s:s, s:s, s:o}],"
        " s:{s:s}, s:{s:f, s:f, s:s}, s:i,"
        " s:[{s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:f}]}],"
        " s:[{s:s, s:s, s:i, s:[{s:s, s:s, s:f}]}]}",
        "parley", 1, "id", "my-scenario", "name", "what the negotiation is about",
        "provenance", "description", "what the scenario models, as of when, from what", "date",
        "YYYY-MM-DD", "sources", "where the positions and numbers come from", "caveats",
        "what a reader must keep in mind", "judgements", "capability", "salience",
        "reservation",
        "actors", actor_list, "issues", issue_list,
        "proposals", "id", "draft", "name", "a package on the table", "description",
        "who put it forward and what it says", "date", "YYYY-MM-DD", "positions", positions,
        "decision_rule", "kind", "unanimity",
        "evaluation", "acceptable", 0.75, "critical", 0.5, "utility", "linear",
        "horizon", 12,
        "uncertainty", "id", "positions_in_doubt", "name", "what is uncertain", "draws",
        "actor", actors->ids[0], "quantity", "position", "issue", issues->ids[0],
        "distribution", "uniform", "spread", 10.0,
        "shocks", "id", "an_event", "name", "an event that changes the talks", "start_round", 6,
        "changes", "actor", last, "quantity", "capability", "multiply", 1.2);
}

/* The text, checked by the reader that `parley validate` uses (a skeleton that fails is a bug). */
static int check(const char *text)
{
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_parley_json("parley init", text, strlen(text), &s, &diag);
    pl_scenario_free(s);
    if (rc != PL_OK)
        cli_print_diag(&diag);
    return rc == PL_OK ? EXIT_OK : EXIT_INTERNAL;
}

static int write_text(const options *o, const char *text)
{
    if (o->output == NULL) {
        fputs(text, stdout);
        return EXIT_OK;
    }
    struct stat st;
    if (!o->force && stat(o->output, &st) == 0) {
        cli_error("%s: error: the file exists (give --force to replace it)", o->output);
        return EXIT_BAD_INPUT;
    }
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_write_file_atomic(o->output, text, strlen(text), &diag) != PL_OK)
        return cli_fail(PL_ERR_IO, &diag);
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    options o = {0};
    int done = 0, n = 0;
    char **positional = NULL;
    int rc = cli_parse(&cli_init_command, argc, argv, option_table, take_option, &o, NULL,
                       &positional, &n, &done);
    free(positional);
    if (rc != EXIT_OK || done)
        return rc;
    if (n > 0)
        return cli_usage_error("init", "takes no file name but -o FILE.json");
    id_list actors = {0}, issues = {0};
    rc = split_ids("actors", o.actors, "party_a,party_b", &actors);
    if (rc == EXIT_OK)
        rc = split_ids("issues", o.issues, "issue_1,issue_2", &issues);
    json_t *document = rc == EXIT_OK ? skeleton(&actors, &issues) : NULL;
    char *text = document != NULL ? cli_json_text(document, 2) : NULL;
    if (rc == EXIT_OK && text == NULL)
        rc = EXIT_INTERNAL;
    if (rc == EXIT_OK && (rc = check(text)) == EXIT_OK)
        rc = write_text(&o, text);
    free(text);
    json_decref(document);
    free(actors.text);
    free(issues.text);
    return rc;
}

const cli_command cli_init_command = {
    "init",
    "write a skeleton scenario to fill in",
    "Usage: parley init [-o FILE.json] [--actors A,B,...] [--issues x,y,...] [--force]\n"
    "\n"
    "Write a native scenario with every member a user is likely to fill: id, name,\n"
    "provenance (description, date, sources, caveats, judgements), actors (capability,\n"
    "reservation, veto, stances, a red line), issues (range, labels, a scale point, a\n"
    "reference point), a proposal, the decision rule, the evaluation thresholds, a horizon,\n"
    "an uncertainty group and a shock. Every value is a placeholder that `parley validate`\n"
    "accepts; docs/scenario-format.md explains each member.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write FILE (atomically) instead of printing the scenario\n"
    "  --actors A,B,...   actor ids (default party_a,party_b)\n"
    "  --issues x,y,...   issue ids (default issue_1,issue_2)\n"
    "  --force            replace FILE when it exists (refused otherwise)\n"
    "  --help             show this help\n"
    "\n"
    "Example: parley init -o talks.json --actors north,south,un --issues border,troops\n",
    run,
};
