/*
 * real_format.cc - the shortest decimal text of a double (parley/io.h).
 *
 * libfmt's "{}" (compiled: no format string is parsed at run time) gives the
 * fewest significant digits that read back to the same double (the Dragonbox
 * algorithm), as plain decimals from 1e-4 up to below 1e16 and in scientific
 * notation outside (1e-05, 1e+16).
 * It writes into the caller's buffer: no allocation, no locale, no state.
 * The only C++ of libparley; everything else is C.
 */
#include <cstring>

#include <fmt/compile.h>

#include "parley/io.h"

size_t pl_format_real(double value, char out[PL_REAL_CHARS])
{
    try {
        /* format_to_n would write through a slower, truncating iterator; the text of a
         * double is at most 24 characters ("-2.2250738585072014e-308"). */
        char text[64];
        size_t n = (size_t)(fmt::format_to(text, FMT_COMPILE("{}"), value) - text);
        if (n > PL_REAL_CHARS - 1)
            n = PL_REAL_CHARS - 1;
        memcpy(out, text, n);
        out[n] = '\0';
        return n;
    } catch (...) {
        /* "{}" of a double cannot fail; this only keeps exceptions out of C callers. */
        out[0] = '\0';
        return 0;
    }
}
