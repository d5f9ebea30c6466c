/*
 * ktab_xml_reader.c - KTAB spatial-model scenarios in XML (KTAB's
 * examples/smp/smpSchema.xsd), read with libxml2.
 *
 * The numbers follow the KTAB table format (docs/specs/ktab-smp.md section 1):
 * positions and saliences on 0-100, positions kept as read on issues
 * [0, 100], saliences stored divided by 100, capability as read. The XML adds
 * model parameters, a seed and ideal-adjustment pairs, kept in scenario->ktab.
 *
 * Hostile XML is refused rather than parsed: no DTD, no entity declarations,
 * no network, no encoding other than UTF-8; libxml2 runs on a private parser
 * context and its global error handlers are left alone.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "io/parse/csv.h"
#include "core/internal.h"
#include "io/parse/xml_guard.h"
#include "parley/limits.h"

#define KTAB_MAX_ACTORS PL_LIMIT_DEFAULT_ACTORS /* parley/limits.h */
#define KTAB_MAX_DIMENSIONS PL_LIMIT_DEFAULT_ISSUES
#define KTAB_MAX_CAPABILITY 1e8

typedef struct xml_reader {
    pl_diag *diag;
    const char *data;
    size_t size;
    pl_scenario *scenario;
    pl_name_set actor_names, issue_ids;
    size_t n_dimensions;
} xml_reader;

/* The diagnostic at element `node` (printf-style message). */
#define fail_at(r, node, status, ...)                                                              \
    pli_xml_fail_at_node((r)->data, (r)->size, (node), (status), (r)->diag, __VA_ARGS__)

static int out_of_memory(xml_reader *r)
{
    return pl_diag_set(r->diag, PL_ERR_NOMEM, 0, 0, "out of memory");
}

/* ---- elements and their text ---- */

static const char *name_of(xmlNodePtr node)
{
    return (const char *)node->name;
}

static xmlNodePtr element_from(xmlNodePtr node)
{
    while (node != NULL && node->type != XML_ELEMENT_NODE)
        node = node->next;
    return node;
}

static xmlNodePtr first_element(xmlNodePtr parent)
{
    return element_from(parent->children);
}

static xmlNodePtr next_element(xmlNodePtr node)
{
    return element_from(node->next);
}

static int is_blank_text(const xmlChar *text)
{
    for (; text != NULL && *text; text++)
        if (*text != ' ' && *text != '\t' && *text != '\r' && *text != '\n')
            return 0;
    return 1;
}

/* The schema allows no text between the child elements of a container. */
static int check_no_text(xml_reader *r, xmlNodePtr parent)
{
    for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            !is_blank_text(n->content))
            return fail_at(r, parent, PL_ERR_INVALID, "unexpected text inside <%s>",
                           name_of(parent));
    return PL_OK;
}

/* The text of a simple element, without surrounding blanks (a new string in *out). */
static int text_of(xml_reader *r, xmlNodePtr node, char **out)
{
    *out = NULL;
    if (first_element(node) != NULL)
        return fail_at(r, node, PL_ERR_INVALID, "<%s> must hold text, not elements",
                       name_of(node));
    xmlChar *content = xmlNodeGetContent(node);
    const char *text = content ? (const char *)content : "";
    size_t length = strlen(text);
    while (length > 0 && strchr(" \t\r\n", text[length - 1]))
        length--;
    while (length > 0 && strchr(" \t\r\n", *text)) {
        text++;
        length--;
    }
    *out = pli_strndup(text, length);
    xmlFree(content);
    return *out == NULL ? out_of_memory(r) : PL_OK;
}

/* A decimal number in `node`; `what` names it in messages. */
static int number_of(xml_reader *r, xmlNodePtr node, const char *what, double *out)
{
    char *text;
    int rc = text_of(r, node, &text);
    if (rc != PL_OK)
        return rc;
    if (text[0] == '\0')
        rc = fail_at(r, node, PL_ERR_INVALID, "%s is missing (empty <%s>)", what, name_of(node));
    else if (pli_parse_number(text, out) != 0)
        rc = fail_at(r, node, PL_ERR_INVALID, "%s \"%.40s\" is not a number", what, text);
    pli_free(text);
    return rc;
}

