/*
 * serve_api.c - the scenario endpoints of `parley serve` (docs/serve.md,
 * "API"): the scenario being edited, its analysis (the document of
 * `parley run --json`, by cmd_run.c's own functions), validation, the
 * report's charts, export and import.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_agreement.h"
#include "run_analysis.h"
#include "serve.h"

void serve_api_scenario(serve_server *server, const serve_request *request, serve_response *r)
{
    (void)request;
    json_error_t error;
    json_t *document = json_loads(server->scenario_json, 0, &error);
    if (document == NULL) {
        serve_error(r, 500, "the scenario cannot be read back: %s", error.text);
        return;
    }
    serve_json(r, 200, document);
}

/* ?settlement=1: what it would take with its settlement curves (CLI_RUN_SETTLEMENT). */
static unsigned settlement_flag(const serve_server *server, const serve_request *request)
{
    const char *settlement = serve_query(request, "settlement");
    return settlement && strcmp(settlement, "1") == 0 && !server->no_settlement
               ? CLI_RUN_SETTLEMENT
               : 0;
}

/*
 * The analysis's cancel function (parley/progress.h): SIGTERM sets `stopping`,
 * and the long calls under way (frontier, smp, eu, exchange) stop at their
 * next report, so that the server's threads can be joined.
 */
static int stop_with_server(double fraction, void *payload)
{
    (void)fraction;
    serve_server *server = payload;
    pthread_mutex_lock(&server->lock);
    int stop = server->stopping;
    pthread_mutex_unlock(&server->lock);
    return stop;
}

/* Analyse `s` (taken) until done or the server stops; NULL after filling `r`. */
static cli_run_analysis *analysed(serve_server *server, pl_scenario *s, unsigned flags,
                                  serve_response *r)
{
    cli_run_analysis *analysis = NULL;
    int rc = cli_run_analyse_cancellable(s, flags, (pl_progress){stop_with_server, server},
                                         &analysis);
    if (stop_with_server(1, server)) {
        cli_run_analysis_free(analysis); /* cut short: not an answer */
        serve_error(r, 503, "the server is stopping");
        return NULL;
    }
    if (rc != EXIT_OK) {
        serve_error(r, 500, "the analysis failed (out of memory or a limit)");
        return NULL;
    }
    return analysis;
}

/* The body as a scenario, analysed; NULL after filling `r` with the error. */
static cli_run_analysis *analysed_body(serve_server *server, const serve_request *request,
                                       unsigned flags, serve_response *r)
{
    pl_scenario *s = serve_read_scenario("scenario", request->body, request->body_size, r);
    if (s == NULL)
        return NULL;
    return analysed(server, s, flags | settlement_flag(server, request), r);
}

/*
 * The mediator's single text of `parley mediate --json` (from the first
 * proposal) as the document's "mediation"; left out when it cannot be drawn
 * (the scenario has no deciding coalition, say), as `parley run` leaves out
 * what it cannot compute. PL_ERR_NOMEM only.
 */
static int add_mediation(json_t *document, const pl_scenario *s)
{
    json_t *mediation = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = cli_mediate_document(s, NULL, &mediation, &diag);
    if (rc == PL_OK)
        json_object_set_new(document, "mediation", mediation);
    return rc == PL_ERR_NOMEM ? rc : PL_OK;
}

void serve_api_analyze(serve_server *server, const serve_request *request, serve_response *r)
{
    pl_scenario *s = serve_read_scenario("scenario", request->body, request->body_size, r);
    if (s == NULL)
        return;
    pl_scenario *copy = NULL; /* the analysis takes `s` */
    if (pl_scenario_copy(s, &copy) != PL_OK) {
        pl_scenario_free(s);
        serve_error(r, 500, "out of memory");
        return;
    }
    cli_run_analysis *analysis = analysed(server, s, settlement_flag(server, request), r);
    if (analysis == NULL) {
        pl_scenario_free(copy);
        return;
    }
    json_t *document = cli_run_document(analysis);
    cli_run_analysis_free(analysis);
    if (document != NULL && add_mediation(document, copy) != PL_OK) {
        json_decref(document);
        document = NULL;
    }
    pl_scenario_free(copy);
    if (document != NULL)
        serve_json(r, 200, document);
    else
        serve_error(r, 500, "out of memory");
}

