/* fuzz_parley_json.c - fuzz the native JSON reader (pl_read_parley_json). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_file(pl_read_parley_json, data, size);
}