/*
 * Sort the element children of `parent` into `parts` by the names in `names`
 * (NULL-terminated); an unknown or repeated element is an error, and so is a
 * missing one whose `required` flag is set.
 */
static int collect_parts(xml_reader *r, xmlNodePtr parent, const char *const *names,
                         const int *required, xmlNodePtr *parts)
{
    int rc = check_no_text(r, parent);
    size_t n = 0;
    while (names[n] != NULL)
        parts[n++] = NULL;
    for (xmlNodePtr e = first_element(parent); rc == PL_OK && e != NULL; e = next_element(e)) {
        size_t k = 0;
        while (k < n && strcmp(names[k], name_of(e)) != 0)
            k++;
        if (k == n)
            return fail_at(r, e, PL_ERR_INVALID, "unknown element <%.40s> in <%s>", name_of(e),
                           name_of(parent));
        if (parts[k] != NULL)
            return fail_at(r, e, PL_ERR_INVALID, "<%s> appears more than once in <%s>",
                           names[k], name_of(parent));
        parts[k] = e;
    }
    for (size_t k = 0; rc == PL_OK && k < n; k++)
        if (required[k] && parts[k] == NULL)
            rc = fail_at(r, parent, PL_ERR_INVALID, "<%s> lacks its <%s> element",
                         name_of(parent), names[k]);
    return rc;
}

/* Count the children of `parent`, all of which must be <child> elements. */
static int count_children(xml_reader *r, xmlNodePtr parent, const char *child, size_t *count)
{
    int rc = check_no_text(r, parent);
    *count = 0;
    for (xmlNodePtr e = first_element(parent); rc == PL_OK && e != NULL; e = next_element(e)) {
        if (strcmp(name_of(e), child) != 0)
            return fail_at(r, e, PL_ERR_INVALID, "unknown element <%.40s> in <%s> (expected <%s>)",
                           name_of(e), name_of(parent), child);
        (*count)++;
    }
    return rc;
}

/* ---- Scenario: name, desc, prngSeed ---- */

enum { PART_NAME, PART_DESC, PART_SEED, PART_PARAMETERS, PART_DIMENSIONS, PART_ACTORS,
       PART_ADJUSTMENT, N_PARTS };

static const char *const scenario_parts[N_PARTS + 1] = {
    "name", "desc", "prngSeed", "ModelParameters", "Dimensions", "Actors", "IdealAdjustment",
    NULL,
};
/* smpSchema.xsd: ModelParameters, Dimensions and IdealAdjustment are optional. */
static const int scenario_required[N_PARTS] = {1, 1, 1, 0, 0, 1, 0};

/* Set *field to the text of `node`, or leave it NULL when the text is empty. */
static int set_text(xml_reader *r, xmlNodePtr node, char **field)
{
    char *text;
    int rc = text_of(r, node, &text);
    if (rc == PL_OK && text[0] != '\0' && pl_scenario_set_string(field, text) != PL_OK)
        rc = out_of_memory(r);
    pli_free(text);
    return rc;
}

static int read_title(xml_reader *r, xmlNodePtr *parts, const char *source)
{
    pl_scenario *s = r->scenario;
    char *name;
    int rc = text_of(r, parts[PART_NAME], &name);
    if (rc != PL_OK)
        return rc;
    if (name[0] == '\0') {
        pli_free(name);
        if ((name = pli_source_stem(source)) == NULL)
            return out_of_memory(r);
    }
    const char *id = name[0] != '\0' ? name : "ktab";
    if (pl_scenario_set_string(&s->id, id) || pl_scenario_set_string(&s->name, id) ||
        pl_scenario_set_string(&s->format, "ktab-xml"))
        rc = out_of_memory(r);
    pli_free(name);
    if (rc == PL_OK)
        rc = set_text(r, parts[PART_DESC], &s->provenance.description);
    if (rc == PL_OK)
        rc = set_text(r, parts[PART_SEED], &s->ktab.seed);
    return rc;
}

/* ---- ModelParameters ---- */

