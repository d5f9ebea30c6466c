/*
 * cli.h - what the parley command-line tool's files share.
 *
 * The CLI owns all printing and exit codes; libparley never prints. Exit
 * status: 0 success, 2 bad input or bad usage (one "error:" line on stderr),
 * 1 an internal failure such as an unwritable output.
 */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <stdio.h>

#include <jansson.h>

#include "parley/parley.h"
#include "svg.h"

enum { EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_BAD_INPUT = 2 };

/** Width of the text reports, in columns. */
#define CLI_WIDTH 100

/** One subcommand: `parley NAME ...`. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    const char *usage;   /**< the full --help text */
    int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_run_command, cli_validate_command, cli_evaluate_command,
    cli_predict_command, cli_convert_command, cli_backtest_command, cli_frontier_command,
    cli_report_command, cli_zopa_command, cli_mediate_command, cli_simulate_command,
    cli_tournament_command;

/** The built-in default scenario (generated from examples/peace-talks-2025.json). */
extern const char pl_default_scenario_json[];
extern const size_t pl_default_scenario_size;
#define CLI_DEFAULT_SCENARIO_NAME "peace-talks-2025.json (built in)"

/**
 * Print one error line (format and arguments as printf, without the newline),
 * control characters and unpaired bidi controls shown escaped. Only the
 * first error of a run is printed: every failure prints exactly one line.
 */
