/*
 * serve_workspace.c - the workspace endpoints of `parley serve`
 * (docs/serve.md, "Workspace"): dated versions of the scenario as plain
 * native JSON files, versions/DATE-NAME.json, with their names in a small
 * index (versions/index.json) that the files alone can rebuild; the scenario
 * files of the folder; the timeline of the versions.
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diff_document.h"
#include "parley/agreement.h"
#include "serve_files.h"

typedef struct version {
    char id[210], date[11];
    char *name;
} version;

/* YYYY-MM-DD with a plausible month and day. */
static int is_date(const char *t)
{
    if (strlen(t) != 10 || t[4] != '-' || t[7] != '-')
        return 0;
    for (int k = 0; k < 10; k++)
        if (k != 4 && k != 7 && !isdigit((unsigned char)t[k]))
            return 0;
    int month = atoi(t + 5), day = atoi(t + 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int by_date(const void *a, const void *b)
{
    const version *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : strcmp(x->id, y->id);
}

static void free_versions(version *v, size_t n)
{
    for (size_t k = 0; v && k < n; k++)
        free(v[k].name);
    free(v);
}

/* The versions of the folder, by date: from the files; names from the index when it has them. */
static version *list_versions(int versions_fd, size_t *n_out)
{
    char **names = NULL;
    size_t n = 0;
    *n_out = 0;
    if (serve_list_at(versions_fd, ".json", &names, &n) != 0)
        return NULL;
    char *text = NULL;
    size_t size = 0;
    json_t *index = NULL;
    if (serve_read_at(versions_fd, SERVE_INDEX_FILE, SERVE_MAX_BODY, &text, &size) == 0)
        index = json_loadb(text, size, 0, NULL);
    free(text);
    const json_t *entries = json_object_get(index, "versions");
    version *v = calloc(n + 1, sizeof *v);
    size_t count = 0;
    for (size_t k = 0; v && k < n; k++) {
        size_t length = strlen(names[k]) - 5; /* without ".json" */
        if (strcmp(names[k], SERVE_INDEX_FILE) == 0 || length >= sizeof v[count].id)
            continue;
        version *e = &v[count];
        memcpy(e->id, names[k], length);
        e->id[length] = '\0';
        /* DATE-NAME: the date from the id, the name from the index, else the id's tail. */
        if (length >= 10)
            memcpy(e->date, e->id, 10);
        if (!is_date(e->date))
            e->date[0] = '\0';
        const char *name = e->date[0] && e->id[10] == '-' ? e->id + 11 : e->id;
        size_t j;
        const json_t *entry;
        json_array_foreach(entries, j, entry) {
            const char *id = json_string_value(json_object_get(entry, "id"));
            const char *given = json_string_value(json_object_get(entry, "name"));
            if (id && given && strcmp(id, e->id) == 0)
                name = given;
        }
        e->name = strdup(name);
        count++;
    }
    json_decref(index);
    serve_free_names(names, n);
    if (v)
        qsort(v, count, sizeof *v, by_date);
    *n_out = count;
    return v;
}

static json_t *versions_json(const version *v, size_t n)
{
    json_t *list = json_array();
    for (size_t k = 0; list && k < n; k++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "id", v[k].id, "name",
                                              v[k].name ? v[k].name : "", "date",
                                              v[k].date[0] ? json_string(v[k].date)
                                                           : json_null()));
    return list;
}

/* The versions of the workspace ([] when it has none yet). */
static json_t *current_versions(const serve_server *server)
{
    int fd = serve_open_versions(server->workspace, 0);
    if (fd < 0)
        return json_array();
    size_t n = 0;
    version *v = list_versions(fd, &n);
    close(fd);
    json_t *list = versions_json(v, n);
    free_versions(v, n);
    return list;
}

/* "Draft 28 points!" -> "draft-28-points". */
static void slug(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (const char *c = name; *c && n + 1 < size && n < 60; c++) {
        if (isalnum((unsigned char)*c))
            out[n++] = (char)tolower((unsigned char)*c);
        else if (n > 0 && out[n - 1] != '-')
            out[n++] = '-';
    }
    while (n > 0 && out[n - 1] == '-')
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, size, "version");
}

