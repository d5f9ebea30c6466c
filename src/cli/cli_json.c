/*
 * cli_json.c - the JSON text of every command's --json output.
 *
 * jansson holds the documents; this writes them. jansson prints a real with
 * "%.17g" (0.35 becomes 0.34999999999999998, at about 300 ns a number);
 * here a real is printed in the shortest form that reads back to the same
 * double (pl_format_real, libfmt's Dragonbox), keeping ".0" on whole values so
 * that it reads back as a real. Everything else is laid out exactly as
 * jansson's json_dumps() lays it out with JSON_INDENT(indent) (indent 0: one
 * line, ", " and ": " between items), strings escaped as jansson escapes them.
 *
 * Large tables of reals (a frontier of 7,444 points x 5 parties) are written
 * without a jansson node per number (cli_json_rows): blocks of rows are
 * formatted side by side on a thread pool, each into a buffer of its own that
 * is sized for the worst case once and reused, and are written out in order,
 * so the text does not depend on the number of threads. A writer with a sink
 * (cli_json_stream) passes its text on to the sink as it grows instead of
 * keeping it all: every buffer is then taken before the first byte is written,
 * so only a failing sink can cut the text short.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { SINK_CHUNK = 64 * 1024 };

/* Room for `more` bytes and a NUL; sets `failed` when memory runs out. */
static int reserve(cli_json *w, size_t more)
{
    if (w->failed)
        return 0;
    if (cli_svg_reserve(&w->text, more))
        return 1;
    w->failed = CLI_JSON_NOMEM;
    return 0;
}

static void sink_write(cli_json *w, const char *text, size_t n)
{
    if (!w->failed && n > 0 && fwrite(text, 1, n, w->sink) != n) {
        w->failed = CLI_JSON_WRITE;
        w->error = errno;
    }
}

/* Pass what the buffer holds on to the sink. */
static void flush(cli_json *w)
{
    sink_write(w, w->text.data, w->text.size);
    w->text.size = 0;
}

static void put_slow(cli_json *w, const char *text, size_t n)
{
    if (w->sink != NULL && w->text.size + n > SINK_CHUNK) {
        flush(w);
        if (n > SINK_CHUNK) {
            sink_write(w, text, n);
            return;
        }
    }
    if (!reserve(w, n))
        return;
    memcpy(w->text.data + w->text.size, text, n);
    w->text.size += n;
}

/* The common case inline: the text fits, and a sink need not be fed yet. */
static inline void put(cli_json *w, const char *text, size_t n)
{
    cli_svg *t = &w->text;
    size_t room = w->sink != NULL && t->capacity > SINK_CHUNK ? SINK_CHUNK : t->capacity;
    if (t->size + n < room && !w->failed) {
        memcpy(t->data + t->size, text, n);
        t->size += n;
        return;
    }
    put_slow(w, text, n);
}

/* A line end and the indent of the current depth. */
static void line_end(cli_json *w)
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
static void item(cli_json *w)
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

void cli_json_init(cli_json *w, int indent)
{
    memset(w, 0, sizeof *w);
    cli_svg_init(&w->text);
    w->indent = indent;
    w->first = 1;
}

void cli_json_open(cli_json *w, char bracket)
{
    item(w);
    put(w, &bracket, 1);
    w->depth++;
    w->first = 1;
}

void cli_json_close(cli_json *w, char bracket)
{
    w->depth--;
    if (!w->first && w->indent > 0)
        line_end(w);
    put(w, &bracket, 1);
    w->first = 0;
}

/* A string as jansson escapes it without flags: quote, backslash and C0 controls. */
static void string(cli_json *w, const char *s)
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

void cli_json_key(cli_json *w, const char *key)
{
    item(w);
    string(w, key);
    put(w, ": ", 2);
    w->after_key = 1;
}

void cli_json_real(cli_json *w, double value)
{
    char text[PL_REAL_CHARS];
    size_t n = pl_format_json_real(value, text);
    item(w);
    put(w, text, n);
}

void cli_json_members(cli_json *w, const json_t *object)
{
    const char *key;
    json_t *member;
    /* jansson keeps an object's members in insertion order (JSON_PRESERVE_ORDER). */
    json_object_foreach ((json_t *)object, key, member) {
        cli_json_key(w, key);
        cli_json_put(w, member);
    }
}

void cli_json_put(cli_json *w, const json_t *value)
{
    char text[32];
    switch (json_typeof(value)) {
    case JSON_OBJECT:
        cli_json_open(w, '{');
        cli_json_members(w, value);
        cli_json_close(w, '}');
        break;
    case JSON_ARRAY: {
        size_t k;
        json_t *element;
        cli_json_open(w, '[');
        json_array_foreach (value, k, element)
            cli_json_put(w, element);
        cli_json_close(w, ']');
        break;
    }
    case JSON_STRING:
        item(w);
        string(w, json_string_value(value));
        break;
    case JSON_INTEGER:
        item(w);
        put(w, text, (size_t)snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT,
                                      json_integer_value(value)));
        break;
    case JSON_REAL:
        cli_json_real(w, json_real_value(value));
        break;
    case JSON_TRUE:
        item(w);
        put(w, "true", 4);
        break;
    case JSON_FALSE:
        item(w);
        put(w, "false", 5);
        break;
    case JSON_NULL:
        item(w);
        put(w, "null", 4);
        break;
    }
}

