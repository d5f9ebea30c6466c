/*
 * chart_common.c - what every chart of a report shares: colours, the frame
 * with its title, the caveat block, wrapped text, model markers, and the
 * list of charts a report draws (chart.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"

const char *cli_chart_actor_colour(size_t actor)
{
    /* Okabe and Ito (2008), "Color universal design", without yellow (too pale on white). */
    static const char *const palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                          "#E69F00", "#56B4E9", "#000000", "#8C6D31"};
    return palette[actor % (sizeof palette / sizeof palette[0])];
}

const char *cli_chart_verdict_colour(pl_verdict verdict)
{
    switch (verdict) {
    case PL_VERDICT_ACCEPTABLE: return "#1A9850";
    case PL_VERDICT_CRITICAL: return "#FEE08B";
    case PL_VERDICT_NEGATIVE: return "#F46D43";
    case PL_VERDICT_UNACCEPTABLE: return "#A50026";
    default: return "#E0E0E0";
    }
}

void cli_chart_begin(cli_svg *svg, double width, double height, const char *title,
                     const char *subtitle)
{
    cli_svg_put(svg,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%n\" height=\"%n\" "
                "viewBox=\"0 0 %n %n\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" "
                "font-size=\"12\" role=\"img\">\n<title>%s</title>\n",
                width, height, width, height, title);
    cli_svg_put(svg, "<rect width=\"%n\" height=\"%n\" fill=\"#FFFFFF\"/>\n", width, height);
    cli_svg_put(svg, "<text x=\"%d\" y=\"26\" font-size=\"17\" font-weight=\"bold\">%s</text>\n",
                CHART_MARGIN, title);
    if (subtitle)
        cli_svg_put(svg, "<text x=\"%d\" y=\"45\" fill=\"#555555\">%s</text>\n", CHART_MARGIN,
                    subtitle);
}

void cli_chart_end(cli_svg *svg)
{
    cli_svg_raw(svg, "</svg>\n");
}

/* Characters per line of 11-pixel text in `width` pixels, conservatively. */
static size_t chars_per_line(double width, double pixels_per_char)
{
    double n = (width - 2 * CHART_MARGIN) / pixels_per_char;
    return n < 20 ? 20 : (size_t)n;
}