void serve_api_validate(serve_server *server, const serve_request *request, serve_response *r)
{
    (void)server;
    const char *name = serve_query(request, "name");
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    const char *source = name && *name ? name : "scenario";
    pl_diag_set_source(&diag, source);
    int rc = request->body ? pl_read_scenario(PL_FORMAT_UNKNOWN, source, request->body,
                                              request->body_size, &s, &diag)
                           : pl_diag_set(&diag, PL_ERR_SYNTAX, 0, 0, "the request has no body");
    if (rc == PL_ERR_NOMEM) {
        serve_error(r, 500, "out of memory");
        return;
    }
    if (rc != PL_OK) {
        json_t *document = serve_validation_errors(&diag);
        json_object_set_new(document, "valid", json_false());
        serve_json(r, 200, document);
        return;
    }
    serve_json(r, 200, json_pack("{s:b, s:s, s:I, s:I, s:I, s:[]}", "valid", 1, "format",
                                 s->format ? s->format : "unknown", "actors",
                                 (json_int_t)s->n_actors, "issues", (json_int_t)s->n_issues,
                                 "proposals", (json_int_t)s->n_proposals, "errors"));
    pl_scenario_free(s);
}

/* {"NAME": "text", ...} from a list of named texts; NAME without `suffix`. */
static json_t *named_texts(const cli_chart_file *files, size_t n, const char *suffix)
{
    json_t *object = json_object();
    for (size_t k = 0; object && k < n; k++) {
        char name[sizeof files[k].name];
        snprintf(name, sizeof name, "%s", files[k].name);
        size_t length = strlen(name), s = strlen(suffix);
        if (length > s && strcmp(name + length - s, suffix) == 0)
            name[length - s] = '\0';
        json_object_set_new(object, name, json_stringn(files[k].svg, files[k].size));
    }
    return object;
}

void serve_api_charts(serve_server *server, const serve_request *request, serve_response *r)
{
    cli_run_analysis *analysis = analysed_body(server, request, CLI_RUN_CHARTS, r);
    if (analysis == NULL)
        return;
    cli_chart_file *files = NULL;
    size_t n = 0;
    if (cli_run_charts(analysis, &files, &n) != PL_OK)
        serve_error(r, 500, "out of memory");
    else
        serve_json(r, 200, json_pack("{s:o}", "charts", named_texts(files, n, ".svg")));
    cli_chart_files_free(files, n);
    cli_run_analysis_free(analysis);
}

/* The GENIUS domain and profiles as {"files": {"domain.xml": ..., "ID.xml": ...}}. */
static void convert_genius(const pl_scenario *s, serve_response *r)
{
    char *domain = NULL, **profiles = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_write_genius(s, &domain, &profiles, &diag);
    if (rc != PL_OK) {
        serve_error(r, rc == PL_ERR_NOMEM ? 500 : 422, "cannot write GENIUS files: %s",
                    diag.message[0] ? diag.message : pl_strerror(rc));
        return;
    }
    json_t *files = json_object();
    json_object_set_new(files, "domain.xml", json_string(domain));
    for (size_t a = 0; a < s->n_actors; a++) {
        char name[300];
        snprintf(name, sizeof name, "%s.xml", s->actors[a].id);
        json_object_set_new(files, name, json_string(profiles[a]));
        free(profiles[a]);
    }
    free(profiles);
    free(domain);
    serve_json(r, 200, json_pack("{s:s, s:o}", "format", "genius", "files", files));
}

/* ?to=json: the native scenario as `parley convert` writes it. */
static void convert_json(const pl_scenario *s, serve_response *r)
{
    char *text = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_write_parley_json(s, &text, &diag) != PL_OK) {
        serve_error(r, 500, "cannot write the scenario: %s", diag.message);
        return;
    }
    r->status = 200;
    r->content_type = "application/json";
    r->body = text;
    r->size = strlen(text);
}

/* ?to=html and ?to=csv: the report of `parley run --report` and the tables of --csv. */
static void convert_report(serve_server *server, pl_scenario *s, int html, unsigned flags,
                           serve_response *r)
{
    cli_run_analysis *analysis = analysed(server, s, flags | CLI_RUN_CHARTS, r);
    if (analysis == NULL)
        return;
    if (html) {
        json_t *document = cli_run_document(analysis);
        size_t size = 0;
        char *text = document ? cli_run_html(analysis, document, &size) : NULL;
        json_decref(document);
        if (text == NULL) {
            serve_error(r, 500, "out of memory");
        } else {
            r->status = 200;
            r->content_type = "text/html; charset=utf-8";
            r->body = text;
            r->size = size;
        }
    } else {
        cli_chart_file *files = NULL;
        size_t n = 0;
        if (cli_run_csv(analysis, &files, &n) != PL_OK)
            serve_error(r, 500, "out of memory");
        else
            serve_json(r, 200, json_pack("{s:s, s:o}", "format", "csv", "files",
                                         named_texts(files, n, "")));
        cli_chart_files_free(files, n);
    }
    cli_run_analysis_free(analysis);
}

