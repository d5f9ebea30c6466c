/*
 * cmd_validate.c - `parley validate SCENARIO...`: read and check, nothing else.
 */
#include <stdlib.h>

#include "cli.h"

/* Nonzero when `path` is a GENIUS or GeniusWeb file: the arguments are then one domain set. */
static int is_genius_file(const char *path)
{
    char *data = NULL;
    size_t size = 0;
    if (pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, NULL) != PL_OK)
        return 0;
    pl_format format = pl_detect_format(path, data, size);
    free(data);
    return format == PL_FORMAT_GENIUS_DOMAIN || format == PL_FORMAT_GENIUSWEB;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    int rc = cli_parse(&cli_validate_command, argc, argv, NULL, NULL, NULL, &json, &positional,
                       &n, &done);
    if (rc != EXIT_OK || done) {
        free(positional);
        return rc;
    }
    if (n == 0) {
        free(positional);
        return cli_usage_error("validate", "give at least one scenario file");
    }
    cli_buffer buffer;
    json_t *results = json ? json_array() : NULL;
    if (cli_buffer_open(&buffer) != EXIT_OK) {
        free(positional);
        json_decref(results);
        return EXIT_INTERNAL;
    }
    int status = EXIT_OK;
    /* A GENIUS domain among several files (anywhere, as a glob puts it) makes them one set. */
    int group = 1;
    for (int k = 0; n > 1 && k < n && group == 1; k++)
        if (is_genius_file(positional[k]))
            group = n;
    for (int k = 0; k < n; k += group) {
        pl_scenario *s = NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        int read = pl_load_scenario_files((const char *const *)positional + k, (size_t)group, &s,
                                          &diag);
        if (read != PL_OK) {
            cli_error_next_failure(); /* one line per invalid file */
            cli_print_diag(&diag);
            if (status == EXIT_OK)
                status = read == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
            if (results)
                json_array_append_new(results, json_pack("{s:s, s:b}", "file", positional[k],
                                                         "valid", 0));
            continue;
        }
        if (results)
            json_array_append_new(
                results, json_pack("{s:s, s:b, s:s, s:I, s:I, s:I}", "file", positional[k],
                                   "valid", 1, "format", s->format ? s->format : "unknown",
                                   "actors", (json_int_t)s->n_actors, "issues",
                                   (json_int_t)s->n_issues, "proposals",
                                   (json_int_t)s->n_proposals));
        else
            fprintf(buffer.stream, "%s: ok (%s%s; %zu actors, %zu issues, %zu proposals)\n",
                    positional[k], s->format ? s->format : "unknown",
                    group > 1 ? " domain and profiles" : "", s->n_actors, s->n_issues,
                    s->n_proposals);
        pl_scenario_free(s);
    }
    free(positional);
    /* Nothing reaches stdout unless every file is valid: scripts read all or nothing. */
    if (status != EXIT_OK) {
        cli_buffer_discard(&buffer);
        json_decref(results);
        return status;
    }
    if (results) {
        cli_buffer_discard(&buffer);
        return cli_emit_json(json_pack("{s:o}", "files", results));
    }
    return cli_buffer_emit(&buffer);
}

const cli_command cli_validate_command = {
    "validate",
    "check scenario files without analysing them",
    "Usage: parley validate SCENARIO... [--json]\n"
    "\n"
    "Read each scenario (parley JSON, KTAB CSV or XML, stakeholder CSV, Decide file, DEU III\n"
    "table) and check every rule of docs/scenario-format.md. GENIUS (or GeniusWeb) files\n"
    "make one scenario together: a domain and one profile per party, in any order. Prints\n"
    "one line per valid scenario; for each invalid one an error line on stderr,\n"
    "FILE:LINE:COL: error: MESSAGE (or FILE: error:\n"
    "PATH: MESSAGE, PATH locating the field in the native format), and exits with status 2\n"
    "without printing anything on stdout.\n"
    "\n"
    "Options:\n"
    "  --json   print {\"files\": [{\"file\", \"valid\", \"format\", \"actors\", \"issues\",\n"
    "           \"proposals\"}, ...]}\n"
    "  --help   show this help\n"
    "\n"
    "Example: parley validate examples/peace-talks-2025.json\n",
    run,
};
