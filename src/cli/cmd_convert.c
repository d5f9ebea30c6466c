/*
 * cmd_convert.c - `parley convert IN... -o OUT.json`: any readable input as a
 * native parley scenario, written atomically; `--to genius -o PREFIX`: as a
 * GENIUS domain and one profile per actor, all written or none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

typedef struct options {
    const char *output;
    const char *to;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "output") == 0)
        o->output = value;
    else if (strcmp(name, "to") == 0 && strcmp(value, "parley") != 0 &&
             strcmp(value, "genius") != 0)
        return cli_usage_error("convert", "--to takes parley or genius, not '%s'", value);
    else if (strcmp(name, "to") == 0)
        o->to = value;
    return 0;
}

static const cli_option option_table[] = {{"output", 1}, {"to", 1}, {NULL, 0}};

/* Record where the native file came from, so that its provenance stays honest. */
int cli_note_origin(pl_scenario *s, const char *input)
{
    if (s->format && strcmp(s->format, "parley") == 0)
        return PL_OK;
    size_t size = strlen(input) + 64;
    char *line = malloc(size);
    if (line == NULL)
        return PL_ERR_NOMEM;
    snprintf(line, size, "Converted by parley from %s (%s format).", input,
             s->format ? s->format : "unknown");
    int rc = pl_scenario_add_source(s, line);
    free(line);
    return rc;
}

/* Every file or none (output.h). */
static int write_all(char **paths, char **texts, size_t n)
{
    cli_outputs set;
    cli_outputs_init(&set);
    for (size_t k = 0; k < n; k++)
        cli_outputs_add(&set, paths[k], texts[k], strlen(texts[k]));
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = cli_outputs_commit(&set, &diag);
    cli_outputs_free(&set);
    if (rc != PL_OK)
        cli_print_diag(&diag);
    return rc == PL_OK ? EXIT_OK : EXIT_INTERNAL;
}

static void free_texts(char **texts, size_t n)
{
    for (size_t k = 0; texts != NULL && k < n; k++)
        free(texts[k]);
    free(texts);
}

/* PREFIX_domain.xml and PREFIX_<actor>.xml. */
static int to_genius(const pl_scenario *s, const char *prefix)
{
    char *domain = NULL, **profiles = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_write_genius(s, &domain, &profiles, &diag) != PL_OK) {
        cli_error("parley convert: error: cannot write GENIUS files: %s",
                diag.message[0] ? diag.message : "out of memory");
        return diag.status == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
    }
    size_t n = s->n_actors + 1;
    char **paths = calloc(n, sizeof *paths), **texts = calloc(n, sizeof *texts);
    int rc = paths && texts ? EXIT_OK : EXIT_INTERNAL;
    for (size_t k = 0; k < n; k++) {
        char *text = k == 0 ? domain : profiles[k - 1];
        if (texts != NULL)
            texts[k] = text;
        else
            free(text);
    }
    free(profiles);
    for (size_t k = 0; rc == EXIT_OK && k < n; k++) {
        const char *stem = k == 0 ? "domain" : s->actors[k - 1].id;
        size_t size = strlen(prefix) + strlen(stem) + 8;
        if (k > 0 && (strchr(stem, '/') != NULL || strcmp(stem, "domain") == 0)) {
            cli_error("parley convert: error: actor id \"%s\" cannot name a file", stem);
            rc = EXIT_BAD_INPUT;
        } else if ((paths[k] = malloc(size)) == NULL) {
            rc = EXIT_INTERNAL;
        } else {
            snprintf(paths[k], size, "%s_%s.xml", prefix, stem);
        }
    }
    if (rc == EXIT_OK)
        rc = write_all(paths, texts, n);
    free_texts(paths, n);
    free_texts(texts, n);
    return rc;
}

static int convert(char **inputs, size_t n, const options *o)
{
    pl_scenario *s = NULL;
    const char *input = inputs[0], *output = o->output;
    int rc = cli_load_scenario((const char *const *)inputs, n, &s);
    if (rc != EXIT_OK)
        return rc;
    if (o->to != NULL && strcmp(o->to, "genius") == 0) {
        rc = to_genius(s, output);
        pl_scenario_free(s);
        return rc;
    }
    char *text = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (cli_note_origin(s, input) != PL_OK || pl_write_parley_json(s, &text, &diag) != PL_OK) {
        pl_scenario_free(s);
        cli_error("parley convert: error: cannot write the scenario: %s",
                diag.message[0] ? diag.message : "out of memory");
        return EXIT_INTERNAL;
    }
    pl_scenario_free(s);
    if (strcmp(output, "-") == 0)
        rc = cli_emit(text, strlen(text));
    else if (cli_output_write(output, text, strlen(text), &diag) != PL_OK) {
        cli_print_diag(&diag);
        rc = EXIT_INTERNAL;
    }
    free(text);
    return rc;
}

static int run(int argc, char **argv)
{
    int done = 0, n = 0;
    char **positional = NULL;
    options o = {NULL, NULL};
    int rc = cli_parse(&cli_convert_command, argc, argv, option_table, take_option, &o,
                       NULL, &positional, &n, &done);
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("convert", "give an input file (or a GENIUS domain and its "
                                        "profiles)");
    if (rc == EXIT_OK && !done && o.output == NULL)
        rc = cli_usage_error("convert", "give the output file with -o OUT.json (- for stdout)");
    if (rc == EXIT_OK && !done && o.to && strcmp(o.to, "genius") == 0 &&
        strcmp(o.output, "-") == 0)
        rc = cli_usage_error("convert", "--to genius writes several files: give -o PREFIX");
    if (rc == EXIT_OK && !done)
        rc = convert(positional, (size_t)n, &o);
    free(positional);
    return rc;
}

const cli_command cli_convert_command = {
    "convert",
    "write any readable input as a native parley scenario",
    "Usage: parley convert INPUT... -o OUTPUT.json\n"
    "       parley convert INPUT... --to genius -o PREFIX\n"
    "\n"
    "Read INPUT (KTAB CSV or XML, stakeholder CSV, Decide file, a parley scenario, or a\n"
    "GENIUS domain followed by its profiles) and write it as a native parley JSON scenario\n"
    "(docs/scenario-format.md). The output is written atomically: to a temporary file beside\n"
    "it, then renamed, so a failure never leaves a partial file. A source line records where\n"
    "the scenario came from. With --to genius, write PREFIX_domain.xml and one additive\n"
    "profile PREFIX_<actor>.xml per actor (docs/formats.md, \"Writing GENIUS\"): all of them\n"
    "or, on any failure, none.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   the file to write (- for standard output), or the GENIUS prefix\n"
    "  --to FORMAT         parley (the default) or genius\n"
    "  --help              show this help\n"
    "\n"
    "Example: parley convert dummyData_3Dim.csv -o dummy.json\n",
    run,
};
