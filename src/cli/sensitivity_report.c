/*
 * sensitivity_report.c - the HTML report of `parley sensitivity --report`
 * (sensitivity_report.h). It reuses the page shell of `parley run --report`
 * so that both reports look alike, and holds no script and no external URL.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report_html.h"
#include "sensitivity_report.h"

/* An index and its interval: "0.76 [0.71, 0.81]"; "-" where undefined (no variance). */
static void index_cell(cli_svg *h, double value, double low, double high)
{
    cli_svg_raw(h, "<td>");
    if (isnan(value))
        cli_svg_raw(h, "-");
    else
        cli_svg_number(h, value, 4);
    cli_svg_raw(h, "</td><td>");
    if (isnan(low) || isnan(high))
        cli_svg_raw(h, "-");
    else {
        cli_svg_raw(h, "[");
        cli_svg_number(h, low, 3);
        cli_svg_raw(h, ", ");
        cli_svg_number(h, high, 3);
        cli_svg_raw(h, "]");
    }
    cli_svg_raw(h, "</td>");
}

static void settings(cli_svg *h, const cli_sensitivity_page *p)
{
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", p->seed);
    cli_svg_put(h, "<section id=\"question\">\n<h2>Which judgements matter</h2>\n"
                   "<p>The question: <strong>%s</strong>. First-order and total Sobol indices "
                   "of it with respect to each %r (Saltelli 2010, Jansen 1999).</p>\n",
                p->output, p->vary ? "--vary range" : "uncertainty group of the scenario");
    cli_svg_put(h, "<p class=\"meta\">Settings: %z samples of Saltelli's design (%z model "
                   "runs), seed %r", p->samples, p->samples * (p->k + 2), seed);
    if (p->bootstrap > 0)
        cli_svg_put(h, ", %z bootstrap resamples for the 95%% intervals.</p>\n", p->bootstrap);
    else
        cli_svg_raw(h, ", no bootstrap (no intervals).</p>\n");
    cli_svg_raw(h, "</section>\n");
}

static void table(cli_svg *h, const cli_sensitivity_page *p)
{
    cli_svg_put(h, "<section id=\"indices\">\n<h2>Indices</h2>\n<table>\n<tr><th>%r</th>"
                   "<th>first order</th><th>95%% interval</th><th>total</th>"
                   "<th>95%% interval</th></tr>\n",
                p->vary ? "factor (--vary)" : "uncertainty group");
    for (size_t f = 0; f < p->k; f++) {
        const pl_sobol_index *x = &p->index[f];
        cli_svg_put(h, "<tr><td>%s</td>", p->names[f]);
        index_cell(h, x->first_order, x->first_order_low, x->first_order_high);
        index_cell(h, x->total, x->total_low, x->total_high);
        cli_svg_raw(h, "</tr>\n");
    }
    cli_svg_raw(h, "</table>\n");
    if (p->k > 0 && isnan(p->index[0].first_order))
        cli_svg_put(h, "<p>%s does not vary over these samples: there is no variance to "
                       "apportion.</p>\n", p->output);
    cli_svg_raw(h, "<p>First order: the share of the variance a factor explains alone; "
                   "total: with its interactions. The inputs are analyst judgements.</p>\n"
                   "</section>\n");
}

char *cli_sensitivity_html(const cli_sensitivity_page *p, size_t *size_out)
{
    cli_svg h;
    cli_svg_init(&h);
    cli_report_html_head(&h, p->scenario);
    settings(&h, p);
    cli_svg_raw(&h, "<figure id=\"judgements.svg\">\n");
    cli_svg_raw_n(&h, p->svg, p->svg_size);
    cli_svg_raw(&h, "</figure>\n");
    table(&h, p);
    cli_report_html_caveats(&h, p->scenario);
    cli_svg_raw(&h, "</body>\n</html>\n");
    return cli_svg_take(&h, size_out);
}
