/* xml_guard.h - the screen every XML reader runs before parsing; not installed. */
#ifndef PARLEY_XML_GUARD_H
#define PARLEY_XML_GUARD_H

#include <stddef.h>

#include <libxml/tree.h>

#include "parley/status.h"

/**
 * Refuse XML that could make a parser expand entities or fetch anything (a
 * DTD or entity declaration) and XML that is not UTF-8 (a NUL byte), with the
 * line and column of the offending byte; `format` names the input in the
 * message ("KTAB XML"). PL_OK when the bytes may be parsed.
 */
int pli_xml_screen(const char *data, size_t size, const char *format, pl_diag *diag);

/**
 * Set `diag` to the printf-style message at the element `node` of the document
 * parsed from data[0..size): libxml2 keeps an element's line, not its column,
 * so the column is that of its start tag on that line. No position when node
 * is NULL or has no line. Returns `status`. The one formatter of the XML
 * readers' errors (gx_fail, the KTAB XML reader's fail_at).
 */
int pli_xml_fail_at_node(const char *data, size_t size, xmlNodePtr node, int status,
                         pl_diag *diag, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#endif
