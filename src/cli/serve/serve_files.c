/*
 * serve_files.c - the workspace folder of `parley serve` on disk: its
 * folders opened without following symbolic links, names checked to stay in
 * their folder, files read by descriptor, versions written atomically and
 * synced with their folder (docs/serve.md, "Security" and "Workspace").
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve_files.h"

int serve_safe_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 200 || name[0] == '.')
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = name[k];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
        if (!ok)
            return 0;
    }
    return strstr(name, "..") == NULL;
}

int serve_open_workspace(const char *workspace, int create)
{
    int fd = open(workspace, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create && mkdir(workspace, 0777) == 0)
        fd = open(workspace, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return fd;
}

int serve_open_versions(const char *workspace, int create)
{
    int workspace_fd = serve_open_workspace(workspace, create);
    if (workspace_fd < 0)
        return -1;
    int fd = openat(workspace_fd, SERVE_VERSIONS_DIR,
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create &&
        mkdirat(workspace_fd, SERVE_VERSIONS_DIR, 0777) == 0) {
        fsync(workspace_fd); /* the new folder's entry survives a crash */
        fd = openat(workspace_fd, SERVE_VERSIONS_DIR,
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    int saved = errno;
    close(workspace_fd);
    errno = saved;
    return fd;
}

int serve_read_at(int dir_fd, const char *name, size_t max, char **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    if (!serve_safe_name(name))
        return -1;
    int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        close(fd);
        return -1;
    }
    char *buffer = malloc((size_t)st.st_size + 1);
    size_t have = 0;
    while (buffer && have < (size_t)st.st_size) {
        ssize_t n = read(fd, buffer + have, (size_t)st.st_size - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    close(fd);
    if (buffer == NULL || have != (size_t)st.st_size) {
        free(buffer);
        return -1;
    }
    buffer[have] = '\0';
    *data = buffer;
    *size = have;
    return 0;
}

int serve_list_at(int dir_fd, const char *suffix, char ***names_out, size_t *n_out)
{
    *names_out = NULL;
    *n_out = 0;
    int copy = dup(dir_fd);
    DIR *dir = copy >= 0 ? fdopendir(copy) : NULL;
    if (dir == NULL) {
        if (copy >= 0)
            close(copy);
        return -1;
    }
    rewinddir(dir);
    char **names = NULL;
    size_t n = 0, capacity = 0;
    size_t suffix_length = suffix ? strlen(suffix) : 0;
    for (struct dirent *e = readdir(dir); e; e = readdir(dir)) {
        size_t length = strlen(e->d_name);
        struct stat st;
        if (!serve_safe_name(e->d_name) || length <= suffix_length ||
            (suffix && strcmp(e->d_name + length - suffix_length, suffix) != 0) ||
            fstatat(dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (n == capacity) {
            capacity = capacity ? 2 * capacity : 16;
            char **more = realloc(names, capacity * sizeof *names);
            if (more == NULL)
                break;
            names = more;
        }
        if ((names[n] = strdup(e->d_name)) != NULL)
            n++;
    }
    closedir(dir);
    *names_out = names;
    *n_out = n;
    return 0;
}

void serve_free_names(char **names, size_t n)
{
    for (size_t k = 0; names && k < n; k++)
        free(names[k]);
    free(names);
}

int serve_write_version(const char *workspace, int versions_fd, const char *name,
                        const char *data, size_t size, pl_diag *diag)
{
    if (!serve_safe_name(name))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "unsafe file name");
    size_t length = strlen(workspace) + strlen(name) + sizeof SERVE_VERSIONS_DIR + 4;
    char *path = malloc(length);
    if (path == NULL)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    snprintf(path, length, "%s/%s/%s", workspace, SERVE_VERSIONS_DIR, name);
    /* The file is fsync'ed and renamed into place; then its folder's entry is synced. */
    int rc = pl_write_file_atomic(path, data, size, diag);
    free(path);
    if (rc == PL_OK && fsync(versions_fd) != 0)
        rc = pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot sync the versions folder: %s",
                         strerror(errno));
    return rc;
}
