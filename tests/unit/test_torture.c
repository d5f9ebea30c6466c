/*
 * test_torture.c - allocation-failure torture (curl's "torture" mode).
 *
 * Through the allocator hook (parley/alloc.h), each call below is first run
 * once to count its allocations (libparley's, jansson's and libxml2's); then,
 * for every n from 1 to that count, it is run again with the n-th allocation
 * failing. Each run must return an error status and leave no block
 * allocated: the test allocator keeps every live block in a table. A run may
 * succeed only when the failed allocation was jansson's or libxml2's own (the
 * caller of the hook lies outside this program), since both recover from
 * some failures by themselves (jansson's loader and dumper do); a failure of
 * one of libparley's allocations that goes unnoticed fails the test. Every
 * reader and every model is covered, with pl_evaluate, pl_analyse_red_lines,
 * the simulations (SAO, mediator, Monte Carlo, tournament), the agreement
 * analysis and the mediator's text, the writers and pl_scenario_copy.
 *
 * PARLEY_TORTURE_VERBOSE=1 prints, per call, the allocations counted and the
 * runs that succeeded despite a failed allocation; PARLEY_TORTURE_ONLY=TEXT
 * runs only the calls whose name contains TEXT. To see where allocation N is
 * made: gdb -ex 'break failing_now if state.fail_at == N' -ex run -ex bt.
 */
#define _GNU_SOURCE /* dladdr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlversion.h>

#include "parley/agreement.h"
#include "parley/alloc.h"
#include "parley/backtest.h"
#include "parley/mediate.h"
#include "parley/parley.h"
#include "parley/simulate.h"
#include "parley/tournament.h"
#include "support.h"

/* ---- the test allocator: counts, fails the n-th call, tracks live blocks ---- */

typedef struct torture_state {
    pthread_mutex_t lock;
    size_t calls;        /* malloc and realloc calls since the last reset */
    size_t bytes;        /* bytes they asked for */
    size_t fail_at;      /* 1-based call to fail; 0: none */
    size_t failed;       /* calls made to fail */
    int third_party;     /* the failed call came from jansson or libxml2 */
    size_t live;         /* blocks allocated through the hook and not freed */
    size_t capacity;     /* slots of `table`, a power of two */
    size_t used;         /* slots holding a block or a tombstone */
    uintptr_t *table;    /* open addressing: 0 empty, 1 tombstone, else a block */
} torture_state;

static torture_state state = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0, 0, 0, 0, 0, NULL};

static size_t slot_of(uintptr_t p, size_t capacity)
{
    uint64_t h = (uint64_t)p * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 20) & (capacity - 1);
}

static void table_insert(uintptr_t p);

static void table_rebuild(size_t capacity)
{
    uintptr_t *old = state.table;
    size_t old_capacity = state.capacity;
    state.table = calloc(capacity, sizeof *state.table);
    if (state.table == NULL)
        abort();
    state.capacity = capacity;
    state.used = 0;
    state.live = 0;
    for (size_t k = 0; k < old_capacity; k++)
        if (old[k] > 1)
            table_insert(old[k]);
    free(old);
}

static void table_insert(uintptr_t p)
{
    if (state.capacity == 0 || 2 * (state.used + 1) > state.capacity)
        table_rebuild(state.capacity == 0 ? 1024 : 2 * state.live + 2 > state.capacity / 2
                                                       ? 2 * state.capacity
                                                       : state.capacity);
    size_t k = slot_of(p, state.capacity);
    while (state.table[k] > 1)
        k = (k + 1) & (state.capacity - 1);
    if (state.table[k] == 0)
        state.used++;
    state.table[k] = p;
    state.live++;
}

/* Remove `p`; 0 when it was not allocated through the hook. */
static int table_remove(uintptr_t p)
{
    if (state.capacity == 0)
        return 0;
    for (size_t k = slot_of(p, state.capacity);; k = (k + 1) & (state.capacity - 1)) {
        if (state.table[k] == 0)
            return 0;
        if (state.table[k] == p) {
            state.table[k] = 1;
            state.live--;
            return 1;
        }
    }
}

/* Where a failure is injected: a place for a debugger's breakpoint. */
__attribute__((noinline)) static void failing_now(void)
{
    __asm__ volatile("");
}

/*
 * Was the allocation failing now asked for by jansson or libxml2 rather than
 * by libparley? Frame 0 is this function, 1 next_call_fails, 2 the hook; then
 * come the library's adapters (pli_malloc, the jansson and libxml2 hooks of
 * memory.c: more frames without optimisation), then the caller. libparley
 * never runs inside a jansson or libxml2 frame other than through those
 * adapters, so a shared-object frame of theirs close above the hook marks
 * their allocation.
 */
__attribute__((noinline)) static int from_third_party(void)
{
    void *frames[12];
    int n = backtrace(frames, 12);
    for (int k = 3; k < n; k++) {
        Dl_info where;
        if (dladdr(frames[k], &where) && where.dli_fname != NULL &&
            (strstr(where.dli_fname, "libjansson") || strstr(where.dli_fname, "libxml2")))
            return 1;
    }
    return 0;
}

