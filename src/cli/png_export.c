/*
 * png_export.c - the report's charts as PNG (png_export.h): each SVG is
 * parsed by librsvg, drawn on a cairo image surface at twice its size (sharp
 * on high-density screens and in slides) over a white background, and
 * encoded to a PNG in memory; the files are written once all are ready.
 *
 * librsvg (and through it cairo and GLib, about fifty libraries) is loaded
 * with dlopen() when --png is asked for, not at start-up: linking it costs
 * every other command about 6 ms of dynamic loading (docs/frontier.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "png_export.h"
#include "report_html.h"

#ifdef PARLEY_HAVE_PNG

#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>

#define PNG_SCALE 2.0

/* The functions used, looked up in librsvg and its dependencies. */
#define PNG_FUNCTIONS(X)                                                                     \
    X(rsvg_handle_new_from_data)                                                             \
    X(rsvg_handle_render_document)                                                           \
    X(g_object_unref)                                                                        \
    X(g_error_free)                                                                          \
    X(cairo_image_surface_create)                                                            \
    X(cairo_create)                                                                          \
    X(cairo_set_source_rgb)                                                                  \
    X(cairo_paint)                                                                           \
    X(cairo_status)                                                                          \
    X(cairo_destroy)                                                                         \
    X(cairo_surface_write_to_png_stream)                                                     \
    X(cairo_surface_destroy)

#define PNG_POINTER(name) __typeof__(&name) name;
static struct {
    int tried, ok;
    char why[256];
    PNG_FUNCTIONS(PNG_POINTER)
} png;

/* Load librsvg once; nonzero when every function was found. */
static int png_load(void)
{
    if (png.tried)
        return png.ok;
    png.tried = 1;
    void *library = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(png.why, sizeof png.why, "--png needs librsvg at run time (librsvg2-2): %s",
                 dlerror());
        return 0;
    }
#define PNG_LOOKUP(name)                                                                     \
    if ((*(void **)&png.name = dlsym(library, #name)) == NULL) {                             \
        snprintf(png.why, sizeof png.why, "--png: librsvg lacks %s", #name);                 \
        return 0;                                                                            \
    }
    PNG_FUNCTIONS(PNG_LOOKUP)
    png.ok = 1;
    return 1;
}

typedef struct png_buffer {
    unsigned char *data;
    size_t size, capacity;
} png_buffer;

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int length)
{
    png_buffer *b = closure;
    if (b->size + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 65536;
        while (capacity < b->size + length)
            capacity *= 2;
        unsigned char *grown = realloc(b->data, capacity);
        if (grown == NULL)
            return CAIRO_STATUS_NO_MEMORY;
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, data, length);
    b->size += length;
    return CAIRO_STATUS_SUCCESS;
}

/* The chart's width and height from its opening tag (parley writes both). */
static int chart_size(const char *svg, double *width, double *height)
{
    const char *w = strstr(svg, " width=\""), *h = strstr(svg, " height=\"");
    if (w == NULL || h == NULL)
        return 0;
    *width = strtod(w + 8, NULL);
    *height = strtod(h + 9, NULL);
    return *width >= 1 && *height >= 1 && *width < 20000 && *height < 20000;
}

static int render(const cli_chart_file *chart, png_buffer *out, pl_diag *diag)
{
    double width = 0, height = 0;
    if (!chart_size(chart->svg, &width, &height))
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "%s: no size to render", chart->name);
    GError *error = NULL;
    RsvgHandle *handle = png.rsvg_handle_new_from_data((const guint8 *)chart->svg, chart->size,
                                                   &error);
    if (handle == NULL) {
        int rc = pl_diag_set(diag, PL_ERR_IO, 0, 0, "%s: librsvg: %s", chart->name,
                             error ? error->message : "cannot read the SVG");
        if (error)
            png.g_error_free(error);
        return rc;
    }
    int pw = (int)(width * PNG_SCALE + 0.5), ph = (int)(height * PNG_SCALE + 0.5);
    cairo_surface_t *surface = png.cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = png.cairo_create(surface);
    png.cairo_set_source_rgb(cr, 1, 1, 1);
    png.cairo_paint(cr);
    RsvgRectangle viewport = {0, 0, pw, ph};
    int ok = png.rsvg_handle_render_document(handle, cr, &viewport, &error);
    ok = ok && png.cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    png.cairo_destroy(cr);
    if (ok)
        ok = png.cairo_surface_write_to_png_stream(surface, append, out) == CAIRO_STATUS_SUCCESS;
    png.cairo_surface_destroy(surface);
    png.g_object_unref(handle);
    int rc = PL_OK;
    if (!ok)
        rc = pl_diag_set(diag, PL_ERR_IO, 0, 0, "%s: cannot render to PNG%s%s",
                         chart->name, error ? ": " : "", error ? error->message : "");
    if (error)
        png.g_error_free(error);
    return rc;
}

int cli_png_available(void)
{
    return png_load();
}

const char *cli_png_missing(void)
{
    return png_load() ? "" : png.why;
}

int cli_write_png_directory(cli_outputs *set, const char *dir, const cli_report *report,
                            pl_diag *diag)
{
    cli_chart_file *charts = NULL;
    size_t n = 0;
    if (cli_chart_all(report, &charts, &n) != PL_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    png_buffer *pngs = calloc(n + 1, sizeof *pngs);
    int rc = pngs ? PL_OK : pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    for (size_t k = 0; rc == PL_OK && k < n; k++)
        rc = render(&charts[k], &pngs[k], diag);
    if (rc == PL_OK)
        cli_outputs_add_directory(set, dir);
    for (size_t k = 0; rc == PL_OK && k < n; k++) {
        char name[176];
        size_t length = strlen(charts[k].name);
        snprintf(name, sizeof name, "%.*s.png", (int)(length > 4 ? length - 4 : length),
                 charts[k].name);
        cli_outputs_add_in(set, dir, name, (const char *)pngs[k].data, pngs[k].size);
    }
    for (size_t k = 0; pngs && k < n; k++)
        free(pngs[k].data);
    free(pngs);
    cli_chart_files_free(charts, n);
    return rc;
}

#else

int cli_png_available(void)
{
    return 0;
}

const char *cli_png_missing(void)
{
    return CLI_PNG_MISSING;
}

int cli_write_png_directory(cli_outputs *set, const char *dir, const cli_report *report,
                            pl_diag *diag)
{
    (void)set;
    (void)dir;
    (void)report;
    return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "%s", CLI_PNG_MISSING);
}

#endif
