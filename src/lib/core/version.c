/* version.c - the library's version string. */
#include "parley/version.h"

const char *pl_version(void)
{
    return PL_VERSION_STRING;
}
