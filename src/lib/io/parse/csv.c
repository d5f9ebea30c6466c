/*
 * csv.c - the CSV tokenizer and name set shared by the table readers.
 *
 * The syntax is the one of docs/specs/ktab-smp.md section 1, which the stakeholder
 * tables of docs/cli-contract.md "Inputs" also follow; see csv.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "io/parse/csv.h"
#include "core/internal.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void pli_csv_begin(pl_csv_cursor *cursor, const char *data, size_t size)
{
    cursor->data = data;
    cursor->size = data == NULL ? 0 : size;
    cursor->offset = 0;
    cursor->line = 0;
    /* Section 1: "A UTF-8 BOM at the start of the file is skipped." */
    if (cursor->size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        cursor->offset = 3;
}

int pli_csv_next_line(pl_csv_cursor *cursor, pl_csv_line *line)
{
    if (cursor->offset >= cursor->size)
        return 0;
    const char *start = cursor->data + cursor->offset;
    size_t rest = cursor->size - cursor->offset;
    const char *newline = memchr(start, '\n', rest);
    size_t length = newline ? (size_t)(newline - start) : rest;
    cursor->offset += newline ? length + 1 : length;
    /* Section 1: "Lines end in LF or CRLF." */
    if (length > 0 && start[length - 1] == '\r')
        length--;
    if (cursor->line < INT_MAX)
        cursor->line++;
    line->text = start;
    line->length = length;
    line->number = cursor->line;
    return 1;
}

int pli_csv_line_is_blank(const pl_csv_line *line)
{
    for (size_t k = 0; k < line->length; k++)
        if (!is_blank(line->text[k]))
            return 0;
    return 1;
}

int pli_csv_column(const char *text, size_t offset)
{
    long column = 1;
    for (size_t k = 0; k < offset && column < INT_MAX; k++)
        if (((unsigned char)text[k] & 0xC0) != 0x80)
            column++;
    return (int)column;
}

/* Length of the UTF-8 sequence at `p` (at most `n` bytes), or 0 when it is invalid. */
static size_t utf8_sequence(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t length;
    unsigned low = 0x80, high = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        length = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        low = c == 0xE0 ? 0xA0 : 0x80;   /* no overlong forms */
        high = c == 0xED ? 0x9F : 0xBF;  /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        low = c == 0xF0 ? 0x90 : 0x80;
        high = c == 0xF4 ? 0x8F : 0xBF;  /* nothing above U+10FFFF */
    } else
        return 0;
    if (n < length || p[1] < low || p[1] > high)
        return 0;
    for (size_t k = 2; k < length; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return length;
}

size_t pli_utf8_invalid_offset(const char *text, size_t length)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t k = 0;
    while (k < length) {
        size_t n = utf8_sequence(p + k, length - k);
        if (n == 0)
            return k;
        k += n;
    }
    return length;
}

/* Refuse bytes no table may hold in the span [from, to) of the line. */
static int check_span(const pl_csv_line *line, size_t from, size_t to, pl_diag *diag)
{
    for (size_t k = from; k < to; k++) {
        if (line->text[k] == '\0')
            return pl_diag_set(diag, PL_ERR_SYNTAX, line->number,
                               pli_csv_column(line->text, k), "NUL byte in the text");
        if (line->text[k] == '\r')
            return pl_diag_set(diag, PL_ERR_SYNTAX, line->number,
                               pli_csv_column(line->text, k),
                               "carriage return inside a line (lines must end in LF or CRLF)");
    }
    size_t bad = from + pli_utf8_invalid_offset(line->text + from, to - from);
    if (bad < to)
        return pl_diag_set(diag, PL_ERR_SYNTAX, line->number, pli_csv_column(line->text, bad),
                           "text is not valid UTF-8 (save the file as UTF-8)");
    return PL_OK;
}

static int add_field(pl_csv_row *row, const char *text, int column)
{
    if (pli_grow((void **)&row->fields, &row->capacity, row->count + 1, sizeof *row->fields))
        return PL_ERR_NOMEM;
    row->fields[row->count].text = text;
    row->fields[row->count].column = column;
    row->count++;
    return PL_OK;
}

/* A blank that trims fields: a tab is not one when it separates the fields. */
static int is_trimmed(char c, char separator)
{
    return c == ' ' || (c == '\t' && separator != '\t');
}

/* Copy [from, to) of the line to `out` without surrounding blanks; returns the end of the copy. */
static char *copy_trimmed(const char *from, const char *to, char *out, char separator)
{
    while (from < to && is_trimmed(*from, separator))
        from++;
    while (to > from && is_trimmed(to[-1], separator))
        to--;
    memmove(out, from, (size_t)(to - from));
    return out + (to - from);
}

