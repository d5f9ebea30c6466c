/*
 * sweep_output.c - a sweep's CSV file or SQLite database, resumable
 * (sweep_output.h; docs/sweep.md).
 *
 * CSV rows are appended in point order and flushed at least every
 * FLUSH_SECONDS, so a killed sweep leaves whole rows and at most one partial
 * last line, which the next run cuts off. SQLite writes in WAL mode and commits every COMMIT_ROWS rows:
 * a kill loses at most the open transaction, and the database stays readable
 * (SQLite's atomic commit, https://sqlite.org/atomiccommit.html).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cli.h"
#include "sweep_output.h"

#define COMMIT_ROWS 256
/* How long the output waits for a lock a reader of the SQLite file holds, in ms. */
#define SWEEP_BUSY_MS 10000

struct sweep_output {
    FILE *csv;
    sqlite3 *db;
    sqlite3_stmt *insert;
    size_t n_columns, pending;
    char *path;
    double flushed; /* when the CSV was last flushed (monotonic seconds) */
};

/* CSV rows reach the file at least every FLUSH_SECONDS (not one write per row). */
#define FLUSH_SECONDS 0.2

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), m = strlen(suffix);
    return n >= m && strcmp(text + n - m, suffix) == 0;
}

static int refuse(const char *path, const char *why)
{
    cli_error("%s: error: %s; give another -o, or delete it to start again", path, why);
    return EXIT_BAD_INPUT;
}

/* ---- CSV ---- */

static char *read_all(FILE *in, size_t *size)
{
    size_t capacity = 1 << 16;
    char *data = malloc(capacity);
    *size = 0;
    while (data != NULL) {
        *size += fread(data + *size, 1, capacity - *size, in);
        if (*size < capacity)
            break;
        char *bigger = realloc(data, capacity *= 2);
        if (bigger == NULL)
            free(data);
        data = bigger;
    }
    return data;
}

/* Check the rows after the header: row k is point k with this sweep's values. */
static int check_csv_rows(const char *path, char *data, size_t size, size_t n_points,
                          sweep_row_prefix prefix, void *payload, unsigned char *done)
{
    size_t k = 0;
    char expected[4096];
    for (char *line = data; line < data + size; k++) {
        char *end = memchr(line, '\n', (size_t)(data + size - line));
        *end = '\0';
        if (k >= n_points)
            return refuse(path, "holds more points than this sweep has");
        prefix(k, expected, sizeof expected, payload);
        size_t m = strlen(expected);
        if (strncmp(line, expected, m) != 0 || line[m] != ',') {
            char why[160];
            snprintf(why, sizeof why, "row %zu is not point %zu of this sweep (other --vary "
                                      "ranges, --sample or --seed?)", k + 2, k);
            return refuse(path, why);
        }
        done[k] = 1;
        line = end + 1;
    }
    return EXIT_OK;
}

static int open_csv(sweep_output *o, const char *header, size_t n_points, sweep_row_prefix prefix,
                    void *payload, unsigned char *done)
{
    FILE *in = fopen(o->path, "rb");
    size_t size = 0, keep = 0;
    int rc = EXIT_OK;
    if (in != NULL) {
        char *data = read_all(in, &size);
        fclose(in);
        if (data == NULL)
            return EXIT_INTERNAL;
        while (keep < size) { /* whole lines only: a killed run may leave a partial one */
            char *nl = memchr(data + keep, '\n', size - keep);
            if (nl == NULL)
                break;
            keep = (size_t)(nl - data) + 1;
        }
        size_t h = strlen(header);
        if (keep > 0 && (keep < h + 1 || memcmp(data, header, h) != 0 || data[h] != '\n'))
            rc = refuse(o->path, "has other columns than this sweep");
        else if (keep > 0)
            rc = check_csv_rows(o->path, data + h + 1, keep - h - 1, n_points, prefix, payload,
                                done);
        free(data);
        if (rc == EXIT_OK && keep < size && truncate(o->path, (off_t)keep) != 0) {
            cli_error("%s: error: cannot cut its partial last line: %s", o->path,
                    strerror(errno));
            rc = EXIT_INTERNAL;
        }
    }
    if (rc != EXIT_OK)
        return rc;
    o->csv = fopen(o->path, "ab");
    if (o->csv == NULL) {
        cli_error("%s: error: %s", o->path, strerror(errno));
        return EXIT_INTERNAL;
    }
    if (keep == 0 && (fprintf(o->csv, "%s\n", header) < 0 || fflush(o->csv) != 0))
        return EXIT_INTERNAL;
    return EXIT_OK;
}

/* ---- SQLite ---- */

static int sql_fail(sweep_output *o)
{
    cli_error("%s: error: %s", o->path, sqlite3_errmsg(o->db));
    return EXIT_INTERNAL;
}

