/*
 * serve_files.h - the workspace of `parley serve` on disk (serve_files.c):
 * nothing is read or written outside it. Names are checked by
 * serve_safe_name() (serve.h), folders and files are opened relative to the
 * workspace with O_NOFOLLOW, so neither `..` nor a symbolic link leads out.
 */
#ifndef PARLEY_SERVE_FILES_H
#define PARLEY_SERVE_FILES_H

#include <stddef.h>

#include "serve.h"

/** The folder of the versions inside the workspace. */
#define SERVE_VERSIONS_DIR "versions"
/** The index of version names and dates (rebuilt from the files when missing). */
#define SERVE_INDEX_FILE "index.json"

/** Open the workspace folder (created when `create` and missing); -1 with errno. */
int serve_open_workspace(const char *workspace, int create);

/** Open WORKSPACE/versions, a real folder (created when `create`); -1 with errno. */
int serve_open_versions(const char *workspace, int create);

/** Read the regular file `name` of a folder, at most `max` bytes (free *data); -1 on failure. */
int serve_read_at(int dir_fd, const char *name, size_t max, char **data, size_t *size);

/** The safe names of the regular files of a folder ending in `suffix` (NULL: any). */
int serve_list_at(int dir_fd, const char *suffix, char ***names, size_t *n);
void serve_free_names(char **names, size_t n);

/** Write WORKSPACE/versions/NAME atomically and sync the folder. */
int serve_write_version(const char *workspace, int versions_fd, const char *name,
                        const char *data, size_t size, pl_diag *diag);

#endif
