/*
 * cli_load.c - one way for every command to read its scenarios (issue #15):
 * a file, a GENIUS domain and its profiles, a folder holding a domain and its
 * profiles, or (for `parley run`) several scenarios analysed in turn.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Nonzero when the file's first bytes hold `tag` (a GENIUS root element). */
static int file_has(const char *path, const char *tag)
{
    char head[4096] = {0};
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    return strstr(head, tag) != NULL;
}

static void free_list(char **list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(list[k]);
    free(list);
}

/* The folder's .xml files: the domain first, then the profiles by name. */
static int folder_files(const char *dir, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    size_t count = 0, capacity = 16;
    char **list = calloc(capacity + 1, sizeof *list);
    struct dirent *e;
    while (list != NULL && (e = readdir(d)) != NULL) {
        size_t length = strlen(e->d_name);
        if (length < 5 || strcmp(e->d_name + length - 4, ".xml") != 0)
            continue;
        if (count == capacity) {
            char **grown = realloc(list, (2 * capacity + 1) * sizeof *list);
            if (grown == NULL)
                break;
            list = grown;
            capacity *= 2;
        }
        list[count] = malloc(strlen(dir) + length + 2);
        if (list[count] == NULL)
            break;
        sprintf(list[count++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (list == NULL)
        return -1;
    qsort(list, count, sizeof *list, compare_names);
    for (size_t k = 0; k < count; k++)
        if (file_has(list[k], "<negotiation_template")) {
            char *domain = list[k];
            memmove(list + 1, list, k * sizeof *list);
            list[0] = domain;
            break;
        }
    *out = list;
    *n = count;
    return 0;
}

/*
 * The scenario of `paths`: a lone folder is the GENIUS domain and profiles it
 * holds; anything else goes to pl_load_scenario_files(). Prints nothing.
 */
static int load_quiet(const char *const *paths, size_t n, pl_scenario **out, pl_diag *diag)
{
    if (n != 1 || !is_directory(paths[0]))
        return pl_load_scenario_files(paths, n, out, diag);
    char **files = NULL;
    size_t count = 0;
    pl_diag_set_source(diag, paths[0]);
    if (folder_files(paths[0], &files, &count) != 0)
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot read the folder");
    if (count == 0) { /* no XML: long-format tables (docs/formats.md), read by the library */
        free_list(files, count);
        return pl_load_scenario_files(paths, n, out, diag);
    }
    int rc = count >= 3 ? pl_load_scenario_files((const char *const *)files, count, out, diag)
                        : pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                                      "the folder holds no GENIUS domain with two profiles or "
                                      "more");
    free_list(files, count);
    return rc;
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
        rc = load_quiet(paths, n, out, &diag);
    if (rc != PL_OK)
        return cli_fail(rc, &diag);
    cli_remember_source(*out, n == 0 ? CLI_DEFAULT_SCENARIO_NAME : paths[0]);
    return cli_set_apply(out);
}

/* Nonzero when `path` is a GENIUS or GeniusWeb file: such files make one scenario together. */
static int genius_file(const char *path)
{
    char *data = NULL;
    size_t size = 0;
    if (is_directory(path) ||
        pl_read_file(path, PL_DEFAULT_MAX_INPUT_BYTES, &data, &size, NULL) != PL_OK)
        return 0;
    pl_format f = pl_detect_format(path, data, size);
    free(data);
    return f == PL_FORMAT_GENIUS_DOMAIN || f == PL_FORMAT_GENIUS_PROFILE ||
           f == PL_FORMAT_GENIUSWEB;
}

/* Each path alone, in order, into list[0..n-1]. */
static int load_each(const char *const *paths, size_t n, pl_scenario **list, size_t *count)
{
    int rc = EXIT_OK;
    for (size_t k = 0; rc == EXIT_OK && k < n; k++) {
        rc = cli_load_scenario(&paths[k], 1, &list[k]);
        if (rc == EXIT_OK)
            *count = k + 1;
    }
    return rc;
}

int cli_load_scenarios(const char *const *paths, size_t n, pl_scenario ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    pl_scenario **list = calloc(n + 1, sizeof *list);
    if (list == NULL)
        return EXIT_INTERNAL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc;
    if (n <= 1) {
        rc = cli_load_scenario(paths, n, &list[0]);
        *count = rc == EXIT_OK;
    } else if (load_quiet(paths, n, &list[0], &diag) == PL_OK) {
        /* together: a domain and its profiles, or files a reader joins */
        cli_remember_source(list[0], paths[0]);
        rc = cli_set_apply(&list[0]);
        *count = rc == EXIT_OK;
    } else if (genius_file(paths[0])) {
        rc = cli_fail(diag.status, &diag);
    } else {
        rc = load_each(paths, n, list, count); /* separate scenarios, each in turn */
    }
    if (rc != EXIT_OK) {
        for (size_t k = 0; k < n; k++)
            pl_scenario_free(list[k]);
        free(list);
        *count = 0;
        return rc;
    }
    *out = list;
    return EXIT_OK;
}
