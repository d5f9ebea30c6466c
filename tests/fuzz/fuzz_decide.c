/* fuzz_decide.c - fuzz the Decide reader (pl_read_decide). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_file(pl_read_decide, data, size);
}
