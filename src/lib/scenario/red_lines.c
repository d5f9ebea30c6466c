/*
 * red_lines.c - can any package respect the red lines of those who decide?
 *
 * Red lines are non-compensatory: a package outside one is unacceptable to its
 * actor however much it gains elsewhere. Whether some package respects every
 * red line of a coalition is therefore decided issue by issue: on a continuous
 * issue the acceptable intervals must intersect, on an options issue some
 * option must be allowed by every line. Where they do not, the issue blocks
 * agreement, and the gap says by how much.
 */
#include <math.h>
#include <string.h>

#include "core/internal.h"

void pl_red_line_analysis_free(pl_red_line_analysis *r)
{
    if (r == NULL)
        return;
    pli_free(r->coalition);
    pli_free(r->feasible_low);
    pli_free(r->feasible_high);
    pli_free(r->blocking);
    pli_free(r);
}

/* Intersect the members' red lines on one continuous issue. */
static void intersect_interval(const pl_scenario *s, const unsigned char *member, size_t issue,
                               double *low, double *high, pl_blocking_issue *block)
{
    const pl_issue *is = &s->issues[issue];
    *low = is->low;
    *high = is->high;
    block->issue = issue;
    block->low_actor = block->high_actor = (size_t)-1;
    for (size_t r = 0; r < s->n_red_lines; r++) {
        const pl_red_line *line = &s->red_lines[r];
        if (line->issue != issue || !member[line->actor])
            continue;
        /* The most demanding bound wins; the first line to reach it names the actor. */
        if (line->low > *low || (block->low_actor == (size_t)-1 && line->low >= *low)) {
            *low = line->low;
            block->low_actor = line->actor;
        }
        if (line->high < *high || (block->high_actor == (size_t)-1 && line->high <= *high)) {
            *high = line->high;
            block->high_actor = line->actor;
        }
    }
    block->gap = *low > *high ? *low - *high : 0.0;
    block->gap_share = block->gap / (is->high - is->low);
}

/* On an options issue: the fewest members' red lines that rule out every option. */
static void intersect_options(const pl_scenario *s, const unsigned char *member, size_t issue,
                              pl_blocking_issue *block)
{
    const pl_issue *is = &s->issues[issue];
    size_t lines = 0, fewest = (size_t)-1;
    for (size_t r = 0; r < s->n_red_lines; r++)
        lines += s->red_lines[r].issue == issue && member[s->red_lines[r].actor];
    for (size_t k = 0; k < is->n_options; k++) {
        size_t rejecting = 0;
        for (size_t r = 0; r < s->n_red_lines; r++) {
            const pl_red_line *line = &s->red_lines[r];
            rejecting += line->issue == issue && member[line->actor] && !line->allowed[k];
        }
        if (rejecting < fewest)
            fewest = rejecting;
    }
    block->issue = issue;
    block->low_actor = block->high_actor = (size_t)-1;
    block->gap = (double)fewest;
    block->gap_share = lines ? (double)fewest / (double)lines : 0.0;
}

/*
 * Analyse one coalition into `out` (whose arrays are allocated for the
 * scenario's issues). Returns the number of blocking issues.
 */
static size_t analyse_coalition(const pl_scenario *s, const unsigned char *member,
                                pl_red_line_analysis *out, double *total_gap_share)
{
    out->n_blocking = 0;
    *total_gap_share = 0;
    for (size_t i = 0; i < s->n_issues; i++) {
        pl_blocking_issue block;
        if (s->issues[i].kind == PL_ISSUE_OPTIONS) {
            out->feasible_low[i] = out->feasible_high[i] = NAN;
            intersect_options(s, member, i, &block);
        } else {
            intersect_interval(s, member, i, &out->feasible_low[i], &out->feasible_high[i],
                               &block);
        }
        if (block.gap > 0) {
            out->blocking[out->n_blocking++] = block;
            *total_gap_share += block.gap_share;
        }
    }
    return out->n_blocking;
}

static void set_coalition(pl_red_line_analysis *out, const unsigned char *member, size_t n)
{
    out->n_coalition = 0;
    for (size_t a = 0; a < n; a++)
        if (member[a])
            out->coalition[out->n_coalition++] = a;
}

