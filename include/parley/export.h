/*
 * parley/export.h - the export macro of libparley's public API.
 *
 * The rule (libgit2's): a function is public exactly when a header in
 * include/parley/ declares it with PL_API. libparley is built with
 * -fvisibility=hidden, so everything else, every internal function (prefix
 * `pli_`, or a concept's short prefix such as `sao_`), stays out of the shared
 * library's exported symbols; tests/api/exports.sh checks that `nm -D` of
 * libparley.so and the declarations of the public headers name the same
 * functions.
 */
#ifndef PARLEY_EXPORT_H
#define PARLEY_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define PL_API __attribute__((visibility("default")))
#else
#define PL_API
#endif

#endif
