/* fuzz_ktab_xml.c - fuzz the KTAB XML reader (pl_read_ktab_xml). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one_file(pl_read_ktab_xml, data, size);
}
