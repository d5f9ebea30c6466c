/*
 * svg.c - the text buffer behind parley's SVG and HTML output: exact,
 * locale-independent numbers and XML escaping (svg.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"
#include "safe_text.h"

void cli_svg_init(cli_svg *svg)
{
    svg->data = NULL;
    svg->size = 0;
    svg->capacity = 0;
    svg->failed = 0;
}

void cli_svg_free(cli_svg *svg)
{
    free(svg->data);
    cli_svg_init(svg);
}

int cli_svg_reserve(cli_svg *svg, size_t more)
{
    if (svg->failed)
        return 0;
    if (svg->size + more + 1 <= svg->capacity)
        return 1;
    size_t capacity = svg->capacity ? svg->capacity : 4096;
    while (capacity < svg->size + more + 1)
        capacity *= 2;
    char *data = realloc(svg->data, capacity);
    if (data == NULL) {
        svg->failed = 1;
        return 0;
    }
    svg->data = data;
    svg->capacity = capacity;
    return 1;
}

void cli_svg_raw_n(cli_svg *svg, const char *text, size_t size)
{
    if (!cli_svg_reserve(svg, size))
        return;
    memcpy(svg->data + svg->size, text, size);
    svg->size += size;
    svg->data[svg->size] = '\0';
}

void cli_svg_raw(cli_svg *svg, const char *text)
{
    cli_svg_raw_n(svg, text, strlen(text));
}

/* XML-escape `size` bytes: & < > " ' as entities, "://" as "&#58;//", control characters
 * other than tab and newline dropped. */
static void escape_xml(void *payload, const char *text, size_t size)
{
    cli_svg *svg = payload;
    for (const char *p = text; p < text + size; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '&': cli_svg_raw(svg, "&amp;"); break;
        case '<': cli_svg_raw(svg, "&lt;"); break;
        case '>': cli_svg_raw(svg, "&gt;"); break;
        case '"': cli_svg_raw(svg, "&quot;"); break;
        case '\'': cli_svg_raw(svg, "&#39;"); break;
        case ':':
            cli_svg_raw(svg, p + 2 < text + size && p[1] == '/' && p[2] == '/' ? "&#58;" : ":");
            break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n')
                cli_svg_raw_n(svg, p, 1);
            break;
        }
    }
}

void cli_svg_text(cli_svg *svg, const char *text)
{
    text = text ? text : "";
    size_t size = strlen(text);
    /* Control characters and unpaired bidi controls of input names are shown, not obeyed
     * (safe_text.h): an open right-to-left override would reverse the rest of the line. */
    if (cli_text_is_safe(text, size))
        escape_xml(svg, text, size);
    else
        cli_safe_text(text, size, 1, escape_xml, svg);
}

const char *cli_format_number(double value, int decimals, char *buffer, size_t size)
{
    static const long long scales[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(value) || fabs(value) > 1e12)
        value = 0;
    long long scaled = llround(value * (double)scales[decimals]);
    int negative = scaled < 0;
    unsigned long long magnitude = (unsigned long long)(negative ? -scaled : scaled);
    char digits[48];
    size_t n = 0;
    /* The digits from the last: the decimals (trailing zeros dropped), then the integer. */
    int started = 0;
    for (int k = 0; k < decimals; k++) {
        unsigned digit = (unsigned)(magnitude % 10);
        magnitude /= 10;
        if (digit != 0 || started) {
            digits[n++] = (char)('0' + digit);
            started = 1;
        }
    }
    if (started)
        digits[n++] = '.';
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (negative && !(n == 1 && digits[0] == '0'))
        digits[n++] = '-';
    size_t k = 0;
    for (; k < n && k + 1 < size; k++)
        buffer[k] = digits[n - 1 - k];
    if (size > 0)
        buffer[k] = '\0';
    return buffer;
}

void cli_svg_number(cli_svg *svg, double value, int decimals)
{
    char buffer[48];
    cli_svg_raw(svg, cli_format_number(value, decimals, buffer, sizeof buffer));
}

void cli_svg_vput(cli_svg *svg, const char *format, va_list args)
{
    const char *p = format;
    while (*p) {
        const char *percent = strchr(p, '%');
        if (percent == NULL) {
            cli_svg_raw(svg, p);
            return;
        }
        cli_svg_raw_n(svg, p, (size_t)(percent - p));
        char buffer[48];
        switch (percent[1]) {
        case 'n': cli_svg_number(svg, va_arg(args, double), 2); break;
        case 'p': cli_svg_number(svg, va_arg(args, double), 1); break;
        case 'd': cli_svg_number(svg, (double)va_arg(args, int), 0); break;
        case 'z':
            cli_svg_raw(svg, cli_format_number((double)va_arg(args, size_t), 0, buffer,
                                               sizeof buffer));
            break;
        case 's': cli_svg_text(svg, va_arg(args, const char *)); break;
        case 'r': cli_svg_raw(svg, va_arg(args, const char *)); break;
        case '%': cli_svg_raw(svg, "%"); break;
        default: cli_svg_raw_n(svg, percent, percent[1] ? 2 : 1); break;
        }
        p = percent + (percent[1] ? 2 : 1);
    }
}

void cli_svg_put(cli_svg *svg, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    cli_svg_vput(svg, format, args);
    va_end(args);
}

char *cli_svg_take(cli_svg *svg, size_t *size_out)
{
    char *data = svg->failed ? NULL : svg->data;
    if (data == NULL && !svg->failed) {
        data = calloc(1, 1);
    }
    if (svg->failed)
        free(svg->data);
    if (size_out)
        *size_out = data ? svg->size : 0;
    cli_svg_init(svg);
    return data;
}
