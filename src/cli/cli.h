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
    cli_tournament_command, cli_diff_command, cli_init_command, cli_serve_command,
    cli_sweep_command, cli_sensitivity_command;

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

/** Print a command's --help text (with the --set note where it applies). */
void cli_print_usage(const cli_command *command, FILE *out);

/** Print "parley: error: MESSAGE" for usage errors; returns EXIT_BAD_INPUT. */
int cli_usage_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Nonzero when `path` names a folder (a long-format scenario, docs/formats.md). */
int cli_is_folder(const char *path);

/**
 * Load a scenario from `n` files (one file, or a GENIUS domain followed by its
 * profiles: pl_load_scenario_files), from one folder holding a GENIUS domain
 * and its profiles (profiles in byte-wise file-name order, as
 * docs/specs/negmas-sao.md §1 says), or the built-in default when n is 0, and
 * apply the --set assignments. Every command reads its scenario this way
 * (cli_load.c). Prints errors.
 */
int cli_load_scenario(const char *const *paths, size_t n, pl_scenario **out);

/*
 * --set PATH=VALUE (cli_set.c): cli_parse takes every --set of a command that
 * accepts it (cli_set_accepted); cli_load_scenario applies them in order to
 * the scenario as read (cli_set_apply: on a bad one, one line
 * "--set ASSIGNMENT: error: MESSAGE", the scenario freed, EXIT_BAD_INPUT).
 * cli_set_pause(1) holds them back (parley diff's first scenario).
 */
int cli_set_accepted(const cli_command *command);
int cli_set_take(const char *assignment);
size_t cli_set_count(void);
int cli_set_pause(int pause);
int cli_set_apply(pl_scenario **scenario);

/**
 * The scenarios of `paths` for commands that analyse several in turn (`run`):
 * the files together when they make one scenario (cli_load_scenario), else
 * each path alone (a file or a folder), in order. `*out` (free each and the
 * array) holds `*count` scenarios. Prints errors; returns an exit status.
 */
int cli_load_scenarios(const char *const *paths, size_t n, pl_scenario ***out, size_t *count);

/** Remember that `scenario` was read from `path` (cli_load_scenario does). */
void cli_remember_source(const pl_scenario *scenario, const char *path);
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

/** Room for any cli_number() text with its NUL. */
#define CLI_NUMBER_CHARS 48

/**
 * `value` for a text report: `digits` significant digits in plain decimals,
 * every digit of the integer part kept (19000, 11103, 0.0001234), trailing
 * zeros dropped; an exponent only from 1e9 on; "-" for NaN (text_number.c).
 */
const char *cli_number(double value, int digits, char out[CLI_NUMBER_CHARS]);

/**
 * Names shortened to fit a column or a chart, for the legend that gives them
 * in full (text_names.c). Start from {0}; cli_names_free() when done.
 */
typedef struct cli_names {
    size_t n, capacity;
    char **shown, **full;
} cli_names;

/**
 * `name` in at most `width` bytes: itself when it fits, else its start, '~'
 * and its end ("Airpor~util1"); with `names`, one not yet seen is remembered
 * for the legend, the same name always shows the same way, and two that would
 * look alike get a number instead of their end. `out` holds `size` bytes.
 */
const char *cli_fit(cli_names *names, const char *name, size_t width, char *out, size_t size);

/**
 * cli_fit() for a name among others that share its place (the actors' ids,
 * an issue's options): the cut keeps as much of the start and the end as
 * tells it from every other name of `set` (n names) cut the same way, so that
 * "laptop_buyer_utility" and "laptop_seller_utility" stay apart.
 */
const char *cli_fit_among(cli_names *names, const char *name, const char *const *set, size_t n,
                          size_t width, char *out, size_t size);

/** The scenario's actor ids (issue ids), in order; free() the array. NULL when out of memory. */
const char **cli_actor_ids(const pl_scenario *scenario);
const char **cli_issue_ids(const pl_scenario *scenario);

/** The legend: "SHORT = FULL" for every name shortened (nothing when none was). */
void cli_names_print(FILE *out, const cli_names *names);

void cli_names_free(cli_names *names);

/** Format an issue outcome for text: cli_number() with 4 digits, or an option id. */
const char *cli_format_value(const pl_scenario *scenario, size_t issue, double value,
                             char *buffer, size_t size);

/** Add "Converted by parley from INPUT (FORMAT format)." to a non-native scenario's sources. */
int cli_note_origin(pl_scenario *scenario, const char *input);

/** Print `text` wrapped at CLI_WIDTH, each line prefixed by `indent` spaces. */
void cli_wrap(FILE *out, const char *text, int indent, int first_indent);

#endif