/* A column name as an SQL identifier: in double quotes, quotes doubled. */
static void quote_identifier(FILE *out, const char *name)
{
    fputc('"', out);
    for (const char *c = name; *c; c++) {
        if (*c == '"')
            fputc('"', out);
        fputc(*c, out);
    }
    fputc('"', out);
}

static char *schema_sql(const char *const *columns, size_t n)
{
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return NULL;
    fputs("CREATE TABLE results (", b.stream);
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            fputs(", ", b.stream);
        quote_identifier(b.stream, columns[k]);
        fputs(k == 0 ? " INTEGER PRIMARY KEY" : "", b.stream);
    }
    fputs("); CREATE TABLE sweep (parameters TEXT NOT NULL);", b.stream);
    if (fclose(b.stream) != 0)
        return NULL;
    return b.data;
}

/* The existing database: same columns and parameters; its points go to done[]. */
static int check_database(sweep_output *o, const char *const *columns, size_t n_columns,
                          const char *parameters, size_t n_points, unsigned char *done)
{
    sqlite3_stmt *q = NULL;
    size_t k = 0;
    int same = sqlite3_prepare_v2(o->db, "PRAGMA table_info(results)", -1, &q, NULL) == SQLITE_OK;
    while (same && sqlite3_step(q) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 1);
        same = k < n_columns && name != NULL && strcmp(name, columns[k]) == 0;
        k++;
    }
    sqlite3_finalize(q);
    if (!same || k != n_columns)
        return refuse(o->path, "has another `results` table than this sweep");
    same = sqlite3_prepare_v2(o->db, "SELECT parameters FROM sweep", -1, &q, NULL) == SQLITE_OK &&
           sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) != NULL &&
           strcmp((const char *)sqlite3_column_text(q, 0), parameters) == 0;
    sqlite3_finalize(q);
    if (!same)
        return refuse(o->path, "was written by a sweep with other parameters");
    if (sqlite3_prepare_v2(o->db, "SELECT point FROM results", -1, &q, NULL) != SQLITE_OK)
        return sql_fail(o);
    int rc = EXIT_OK;
    while (rc == EXIT_OK && sqlite3_step(q) == SQLITE_ROW) {
        sqlite3_int64 point = sqlite3_column_int64(q, 0);
        if (point < 0 || (size_t)point >= n_points)
            rc = refuse(o->path, "holds points this sweep does not have");
        else
            done[point] = 1;
    }
    sqlite3_finalize(q);
    return rc;
}

