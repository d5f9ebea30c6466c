/*
 * json_text.c - the one JSON text writer (parley/json.h): every `--json`
 * document of the CLI and the native scenario format.
 *
 * jansson holds the documents; this writes them. jansson prints a real with
 * "%.17g" (0.35 becomes 0.34999999999999998, at about 300 ns a number); here
 * a real is printed in the shortest form that reads back to the same double
 * (pl_format_real, libfmt's Dragonbox), keeping ".0" on whole values so that
 * it reads back as a real. Everything else is laid out exactly as jansson's
 * json_dumps() lays it out with JSON_INDENT(indent) (indent 0: one line, ", "
 * and ": " between items), strings escaped as jansson escapes them.
 *
 * Large tables of reals (a frontier of 7,444 points x 5 parties) are written
 * without a jansson node per number (pl_json_writer_rows): blocks of rows are
 * formatted side by side on a thread pool, each into a buffer of its own that
 * is sized for the worst case once and reused, and are written out in order,
 * so the text does not depend on the number of threads. A writer with a sink
 * passes its text on as it grows instead of keeping it all: every buffer is
 * then taken before the first byte is passed on, so only a failing sink can
 * cut the text short.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/internal.h"

enum { SINK_CHUNK = 64 * 1024, ROWS_PER_BLOCK = 1024, MOST_INDENT = 32 };
enum { WRITER_NOMEM = 1, WRITER_SINK = 2 };

struct pl_json_writer {
    char *data;        /* the text not yet passed on to the sink, NUL-terminated on finish */
    size_t size, capacity;
    pl_json_sink sink;
    void *sink_payload;
    int indent, depth;
    int first;     /* the next item is the first of its container */
    int after_key; /* a key was written: the next value follows it directly */
    int failed;    /* 0, WRITER_NOMEM or WRITER_SINK (the sink's code in `sink_error`) */
    int sink_error;
};

size_t pl_format_json_real(double value, char out[PL_REAL_CHARS])
{
    if (!isfinite(value)) {
        memcpy(out, "null", 5);
        return 4;
    }
    /* At most 24 characters ("-2.2250738585072014e-308"): room for ".0". */
    size_t n = pl_format_real(value, out);
    if (memchr(out, '.', n) == NULL && memchr(out, 'e', n) == NULL) {
        out[n++] = '.';
        out[n++] = '0';
        out[n] = '\0';
    }
    return n;
}

/* Room for `more` bytes and a NUL; sets `failed` when memory runs out. */
static int reserve(pl_json_writer *w, size_t more)
{
    if (w->failed)
        return 0;
    if (w->size + more + 1 <= w->capacity)
        return 1;
    size_t capacity = w->capacity ? w->capacity : 4096;
    while (capacity < w->size + more + 1)
        capacity *= 2;
    char *data = pli_realloc(w->data, capacity);
    if (data == NULL) {
        w->failed = WRITER_NOMEM;
        return 0;
    }
    w->data = data;
    w->capacity = capacity;
    return 1;
}

static void sink_write(pl_json_writer *w, const char *text, size_t n)
{
    if (w->failed || n == 0)
        return;
    int code = w->sink(w->sink_payload, text, n);
    if (code != 0) {
        w->failed = WRITER_SINK;
        w->sink_error = code;
    }
}

/* Pass what the buffer holds on to the sink. */
static void flush(pl_json_writer *w)
{
    sink_write(w, w->data, w->size);
    w->size = 0;
}

static void put_slow(pl_json_writer *w, const char *text, size_t n)
{
    if (w->sink != NULL && w->size + n > SINK_CHUNK) {
        flush(w);
        if (n > SINK_CHUNK) {
            sink_write(w, text, n);
            return;
        }
    }
    if (!reserve(w, n))
        return;
    memcpy(w->data + w->size, text, n);
    w->size += n;
}

/* The common case inline: the text fits, and a sink need not be fed yet. */
static inline void put(pl_json_writer *w, const char *text, size_t n)
{
    size_t room = w->sink != NULL && w->capacity > SINK_CHUNK ? SINK_CHUNK : w->capacity;
    if (w->size + n < room && !w->failed) {
        memcpy(w->data + w->size, text, n);
        w->size += n;
        return;
    }
    put_slow(w, text, n);
}

/* A line end and the indent of the current depth. */
static void line_end(pl_json_writer *w)
{
    static const char line[] = "\n                                                                ";
    size_t spaces = (size_t)w->indent * (size_t)w->depth, most = sizeof line - 2;
    size_t k = spaces < most ? spaces : most;
    put(w, line, 1 + k);
    for (spaces -= k; spaces > 0; spaces -= k) {
        k = spaces < most ? spaces : most;
        put(w, line + 1, k);
    }
}

