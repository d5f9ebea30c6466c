/*
 * cmd_mediate.c - `parley mediate SCENARIO... [--from PROPOSAL]`: a mediator's
 * single negotiating text, the smallest change to a proposal that every
 * member of the deciding coalition can accept (docs/agreement.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_agreement.h"

/* Declared in cli.h once the command is registered; repeated here so this file stands alone. */
extern const cli_command cli_mediate_command;

typedef struct options {
    const char *from;
} options;

static int take_option(const char *name, const char *value, void *payload)
{
    options *o = payload;
    if (strcmp(name, "from") == 0)
        o->from = value;
    return 0;
}

static const cli_option option_table[] = {{"from", 1}, {NULL, 0}};

/* The starting proposal: `from`, else the first; NULL start (compromise) without any. */
static int start_of(const pl_scenario *s, const char *from, const double **start,
                    const char **name)
{
    size_t p = 0;
    *start = NULL;
    *name = "the compromise forecast";
    if (from != NULL && pl_scenario_find_proposal(s, from, &p) != PL_OK)
        return PL_ERR_INVALID;
    if (from == NULL && s->n_proposals == 0)
        return PL_OK;
    *start = s->proposals[p].values;
    *name = s->proposals[p].id;
    return PL_OK;
}

/* One builder for `parley mediate --json` and `parley serve`'s /api/analyze. */
int cli_mediate_document(const pl_scenario *s, const char *from, json_t **document,
                         pl_diag *diag)
{
    const double *start = NULL;
    const char *name = NULL;
    *document = NULL;
    if (start_of(s, from, &start, &name) != PL_OK)
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0, "no proposal '%s' in the scenario", from);
    pl_mediation *m = NULL;
    int rc = pl_mediate(s, start, NULL, &m, diag);
    if (rc != PL_OK)
        return rc;
    *document = cli_json_mediation(s, name, m);
    pl_mediation_free(m);
    return *document != NULL ? PL_OK : PL_ERR_NOMEM;
}

static int mediate(const pl_scenario *s, const options *o, int json)
{
    const double *start = NULL;
    const char *name = NULL;
    if (start_of(s, o->from, &start, &name) != PL_OK)
        return cli_usage_error("mediate", "no proposal '%s' in the scenario", o->from);
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set_source(&diag, cli_scenario_source(s));
    if (json) {
        json_t *document = NULL;
        int rc = cli_mediate_document(s, o->from, &document, &diag);
        return rc == PL_OK ? cli_emit_json(document) : cli_fail(rc, &diag);
    }
    pl_mediation *m = NULL;
    int rc = pl_mediate(s, start, NULL, &m, &diag);
    if (rc != PL_OK)
        return cli_fail(rc, &diag);
    cli_buffer buffer;
    rc = cli_buffer_open(&buffer);
    if (rc == EXIT_OK) {
        cli_text_mediation(buffer.stream, s, name, m);
        rc = cli_buffer_emit(&buffer);
    }
    pl_mediation_free(m);
    return rc;
}

static int run(int argc, char **argv)
{
    int json = 0, done = 0, n = 0;
    char **positional = NULL;
    options o = {NULL};
    int rc = cli_parse(&cli_mediate_command, argc, argv, option_table, take_option, &o, &json,
                       &positional, &n, &done);
    pl_scenario *s = NULL;
    if (rc == EXIT_OK && !done)
        rc = cli_load_scenario((const char *const *)positional, (size_t)n, &s);
    if (rc == EXIT_OK && !done)
        rc = mediate(s, &o, json);
    pl_scenario_free(s);
    free(positional);
    return rc;
}

const cli_command cli_mediate_command = {
    "mediate",
    "a mediator's single negotiating text: the smallest acceptable change to a proposal",
    "Usage: parley mediate [SCENARIO...] [--from PROPOSAL] [--json]\n"
    "\n"
    "Starting from a proposal (--from; default the first, or the compromise forecast when the\n"
    "scenario has none), the smallest change that raises every member of the deciding\n"
    "coalition (the veto actors under unanimity) to its reservation utility while respecting\n"
    "its red lines. A change's size is the sum over issues of |to - from| / range, plus 1 per\n"
    "options issue whose option changes; it is minimised exactly by linear programming. When\n"
    "no package can satisfy the coalition (see parley zopa), the text is the smallest change\n"
    "that meets the constraints after their least total relaxation, and the constraints it\n"
    "still crosses are listed. With no scenario, the built-in default. The text is shown item\n"
    "by item, with what each item adds to or takes from each actor's utility.\n"
    "\n"
    "Options:\n"
    "  --from PROPOSAL  the proposal to start from (its id)\n"
    "  --json           print {\"actors\", \"coalition\", \"from\", \"feasible\", \"distance\",\n"
    "                   \"start\", \"text\", \"start_utilities\", \"text_utilities\", \"items\":\n"
    "                   [{\"issue\", \"from\", \"to\", \"change\", \"gains\"}], \"crossed\":\n"
    "                   [{\"constraint\", \"amount\"}]} (docs/agreement.md, \"JSON\")\n"
    "  --help           show this help\n"
    "\n"
    "Example: parley mediate examples/peace-talks-2025.json --from us_revised\n",
    run,
};
