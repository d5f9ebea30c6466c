/*
 * text_number.c - numbers as people read them in the text reports: plain
 * decimals, never an exponent below 1e9 (issue #15: 19000 printed as 1.9e+04).
 * Text only: JSON keeps every digit (pl_format_real, jansson).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Drop trailing zeros after a decimal point, and the point itself. */
static void trim_zeros(char *text)
{
    if (strchr(text, '.') == NULL)
        return;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '0')
        text[--n] = '\0';
    if (n > 0 && text[n - 1] == '.')
        text[--n] = '\0';
}

const char *cli_number(double value, int digits, char out[CLI_NUMBER_CHARS])
{
    double magnitude = fabs(value);
    if (isnan(value)) {
        snprintf(out, CLI_NUMBER_CHARS, "-");
        return out;
    }
    if (!isfinite(value) || magnitude >= 1e9) { /* from a billion, the exponent reads better */
        snprintf(out, CLI_NUMBER_CHARS, "%.*g", digits, value);
        return out;
    }
    /* `digits` significant digits, but every digit of the integer part (19000, not 1.9e4). */
    int decimals = magnitude > 0 ? digits - 1 - (int)floor(log10(magnitude)) : 0;
    decimals = decimals < 0 ? 0 : decimals > 12 ? 12 : decimals;
    snprintf(out, CLI_NUMBER_CHARS, "%.*f", decimals, value);
    trim_zeros(out);
    if (strcmp(out, "-0") == 0) /* a tiny negative value rounds to 0, not -0 */
        snprintf(out, CLI_NUMBER_CHARS, "0");
    return out;
}
