/*
 * xml_guard.c - what every XML reader checks before libxml2 sees the bytes.
 *
 * Hostile XML is refused, not parsed: any DTD or entity declaration (so no
 * external entities and no entity expansion can happen whatever libxml2's
 * settings), and any NUL byte (UTF-16 or UTF-32 text, or binary: parley reads
 * XML as UTF-8 only). The readers then parse with network access off, no DTD
 * loading and no entity substitution (docs/robustness.md).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/parse/csv.h"
#include "io/parse/xml_guard.h"

/* The 1-based line and column of byte `offset`, a UTF-8 byte-order mark not counted. */
static int fail_at_offset(const char *data, size_t size, size_t offset, int status,
                          const char *message, pl_diag *diag)
{
    size_t start = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    long line = 1;
    for (size_t k = start; k < offset; k++)
        if (data[k] == '\n' && line < INT_MAX) {
            line++;
            start = k + 1;
        }
    return pl_diag_set(diag, status, (int)line, pli_csv_column(data + start, offset - start),
                       "%s", message);
}

int pli_xml_screen(const char *data, size_t size, const char *format, pl_diag *diag)
{
    if (size > INT_MAX)
        return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0, "XML input larger than %d bytes", INT_MAX);
    for (size_t k = 0; k < size; k++) {
        if (data[k] == '\0') {
            char message[96];
            snprintf(message, sizeof message, "NUL byte: %s must be UTF-8 text", format);
            return fail_at_offset(data, size, k, PL_ERR_UNSUPPORTED, message, diag);
        }
        if (data[k] != '<' || k + 2 >= size || data[k + 1] != '!')
            continue;
        size_t rest = size - k - 2;
        if ((rest >= 7 && memcmp(data + k + 2, "DOCTYPE", 7) == 0) ||
            (rest >= 6 && memcmp(data + k + 2, "ENTITY", 6) == 0))
            return fail_at_offset(data, size, k, PL_ERR_UNSUPPORTED,
                                  "DTDs and entity declarations are not allowed", diag);
    }
    return PL_OK;
}

/* ---- positions of parsed elements ---- */

static size_t line_start(const char *data, size_t size, long line)
{
    size_t k = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (long n = 1; n < line && k < size; k++)
        if (data[k] == '\n')
            n++;
    return k;
}

static xmlNodePtr next_in_document_order(xmlNodePtr node)
{
    if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        return node->children;
    for (; node != NULL; node = node->parent)
        if (node->next != NULL)
            return node->next;
    return NULL;
}

/* How many elements named like `node` start earlier on its line. */
static size_t earlier_on_line(xmlNodePtr node, long line)
{
    size_t k = 0;
    xmlNodePtr n = xmlDocGetRootElement(node->doc);
    for (; n != NULL && n != node; n = next_in_document_order(n))
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, node->name) &&
            xmlGetLineNo(n) == line)
            k++;
    return k;
}

/* The start tag ("<name" then a blank, '/' or '>') of `node` on its line. */
static int element_column(const char *data, size_t size, xmlNodePtr node, long line)
{
    size_t start = line_start(data, size, line), skip = earlier_on_line(node, line);
    size_t length = strlen((const char *)node->name);
    for (size_t k = start; k < size && data[k] != '\n'; k++) {
        if (data[k] != '<' || k + 1 + length >= size ||
            memcmp(data + k + 1, node->name, length) != 0 || data[k + 1 + length] == '\0' ||
            !strchr(" \t\r\n/>", data[k + 1 + length]))
            continue;
        if (skip-- == 0)
            return pli_csv_column(data + start, k - start);
    }
    return 1;
}

int pli_xml_fail_at_node(const char *data, size_t size, xmlNodePtr node, int status,
                         pl_diag *diag, const char *format, ...)
{
    char message[PL_DIAG_MESSAGE_MAX];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    long line = node != NULL ? xmlGetLineNo(node) : 0;
    if (line <= 0 || line > INT_MAX)
        return pl_diag_set(diag, status, 0, 0, "%s", message);
    return pl_diag_set(diag, status, (int)line, element_column(data, size, node, line), "%s",
                       message);
}
