/*
 * check.c - reading a scenario and collecting every error (pl_check_scenario,
 * parley/io.h): what `parley validate` and the workbench's 400 responses
 * report, one diagnostic per mistake up to the list's limit.
 */
#include "core/internal.h"
#include "io/io_internal.h"
#include "io/parley_json_reader.h"
#include "parley/limits.h"

/* A reader that stops at the first error: that error is the list's one item. */
static int first_only(int status, const pl_diag *diag, pl_diag_list *list)
{
    if (status != PL_OK && list->count == 0)
        pli_diag_list_add(list, diag);
    return status;
}

static int is_table(pl_format format)
{
    return format == PL_FORMAT_LONG_TABLE || format == PL_FORMAT_ISSUES_TABLE ||
           format == PL_FORMAT_ACTORS_TABLE;
}

int pl_check_scenario(pl_format format, const char *source, const char *data, size_t size,
                      pl_scenario **out, pl_diag_list *list)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    if (list == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    if (format == PL_FORMAT_UNKNOWN && (data != NULL || size == 0))
        format = pl_detect_format(source, data, size);
    if (is_table(format)) {
        pl_diag_set_source(&diag, source);
        int rc = pl_read_long_tables(1, &source, &data, &size, out, &diag, list);
        return first_only(rc, &diag, list);
    }
    if (format == PL_FORMAT_PARLEY_JSON)
        return first_only(pli_read_parley_json_all(source, data, size, out, &diag, list), &diag,
                          list);
    /* The other readers stop at their first error; validation then reports every one. */
    int rc = pl_read_scenario(format, source, data, size, out, &diag);
    return first_only(rc, &diag, list);
}

int pl_check_scenario_files(const char *const *paths, size_t n, pl_scenario **out,
                            pl_diag_list *list)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    if (list == NULL || out == NULL || paths == NULL || n == 0)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    if (n > 1 || pli_is_folder(paths[0]))
        return first_only(pli_load_scenario_files(paths, n, out, &diag, list), &diag, list);
    char *data = NULL;
    size_t size = 0;
    int rc = pl_read_file(paths[0], pl_limits_get()->max_input_bytes, &data, &size, &diag);
    if (rc != PL_OK)
        return first_only(rc, &diag, list);
    rc = pl_check_scenario(PL_FORMAT_UNKNOWN, paths[0], data, size, out, list);
    pli_free(data);
    return rc;
}