enum { ROWS_PER_BLOCK = 1024 };

typedef struct rows_job {
    const cli_json *outer;
    const double *values;
    size_t rows, columns, first_block;
    cli_json *blocks; /* one per thread, reused batch after batch */
} rows_job;

/* Block first_block + slot, written as the outer writer would write it at that place. */
static void rows_block(size_t slot, void *payload)
{
    rows_job *job = payload;
    /* A copy on this thread's stack: the slots' writers share cache lines. */
    cli_json b = job->blocks[slot];
    size_t block = job->first_block + slot;
    b.text.size = 0;
    b.depth = job->outer->depth;
    b.first = block == 0; /* the outer array was opened just before */
    size_t begin = block * ROWS_PER_BLOCK;
    size_t end = begin + ROWS_PER_BLOCK < job->rows ? begin + ROWS_PER_BLOCK : job->rows;
    for (size_t r = begin; r < end; r++) {
        cli_json_open(&b, '[');
        for (size_t c = 0; c < job->columns; c++)
            cli_json_real(&b, job->values[r * job->columns + c]);
        cli_json_close(&b, ']');
    }
    job->blocks[slot] = b;
}

void cli_json_rows(cli_json *w, const double *values, size_t rows, size_t columns, pl_pool *pool)
{
    cli_json_open(w, '[');
    size_t n_blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    size_t slots = pool != NULL ? (size_t)pl_pool_threads(pool) : 1;
    if (slots > n_blocks)
        slots = n_blocks > 0 ? n_blocks : 1;
    rows_job job = {w, values, rows, columns, 0, calloc(slots, sizeof(cli_json))};
    /* The most a block can take: every line at its indent, every real at its longest. */
    size_t indent = (size_t)w->indent * ((size_t)w->depth + 1);
    size_t most = ROWS_PER_BLOCK * (2 * (indent + 3) + columns * (indent + w->indent + 3 +
                                                                   PL_REAL_CHARS + 2));
    for (size_t k = 0; job.blocks != NULL && k < slots; k++) {
        cli_json_init(&job.blocks[k], w->indent);
        if (!reserve(&job.blocks[k], most) && !w->failed)
            w->failed = CLI_JSON_NOMEM;
    }
    if (job.blocks == NULL)
        w->failed = CLI_JSON_NOMEM;
    for (; !w->failed && job.first_block < n_blocks; job.first_block += slots) {
        size_t batch = n_blocks - job.first_block < slots ? n_blocks - job.first_block : slots;
        if (pool != NULL && batch > 1) {
            if (pl_pool_for(pool, batch, rows_block, &job) != PL_OK)
                w->failed = CLI_JSON_NOMEM;
        } else {
            for (size_t k = 0; k < batch; k++)
                rows_block(k, &job);
        }
        for (size_t k = 0; k < batch; k++)
            put(w, job.blocks[k].text.data, job.blocks[k].text.size);
        w->first = 0;
    }
    for (size_t k = 0; job.blocks != NULL && k < slots; k++)
        cli_svg_free(&job.blocks[k].text);
    free(job.blocks);
    cli_json_close(w, ']');
}

void cli_json_stream(cli_json *w, FILE *sink)
{
    w->sink = sink;
}

char *cli_json_finish(cli_json *w, size_t *size)
{
    reserve(w, 0);
    if (w->failed) {
        cli_svg_free(&w->text);
        return NULL;
    }
    w->text.data[w->text.size] = '\0';
    if (size != NULL)
        *size = w->text.size;
    return w->text.data;
}

int cli_json_emit(cli_json *w)
{
    if (w->sink == NULL)
        cli_json_stream(w, stdout);
    put(w, "\n", 1);
    flush(w);
    if (!w->failed && fflush(w->sink) != 0) {
        w->failed = CLI_JSON_WRITE;
        w->error = errno;
    }
    cli_svg_free(&w->text);
    if (w->failed == CLI_JSON_NOMEM)
        fprintf(stderr, "parley: error: out of memory\n");
    else if (w->failed)
        fprintf(stderr, "parley: error: cannot write the output: %s\n", strerror(w->error));
    return w->failed ? EXIT_INTERNAL : EXIT_OK;
}

char *cli_json_text(const json_t *document, int indent)
{
    if (document == NULL)
        return NULL;
    cli_json w;
    cli_json_init(&w, indent);
    cli_json_put(&w, document);
    return cli_json_finish(&w, NULL);
}

int cli_emit_json(json_t *document)
{
    if (document == NULL) {
        fprintf(stderr, "parley: error: out of memory\n");
        return EXIT_INTERNAL;
    }
    cli_json w;
    cli_json_init(&w, 2);
    cli_json_put(&w, document);
    json_decref(document);
    return cli_json_emit(&w);
}
