/*
 * cli_common.c - loading scenarios, reporting errors, parsing options and
 * writing output, for every subcommand.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_print_diag(const pl_diag *diag)
{
    const char *source = diag->source[0] ? diag->source : "parley";
    const char *message = diag->message[0] ? diag->message : pl_strerror(diag->status);
    if (diag->line > 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", source, diag->line,
                diag->column > 0 ? diag->column : 1, message);
    else
        fprintf(stderr, "%s: error: %s\n", source, message);
}

void cli_print_usage(const cli_command *command, FILE *out)
{
    fputs(command->usage, out);
    if (cli_set_accepted(command))
        fputs("\nEvery command that takes a scenario also takes --set PATH=VALUE (repeatable): "
              "it changes\nthe scenario as read before anything runs, such as\n"
              "--set actors.UA.red_lines.donetsk.max=90 (docs/paths.md).\n",
              out);
}

int cli_usage_error(const char *command, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "parley%s%s: error: ", command ? " " : "", command ? command : "");
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    return EXIT_BAD_INPUT;
}

int cli_load_scenario(const char *const *paths, size_t n, pl_scenario **out)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc;
    if (n == 0)
        rc = pl_read_scenario(PL_FORMAT_PARLEY_JSON, CLI_DEFAULT_SCENARIO_NAME,
                              pl_default_scenario_json, pl_default_scenario_size, out, &diag);
    else
        rc = pl_load_scenario_files(paths, n, out, &diag);
    return rc == PL_OK ? cli_set_apply(out) : cli_fail(rc, &diag);
}

int cli_fail(int status, const pl_diag *diag)
{
    cli_print_diag(diag);
    return status == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
}

static const cli_option *find_option(const cli_option *options, const char *name, size_t length)
{
    for (const cli_option *o = options; o && o->name; o++)
        if (strlen(o->name) == length && strncmp(o->name, name, length) == 0)
            return o;
    return NULL;
}

int cli_parse(const cli_command *command, int argc, char **argv, const cli_option *options,
              cli_option_handler handle_option, void *payload, int *json, char ***positional,
              int *n_positional, int *done)
{
    *done = 0;
    *n_positional = 0;
    *positional = calloc((size_t)argc + 1, sizeof **positional);
    if (*positional == NULL)
        return EXIT_INTERNAL;
    int only_positional = 0;
    for (int k = 1; k < argc; k++) {
        char *arg = argv[k];
        if (only_positional || arg[0] != '-' || arg[1] == '\0') {
            (*positional)[(*n_positional)++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_print_usage(command, stdout);
            *done = 1;
            return EXIT_OK;
        }
        if (strcmp(arg, "--json") == 0 && json != NULL) {
            *json = 1;
            continue;
        }
        if (strncmp(arg, "--set", 5) == 0 && (arg[5] == '\0' || arg[5] == '=') &&
            cli_set_accepted(command)) {
            const char *value = arg[5] == '=' ? arg + 6 : k + 1 < argc ? argv[++k] : NULL;
            if (value == NULL)
                return cli_usage_error(command->name, "option --set needs PATH=VALUE");
            if (cli_set_take(value) != EXIT_OK)
                return EXIT_INTERNAL;
            continue;
        }
        /* Long options: --name VALUE or --name=VALUE; a few have one-letter forms. */
        const char *name = arg + 1 + (arg[1] == '-');
        const char *equals = strchr(name, '=');
        size_t length = equals ? (size_t)(equals - name) : strlen(name);
        const cli_option *option = NULL;
        if (arg[1] == '-')
            option = find_option(options, name, length);
        else if (length == 1)
            for (const cli_option *o = options; o && o->name && !option; o++)
                if (o->name[0] == name[0] && strcmp(o->name, "output") == 0)
                    option = o;
        if (option == NULL)
            return cli_usage_error(command->name, "unknown option '%s' (see parley %s --help)",
                                   arg, command->name);
        const char *value = NULL;
        if (option->takes_value) {
            if (equals)
                value = equals + 1;
            else if (k + 1 < argc)
                value = argv[++k];
            else
                return cli_usage_error(command->name, "option --%s needs a value",
                                       option->name);
        } else if (equals) {
            return cli_usage_error(command->name, "option --%s takes no value", option->name);
        }
        if (handle_option == NULL || handle_option(option->name, value, payload) != 0)
            return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}

int cli_whole_option(const char *command, const char *text, const char *flag,
                     unsigned long long low, unsigned long long high, unsigned long long *out)
{
    if (text == NULL)
        return EXIT_OK;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (text[0] == '-' || end == text || *end != '\0' || errno != 0 || v < low || v > high)
        return cli_usage_error(command, "--%s wants a whole number from %llu to %llu, not '%s'",
                               flag, low, high, text);
    *out = v;
    return EXIT_OK;
}

int cli_emit(const char *text, size_t size)
{
    if (fwrite(text, 1, size, stdout) != size || fflush(stdout) != 0) {
        fprintf(stderr, "parley: error: cannot write the output: %s\n", strerror(errno));
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

int cli_buffer_open(cli_buffer *buffer)
{
    buffer->data = NULL;
    buffer->size = 0;
    buffer->stream = open_memstream(&buffer->data, &buffer->size);
    if (buffer->stream == NULL) {
        fprintf(stderr, "parley: error: out of memory\n");
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

int cli_buffer_to_file(cli_buffer *buffer, const char *path, pl_diag *diag)
{
    int failed = ferror(buffer->stream);
    if (fclose(buffer->stream) != 0 || failed) {
        free(buffer->data);
        buffer->data = NULL;
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    pl_diag_set_source(diag, path);
    int rc = pl_write_file_atomic(path, buffer->data, buffer->size, diag);
    free(buffer->data);
    buffer->data = NULL;
    return rc;
}

void cli_csv_field(FILE *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc('"', out);
        fputc(*c, out);
    }
    fputc('"', out);
}

void cli_csv_real(FILE *out, double value)
{
    char text[PL_REAL_CHARS];
    if (!isnan(value))
        fwrite(text, 1, pl_format_real(value, text), out);
}

int cli_buffer_emit(cli_buffer *buffer)
{
    if (fclose(buffer->stream) != 0) {
        free(buffer->data);
        fprintf(stderr, "parley: error: out of memory\n");
        return EXIT_INTERNAL;
    }
    int rc = cli_emit(buffer->data, buffer->size);
    free(buffer->data);
    return rc;
}

void cli_buffer_discard(cli_buffer *buffer)
{
    fclose(buffer->stream);
    free(buffer->data);
}