void cli_error(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/** Nonzero once an error line has been printed. */
int cli_error_reported(void);
/** An independent failure follows (validate's next file): its first line is printed too. */
void cli_error_next_failure(void);

/** Print a diagnostic as "SOURCE:LINE:COL: error: MESSAGE" (or "SOURCE: error: ..."). */
void cli_print_diag(const pl_diag *diag);
/** Print `diag` and give the exit status for a library status (EXIT_INTERNAL when out of
 *  memory, else EXIT_BAD_INPUT). */
int cli_fail(int status, const pl_diag *diag);

/** Print "parley: error: MESSAGE" for usage errors; returns EXIT_BAD_INPUT. */
int cli_usage_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/**
 * Load a scenario from `n` files (one file, or a GENIUS domain followed by its
 * profiles: pl_load_scenario_files), or the built-in default when n is 0.
 * Prints errors.
 */
int cli_load_scenario(const char *const *paths, size_t n, pl_scenario **out);

/** The path `scenario` was loaded from by cli_load_scenario (its id when unknown). */
const char *cli_scenario_source(const pl_scenario *scenario);
/** Forget the paths of loaded scenarios (at exit). */
void cli_sources_free(void);

/**
 * Parse the options of a subcommand. Recognises --help (prints usage, sets
 * *done) and --json; everything else goes to `handle_option` (may be NULL),
 * which returns 0 to accept. Positional arguments are collected in order.
 */
typedef int (*cli_option_handler)(const char *name, const char *value, void *payload);
typedef struct cli_option {
    const char *name;   /**< long name without dashes */
    int takes_value;
} cli_option;
int cli_parse(const cli_command *command, int argc, char **argv, const cli_option *options,
              cli_option_handler handle_option, void *payload, int *json, char ***positional,
              int *n_positional, int *done);

/**
 * Parse `text` (NULL: leave *out as it is) as a whole number in [low, high] for
 * option --FLAG of `command`; a usage error (EXIT_BAD_INPUT) otherwise. Every
 * command reads its whole numbers so (cli_parse_whole).
 */
int cli_whole_option(const char *command, const char *text, const char *flag,
                     unsigned long long low, unsigned long long high, unsigned long long *out);
/** An optional '+' then decimal digits, nothing else (no blank, no sign '-'): 0, else -1. */
int cli_parse_whole(const char *text, unsigned long long *out);
/**
 * Split option --FLAG's `text` at commas into *n items (free with
 * cli_list_free); an empty item ("a,,b", "a,", "") is a usage error.
 */
int cli_list_option(const char *command, const char *flag, const char *text, char ***items,
                    size_t *n);
void cli_list_free(char **items);

/** Write a whole text to stdout; EXIT_INTERNAL (with a message) if stdout fails. */
int cli_emit(const char *text, size_t size);

/*
 * JSON text (cli_json.c): the library's writer (parley/json.h: jansson's
 * two-space layout, shortest round-trip reals) with stdout as its sink.
 */
typedef struct cli_json_out {
    pl_json_writer *writer; /* fill it between cli_json_begin and cli_json_end */
    FILE *file;
    int error; /* errno of a failed write */
} cli_json_out;
/** A writer streaming to stdout; PL_ERR_NOMEM when none could be made. */
int cli_json_begin(cli_json_out *out);
/** Finish the text, add a newline, flush, free the writer; a message on failure. */
int cli_json_end(cli_json_out *out);
/** The text of a whole document (free() it); NULL when out of memory. */
char *cli_json_text(const json_t *document, int indent);
/** Write a document to stdout with indent 2 and a final newline, and release it. */
int cli_emit_json(json_t *document);

/** A memory stream for building a report before anything is written. */
typedef struct cli_buffer {
    FILE *stream;
    char *data;
    size_t size;
} cli_buffer;
int cli_buffer_open(cli_buffer *buffer);
/** Close the stream and write what it holds to `path` (output.h; diag on failure). */
int cli_buffer_to_file(cli_buffer *buffer, const char *path, pl_diag *diag);
/** Close the stream and add what it holds to a set of outputs as `path` (output.h). */
struct cli_outputs;
int cli_buffer_to_set(cli_buffer *buffer, struct cli_outputs *set, const char *path,
                      pl_diag *diag);
/**
 * Whether a CSV text cell could run as a spreadsheet formula: it starts with
 * = + - @ tab or CR and is not a plain number (OWASP, "CSV Injection").
 */
int cli_csv_formula_risk(const char *text);
/** A CSV field, quoted (quotes doubled) when it holds a comma, quote or line end (RFC 4180);
 *  a text that could run as a formula gets a leading apostrophe (cli_csv_formula_risk). */
void cli_csv_field(FILE *out, const char *text);
/** A number as a CSV field: the shortest text that reads back to it; nothing for NaN. */
void cli_csv_real(FILE *out, double value);
/** Close the stream and write what it holds to stdout. */
int cli_buffer_emit(cli_buffer *buffer);
void cli_buffer_discard(cli_buffer *buffer);

/* JSON building blocks (report_json.c). */
json_t *cli_json_value(const pl_scenario *scenario, size_t issue, double value);
json_t *cli_json_ids_actors(const pl_scenario *scenario);
json_t *cli_json_ids_issues(const pl_scenario *scenario);
json_t *cli_json_scenario(const pl_scenario *scenario);
json_t *cli_json_evaluation(const pl_scenario *scenario, size_t proposal,
                            const pl_evaluation *evaluation);
json_t *cli_json_forecast(const pl_scenario *scenario, const double *forecast);
json_t *cli_json_red_lines(const pl_scenario *scenario, const pl_red_line_analysis *analysis);

/* Text building blocks (report_text.c). */
void cli_text_scenario(FILE *out, const pl_scenario *scenario);
void cli_text_evaluation(FILE *out, const pl_scenario *scenario, size_t proposal,
                         const pl_evaluation *evaluation);
void cli_text_forecasts(FILE *out, const pl_scenario *scenario, const pl_model *models,
                        size_t n_models, const double *const *forecasts);
void cli_text_red_lines(FILE *out, const pl_scenario *scenario,
                        const pl_red_line_analysis *analysis);

/** Format an issue outcome for text: a number with 4 significant digits, or an option id. */
const char *cli_format_value(const pl_scenario *scenario, size_t issue, double value,
                             char *buffer, size_t size);

/** Print `text` wrapped at CLI_WIDTH, each line prefixed by `indent` spaces. */
void cli_wrap(FILE *out, const char *text, int indent, int first_indent);

#endif