/* One more call; nonzero when this one must fail. */
__attribute__((noinline)) static int next_call_fails(void)
{
    state.calls++;
    if (state.fail_at != 0 && state.calls == state.fail_at) {
        failing_now();
        state.failed++;
        state.third_party = from_third_party();
        return 1;
    }
    return 0;
}

static void *torture_malloc(size_t size, void *payload)
{
    (void)payload;
    pthread_mutex_lock(&state.lock);
    state.bytes += size;
    void *p = next_call_fails() ? NULL : malloc(size);
    if (p != NULL)
        table_insert((uintptr_t)p);
    pthread_mutex_unlock(&state.lock);
    return p;
}

static void *torture_realloc(void *pointer, size_t size, void *payload)
{
    (void)payload;
    pthread_mutex_lock(&state.lock);
    void *p = NULL;
    state.bytes += size;
    if (!next_call_fails()) {
        int ours = table_remove((uintptr_t)pointer);
        p = realloc(pointer, size);
        if (p != NULL)
            table_insert((uintptr_t)p);
        else if (ours)
            table_insert((uintptr_t)pointer);
    }
    pthread_mutex_unlock(&state.lock);
    return p;
}

static void torture_free(void *pointer, void *payload)
{
    (void)payload;
    pthread_mutex_lock(&state.lock);
    table_remove((uintptr_t)pointer);
    pthread_mutex_unlock(&state.lock);
    free(pointer);
}

static void reset(size_t fail_at)
{
    pthread_mutex_lock(&state.lock);
    state.calls = 0;
    state.bytes = 0;
    state.failed = 0;
    state.third_party = 0;
    state.fail_at = fail_at;
    free(state.table);
    state.table = NULL;
    state.capacity = state.used = state.live = 0;
    pthread_mutex_unlock(&state.lock);
}

/*
 * libxml2 before 2.11 is not safe against failed allocations (it can crash
 * inside xmlParseDocument; 2.11 fixed that after fuzzing its malloc failures),
 * so with those versions its blocks are tracked for leaks but never failed,
 * and the torture covers parley's and jansson's allocations.
 */
#if LIBXML_VERSION < 21100
#define XML_ALLOCATIONS_FAIL 0

static void *xml_track_malloc(size_t size)
{
    pthread_mutex_lock(&state.lock);
    void *p = malloc(size ? size : 1);
    if (p != NULL)
        table_insert((uintptr_t)p);
    pthread_mutex_unlock(&state.lock);
    return p;
}

static void *xml_track_realloc(void *pointer, size_t size)
{
    pthread_mutex_lock(&state.lock);
    int ours = table_remove((uintptr_t)pointer);
    void *p = realloc(pointer, size ? size : 1);
    if (p != NULL)
        table_insert((uintptr_t)p);
    else if (ours)
        table_insert((uintptr_t)pointer);
    pthread_mutex_unlock(&state.lock);
    return p;
}

static void xml_track_free(void *pointer)
{
    torture_free(pointer, NULL);
}

static char *xml_track_strdup(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = xml_track_malloc(n);
    if (copy != NULL)
        memcpy(copy, text, n);
    return copy;
}
#else
#define XML_ALLOCATIONS_FAIL 1
#endif

static void hook(void)
{
    static const pl_allocator allocator = {torture_malloc, torture_realloc, torture_free, NULL};
    assert_int_equal(pl_set_allocator(&allocator), PL_OK);
#if !XML_ALLOCATIONS_FAIL
    xmlMemSetup(xml_track_free, xml_track_malloc, xml_track_realloc, xml_track_strdup);
#endif
}

static void unhook(void)
{
    /*
     * libxml2 keeps the last error of a failed allocation in its own global
     * (per-thread) state until the next error: free it while still hooked, as
     * it is libxml2's, not the call's.
     */
    xmlResetLastError();
    assert_int_equal(pl_set_allocator(NULL), PL_OK);
}

/* ---- the driver ---- */

/* A call under test: runs, frees whatever it made, returns its status. */
typedef int (*torture_call)(void *context);

static int verbose(void)
{
    const char *v = getenv("PARLEY_TORTURE_VERBOSE");
    return v != NULL && v[0] == '1';
}

/*
 * Run `call` once to count its allocations, then once per allocation with
 * that one failing. Fails the test on a leak, on a positive status, or on
 * success when `must_fail` (a failed allocation must not go unnoticed).
 */
