/* fuzz_deu.c - fuzz the DEU III reader (pl_read_deu). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_file(pl_read_deu, data, size);
}
