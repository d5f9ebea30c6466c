/*
 * cmd_backtest.c - `parley backtest FILE...`: how far each model's forecasts
 * fall from the outcomes observed (docs/backtest.md).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parley/backtest.h"

/* Also declared in cli.h once the command is in main.c's table; repeating it is harmless. */
extern const cli_command cli_backtest_command;

/* Seeds are written as JSON integers, exact up to 2^53. */
#define MAX_SEED 9007199254740992.0

typedef struct options {
    const char *capability;
    const char *bootstrap;
    const char *seed;
} options;

/* What the command works on: the files, their scenarios and the settings. */
typedef struct backtest_input {
    char **paths;
    int n;
    pl_scenario **scenarios;
    pl_deu_capability capability;
    pl_backtest_options settings;
} backtest_input;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "capability") == 0)
        o->capability = value;
    else if (strcmp(name, "bootstrap") == 0)
        o->bootstrap = value;
    else if (strcmp(name, "seed") == 0)
        o->seed = value;
    return 0;
}

static const cli_option option_table[] = {
    {"capability", 1}, {"bootstrap", 1}, {"seed", 1}, {NULL, 0}};

/* A whole decimal number in [0, most], read as every command reads one (cli_parse_whole). */
static int parse_count(const char *text, double most, unsigned long long *out)
{
    return cli_parse_whole(text, out) == 0 && (double)*out <= most;
}

static int read_settings(const options *o, backtest_input *in)
{
    unsigned long long value;
    in->capability = PL_DEU_CAPABILITY_COUNCIL;
    if (o->capability != NULL && strcmp(o->capability, "equal") == 0)
        in->capability = PL_DEU_CAPABILITY_EQUAL;
    else if (o->capability != NULL && strcmp(o->capability, "council") != 0)
        return cli_usage_error("backtest", "--capability must be equal or council, not '%s'",
                               o->capability);
    if (o->bootstrap != NULL) {
        if (!parse_count(o->bootstrap, PL_BACKTEST_MAX_BOOTSTRAP, &value))
            return cli_usage_error("backtest",
                                   "--bootstrap must be a whole number from 0 to %d, not '%s'",
                                   PL_BACKTEST_MAX_BOOTSTRAP, o->bootstrap);
        in->settings.bootstrap = (size_t)value;
    }
    if (o->seed != NULL) {
        if (!parse_count(o->seed, MAX_SEED, &value))
            return cli_usage_error("backtest",
                                   "--seed must be a whole number from 0 to 2^53, not '%s'",
                                   o->seed);
        in->settings.seed = (uint64_t)value;
    }
    return EXIT_OK;
}

/* Read one file; DEU tables with the chosen capability rule. */
static int load(const char *path, pl_deu_capability capability, pl_scenario **out)
{
    pl_diag diag;
    char *data = NULL;
    size_t size = 0;
    pl_diag_clear(&diag);
    /* A folder is one scenario (long-format tables, docs/formats.md). */
    int rc = cli_is_folder(path) ? pl_load_scenario_files(&path, 1, out, &diag)
                                 : pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size,
                                                &diag);
    if (rc == PL_OK && data != NULL) {
        if (pl_detect_format(path, data, size) == PL_FORMAT_DEU)
            rc = pl_read_deu_with(path, data, size, capability, out, &diag);
        else
            rc = pl_read_scenario(PL_FORMAT_UNKNOWN, path, data, size, out, &diag);
    }
    free(data);
    if (rc == PL_OK)
        return cli_set_apply(out);
    return cli_fail(rc, &diag);
}

static int any_deu(const backtest_input *in)
{
    for (int k = 0; k < in->n; k++)
        if (strcmp(in->scenarios[k]->format, "deu") == 0)
            return 1;
    return 0;
}

static size_t with_outcome(const pl_scenario *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_issues; i++)
        n += s->issues[i].has_outcome != 0;
    return n;
}

/* ---- text ------------------------------------------------------------------------------ */

static void text_header(FILE *out, const backtest_input *in, const pl_backtest *b)
{
    fprintf(out, "Backtest: %zu issue%s with an observed outcome in %d file%s\n", b->n_issues,
            b->n_issues == 1 ? "" : "s", in->n, in->n == 1 ? "" : "s");
    for (int k = 0; k < in->n; k++) {
        const pl_scenario *s = in->scenarios[k];
        fprintf(out, "  %5zu issues, %5zu with an outcome  %-16s %s\n", s->n_issues,
                with_outcome(s), s->format, in->paths[k]);
    }
    if (any_deu(in))
        fprintf(out, "Capability in DEU tables: %s\n",
                in->capability == PL_DEU_CAPABILITY_EQUAL
                    ? "equal for every actor (--capability equal)"
                    : "Council voting weights (--capability council)");
    fprintf(out, "Errors in points on a 0-100 scale: |forecast - outcome| x 100 / (high - low)."
                 "\n\n");
}