/*
 * A quoted field starting at the quote `*at`: copy its content (with `""`
 * read as one quote) to `*out`, and leave `*at` at the comma or end after it.
 */
static int split_quoted(const pl_csv_line *line, char separator, size_t *at, char **out,
                        pl_diag *diag)
{
    size_t quote = *at, k = quote + 1, length = line->length;
    const char *text = line->text;
    char *start = *out, *o = *out;
    for (;;) {
        if (k >= length)
            return pl_diag_set(diag, PL_ERR_SYNTAX, line->number, pli_csv_column(text, quote),
                               "quoted field has no closing quote");
        if (text[k] == '"' && k + 1 < length && text[k + 1] == '"') {
            *o++ = '"';
            k += 2;
        } else if (text[k] == '"') {
            k++;
            break;
        } else
            *o++ = text[k++];
    }
    int rc = check_span(line, quote + 1, k - 1, diag);
    if (rc != PL_OK)
        return rc;
    while (k < length && is_trimmed(text[k], separator))
        k++;
    if (k < length && text[k] != separator)
        return pl_diag_set(diag, PL_ERR_SYNTAX, line->number, pli_csv_column(text, k),
                           "unexpected text after the closing quote of a field");
    /* Fields are trimmed of blanks, quoted ones too. */
    *out = copy_trimmed(start, o, start, separator);
    *at = k;
    return PL_OK;
}

/* Columns of increasing offsets of one line, counted incrementally (linear per line). */
typedef struct column_counter {
    const char *text;
    size_t offset;
    int column;
} column_counter;

static int column_at(column_counter *counter, size_t offset)
{
    for (; counter->offset < offset; counter->offset++)
        if (((unsigned char)counter->text[counter->offset] & 0xC0) != 0x80 &&
            counter->column < INT_MAX)
            counter->column++;
    return counter->column;
}

static int reserve_buffer(pl_csv_row *row, size_t needed)
{
    return pli_grow((void **)&row->buffer, &row->buffer_capacity, needed, 1);
}

int pli_csv_split(const pl_csv_line *line, size_t max_fields, pl_csv_row *row, pl_diag *diag)
{
    return pli_csv_split_with(line, ',', max_fields, row, diag);
}

int pli_csv_split_with(const pl_csv_line *line, char separator, size_t max_fields,
                       pl_csv_row *row, pl_diag *diag)
{
    /* The unquoted content of all fields, with a NUL each, fits in length + 1 bytes. */
    if (reserve_buffer(row, line->length + 1) != PL_OK)
        return pl_diag_set(diag, PL_ERR_NOMEM, line->number, 1, "out of memory");
    row->count = 0;
    row->truncated = 0;
    row->line = line->number;
    row->end_column = pli_csv_column(line->text, line->length);
    const char *text = line->text;
    size_t length = line->length, at = 0;
    char *out = row->buffer;
    column_counter counter = {text, 0, 1};
    while (row->count < max_fields) {
        size_t field_start = at, start = at;
        while (start < length && is_trimmed(text[start], separator))
            start++;
        char *field = out;
        int rc, quoted = start < length && text[start] == '"';
        if (quoted) {
            at = start;
            rc = split_quoted(line, separator, &at, &out, diag);
        } else {
            const char *comma = memchr(text + at, separator, length - at);
            size_t end = comma ? (size_t)(comma - text) : length;
            rc = check_span(line, at, end, diag);
            out = copy_trimmed(text + at, text + end, out, separator);
            at = end;
        }
        if (rc != PL_OK)
            return rc;
        /* An empty field is placed where it would have started. */
        size_t place = out == field && !quoted ? field_start : start;
        *out++ = '\0';
        if (add_field(row, field, column_at(&counter, place)) != PL_OK)
            return pl_diag_set(diag, PL_ERR_NOMEM, line->number, 1, "out of memory");
        if (at >= length)
            break;
        at++; /* past the comma */
        row->truncated = row->count == max_fields;
    }
    return PL_OK;
}

/*
 * Spreadsheets export with a comma, or a semicolon where the comma is the
 * decimal mark (most of Europe), or a tab (copy and paste, .tsv): the one of
 * the three that occurs most often outside quotes on the first line; a comma
 * when none does or they tie.
 */
char pli_csv_separator(const char *data, size_t size)
{
    pl_csv_cursor cursor;
    pl_csv_line line;
    pli_csv_begin(&cursor, data, size);
    if (!pli_csv_next_line(&cursor, &line))
        return ',';
    size_t commas = 0, semicolons = 0, tabs = 0;
    int quoted = 0;
    for (size_t k = 0; k < line.length; k++) {
        char c = line.text[k];
        quoted ^= c == '"';
        commas += !quoted && c == ',';
        semicolons += !quoted && c == ';';
        tabs += !quoted && c == '\t';
    }
    if (semicolons > commas && semicolons >= tabs)
        return ';';
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return ',';
}