static void torture(const char *name, torture_call call, void *context)
{
    /* PARLEY_TORTURE_ONLY=TEXT: only the calls whose name contains TEXT (for debugging). */
    const char *only = getenv("PARLEY_TORTURE_ONLY");
    if (only != NULL && strstr(name, only) == NULL)
        return;
    /* The libraries' one-time initialisation is not the call's: do it unhooked. */
    (void)call(context);
    reset(0);
    hook();
    int rc = call(context);
    unhook();
    size_t count = state.calls, live = state.live;
    if (rc != PL_OK || live != 0)
        print_error("%s: status %d, %zu blocks left without a failure\n", name, rc, live);
    assert_int_equal(rc, PL_OK);
    assert_int_equal(live, 0);
    size_t succeeded = 0;
    for (size_t n = 1; n <= count; n++) {
        reset(n);
        hook();
        rc = call(context);
        unhook();
        if (state.live != 0 || rc > 0)
            print_error("%s: allocation %zu of %zu failed: status %d, %zu blocks leaked\n",
                        name, n, count, rc, state.live);
        assert_int_equal(state.live, 0);
        assert_true(rc <= 0);
        if (rc == PL_OK && state.failed > 0 && !state.third_party)
            print_error("%s: allocation %zu of %zu (libparley's) failed and the call still "
                        "succeeded\n", name, n, count);
        assert_false(rc == PL_OK && state.failed > 0 && !state.third_party);
        if (rc == PL_OK && state.failed > 0) {
            succeeded++;
            if (verbose())
                printf("torture %s: succeeded with allocation %zu of %zu failing\n", name, n,
                       count);
        }
    }
    reset(0);
    if (verbose())
        printf("torture %-28s %6zu allocations, %zu runs succeeded despite a failure\n", name,
               count, succeeded);
}

/* ---- inputs ---- */

typedef struct input {
    char *data;
    size_t size;
} input;

static input load_input(const char *relative)
{
    input in = {NULL, 0};
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_read_file(test_data_path(relative), PL_DEFAULT_MAX_INPUT_BYTES, &in.data,
                                  &in.size, &diag),
                     PL_OK);
    return in;
}

/* ---- readers ---- */

typedef struct reader_case {
    test_reader reader;
    const char *file;
    input in;
} reader_case;

/* A reader's status; 1 when it failed but returned a scenario, 2 when it failed silently. */
static int reader_outcome(int rc, pl_scenario *s, const pl_diag *diag)
{
    if (rc != PL_OK && s != NULL)
        return 1; /* a failed reader must return no scenario */
    if (rc != PL_OK && diag->message[0] == '\0')
        return 2; /* ... and say why */
    pl_scenario_free(s);
    return rc;
}

static int call_reader(void *context)
{
    reader_case *c = context;
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = c->reader(c->file, c->in.data, c->in.size, &s, &diag);
    return reader_outcome(rc, s, &diag);
}

static void torture_reader(const char *name, test_reader reader, const char *file)
{
    reader_case c = {reader, file, load_input(file)};
    torture(name, call_reader, &c);
    free(c.in.data);
}

static void test_parley_json(void **unused)
{
    (void)unused;
    torture_reader("pl_read_parley_json", pl_read_parley_json, "native/full.json");
}

static void test_ktab_csv(void **unused)
{
    (void)unused;
    torture_reader("pl_read_ktab_csv", pl_read_ktab_csv, "ktab/dummyData_3Dim.csv");
}

static void test_ktab_xml(void **unused)
{
    (void)unused;
    torture_reader("pl_read_ktab_xml", pl_read_ktab_xml, "ktab/dummyData_3Dim.xml");
}

static void test_stakeholder(void **unused)
{
    (void)unused;
    torture_reader("pl_read_stakeholder_csv", pl_read_stakeholder_csv,
                   "stakeholder/emission_standards.csv");
}

static void test_decide(void **unused)
{
    (void)unused;
    torture_reader("pl_read_decide", pl_read_decide, "decide/toll-road.txt");
}

static void test_deu(void **unused)
{
    (void)unused;
    torture_reader("pl_read_deu", pl_read_deu, "deu/deu3-subset.csv");
}

/* GENIUS and GeniusWeb: a domain and two profiles. */
typedef struct genius_case {
    int web;
    const char *sources[3];
    input in[3];
} genius_case;

static int call_genius(void *context)
{
    genius_case *c = context;
    const char *data[2] = {c->in[1].data, c->in[2].data};
    size_t sizes[2] = {c->in[1].size, c->in[2].size};
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = (c->web ? pl_read_geniusweb : pl_read_genius)(
        c->sources[0], c->in[0].data, c->in[0].size, 2, c->sources + 1, data, sizes, &s, &diag);
    return reader_outcome(rc, s, &diag);
}

static void torture_genius(const char *name, int web, const char *domain, const char *a,
                           const char *b)
{
    genius_case c = {web, {domain, a, b}, {load_input(domain), load_input(a), load_input(b)}};
    torture(name, call_genius, &c);
    for (size_t k = 0; k < 3; k++)
        free(c.in[k].data);
}

static void test_genius(void **unused)
{
    (void)unused;
    torture_genius("pl_read_genius", 0, "genius/laptop/laptop_domain.xml",
                   "genius/laptop/laptop_buyer_utility.xml",
                   "genius/laptop/laptop_seller_utility.xml");
}

