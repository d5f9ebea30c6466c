/*
 * decide_tokens.c - lines, rows and fields of Decide exchange-model files.
 *
 * docs/specs/exchange.md section 1: tab-separated fields, each possibly wrapped in
 * single quotes (stripped); the first field is a tag. Choices made here:
 * - lines end with "\n", "\r\n" or a lone "\r"; a UTF-8 byte-order mark
 *   may open the file;
 * - a tab always ends a field: quotes only wrap a field, they do not protect
 *   tabs, and quotes inside a field are kept as they are ('it's' is it's);
 * - spaces around a field (outside its quotes) are dropped;
 * - a tag is accepted bare (#A) or quoted ('#A');
 * - comment rows (#/, #O) are recognised by their first bytes and otherwise
 *   left alone; every other row must be UTF-8 text without control
 *   characters, so that ids and names are safe to print and to write as JSON.
 */
#include <limits.h>
#include <string.h>

#include "io/decide_tokens.h"

/* Longest part of a field quoted in a message. */
#define SHOWN_MAX 40

/* Fewest fields after the tag, and what they are, per tag (section 1's table). */
typedef struct tag_rule {
    const char *text;
    pl_decide_tag tag;
    size_t min_fields;
    const char *needs;
} tag_rule;

static const tag_rule tag_rules[] = {
    {"#A", PL_DECIDE_ACTOR, 1, "an actor id"},
    {"#P", PL_DECIDE_ISSUE, 1, "an issue id"},
    {"#M", PL_DECIDE_SCALE, 2, "an issue id and a value"},
    {"#D", PL_DECIDE_DATA, 5, "actor id, issue id, position, salience and power"},
};

static int column_of(size_t offset)
{
    return offset < (size_t)INT_MAX ? (int)offset + 1 : INT_MAX;
}

void pli_decide_cursor_init(pl_decide_cursor *cursor, const char *data, size_t size)
{
    cursor->data = data;
    cursor->size = data != NULL ? size : 0;
    cursor->offset = 0;
    cursor->line = 0;
    if (cursor->size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        cursor->offset = 3;
}

int pli_decide_next_line(pl_decide_cursor *cursor, const char **start, size_t *length,
                         int *line)
{
    if (cursor->offset >= cursor->size)
        return 0;
    const char *p = cursor->data + cursor->offset;
    size_t rest = cursor->size - cursor->offset, n = 0;
    while (n < rest && p[n] != '\n' && p[n] != '\r')
        n++;
    size_t next = n;
    if (next < rest)
        next += (p[next] == '\r' && next + 1 < rest && p[next + 1] == '\n') ? 2 : 1;
    cursor->offset += next;
    if (cursor->line < INT_MAX)
        cursor->line++;
    *start = p;
    *length = n;
    *line = cursor->line;
    return 1;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t')
            return 0;
    return 1;
}

/* #/ and #O rows are comments (section 1): recognised by their first bytes alone. */
static int is_comment(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] == ' ')
        k++;
    if (k < n && s[k] == '\'')
        k++;
    if (n - k < 2 || s[k] != '#')
        return 0;
    if (s[k + 1] == '/')
        return 1;
    return s[k + 1] == 'O' &&
           (n - k == 2 || s[k + 2] == '\'' || s[k + 2] == '\t' || s[k + 2] == ' ');
}

/* Length of the well-formed UTF-8 sequence at `s` (RFC 3629), 0 when there is none. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], low = 0x80, high = 0xBF;
    size_t length;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        low = c == 0xE0 ? 0xA0 : 0x80;  /* no overlong forms */
        high = c == 0xED ? 0x9F : 0xBF; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        low = c == 0xF0 ? 0x90 : 0x80;
        high = c == 0xF4 ? 0x8F : 0xBF; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < length || s[1] < low || s[1] > high)
        return 0;
    for (size_t k = 2; k < length; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    return length;
}

static int check_bytes(const char *s, size_t n, int line, pl_diag *diag)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t k = 0; k < n;) {
        if ((u[k] < 0x20 && u[k] != '\t') || u[k] == 0x7F)
            return pl_diag_set(diag, PL_ERR_SYNTAX, line, column_of(k),
                               "control character 0x%02X (a Decide file is plain text)", u[k]);
        size_t length = utf8_sequence(u + k, n - k);
        if (length == 0)
            return pl_diag_set(diag, PL_ERR_SYNTAX, line, column_of(k),
                               "byte 0x%02X is not UTF-8 text (save the file as UTF-8)", u[k]);
        k += length;
    }
    return PL_OK;
}

/* The field in s[from, to): spaces around it and one pair of single quotes removed. */
static int unquote(const char *s, size_t from, size_t to, int line, pl_decide_field *field,
                   pl_diag *diag)
{
    while (from < to && s[from] == ' ')
        from++;
    while (to > from && s[to - 1] == ' ')
        to--;
    field->column = column_of(from);
    if (from < to && s[from] == '\'') {
        if (to - from < 2 || s[to - 1] != '\'')
            return pl_diag_set(diag, PL_ERR_SYNTAX, line, field->column,
                               "unterminated quote: a field that opens with ' must close with "
                               "' before the next tab or the end of the line");
        from++;
        to--;
    }
    field->text = s + from;
    field->length = to - from;
    return PL_OK;
}

