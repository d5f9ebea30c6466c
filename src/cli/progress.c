/*
 * progress.c - the CLI's progress bar on stderr (progress.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define BAR_WIDTH 30
#define REDRAW_SECONDS 0.1

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void cli_progress_begin(cli_progress *p, const char *label, int quiet)
{
    p->label = label ? label : "";
    p->enabled = !quiet && isatty(fileno(stderr));
    p->shown = 0;
    p->start = now();
    p->last_draw = 0;
    p->low = 0;
    p->high = 1;
    p->cancel = 0;
}

void cli_progress_span(cli_progress *p, double low, double high)
{
    p->low = low;
    p->high = high;
}

static cli_progress *attached;

void cli_progress_attach(cli_progress *p)
{
    attached = p;
}

cli_progress *cli_progress_attached(void)
{
    return attached;
}

static void format_seconds(char *text, size_t size, double seconds)
{
    if (!isfinite(seconds) || seconds < 0)
        snprintf(text, size, "?");
    else if (seconds < 60)
        snprintf(text, size, "%ds", (int)ceil(seconds));
    else if (seconds < 3600)
        snprintf(text, size, "%dm%02ds", (int)(seconds / 60), (int)fmod(seconds, 60));
    else
        snprintf(text, size, "%dh%02dm", (int)(seconds / 3600), (int)fmod(seconds / 60, 60));
}

void cli_progress_format(char *line, size_t size, const char *label, double fraction,
                         double elapsed, int width)
{
    if (!(fraction >= 0))
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    char bar[BAR_WIDTH + 1];
    int filled = (int)(fraction * BAR_WIDTH);
    for (int k = 0; k < BAR_WIDTH; k++)
        bar[k] = k < filled ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    double rate = elapsed > 0 ? 100 * fraction / elapsed : 0;
    char left[32];
    format_seconds(left, sizeof left, fraction > 0 ? elapsed * (1 - fraction) / fraction : -1);
    snprintf(line, size, "%s [%s] %3d%%  %.1f%%/s  %s left", label, bar,
             (int)floor(100 * fraction), rate, left);
    if (width > 0 && strlen(line) > (size_t)width && (size_t)width < size)
        line[width] = '\0';
}

int cli_progress_update(double fraction, void *payload)
{
    cli_progress *p = payload;
    if (p->enabled) {
        double t = now();
        if (t - p->start >= CLI_PROGRESS_DELAY && t - p->last_draw >= REDRAW_SECONDS) {
            char line[160];
            double shown = p->low + (p->high - p->low) * fraction;
            cli_progress_format(line, sizeof line, p->label, shown, t - p->start, 79);
            fprintf(stderr, "\r%-79s", line);
            fflush(stderr);
            p->shown = 1;
            p->last_draw = t;
        }
    }
    return p->cancel != 0;
}

void cli_progress_end(cli_progress *p)
{
    if (p->shown) {
        fprintf(stderr, "\r%79s\r", "");
        fflush(stderr);
    }
    p->shown = 0;
}