static void text_number(FILE *out, double x, int width, const char *format)
{
    if (isnan(x))
        fprintf(out, "%*s", width, "-");
    else
        fprintf(out, format, width, x);
}

static void text_method(FILE *out, const pl_backtest_method *m)
{
    fprintf(out, "%-12.12s %5zu %5zu", m->name, m->n, m->not_applicable);
    text_number(out, m->mean_error, 8, "%*.2f");
    text_number(out, m->median_error, 8, "%*.2f");
    for (size_t t = 0; t < PL_BACKTEST_WITHIN_COUNT; t++) {
        text_number(out, isnan(m->within[t]) ? NAN : 100 * m->within[t], 5, "%*.0f");
        fputc(isnan(m->within[t]) ? ' ' : '%', out);
    }
    const pl_backtest_difference *d = &m->difference;
    if (d->n > 0)
        fprintf(out, "  %+7.2f %5zu", d->mean, d->n);
    if (d->has_interval)
        fprintf(out, "  [%+.2f, %+.2f]", d->low, d->high);
    fputc('\n', out);
}

/* Nonzero when method m's reason on issue j is `why`. */
static int same_reason(const pl_backtest *b, size_t j, size_t m, const char *why)
{
    const char *r = b->reasons[j * b->n_methods + m];
    return r != NULL && strcmp(r, why) == 0;
}

/* Per method, each distinct reason for its n/a issues with how many issues it covers. */
static void text_reasons(FILE *out, const pl_backtest *b)
{
    int heading = 0;
    for (size_t m = 0; m < b->n_methods; m++)
        for (size_t k = 0; k < b->n_issues; k++) {
            const char *why = b->reasons[k * b->n_methods + m];
            size_t j = 0, count = 0;
            while (why != NULL && j < k && !same_reason(b, j, m, why))
                j++;
            if (why == NULL || j < k)
                continue; /* no reason here, or one listed already */
            for (j = k; j < b->n_issues; j++)
                count += same_reason(b, j, m, why);
            if (!heading++)
                fputs("\nWhy n/a:\n", out);
            char line[CLI_WIDTH * 8];
            snprintf(line, sizeof line, "%s, %zu issue%s: %s", b->methods[m].name, count,
                     count == 1 ? "" : "s", why);
            cli_wrap(out, line, 2, 4);
        }
}

/* A warning for each comparison whose interval rests on fewer than PL_BACKTEST_FEW_ISSUES. */
static void text_warnings(FILE *out, const pl_backtest *b)
{
    for (size_t m = 0; m < b->n_methods; m++) {
        const pl_backtest_difference *d = &b->methods[m].difference;
        if (d->has_interval && d->n < PL_BACKTEST_FEW_ISSUES)
            fprintf(out, "warning: %s: the interval rests on %zu issue%s (fewer than %d); read "
                         "it as a rough indication\n",
                    b->methods[m].name, d->n, d->n == 1 ? "" : "s", PL_BACKTEST_FEW_ISSUES);
    }
}

