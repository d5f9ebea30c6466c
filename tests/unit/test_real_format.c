/*
 * test_real_format.c - pl_format_real() writes the shortest decimal text that
 * reads back to the same double.
 *
 * The oracle is the C library alone: the first precision p for which "%.*g"
 * (glibc rounds correctly) reads back through strtod to the value. The text
 * must read back to the value, have at most p significant digits, and, when
 * it has exactly p, the same digits (both are then the nearest p-digit
 * decimal). It can have fewer only where the nearest p-digit decimal misses
 * but another one hits (the asymmetric gaps at powers of two), which the
 * test counts and allows. pl_format_json_real() is checked on known texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/io.h"

/* The significant digits of a decimal text, without sign, point, exponent or leading zeros. */
static void significant(const char *text, char *digits)
{
    size_t n = 0;
    for (const char *p = text; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && (n > 0 || *p != '0'))
            digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
}

static size_t fewer = 0;

static void check(double x)
{
    char text[PL_REAL_CHARS + 8];
    memset(text, 'x', sizeof text);
    size_t n = pl_format_real(x, text);
    assert_true(n > 0 && n < PL_REAL_CHARS);
    assert_int_equal(strlen(text), n);
    if (strtod(text, NULL) != x || signbit(strtod(text, NULL)) != signbit(x))
        fail_msg("%.17g printed as %s", x, text);
    char oracle[64];
    int p = 1;
    for (; p <= 17; p++) {
        snprintf(oracle, sizeof oracle, "%.*g", p, x);
        if (strtod(oracle, NULL) == x)
            break;
    }
    char mine[32], theirs[32];
    significant(text, mine);
    significant(oracle, theirs);
    if (strlen(mine) > strlen(theirs))
        fail_msg("%.17g: %s is longer than %s", x, text, oracle);
    if (strlen(mine) < strlen(theirs))
        fewer++;
    else if (strcmp(mine, theirs) != 0)
        fail_msg("%.17g: %s has other digits than %s", x, text, oracle);
}

static void test_known_texts(void **state)
{
    (void)state;
    static const struct {
        double value;
        const char *text;
    } cases[] = {
        {0.35, "0.35"},
        {0.1 + 0.2, "0.30000000000000004"},
        {3.0, "3"},
        {-0.0, "-0"},
        {1e-7, "1e-07"},
        {0.0001, "0.0001"},
        {0.00001, "1e-05"},
        {1e15, "1000000000000000"},
        {-123456789012345.6, "-123456789012345.6"},
        {123456.75, "123456.75"},
        {1e16, "1e+16"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {-2.2250738585072014e-308, "-2.2250738585072014e-308"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[PL_REAL_CHARS];
        pl_format_real(cases[k].value, text);
        assert_string_equal(text, cases[k].text);
    }
    char text[PL_REAL_CHARS];
    pl_format_real(NAN, text);
    assert_string_equal(text, "nan");
    pl_format_real(-INFINITY, text);
    assert_string_equal(text, "-inf");
}

/* As a JSON number that reads back as a real. */
static void test_json_texts(void **state)
{
    (void)state;
    static const struct {
        double value;
        const char *text;
    } cases[] = {
        {0.35, "0.35"},
        {3.0, "3.0"},
        {-0.0, "-0.0"},
        {1e15, "1000000000000000.0"},
        {1e16, "1e+16"},
        {1e-7, "1e-07"},
        {NAN, "null"},
        {INFINITY, "null"},
        {-INFINITY, "null"},
        {-2.2250738585072014e-308, "-2.2250738585072014e-308"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[PL_REAL_CHARS];
        size_t n = pl_format_json_real(cases[k].value, text);
        assert_string_equal(text, cases[k].text);
        assert_int_equal(n, strlen(cases[k].text));
    }
}

/* Doubles of every exponent (random bit patterns) and short decimals (k / 10^d). */
static void test_shortest_round_trip(void **state)
{
    (void)state;
    uint64_t s = 0x9E3779B97F4A7C15u;
    fewer = 0;
    for (int k = 0; k < 100000; k++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17; /* xorshift64, Marsaglia 2003 */
        double x;
        if (k % 2 == 0) {
            uint64_t bits = s;
            memcpy(&x, &bits, sizeof x);
            if (!isfinite(x))
                continue;
        } else {
            static const double scale[] = {1, 10, 100, 1000, 1e4, 1e6, 1e9};
            x = (double)(s % 2000001) / scale[(s >> 32) % 7] - (double)((s >> 40) % 3);
        }
        check(x);
    }
    for (int e = -1074; e <= 1023; e++) /* powers of two: the asymmetric gaps */
        check(ldexp(1.0, e));
    assert_true(fewer < 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_texts),
        cmocka_unit_test(test_json_texts),
        cmocka_unit_test(test_shortest_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
