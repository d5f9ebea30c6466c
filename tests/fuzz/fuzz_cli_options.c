/*
 * fuzz_cli_options.c - fuzz the CLI's one option parser (src/cli/cli_common.c):
 * cli_parse over an argument vector, with the options every command takes,
 * whole numbers through cli_whole_option / cli_parse_whole, lists through
 * cli_list_option and cli_parse_agents, and each argument through the
 * escaping of names (cli_safe_text) and the CSV formula test. The input is
 * the arguments separated by NUL bytes. Nothing is run, read or written:
 * stdout (--help) goes to /dev/null; stderr stays libFuzzer's, and the CLI
 * prints one error line per process (cli_error), so it stays quiet.
 *
 * Checked: cli_parse_whole agrees with a plain reading of "+"? digits; a
 * list's items are non-empty and hold no comma; the escaped text of an
 * argument holds no control character but tab and newline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"
#include "safe_text.h"
#include "simulation_report.h"

/* Every option of every command (src/cli/cmd_*.c), with whether it takes a value. */
static const cli_option options[] = {
    {"output", 1},  {"report", 1},   {"svg", 1},       {"csv", 1},        {"png", 1},
    {"parties", 1}, {"quiet", 0},    {"protocol", 1},  {"agents", 1},     {"steps", 1},
    {"runs", 1},    {"seed", 1},     {"threads", 1},   {"grid", 1},       {"rounds", 1},
    {"issue", 1},   {"trace", 1},    {"runs-csv", 1},  {"model", 1},      {"option", 1},
    {"preset", 1},  {"max-set", 1},  {"from", 1},      {"proposal", 1},   {"to", 1},
    {"disagreement", 1}, {"asymmetric", 0}, {"capability", 1}, {"bootstrap", 1},
    {"uncertainty", 1}, {"shock", 1}, {NULL, 0}};

static const cli_command command = {"fuzz", "the fuzz target", "Usage: fuzz\n", NULL};

/* The reference reading of a whole number: '+'? then digits, without overflow. */
static int plain_whole(const char *text)
{
    const char *p = text[0] == '+' ? text + 1 : text;
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || p[digits] != '\0')
        return 0;
    while (digits > 1 && *p == '0') {
        p++;
        digits--;
    }
    return digits < 20 || (digits == 20 && strcmp(p, "18446744073709551615") <= 0);
}

static int handle(const char *name, const char *value, void *payload)
{
    (void)payload;
    if (value == NULL)
        return 0;
    unsigned long long v;
    if ((cli_parse_whole(value, &v) == 0) != plain_whole(value))
        fuzz_fail("cli_parse_whole", value);
    if (strcmp(name, "agents") == 0) {
        pl_agent *agents = NULL;
        size_t n = 0;
        cli_parse_agents("fuzz", value, &agents, &n);
        free(agents);
        return 0;
    }
    if (strcmp(name, "parties") == 0 || strcmp(name, "issue") == 0) {
        char **items = NULL;
        size_t n = 0;
        if (cli_list_option("fuzz", name, value, &items, &n) == EXIT_OK)
            for (size_t k = 0; k < n; k++)
                if (items[k][0] == '\0' || strchr(items[k], ',') != NULL)
                    fuzz_fail("cli_list_option", value);
        cli_list_free(items);
        return 0;
    }
    cli_whole_option("fuzz", value, name, 0, 1000000, &v);
    return 0;
}

static void check_escaped(void *payload, const char *text, size_t size)
{
    (void)payload;
    for (size_t k = 0; k < size; k++) {
        unsigned char c = (unsigned char)text[k];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            fuzz_fail("cli_safe_text", "a control character left");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int quiet;
    if (!quiet) {
        quiet = 1;
        if (freopen("/dev/null", "w", stdout) == NULL)
            return 0;
    }
    if (size > 4096)
        return 0;
    /* argv[0], then the input's NUL-separated arguments (a final one without NUL too). */
    char *text = malloc(size + 1);
    char **argv = calloc(size + 3, sizeof *argv);
    if (text == NULL || argv == NULL) {
        free(text);
        free(argv);
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    int argc = 0;
    argv[argc++] = "fuzz";
    for (size_t k = 0; k < size; k += strlen(text + k) + 1)
        argv[argc++] = text + k;
    for (int k = 1; k < argc; k++) {
        cli_safe_text(argv[k], strlen(argv[k]), 1, check_escaped, NULL);
        cli_csv_formula_risk(argv[k]);
    }
    int json = 0, n = 0, done = 0;
    char **positional = NULL;
    cli_parse(&command, argc, argv, options, handle, NULL, &json, &positional, &n, &done);
    if (positional != NULL)
        for (int k = 0; k < n; k++)
            if (positional[k] == NULL)
                fuzz_fail("cli_parse", "a NULL positional argument");
    free(positional);
    free(argv);
    free(text);
    return 0;
}
