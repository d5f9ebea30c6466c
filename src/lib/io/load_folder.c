/*
 * load_folder.c - one scenario from a folder or from several tables: the
 * long-format tables (a long table with, optionally, an issues table and an
 * actors table), in any order, each recognised by its header
 * (docs/formats.md "Long-format tables").
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/internal.h"
#include "io/io_internal.h"
#include "parley/limits.h"

int pli_is_folder(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Record a failure in the list too (when collecting); returns `status`. */
static int failed(int status, pl_diag *diag, pl_diag_list *list)
{
    if (list != NULL && diag != NULL && list->count == 0)
        pli_diag_list_add(list, diag);
    return status;
}

int pli_load_tables(const char *const *paths, size_t n, pl_scenario **out, pl_diag *diag,
                    pl_diag_list *list)
{
    char **data = pli_calloc(n, sizeof *data);
    size_t *sizes = pli_calloc(n, sizeof *sizes);
    int rc = data == NULL || sizes == NULL
                 ? pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory")
                 : PL_OK;
    for (size_t k = 0; rc == PL_OK && k < n; k++)
        rc = pl_read_file(paths[k], pl_limits_get()->max_input_bytes, &data[k], &sizes[k], diag);
    if (rc == PL_OK)
        rc = pl_read_long_tables(n, paths, (const char *const *)data, sizes, out, diag, list);
    else
        rc = failed(rc, diag, list);
    for (size_t k = 0; data != NULL && k < n; k++)
        pli_free(data[k]);
    pli_free(data);
    pli_free(sizes);
    return rc;
}

static int is_table_name(const char *name)
{
    static const char *const endings[] = {".csv", ".tsv", ".txt"};
    size_t length = strlen(name);
    for (size_t k = 0; k < 3; k++)
        if (length > 4 && name[0] != '.' && strcmp(name + length - 4, endings[k]) == 0)
            return 1;
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's table files, sorted by name so that errors come in a stable order. */
static int list_tables(const char *path, char ***out, size_t *n, pl_diag *diag)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot read the folder");
    size_t capacity = 0, count = 0;
    char **names = NULL;
    int rc = PL_OK;
    struct dirent *e;
    while (rc == PL_OK && (e = readdir(d)) != NULL) {
        if (!is_table_name(e->d_name))
            continue;
        size_t length = strlen(path) + strlen(e->d_name) + 2;
        if (count >= 16)
            rc = pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                             "the folder holds more than 16 table files; a long-format "
                             "scenario is at most three tables");
        else if (pli_grow((void **)&names, &capacity, count + 1, sizeof *names) != PL_OK ||
                 (names[count] = pli_malloc(length)) == NULL)
            rc = pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
        else
            snprintf(names[count++], length, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (rc == PL_OK && count == 0)
        rc = pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                         "the folder holds no GENIUS domain with its profiles (.xml files) "
                         "and no long-format tables (.csv, .tsv or .txt files)");
    if (rc == PL_OK)
        qsort(names, count, sizeof *names, compare_names);
    *out = names;
    *n = count;
    return rc;
}

int pli_load_folder(const char *path, pl_scenario **out, pl_diag *diag, pl_diag_list *list)
{
    char **names = NULL;
    size_t n = 0;
    pl_diag_set_source(diag, path);
    int rc = list_tables(path, &names, &n, diag);
    if (rc == PL_OK)
        rc = pli_load_tables((const char *const *)names, n, out, diag, list);
    else
        rc = failed(rc, diag, list);
    for (size_t k = 0; k < n; k++)
        pli_free(names[k]);
    pli_free(names);
    return rc;
}
