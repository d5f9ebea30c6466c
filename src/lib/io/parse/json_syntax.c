/*
 * json_syntax.c - a second look at JSON text that jansson refused, to say
 * where and what in a user's words (pli_json_syntax, json_util.h).
 *
 * jansson points after the token it could not take ("'}' expected near
 * '\"capability\"'"). This scanner follows the JSON grammar (RFC 8259,
 * sections 2-7) token by token and stops at the first token that cannot come
 * where it is, pointing at that token's first character and naming what was
 * expected there, with the likely cause: a missing comma between members, a
 * trailing comma, a comment, single quotes, an unquoted name, NaN. What it
 * does not judge (invalid UTF-8, duplicate names, numbers beyond a double) it
 * leaves to jansson's message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"
#include "io/parse/json_util.h"

/* Containers nested deeper than this are left to jansson's message. */
#define MAX_DEPTH 512

typedef struct place {
    size_t offset;
    int line, column;
} place;

typedef struct scanner {
    const char *text;
    size_t size;
    place at;             /* the next character */
    char stack[MAX_DEPTH]; /* '{' or '[' per open container */
    place opened[MAX_DEPTH];
    int depth;
    place key[MAX_DEPTH]; /* per open object: its last member name */
    size_t key_length[MAX_DEPTH];
    place comma;          /* the last comma */
    char *message;
    size_t message_size;
    int line, column;
} scanner;

static int at_end(const scanner *s)
{
    return s->at.offset >= s->size;
}

static char peek(const scanner *s)
{
    return at_end(s) ? '\0' : s->text[s->at.offset];
}

/* Move one byte on; a column counts characters (the first byte of each UTF-8 sequence). */
static void advance(scanner *s)
{
    unsigned char c = (unsigned char)s->text[s->at.offset++];
    if (c == '\n') {
        s->at.line++;
        s->at.column = 1;
    } else if ((c & 0xC0) != 0x80) {
        s->at.column++;
    }
}

static void skip_blanks(scanner *s)
{
    while (!at_end(s) && strchr(" \t\r\n", peek(s)) != NULL)
        advance(s);
}