/* Rewrite the index from the files (plus the one just written), atomically. */
static void write_index(const serve_server *server, int versions_fd, const char *id,
                        const char *name)
{
    size_t n = 0;
    version *v = list_versions(versions_fd, &n);
    for (size_t k = 0; k < n; k++)
        if (strcmp(v[k].id, id) == 0) {
            free(v[k].name);
            v[k].name = strdup(name);
        }
    json_t *index = json_pack("{s:o}", "versions", versions_json(v, n));
    free_versions(v, n);
    char *text = index ? cli_json_text(index, 2) : NULL;
    json_decref(index);
    pl_diag diag;
    pl_diag_clear(&diag);
    if (text) /* the index only holds names: losing it loses no version */
        serve_write_version(server->workspace, versions_fd, SERVE_INDEX_FILE, text,
                            strlen(text), &diag);
    free(text);
}

/* Mark a write in flight (SIGTERM waits for it), or refuse once the server stops. */
static int begin_write(serve_server *server)
{
    pthread_mutex_lock(&server->lock);
    int ok = !server->stopping;
    if (ok)
        server->writes++;
    pthread_mutex_unlock(&server->lock);
    return ok;
}

static void end_write(serve_server *server)
{
    pthread_mutex_lock(&server->lock);
    if (--server->writes == 0)
        pthread_cond_broadcast(&server->idle);
    pthread_mutex_unlock(&server->lock);
}

/* Write the version under a new id DATE-SLUG[-K]; fills `id`. */
static void save_version(serve_server *server, const char *name, const char *date,
                         const char *text, serve_response *r)
{
    pthread_mutex_lock(&server->save_lock); /* one save at a time: ids stay unique */
    int fd = serve_open_versions(server->workspace, 1);
    if (fd < 0) {
        serve_error(r, 500, "cannot open the workspace's versions folder: %s", strerror(errno));
        pthread_mutex_unlock(&server->save_lock);
        return;
    }
    char base[80], id[120], file[130];
    slug(name, base, sizeof base);
    snprintf(id, sizeof id, "%s-%s", date, base);
    snprintf(file, sizeof file, "%s.json", id);
    struct stat st;
    for (int k = 2; fstatat(fd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 && k < 10000; k++) {
        snprintf(id, sizeof id, "%s-%s-%d", date, base, k);
        snprintf(file, sizeof file, "%s.json", id);
    }
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = serve_write_version(server->workspace, fd, file, text, strlen(text), &diag);
    if (rc == PL_OK) {
        write_index(server, fd, id, name);
        snprintf(r->location, sizeof r->location, "/api/versions/%s", id);
        serve_json(r, 201, json_pack("{s:s}", "id", id));
    } else {
        serve_error(r, 500, "cannot save the version: %s", diag.message);
    }
    close(fd);
    pthread_mutex_unlock(&server->save_lock);
}

/* POST /api/versions {"name", "date", "scenario"}: the scenario as native JSON. */
static void post_version(serve_server *server, const serve_request *request, serve_response *r)
{
    json_t *body = request->body ? json_loadb(request->body, request->body_size, 0, NULL) : NULL;
    const char *name = json_string_value(json_object_get(body, "name"));
    const char *date = json_string_value(json_object_get(body, "date"));
    const json_t *scenario = json_object_get(body, "scenario");
    char today[16];
    time_t now = time(NULL);
    struct tm utc;
    strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &utc));
    if (date == NULL)
        date = today;
    if (name == NULL || *name == '\0' || strlen(name) > 200 || !is_date(date) ||
        !json_is_object(scenario)) {
        serve_error(r, 400, "the body is {\"name\": \"...\", \"date\": \"YYYY-MM-DD\", "
                            "\"scenario\": {...}}");
        json_decref(body);
        return;
    }
    char *given = json_dumps(scenario, 0), *text = NULL;
    pl_scenario *s = given ? serve_read_scenario("scenario", given, strlen(given), r) : NULL;
    free(given);
    pl_diag diag;
    pl_diag_clear(&diag);
    if (s != NULL && pl_write_parley_json(s, &text, &diag) != PL_OK)
        serve_error(r, 500, "cannot write the scenario: %s", diag.message);
    if (s != NULL && text != NULL) {
        if (begin_write(server)) {
            save_version(server, name, date, text, r);
            end_write(server);
        } else {
            serve_error(r, 503, "the server is stopping");
        }
    }
    if (given == NULL && s == NULL && r->status == 0)
        serve_error(r, 500, "out of memory");
    free(text);
    pl_scenario_free(s);
    json_decref(body);
}

void serve_api_versions(serve_server *server, const serve_request *request, serve_response *r)
{
    if (strcmp(request->method, "POST") == 0)
        post_version(server, request, r);
    else
        serve_json(r, 200, current_versions(server));
}

