/*
 * parley_json_reader.h - what the two halves of the native JSON reader share
 * (parley_json_reader.c: the document; parley_json_actors.c: actors); not
 * installed.
 *
 * Every function fills the reader's diagnostic on failure and returns its
 * status; messages start with the JSON path of the wrong field.
 */
#ifndef PARLEY_JSON_READER_H
#define PARLEY_JSON_READER_H

#include "io/parse/csv.h"
#include "io/parse/json_util.h"

/** The scenario being built and where to report what is wrong. */
typedef struct pl_json_reader {
    pl_scenario *scenario;
    pl_diag *diag;
    /* Ids already read (the scenario's strings, borrowed): stances and references are
     * resolved by hashing, not by a scan of every issue (3000 actors x 1000 issues). */
    pl_name_set actor_ids, issue_ids;
    /* pl_check_scenario: every element's error goes to `list` (NULL: stop at the first);
     * `status` and `first` are the first error's, `errors` counts them. */
    pl_diag_list *list;
    int status;
    pl_diag first;
    size_t errors;
    int issues_read; /* every issue read without a mistake */
} pl_json_reader;

/**
 * After an element (an actor, a stance, an issue, ...) failed with `status`:
 * when collecting, keep its diagnostic and return 1 (read on); otherwise, or
 * when the list is full or memory ran out, 0 (stop with `status`).
 */
int pli_json_go_on(pl_json_reader *r, int status);

/**
 * pl_read_parley_json() collecting every error in `list` (pl_check_scenario):
 * those of each element of the document, then, when it reads, every rule of
 * validation (pli_scenario_validate_all). `diag` gets the first error.
 */
int pli_read_parley_json_all(const char *source, const char *data, size_t size,
                             pl_scenario **out, pl_diag *diag, pl_diag_list *list);

/** Record `id` (the scenario's string, borrowed) of the actor or issue added at `index`. */
int pli_json_note_id(pl_json_reader *r, pl_name_set *ids, const char *id, size_t index);

/** A builder call's status as a diagnostic (they fail only for lack of memory here). */
int pli_json_built(pl_json_reader *r, int status);

/** Copy the optional string member `key` into the scenario's `*field`. */
int pli_json_read_text(pl_json_reader *r, const json_t *object, const char *path, const char *key,
                       char **field);

/** `value` must be an object whose members are all named in `fields` (NULL-terminated). */
int pli_json_expect_object(pl_json_reader *r, const json_t *value, const char *path,
                           const char *const *fields);

/**
 * Resolve an issue id found at `path`. `id_in_path` nonzero: the id is the
 * path's last step already (a key of "stances"), so the message does not
 * repeat it.
 */
int pli_json_find_issue(pl_json_reader *r, const char *id, const char *path, int id_in_path,
                        size_t *index);

/** Resolve option `id` of options issue `issue`, found at `path`. */
int pli_json_find_option(pl_json_reader *r, size_t issue, const char *id, const char *path,
                         size_t *index);

/** Resolve the actor named by the required string member `key` of `object`. */
int pli_json_read_actor_reference(pl_json_reader *r, const json_t *object, const char *path,
                                  const char *key, size_t *index);

/** Read one element of "actors" (at `path`), with its stances and red lines. */
int pli_json_read_actor(pl_json_reader *r, const json_t *object, const char *path);

#endif
