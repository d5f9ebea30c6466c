/*
 * io.c - reading files, recognising formats, writing files atomically.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/parse/csv.h"
#include "io/genius/genius.h"
#include "core/internal.h"
#include "io/io_internal.h"
#include "io/long_tables.h"
#include "parley/limits.h"

const char *pl_format_name(pl_format format)
{
    switch (format) {
    case PL_FORMAT_PARLEY_JSON: return "parley";
    case PL_FORMAT_KTAB_CSV: return "ktab-csv";
    case PL_FORMAT_KTAB_XML: return "ktab-xml";
    case PL_FORMAT_STAKEHOLDER: return "stakeholder-csv";
    case PL_FORMAT_DECIDE: return "decide";
    case PL_FORMAT_DEU: return "deu";
    case PL_FORMAT_GENIUS_DOMAIN: return "genius-domain";
    case PL_FORMAT_GENIUS_PROFILE: return "genius-profile";
    case PL_FORMAT_GENIUSWEB: return "geniusweb";
    case PL_FORMAT_LONG_TABLE: return "long-csv";
    case PL_FORMAT_ISSUES_TABLE: return "issues-csv";
    case PL_FORMAT_ACTORS_TABLE: return "actors-csv";
    default: return "unknown";
    }
}

int pl_read_file(const char *path, size_t max_bytes, char **data_out, size_t *size_out,
                 pl_diag *diag)
{
    pl_diag_set_source(diag, path);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "is a directory, not a file");
    }
    size_t capacity = 0, size = 0;
    char *data = NULL;
    for (;;) {
        if (pli_grow((void **)&data, &capacity, size + 65536 + 1, 1) != PL_OK) {
            pli_free(data);
            fclose(f);
            return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory reading the file");
        }
        size_t n = fread(data + size, 1, capacity - size - 1, f);
        size += n;
        if (size > max_bytes) {
            pli_free(data);
            fclose(f);
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "file is larger than the limit of %zu bytes", max_bytes);
        }
        if (n == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        pli_free(data);
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "read error");
    }
    data[size] = '\0';
    *data_out = data;
    *size_out = size;
    return PL_OK;
}

static int is_count(const char *text)
{
    if (*text == '\0')
        return 0;
    for (; *text; text++)
        if (!isdigit((unsigned char)*text))
            return 0;
    return 1;
}

/*
 * A KTAB line 1 gone wrong (`name,description,2.5,2`, or a missing count): three
 * or more fields and a number where a count belongs. Sent to the KTAB reader,
 * whose error gives the line and column, rather than refused as of no known
 * format without a position.
 */
static int looks_like_ktab_counts(const pl_csv_row *row)
{
    double x;
    if (row->count < 3)
        return 0;
    return pli_parse_number(row->fields[2].text, &x) == 0 ||
           (row->count >= 4 && pli_parse_number(row->fields[3].text, &x) == 0);
}

/*
 * Tell the two CSV layouts apart by their first line: a stakeholder table's
 * header names only its columns (any order, any synonym); a KTAB table's
 * line 1 gives the actor and dimension counts in fields 3 and 4. A header
 * that starts with Actor or Stakeholder but names other columns still goes
 * to the stakeholder reader, whose error names the unknown column.
 */
static pl_format detect_csv(const char *data, size_t size)
{
    /* The long-format tables first: an actors table's header also starts with Actor. */
    pl_format tables = pli_lt_detect(data, size);
    if (tables != PL_FORMAT_UNKNOWN)
        return tables;
    pl_csv_cursor cursor;
    pl_csv_line line;
    pl_csv_row row = {0}, commas = {0};
    pl_format format = PL_FORMAT_UNKNOWN;
    pli_csv_begin(&cursor, data, size);
    /* A stakeholder header may use ';' or tab; KTAB's line 1 is always comma-separated. */
    if (!pli_csv_next_line(&cursor, &line) ||
        pli_csv_split_with(&line, pli_csv_separator(data, size), 64, &row, NULL) != PL_OK ||
        pli_csv_split(&line, 64, &commas, NULL) != PL_OK) {
        pli_csv_row_free(&row);
        pli_csv_row_free(&commas);
        return PL_FORMAT_UNKNOWN;
    }
    size_t named = 0, filled = 0;
    for (size_t k = 0; k < row.count; k++) {
        if (row.fields[k].text[0] == '\0')
            continue;
        filled++;
        named += pli_stakeholder_column_name(row.fields[k].text) != 0;
    }
    if (filled >= 2 && named == filled)
        format = PL_FORMAT_STAKEHOLDER;
    else if (commas.count >= 4 && is_count(commas.fields[2].text) &&
             is_count(commas.fields[3].text))
        format = PL_FORMAT_KTAB_CSV;
    else if (row.count >= 1 && (strcasecmp(row.fields[0].text, "Actor") == 0 ||
                                strcasecmp(row.fields[0].text, "Stakeholder") == 0))
        format = PL_FORMAT_STAKEHOLDER;
    else if (looks_like_ktab_counts(&row))
        format = PL_FORMAT_KTAB_CSV; /* a malformed line 1: the reader says where (issue #19) */
    pli_csv_row_free(&row);
    pli_csv_row_free(&commas);
    return format;
}

