/* parley/version.h - the library's version. */
#ifndef PARLEY_VERSION_H
#define PARLEY_VERSION_H

#include "parley/export.h"

#define PL_VERSION_MAJOR 0
#define PL_VERSION_MINOR 1
#define PL_VERSION_PATCH 0
#define PL_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the library actually linked, "MAJOR.MINOR.PATCH". */
PL_API const char *pl_version(void);

#ifdef __cplusplus
}
#endif

#endif
