/* fuzz_stakeholder.c - fuzz the stakeholder table reader (pl_read_stakeholder_csv). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_file(pl_read_stakeholder_csv, data, size);
}
