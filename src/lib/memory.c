/* memory.c - the library's allocation functions and small string helpers. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *pl_malloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *pl_calloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size ? size : 1);
}

void *pl_realloc(void *pointer, size_t size)
{
    return realloc(pointer, size ? size : 1);
}

void pl_free(void *pointer)
{
    free(pointer);
}

char *pl_strndup(const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *copy = pl_malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *pl_strdup(const char *s)
{
    return s == NULL ? NULL : pl_strndup(s, strlen(s));
}

int pl_grow(void **array, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return PL_OK;
    size_t wanted = *capacity ? *capacity : 4;
    while (wanted < needed) {
        if (wanted > SIZE_MAX / 2)
            return PL_ERR_NOMEM;
        wanted *= 2;
    }
    if (wanted > SIZE_MAX / size)
        return PL_ERR_NOMEM;
    void *grown = pl_realloc(*array, wanted * size);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    memset((char *)grown + *capacity * size, 0, (wanted - *capacity) * size);
    *array = grown;
    *capacity = wanted;
    return PL_OK;
}

int pl_is_finite(double x)
{
    return isfinite(x);
}

int pl_parse_number(const char *text, double *out)
{
    if (text == NULL)
        return -1;
    while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
        text++;
    if (*text == '\0')
        return -1;
    /* Only plain decimal numbers: strtod would also take "nan", "inf" and hex. */
    const char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
        return -1;
    for (const char *q = p; *q; q++)
        if (*q == 'x' || *q == 'X')
            return -1;
    /*
     * Files use '.' whatever the caller's locale: parse in the C locale, set for
     * this thread only (uselocale), so other threads are not affected.
     */
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t previous = c_locale != (locale_t)0 ? uselocale(c_locale) : (locale_t)0;
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    /* Overflow is an error; underflow rounds to the nearest double (zero or subnormal). */
    int range_error = errno == ERANGE && fabs(value) == HUGE_VAL;
    if (c_locale != (locale_t)0) {
        uselocale(previous);
        freelocale(c_locale);
    }
    if (end == text || range_error || !isfinite(value))
        return -1;
    while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
        end++;
    if (*end != '\0')
        return -1;
    *out = value;
    return 0;
}