static void test_geniusweb(void **unused)
{
    (void)unused;
    torture_genius("pl_read_geniusweb", 1, "genius/geniusweb/jobs_domain.json",
                   "genius/geniusweb/jobs1.json", "genius/geniusweb/jobs2.json");
}

/* pl_load_scenario_files: file reading, format detection, the GENIUS pairing. */
static int call_load_files(void *context)
{
    const char *const *paths = context;
    size_t n = 0;
    while (paths[n] != NULL)
        n++;
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_load_scenario_files(paths, n, &s, &diag);
    pl_scenario_free(s);
    return rc;
}

static void test_load_files(void **unused)
{
    (void)unused;
    char json[4096], domain[4096], a[4096], b[4096];
    snprintf(json, sizeof json, "%s", test_data_path("native/minimal.json"));
    snprintf(domain, sizeof domain, "%s", test_data_path("genius/laptop/laptop_domain.xml"));
    snprintf(a, sizeof a, "%s", test_data_path("genius/laptop/laptop_buyer_utility.xml"));
    snprintf(b, sizeof b, "%s", test_data_path("genius/laptop/laptop_seller_utility.xml"));
    const char *one[] = {json, NULL};
    const char *three[] = {domain, a, b, NULL};
    torture("pl_load_scenario_files (json)", call_load_files, one);
    torture("pl_load_scenario_files (genius)", call_load_files, three);
}

/* ---- models and analyses, on scenarios read before the hook is set ---- */

static pl_scenario *load_scenario(const char *relative)
{
    return test_load(test_data_path(relative));
}

static pl_scenario *load_genius_laptop(void)
{
    char domain[4096], a[4096], b[4096];
    snprintf(domain, sizeof domain, "%s", test_data_path("genius/laptop/laptop_domain.xml"));
    snprintf(a, sizeof a, "%s", test_data_path("genius/laptop/laptop_buyer_utility.xml"));
    snprintf(b, sizeof b, "%s", test_data_path("genius/laptop/laptop_seller_utility.xml"));
    const char *paths[] = {domain, a, b};
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_load_scenario_files(paths, 3, &s, &diag), PL_OK);
    return s;
}

static int call_predict_static(void *context)
{
    const pl_scenario *s = context;
    double forecast[64];
    assert_true(s->n_issues <= 64);
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_predict(s, PL_MODEL_COMPROMISE, forecast, &diag);
    if (rc == PL_OK)
        rc = pl_predict(s, PL_MODEL_MEDIAN, forecast, &diag);
    return rc;
}

static int call_eu(void *context)
{
    pl_eu_options options;
    pl_eu_options_init(&options);
    pl_eu_result *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_eu_run(context, &options, &result, &diag);
    pl_eu_result_free(result);
    return rc;
}

static int call_exchange(void *context)
{
    pl_exchange_options options;
    pl_exchange_options_init(&options);
    pl_exchange_result *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_exchange_run(context, &options, &result, &diag);
    pl_exchange_result_free(result);
    return rc;
}

static int smp_threads = 1;

static int call_smp(void *context)
{
    pl_smp_options options;
    pl_smp_options_init(&options);
    options.threads = smp_threads;
    options.max_rounds = 5;
    pl_smp_result *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_smp_run(context, &options, &result, &diag);
    pl_smp_result_free(result);
    return rc;
}

static int call_frontier(void *context)
{
    pl_frontier_options options = PL_FRONTIER_OPTIONS_INIT;
    options.continuous_steps = 4;
    pl_frontier *frontier = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_frontier_compute(context, &options, &frontier, &diag);
    pl_frontier_free(frontier);
    return rc;
}

static int call_backtest(void *context)
{
    const pl_scenario *scenarios[1] = {context};
    pl_backtest_options options = PL_BACKTEST_OPTIONS_INIT;
    options.bootstrap = 20;
    pl_backtest *backtest = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_backtest_run(scenarios, 1, &options, &backtest, &diag);
    pl_backtest_free(backtest);
    return rc;
}

static int call_evaluate(void *context)
{
    const pl_scenario *s = context;
    pl_evaluation *evaluation = NULL;
    int rc = pl_evaluate(s, s->proposals[0].values, &evaluation);
    pl_evaluation_free(evaluation);
    return rc;
}

static int call_red_lines(void *context)
{
    pl_red_line_analysis *analysis = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_analyse_red_lines(context, &analysis, &diag);
    pl_red_line_analysis_free(analysis);
    return rc;
}

static int call_write_json(void *context)
{
    char *text = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_write_parley_json(context, &text, &diag);
    if (rc != PL_OK && text != NULL)
        return 1;
    /* The text was allocated through the hook: free it there. */
    if (text != NULL)
        torture_free(text, NULL);
    return rc;
}

static int call_write_genius(void *context)
{
    const pl_scenario *s = context;
    char *domain = NULL, **profiles = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_write_genius(s, &domain, &profiles, &diag);
    if (rc != PL_OK)
        return domain != NULL || profiles != NULL ? 1 : rc;
    torture_free(domain, NULL);
    for (size_t k = 0; k < s->n_actors; k++)
        torture_free(profiles[k], NULL);
    torture_free(profiles, NULL);
    return rc;
}

