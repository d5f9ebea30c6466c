/*
 * text_names.c - one rule for names too long for their place (issue #15):
 * text tables and SVG charts show the name shortened in the middle, its start
 * and its end kept ("Airpor~util1"), so that names sharing a long prefix, as
 * the profiles of one GENIUS domain do, stay apart; a legend gives each
 * shortened name in full. Two names that would still look alike get a number
 * instead of their end ("Airpor~2").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Back up to the start of a UTF-8 character (never cut one in two). */
static size_t char_start(const char *text, size_t k)
{
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* `name` in at most `width` bytes: its start, '~', its last `tail` bytes. */
static void cut(const char *name, size_t width, size_t tail, char *out, size_t size)
{
    size_t n = strlen(name);
    if (width < 3 || size < width + 1 || tail + 2 > width) {
        snprintf(out, size, "%.*s", (int)(width < size ? width : size - 1), name);
        return;
    }
    size_t head = char_start(name, width - 1 - tail), from = n - tail;
    while (from < n && ((unsigned char)name[from] & 0xC0) == 0x80)
        from++;
    snprintf(out, size, "%.*s~%s", (int)head, name, name + from);
}

static void middle_cut(const char *name, size_t width, char *out, size_t size)
{
    cut(name, width, (width - 1) / 2, out, size);
}

/* The index of `text` among the shown (or, with `full`, the full) names; n if absent. */
static size_t find(const cli_names *names, const char *text, int full)
{
    for (size_t k = 0; k < names->n; k++)
        if (strcmp(full ? names->full[k] : names->shown[k], text) == 0)
            return k;
    return names->n;
}

static void remember(cli_names *names, const char *shown, const char *full)
{
    if (names->n == names->capacity) {
        size_t capacity = names->capacity ? 2 * names->capacity : 8;
        char **s = realloc(names->shown, capacity * sizeof *s);
        if (s == NULL)
            return; /* the legend loses a line, the table stays right */
        names->shown = s;
        char **f = realloc(names->full, capacity * sizeof *f);
        if (f == NULL)
            return;
        names->full = f;
        names->capacity = capacity;
    }
    char *a = strdup(shown), *b = strdup(full);
    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        return;
    }
    names->shown[names->n] = a;
    names->full[names->n++] = b;
}

/* `shown` (name cut to fit) into the legend: the same name shows the same way; alike: numbered. */
static const char *settle(cli_names *names, const char *name, size_t width, char *out,
                          size_t size)
{
    size_t k = names ? find(names, name, 1) : 0;
    if (names && k < names->n) {
        snprintf(out, size, "%s", names->shown[k]);
        return out;
    }
    if (names && find(names, out, 0) < names->n) { /* alike after cutting: number it */
        char number[24], head[256];
        int digits = snprintf(number, sizeof number, "%zu", names->n + 1);
        middle_cut(name, width - (size_t)digits, head, sizeof head);
        char *tilde = strchr(head, '~');
        if (tilde != NULL)
            *tilde = '\0';
        snprintf(out, size, "%s~%s", head, number);
    }
    if (names)
        remember(names, out, name);
    return out;
}

const char *cli_fit(cli_names *names, const char *name, size_t width, char *out, size_t size)
{
    if (name == NULL)
        name = "";
    if (strlen(name) <= width) {
        snprintf(out, size, "%s", name);
        return out;
    }
    middle_cut(name, width, out, size);
    return settle(names, name, width, out, size);
}

/* Nonzero when `name` cut with `tail` looks like no other long name of `set` cut alike. */
static int apart(const char *name, const char *const *set, size_t n, size_t width, size_t tail)
{
    char mine[256], other[256];
    cut(name, width, tail, mine, sizeof mine);
    for (size_t j = 0; j < n; j++) {
        if (set[j] == NULL || strcmp(set[j], name) == 0 || strlen(set[j]) <= width)
            continue;
        cut(set[j], width, tail, other, sizeof other);
        if (strcmp(mine, other) == 0)
            return 0;
    }
    return 1;
}

const char *cli_fit_among(cli_names *names, const char *name, const char *const *set, size_t n,
                          size_t width, char *out, size_t size)
{
    if (name == NULL)
        name = "";
    if (strlen(name) <= width || width < 4 || width > 250 || set == NULL)
        return cli_fit(names, name, width, out, size);
    /* the most balanced cut that tells this name from the others of its set */
    size_t middle = (width - 1) / 2;
    for (size_t d = 0; d <= middle; d++)
        for (int side = -1; side <= 1; side += 2) {
            size_t tail = side < 0 ? middle - d : middle + d;
            if (tail < 1 || tail + 2 > width || (d == 0 && side > 0))
                continue;
            if (apart(name, set, n, width, tail)) {
                cut(name, width, tail, out, size);
                return settle(names, name, width, out, size);
            }
        }
    middle_cut(name, width, out, size);
    return settle(names, name, width, out, size);
}

void cli_names_print(FILE *out, const cli_names *names)
{
    if (names->n == 0)
        return;
    fprintf(out, "  Names shortened above (~), in full:\n");
    for (size_t k = 0; k < names->n; k++) {
        char line[CLI_WIDTH * 8];
        snprintf(line, sizeof line, "%s = %s", names->shown[k], names->full[k]);
        cli_wrap(out, line, 8, 4);
    }
}

void cli_names_free(cli_names *names)
{
    for (size_t k = 0; k < names->n; k++) {
        free(names->shown[k]);
        free(names->full[k]);
    }
    free(names->shown);
    free(names->full);
    memset(names, 0, sizeof *names);
}

const char **cli_actor_ids(const pl_scenario *s)
{
    const char **ids = malloc((s->n_actors + 1) * sizeof *ids);
    for (size_t a = 0; ids != NULL && a < s->n_actors; a++)
        ids[a] = s->actors[a].id;
    return ids;
}

const char **cli_issue_ids(const pl_scenario *s)
{
    const char **ids = malloc((s->n_issues + 1) * sizeof *ids);
    for (size_t i = 0; ids != NULL && i < s->n_issues; i++)
        ids[i] = s->issues[i].id;
    return ids;
}