/* What goes before an item: nothing after a key, else "," and a line end or a space. */
static void item(pl_json_writer *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (!w->first)
        put(w, ",", 1);
    if (w->depth > 0) {
        if (w->indent > 0)
            line_end(w);
        else if (!w->first)
            put(w, " ", 1);
    }
    w->first = 0;
}

static void writer_init(pl_json_writer *w, int indent)
{
    memset(w, 0, sizeof *w);
    w->indent = indent;
    w->first = 1;
}

void pl_json_options_init(pl_json_options *options)
{
    if (options != NULL)
        *options = (pl_json_options)PL_JSON_OPTIONS_INIT;
}

int pl_json_writer_new(const pl_json_options *options, pl_json_writer **out, pl_diag *diag)
{
    static const pl_json_options defaults = PL_JSON_OPTIONS_INIT;
    const pl_json_options *o = options != NULL ? options : &defaults;
    pl_diag_clear(diag);
    if (out == NULL)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "json writer: no output");
    *out = NULL;
    if (o->version != PL_JSON_OPTIONS_VERSION)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "json writer: unknown options version %u", o->version);
    if (o->indent < 0 || o->indent > MOST_INDENT)
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0,
                           "json writer: indent %d outside 0-%d", o->indent, MOST_INDENT);
    pl_json_writer *w = pli_malloc(sizeof *w);
    if (w == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    writer_init(w, o->indent);
    w->sink = o->sink;
    w->sink_payload = o->sink_payload;
    *out = w;
    return PL_OK;
}

void pl_json_writer_free(pl_json_writer *w)
{
    if (w == NULL)
        return;
    pli_free(w->data);
    pli_free(w);
}

void pl_json_writer_open(pl_json_writer *w, char bracket)
{
    item(w);
    put(w, &bracket, 1);
    w->depth++;
    w->first = 1;
}

void pl_json_writer_close(pl_json_writer *w, char bracket)
{
    w->depth--;
    if (!w->first && w->indent > 0)
        line_end(w);
    put(w, &bracket, 1);
    w->first = 0;
}

/* A string as jansson escapes it without flags: quote, backslash and C0 controls. */
static void string(pl_json_writer *w, const char *s)
{
    put(w, "\"", 1);
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c != 0 && c != '"' && c != '\\' && c >= 0x20)
            continue;
        put(w, run, (size_t)(p - run));
        if (c == 0)
            break;
        char escape[8];
        const char *short_form = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
                               : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                               : c == '\t' ? "\\t" : NULL;
        if (short_form == NULL) {
            snprintf(escape, sizeof escape, "\\u%04X", c);
            short_form = escape;
        }
        put(w, short_form, strlen(short_form));
        run = p + 1;
    }
    put(w, "\"", 1);
}

void pl_json_writer_key(pl_json_writer *w, const char *key)
{
    item(w);
    string(w, key);
    put(w, ": ", 2);
    w->after_key = 1;
}

void pl_json_writer_real(pl_json_writer *w, double value)
{
    char text[PL_REAL_CHARS];
    size_t n = pl_format_json_real(value, text);
    item(w);
    put(w, text, n);
}

void pl_json_writer_members(pl_json_writer *w, const json_t *object)
{
    const char *key;
    json_t *member;
    /* jansson keeps an object's members in insertion order (JSON_PRESERVE_ORDER). */
    json_object_foreach ((json_t *)object, key, member) {
        pl_json_writer_key(w, key);
        pl_json_writer_value(w, member);
    }
}

/* A scalar: its text after the item's separator. */
static void scalar(pl_json_writer *w, const json_t *value)
{
    char text[32];
    item(w);
    switch (json_typeof(value)) {
    case JSON_STRING:
        string(w, json_string_value(value));
        break;
    case JSON_INTEGER:
        put(w, text, (size_t)snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT,
                                      json_integer_value(value)));
        break;
    case JSON_TRUE:
        put(w, "true", 4);
        break;
    case JSON_FALSE:
        put(w, "false", 5);
        break;
    default:
        put(w, "null", 4);
        break;
    }
}

void pl_json_writer_value(pl_json_writer *w, const json_t *value)
{
    size_t k;
    json_t *element;
    switch (json_typeof(value)) {
    case JSON_OBJECT:
        pl_json_writer_open(w, '{');
        pl_json_writer_members(w, value);
        pl_json_writer_close(w, '}');
        break;
    case JSON_ARRAY:
        pl_json_writer_open(w, '[');
        json_array_foreach (value, k, element)
            pl_json_writer_value(w, element);
        pl_json_writer_close(w, ']');
        break;
    case JSON_REAL:
        pl_json_writer_real(w, json_real_value(value));
        break;
    default:
        scalar(w, value);
        break;
    }
}

