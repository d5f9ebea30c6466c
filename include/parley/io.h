/*
 * parley/io.h - readers and writers of scenario files.
 *
 * Every reader parses bytes the caller supplies (so the library does no file
 * I/O of its own beyond pl_read_file) into a new pl_scenario, validates it,
 * and on failure fills `diag` with the position (line and column, 1-based)
 * and a message. `source` names the input in diagnostics (usually its path).
 * Readers never print and never keep state between calls.
 */
#ifndef PARLEY_IO_H
#define PARLEY_IO_H

#include <stddef.h>

#include "parley/export.h"
#include "parley/scenario.h"
#include "parley/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Input formats parley reads. */
typedef enum pl_format {
    PL_FORMAT_UNKNOWN = 0,
    PL_FORMAT_PARLEY_JSON,   /**< the native format, docs/scenario-format.md */
    PL_FORMAT_KTAB_CSV,      /**< KTAB spatial-model table */
    PL_FORMAT_KTAB_XML,      /**< KTAB spatial-model XML (smpSchema.xsd) */
    PL_FORMAT_STAKEHOLDER,   /**< one-issue table Actor,Capability,Position,Salience */
    PL_FORMAT_DECIDE,        /**< Decide exchange-model file (#A/#P/#M/#D rows) */
    PL_FORMAT_DEU,           /**< DEU III table (Arregui and Perarnaud), docs/backtest.md */
    PL_FORMAT_GENIUS_DOMAIN, /**< GENIUS domain XML (<negotiation_template>), docs/formats.md */
    PL_FORMAT_GENIUS_PROFILE,/**< GENIUS additive profile XML (<utility_space>) */
    PL_FORMAT_GENIUSWEB,     /**< GeniusWeb domain or LinearAdditiveUtilitySpace profile JSON */
    PL_FORMAT_LONG_TABLE,    /**< long-format table Actor,Issue,Position,Salience, docs/formats.md */
    PL_FORMAT_ISSUES_TABLE,  /**< its issues table Issue,Low,High[,Outcome,Reference,Name] */
    PL_FORMAT_ACTORS_TABLE   /**< its actors table Actor,Capability[,Reservation,Veto] */
} pl_format;

/** Room for any pl_format_real() text with its NUL ("-2.2250738585072014e-308"). */
#define PL_REAL_CHARS 32

/**
 * Write `value` in the shortest decimal form that reads back (strtod) to the
 * same double: "0.35", "1e-07", "3", "-0", "nan", "inf". The digits are those
 * of the Dragonbox algorithm (libfmt's "{}"). Returns the length written,
 * without the NUL; `out` holds PL_REAL_CHARS bytes.
 */
PL_API size_t pl_format_real(double value, char out[PL_REAL_CHARS]);

/**
 * The same as a JSON number that reads back as a real: ".0" added to a whole
 * value ("3.0", "-0.0"; "1e+16" keeps its form), "null" for NaN and infinities,
 * which JSON cannot write. Returns the length, without the NUL.
 */
PL_API size_t pl_format_json_real(double value, char out[PL_REAL_CHARS]);

/** Short name of a format ("parley", "ktab-csv", ...). */
PL_API const char *pl_format_name(pl_format format);

/** Largest input file parley reads by default (bytes). */
#define PL_DEFAULT_MAX_INPUT_BYTES ((size_t)256 * 1024 * 1024)

/**
 * Read a whole file into a NUL-terminated buffer (freed with free()).
 * Refuses files larger than `max_bytes` with PL_ERR_LIMIT.
 */
PL_API int pl_read_file(const char *path, size_t max_bytes, char **data_out, size_t *size_out,
                        pl_diag *diag);

/**
 * Recognise the format of a file from its content (and, where content alone
 * is ambiguous, its name). Never fails: PL_FORMAT_UNKNOWN when nothing fits.
 */
PL_API pl_format pl_detect_format(const char *source, const char *data, size_t size);

