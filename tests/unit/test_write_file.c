/*
 * test_write_file.c - pl_write_file_atomic (src/lib/io/write_file.c) harms
 * nothing at the path it writes (issue #19): an existing file keeps its mode,
 * a new one gets 0666 less the umask, a symbolic link is followed (the link
 * stays, its target gets the bytes), a FIFO is written in place (its reader
 * gets the bytes, it stays a FIFO), a directory is refused, pl_output_target
 * follows a chain of links (the CLI's sets of outputs use it too), and
 * pl_diag_set accepts its own message as an argument.
 * Everything happens in a fresh folder under /tmp; root-safe.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parley/parley.h"

static char folder[64];

static int make_folder(void **state)
{
    (void)state;
    snprintf(folder, sizeof folder, "/tmp/parley-write-XXXXXX");
    return mkdtemp(folder) == NULL;
}

static int remove_folder(void **state)
{
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    return system(command) != 0;
}

static const char *in_folder(const char *name, char *buffer, size_t size)
{
    snprintf(buffer, size, "%s/%s", folder, name);
    return buffer;
}

static void write_text(const char *path, const char *text)
{
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_write_file_atomic(path, text, strlen(text), &diag), PL_OK);
}

static void assert_content(const char *path, const char *text)
{
    char buffer[256] = "";
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buffer, 1, sizeof buffer - 1, f);
    fclose(f);
    buffer[n] = '\0';
    assert_string_equal(buffer, text);
}

static void test_mode_kept(void **state)
{
    (void)state;
    char path[128];
    in_folder("private.txt", path, sizeof path);
    write_text(path, "old\n");
    assert_int_equal(chmod(path, 0600), 0);
    write_text(path, "new\n");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_content(path, "new\n");
    /* A new file: 0666 less the umask. */
    mode_t old = umask(027);
    in_folder("fresh.txt", path, sizeof path);
    write_text(path, "x");
    umask(old);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
}

static void test_link_followed(void **state)
{
    (void)state;
    char target[128], link[128], dangling[128], made[128];
    in_folder("target.txt", target, sizeof target);
    in_folder("link.txt", link, sizeof link);
    write_text(target, "old\n");
    assert_int_equal(symlink("target.txt", link), 0); /* relative: read from the folder */
    write_text(link, "through the link\n");
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_content(target, "through the link\n");
    in_folder("dangling.txt", dangling, sizeof dangling);
    assert_int_equal(symlink("made.txt", dangling), 0);
    write_text(dangling, "made\n");
    assert_content(in_folder("made.txt", made, sizeof made), "made\n");
}

static void test_fifo_in_place(void **state)
{
    (void)state;
    char fifo[128];
    in_folder("pipe", fifo, sizeof fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t reader = fork();
    assert_true(reader >= 0);
    if (reader == 0) {
        char buffer[64] = "";
        int fd = open(fifo, O_RDONLY);
        ssize_t n = fd >= 0 ? read(fd, buffer, sizeof buffer - 1) : -1;
        _exit(n == 6 && memcmp(buffer, "piped\n", 6) == 0 ? 0 : 1);
    }
    write_text(fifo, "piped\n");
    int status = 0;
    assert_int_equal(waitpid(reader, &status, 0), reader);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
}

static void test_directory_refused(void **state)
{
    (void)state;
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_write_file_atomic(folder, "x", 1, &diag), PL_ERR_IO);
    assert_non_null(strstr(diag.message, "cannot write"));
    assert_string_equal(diag.source, folder);
}

/* pl_output_target: a chain of links, relative ones read from their own folder; a loop. */
static void test_output_target(void **state)
{
    (void)state;
    char sub[128], file[128], inner[128], outer[128], loop_a[128], loop_b[128], expect[160];
    in_folder("sub", sub, sizeof sub);
    assert_int_equal(mkdir(sub, 0700), 0);
    in_folder("sub/file.txt", file, sizeof file);
    write_text(file, "x");
    in_folder("sub/inner", inner, sizeof inner);
    assert_int_equal(symlink("file.txt", inner), 0); /* relative to sub/, not to the cwd */
    in_folder("outer", outer, sizeof outer);
    assert_int_equal(symlink("sub/inner", outer), 0);
    struct stat st;
    int exists = -1;
    char *target = pl_output_target(outer, &st, &exists);
    assert_non_null(target);
    snprintf(expect, sizeof expect, "%s/sub/file.txt", folder);
    assert_string_equal(target, expect);
    assert_int_equal(exists, 1);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_size, 1);
    free(target);

    in_folder("missing.txt", expect, sizeof expect);
    exists = -1;
    target = pl_output_target(expect, &st, &exists);
    assert_non_null(target);
    assert_string_equal(target, expect);
    assert_int_equal(exists, 0);
    free(target);

    in_folder("loop-a", loop_a, sizeof loop_a);
    in_folder("loop-b", loop_b, sizeof loop_b);
    assert_int_equal(symlink("loop-b", loop_a), 0);
    assert_int_equal(symlink("loop-a", loop_b), 0);
    errno = 0;
    assert_null(pl_output_target(loop_a, &st, &exists));
    assert_int_equal(errno, ELOOP);
    pl_diag diag;
    pl_diag_clear(&diag);
    assert_int_equal(pl_write_file_atomic(loop_a, "x", 1, &diag), PL_ERR_IO);
    assert_non_null(strstr(diag.message, "cannot write"));
}

/* The message as an argument of its own replacement (cmd_report.c did so): no overlap. */
static void test_diag_own_message(void **state)
{
    (void)state;
    pl_diag diag;
    pl_diag_clear(&diag);
    pl_diag_set(&diag, PL_ERR_INVALID, 0, 0, "actors: missing");
    pl_diag_set(&diag, PL_ERR_INVALID, 0, 0, "scenario_document: %.400s", diag.message);
    assert_string_equal(diag.message, "scenario_document: actors: missing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mode_kept),
        cmocka_unit_test(test_link_followed),
        cmocka_unit_test(test_fifo_in_place),
        cmocka_unit_test(test_directory_refused),
        cmocka_unit_test(test_output_target),
        cmocka_unit_test(test_diag_own_message),
    };
    return cmocka_run_group_tests(tests, make_folder, remove_folder);
}