/* The text of version `id` (free()), or NULL. */
static char *read_version(const char *workspace, const char *id, size_t *size)
{
    char file[256];
    if (!serve_safe_name(id) || strlen(id) > 200)
        return NULL;
    snprintf(file, sizeof file, "%s.json", id);
    int fd = serve_open_versions(workspace, 0);
    char *text = NULL;
    if (fd >= 0 && strcmp(file, SERVE_INDEX_FILE) != 0)
        serve_read_at(fd, file, SERVE_MAX_BODY, &text, size);
    if (fd >= 0)
        close(fd);
    return text;
}

void serve_api_version(serve_server *server, const serve_request *request, const char *id,
                       serve_response *r)
{
    (void)request;
    size_t size = 0;
    char *text = read_version(server->workspace, id, &size);
    if (text == NULL) {
        serve_error(r, 404, "no version '%s'", id);
        return;
    }
    r->status = 200;
    r->content_type = "application/json";
    r->body = text;
    r->size = size;
}

char *serve_latest_version(const char *workspace, char **id_out)
{
    *id_out = NULL;
    int fd = serve_open_versions(workspace, 0);
    if (fd < 0)
        return NULL;
    size_t n = 0, size = 0;
    version *v = list_versions(fd, &n);
    close(fd);
    char *text = n > 0 ? read_version(workspace, v[n - 1].id, &size) : NULL;
    if (text)
        *id_out = strdup(v[n - 1].id);
    free_versions(v, n);
    return text;
}

/* GET /api/workspace: the scenario files of the folder and its versions. */
void serve_api_workspace(serve_server *server, const serve_request *request, serve_response *r)
{
    (void)request;
    json_t *files = json_array();
    int fd = serve_open_workspace(server->workspace, 0);
    char **names = NULL;
    size_t n = 0;
    if (fd >= 0)
        serve_list_at(fd, NULL, &names, &n);
    for (size_t k = 0; files && k < n; k++) {
        char *data = NULL;
        size_t size = 0;
        size_t length = strlen(names[k]);
        if (length > 4 && strcmp(names[k] + length - 4, ".tmp") == 0)
            continue; /* an atomic write's temporary file */
        if (serve_read_at(fd, names[k], SERVE_MAX_BODY, &data, &size) != 0)
            continue;
        pl_format format = pl_detect_format(names[k], data, size);
        free(data);
        if (format != PL_FORMAT_UNKNOWN)
            json_array_append_new(files, json_pack("{s:s, s:I, s:s}", "name", names[k], "size",
                                                   (json_int_t)size, "format",
                                                   pl_format_name(format)));
    }
    serve_free_names(names, n);
    if (fd >= 0)
        close(fd);
    serve_json(r, 200, json_pack("{s:s, s:o, s:o}", "workspace", server->workspace, "files",
                                 files, "versions", current_versions(server)));
}

/* GET /api/workspace/NAME: that file as a native scenario. */
void serve_api_workspace_file(serve_server *server, const serve_request *request,
                              const char *name, serve_response *r)
{
    (void)request;
    int fd = serve_open_workspace(server->workspace, 0);
    char *data = NULL, *text = NULL;
    size_t size = 0;
    if (fd < 0 || serve_read_at(fd, name, SERVE_MAX_BODY, &data, &size) != 0) {
        serve_error(r, 404, "no scenario file '%s' in the workspace", name);
    } else {
        pl_scenario *s = serve_read_scenario(name, data, size, r);
        pl_diag diag;
        pl_diag_clear(&diag);
        if (s != NULL && pl_write_parley_json(s, &text, &diag) == PL_OK) {
            r->status = 200;
            r->content_type = "application/json";
            r->body = text;
            r->size = strlen(text);
        } else if (s != NULL) {
            serve_error(r, 500, "cannot write the scenario: %s", diag.message);
        }
        pl_scenario_free(s);
    }
    free(data);
    if (fd >= 0)
        close(fd);
}

/*
 * One point of the timeline (docs/serve.md, "Timeline"): the widest red-line
 * gap among blocking issues (by share of the issue's range), the zone's margin, and
 * each party's utility of the package parley would put forward: the Nash package when
 * a zone exists, else the closest package (the smallest relaxation's).
 */