/** Parse `data` in the given format (PL_FORMAT_UNKNOWN: detect it). */
PL_API int pl_read_scenario(pl_format format, const char *source, const char *data, size_t size,
                            pl_scenario **out, pl_diag *diag);

/** Read and parse a file, detecting its format. */
PL_API int pl_load_scenario(const char *path, pl_scenario **out, pl_diag *diag);

/**
 * Read one scenario from several files. One path: as pl_load_scenario(). A
 * GENIUS domain followed by one profile per party (or a GeniusWeb domain
 * followed by its profiles): one scenario, one actor per profile. Anything
 * else is refused with a diagnostic whose source is the file that does not
 * fit. A GENIUS domain or profile given alone is refused by pl_load_scenario().
 */
PL_API int pl_load_scenario_files(const char *const *paths, size_t n, pl_scenario **out,
                                  pl_diag *diag);

/**
 * Read a long-format table and, optionally, its issues table and actors table
 * from buffers (docs/formats.md "Long-format tables"): `n` tables in any
 * order, each recognised by its header, separators `,` `;` or tab. Errors
 * name the table (its source) with line and column. With `list` non-NULL,
 * every bad cell is added to it (up to its limit) and reading goes on to the
 * end; `diag` holds the first. `list` may be NULL.
 */
PL_API int pl_read_long_tables(size_t n, const char *const *sources, const char *const *data,
                               const size_t *sizes, pl_scenario **out, pl_diag *diag,
                               pl_diag_list *list);

/**
 * Read (as pl_read_scenario()) and validate, collecting every error up to
 * list->limit (`list` may not be NULL); returns the first error's status,
 * PL_OK when none. The first error is list->items[0].
 */
PL_API int pl_check_scenario(pl_format format, const char *source, const char *data, size_t size,
                             pl_scenario **out, pl_diag_list *list);

/**
 * pl_load_scenario_files() collecting every error as pl_check_scenario()
 * does (a folder, or several tables, included).
 */
PL_API int pl_check_scenario_files(const char *const *paths, size_t n, pl_scenario **out,
                                   pl_diag_list *list);

/**
 * Read a GENIUS domain and its additive profiles from buffers (GENIUS
 * utility semantics, docs/formats.md "GENIUS"): every issue becomes an
 * options issue (option ids = the value labels; integer values and the 21
 * steps of a real issue placed on the issue's range), every profile an actor
 * (id = the profile's name attribute, else its source's file stem;
 * capability 1; veto 1) whose saliences are the normalised weights and
 * whose option values are the normalised evaluations. Errors name the file
 * (its source) with line and column. Non-linear (hyper-rectangle) profiles
 * are refused with PL_ERR_UNSUPPORTED.
 */
PL_API int pl_read_genius(const char *domain_source, const char *domain_data, size_t domain_size,
                          size_t n_profiles, const char *const *profile_sources,
                          const char *const *profile_data, const size_t *profile_sizes,
                          pl_scenario **out, pl_diag *diag);

/** The same for a GeniusWeb domain JSON and LinearAdditiveUtilitySpace profiles. */
PL_API int pl_read_geniusweb(const char *domain_source, const char *domain_data, size_t domain_size,
                             size_t n_profiles, const char *const *profile_sources,
                             const char *const *profile_data, const size_t *profile_sizes,
                             pl_scenario **out, pl_diag *diag);

/* The individual readers (same contract as pl_read_scenario). */
PL_API int pl_read_parley_json(const char *source, const char *data, size_t size, pl_scenario **out,
                               pl_diag *diag);
PL_API int pl_read_ktab_csv(const char *source, const char *data, size_t size, pl_scenario **out,
                            pl_diag *diag);
PL_API int pl_read_ktab_xml(const char *source, const char *data, size_t size, pl_scenario **out,
                            pl_diag *diag);
PL_API int pl_read_stakeholder_csv(const char *source, const char *data, size_t size,
                                   pl_scenario **out, pl_diag *diag);
PL_API int pl_read_decide(const char *source, const char *data, size_t size, pl_scenario **out,
                          pl_diag *diag);