static int call_copy(void *context)
{
    pl_scenario *copy = NULL;
    int rc = pl_scenario_copy(context, &copy);
    if (rc != PL_OK && copy != NULL)
        return 1;
    pl_scenario_free(copy);
    return rc;
}

static int call_validate(void *context)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    return pl_scenario_validate(context, &diag);
}

/* ---- simulation and agreement ---- */

static pl_protocol sim_protocol = PL_PROTOCOL_SAO;
static int sim_threads = 1;

static int call_negotiate(void *context)
{
    pl_simulation_options options;
    pl_simulation_options_init(&options);
    options.protocol = sim_protocol;
    options.steps = 20;
    options.trace = 1;
    pl_negotiation *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_negotiate(context, &options, &result, &diag);
    if (rc != PL_OK && result != NULL)
        return 1;
    pl_negotiation_free(result);
    return rc;
}

static int call_montecarlo(void *context)
{
    pl_montecarlo_options options;
    pl_montecarlo_options_init(&options);
    options.simulation.protocol = sim_protocol;
    options.simulation.steps = 12;
    options.runs = 3;
    options.threads = sim_threads;
    options.keep_runs = 1; /* the per-run arrays change hands: no leak, no double free */
    pl_montecarlo *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_montecarlo_run(context, &options, NULL, &result, &diag);
    if (rc != PL_OK && result != NULL)
        return 1;
    pl_montecarlo_free(result);
    return rc;
}

static int call_tournament(void *context)
{
    pl_agent agents[2];
    assert_int_equal(pl_agent_parse("boulware", &agents[0]), PL_OK);
    assert_int_equal(pl_agent_parse("tit-for-tat", &agents[1]), PL_OK);
    pl_tournament_options options;
    pl_tournament_options_init(&options);
    options.montecarlo.runs = 1;
    options.montecarlo.simulation.steps = 20;
    options.n_agents = 2;
    options.agents = agents;
    pl_tournament *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_tournament_run(context, &options, NULL, &result, &diag);
    if (rc != PL_OK && result != NULL)
        return 1;
    pl_tournament_free(result);
    return rc;
}

static int call_agreement(void *context)
{
    pl_agreement_options options = PL_AGREEMENT_OPTIONS_INIT;
    options.max_set = 1; /* relaxation sets of one constraint: far fewer allocations */
    options.continuous_steps = 4;
    pl_agreement *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_agreement_compute(context, &options, &result, &diag);
    if (rc != PL_OK && result != NULL)
        return 1;
    pl_agreement_free(result);
    return rc;
}

static int call_mediate(void *context)
{
    pl_mediation *result = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_mediate(context, NULL, NULL, &result, &diag);
    if (rc != PL_OK && result != NULL)
        return 1;
    pl_mediation_free(result);
    return rc;
}

static void torture_on(const char *name, torture_call call, pl_scenario *s)
{
    torture(name, call, s);
    pl_scenario_free(s);
}

static void test_static_models(void **unused)
{
    (void)unused;
    torture_on("compromise, median", call_predict_static, load_scenario("ktab/dummyData_3Dim.csv"));
}

static void test_eu(void **unused)
{
    (void)unused;
    torture_on("pl_eu_run", call_eu, load_scenario("stakeholder/emission_standards.csv"));
}

static void test_exchange(void **unused)
{
    (void)unused;
    torture_on("pl_exchange_run", call_exchange, load_scenario("decide/toll-road.txt"));
}

static void test_smp(void **unused)
{
    (void)unused;
    smp_threads = 1;
    torture_on("pl_smp_run (1 thread)", call_smp, load_scenario("ktab/dummyData_3Dim.csv"));
    smp_threads = 2;
    torture_on("pl_smp_run (2 threads)", call_smp, load_scenario("ktab/dummyData_3Dim.csv"));
    smp_threads = 1;
}

static void test_frontier(void **unused)
{
    (void)unused;
    torture_on("pl_frontier_compute (json)", call_frontier, load_scenario("native/minimal.json"));
    torture_on("pl_frontier_compute (genius)", call_frontier, load_genius_laptop());
}

static void test_backtest(void **unused)
{
    (void)unused;
    torture_on("pl_backtest_run", call_backtest, load_scenario("native/outcomes.json"));
}

static void test_analyses(void **unused)
{
    (void)unused;
    torture_on("pl_evaluate", call_evaluate, load_scenario("native/full.json"));
    torture_on("pl_analyse_red_lines", call_red_lines, load_scenario("native/full.json"));
    torture_on("pl_scenario_validate", call_validate, load_scenario("native/full.json"));
}

