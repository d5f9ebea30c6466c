/*
 * load_files.c - one scenario from several files: a GENIUS or GeniusWeb domain
 * followed by its profiles, in any order (pl_load_scenario_files, parley/io.h).
 * It lives in io/, above the format readers, because it reads files and
 * recognises their formats (io.c) before handing them to the GENIUS builders
 * (io/genius/), which then need nothing from io/.
 */
#include <string.h>

#include "core/internal.h"
#include "io/genius/genius.h"
#include "io/io_internal.h"

typedef struct file_set {
    size_t n;
    char **data;
    size_t *sizes;
} file_set;

static void file_set_free(file_set *f)
{
    for (size_t k = 0; f->data != NULL && k < f->n; k++)
        pli_free(f->data[k]);
    pli_free(f->data);
    pli_free(f->sizes);
}

static int misfit(pl_diag *diag, const char *path, pl_format want, pl_format got)
{
    pl_diag_set_source(diag, path);
    if (want == PL_FORMAT_UNKNOWN)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "several files make one scenario only as a GENIUS (or GeniusWeb) "
                           "domain followed by its profiles, or as long-format tables, but "
                           "this is a %s file; give "
                           "other scenarios one at a time",
                           got == PL_FORMAT_GENIUS_PROFILE ? "GENIUS profile (and no file is "
                                                             "its domain)"
                                                           : pl_format_name(got));
    return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                       "expected a %s profile after the domain, but this is a %s file",
                       want == PL_FORMAT_GENIUSWEB ? "GeniusWeb" : "GENIUS",
                       got == PL_FORMAT_UNKNOWN ? "unrecognised" : pl_format_name(got));
}

/* Nonzero when the file read as `data` is a GENIUS or GeniusWeb domain. */
static int is_domain(const char *path, const char *data, size_t size)
{
    pl_format format = pl_detect_format(path, data, size);
    return format == PL_FORMAT_GENIUS_DOMAIN ||
           (format == PL_FORMAT_GENIUSWEB && gx_geniusweb_kind(data, size) == 1);
}

/*
 * The domain may be named anywhere among the files (a shell glob over a
 * domain's folder puts it where the alphabet does): when exactly one file is a
 * domain, move it first, keeping the profiles in the order given.
 */
static void put_domain_first(const char **paths, file_set *f)
{
    size_t domain = f->n, domains = 0;
    for (size_t k = 0; k < f->n; k++)
        if (is_domain(paths[k], f->data[k], f->sizes[k])) {
            domains++;
            if (domain == f->n)
                domain = k;
        }
    if (domains != 1 || domain == 0)
        return;
    const char *path = paths[domain];
    char *data = f->data[domain];
    size_t size = f->sizes[domain];
    for (size_t k = domain; k > 0; k--) {
        paths[k] = paths[k - 1];
        f->data[k] = f->data[k - 1];
        f->sizes[k] = f->sizes[k - 1];
    }
    paths[0] = path;
    f->data[0] = data;
    f->sizes[0] = size;
}

/* Read every file and check that they form a domain and its profiles. */
static int read_set(const char **paths, size_t n, file_set *f, pl_format *kind, pl_diag *diag)
{
    f->n = n;
    f->data = pli_calloc(n, sizeof *f->data);
    f->sizes = pli_calloc(n, sizeof *f->sizes);
    if (f->data == NULL || f->sizes == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t k = 0; k < n; k++) {
        int rc = pl_read_file(paths[k], PL_DEFAULT_MAX_INPUT_BYTES, &f->data[k], &f->sizes[k],
                              diag);
        if (rc != PL_OK)
            return rc;
    }
    /* Long-format tables make one scenario together (load_folder.c). */
    for (size_t k = 0; k < n; k++) {
        pl_format format = pl_detect_format(paths[k], f->data[k], f->sizes[k]);
        if (format == PL_FORMAT_LONG_TABLE || format == PL_FORMAT_ISSUES_TABLE ||
            format == PL_FORMAT_ACTORS_TABLE) {
            *kind = PL_FORMAT_LONG_TABLE;
            return PL_OK;
        }
    }
    put_domain_first(paths, f);
    for (size_t k = 0; k < n; k++) {
        pl_format format = pl_detect_format(paths[k], f->data[k], f->sizes[k]);
        int web = format == PL_FORMAT_GENIUSWEB ? gx_geniusweb_kind(f->data[k], f->sizes[k]) : 0;
        if (k == 0 && format != PL_FORMAT_GENIUS_DOMAIN && web != 1)
            return misfit(diag, paths[k], PL_FORMAT_UNKNOWN, format);
        if (k == 0)
            *kind = format;
        else if (*kind == PL_FORMAT_GENIUS_DOMAIN && format != PL_FORMAT_GENIUS_PROFILE)
            return misfit(diag, paths[k], PL_FORMAT_GENIUS_PROFILE, format);
        else if (*kind == PL_FORMAT_GENIUSWEB && web != 2)
            return misfit(diag, paths[k], PL_FORMAT_GENIUSWEB, format);
    }
    return PL_OK;
}

int pl_load_scenario_files(const char *const *paths, size_t n, pl_scenario **out, pl_diag *diag)
{
    return pli_load_scenario_files(paths, n, out, diag, NULL);
}

int pli_load_scenario_files(const char *const *paths, size_t n, pl_scenario **out, pl_diag *diag,
                            pl_diag_list *list)
{
    if (out == NULL || paths == NULL || n == 0)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no input");
    *out = NULL;
    pl_diag_clear(diag);
    if (n == 1 && pli_is_folder(paths[0]))
        return pli_load_folder(paths[0], out, diag, list);
    if (n == 1)
        return pl_load_scenario(paths[0], out, diag);
    file_set f = {0};
    pl_format kind = PL_FORMAT_UNKNOWN;
    const char **ordered = pli_malloc(n * sizeof *ordered);
    if (ordered == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    memcpy(ordered, paths, n * sizeof *ordered);
    int rc = read_set(ordered, n, &f, &kind, diag);
    if (rc == PL_OK && kind == PL_FORMAT_LONG_TABLE)
        rc = pl_read_long_tables(n, ordered, (const char *const *)f.data, f.sizes, out, diag,
                                 list);
    else if (rc == PL_OK && kind == PL_FORMAT_GENIUS_DOMAIN)
        rc = pl_read_genius(ordered[0], f.data[0], f.sizes[0], n - 1, ordered + 1,
                            (const char *const *)f.data + 1, f.sizes + 1, out, diag);
    else if (rc == PL_OK)
        rc = pl_read_geniusweb(ordered[0], f.data[0], f.sizes[0], n - 1, ordered + 1,
                               (const char *const *)f.data + 1, f.sizes + 1, out, diag);
    file_set_free(&f);
    pli_free(ordered);
    return rc;
}
