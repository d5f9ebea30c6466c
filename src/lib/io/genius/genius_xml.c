/*
 * genius_xml.c - hardened XML parsing and element helpers for the GENIUS
 * readers.
 *
 * As in ktab_xml_reader.c: any <!DOCTYPE or <!ENTITY is refused before
 * libxml2 sees the text (no external entities, no entity expansion), libxml2
 * runs on a private parser context with the network off, without DTD
 * loading or entity substitution, and prints nothing. Errors carry the line
 * and column of the element they are about.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "io/parse/csv.h"
#include "io/genius/genius.h"
#include "io/parse/xml_guard.h"

/* ---- parsing ---- */

static int syntax_error(gx_xml *x)
{
    const xmlError *error = xmlCtxtGetLastError(x->context);
    if (error == NULL || error->message == NULL)
        return pl_diag_set(x->diag, PL_ERR_SYNTAX, 1, 1, "XML is not well-formed");
    size_t length = strcspn(error->message, "\r\n");
    while (length > 0 && error->message[length - 1] == ' ')
        length--;
    return pl_diag_set(x->diag, PL_ERR_SYNTAX, error->line > 0 ? error->line : 1,
                       error->int2 > 0 ? error->int2 : 1, "XML: %.*s", (int)length,
                       error->message);
}

int gx_xml_parse(gx_xml *x, pl_diag *diag, const char *data, size_t size)
{
    memset(x, 0, sizeof *x);
    x->diag = diag;
    x->data = data ? data : "";
    x->size = data ? size : 0;
    int rc = pli_xml_screen(x->data, x->size, "GENIUS XML", x->diag);
    if (rc != PL_OK)
        return rc;
    xmlInitParser();
    x->context = xmlNewParserCtxt();
    if (x->context == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    /* No NOENT, DTDLOAD, DTDATTR or HUGE: nothing expanded, fetched or let grow unbounded. */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                  XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES;
    x->doc = xmlCtxtReadMemory(x->context, x->size ? x->data : "", (int)x->size, NULL, "UTF-8",
                               options);
    if (x->doc == NULL || !((xmlParserCtxtPtr)x->context)->wellFormed)
        return syntax_error(x);
    if (xmlDocGetRootElement(x->doc) == NULL)
        return pl_diag_set(diag, PL_ERR_SYNTAX, 1, 1, "XML document has no root element");
    return PL_OK;
}

void gx_xml_free(gx_xml *x)
{
    if (x->doc != NULL)
        xmlFreeDoc(x->doc);
    if (x->context != NULL)
        xmlFreeParserCtxt(x->context);
    x->doc = NULL;
    x->context = NULL;
}

/* ---- elements and attributes ---- */

static xmlNodePtr element_from(xmlNodePtr node)
{
    while (node != NULL && node->type != XML_ELEMENT_NODE)
        node = node->next;
    return node;
}

xmlNodePtr gx_first(xmlNodePtr parent)
{
    return element_from(parent->children);
}

xmlNodePtr gx_next(xmlNodePtr node)
{
    return element_from(node->next);
}

int gx_is(xmlNodePtr node, const char *name)
{
    return strcmp((const char *)node->name, name) == 0;
}

int gx_attr(gx_xml *x, xmlNodePtr node, const char *name, char **out)
{
    *out = NULL;
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (value == NULL)
        return PL_OK;
    *out = pli_strdup((const char *)value);
    xmlFree(value);
    return *out == NULL ? pl_diag_set(x->diag, PL_ERR_NOMEM, 0, 0, "out of memory") : PL_OK;
}

int gx_number(gx_xml *x, xmlNodePtr node, const char *name, int *present, double *out)
{
    char *text;
    int rc = gx_attr(x, node, name, &text);
    if (rc != PL_OK)
        return rc;
    if (present != NULL)
        *present = text != NULL;
    if (text == NULL && present == NULL)
        rc = gx_fail(x, node, PL_ERR_INVALID, "<%s> lacks its %s attribute", node->name, name);
    else if (text != NULL && pli_parse_number(text, out) != 0)
        rc = gx_fail(x, node, PL_ERR_INVALID, "%s \"%.40s\" of <%s> is not a number", name, text,
                     node->name);
    pli_free(text);
    return rc;
}

int gx_long(gx_xml *x, xmlNodePtr node, const char *name, int *present, long *out)
{
    double value = 0;
    int here = 0;
    int rc = gx_number(x, node, name, present ? &here : NULL, &value);
    if (present != NULL)
        *present = here;
    if (rc != PL_OK || (present != NULL && !here))
        return rc;
    if (value != floor(value) || fabs(value) > 1e15)
        return gx_fail(x, node, PL_ERR_INVALID, "%s %g of <%s> is not a whole number", name,
                       value, node->name);
    *out = (long)value;
    return PL_OK;
}

int gx_kind_of(gx_xml *x, xmlNodePtr issue, gx_kind *kind)
{
    static const char *const attributes[] = {"type", "etype", "vtype"};
    *kind = GX_DISCRETE;
    for (size_t k = 0; k < 3; k++) {
        char *text;
        int rc = gx_attr(x, issue, attributes[k], &text);
        if (rc != PL_OK)
            return rc;
        if (text == NULL)
            continue;
        if (strcmp(text, "discrete") == 0)
            *kind = GX_DISCRETE;
        else if (strcmp(text, "integer") == 0)
            *kind = GX_INTEGER;
        else if (strcmp(text, "real") == 0)
            *kind = GX_REAL;
        else
            rc = gx_fail(x, issue, PL_ERR_UNSUPPORTED,
                         "issue type \"%.40s\" is not supported (discrete, integer or real)",
                         text);
        pli_free(text);
        return rc;
    }
    return PL_OK;
}