static json_t *timeline_point(const pl_scenario *s)
{
    pl_red_line_analysis *lines = NULL;
    pl_agreement *g = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    if (pl_analyse_red_lines(s, &lines, &diag) != PL_OK)
        return json_pack("{s:s}", "error", diag.message);
    pl_agreement_options o = PL_AGREEMENT_OPTIONS_INIT;
    o.max_set = 0; /* the point shows the closest package, not the sets: no set search */
    int rc = pl_agreement_compute(s, &o, &g, &diag);
    const pl_blocking_issue *barrier = NULL;
    for (size_t k = 0; k < lines->n_blocking; k++)
        if (s->issues[lines->blocking[k].issue].kind != PL_ISSUE_OPTIONS &&
            (barrier == NULL || lines->blocking[k].gap_share > barrier->gap_share))
            barrier = &lines->blocking[k];
    json_t *point = json_pack("{s:f, s:o, s:o, s:b}", "barrier_gap", barrier ? barrier->gap : 0.0,
                              "barrier_issue",
                              barrier ? json_string(s->issues[barrier->issue].id) : json_null(),
                              "margin", json_null(), "red_lines_compatible",
                              lines->compatible != 0);
    const double *utilities = NULL;
    const char *package = NULL;
    if (rc == PL_OK && g) {
        json_object_set_new(point, "possible", json_boolean(g->possible));
        if (!isnan(g->margin))
            json_object_set_new(point, "margin", json_real(g->margin));
        if (g->possible && g->solutions[PL_SOLUTION_NASH].present) {
            utilities = g->solutions[PL_SOLUTION_NASH].utilities;
            package = "nash";
        } else if (!g->possible && g->closest.utilities) {
            utilities = g->closest.utilities;
            package = "closest";
        }
    } else {
        json_object_set_new(point, "not_computed", json_string(diag.message));
    }
    json_t *u = json_object();
    for (size_t a = 0; utilities && a < s->n_actors; a++)
        json_object_set_new(u, s->actors[a].id, json_real(utilities[a]));
    json_object_set_new(point, "package", package ? json_string(package) : json_null());
    json_object_set_new(point, "utilities", u);
    pl_agreement_free(g);
    pl_red_line_analysis_free(lines);
    return point;
}

void serve_api_timeline(serve_server *server, const serve_request *request, serve_response *r)
{
    (void)request;
    json_t *points = json_array();
    int fd = serve_open_versions(server->workspace, 0);
    size_t n = 0;
    version *v = fd >= 0 ? list_versions(fd, &n) : NULL;
    for (size_t k = 0; points && k < n; k++) {
        char file[256], *text = NULL;
        size_t size = 0;
        snprintf(file, sizeof file, "%s.json", v[k].id);
        pl_scenario *s = NULL;
        pl_diag diag;
        pl_diag_clear(&diag);
        if (serve_read_at(fd, file, SERVE_MAX_BODY, &text, &size) == 0)
            pl_read_scenario(PL_FORMAT_UNKNOWN, file, text, size, &s, &diag);
        free(text);
        json_t *point = s ? timeline_point(s) : json_pack("{s:s}", "error", diag.message);
        json_object_set_new(point, "id", json_string(v[k].id));
        json_object_set_new(point, "name", json_string(v[k].name ? v[k].name : ""));
        json_object_set_new(point, "date", v[k].date[0] ? json_string(v[k].date) : json_null());
        json_array_append_new(points, point);
        pl_scenario_free(s);
    }
    free_versions(v, n);
    if (fd >= 0)
        close(fd);
    serve_json(r, 200, json_pack("{s:o}", "versions", points));
}

/* Version `id` read as a scenario, or NULL with `r` filled (404, 400). */
static pl_scenario *version_scenario(const serve_server *server, const char *id,
                                     serve_response *r)
{
    size_t size = 0;
    char *text = id ? read_version(server->workspace, id, &size) : NULL;
    if (text == NULL) {
        serve_error(r, 404, "no version '%s'", id ? id : "");
        return NULL;
    }
    char source[256];
    snprintf(source, sizeof source, "%s.json", id);
    pl_scenario *s = serve_read_scenario(source, text, size, r);
    free(text);
    return s;
}

/* GET /api/diff?a=ID&b=ID: the document of `parley diff --json` for two versions. */
void serve_api_diff(serve_server *server, const serve_request *request, serve_response *r)
{
    pl_scenario *a = version_scenario(server, serve_query(request, "a"), r);
    pl_scenario *b = a ? version_scenario(server, serve_query(request, "b"), r) : NULL;
    if (a && b) {
        pl_diag diag;
        pl_diag_clear(&diag);
        json_t *document = cli_diff_document(a, b, &diag);
        if (document)
            serve_json(r, 200, document);
        else
            serve_error(r, diag.status == PL_ERR_NOMEM ? 500 : 400, "%s", diag.message);
    }
    pl_scenario_free(a);
    pl_scenario_free(b);
}
