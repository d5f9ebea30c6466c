/*
 * write_file.c - pl_write_file_atomic (parley/io.h): a file replaced whole or
 * left as it was, without harming what the path names. A symbolic link is
 * followed to its final target (the link stays); a device, FIFO or socket is
 * written in place (replacing /dev/null or /dev/full with a regular file, as
 * a plain rename would, breaks the system for everyone); a regular file keeps
 * its mode. The CLI's sets of outputs follow the same rules (src/cli/output.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/internal.h"
#include "parley/io.h"

char *pl_output_target(const char *path, struct stat *st, int *exists)
{
    size_t length = strlen(path) + 1;
    char *current = pli_malloc(length);
    if (current == NULL)
        return errno = ENOMEM, NULL;
    memcpy(current, path, length);
    for (int hops = 0; hops < 40; hops++) {
        struct stat link;
        if (lstat(current, &link) != 0) {
            *exists = 0;
            if (errno == ENOENT)
                return current;
            int saved = errno;
            pli_free(current);
            return errno = saved, NULL;
        }
        if (!S_ISLNK(link.st_mode)) {
            *exists = 1;
            *st = link;
            return current;
        }
        char target[PATH_MAX];
        ssize_t n = readlink(current, target, sizeof target - 1);
        if (n < 0) {
            int saved = errno;
            pli_free(current);
            return errno = saved, NULL;
        }
        target[n] = '\0';
        /* A relative link is read from the folder that holds the link. */
        const char *slash = strrchr(current, '/');
        size_t keep = target[0] == '/' || slash == NULL ? 0 : (size_t)(slash - current) + 1;
        char *next = pli_malloc(keep + (size_t)n + 1);
        if (next != NULL) {
            memcpy(next, current, keep);
            memcpy(next + keep, target, (size_t)n + 1);
        }
        pli_free(current);
        if ((current = next) == NULL)
            return errno = ENOMEM, NULL;
    }
    pli_free(current);
    return errno = ELOOP, NULL;
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* A device, FIFO or socket: opened and written, never replaced. */
static int write_in_place(const char *target, const char *data, size_t size)
{
    int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int saved = write_all(fd, data, size);
    if (close(fd) != 0 && saved == 0)
        saved = errno;
    return saved;
}

static int replace(const char *target, const struct stat *st, int exists, const char *data,
                   size_t size)
{
    size_t length = strlen(target) + 32;
    char *temporary = pli_malloc(length);
    if (temporary == NULL)
        return ENOMEM;
    /*
     * The temporary file sits beside the target so that rename() cannot cross
     * filesystems; O_EXCL makes sure no existing file is reused, and mode 0666
     * lets the process umask decide the permissions of a new file.
     */
    int fd = -1;
    for (unsigned attempt = 0; fd < 0 && attempt < 1000; attempt++) {
        snprintf(temporary, length, "%s.%x.tmp", target, (unsigned)getpid() * 1000u + attempt);
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int saved = errno;
        pli_free(temporary);
        return saved;
    }
    /* An existing file keeps its permissions (a private file stays private) and, when
     * root writes it, its owner (best effort: the mode still applies). */
    if (exists && geteuid() == 0 && fchown(fd, st->st_uid, st->st_gid) != 0)
        (void)0;
    int saved = exists && fchmod(fd, st->st_mode & 07777) != 0 ? errno : 0;
    if (saved == 0)
        saved = write_all(fd, data, size);
    if (saved == 0 && fsync(fd) != 0)
        saved = errno;
    if (close(fd) != 0 && saved == 0)
        saved = errno;
    if (saved == 0 && rename(temporary, target) != 0)
        saved = errno;
    if (saved != 0)
        unlink(temporary);
    pli_free(temporary);
    return saved;
}

int pl_write_file_atomic(const char *path, const char *data, size_t size, pl_diag *diag)
{
    pl_diag_set_source(diag, path);
    if (path == NULL || (data == NULL && size > 0))
        return pl_diag_set(diag, PL_ERR_ARGUMENT, 0, 0, "no path or no data");
    struct stat st;
    int exists = 0;
    char *target = pl_output_target(path, &st, &exists);
    if (target == NULL)
        return errno == ENOMEM ? pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory")
                               : pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot write: %s",
                                             strerror(errno));
    int saved = exists && S_ISDIR(st.st_mode) ? EISDIR
                : exists && !S_ISREG(st.st_mode) ? write_in_place(target, data, size)
                                                 : replace(target, &st, exists, data, size);
    pli_free(target);
    if (saved == ENOMEM)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    if (saved != 0)
        return pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot write: %s", strerror(saved));
    return PL_OK;
}