static void test_simulation(void **unused)
{
    (void)unused;
    /* Laptop: 27 outcomes, ranked exactly (spec §3); full.json: continuous, searched. */
    torture_on("pl_negotiate (sao, exact)", call_negotiate, load_genius_laptop());
    torture_on("pl_negotiate (sao, search)", call_negotiate, load_scenario("native/full.json"));
    sim_protocol = PL_PROTOCOL_MEDIATOR;
    torture_on("pl_negotiate (mediator)", call_negotiate, load_scenario("native/full.json"));
    /* outcomes.json: linear utilities, so the mediator solves its belief problem */
    torture_on("pl_negotiate (mediator, zone problem)", call_negotiate,
               load_scenario("native/outcomes.json"));
    sim_protocol = PL_PROTOCOL_SAO;
    torture_on("pl_tournament_run", call_tournament, load_genius_laptop());
}

static void test_montecarlo(void **unused)
{
    (void)unused;
    /* full.json: an uncertainty group (position, capability, red line) and a shock. */
    torture_on("pl_montecarlo_run (1 thread)", call_montecarlo, load_scenario("native/full.json"));
    sim_threads = 2;
    torture_on("pl_montecarlo_run (2 threads)", call_montecarlo,
               load_scenario("native/full.json"));
    sim_threads = 1;
    sim_protocol = PL_PROTOCOL_MEDIATOR;
    torture_on("pl_montecarlo_run (mediator)", call_montecarlo,
               load_scenario("native/full.json"));
    /* report/zone.json: linear, a zone, drawn reservations and a position */
    torture_on("pl_montecarlo_run (mediator, zone problem)", call_montecarlo,
               load_scenario("report/zone.json"));
    sim_protocol = PL_PROTOCOL_SAO;
}

static void test_agreement(void **unused)
{
    (void)unused;
    /* The default scenario: a conflict of red lines, relaxation sets, closest packages. */
    const char *peace = "../../examples/peace-talks-2025.json";
    torture_on("pl_agreement_compute", call_agreement, load_scenario(peace));
    torture_on("pl_mediate", call_mediate, load_scenario(peace));
    torture_on("pl_agreement_compute (zone)", call_agreement,
               load_scenario("native/outcomes.json"));
}

static void test_writers(void **unused)
{
    (void)unused;
    torture_on("pl_write_parley_json", call_write_json, load_scenario("native/full.json"));
    torture_on("pl_write_genius", call_write_genius, load_genius_laptop());
    torture_on("pl_scenario_copy", call_copy, load_scenario("native/full.json"));
}

/* pl_write_file_atomic: the target path (links followed) and the temporary name. */
static int call_write_file(void *context)
{
    const char *path = context;
    pl_diag diag;
    pl_diag_clear(&diag);
    return pl_write_file_atomic(path, "{}\n", 3, &diag);
}

static void test_write_file(void **unused)
{
    (void)unused;
    char directory[] = "/tmp/parley-torture-XXXXXX";
    assert_non_null(mkdtemp(directory));
    char path[256];
    snprintf(path, sizeof path, "%s/out.json", directory);
    torture("pl_write_file_atomic", call_write_file, path);
    unlink(path);
    rmdir(directory);
}

/* ---- paths (parley/paths.h) ---- */

/* An assignment on a copy (so that every run starts from the same scenario), then freed. */
static int call_set(void *context)
{
    pl_scenario *copy = NULL;
    if (pl_scenario_copy(context, &copy) != PL_OK)
        return PL_ERR_NOMEM;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_scenario_set_assignment(copy, "actors.north.red_lines.border.max=9", &diag);
    if (rc == PL_OK && pl_scenario_stance_const(copy, 0, 0) == NULL)
        rc = 1;
    pl_scenario_free(copy);
    return rc;
}

static int call_diff(void *context)
{
    pl_scenario *const *pair = context;
    pl_scenario_changes *changes = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_scenario_diff(pair[0], pair[1], &changes, &diag);
    if (rc != PL_OK && changes != NULL)
        return 1;
    if (rc == PL_OK && changes->n_changes == 0)
        rc = 2; /* the two differ */
    pl_scenario_changes_free(changes);
    return rc;
}

static void test_paths(void **unused)
{
    (void)unused;
    torture_on("pl_scenario_set", call_set, load_scenario("native/full.json"));
    pl_scenario *pair[2] = {load_scenario("native/full.json"), load_scenario("native/full.json")};
    pl_diag diag;
    assert_int_equal(pl_scenario_set(pair[1], "actors.north.capability", "3", &diag), PL_OK);
    assert_int_equal(pl_scenario_set(pair[1], "proposals", "null", &diag), PL_OK);
    torture("pl_scenario_diff", call_diff, pair);
    pl_scenario_free(pair[0]);
    pl_scenario_free(pair[1]);
}

/* ---- the builder calls ---- */

/*
 * Issues and actors added in turns, so that the stance matrix both gains rows
 * (an actor) and is laid out again wider (an issue); the scenario is checked,
 * then freed. Failing allocation n must leave a scenario pl_scenario_free()
 * frees whole.
 */
