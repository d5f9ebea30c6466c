/*
 * fuzz.h - what the fuzz targets share (tests/fuzz, docs/robustness.md).
 *
 * Each target defines LLVMFuzzerTestOneInput: libFuzzer drives it in the
 * PARLEY_FUZZ=ON clang build, and replay.c drives it over the corpus in every
 * other build, so that the corpus is a regression test everywhere.
 */
#ifndef PARLEY_FUZZ_H
#define PARLEY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/**
 * What every target does with a scenario a reader accepted: validate it,
 * copy it, run the cheap models, write it as native JSON, read that back and
 * write it again; the two texts must be equal. Aborts on any inconsistency,
 * frees the scenario.
 */
void fuzz_check_scenario(pl_scenario *scenario);

/**
 * Check a reader's result: on failure no scenario and a status that is an
 * error; on success the scenario goes through fuzz_check_scenario().
 */
void fuzz_check_result(int rc, pl_scenario *scenario, const pl_diag *diag);

/**
 * A file of the source tree (relative to the repository root) read once and
 * kept for the life of the process: the fixed half of a two-file input.
 */
const char *fuzz_seed_file(const char *relative, size_t *size);

/**
 * An exact-size copy of the input (malloc; NULL when out of memory), so that
 * reading one byte past its end is caught.
 */
char *fuzz_exact_copy(const uint8_t *data, size_t size);

/** The signature every one-file reader shares (parley/io.h). */
typedef int (*fuzz_reader)(const char *source, const char *data, size_t size,
                           pl_scenario **out, pl_diag *diag);

/**
 * The whole body of a one-file reader's target: read an exact-size copy of
 * the input (so that reading one byte past its end is caught), check the
 * result (fuzz_check_result) and run format detection on the same bytes.
 */
int fuzz_one_file(fuzz_reader reader, const uint8_t *data, size_t size);

/** Abort with a message (a finding). */
void fuzz_fail(const char *what, const char *detail);

#endif