static int error_at(scanner *s, place where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static int error_at(scanner *s, place where, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(s->message, s->message_size, format, args);
    va_end(args);
    s->line = where.line;
    s->column = where.column;
    return 1;
}

/* The text of a short token at `from` for a message: up to 20 bytes of name characters. */
static int token_length(const scanner *s, size_t from)
{
    size_t n = 0;
    while (from + n < s->size && n < 20 &&
           (strchr("_-.+", s->text[from + n]) != NULL ||
            (s->text[from + n] >= '0' && s->text[from + n] <= '9') ||
            ((s->text[from + n] | 0x20) >= 'a' && (s->text[from + n] | 0x20) <= 'z')))
        n++;
    return (int)(n ? n : 1);
}

/* A string from its opening quote; 1 when it is not one. */
static int scan_string(scanner *s)
{
    place start = s->at;
    advance(s);
    while (!at_end(s)) {
        char c = peek(s);
        if (c == '"') {
            advance(s);
            return 0;
        }
        if (c == '\n')
            break;
        if ((unsigned char)c < 0x20)
            return error_at(s, s->at, "control character in a string (write it escaped, "
                                      "such as \\t)");
        if (c == '\\') {
            place escape = s->at;
            advance(s);
            c = peek(s);
            if (c == 'u') {
                advance(s);
                for (int k = 0; k < 4; k++, advance(s))
                    if (at_end(s) || strchr("0123456789abcdefABCDEF", peek(s)) == NULL)
                        return error_at(s, escape, "\\u must be followed by four hex digits");
                continue;
            }
            if (at_end(s) || strchr("\"\\/bfnrt", c) == NULL)
                return error_at(s, escape, "unknown escape \\%c in a string (write \\\\ for a "
                                           "backslash)", c ? c : ' ');
        }
        advance(s);
    }
    return error_at(s, start, "string not closed: the closing '\"' is missing on this line");
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A number by RFC 8259 section 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int scan_number(scanner *s)
{
    place start = s->at;
    if (peek(s) == '-')
        advance(s);
    if (!is_digit(peek(s)))
        return error_at(s, start, "'%.*s' is not a number", token_length(s, start.offset),
                        s->text + start.offset);
    if (peek(s) == '0') {
        advance(s);
        if (is_digit(peek(s)))
            return error_at(s, start, "a number may not start with 0 (write %.*s without "
                                      "leading zeros)", token_length(s, start.offset),
                            s->text + start.offset);
    }
    while (is_digit(peek(s)))
        advance(s);
    if (peek(s) == '.') {
        advance(s);
        if (!is_digit(peek(s)))
            return error_at(s, start, "a number needs digits after its '.'");
        while (is_digit(peek(s)))
            advance(s);
    }
    if (peek(s) == 'e' || peek(s) == 'E') {
        advance(s);
        if (peek(s) == '+' || peek(s) == '-')
            advance(s);
        if (!is_digit(peek(s)))
            return error_at(s, start, "a number needs digits after its exponent");
        while (is_digit(peek(s)))
            advance(s);
    }
    return 0;
}

/* Why a character cannot start a value or a name, in the user's terms. */
static int bad_token(scanner *s, const char *expected)
{
    place here = s->at;
    char c = peek(s);
    const char *text = s->text + here.offset;
    int n = token_length(s, here.offset);
    if (c == '/' && here.offset + 1 < s->size && (text[1] == '/' || text[1] == '*'))
        return error_at(s, here, "comments are not allowed in JSON (remove it); expected %s",
                        expected);
    if (c == '\'')
        return error_at(s, here, "strings and names must be in double quotes (\"), not single "
                                 "quotes");
    if ((n == 3 && strncmp(text, "NaN", 3) == 0) || (n == 8 && strncmp(text, "Infinity", 8) == 0))
        return error_at(s, here, "%.*s is not a JSON number; expected %s", n, text, expected);
    if (c == '\0')
        return error_at(s, here, "NUL byte in the text; expected %s", expected);
    if ((unsigned char)c >= 0x80 || (unsigned char)c < 0x20)
        return error_at(s, here, "expected %s, not this character", expected);
    return error_at(s, here, "expected %s, not '%.*s'", expected, n, text);
}

/* true, false or null; 1 when the word is something else. */
static int scan_word(scanner *s)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (s->size - s->at.offset >= n && memcmp(s->text + s->at.offset, words[k], n) == 0 &&
            token_length(s, s->at.offset) == (int)n) {
            for (size_t j = 0; j < n; j++)
                advance(s);
            return 0;
        }
    }
    return bad_token(s, "a value (a number, a string in double quotes, true, false, null, an "
                        "object or an array)");
}

static int open_container(scanner *s, char bracket)
{
    if (s->depth == MAX_DEPTH)
        return -1;
    s->stack[s->depth] = bracket;
    s->opened[s->depth++] = s->at;
    advance(s);
    return 0;
}

/* A value, or an open bracket (then the container goes on the stack). */
static int scan_value(scanner *s, int *opened)
{
    char c = peek(s);
    *opened = 0;
    if (c == '{' || c == '[') {
        *opened = 1;
        return open_container(s, c);
    }
    if (c == '"')
        return scan_string(s);
    if (c == '-' || is_digit(c))
        return scan_number(s);
    return scan_word(s);
}

/* The member name of an object and its ':'. */
static int scan_name(scanner *s)
{
    if (peek(s) != '"')
        return bad_token(s, "a member name in double quotes");
    int d = s->depth - 1;
    s->key[d] = s->at;
    if (scan_string(s))
        return 1;
    s->key_length[d] = s->at.offset - s->key[d].offset;
    skip_blanks(s);
    if (peek(s) != ':')
        return at_end(s) ? 0
                         : error_at(s, s->at, "expected ':' after the member name %.*s",
                                    (int)(s->key_length[d] > 60 ? 60 : s->key_length[d]),
                                    s->text + s->key[d].offset);
    advance(s);
    return 0;
}