static int split_fields(const char *s, size_t n, pl_decide_row *row, pl_decide_field *tag,
                        pl_diag *diag)
{
    size_t from = 0, count = 0;
    for (;;) {
        size_t to = from;
        while (to < n && s[to] != '\t')
            to++;
        if (count == PL_DECIDE_MAX_FIELDS)
            return pl_diag_set(diag, PL_ERR_SYNTAX, row->line, column_of(from),
                               "more than %d tab-separated fields in one row",
                               PL_DECIDE_MAX_FIELDS);
        pl_decide_field *field = count == 0 ? tag : &row->fields[count - 1];
        int rc = unquote(s, from, to, row->line, field, diag);
        if (rc != PL_OK)
            return rc;
        count++;
        if (to >= n)
            break;
        from = to + 1;
    }
    row->n_fields = count - 1;
    return PL_OK;
}

static int unknown_tag(const pl_decide_field *tag, int line, pl_diag *diag)
{
    /* "#A;x;y" or "#A x y": rows of another dialect, or fields separated by blanks. */
    if (tag->length > 2 && tag->text[0] == '#' && tag->text[1] != '\0' &&
        strchr("APMD", tag->text[1]) != NULL && tag->text[2] != '\0' &&
        strchr(";, ", tag->text[2]) != NULL)
        return pl_diag_set(diag, PL_ERR_SYNTAX, line, tag->column,
                           "fields must be separated by tabs (found '%c' after the tag %.2s)",
                           tag->text[2], tag->text);
    return pl_diag_set(diag, PL_ERR_SYNTAX, line, tag->column,
                       "unknown row tag \"%.*s\" (a Decide row starts with #A, #P, #M, #D, #/ "
                       "or #O)",
                       pli_decide_shown(tag->text, tag->length), tag->text);
}

static int classify(const pl_decide_field *tag, pl_decide_row *row, pl_diag *diag)
{
    for (size_t k = 0; k < sizeof tag_rules / sizeof tag_rules[0]; k++) {
        const tag_rule *rule = &tag_rules[k];
        if (pli_decide_compare(tag->text, tag->length, rule->text, 2) != 0)
            continue;
        row->tag = rule->tag;
        if (row->n_fields < rule->min_fields)
            return pl_diag_set(diag, PL_ERR_SYNTAX, row->line, column_of(row->length),
                               "%s row has %zu field%s after its tag; it needs %zu: %s",
                               rule->text, row->n_fields, row->n_fields == 1 ? "" : "s",
                               rule->min_fields, rule->needs);
        return PL_OK;
    }
    return unknown_tag(tag, row->line, diag);
}

int pli_decide_parse_row(const char *start, size_t length, int line, pl_decide_row *row,
                         pl_diag *diag)
{
    row->start = start;
    row->length = length;
    row->line = line;
    row->n_fields = 0;
    if (is_blank(start, length)) {
        row->tag = PL_DECIDE_BLANK;
        return PL_OK;
    }
    if (is_comment(start, length)) {
        row->tag = PL_DECIDE_COMMENT;
        return PL_OK;
    }
    pl_decide_field tag;
    int rc = check_bytes(start, length, line, diag);
    if (rc == PL_OK)
        rc = split_fields(start, length, row, &tag, diag);
    if (rc == PL_OK)
        rc = classify(&tag, row, diag);
    return rc;
}

int pli_decide_next_row(pl_decide_cursor *cursor, pl_decide_row *row, pl_diag *diag)
{
    const char *start;
    size_t length;
    int line;
    while (pli_decide_next_line(cursor, &start, &length, &line)) {
        int rc = pli_decide_parse_row(start, length, line, row, diag);
        if (rc != PL_OK)
            return rc;
        if (row->tag != PL_DECIDE_BLANK && row->tag != PL_DECIDE_COMMENT)
            return 1;
    }
    return 0;
}

char *pli_decide_join(const pl_decide_row *row, size_t first)
{
    size_t total = 1;
    for (size_t k = first; k < row->n_fields; k++)
        total += row->fields[k].length + 1;
    char *text = pli_malloc(total);
    if (text == NULL)
        return NULL;
    size_t used = 0;
    for (size_t k = first; k < row->n_fields; k++) {
        const pl_decide_field *field = &row->fields[k];
        if (field->length == 0)
            continue;
        if (used > 0)
            text[used++] = ' ';
        memcpy(text + used, field->text, field->length);
        used += field->length;
    }
    text[used] = '\0';
    return text;
}

int pli_decide_number(const pl_decide_field *field, double *out)
{
    char buffer[64];
    if (field->length == 0 || field->length >= sizeof buffer)
        return -1;
    memcpy(buffer, field->text, field->length);
    buffer[field->length] = '\0';
    return pli_parse_number(buffer, out);
}

int pli_decide_shown(const char *text, size_t length)
{
    size_t n = length;
    if (n > SHOWN_MAX) {
        n = SHOWN_MAX;
        /* Do not cut a UTF-8 sequence: back off over continuation bytes. */
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    return (int)n;
}

int pli_decide_compare(const char *a, size_t a_length, const char *b, size_t b_length)
{
    size_t n = a_length < b_length ? a_length : b_length;
    int c = n > 0 ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return (a_length > b_length) - (a_length < b_length);
}
