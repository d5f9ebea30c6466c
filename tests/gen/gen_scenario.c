/*
 * gen_scenario.c - `gen_scenario SEED N_ACTORS N_ISSUES [--uncertainty]
 * [--no-options] [--no-majority] [--class]`: one generated scenario
 * (scenario_gen.h) as native JSON on standard output, written by the
 * library's own writer; `--class` prints only the class aimed at (zone,
 * thin, none, clash). For shell tests and benchmark scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "scenario_gen.h"

static int count(const char *text, unsigned long long *out)
{
    char *end;
    *out = strtoull(text, &end, 10);
    return *text != '\0' && *text != '-' && *end == '\0';
}

int main(int argc, char **argv)
{
    unsigned long long seed, actors, issues;
    if (argc < 4 || !count(argv[1], &seed) || !count(argv[2], &actors) ||
        !count(argv[3], &issues) || actors < 1 || issues < 1 || actors > 64 || issues > 64) {
        fprintf(stderr, "usage: gen_scenario SEED N_ACTORS N_ISSUES [--uncertainty] "
                        "[--no-options] [--no-majority] [--class]\n");
        return 2;
    }
    gen_options o;
    gen_options_init(&o, seed, (size_t)actors, (size_t)issues);
    int print_class = 0;
    for (int k = 4; k < argc; k++) {
        if (strcmp(argv[k], "--uncertainty") == 0)
            o.uncertainty = 1;
        else if (strcmp(argv[k], "--no-options") == 0)
            o.options_issues = 0;
        else if (strcmp(argv[k], "--no-majority") == 0)
            o.majority = 0;
        else if (strcmp(argv[k], "--class") == 0)
            print_class = 1;
        else {
            fprintf(stderr, "gen_scenario: unknown option '%s'\n", argv[k]);
            return 2;
        }
    }
    pl_scenario *s = NULL;
    gen_class c;
    char *text = NULL;
    pl_diag diag;
    int rc = gen_scenario(&o, &s, &c);
    if (rc == PL_OK && print_class) {
        static const char *const names[] = {"zone", "thin", "none", "clash"};
        printf("%s\n", names[c]);
    } else if (rc == PL_OK && (rc = pl_write_parley_json(s, &text, &diag)) == PL_OK) {
        fputs(text, stdout);
    }
    free(text);
    pl_scenario_free(s);
    if (rc != PL_OK) {
        fprintf(stderr, "gen_scenario: %s\n", pl_strerror(rc));
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
