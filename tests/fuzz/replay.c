/*
 * replay.c - run a fuzz target over files without libFuzzer: every argument
 * is a file or a directory whose files (not recursively) are each given to
 * LLVMFuzzerTestOneInput once. A finding aborts; otherwise exit 0. This is
 * how the gcc builds replay the corpus as ctests (fuzz-replay.<reader>).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    size_t capacity = 4096, size = 0;
    unsigned char *data = malloc(capacity);
    for (;;) {
        if (data == NULL) {
            fclose(f);
            fprintf(stderr, "%s: out of memory\n", path);
            return 1;
        }
        size += fread(data + size, 1, capacity - size, f);
        if (size < capacity)
            break;
        capacity *= 2;
        unsigned char *grown = realloc(data, capacity);
        if (grown == NULL)
            free(data);
        data = grown;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        fprintf(stderr, "%s: read error\n", path);
        return 1;
    }
    /* The exact size again, so a read past the end is caught under ASan. */
    unsigned char *exact = malloc(size ? size : 1);
    if (exact == NULL) {
        free(data);
        return 1;
    }
    memcpy(exact, data, size);
    free(data);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_directory(const char *directory, size_t *count)
{
    DIR *dir = opendir(directory);
    if (dir == NULL) {
        perror(directory);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, capacity = 0;
    int failed = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (n == capacity) {
            capacity = capacity ? 2 * capacity : 64;
            char **grown = realloc(names, capacity * sizeof *names);
            if (grown == NULL) {
                failed = 1;
                break;
            }
            names = grown;
        }
        names[n] = strdup(e->d_name);
        if (names[n] == NULL) {
            failed = 1;
            break;
        }
        n++;
    }
    closedir(dir);
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t k = 0; k < n; k++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", directory, names[k]);
        if (!failed && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            failed |= run_file(path);
            ++*count;
        }
        free(names[k]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    size_t count = 0;
    int failed = 0;
    for (int k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            perror(argv[k]);
            failed = 1;
        } else if (S_ISDIR(st.st_mode)) {
            failed |= run_directory(argv[k], &count);
        } else {
            failed |= run_file(argv[k]);
            count++;
        }
    }
    printf("%zu inputs replayed\n", count);
    return failed;
}