typedef struct rows_job {
    const pl_json_writer *outer;
    const double *values;
    size_t rows, columns, first_block;
    pl_json_writer *blocks; /* one per thread, reused batch after batch */
} rows_job;

/* Block first_block + slot, written as the outer writer would write it at that place. */
static void rows_block(size_t slot, void *payload)
{
    rows_job *job = payload;
    /* A copy on this thread's stack: the slots' writers share cache lines. */
    pl_json_writer b = job->blocks[slot];
    size_t block = job->first_block + slot;
    b.size = 0;
    b.depth = job->outer->depth;
    b.first = block == 0; /* the outer array was opened just before */
    size_t begin = block * ROWS_PER_BLOCK;
    size_t end = begin + ROWS_PER_BLOCK < job->rows ? begin + ROWS_PER_BLOCK : job->rows;
    for (size_t r = begin; r < end; r++) {
        pl_json_writer_open(&b, '[');
        for (size_t c = 0; c < job->columns; c++)
            pl_json_writer_real(&b, job->values[r * job->columns + c]);
        pl_json_writer_close(&b, ']');
    }
    job->blocks[slot] = b;
}

/* Format the blocks batch by batch, `slots` at a time, and put each batch out in order. */
static void rows_batches(pl_json_writer *w, rows_job *job, size_t n_blocks, size_t slots,
                         pl_pool *pool)
{
    for (; !w->failed && job->first_block < n_blocks; job->first_block += slots) {
        size_t left = n_blocks - job->first_block, batch = left < slots ? left : slots;
        if (pool != NULL && batch > 1) {
            if (pl_pool_for(pool, batch, rows_block, job) != PL_OK)
                w->failed = WRITER_NOMEM;
        } else {
            for (size_t k = 0; k < batch; k++)
                rows_block(k, job);
        }
        for (size_t k = 0; k < batch; k++)
            put(w, job->blocks[k].data, job->blocks[k].size);
        w->first = 0;
    }
}

void pl_json_writer_rows(pl_json_writer *w, const double *values, size_t rows, size_t columns,
                         pl_pool *pool)
{
    pl_json_writer_open(w, '[');
    size_t n_blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    size_t slots = pool != NULL ? (size_t)pl_pool_threads(pool) : 1;
    if (slots > n_blocks)
        slots = n_blocks > 0 ? n_blocks : 1;
    rows_job job = {w, values, rows, columns, 0, pli_calloc(slots, sizeof(pl_json_writer))};
    /* The most a block can take: every line at its indent, every real at its longest. */
    size_t indent = (size_t)w->indent * ((size_t)w->depth + 1);
    size_t most = ROWS_PER_BLOCK * (2 * (indent + 3) + columns * (indent + (size_t)w->indent +
                                                                   3 + PL_REAL_CHARS + 2));
    for (size_t k = 0; job.blocks != NULL && k < slots; k++) {
        writer_init(&job.blocks[k], w->indent);
        if (!reserve(&job.blocks[k], most) && !w->failed)
            w->failed = WRITER_NOMEM;
    }
    if (job.blocks == NULL)
        w->failed = WRITER_NOMEM;
    rows_batches(w, &job, n_blocks, slots, pool);
    for (size_t k = 0; job.blocks != NULL && k < slots; k++)
        pli_free(job.blocks[k].data);
    pli_free(job.blocks);
    pl_json_writer_close(w, ']');
}

int pl_json_writer_finish(pl_json_writer *w, char **text, size_t *size, pl_diag *diag)
{
    pl_diag_clear(diag);
    if (text != NULL)
        *text = NULL;
    if (size != NULL)
        *size = 0;
    if (w == NULL || (text == NULL && w->sink == NULL))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "json writer: no writer or no output");
    if (w->sink != NULL)
        flush(w);
    else
        reserve(w, 0);
    if (w->failed == WRITER_NOMEM)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (w->failed == WRITER_SINK)
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "json writer: the sink failed (%d)",
                           w->sink_error);
    if (w->sink != NULL)
        return PL_OK;
    w->data[w->size] = '\0';
    *text = w->data;
    if (size != NULL)
        *size = w->size;
    w->data = NULL; /* the caller's now */
    w->size = w->capacity = 0;
    return PL_OK;
}

int pl_json_dump(const json_t *document, const pl_json_options *options, char **text,
                 size_t *size, pl_diag *diag)
{
    pl_json_writer *w = NULL;
    if (document == NULL) {
        pl_diag_clear(diag);
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "json writer: no document");
    }
    TRY(pl_json_writer_new(options, &w, diag));
    pl_json_writer_value(w, document);
    int rc = pl_json_writer_finish(w, text, size, diag);
    pl_json_writer_free(w);
    return rc;
}