/* The values smpSchema.xsd allows, in pl_ktab_parameter_name() order. */
static const char *const parameter_values[PL_KTAB_PARAMETER_COUNT][7] = {
    {"Linear", "Square", "Quartic", "Octic", "Binary", NULL},
    {"Conditional", "MarkovIncentive", "MarkovUniform", NULL},
    {"Deterministic", "Stochastic", NULL},
    {"Binary", "PropBin", "Proportional", "PropCbc", "Cubic", "ASymProsp", NULL},
    {"Full", "TwoThirds", "Half", "OneThird", "No", NULL},
    {"Min", "Mid", "Max", NULL},
    {"NoCommit", "SemiCommit", "FullCommit", NULL},
    {"S1P1", "S2P2", "S2PMax", NULL},
    {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp", NULL},
};

static int read_parameter(xml_reader *r, xmlNodePtr node, size_t k)
{
    char *value, allowed[160] = "";
    int rc = text_of(r, node, &value);
    if (rc != PL_OK)
        return rc;
    for (size_t v = 0; parameter_values[k][v] != NULL; v++) {
        if (strcmp(value, parameter_values[k][v]) == 0) {
            rc = pl_scenario_set_string(&r->scenario->ktab.parameters[k], value);
            pli_free(value);
            return rc == PL_OK ? PL_OK : out_of_memory(r);
        }
        size_t used = strlen(allowed);
        snprintf(allowed + used, sizeof allowed - used, "%s%s", v ? ", " : "",
                 parameter_values[k][v]);
    }
    rc = fail_at(r, node, PL_ERR_INVALID, "%s \"%.40s\" is not one of %s",
                 pl_ktab_parameter_name(k), value, allowed);
    pli_free(value);
    return rc;
}

static int read_parameters(xml_reader *r, xmlNodePtr parent)
{
    const char *names[PL_KTAB_PARAMETER_COUNT + 1];
    int required[PL_KTAB_PARAMETER_COUNT] = {0};
    xmlNodePtr parts[PL_KTAB_PARAMETER_COUNT];
    for (size_t k = 0; k < PL_KTAB_PARAMETER_COUNT; k++)
        names[k] = pl_ktab_parameter_name(k);
    names[PL_KTAB_PARAMETER_COUNT] = NULL;
    /* A missing parameter keeps KTAB's default (NULL). */
    int rc = collect_parts(r, parent, names, required, parts);
    for (size_t k = 0; rc == PL_OK && k < PL_KTAB_PARAMETER_COUNT; k++)
        if (parts[k] != NULL)
            rc = read_parameter(r, parts[k], k);
    return rc;
}

/* ---- Dimensions ---- */

static int add_dimension(xml_reader *r, size_t d, const char *label)
{
    char buffer[64];
    const char *id = pli_pick_id(&r->issue_ids, label, "dim", d, buffer, sizeof buffer);
    const char *name = label[0] != '\0' && !pli_has_control_character(label) ? label : id;
    size_t index;
    if (pl_scenario_add_continuous_issue(r->scenario, id, name, 0.0, 100.0, &index) != PL_OK ||
        pli_name_set_add(&r->issue_ids, r->scenario->issues[index].id, index, 0, NULL, NULL) < 0)
        return out_of_memory(r);
    return PL_OK;
}

static int check_dimension_count(xml_reader *r, xmlNodePtr where, size_t count)
{
    if (count > KTAB_MAX_DIMENSIONS)
        return fail_at(r, where, PL_ERR_LIMIT, "%zu dimensions exceed parley's limit of %d",
                       count, KTAB_MAX_DIMENSIONS);
    if (count == 0)
        return fail_at(r, where, PL_ERR_INVALID, "no dimensions: <%s> holds no <%s>",
                       name_of(where), strcmp(name_of(where), "Dimensions") ? "dCoord" : "dName");
    return PL_OK;
}

/* Issues from <Dimensions>/<dName> (id = the name; "dimD" when empty or repeated). */
static int read_dimensions(xml_reader *r, xmlNodePtr parent)
{
    int rc = count_children(r, parent, "dName", &r->n_dimensions);
    if (rc == PL_OK)
        rc = check_dimension_count(r, parent, r->n_dimensions);
    size_t d = 0;
    for (xmlNodePtr e = first_element(parent); rc == PL_OK && e; e = next_element(e), d++) {
        char *label;
        if ((rc = text_of(r, e, &label)) != PL_OK)
            return rc;
        rc = add_dimension(r, d, label);
        pli_free(label);
    }
    return rc;
}

/* Without <Dimensions>: D = the number of <dCoord> of the first actor, named dim1, dim2, ... */
static int default_dimensions(xml_reader *r, xmlNodePtr actors)
{
    xmlNodePtr actor = first_element(actors), position = NULL;
    if (actor == NULL)
        return fail_at(r, actors, PL_ERR_INVALID, "<Actors> holds no <Actor>");
    for (xmlNodePtr e = first_element(actor); e != NULL; e = next_element(e))
        if (strcmp(name_of(e), "Position") == 0 && position == NULL)
            position = e;
    if (position == NULL)
        return fail_at(r, actor, PL_ERR_INVALID, "<Actor> lacks its <Position> element");
    int rc = count_children(r, position, "dCoord", &r->n_dimensions);
    if (rc == PL_OK)
        rc = check_dimension_count(r, position, r->n_dimensions);
    for (size_t d = 0; rc == PL_OK && d < r->n_dimensions; d++)
        rc = add_dimension(r, d, "");
    return rc;
}

/* ---- Actors ---- */

enum { ACTOR_NAME, ACTOR_DESCRIPTION, ACTOR_CAPABILITY, ACTOR_POSITION, ACTOR_SALIENCE,
       N_ACTOR_PARTS };

static const char *const actor_parts[N_ACTOR_PARTS + 1] = {
    "name", "description", "capability", "Position", "Salience", NULL,
};
static const int actor_required[N_ACTOR_PARTS] = {1, 1, 1, 1, 1};

/* name, description and capability (the checks of the CSV format, docs/specs/ktab-smp.md 1). */
static int add_actor(xml_reader *r, xmlNodePtr *parts, size_t *index)
{
    double capability;
    char *name;
    int rc = number_of(r, parts[ACTOR_CAPABILITY], "capability", &capability);
    if (rc == PL_OK && capability <= 0)
        rc = fail_at(r, parts[ACTOR_CAPABILITY], PL_ERR_INVALID, "capability %g must be positive",
                     capability);
    if (rc == PL_OK && capability > KTAB_MAX_CAPABILITY)
        rc = fail_at(r, parts[ACTOR_CAPABILITY], PL_ERR_INVALID,
                     "capability %g exceeds KTAB's maximum of 100000000", capability);
    if (rc != PL_OK || (rc = text_of(r, parts[ACTOR_NAME], &name)) != PL_OK)
        return rc;
    if (name[0] == '\0')
        rc = fail_at(r, parts[ACTOR_NAME], PL_ERR_INVALID, "actor name is empty");
    else if (pli_has_control_character(name))
        rc = fail_at(r, parts[ACTOR_NAME], PL_ERR_INVALID,
                     "actor name contains a control character");
    else if (pl_scenario_add_actor(r->scenario, name, name, capability, index) != PL_OK)
        rc = out_of_memory(r);
    pli_free(name);
    if (rc != PL_OK)
        return rc;
    pl_actor *actor = &r->scenario->actors[*index];
    long line = xmlGetLineNo(parts[ACTOR_NAME]);
    int earlier = 0;
    rc = pli_name_set_add(&r->actor_names, actor->id, *index, line > 0 && line <= INT_MAX ?
                          (int)line : 0, &earlier, NULL);
    if (rc < 0)
        return out_of_memory(r);
    if (rc == 0)
        return fail_at(r, parts[ACTOR_NAME], PL_ERR_INVALID,
                       "duplicate actor name \"%.60s\" (also on line %d)", actor->id, earlier);
    return set_text(r, parts[ACTOR_DESCRIPTION], &actor->description);
}

static int read_percentage(xml_reader *r, xmlNodePtr node, const char *what, double *out)
{
    int rc = number_of(r, node, what, out);
    if (rc == PL_OK && !(*out >= 0 && *out <= 100))
        rc = fail_at(r, node, PL_ERR_INVALID, "%s %g is outside 0-100", what, *out);
    return rc;
}

/* An empty <dCoord> (as in KTAB's smpExample.xml): no stance on that dimension. */
static int note_no_position(xml_reader *r, size_t actor, size_t d)
{
    char caveat[PL_DIAG_MESSAGE_MAX];
    snprintf(caveat, sizeof caveat,
             "KTAB XML: actor %s gives no position on %s (empty dCoord); parley reads it as "
             "no stance on that dimension",
             r->scenario->actors[actor].id, r->scenario->issues[d].name);
    return pl_scenario_add_caveat(r->scenario, caveat) == PL_OK ? PL_OK : out_of_memory(r);
}

/* One dimension: the position (0-100, kept) and salience (0-100, stored / 100). */
static int read_stance(xml_reader *r, size_t actor, size_t d, xmlNodePtr coord, xmlNodePtr sal,
                       double *total)
{
    double position = 0, salience;
    char *text;
    int rc = text_of(r, coord, &text);
    int empty = rc == PL_OK && text[0] == '\0';
    pli_free(text);
    if (rc != PL_OK || (!empty && (rc = read_percentage(r, coord, "position", &position))) ||
        (rc = read_percentage(r, sal, "salience", &salience)))
        return rc;
    /* docs/specs/ktab-smp.md 1: the running total of saliences must not exceed 100. */
    *total += salience;
    if (*total > 100.0)
        return fail_at(r, sal, PL_ERR_INVALID,
                       "saliences of actor \"%.60s\" add up to %.10g, more than 100",
                       r->scenario->actors[actor].id, *total);
    if (empty)
        return note_no_position(r, actor, d);
    if (pl_scenario_set_position(r->scenario, actor, d, position, salience / 100.0) != PL_OK)
        return out_of_memory(r);
    return PL_OK;
}

static int read_stances(xml_reader *r, size_t actor, xmlNodePtr position, xmlNodePtr salience)
{
    size_t n_coords, n_saliences;
    int rc;
    if ((rc = count_children(r, position, "dCoord", &n_coords)) ||
        (rc = count_children(r, salience, "dSal", &n_saliences)))
        return rc;
    const char *id = r->scenario->actors[actor].id;
    if (n_coords != r->n_dimensions)
        return fail_at(r, position, PL_ERR_INVALID,
                       "actor \"%.60s\" has %zu <dCoord>, expected %zu", id, n_coords,
                       r->n_dimensions);
    if (n_saliences != r->n_dimensions)
        return fail_at(r, salience, PL_ERR_INVALID,
                       "actor \"%.60s\" has %zu <dSal>, expected %zu", id, n_saliences,
                       r->n_dimensions);
    double total = 0.0;
    xmlNodePtr c = first_element(position), s = first_element(salience);
    for (size_t d = 0; rc == PL_OK && d < r->n_dimensions; d++) {
        rc = read_stance(r, actor, d, c, s, &total);
        c = next_element(c);
        s = next_element(s);
    }
    return rc;
}

static int read_actor(xml_reader *r, xmlNodePtr node)
{
    xmlNodePtr parts[N_ACTOR_PARTS];
    size_t index;
    int rc = collect_parts(r, node, actor_parts, actor_required, parts);
    if (rc == PL_OK)
        rc = add_actor(r, parts, &index);
    if (rc == PL_OK)
        rc = read_stances(r, index, parts[ACTOR_POSITION], parts[ACTOR_SALIENCE]);
    return rc;
}

static int read_actors(xml_reader *r, xmlNodePtr actors)
{
    size_t count;
    int rc = count_children(r, actors, "Actor", &count);
    if (rc == PL_OK && count > KTAB_MAX_ACTORS)
        rc = fail_at(r, actors, PL_ERR_LIMIT, "%zu actors exceed parley's limit of %d", count,
                     KTAB_MAX_ACTORS);
    if (rc == PL_OK && count == 0)
        rc = fail_at(r, actors, PL_ERR_INVALID, "<Actors> holds no <Actor>");
    for (xmlNodePtr e = first_element(actors); rc == PL_OK && e; e = next_element(e))
        rc = read_actor(r, e);
    return rc;
}

/* ---- IdealAdjustment ---- */

static const char *const pair_parts[4] = {"adjustingIdeal", "referencePos", "adjust", NULL};
static const int pair_required[3] = {1, 1, 1};

static int actor_named(xml_reader *r, xmlNodePtr node, size_t *index)
{
    char *name;
    int rc = text_of(r, node, &name);
    if (rc == PL_OK && pli_name_set_find(&r->actor_names, name, index) != PL_OK)
        rc = fail_at(r, node, PL_ERR_INVALID, "unknown actor \"%.60s\" in <%s>", name,
                     name_of(node));
    pli_free(name);
    return rc;
}

static int read_adjustments(xml_reader *r, xmlNodePtr parent)
{
    int rc = count_children(r, parent, "iaPair", &(size_t){0});
    for (xmlNodePtr e = first_element(parent); rc == PL_OK && e; e = next_element(e)) {
        xmlNodePtr parts[3];
        pl_ktab_adjustment pair;
        if ((rc = collect_parts(r, e, pair_parts, pair_required, parts)) ||
            (rc = actor_named(r, parts[0], &pair.adjusting_actor)) ||
            (rc = actor_named(r, parts[1], &pair.reference_actor)) ||
            (rc = number_of(r, parts[2], "adjust", &pair.adjust)))
            return rc;
        if (pl_scenario_add_ktab_adjustment(r->scenario, &pair) != PL_OK)
            return out_of_memory(r);
    }
    return rc;
}

/* ---- the document ---- */

static int read_scenario(xml_reader *r, xmlNodePtr root, const char *source)
{
    xmlNodePtr parts[N_PARTS];
    if (strcmp(name_of(root), "Scenario") != 0)
        return fail_at(r, root, PL_ERR_INVALID, "the root element is <%.40s>, not <Scenario>",
                       name_of(root));
    int rc = collect_parts(r, root, scenario_parts, scenario_required, parts);
    if (rc == PL_OK)
        rc = read_title(r, parts, source);
    if (rc == PL_OK && parts[PART_PARAMETERS] != NULL)
        rc = read_parameters(r, parts[PART_PARAMETERS]);
    if (rc == PL_OK)
        rc = parts[PART_DIMENSIONS] != NULL ? read_dimensions(r, parts[PART_DIMENSIONS])
                                            : default_dimensions(r, parts[PART_ACTORS]);
    if (rc == PL_OK)
        rc = read_actors(r, parts[PART_ACTORS]);
    if (rc == PL_OK && parts[PART_ADJUSTMENT] != NULL)
        rc = read_adjustments(r, parts[PART_ADJUSTMENT]);
    return rc;
}

/* A syntax error from libxml2: its position and the first line of its message. */
static int parse_error(xml_reader *r, xmlParserCtxtPtr context)
{
    const xmlError *error = xmlCtxtGetLastError(context);
    if (error == NULL || error->message == NULL)
        return pl_diag_set(r->diag, PL_ERR_SYNTAX, 1, 1, "XML is not well-formed");
    size_t length = strcspn(error->message, "\r\n");
    while (length > 0 && error->message[length - 1] == ' ')
        length--;
    int line = error->line > 0 ? error->line : 1;
    int column = error->int2 > 0 ? error->int2 : 1;
    return pl_diag_set(r->diag, PL_ERR_SYNTAX, line, column, "XML: %.*s", (int)length,
                       error->message);
}

static int parse(xml_reader *r, const char *source)
{
    int rc = pli_xml_screen(r->data, r->size, "KTAB XML", r->diag);
    if (rc != PL_OK)
        return rc;
    xmlInitParser();
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL)
        return out_of_memory(r);
    /* No NOENT, DTDLOAD, DTDATTR or HUGE: nothing is expanded, fetched or let grow unbounded;
       the encoding is UTF-8 whatever the declaration says. */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                  XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES;
    xmlDocPtr doc = xmlCtxtReadMemory(context, r->size ? r->data : "", (int)r->size, NULL,
                                      "UTF-8", options);
    if (doc == NULL || !context->wellFormed)
        rc = parse_error(r, context);
    else if (xmlDocGetRootElement(doc) == NULL)
        rc = pl_diag_set(r->diag, PL_ERR_SYNTAX, 1, 1, "XML document has no root element");
    else
        rc = read_scenario(r, xmlDocGetRootElement(doc), source);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(context);
    return rc;
}

int pl_read_ktab_xml(const char *source, const char *data, size_t size, pl_scenario **out,
                     pl_diag *diag)
{
    xml_reader r;
    memset(&r, 0, sizeof r);
    r.diag = diag;
    r.data = data ? data : "";
    r.size = data ? size : 0;
    int rc = pli_reader_begin(source, data, size, out, &r.scenario, diag);
    if (rc == PL_ERR_ARGUMENT)
        return rc;
    if (rc == PL_OK)
        rc = parse(&r, source);
    pli_name_set_free(&r.actor_names);
    pli_name_set_free(&r.issue_ids);
    return pli_reader_finish(rc, r.scenario, out, diag);
}