static int create_database(sweep_output *o, const char *const *columns, size_t n_columns,
                           const char *parameters)
{
    char *sql = schema_sql(columns, n_columns);
    sqlite3_stmt *q = NULL;
    int ok = sql != NULL && sqlite3_exec(o->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
             sqlite3_exec(o->db, sql, NULL, NULL, NULL) == SQLITE_OK &&
             sqlite3_prepare_v2(o->db, "INSERT INTO sweep VALUES (?)", -1, &q, NULL) ==
                 SQLITE_OK &&
             sqlite3_bind_text(q, 1, parameters, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_step(q) == SQLITE_DONE &&
             sqlite3_exec(o->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_finalize(q);
    free(sql);
    return ok ? EXIT_OK : sql_fail(o);
}

static int open_sqlite(sweep_output *o, const char *const *columns, size_t n_columns,
                       const char *parameters, size_t n_points, unsigned char *done)
{
    /*
     * A reader of the file (sqlite3, a notebook watching the sweep) may hold a
     * lock for a moment: switching to WAL and committing wait for it, up to
     * SWEEP_BUSY_MS, instead of failing with "database is locked".
     */
    if (sqlite3_open(o->path, &o->db) != SQLITE_OK ||
        sqlite3_busy_timeout(o->db, SWEEP_BUSY_MS) != SQLITE_OK)
        return sql_fail(o);
    if (sqlite3_exec(o->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", NULL, NULL,
                     NULL) != SQLITE_OK) {
        if (sqlite3_errcode(o->db) == SQLITE_NOTADB)
            return refuse(o->path, "is not an SQLite database");
        return sql_fail(o);
    }
    sqlite3_stmt *q = NULL;
    int exists = sqlite3_prepare_v2(o->db, "SELECT 1 FROM sqlite_master WHERE name = 'results'",
                                    -1, &q, NULL) == SQLITE_OK &&
                 sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    int rc = exists ? check_database(o, columns, n_columns, parameters, n_points, done)
                    : create_database(o, columns, n_columns, parameters);
    if (rc != EXIT_OK)
        return rc;
    cli_buffer b;
    if (cli_buffer_open(&b) != EXIT_OK)
        return EXIT_INTERNAL;
    fputs("INSERT INTO results VALUES (?", b.stream);
    for (size_t k = 1; k < n_columns; k++)
        fputs(", ?", b.stream);
    fputs(")", b.stream);
    fclose(b.stream);
    rc = sqlite3_prepare_v2(o->db, b.data, -1, &o->insert, NULL) == SQLITE_OK &&
                 sqlite3_exec(o->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
             ? EXIT_OK
             : sql_fail(o);
    free(b.data);
    return rc;
}

/* Bind one CSV field by its kind: empty NULL, true/false 1/0, a number REAL, else text. */
static int bind_field(sqlite3_stmt *q, int k, const char *field, size_t length)
{
    if (length == 0)
        return sqlite3_bind_null(q, k);
    if (length == 4 && memcmp(field, "true", 4) == 0)
        return sqlite3_bind_int(q, k, 1);
    if (length == 5 && memcmp(field, "false", 5) == 0)
        return sqlite3_bind_int(q, k, 0);
    char text[64], *end;
    if (length < sizeof text) {
        memcpy(text, field, length);
        text[length] = '\0';
        double v = strtod(text, &end);
        if (*end == '\0')
            return k == 1 ? sqlite3_bind_int64(q, k, (sqlite3_int64)v) : sqlite3_bind_double(q, k, v);
    }
    return sqlite3_bind_text(q, k, field, (int)length, SQLITE_TRANSIENT);
}

static int sqlite_row(sweep_output *o, const char *row)
{
    const char *field = row;
    for (size_t k = 0; k < o->n_columns; k++) {
        const char *end = strchr(field, ',');
        size_t length = end ? (size_t)(end - field) : strlen(field);
        if (bind_field(o->insert, (int)k + 1, field, length) != SQLITE_OK)
            return sql_fail(o);
        field = end ? end + 1 : field + length;
    }
    if (sqlite3_step(o->insert) != SQLITE_DONE || sqlite3_reset(o->insert) != SQLITE_OK)
        return sql_fail(o);
    if (++o->pending == COMMIT_ROWS) {
        o->pending = 0;
        if (sqlite3_exec(o->db, "COMMIT; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
            return sql_fail(o);
    }
    return 0;
}

/* ---- the interface ---- */

int sweep_output_open(const char *path, const char *const *columns, size_t n_columns,
                      const char *parameters, size_t n_points, sweep_row_prefix prefix,
                      void *payload, unsigned char *done, sweep_output **out)
{
    *out = NULL;
    int csv = ends_with(path, ".csv");
    if (!csv && !ends_with(path, ".sqlite"))
        return cli_usage_error("sweep", "-o %s: give a file ending .csv or .sqlite", path);
    sweep_output *o = calloc(1, sizeof *o);
    if (o == NULL || (o->path = strdup(path)) == NULL) {
        free(o);
        return EXIT_INTERNAL;
    }
    o->n_columns = n_columns;
    int rc;
    if (csv) {
        size_t size = 1;
        for (size_t k = 0; k < n_columns; k++)
            size += strlen(columns[k]) + 1;
        char *header = calloc(size, 1);
        rc = header ? EXIT_OK : EXIT_INTERNAL;
        for (size_t k = 0; header && k < n_columns; k++) {
            if (k > 0)
                strcat(header, ",");
            strcat(header, columns[k]);
        }
        if (rc == EXIT_OK)
            rc = open_csv(o, header, n_points, prefix, payload, done);
        free(header);
    } else {
        rc = open_sqlite(o, columns, n_columns, parameters, n_points, done);
    }
    if (rc != EXIT_OK) {
        if (o->db != NULL) {
            sqlite3_finalize(o->insert);
            sqlite3_close(o->db);
        }
        if (o->csv != NULL)
            fclose(o->csv);
        free(o->path);
        free(o);
        return rc;
    }
    *out = o;
    return EXIT_OK;
}

int sweep_output_row(sweep_output *o, const char *row)
{
    if (o->db != NULL)
        return sqlite_row(o, row);
    double t = now();
    int flush = t - o->flushed >= FLUSH_SECONDS;
    if (flush)
        o->flushed = t;
    if (fputs(row, o->csv) < 0 || fputc('\n', o->csv) < 0 || (flush && fflush(o->csv) != 0)) {
        cli_error("%s: error: %s", o->path, strerror(errno));
        return 1;
    }
    return 0;
}

int sweep_output_close(sweep_output *o)
{
    if (o == NULL)
        return 0;
    int rc = 0;
    if (o->db != NULL) {
        sqlite3_finalize(o->insert);
        if (sqlite3_exec(o->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            rc = sql_fail(o);
        sqlite3_close(o->db);
    }
    if (o->csv != NULL && fclose(o->csv) != 0) {
        cli_error("%s: error: %s", o->path, strerror(errno));
        rc = 1;
    }
    free(o->path);
    free(o);
    return rc;
}
