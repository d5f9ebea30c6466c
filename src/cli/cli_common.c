/*
 * cli_common.c - loading scenarios, reporting errors, parsing options and
 * writing output, for every subcommand.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "output.h"
#include "safe_text.h"

/*
 * The file each loaded scenario came from, so that an error of a model or an
 * analysis names the input's path as the contract says, not the scenario's id.
 */
typedef struct loaded_source {
    struct loaded_source *next;
    const pl_scenario *scenario;
    char path[];
} loaded_source;
static loaded_source *loaded_sources;

/*
 * Every failure prints exactly one line (the CLI contract): the first error a
 * run reports is the true one; what follows from it (a second "out of memory"
 * while unwinding) is not printed.
 */
static int error_reported;

static void stderr_sink(void *payload, const char *text, size_t size)
{
    (void)payload;
    fwrite(text, 1, size, stderr);
}

static void error_vline(const char *format, va_list args)
{
    if (error_reported)
        return;
    error_reported = 1;
    char line[2 * PL_DIAG_MESSAGE_MAX + 512];
    vsnprintf(line, sizeof line, format, args);
    /* Names and paths from the input are shown, not obeyed (safe_text.h). */
    cli_safe_text(line, strlen(line), 0, stderr_sink, NULL);
    fputc('\n', stderr);
    fflush(stderr);
}

void cli_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    error_vline(format, args);
    va_end(args);
}

int cli_error_reported(void)
{
    return error_reported;
}

void cli_error_next_failure(void)
{
    error_reported = 0;
}

void cli_print_diag(const pl_diag *diag)
{
    /* No source: the error concerns the input being analysed (the last one loaded). */
    const char *source = diag->source[0] ? diag->source
                         : loaded_sources != NULL ? loaded_sources->path
                                                   : "parley";
    const char *message = diag->message[0] ? diag->message : pl_strerror(diag->status);
    if (diag->status == PL_OK && !diag->message[0])
        message = "internal failure"; /* never "error: success" */
    if (diag->line > 0)
        cli_error("%s:%d:%d: error: %s", source, diag->line, diag->column > 0 ? diag->column : 1,
                  message);
    else
        cli_error("%s: error: %s", source, message);
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
    char message[PL_DIAG_MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    cli_error("parley%s%s: error: %s", command ? " " : "", command ? command : "", message);
    return EXIT_BAD_INPUT;
}

int cli_is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void cli_remember_source(const pl_scenario *s, const char *path)
{
    size_t length = strlen(path) + 1;
    loaded_source *entry = malloc(sizeof *entry + length);
    if (entry == NULL)
        return; /* the scenario's id is named instead */
    entry->scenario = s;
    memcpy(entry->path, path, length);
    entry->next = loaded_sources;
    loaded_sources = entry;
}

const char *cli_scenario_source(const pl_scenario *s)
{
    for (const loaded_source *e = loaded_sources; e != NULL; e = e->next)
        if (e->scenario == s)
            return e->path;
    return s != NULL && s->id != NULL ? s->id : "scenario";
}

void cli_sources_free(void)
{
    while (loaded_sources != NULL) {
        loaded_source *next = loaded_sources->next;
        free(loaded_sources);
        loaded_sources = next;
    }
}

int cli_fail(int status, const pl_diag *diag)
{
    if (diag->status == PL_OK && diag->message[0] == '\0') {
        /* A callee that failed without filling the diagnostic: its status says what. */
        pl_diag named = *diag;
        named.status = status;
        cli_print_diag(&named);
        return status == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
    }
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
            /* No option means anything by an empty value ("--agents ''", "-o ''",
             * "--trace="): refused, never read as a default or as the current folder. */
            if (value[0] == '\0')
                return cli_usage_error(command->name, "option --%s needs a value, not an "
                                       "empty one", option->name);
        } else if (equals) {
            return cli_usage_error(command->name, "option --%s takes no value", option->name);
        }
        if (handle_option == NULL || handle_option(option->name, value, payload) != 0)
            return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}

/*
 * The one reading of a whole-number option, for every command: an optional
 * '+' then decimal digits, nothing else. " 5" (a quoting slip), "5.0",
 * "0x10", "-0" and "" are refused everywhere, "+5" accepted everywhere.
 */
int cli_parse_whole(const char *text, unsigned long long *out)
{
    const char *p = text != NULL && text[0] == '+' ? text + 1 : text;
    if (p == NULL || *p < '0' || *p > '9')
        return -1;
    unsigned long long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > (ULLONG_MAX - (unsigned)(*p - '0')) / 10)
            return -1;
        v = v * 10 + (unsigned)(*p - '0');
    }
    *out = v;
    return 0;
}

