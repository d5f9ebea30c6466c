/*
 * safe_text.c - names from input files shown without letting them drive a
 * terminal or reorder what follows them (safe_text.h).
 *
 * Two hazards: control characters (ESC starts terminal escape sequences, for
 * example OSC "ESC ] 0 ; title BEL" retitles the window; the C1 range
 * U+0080-U+009F holds CSI and OSC too) and the explicit bidirectional
 * formatting characters of Unicode's bidi algorithm (UAX #9, section 2:
 * LRE, RLE, PDF, LRO, RLO U+202A-U+202E; LRI, RLI, FSI, PDI U+2066-U+2069).
 * An override or isolate that its text never closes reverses everything
 * after it on the line ("Trojan Source", Boucher and Anderson, 2021,
 * CVE-2021-42574). Paired controls stay: they are how right-to-left names
 * are written; unpaired ones are shown as \uXXXX.
 */
#include "safe_text.h"

#include <stdio.h>
#include <string.h>

enum { BIDI_NONE, BIDI_EMBED, BIDI_PDF, BIDI_ISOLATE, BIDI_PDI };

/* The bidi control at p (3 bytes of UTF-8), if any. */
static int bidi_kind(const unsigned char *p, size_t left)
{
    if (left < 3 || p[0] != 0xE2)
        return BIDI_NONE;
    if (p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
        return p[2] == 0xAC ? BIDI_PDF : BIDI_EMBED;
    if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
        return p[2] == 0xA9 ? BIDI_PDI : BIDI_ISOLATE;
    return BIDI_NONE;
}

/* UAX #9's max_depth: deeper nesting is not honoured by the algorithm either. */
#define MAX_DEPTH 125
#define MAX_UNPAIRED 128

typedef struct line_bidi {
    size_t unpaired[MAX_UNPAIRED]; /* offsets of unpaired controls, ascending */
    size_t n;
    int all;                       /* too many to list: every control is escaped */
} line_bidi;

static void mark(line_bidi *b, size_t offset)
{
    if (b->n < MAX_UNPAIRED)
        b->unpaired[b->n++] = offset;
    else
        b->all = 1;
}

/*
 * The unpaired controls of one line: a PDF closes the innermost open
 * embedding or override, a PDI the innermost open isolate (and with it any
 * embedding opened inside that isolate, as UAX #9 rule X6a does).
 */
static void pair_line(const unsigned char *text, size_t size, line_bidi *b)
{
    size_t open[MAX_DEPTH];
    int kind[MAX_DEPTH];
    size_t depth = 0;
    b->n = 0;
    b->all = 0;
    for (size_t k = 0; k < size; k++) {
        int what = bidi_kind(text + k, size - k);
        if (what == BIDI_EMBED || what == BIDI_ISOLATE) {
            if (depth == MAX_DEPTH) {
                b->all = 1;
                return;
            }
            open[depth] = k;
            kind[depth++] = what;
        } else if (what == BIDI_PDF) {
            if (depth > 0 && kind[depth - 1] == BIDI_EMBED)
                depth--;
            else
                mark(b, k);
        } else if (what == BIDI_PDI) {
            size_t d = depth;
            while (d > 0 && kind[d - 1] != BIDI_ISOLATE)
                d--;
            if (d == 0)
                mark(b, k);
            else
                depth = d - 1;
        }
    }
    /* Still open at the end of the line: unpaired. Listed in ascending order after the
     * closers found so far, so sort by insertion (few elements). */
    for (size_t d = 0; d < depth; d++)
        mark(b, open[d]);
    for (size_t i = 1; i < b->n; i++)
        for (size_t j = i; j > 0 && b->unpaired[j - 1] > b->unpaired[j]; j--) {
            size_t t = b->unpaired[j];
            b->unpaired[j] = b->unpaired[j - 1];
            b->unpaired[j - 1] = t;
        }
}

static int is_unpaired(const line_bidi *b, size_t offset)
{
    if (b->all)
        return 1;
    for (size_t k = 0; k < b->n; k++)
        if (b->unpaired[k] == offset)
            return 1;
    return 0;
}

void cli_safe_text(const char *text, size_t size, int keep_line_ends, cli_text_sink sink,
                   void *payload)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t line_start = 0, plain = 0;
    line_bidi bidi;
    const unsigned char *first_end = keep_line_ends ? memchr(p, '\n', size) : NULL;
    pair_line(p, first_end ? (size_t)(first_end - p) : size, &bidi); /* redone per line */
    char escape[16];
    for (size_t k = 0; k < size;) {
        unsigned char c = p[k];
        size_t length = 0;
        int bad = 0;
        if (c == '\n' && keep_line_ends) {
            k++;
            const unsigned char *next = memchr(p + k, '\n', size - k);
            line_start = k;
            pair_line(p + k, next ? (size_t)(next - (p + k)) : size - k, &bidi);
            continue;
        }
        if ((c < 0x20 && !(c == '\t' && keep_line_ends)) || c == 0x7F) {
            snprintf(escape, sizeof escape, "\\x%02x", c);
            length = 1;
            bad = 1;
        } else if (c == 0xC2 && k + 1 < size && p[k + 1] >= 0x80 && p[k + 1] <= 0x9F) {
            snprintf(escape, sizeof escape, "\\u%04x", p[k + 1]); /* a C1 control */
            length = 2;
            bad = 1;
        } else if (bidi_kind(p + k, size - k) != BIDI_NONE) {
            length = 3;
            if (is_unpaired(&bidi, k - line_start)) {
                unsigned code = ((p[k] & 0x0Fu) << 12) | ((p[k + 1] & 0x3Fu) << 6) |
                                (p[k + 2] & 0x3Fu);
                snprintf(escape, sizeof escape, "\\u%04x", code);
                bad = 1;
            }
        } else {
            length = 1;
        }
        if (bad) {
            if (k > plain)
                sink(payload, text + plain, k - plain);
            sink(payload, escape, strlen(escape));
            plain = k + length;
        }
        k += length;
    }
    if (size > plain)
        sink(payload, text + plain, size - plain);
}

int cli_text_is_safe(const char *text, size_t size)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t k = 0; k < size; k++)
        if ((p[k] < 0x20 && p[k] != '\n' && p[k] != '\t') || p[k] == 0x7F ||
            (p[k] == 0xC2 && k + 1 < size && p[k + 1] >= 0x80 && p[k + 1] <= 0x9F) ||
            bidi_kind(p + k, size - k) != BIDI_NONE)
            return 0;
    return 1;
}

static void file_sink(void *payload, const char *text, size_t size)
{
    fwrite(text, 1, size, (FILE *)payload);
}

void cli_safe_fputs(const char *text, FILE *out)
{
    cli_safe_text(text, strlen(text), 1, file_sink, out);
}
