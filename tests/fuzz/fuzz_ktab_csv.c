/* fuzz_ktab_csv.c - fuzz the KTAB CSV reader (pl_read_ktab_csv). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_file(pl_read_ktab_csv, data, size);
}
