/*
 * output.c - every file the CLI writes, as a set committed together
 * (output.h). POSIX: lstat/readlink to follow links, open(O_EXCL) for the
 * temporaries, rename(2) to commit, sigaction for the cleanup on signals.
 */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- temporary files removed on a signal ---- */

/*
 * A list the signal handler walks with async-signal-safe calls only
 * (unlink, _exit). Nodes are pushed with one pointer store after they are
 * complete and never unlinked from the list before exit: a finished
 * temporary is only marked inactive, so a handler running in any thread
 * never reads freed memory.
 */
typedef struct pending {
    struct pending *next;
    volatile sig_atomic_t active;
    char path[];
} pending;

static pending *volatile pending_head;

static void on_signal(int signal_number)
{
    for (pending *p = pending_head; p != NULL; p = p->next)
        if (p->active)
            unlink(p->path);
    _exit(128 + signal_number);
}

void cli_output_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof signals / sizeof signals[0]; k++) {
        struct sigaction old, action;
        /* A signal ignored on entry (nohup, a background job) stays ignored. */
        if (sigaction(signals[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        sigaction(signals[k], &action, NULL);
    }
    /* Past `ulimit -f`, write() fails with EFBIG (reported, temporaries removed) instead of
     * the process dying with its temporaries left behind. */
    signal(SIGXFSZ, SIG_IGN);
}

void cli_output_cleanup(void)
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pending *p = pending_head;
    pending_head = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
    while (p != NULL) {
        pending *next = p->next;
        free(p);
        p = next;
    }
}

/* ---- the set ---- */

void cli_outputs_init(cli_outputs *set)
{
    memset(set, 0, sizeof *set);
}

void cli_outputs_take(cli_outputs *set, const char *path, char *data, size_t size)
{
    char *copy = strdup(path);
    if (copy == NULL || set->failed || set->n == SIZE_MAX / sizeof *set->files / 2) {
        free(copy);
        free(data);
        set->failed = 1;
        return;
    }
    if (set->n == set->capacity) {
        size_t capacity = set->capacity ? 2 * set->capacity : 8;
        cli_output_file *files = realloc(set->files, capacity * sizeof *files);
        if (files == NULL) {
            free(copy);
            free(data);
            set->failed = 1;
            return;
        }
        set->files = files;
        set->capacity = capacity;
    }
    set->files[set->n++] = (cli_output_file){copy, data, size};
}

void cli_outputs_add(cli_outputs *set, const char *path, const char *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (copy == NULL) {
        set->failed = 1;
        return;
    }
    if (size > 0)
        memcpy(copy, data, size);
    copy[size] = '\0';
    cli_outputs_take(set, path, copy, size);
}

void cli_outputs_add_directory(cli_outputs *set, const char *dir)
{
    for (size_t k = 0; k < set->n_dirs; k++)
        if (strcmp(set->dirs[k], dir) == 0)
            return;
    char **dirs = realloc(set->dirs, (set->n_dirs + 1) * sizeof *dirs);
    char *copy = strdup(dir);
    if (dirs != NULL)
        set->dirs = dirs;
    if (dirs == NULL || copy == NULL) {
        free(copy);
        set->failed = 1;
        return;
    }
    set->dirs[set->n_dirs++] = copy;
}

void cli_outputs_add_in(cli_outputs *set, const char *dir, const char *name, const char *data,
                        size_t size)
{
    cli_outputs_add_directory(set, dir);
    size_t length = strlen(dir) + strlen(name) + 2;
    char *path = malloc(length);
    if (path == NULL) {
        set->failed = 1;
        return;
    }
    snprintf(path, length, "%s/%s", dir, name);
    cli_outputs_add(set, path, data, size);
    free(path);
}

void cli_outputs_free(cli_outputs *set)
{
    for (size_t k = 0; k < set->n; k++) {
        free(set->files[k].path);
        free(set->files[k].data);
    }
    for (size_t k = 0; k < set->n_dirs; k++)
        free(set->dirs[k]);
    free(set->files);
    free(set->dirs);
    cli_outputs_init(set);
}

/* ---- committing ---- */

/* How one file is written: in place to `fd`, or to `temporary` renamed over `target`. */
typedef struct staged {
    int fd;            /* in place: the descriptor (`owned` when we opened it) */
    int owned;
    int in_place;      /* a device, FIFO or socket at `target`, opened when written */
    char *target;      /* atomic: the final path, links followed */
    pending *temporary;
} staged;

/* /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a descriptor we hold. */
static int named_descriptor(const char *path)
{
    if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    const char *digits = strncmp(path, "/dev/fd/", 8) == 0         ? path + 8
                         : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                                     : NULL;
    if (digits == NULL || *digits < '0' || *digits > '9')
        return -1;
    char *end;
    long fd = strtol(digits, &end, 10);
    return *end == '\0' && fd <= INT_MAX && fcntl((int)fd, F_GETFD) != -1 ? (int)fd : -1;
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

/* Create the temporary beside `target`, registered before any byte is written. */
static int create_temporary(staged *s)
{
    size_t length = strlen(s->target) + 40;
    pending *p = malloc(sizeof *p + length);
    if (p == NULL)
        return ENOMEM;
    p->active = 0;
    int fd = -1;
    sigset_t all, old;
    sigfillset(&all);
    /* Created and registered with signals blocked: a signal in between would leave it. */
    sigprocmask(SIG_BLOCK, &all, &old);
    for (unsigned attempt = 0; fd < 0 && attempt < 1000; attempt++) {
        snprintf(p->path, length, "%s.%lx-%u.tmp", s->target, (unsigned long)getpid(), attempt);
        fd = open(p->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int saved = errno;
    if (fd >= 0) {
        p->active = 1;
        p->next = pending_head;
        pending_head = p;
        s->temporary = p;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        free(p);
        return saved;
    }
    s->fd = fd;
    s->owned = 1;
    return 0;
}

/* Open or create what `file` writes to; 0 or an errno. */
static int stage(const cli_output_file *file, staged *s)
{
    s->fd = named_descriptor(file->path);
    if (s->fd >= 0)
        return 0;
    struct stat st;
    int exists = 0;
    s->target = pl_output_target(file->path, &st, &exists);
    if (s->target == NULL)
        return errno ? errno : ENOMEM;
    if (exists && S_ISDIR(st.st_mode))
        return EISDIR;
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device, FIFO or socket: written in place, never replaced; opened only when it
         * is written (opening a FIFO waits for its reader). */
        s->in_place = 1;
        return 0;
    }
    int rc = create_temporary(s);
    if (rc == 0 && exists) {
        /* The replacement keeps the file's permissions (and, for root, its owner). */
        if (geteuid() == 0 && fchown(s->fd, st.st_uid, st.st_gid) != 0)
            (void)0; /* best effort: the mode below still applies */
        if (fchmod(s->fd, st.st_mode & 07777) != 0)
            rc = errno;
    }
    return rc;
}

static int fill(const cli_output_file *file, staged *s)
{
    if (s->in_place && s->fd < 0) {
        s->fd = open(s->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (s->fd < 0)
            return errno;
        s->owned = 1;
    }
    if (s->fd == STDOUT_FILENO && fflush(stdout) != 0)
        return errno ? errno : EIO;
    int rc = write_all(s->fd, file->data, file->size);
    if (rc == 0 && s->temporary != NULL && fsync(s->fd) != 0)
        rc = errno;
    if (s->owned) {
        if (close(s->fd) != 0 && rc == 0)
            rc = errno;
        s->owned = 0;
    }
    s->fd = -1;
    return rc;
}

static void forget(staged *s, int remove)
{
    if (s->owned)
        close(s->fd);
    if (s->temporary != NULL) {
        if (remove)
            unlink(s->temporary->path);
        s->temporary->active = 0;
    }
    free(s->target);
}

static int make_directories(cli_outputs *set, unsigned char *made, pl_diag *diag)
{
    for (size_t k = 0; k < set->n_dirs; k++) {
        struct stat st;
        if (stat(set->dirs[k], &st) == 0 && S_ISDIR(st.st_mode))
            continue;
        if (stat(set->dirs[k], &st) == 0) {
            pl_diag_set_source(diag, set->dirs[k]);
            return pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot write into it: not a directory");
        }
        if (mkdir(set->dirs[k], 0777) != 0) {
            int saved = errno;
            pl_diag_set_source(diag, set->dirs[k]);
            return pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot create the directory: %s",
                               strerror(saved));
        }
        made[k] = 1;
    }
    return PL_OK;
}

int cli_outputs_commit(cli_outputs *set, pl_diag *diag)
{
    if (set->failed)
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    staged *s = calloc(set->n + 1, sizeof *s);
    unsigned char *made = calloc(set->n_dirs + 1, 1);
    if (s == NULL || made == NULL) {
        free(s);
        free(made);
        return pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < set->n; k++)
        s[k].fd = -1;
    int rc = make_directories(set, made, diag), error = 0;
    size_t bad = 0; /* the file that failed */
    /* 1. Every temporary written and flushed: the likeliest failures (a full disk, a
     *    missing folder, no permission) happen here, before anything is visible. */
    for (size_t k = 0; rc == PL_OK && error == 0 && k < set->n; k++) {
        error = stage(&set->files[k], &s[k]);
        if (error == 0 && s[k].temporary != NULL)
            error = fill(&set->files[k], &s[k]);
        bad = k;
    }
    /* 2. The outputs written in place (devices, pipes, stdout), then 3. the renames. */
    for (size_t k = 0; rc == PL_OK && error == 0 && k < set->n; k++)
        if (s[k].temporary == NULL) {
            error = fill(&set->files[k], &s[k]);
            bad = k;
        }
    for (size_t k = 0; rc == PL_OK && error == 0 && k < set->n; k++)
        if (s[k].temporary != NULL && rename(s[k].temporary->path, s[k].target) != 0) {
            error = errno;
            bad = k;
        }
    if (rc == PL_OK && error != 0) {
        pl_diag_set_source(diag, set->files[bad].path);
        rc = error == ENOMEM ? pl_diag_set(diag, PL_ERR_NOMEM, 0, 0, "out of memory")
                             : pl_diag_set(diag, PL_ERR_IO, 0, 0, "cannot write: %s",
                                           strerror(error));
    }
    for (size_t k = 0; k < set->n; k++)
        forget(&s[k], rc != PL_OK);
    /* A folder this commit created is removed again when nothing was written. */
    for (size_t j = set->n_dirs; rc != PL_OK && j-- > 0;)
        if (made[j])
            rmdir(set->dirs[j]);
    free(s);
    free(made);
    return rc;
}

int cli_output_write(const char *path, const char *data, size_t size, pl_diag *diag)
{
    cli_outputs set;
    cli_outputs_init(&set);
    cli_outputs_add(&set, path, data, size);
    int rc = cli_outputs_commit(&set, diag);
    cli_outputs_free(&set);
    return rc;
}