static void text_report(FILE *out, const backtest_input *in, const pl_backtest *b)
{
    static const char columns[] = "method           n   n/a    mean  median   <=5  <=10  <=20  "
                                  "vs comp. pairs  95% interval\n";
    text_header(out, in, b);
    fputs("Models\n", out);
    fputs(columns, out);
    for (size_t m = 0; m < b->n_methods; m++) {
        if (m == PL_MODEL_COUNT)
            fprintf(out, "\nBaselines\n%s", columns);
        text_method(out, &b->methods[m]);
    }
    fprintf(out,
            "\nn/a: issues with an outcome the method could not forecast. vs comp.: the mean of "
            "the\nmethod's error minus the compromise model's over the issues both forecast "
            "(pairs); below\n0 the method erred less. Interval: 95%% paired bootstrap percentile "
            "interval, B = %zu,\nseed %llu (Philox4x32-10).\n",
            b->bootstrap, (unsigned long long)b->seed);
    text_reasons(out, b);
    if (b->bootstrap > 0)
        fputc('\n', out);
    text_warnings(out, b);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static json_t *number_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static json_t *json_method(const pl_backtest_method *m)
{
    static const char *const kinds[] = {"model", "baseline", "baseline"};
    json_t *within = json_object();
    for (size_t t = 0; within && t < PL_BACKTEST_WITHIN_COUNT; t++) {
        char key[16];
        snprintf(key, sizeof key, "%g", pl_backtest_within(t));
        json_object_set_new(within, key, number_or_null(m->within[t]));
    }
    const pl_backtest_difference *d = &m->difference;
    json_t *difference = d->n == 0 ? json_null()
                                   : json_pack("{s:I, s:o, s:o, s:o, s:b}", "n", (json_int_t)d->n,
                                               "mean", number_or_null(d->mean), "low",
                                               d->has_interval ? json_real(d->low) : json_null(),
                                               "high",
                                               d->has_interval ? json_real(d->high) : json_null(),
                                               "few_issues", d->n < PL_BACKTEST_FEW_ISSUES);
    return json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:o}", "name", m->name, "kind",
                     kinds[m->kind], "n", (json_int_t)m->n, "not_applicable",
                     (json_int_t)m->not_applicable, "mean_error", number_or_null(m->mean_error),
                     "median_error", number_or_null(m->median_error), "within", within,
                     "versus_compromise", difference);
}

/* A forecast or outcome: a number, an option id on an options issue, or null. */
static json_t *json_point(const pl_issue *issue, double x)
{
    if (isnan(x))
        return json_null();
    if (issue->kind == PL_ISSUE_OPTIONS && x >= 0 && x < (double)issue->n_options &&
        x == floor(x))
        return json_string(issue->options[(size_t)x].id);
    return json_real(x);
}

static json_t *json_issue(const backtest_input *in, const pl_backtest *b, size_t k)
{
    const pl_backtest_issue *at = &b->issues[k];
    const pl_issue *issue = &in->scenarios[at->scenario]->issues[at->issue];
    json_t *forecasts = json_object(), *errors = json_object(), *reasons = json_object();
    for (size_t m = 0; forecasts && errors && reasons && m < b->n_methods; m++) {
        json_object_set_new(forecasts, b->methods[m].name,
                            json_point(issue, b->forecasts[k * b->n_methods + m]));
        json_object_set_new(errors, b->methods[m].name,
                            number_or_null(b->errors[k * b->n_methods + m]));
        if (b->reasons[k * b->n_methods + m] != NULL)
            json_object_set_new(reasons, b->methods[m].name,
                                json_string(b->reasons[k * b->n_methods + m]));
    }
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "file", in->paths[at->scenario], "issue",
                     issue->id, "outcome", json_point(issue, issue->outcome), "forecasts",
                     forecasts, "errors", errors, "not_applicable", reasons);
}

static json_t *json_report(const backtest_input *in, const pl_backtest *b)
{
    json_t *files = json_array(), *methods = json_array(), *issues = json_array();
    for (int k = 0; files && k < in->n; k++)
        json_array_append_new(files, json_pack("{s:s, s:s, s:I, s:I}", "path", in->paths[k],
                                               "format", in->scenarios[k]->format, "issues",
                                               (json_int_t)in->scenarios[k]->n_issues,
                                               "with_outcome",
                                               (json_int_t)with_outcome(in->scenarios[k])));
    for (size_t m = 0; methods && m < b->n_methods; m++)
        json_array_append_new(methods, json_method(&b->methods[m]));
    for (size_t k = 0; issues && k < b->n_issues; k++)
        json_array_append_new(issues, json_issue(in, b, k));
    json_t *bootstrap = json_pack("{s:I, s:I, s:s, s:f}", "replicates", (json_int_t)b->bootstrap,
                                  "seed", (json_int_t)b->seed, "generator", "philox4x32-10",
                                  "level", 0.95);
    return json_pack("{s:o, s:s, s:I, s:o, s:o, s:o}", "files", files, "capability",
                     in->capability == PL_DEU_CAPABILITY_EQUAL ? "equal" : "council", "issues",
                     (json_int_t)b->n_issues, "bootstrap", bootstrap, "methods", methods,
                     "per_issue", issues);
}

/* ---- the command ----------------------------------------------------------------------- */

