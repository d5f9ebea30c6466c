/*
 * main.c - the parley command-line tool: a table of subcommands.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "cli.h"
#include "output.h"

static const cli_command *const commands[] = {
    &cli_run_command,     &cli_validate_command, &cli_evaluate_command,
    &cli_predict_command, &cli_zopa_command,     &cli_frontier_command,
    &cli_mediate_command, &cli_simulate_command, &cli_tournament_command,
    &cli_backtest_command, &cli_report_command,  &cli_convert_command,
    &cli_diff_command,
    &cli_init_command,
    &cli_serve_command,
    &cli_sweep_command,
    &cli_sensitivity_command,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_overview(FILE *out)
{
    fprintf(out,
            "parley %s - analyse and forecast multi-party negotiations\n\n"
            "Usage: parley COMMAND [OPTIONS] [SCENARIO...]\n\n"
            "Commands:\n",
            pl_version());
    for (size_t k = 0; k < N_COMMANDS; k++)
        fprintf(out, "  %-10s %s\n", commands[k]->name, commands[k]->summary);
    fprintf(out,
            "\nWith no scenario, `parley run` analyses the built-in default: the talks on the\n"
            "US-backed plan to end the war in Ukraine after the Moscow meeting of 2 December "
            "2025.\n"
            "Scenarios: parley JSON, KTAB CSV/XML, stakeholder CSV, Decide files.\n"
            "`parley COMMAND --help` describes a command. Exit status: 0 success, 2 bad input "
            "or usage,\n1 internal error.\n");
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stderr);
        return EXIT_BAD_INPUT;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0 ||
        strcmp(name, "version") == 0) {
        printf("parley %s\n", pl_version());
        return EXIT_OK;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2) {
            for (size_t k = 0; k < N_COMMANDS; k++)
                if (strcmp(argv[2], commands[k]->name) == 0) {
                    cli_print_usage(commands[k], stdout);
                    return EXIT_OK;
                }
            return cli_usage_error(NULL, "unknown command '%s' (see parley --help)", argv[2]);
        }
        print_overview(stdout);
        return EXIT_OK;
    }
    for (size_t k = 0; k < N_COMMANDS; k++)
        if (strcmp(name, commands[k]->name) == 0)
            return commands[k]->run(argc - 1, argv + 1);
    return cli_usage_error(NULL, "unknown command '%s' (see parley --help)", name);
}

int main(int argc, char **argv)
{
    /*
     * Sweeps, Monte Carlo and the workbench allocate and free the same large
     * blocks (the zone's LP tableaus, frontier pools) thousands of times. glibc
     * would hand them back to the system (mmap above its adaptive threshold,
     * trimming the heap's top) and fault them in again: up to 1.8 s of system
     * time on a 3-s sweep, at random from run to run (docs/scale.md). Keep
     * blocks up to glibc's largest threshold (32 MiB) in the heap.
     */
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    /* libxml2 wants one initialisation before any thread and a cleanup at exit. */
    xmlInitParser();
    cli_output_signals();
    int status = dispatch(argc, argv);
    /* stdout is checked once at the end: `parley --help > /dev/full` is a failure too. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("parley: error: cannot write the output: %s",
                  strerror(errno ? errno : EIO));
        if (status == EXIT_OK)
            status = EXIT_INTERNAL;
    }
    if (status != EXIT_OK && !cli_error_reported())
        cli_error("parley: error: %s", status == EXIT_INTERNAL ? "internal failure"
                                                               : "bad input");
    cli_output_cleanup();
    cli_sources_free();
    xmlCleanupParser();
    return status;
}