int cli_whole_option(const char *command, const char *text, const char *flag,
                     unsigned long long low, unsigned long long high, unsigned long long *out)
{
    if (text == NULL)
        return EXIT_OK;
    unsigned long long v;
    if (cli_parse_whole(text, &v) != 0 || v < low || v > high)
        return cli_usage_error(command, "--%s wants a whole number from %llu to %llu, not '%s'",
                               flag, low, high, text);
    *out = v;
    return EXIT_OK;
}

int cli_list_option(const char *command, const char *flag, const char *text, char ***items,
                    size_t *n)
{
    *items = NULL;
    *n = 0;
    size_t count = 1;
    for (const char *p = text; *p; p++)
        count += *p == ',';
    char *copy = strdup(text);
    char **list = calloc(count + 1, sizeof *list);
    if (copy == NULL || list == NULL) {
        free(copy);
        free(list);
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    /* list[0] owns the copy; the items point into it, split at each comma. */
    char *item = copy;
    for (size_t k = 0; k < count; k++) {
        char *comma = strchr(item, ',');
        if (comma != NULL)
            *comma = '\0';
        list[k] = item;
        if (item[0] == '\0') {
            free(copy);
            free(list);
            return cli_usage_error(command, "--%s: an empty item in '%s' (give A,B,...)", flag,
                                   text);
        }
        item = comma != NULL ? comma + 1 : item + strlen(item);
    }
    *items = list;
    *n = count;
    return EXIT_OK;
}

void cli_list_free(char **items)
{
    if (items != NULL)
        free(items[0]);
    free(items);
}

int cli_emit(const char *text, size_t size)
{
    if (fwrite(text, 1, size, stdout) != size || fflush(stdout) != 0) {
        cli_error("parley: error: cannot write the output: %s", strerror(errno));
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
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

int cli_buffer_to_set(cli_buffer *buffer, cli_outputs *set, const char *path, pl_diag *diag)
{
    int failed = ferror(buffer->stream);
    if (fclose(buffer->stream) != 0 || failed) {
        free(buffer->data);
        buffer->data = NULL;
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    cli_outputs_take(set, path, buffer->data, buffer->size);
    buffer->data = NULL;
    return PL_OK;
}

int cli_buffer_to_file(cli_buffer *buffer, const char *path, pl_diag *diag)
{
    cli_outputs set;
    cli_outputs_init(&set);
    int rc = cli_buffer_to_set(buffer, &set, path, diag);
    if (rc == PL_OK)
        rc = cli_outputs_commit(&set, diag);
    cli_outputs_free(&set);
    return rc;
}

int cli_csv_formula_risk(const char *text)
{
    if (text == NULL || text[0] == '\0' || strchr("=+-@\t\r", text[0]) == NULL)
        return 0;
    /* A number such as -5 or +1e3 stays a number: spreadsheets read it as one, not as a
     * formula. strtod alone would also take "-inf" and "+0x1p3"; those are text. */
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    int number = end != text && *end == '\0' && isfinite(value) &&
                 strpbrk(text, "xXnN") == NULL && text[1] != '\0' &&
                 strchr("0123456789.", text[1]) != NULL;
    return !number;
}

void cli_csv_field(FILE *out, const char *text)
{
    /* OWASP "CSV Injection": a text cell starting with = + - @ tab or CR gets a leading
     * apostrophe (inside the quotes when quoted), so that spreadsheets show it as text. */
    const char *guard = cli_csv_formula_risk(text) ? "'" : "";
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(guard, out);
        fputs(text, out);
        return;
    }
    fputc('"', out);
    fputs(guard, out);
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

static void buffer_sink(void *payload, const char *text, size_t size)
{
    fwrite(text, 1, size, (FILE *)payload);
}

int cli_buffer_emit(cli_buffer *buffer)
{
    if (fclose(buffer->stream) != 0) {
        free(buffer->data);
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    int rc;
    if (cli_text_is_safe(buffer->data, buffer->size)) {
        rc = cli_emit(buffer->data, buffer->size);
    } else {
        /* A name with terminal escapes or an open right-to-left override is shown, not
         * obeyed (safe_text.h). */
        cli_buffer safe;
        rc = cli_buffer_open(&safe);
        if (rc == EXIT_OK) {
            cli_safe_text(buffer->data, buffer->size, 1, buffer_sink, safe.stream);
            if (fclose(safe.stream) != 0) {
                cli_error("parley: error: out of memory");
                rc = EXIT_INTERNAL;
            } else {
                rc = cli_emit(safe.data, safe.size);
            }
            free(safe.data);
        }
    }
    free(buffer->data);
    return rc;
}

void cli_buffer_discard(cli_buffer *buffer)
{
    fclose(buffer->stream);
    free(buffer->data);
}
