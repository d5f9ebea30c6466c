/* status.c - status codes and diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

const char *pl_strerror(int status)
{
    switch (status) {
    case PL_OK: return "success";
    case PL_ERR_NOMEM: return "out of memory";
    case PL_ERR_IO: return "input/output error";
    case PL_ERR_SYNTAX: return "syntax error";
    case PL_ERR_INVALID: return "invalid input";
    case PL_ERR_UNSUPPORTED: return "not supported";
    case PL_ERR_LIMIT: return "limit exceeded";
    case PL_ERR_ARGUMENT: return "invalid argument";
    case PL_ERR_NOT_FOUND: return "not found";
    case PL_ERR_CANCELLED: return "cancelled";
    case PL_ERR_CALLBACK: return "a negotiator callback failed";
    default: return "unknown error";
    }
}

void pl_diag_clear(pl_diag *diag)
{
    if (diag == NULL)
        return;
    diag->status = PL_OK;
    diag->line = 0;
    diag->column = 0;
    diag->message[0] = '\0';
}

void pl_diag_set_source(pl_diag *diag, const char *source)
{
    if (diag == NULL)
        return;
    snprintf(diag->source, sizeof diag->source, "%s", source ? source : "");
}

int pl_diag_set(pl_diag *diag, int status, int line, int column, const char *format, ...)
{
    if (diag == NULL)
        return status;
    diag->status = status;
    diag->line = line;
    diag->column = column;
    /* Formatted into a local buffer first: callers may pass diag->message itself as an
     * argument (adding context to a message), and vsnprintf's source and destination
     * must not overlap. */
    char message[sizeof diag->message];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    memcpy(diag->message, message, strlen(message) + 1);
    /*
     * Messages quote the input (an unknown key, a bad value); a control
     * character there would break the one-line error of the CLI contract.
     */
    for (char *p = diag->message; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return status;
}

void pl_diag_list_free(pl_diag_list *list)
{
    if (list == NULL)
        return;
    pli_free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

int pli_diag_list_add(pl_diag_list *list, const pl_diag *diag)
{
    if (list == NULL || pli_diag_list_full(list))
        return PL_OK;
    if (pli_grow((void **)&list->items, &list->capacity, list->count + 1, sizeof *list->items))
        return PL_ERR_NOMEM;
    list->items[list->count++] = *diag;
    return PL_OK;
}

int pli_diag_list_full(const pl_diag_list *list)
{
    return list != NULL && list->limit > 0 && list->count >= list->limit;
}