static int call_builder(void *context)
{
    size_t rounds = *(const size_t *)context;
    pl_scenario *s = NULL;
    int rc = pl_scenario_new(&s);
    char id[32];
    for (size_t k = 0; rc == PL_OK && k < rounds; k++) {
        snprintf(id, sizeof id, "issue%zu", k);
        rc = pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, NULL);
        for (size_t a = 0; rc == PL_OK && a < 3; a++) {
            snprintf(id, sizeof id, "actor%zu.%zu", k, a);
            size_t index;
            rc = pl_scenario_add_actor(s, id, NULL, 1.0 + (double)a, &index);
            if (rc == PL_OK)
                rc = pl_scenario_set_position(s, index, k, 10.0 * (double)a, 0.5);
        }
    }
    if (rc == PL_OK) {
        /* Every stance is where it was set, and only there: the layout survived growth. */
        for (size_t a = 0; a < s->n_actors; a++)
            for (size_t i = 0; i < s->n_issues; i++) {
                const pl_stance *st = pl_scenario_stance(s, a, i);
                int set = i == a / 3;
                if (st->salience != (set ? 0.5 : 0.0) ||
                    st->position != (set ? 10.0 * (double)(a % 3) : 0.0))
                    rc = 3;
            }
        if (s->n_actors != 3 * rounds || s->n_issues != rounds ||
            s->actors[s->n_actors - 1].capability != 3.0)
            rc = 4;
    }
    pl_scenario_free(s);
    return rc;
}

static void test_builder(void **unused)
{
    (void)unused;
    size_t rounds = 6;
    torture("pl_scenario_add_*", call_builder, &rounds);
}

/*
 * Adding n issues or actors one at a time makes O(n) allocations and copies
 * O(n) elements, not O(n^2): the arrays keep room ahead (capacities in
 * pl_scenario). Each issue and actor allocates its id and name; growth adds
 * only about log_1.5(n) reallocations per array. Before the capacities every
 * issue and every actor reallocated its array (and the actor, the stance
 * matrix): 3 x 10 000 + 4 x 2 000 calls here, and under ASan, whose realloc
 * always copies, 10 000 KTAB dimensions took 4.5 s (docs/robustness.md,
 * fuzzing finding 2).
 */
static void test_builder_growth(void **unused)
{
    (void)unused;
    enum { ISSUES = 10000, ACTORS = 2000 };
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    char id[32];
    reset(0);
    hook();
    for (size_t i = 0; i < ISSUES; i++) {
        snprintf(id, sizeof id, "d%zu", i);
        assert_int_equal(pl_scenario_add_continuous_issue(s, id, NULL, 0, 100, NULL), PL_OK);
    }
    size_t issue_calls = state.calls;
    reset(0);
    for (size_t a = 0; a < ACTORS; a++) {
        snprintf(id, sizeof id, "a%zu", a);
        assert_int_equal(pl_scenario_add_actor(s, id, NULL, 1.0, NULL), PL_OK);
    }
    size_t actor_calls = state.calls;
    unhook();
    reset(0);
    /* id and name per element, plus growth: at most 30 reallocations per array. */
    assert_true(issue_calls >= 2 * ISSUES && issue_calls <= 2 * ISSUES + 30);
    assert_true(actor_calls >= 2 * ACTORS && actor_calls <= 2 * ACTORS + 2 * 30);
    assert_true(s->issues_capacity >= ISSUES && s->issues_capacity < 2 * ISSUES);
    assert_true(s->actors_capacity >= ACTORS && s->actors_capacity < 2 * ACTORS);
    assert_string_equal(s->issues[ISSUES - 1].id, "d9999");
    assert_string_equal(s->actors[ACTORS - 1].name, "a1999");
    assert_true(pl_scenario_stance(s, ACTORS - 1, ISSUES - 1)->salience == 0.0);
    /* A copy holds exactly what it needs, and grows from there. */
    pl_scenario *copy = NULL;
    assert_int_equal(pl_scenario_copy(s, &copy), PL_OK);
    assert_int_equal(copy->issues_capacity, 0);
    assert_int_equal(pl_scenario_add_actor(copy, "late", NULL, 2.0, NULL), PL_OK);
    assert_int_equal(copy->n_actors, ACTORS + 1);
    assert_true(pl_scenario_stance(copy, ACTORS, 0)->position == 0.0);
    pl_scenario_free(copy);
    pl_scenario_free(s);
}

/* ---- long-format tables ---- */

typedef struct tables_case {
    size_t n;
    const char *sources[3];
    const char *data[3];
    size_t sizes[3];
} tables_case;

static tables_case tables(size_t n, const char *const *sources, const char *const *texts)
{
    tables_case c = {n, {NULL}, {NULL}, {0}};
    for (size_t k = 0; k < n; k++) {
        c.sources[k] = sources[k];
        c.data[k] = texts[k];
        c.sizes[k] = strlen(texts[k]);
    }
    return c;
}

static int call_long_tables(void *context)
{
    tables_case *c = context;
    pl_scenario *s = NULL;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = pl_read_long_tables(c->n, c->sources, c->data, c->sizes, &s, &diag, NULL);
    return reader_outcome(rc, s, &diag);
}