size_t cli_chart_wrap(const char *text, size_t max_chars,
                      void (*line)(const char *, size_t, size_t, void *), void *payload)
{
    size_t count = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        size_t length = strlen(p), cut = length;
        if (length > max_chars) {
            cut = max_chars;
            while (cut > 0 && p[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = max_chars;
        }
        if (line)
            line(p, cut, count, payload);
        count++;
        p += cut;
    }
    return count;
}

typedef struct text_block {
    cli_svg *svg;
    double x, y, step;
    const char *attributes;
} text_block;

static void draw_line(const char *text, size_t length, size_t index, void *payload)
{
    text_block *b = payload;
    char *copy = malloc(length + 1);
    if (copy == NULL) {
        b->svg->failed = 1;
        return;
    }
    memcpy(copy, text, length);
    copy[length] = '\0';
    cli_svg_put(b->svg, "<text x=\"%n\" y=\"%n\" %r>%s</text>\n", b->x,
                b->y + b->step * (double)index, b->attributes, copy);
    free(copy);
}

size_t cli_chart_text_block(cli_svg *svg, const char *text, double x, double y, double step,
                            size_t max_chars, const char *attributes)
{
    text_block b = {svg, x, y, step, attributes ? attributes : ""};
    return cli_chart_wrap(text, max_chars, draw_line, &b);
}

/* The caveats as one paragraph: "Caveats: first. second. ..." */
static char *caveat_text(const pl_scenario *s)
{
    const pl_provenance *p = &s->provenance;
    size_t length = 96;
    for (size_t k = 0; k < p->n_caveats; k++)
        length += strlen(p->caveats[k]) + 1;
    char *text = malloc(length);
    if (text == NULL)
        return NULL;
    if (p->n_caveats == 0) {
        strcpy(text, "Caveat: the scenario gives none; its numbers are shown as given.");
        return text;
    }
    strcpy(text, p->n_caveats == 1 ? "Caveat:" : "Caveats:");
    for (size_t k = 0; k < p->n_caveats; k++) {
        strcat(text, " ");
        strcat(text, p->caveats[k]);
    }
    return text;
}

#define CAVEAT_STEP 14.0
#define CAVEAT_CHAR 6.0

double cli_chart_caveat_height(const pl_scenario *s, double width)
{
    char *text = caveat_text(s);
    size_t lines = text ? cli_chart_wrap(text, chars_per_line(width, CAVEAT_CHAR), NULL, NULL)
                        : 1;
    free(text);
    return 12 + CAVEAT_STEP * (double)lines;
}

void cli_chart_caveat(cli_svg *svg, const pl_scenario *s, double y, double width)
{
    char *text = caveat_text(s);
    if (text == NULL) {
        svg->failed = 1;
        return;
    }
    cli_svg_put(svg, "<line x1=\"%d\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"#BBBBBB\"/>\n",
                CHART_MARGIN, y, width - CHART_MARGIN, y);
    cli_chart_text_block(svg, text, CHART_MARGIN, y + 14, CAVEAT_STEP,
                         chars_per_line(width, CAVEAT_CHAR),
                         "font-size=\"10.5\" font-style=\"italic\" fill=\"#444444\"");
    free(text);
}

void cli_chart_model_marker(cli_svg *svg, pl_model model, double x, double y)
{
    const char *style = "fill=\"#222222\" stroke=\"#FFFFFF\" stroke-width=\"0.8\"";
    switch (model) {
    case PL_MODEL_COMPROMISE:
        cli_svg_put(svg, "<path d=\"M%n %nl5 5l-5 5l-5 -5z\" %r/>\n", x, y - 5, style);
        break;
    case PL_MODEL_MEDIAN:
        cli_svg_put(svg, "<path d=\"M%n %nl5 9h-10z\" %r/>\n", x, y - 5, style);
        break;
    case PL_MODEL_EU:
        cli_svg_put(svg, "<rect x=\"%n\" y=\"%n\" width=\"9\" height=\"9\" %r/>\n", x - 4.5,
                    y - 4.5, style);
        break;
    case PL_MODEL_EXCHANGE:
        cli_svg_put(svg, "<path d=\"M%n %nl5 -9h-10z\" %r/>\n", x, y + 5, style);
        break;
    default:
        cli_svg_put(svg,
                    "<circle cx=\"%n\" cy=\"%n\" r=\"4\" fill=\"#FFFFFF\" stroke=\"#222222\" "
                    "stroke-width=\"2\"/>\n",
                    x, y);
        break;
    }
}

static int all_placed(const pl_issue *issue)
{
    for (size_t k = 0; k < issue->n_options; k++)
        if (!issue->options[k].has_position)
            return 0;
    return issue->n_options > 0;
}

double cli_chart_issue_x(const pl_scenario *s, size_t issue, double value, double x0, double x1)
{
    const pl_issue *is = &s->issues[issue];
    double low = is->low, high = is->high, t;
    if (is->kind == PL_ISSUE_OPTIONS) {
        size_t k = value < 0 ? 0 : (size_t)value;
        if (k >= is->n_options)
            k = is->n_options ? is->n_options - 1 : 0;
        if (all_placed(is) && high > low)
            t = (is->options[k].position - low) / (high - low);
        else
            t = is->n_options ? ((double)k + 0.5) / (double)is->n_options : 0.5;
    } else {
        t = high > low ? (value - low) / (high - low) : 0.5;
    }
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    return x0 + t * (x1 - x0);
}

void cli_chart_safe_name(const char *id, char *buffer, size_t size)
{
    size_t k = 0;
    for (const char *p = id ? id : "x"; *p && k + 1 < size; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_';
        buffer[k++] = ok ? c : '_';
    }
    if (size > 0)
        buffer[k] = '\0';
}

const char *cli_chart_clip(const char *text, size_t max_chars, char *buffer, size_t size)
{
    size_t k = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (*p && size > 4) {
        size_t length = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        if (chars == max_chars || k + length + 4 > size) {
            memcpy(buffer + k, "\xe2\x80\xa6", 3); /* an ellipsis */
            k += 3;
            break;
        }
        for (size_t j = 0; j < length && p[j]; j++)
            buffer[k++] = (char)p[j];
        p += length;
        chars++;
    }
    if (size > 0)
        buffer[k < size ? k : size - 1] = '\0';
    return buffer;
}

void cli_chart_finish(cli_svg *svg, cli_svg *inner, const pl_scenario *s, double y,
                      const char *title, const char *subtitle)
{
    cli_chart_begin(svg, CHART_WIDTH, y + cli_chart_caveat_height(s, CHART_WIDTH), title,
                    subtitle);
    cli_svg_raw_n(svg, inner->data ? inner->data : "", inner->size);
    svg->failed |= inner->failed;
    cli_svg_free(inner);
    cli_chart_caveat(svg, s, y, CHART_WIDTH);
    cli_chart_end(svg);
}

double cli_chart_number(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *cli_chart_whole(const json_t *o, const char *key, char *buffer, size_t size)
{
    /* A document may hold any number here (NaN, 1e300): printed, never cast to int. */
    double v = cli_chart_number(o, key);
    snprintf(buffer, size, isfinite(v) ? "%.0f" : "?", v);
    return buffer;
}

const char *cli_chart_text(const json_t *o, const char *key, const char *fallback)
{
    const char *t = json_string_value(json_object_get(o, key));
    return t ? t : fallback;
}

const char *cli_chart_actor(const pl_scenario *s, size_t actor, char *out, size_t size)
{
    const char **ids = cli_actor_ids(s);
    cli_fit_among(NULL, s->actors[actor].id, ids, ids ? s->n_actors : 0, CLI_CHART_ACTOR_WIDTH,
                  out, size);
    free((void *)ids);
    return out;
}

const char *cli_chart_issue(const pl_scenario *s, size_t issue, char *out, size_t size)
{
    const char **ids = cli_issue_ids(s);
    cli_fit_among(NULL, s->issues[issue].id, ids, ids ? s->n_issues : 0, CLI_CHART_ISSUE_WIDTH,
                  out, size);
    free((void *)ids);
    return out;
}