int pli_csv_number(const char *text, char separator, double *out, int *percent)
{
    char buffer[64];
    size_t length = strlen(text);
    if (length >= sizeof buffer)
        return -1;
    memcpy(buffer, text, length + 1);
    *percent = length > 0 && buffer[length - 1] == '%';
    if (*percent)
        buffer[--length] = '\0';
    char *comma = strchr(buffer, ',');
    if (separator != ',' && comma != NULL && strchr(comma + 1, ',') == NULL &&
        strchr(buffer, '.') == NULL)
        *comma = '.';
    return pli_parse_number(buffer, out) == 0 ? 0 : -1;
}

void pli_csv_row_free(pl_csv_row *row)
{
    pli_free(row->fields);
    pli_free(row->buffer);
    memset(row, 0, sizeof *row);
}

char *pli_source_stem(const char *source)
{
    if (source == NULL)
        return pli_strdup("");
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    const char *dot = strrchr(base, '.');
    size_t length = dot != NULL ? (size_t)(dot - base) : strlen(base);
    return pli_strndup(base, length);
}

/* FNV-1a: simple, and good enough for the ids of one file. */
static size_t hash_name(const char *name)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return (size_t)h;
}

static size_t find_slot(const pl_name_set *set, const char *name)
{
    size_t mask = set->capacity - 1, k = hash_name(name) & mask;
    while (set->names[k] != NULL && strcmp(set->names[k], name) != 0)
        k = (k + 1) & mask;
    return k;
}

static int rehash(pl_name_set *set)
{
    size_t capacity = set->capacity ? set->capacity * 2 : 64;
    if (capacity > SIZE_MAX / sizeof(size_t) / 2)
        return PL_ERR_NOMEM;
    pl_name_set bigger = {capacity, set->count, NULL, NULL, NULL};
    bigger.names = pli_calloc(capacity, sizeof *bigger.names);
    bigger.indices = pli_calloc(capacity, sizeof *bigger.indices);
    bigger.lines = pli_calloc(capacity, sizeof *bigger.lines);
    if (bigger.names == NULL || bigger.indices == NULL || bigger.lines == NULL) {
        pli_name_set_free(&bigger);
        return PL_ERR_NOMEM;
    }
    for (size_t k = 0; k < set->capacity; k++)
        if (set->names[k] != NULL) {
            size_t slot = find_slot(&bigger, set->names[k]);
            bigger.names[slot] = set->names[k];
            bigger.indices[slot] = set->indices[k];
            bigger.lines[slot] = set->lines[k];
        }
    pli_name_set_free(set);
    *set = bigger;
    return PL_OK;
}

int pli_name_set_add(pl_name_set *set, const char *name, size_t index, int line,
                     int *earlier_line, size_t *earlier_index)
{
    if ((set->count + 1) * 2 > set->capacity && rehash(set) != PL_OK)
        return PL_ERR_NOMEM;
    size_t slot = find_slot(set, name);
    if (set->names[slot] != NULL) {
        if (earlier_line)
            *earlier_line = set->lines[slot];
        if (earlier_index)
            *earlier_index = set->indices[slot];
        return 0;
    }
    set->names[slot] = name;
    set->indices[slot] = index;
    set->lines[slot] = line;
    set->count++;
    return 1;
}

int pli_name_set_find(const pl_name_set *set, const char *name, size_t *index_out)
{
    if (set->capacity == 0)
        return PL_ERR_NOT_FOUND;
    size_t slot = find_slot(set, name);
    if (set->names[slot] == NULL)
        return PL_ERR_NOT_FOUND;
    if (index_out)
        *index_out = set->indices[slot];
    return PL_OK;
}

void pli_name_set_free(pl_name_set *set)
{
    pli_free(set->names);
    pli_free(set->indices);
    pli_free(set->lines);
    memset(set, 0, sizeof *set);
}

int pli_has_control_character(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 1;
    return 0;
}

const char *pli_pick_id(const pl_name_set *taken, const char *label, const char *prefix,
                        size_t k, char *buffer, size_t size)
{
    /* "*" is reserved for "every issue" (scenario_validate.c). */
    if (label[0] != '\0' && strcmp(label, "*") != 0 && !pli_has_control_character(label) &&
        pli_name_set_find(taken, label, NULL) != PL_OK)
        return label;
    snprintf(buffer, size, "%s%zu", prefix, k + 1);
    for (unsigned n = 2; pli_name_set_find(taken, buffer, NULL) == PL_OK; n++)
        snprintf(buffer, size, "%s%zu-%u", prefix, k + 1, n);
    return buffer;
}
