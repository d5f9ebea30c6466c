/*
 * cmd_convert.c - `parley convert IN -o OUT.json`: any readable input as a
 * native parley scenario, written atomically.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int take_option(const char *name, const char *value, void *payload)
{
    if (strcmp(name, "output") == 0)
        *(const char **)payload = value;
    return 0;
}

static const cli_option option_table[] = {{"output", 1}, {NULL, 0}};

/* Record where the native file came from, so that its provenance stays honest. */
static int note_origin(pl_scenario *s, const char *input)
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

static int convert(const char *input, const char *output)
{
    pl_scenario *s = NULL;
    int rc = cli_load_scenario(input, &s);
    if (rc != EXIT_OK)
        return rc;
    char *text = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (note_origin(s, input) != PL_OK || pl_write_parley_json(s, &text, &diag) != PL_OK) {
        pl_scenario_free(s);
        fprintf(stderr, "parley convert: error: cannot write the scenario: %s\n",
                diag.message[0] ? diag.message : "out of memory");
        return EXIT_INTERNAL;
    }
    pl_scenario_free(s);
    if (strcmp(output, "-") == 0)
        rc = cli_emit(text, strlen(text));
    else if (pl_write_file_atomic(output, text, strlen(text), &diag) != PL_OK) {
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
    const char *output = NULL;
    int rc = cli_parse(&cli_convert_command, argc, argv, option_table, take_option, &output,
                       NULL, &positional, &n, &done);
    if (rc == EXIT_OK && !done && n != 1)
        rc = cli_usage_error("convert", "give exactly one input file (got %d)", n);
    if (rc == EXIT_OK && !done && output == NULL)
        rc = cli_usage_error("convert", "give the output file with -o OUT.json (- for stdout)");
    if (rc == EXIT_OK && !done)
        rc = convert(positional[0], output);
    free(positional);
    return rc;
}

const cli_command cli_convert_command = {
    "convert",
    "write any readable input as a native parley scenario",
    "Usage: parley convert INPUT -o OUTPUT.json\n"
    "\n"
    "Read INPUT (KTAB CSV or XML, stakeholder CSV, Decide file, or a parley scenario) and\n"
    "write it as a native parley JSON scenario (docs/scenario-format.md). The output is\n"
    "written atomically: to a temporary file beside it, then renamed, so a failure never\n"
    "leaves a partial file. A source line records where the scenario came from.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   the file to write (- for standard output)\n"
    "  --help              show this help\n"
    "\n"
    "Example: parley convert dummyData_3Dim.csv -o dummy.json\n",
    run,
};
