/*
 * memory.c - the library's allocation functions, the allocator hook
 * (parley/alloc.h) and small string helpers.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/xmlmemory.h>

#include "core/internal.h"
#include "parley/alloc.h"

/*
 * The hook: process-wide configuration, one of the two documented exceptions to
 * "no global state" (parley/parley.h, parley/alloc.h). It is set once before any other call, so it
 * is read without a lock; with no hook set every call goes straight to libc.
 */
static pl_allocator allocator_hook;
static int allocator_hooked;

void *pli_malloc(size_t size)
{
    if (size == 0)
        size = 1;
    if (allocator_hooked)
        return allocator_hook.malloc_fn(size, allocator_hook.payload);
    return malloc(size);
}

void *pli_calloc(size_t count, size_t size)
{
    if (count == 0)
        count = 1;
    if (size == 0)
        size = 1;
    if (!allocator_hooked)
        return calloc(count, size);
    if (count > SIZE_MAX / size)
        return NULL;
    void *block = allocator_hook.malloc_fn(count * size, allocator_hook.payload);
    if (block != NULL)
        memset(block, 0, count * size);
    return block;
}

void *pli_realloc(void *pointer, size_t size)
{
    if (size == 0)
        size = 1;
    if (!allocator_hooked)
        return realloc(pointer, size);
    if (pointer == NULL)
        return allocator_hook.malloc_fn(size, allocator_hook.payload);
    return allocator_hook.realloc_fn(pointer, size, allocator_hook.payload);
}

void pli_free(void *pointer)
{
    if (pointer == NULL)
        return;
    if (allocator_hooked)
        allocator_hook.free_fn(pointer, allocator_hook.payload);
    else
        free(pointer);
}

/* jansson's and libxml2's allocation functions, routed through the hook. */
static void *jansson_malloc(size_t size)
{
    return pli_malloc(size);
}

static void jansson_free(void *pointer)
{
    pli_free(pointer);
}

static void *xml_malloc(size_t size)
{
    return pli_malloc(size);
}

static void *xml_realloc(void *pointer, size_t size)
{
    return pli_realloc(pointer, size);
}

static void xml_free(void *pointer)
{
    pli_free(pointer);
}

static char *xml_strdup(const char *text)
{
    return pli_strdup(text);
}

int pl_set_allocator(const pl_allocator *allocator)
{
    if (allocator != NULL && (allocator->malloc_fn == NULL || allocator->realloc_fn == NULL ||
                              allocator->free_fn == NULL))
        return PL_ERR_ARGUMENT;
    if (allocator == NULL) {
        allocator_hooked = 0;
        memset(&allocator_hook, 0, sizeof allocator_hook);
        json_set_alloc_funcs(malloc, free);
        xmlMemSetup(free, malloc, realloc, strdup);
        return PL_OK;
    }
    allocator_hook = *allocator;
    allocator_hooked = 1;
    json_set_alloc_funcs(jansson_malloc, jansson_free);
    xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup);
    return PL_OK;
}

char *pli_strndup(const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *copy = pli_malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *pli_strdup(const char *s)
{
    return s == NULL ? NULL : pli_strndup(s, strlen(s));
}

int pli_grow(void **array, size_t *capacity, size_t needed, size_t size)
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
    void *grown = pli_realloc(*array, wanted * size);
    if (grown == NULL)
        return PL_ERR_NOMEM;
    memset((char *)grown + *capacity * size, 0, (wanted - *capacity) * size);
    *array = grown;
    *capacity = wanted;
    return PL_OK;
}

int pli_is_finite(double x)
{
    return isfinite(x);
}

int pli_same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int pli_parse_number(const char *text, double *out)
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