/*
 * A Decide row starts with a tag #A, #P, #M, #D, #O or #/, bare or in single
 * quotes, followed by a tab, the closing quote or the end of the line.
 */
static int is_decide_tag(const char *p, const char *end)
{
    if (p < end && *p == '\'')
        p++;
    if (end - p < 2 || p[0] != '#' || strchr("APMDO/", p[1]) == NULL)
        return 0;
    p += 2;
    return p == end || *p == '\t' || *p == '\'' || *p == '\n' || *p == '\r';
}

/* A DEU III table starts with the columns prnrnmc;isnrnmc; (each name possibly quoted). */
static int is_deu_header(const char *line, size_t length)
{
    static const char *const forms[] = {"prnrnmc;isnrnmc;", "\"prnrnmc\";\"isnrnmc\";"};
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(forms[k]);
        if (length >= n && strncasecmp(line, forms[k], n) == 0)
            return 1;
    }
    return 0;
}

pl_format pl_detect_format(const char *source, const char *data, size_t size)
{
    (void)source;
    const char *p = data, *end = data + size;
    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && isspace((unsigned char)*p))
        p++;
    pl_format genius = pli_genius_detect(p, (size_t)(end - p));
    if (genius != PL_FORMAT_UNKNOWN)
        return genius;
    /* JSON-looking text (an array, or a comment before the document) goes to the JSON
     * reader too, whose error says what is wrong where. */
    if (p < end && (*p == '{' || *p == '['))
        return PL_FORMAT_PARLEY_JSON;
    if (end - p >= 2 && p[0] == '/' && (p[1] == '/' || p[1] == '*'))
        return PL_FORMAT_PARLEY_JSON;
    if (p < end && *p == '<') {
        size_t rest = (size_t)(end - p);
        for (size_t k = 0; k + 9 <= rest; k++)
            if (memcmp(p + k, "<Scenario", 9) == 0)
                return PL_FORMAT_KTAB_XML;
        return PL_FORMAT_UNKNOWN;
    }
    if (is_decide_tag(p, end))
        return PL_FORMAT_DECIDE;
    if (is_deu_header(p, (size_t)(end - p)))
        return PL_FORMAT_DEU;
    return detect_csv(data, size);
}

int pl_read_scenario(pl_format format, const char *source, const char *data, size_t size,
                     pl_scenario **out, pl_diag *diag)
{
    if (out == NULL || (data == NULL && size > 0))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no input");
    *out = NULL;
    pl_diag_clear(diag);
    pl_diag_set_source(diag, source);
    if (format == PL_FORMAT_UNKNOWN)
        format = pl_detect_format(source, data, size);
    switch (format) {
    case PL_FORMAT_PARLEY_JSON: return pl_read_parley_json(source, data, size, out, diag);
    case PL_FORMAT_KTAB_CSV: return pl_read_ktab_csv(source, data, size, out, diag);
    case PL_FORMAT_KTAB_XML: return pl_read_ktab_xml(source, data, size, out, diag);
    case PL_FORMAT_STAKEHOLDER: return pl_read_stakeholder_csv(source, data, size, out, diag);
    case PL_FORMAT_DECIDE: return pl_read_decide(source, data, size, out, diag);
    case PL_FORMAT_LONG_TABLE:
    case PL_FORMAT_ISSUES_TABLE:
    case PL_FORMAT_ACTORS_TABLE:
        return pl_read_long_tables(1, &source, &data, &size, out, diag, NULL);
    case PL_FORMAT_DEU: return pl_read_deu(source, data, size, out, diag);
    case PL_FORMAT_GENIUS_DOMAIN:
    case PL_FORMAT_GENIUS_PROFILE:
    case PL_FORMAT_GENIUSWEB: return pli_genius_alone(format, data, size, diag);
    default:
        return pl_diag_set(diag, PL_ERR_UNSUPPORTED, 0, 0,
                           "cannot tell the format of this file (expected a parley JSON "
                           "scenario, a KTAB CSV or XML table, a stakeholder table, a "
                           "long-format table, a Decide file or a DEU III table)");
    }
}

int pl_load_scenario(const char *path, pl_scenario **out, pl_diag *diag)
{
    char *data = NULL;
    size_t size = 0;
    if (out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    pl_diag_clear(diag);
    if (pli_is_folder(path))
        return pli_load_folder(path, out, diag, NULL);
    int rc = pl_read_file(path, pl_limits_get()->max_input_bytes, &data, &size, diag);
    if (rc != PL_OK)
        return rc;
    rc = pl_read_scenario(PL_FORMAT_UNKNOWN, path, data, size, out, diag);
    pli_free(data);
    return rc;
}