/* After a value in a container: ',' or the closing bracket. */
static int after_value(scanner *s, int *closed)
{
    char close = s->stack[s->depth - 1] == '{' ? '}' : ']';
    char c = peek(s);
    *closed = 0;
    if (c == ',') {
        s->comma = s->at;
        advance(s);
        return 0;
    }
    if (c == close) {
        advance(s);
        s->depth--;
        *closed = 1;
        return 0;
    }
    if (close == '}')
        return error_at(s, s->at,
                        "expected ',' or '}' after member %.*s%s",
                        (int)(s->key_length[s->depth - 1] > 60 ? 60 : s->key_length[s->depth - 1]),
                        s->text + s->key[s->depth - 1].offset,
                        c == '"' ? " (missing ',' between members?)" : "");
    return error_at(s, s->at, "expected ',' or ']' after an element%s",
                    strchr("\"{[-0123456789tfn", c) != NULL ? " (missing ',' between elements?)"
                                                            : "");
}

/* The whole text: 1 and a message when the scanner found the fault, 0 when it found none. */
static int scan(scanner *s)
{
    int expect_value = 1, expect_name = 0;
    skip_blanks(s);
    if (at_end(s))
        return error_at(s, s->at, "the file is empty: expected a JSON document ('{' ...)");
    for (;;) {
        skip_blanks(s);
        if (at_end(s))
            break;
        char c = peek(s);
        int opened = 0, closed = 0, rc;
        if (s->depth == 0 && !expect_value)
            return error_at(s, s->at, "unexpected text after the end of the document");
        if ((expect_name || expect_value) && (c == '}' || c == ']') && s->depth > 0 &&
            c == (s->stack[s->depth - 1] == '{' ? '}' : ']')) {
            /* An empty container, or a trailing comma. */
            if (s->comma.line > 0 && s->comma.offset > s->opened[s->depth - 1].offset)
                return error_at(s, s->comma, "',' before '%c': JSON allows no trailing comma",
                                c);
            advance(s);
            s->depth--;
            closed = 1;
            rc = 0;
        } else if (expect_name) {
            rc = scan_name(s);
            if (rc == 0 && !at_end(s)) {
                expect_name = 0;
                expect_value = 1;
            }
            if (rc != 0)
                return rc;
            continue;
        } else if (expect_value) {
            rc = scan_value(s, &opened);
        } else {
            rc = after_value(s, &closed);
            if (rc == 0 && !closed) {
                expect_value = s->stack[s->depth - 1] == '[';
                expect_name = !expect_value;
                continue;
            }
        }
        if (rc != 0)
            return rc > 0;
        if (opened) {
            s->comma.line = 0;
            expect_name = s->stack[s->depth - 1] == '{';
            expect_value = !expect_name;
        } else {
            expect_value = expect_name = 0;
        }
    }
    if (s->depth > 0) {
        place open = s->opened[s->depth - 1];
        char close = s->stack[s->depth - 1] == '{' ? '}' : ']';
        return error_at(s, s->at, "the file ends inside the '%c' opened on line %d, column %d "
                                  "(missing '%c'?)",
                        s->stack[s->depth - 1], open.line, open.column, close);
    }
    if (expect_value)
        return error_at(s, s->at, "the file ends where a value was expected");
    return 0;
}

int pli_json_syntax(const char *data, size_t size, pl_diag *diag)
{
    static scanner blank;
    scanner *s = pli_malloc(sizeof *s);
    if (s == NULL)
        return PL_ERR_NOMEM;
    *s = blank;
    char message[PL_DIAG_MESSAGE_MAX];
    s->text = data;
    s->size = size;
    s->at = (place){0, 1, 1};
    s->message = message;
    s->message_size = sizeof message;
    int found = scan(s);
    int line = s->line, column = s->column;
    pli_free(s);
    if (!found)
        return PL_OK;
    return pl_diag_set(diag, PL_ERR_SYNTAX, line, column, "%s", message);
}
