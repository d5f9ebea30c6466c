/* xml_guard.h - the screen every XML reader runs before parsing; not installed. */
#ifndef PARLEY_XML_GUARD_H
#define PARLEY_XML_GUARD_H

#include <stddef.h>

#include "parley/status.h"

/**
 * Refuse XML that could make a parser expand entities or fetch anything (a
 * DTD or entity declaration) and XML that is not UTF-8 (a NUL byte), with the
 * line and column of the offending byte; `format` names the input in the
 * message ("KTAB XML"). PL_OK when the bytes may be parsed.
 */
int pl_xml_screen(const char *data, size_t size, const char *format, pl_diag *diag);

#endif