static int allocate(const pl_scenario *s, pl_red_line_analysis **out)
{
    pl_red_line_analysis *r = pli_calloc(1, sizeof *r);
    if (r == NULL)
        return PL_ERR_NOMEM;
    r->coalition = pli_calloc(s->n_actors, sizeof *r->coalition);
    r->feasible_low = pli_calloc(s->n_issues, sizeof *r->feasible_low);
    r->feasible_high = pli_calloc(s->n_issues, sizeof *r->feasible_high);
    r->blocking = pli_calloc(s->n_issues, sizeof *r->blocking);
    if (!r->coalition || !r->feasible_low || !r->feasible_high || !r->blocking) {
        pl_red_line_analysis_free(r);
        return PL_ERR_NOMEM;
    }
    *out = r;
    return PL_OK;
}

/*
 * Weighted majority: every coalition that holds the threshold share of the
 * capability and includes the veto actors may decide. Keep a compatible one
 * with the most capability; failing that, the one with the fewest blocking
 * issues and then the smallest total gap.
 */
static int analyse_majority(const pl_scenario *s, pl_red_line_analysis *best,
                            unsigned char *member, pl_diag *diag)
{
    size_t free_actors[PL_MAX_MAJORITY_ACTORS], n_free = 0, n = s->n_actors;
    double total = 0, vetoes = 0;
    for (size_t a = 0; a < n; a++) {
        total += s->actors[a].capability;
        if (s->actors[a].veto)
            vetoes += s->actors[a].capability;
        else if (n_free < PL_MAX_MAJORITY_ACTORS)
            free_actors[n_free++] = a;
        else
            return pl_diag_set(diag, PL_ERR_LIMIT, 0, 0,
                               "red-line analysis under weighted majority enumerates "
                               "coalitions of at most %d actors without a veto",
                               PL_MAX_MAJORITY_ACTORS);
    }
    pl_red_line_analysis *trial = NULL;
    int rc = allocate(s, &trial);
    if (rc != PL_OK)
        return rc;
    double best_key[3] = {INFINITY, INFINITY, INFINITY};
    for (unsigned long mask = 0; mask < (1ul << n_free); mask++) {
        double weight = vetoes;
        for (size_t a = 0; a < n; a++)
            member[a] = (unsigned char)(s->actors[a].veto != 0);
        for (size_t k = 0; k < n_free; k++)
            if (mask & (1ul << k)) {
                member[free_actors[k]] = 1;
                weight += s->actors[free_actors[k]].capability;
            }
        if (weight < s->decision_rule.threshold * total)
            continue;
        double gap;
        size_t blocking = analyse_coalition(s, member, trial, &gap);
        double key[3] = {(double)blocking, gap, -weight};
        if (key[0] < best_key[0] || (key[0] == best_key[0] && key[1] < best_key[1]) ||
            (key[0] == best_key[0] && key[1] == best_key[1] && key[2] < best_key[2])) {
            memcpy(best_key, key, sizeof key);
            analyse_coalition(s, member, best, &gap);
            set_coalition(best, member, n);
        }
    }
    pl_red_line_analysis_free(trial);
    if (isinf(best_key[0]))
        return pl_diag_set(diag, PL_ERR_INVALID, 0, 0,
                           "decision_rule.threshold: no coalition can reach it");
    return PL_OK;
}

int pl_analyse_red_lines(const pl_scenario *s, pl_red_line_analysis **out, pl_diag *diag)
{
    if (s == NULL || out == NULL)
        return PL_ERR_ARGUMENT;
    *out = NULL;
    pl_red_line_analysis *r = NULL;
    unsigned char *member = pli_calloc(s->n_actors, 1);
    int rc = member ? allocate(s, &r) : PL_ERR_NOMEM;
    if (rc == PL_OK && s->decision_rule.kind == PL_RULE_WEIGHTED_MAJORITY) {
        rc = analyse_majority(s, r, member, diag);
    } else if (rc == PL_OK) {
        /* Unanimity: the veto actors decide, or everyone when nobody holds a veto. */
        int any_veto = 0;
        for (size_t a = 0; a < s->n_actors; a++)
            any_veto |= s->actors[a].veto != 0;
        for (size_t a = 0; a < s->n_actors; a++)
            member[a] = (unsigned char)(!any_veto || s->actors[a].veto);
        double gap;
        analyse_coalition(s, member, r, &gap);
        set_coalition(r, member, s->n_actors);
    }
    pli_free(member);
    if (rc != PL_OK) {
        pl_red_line_analysis_free(r);
        return rc;
    }
    r->compatible = r->n_blocking == 0;
    *out = r;
    return PL_OK;
}