/**
 * How the DEU reader gives actors their capability (docs/backtest.md, "Capability").
 * Whatever the rule, every model of a backtest sees the same capabilities.
 */
typedef enum pl_deu_capability {
    /**
     * The default. Member states: their Council voting weight in the period of
     * the row's adoption date (`finact`, else `intro`) when `counvte` says
     * qualified majority; Commission and Parliament: the largest state's
     * weight. Under unanimity every actor counts 1. Set per issue (stance
     * capability); every actor's own capability is 1.
     */
    PL_DEU_CAPABILITY_COUNCIL = 0,
    PL_DEU_CAPABILITY_EQUAL = 1 /**< every actor 1 on every issue */
} pl_deu_capability;

/**
 * Read a DEU III table: semicolon-separated, a header naming the columns,
 * one row per proposal x issue. Each row becomes one continuous issue on
 * [0, 100] (id "<prnrnmc>-<isnr>") with its reference point (`rp`) and
 * observed outcome (`out`); each actor column pair p<actor>/s<actor> of the
 * header becomes one actor, with a stance on the rows where it has a
 * position (salience /100; 50 when missing). Empty or 999 means missing.
 * Every malformed input gives one diagnostic with line and column.
 * pl_read_deu() uses PL_DEU_CAPABILITY_COUNCIL. O(rows x columns).
 */
PL_API int pl_read_deu(const char *source, const char *data, size_t size, pl_scenario **out,
                       pl_diag *diag);
PL_API int pl_read_deu_with(const char *source, const char *data, size_t size,
                            pl_deu_capability capability, pl_scenario **out, pl_diag *diag);

/**
 * Write a scenario in the native JSON format into a new NUL-terminated
 * buffer (freed with free()). The output reads back to an equal scenario.
 */
PL_API int pl_write_parley_json(const pl_scenario *scenario, char **text_out, pl_diag *diag);

/**
 * Write a scenario as a GENIUS domain and one additive profile per actor
 * (NUL-terminated buffers, each freed with free(); `*profiles_out` is an
 * array of n_actors of them, freed with free() too). Every issue must be an
 * options issue: one whose options are the consecutive integers lo..hi (ids
 * their decimal text, placed at their value) is written as an integer issue
 * when every actor's values follow a clipped linear evaluator, one with the
 * 21 GENIUS steps of a range the same way as a real issue; every other one
 * as a discrete issue, which needs each actor's best value on it to be 1 (or
 * all its values 0), since GENIUS divides by the highest evaluation.
 * Refused with PL_ERR_UNSUPPORTED (and a message naming what): continuous
 * issues, red lines, an actor whose saliences are all 0, values GENIUS
 * cannot hold. The profiles carry the actor id as their name attribute, the
 * reservation value and the discount factor, so that reading them back gives
 * the same utilities.
 */
PL_API int pl_write_genius(const pl_scenario *scenario, char **domain_out, char ***profiles_out,
                           pl_diag *diag);

/**
 * Write `size` bytes to `path` atomically: into a temporary file in the same
 * directory, flushed, then renamed over `path`. On failure `path` is left as
 * it was and the temporary file is removed. An existing file keeps its mode
 * (a new one gets 0666 less the umask); a symbolic link is followed and its
 * final target replaced (the link stays); a device, FIFO or socket is written
 * in place, never replaced; a directory is refused (PL_ERR_IO).
 */
PL_API int pl_write_file_atomic(const char *path, const char *data, size_t size, pl_diag *diag);

struct stat;

/**
 * Where a write to `path` lands: the final target of any chain of symbolic
 * links (a relative link read from the folder that holds it; more than 40
 * links is ELOOP), as a new string freed with free(). When the target exists,
 * *exists is 1 and *st its status (lstat); when it does not, *exists is 0.
 * NULL with errno set when a link cannot be read (or ENOMEM).
 * pl_write_file_atomic and the CLI's sets of outputs both write there.
 */
PL_API char *pl_output_target(const char *path, struct stat *st, int *exists);

#ifdef __cplusplus
}
#endif

#endif