static int backtest(backtest_input *in, int json)
{
    pl_backtest *b = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_backtest_run((const pl_scenario *const *)in->scenarios, (size_t)in->n,
                             &in->settings, &b, &diag);
    if (rc != PL_OK) {
        if (rc == PL_ERR_NOMEM)
            cli_error("parley: error: out of memory");
        else
            cli_usage_error("backtest", "%s", diag.message);
        return rc == PL_ERR_NOMEM ? EXIT_INTERNAL : EXIT_BAD_INPUT;
    }
    if (json) {
        rc = cli_emit_json(json_report(in, b));
    } else {
        cli_buffer buffer;
        rc = cli_buffer_open(&buffer);
        if (rc == EXIT_OK) {
            text_report(buffer.stream, in, b);
            rc = cli_buffer_emit(&buffer);
        }
    }
    pl_backtest_free(b);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {NULL, NULL, NULL};
    backtest_input in = {NULL, 0, NULL, PL_DEU_CAPABILITY_COUNCIL, PL_BACKTEST_OPTIONS_INIT};
    int rc = cli_parse(&cli_backtest_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    if (rc == EXIT_OK && !done && n < 1)
        rc = cli_usage_error("backtest", "give at least one scenario file");
    if (rc == EXIT_OK && !done)
        rc = read_settings(&o, &in);
    if (rc == EXIT_OK && !done) {
        in.paths = positional;
        in.scenarios = calloc((size_t)n, sizeof *in.scenarios);
        rc = in.scenarios == NULL ? EXIT_INTERNAL : EXIT_OK;
    }
    for (int k = 0; rc == EXIT_OK && !done && k < n; k++) {
        rc = load(positional[k], in.capability, &in.scenarios[k]);
        in.n = k + 1;
    }
    if (rc == EXIT_OK && !done)
        rc = backtest(&in, json);
    for (int k = 0; k < in.n; k++)
        pl_scenario_free(in.scenarios[k]);
    free(in.scenarios);
    free(positional);
    return rc;
}

const cli_command cli_backtest_command = {
    "backtest",
    "score the models' forecasts against observed outcomes",
    "Usage: parley backtest FILE... [--capability equal|council] [--bootstrap B] [--seed X]\n"
    "                       [--json]\n"
    "\n"
    "Forecast every issue with an observed outcome (a native file's \"outcome\", a DEU III\n"
    "table's column out) with every model and two baselines: the midpoint of the issue's\n"
    "range and its reference point (\"reference\"; DEU: rp) where given. Errors are in points\n"
    "on a 0-100 scale, |forecast - outcome| x 100 / (high - low). Per method: issues forecast,\n"
    "mean and median absolute error, share within 5, 10 and 20 points, and the mean\n"
    "difference from the compromise model with a 95% paired bootstrap interval. Each row of\n"
    "a DEU table is forecast as a negotiation of its own. See docs/backtest.md.\n"
    "\n"
    "Options:\n"
    "  --capability R  DEU tables: council (Council voting weights of the period under\n"
    "                  qualified majority, the default) or equal (every actor the same);\n"
    "                  other files keep their own capabilities\n"
    "  --bootstrap B   bootstrap replicates, 0 to 1000000 (default 2000; 0: no intervals)\n"
    "  --seed X        the Philox4x32-10 key, 0 to 2^53 (default 20250101): the same seed\n"
    "                  gives the same intervals on any machine\n"
    "  --json          print {\"files\": [{\"path\", \"format\", \"issues\", \"with_outcome\"}],\n"
    "                  \"capability\", \"issues\", \"bootstrap\": {\"replicates\", \"seed\",\n"
    "                  \"generator\", \"level\"}, \"methods\": [{\"name\", \"kind\" (model or\n"
    "                  baseline), \"n\", \"not_applicable\", \"mean_error\", \"median_error\",\n"
    "                  \"within\": {\"5\", \"10\", \"20\"}, \"versus_compromise\": {\"n\",\n"
    "                  \"mean\", \"low\", \"high\"} or null}], \"per_issue\": [{\"file\",\n"
    "                  \"issue\", \"outcome\", \"forecasts\": {METHOD: x}, \"errors\":\n"
    "                  {METHOD: points}, \"not_applicable\": {METHOD: reason}}]};\n"
    "                  null where a method does not apply; \"few_issues\" in\n"
    "                  versus_compromise: true under 10 pairs\n"
    "  --help          show this help\n"
    "\n"
    "Example: parley backtest deu3.csv --capability equal --seed 7\n",
    run,
};