/* Without an issues table (a first pass over the long table finds the issues), and with one. */
static void test_long_tables(void **unused)
{
    (void)unused;
    static const char *const sources[] = {"long.csv", "actors.csv", "issues.csv"};
    static const char *const texts[] = {
        "Actor,Issue,Position,Salience,Note\n"
        "north,border,20,0.9,x\nsouth,border,80,0.8,\nnorth,trade,60,40%,\n"
        "south,trade,30,0.5,\neast,aid,10,0.2,\n",
        "Actor,Capability,Veto\nnorth,3,yes\nsouth,2,no\neast,1,\n",
        "Issue,Low,High\nborder,0,100\ntrade,0,100\naid,0,50\n",
    };
    tables_case two = tables(2, sources, texts), three = tables(3, sources, texts);
    torture("pl_read_long_tables (long, actors)", call_long_tables, &two);
    torture("pl_read_long_tables (long, actors, issues)", call_long_tables, &three);
}

/*
 * A long table naming a new actor and a new issue on every row: each issue is
 * added before any actor, so the stance matrix is never laid out again with
 * actors in it. The bytes asked of the allocator stay within a small multiple
 * of the final matrix; adding each issue after the actors read so far asked
 * for sum k^2 stances: 1.1 GB here for a 4.3 MB matrix; 1 000 such rows took
 * 8 s to read (docs/robustness.md, "Work limits").
 */
static void test_long_tables_growth(void **unused)
{
    (void)unused;
    enum { N = 300 };
    char *text = malloc(64 * (N + 1));
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "Actor,Issue,Position,Salience\n");
    for (size_t k = 0; k < N; k++)
        used += (size_t)sprintf(text + used, "a%zu,i%zu,%zu,0.5\n", k, k, k % 100);
    const char *source = "diagonal.csv";
    const char *data = text;
    pl_scenario *s = NULL;
    pl_diag diag;
    reset(0);
    hook();
    int rc = pl_read_long_tables(1, &source, &data, &used, &s, &diag, NULL);
    unhook();
    size_t bytes = state.bytes;
    reset(0);
    assert_int_equal(rc, PL_OK);
    assert_int_equal(s->n_actors, N);
    assert_int_equal(s->n_issues, N);
    /* Issues and actors in the order they first appear, each stance where its row put it. */
    assert_string_equal(s->issues[N - 1].id, "i299");
    assert_string_equal(s->actors[7].id, "a7");
    assert_true(pl_scenario_stance(s, 7, 7)->position == 7.0);
    assert_true(pl_scenario_stance(s, 7, 8)->salience == 0.0);
    size_t matrix = (size_t)N * N * sizeof(pl_stance);
    if (bytes > 8 * matrix)
        print_error("reading %d x %d asked for %zu bytes, the matrix is %zu\n", N, N, bytes,
                    matrix);
    assert_true(bytes <= 8 * matrix);
    pl_scenario_free(s);
    free(text);
}

/* The hook refuses an incomplete allocator and restores the default with NULL. */
static void test_set_allocator(void **unused)
{
    (void)unused;
    pl_allocator incomplete = {torture_malloc, NULL, torture_free, NULL};
    assert_int_equal(pl_set_allocator(&incomplete), PL_ERR_ARGUMENT);
    hook();
    reset(1);
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_new(&s), PL_ERR_NOMEM);
    assert_null(s);
    unhook();
    reset(0);
    assert_int_equal(pl_scenario_new(&s), PL_OK);
    assert_int_equal(state.calls, 0); /* the C library's allocator again */
    pl_scenario_free(s);
}

/* libxml2 reports a failed parser-context allocation on stderr; keep the log readable. */
static void silent(void *context, const char *format, ...)
{
    (void)context;
    (void)format;
}

int main(void)
{
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, silent);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_allocator),
        cmocka_unit_test(test_parley_json),
        cmocka_unit_test(test_ktab_csv),
        cmocka_unit_test(test_ktab_xml),
        cmocka_unit_test(test_stakeholder),
        cmocka_unit_test(test_decide),
        cmocka_unit_test(test_deu),
        cmocka_unit_test(test_genius),
        cmocka_unit_test(test_geniusweb),
        cmocka_unit_test(test_load_files),
        cmocka_unit_test(test_static_models),
        cmocka_unit_test(test_eu),
        cmocka_unit_test(test_exchange),
        cmocka_unit_test(test_smp),
        cmocka_unit_test(test_frontier),
        cmocka_unit_test(test_backtest),
        cmocka_unit_test(test_analyses),
        cmocka_unit_test(test_simulation),
        cmocka_unit_test(test_montecarlo),
        cmocka_unit_test(test_agreement),
        cmocka_unit_test(test_writers),
        cmocka_unit_test(test_write_file),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_builder),
        cmocka_unit_test(test_builder_growth),
        cmocka_unit_test(test_long_tables),
        cmocka_unit_test(test_long_tables_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