void serve_api_convert(serve_server *server, const serve_request *request, serve_response *r)
{
    const char *to = serve_query(request, "to");
    if (to == NULL)
        to = "json";
    int known = strcmp(to, "json") == 0 || strcmp(to, "genius") == 0 ||
                strcmp(to, "csv") == 0 || strcmp(to, "html") == 0;
    if (!known) {
        serve_error(r, 400, "?to= takes json, genius, csv or html");
        return;
    }
    pl_scenario *s = serve_read_scenario("scenario", request->body, request->body_size, r);
    if (s == NULL)
        return;
    if (strcmp(to, "json") == 0)
        convert_json(s, r);
    else if (strcmp(to, "genius") == 0)
        convert_genius(s, r);
    else {
        convert_report(server, s, strcmp(to, "html") == 0, settlement_flag(server, request), r);
        return; /* the analysis took the scenario */
    }
    pl_scenario_free(s);
}

/*
 * Several files in one body: {"files": [{"name", "content"}, ...]}, a GENIUS
 * or GeniusWeb domain followed by its profiles (pl_read_genius).
 */
static pl_scenario *import_set(const json_t *files, serve_response *r)
{
    size_t n = json_array_size(files);
    const char **names = calloc(n + 1, sizeof *names), **texts = calloc(n + 1, sizeof *texts);
    size_t *sizes = calloc(n + 1, sizeof *sizes);
    pl_scenario *s = NULL;
    if (names == NULL || texts == NULL || sizes == NULL) {
        serve_error(r, 500, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        const json_t *f = json_array_get(files, k);
        names[k] = json_string_value(json_object_get(f, "name"));
        texts[k] = json_string_value(json_object_get(f, "content"));
        sizes[k] = json_string_length(json_object_get(f, "content"));
        if (names[k] == NULL || texts[k] == NULL) {
            serve_error(r, 400, "files[%zu] needs a \"name\" and a \"content\" string", k);
            goto done;
        }
    }
    if (n == 1) {
        s = serve_read_scenario(names[0], texts[0], sizes[0], r);
        goto done;
    }
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, names[0]);
    pl_format format = pl_detect_format(names[0], texts[0], sizes[0]);
    int rc = format == PL_FORMAT_GENIUSWEB
                 ? pl_read_geniusweb(names[0], texts[0], sizes[0], n - 1, names + 1, texts + 1,
                                     sizes + 1, &s, &diag)
                 : pl_read_genius(names[0], texts[0], sizes[0], n - 1, names + 1, texts + 1,
                                  sizes + 1, &s, &diag);
    if (rc != PL_OK)
        serve_json(r, rc == PL_ERR_NOMEM ? 500 : 400, serve_validation_errors(&diag));
done:
    free(names);
    free(texts);
    free(sizes);
    return s;
}

void serve_api_import(serve_server *server, const serve_request *request, serve_response *r)
{
    (void)server;
    const char *name = serve_query(request, "name");
    pl_scenario *s = NULL;
    if (name == NULL || *name == '\0') {
        json_t *body = request->body ? json_loadb(request->body, request->body_size, 0, NULL)
                                     : NULL;
        const json_t *files = json_object_get(body, "files");
        if (!json_is_array(files) || json_array_size(files) == 0)
            serve_error(r, 400, "give ?name=FILE with the file as the body, or "
                                "{\"files\": [{\"name\", \"content\"}, ...]}");
        else
            s = import_set(files, r);
        json_decref(body);
    } else {
        s = serve_read_scenario(name, request->body, request->body_size, r);
    }
    /* Where it came from, as `parley convert` records it. */
    if (s != NULL && cli_note_origin(s, name && *name ? name : s->id ? s->id : "import") != PL_OK)
        serve_error(r, 500, "out of memory");
    else if (s != NULL)
        convert_json(s, r);
    pl_scenario_free(s);
}
