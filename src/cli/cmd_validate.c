/*
 * cmd_validate.c - `parley validate SCENARIO...`: read and check, nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * Nonzero when `path` is a GENIUS or GeniusWeb file or a long-format table:
 * the arguments are then one set (a domain and profiles, or tables).
 */
static int is_set_file(const char *path)
{
    char *data = NULL;
    size_t size = 0;
    if (pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, NULL) != PL_OK)
        return 0;
    pl_format format = pl_detect_format(path, data, size);
    free(data);
    return format == PL_FORMAT_GENIUS_DOMAIN || format == PL_FORMAT_GENIUSWEB ||
           format == PL_FORMAT_LONG_TABLE || format == PL_FORMAT_ISSUES_TABLE ||
           format == PL_FORMAT_ACTORS_TABLE;
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
        if (is_set_file(positional[k]))
            group = n;
    for (int k = 0; k < n; k += group) {
        pl_scenario *s = NULL;
        pl_diag_list errors = PL_DIAG_LIST_INIT;
        int read = pl_check_scenario_files((const char *const *)positional + k, (size_t)group,
                                           &s, &errors);
        int set = read == PL_OK ? cli_set_apply(&s) : EXIT_OK; /* prints its error */
        if (read != PL_OK || set != EXIT_OK) {
            /* Every error found (up to 100), one line each. */
            for (size_t e = 0; read != PL_OK && e < errors.count; e++) {
                cli_error_next_failure(); /* one line per error, every one */
                cli_print_diag(&errors.items[e]);
            }
            if (read != PL_OK && errors.count == 0) {
                cli_error_next_failure();
                cli_error("%s: error: %s", positional[k], pl_strerror(read));
            }
            pl_diag_list_free(&errors);
            if (status == EXIT_OK)
                status = read == PL_ERR_NOMEM || set == EXIT_INTERNAL ? EXIT_INTERNAL
                                                                      : EXIT_BAD_INPUT;
            if (results)
                json_array_append_new(results, json_pack("{s:s, s:b}", "file", positional[k],
                                                         "valid", 0));
            continue;
        }
        pl_diag_list_free(&errors);
        if (results) {
            json_t *notes = json_array();
            int native = s->format != NULL && strcmp(s->format, "parley") == 0;
            for (size_t c = 0; !native && c < s->provenance.n_caveats; c++)
                json_array_append_new(notes, json_string(s->provenance.caveats[c]));
            json_array_append_new(
                results, json_pack("{s:s, s:b, s:s, s:I, s:I, s:I, s:o}", "file", positional[k],
                                   "valid", 1, "format", s->format ? s->format : "unknown",
                                   "actors", (json_int_t)s->n_actors, "issues",
                                   (json_int_t)s->n_issues, "proposals",
                                   (json_int_t)s->n_proposals, "notes", notes));
        } else {
            int genius = s->format != NULL && strncmp(s->format, "genius", 6) == 0;
            int native = s->format != NULL && strcmp(s->format, "parley") == 0;
            fprintf(buffer.stream, "%s: ok (%s%s; %zu actors, %zu issues, %zu proposals)\n",
                    positional[k], s->format ? s->format : "unknown",
                    group > 1 && genius ? " domain and profiles" : group > 1 ? " tables" : "",
                    s->n_actors, s->n_issues, s->n_proposals);
            /* What a reader assumed or left out (unknown columns, inferred ranges, ...); a
             * native file's caveats are its author's words, shown by the reports instead. */
            for (size_t c = 0; !native && c < s->provenance.n_caveats; c++)
                fprintf(buffer.stream, "%s: note: %s\n", positional[k], s->provenance.caveats[c]);
        }
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
    "table, long-format tables) and check every rule of docs/scenario-format.md. GENIUS (or\n"
    "GeniusWeb) files make one scenario together: a domain and one profile per party, in any\n"
    "order; so do long-format tables (or give their folder). Prints one line per valid\n"
    "scenario, followed by its notes (what a reader assumed or left out); for each invalid\n"
    "one every error found (up to 100), one line each on stderr, FILE:LINE:COL: error:\n"
    "MESSAGE (or FILE: error: PATH: MESSAGE, PATH locating the field in the native format),\n"
    "and exits with status 2 without printing anything on stdout.\n"
    "\n"
    "Options:\n"
    "  --json   print {\"files\": [{\"file\", \"valid\", \"format\", \"actors\", \"issues\",\n"
    "           \"proposals\"}, ...]}\n"
    "  --help   show this help\n"
    "\n"
    "Example: parley validate examples/peace-talks-2025.json\n",
    run,
};
