/*
 * cli_json.c - every command's --json output, written by the library's JSON
 * text writer (parley/json.h) to stdout, with the CLI's messages on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The writer's sink: the bytes to the output's file, its errno when that fails. */
static int file_sink(void *payload, const char *text, size_t size)
{
    cli_json_out *out = payload;
    if (fwrite(text, 1, size, out->file) == size)
        return 0;
    out->error = errno != 0 ? errno : EIO;
    return out->error;
}

int cli_json_begin(cli_json_out *out)
{
    pl_json_options options = PL_JSON_OPTIONS_INIT; /* jansson's two-space layout */
    memset(out, 0, sizeof *out);
    out->file = stdout;
    options.sink = file_sink;
    options.sink_payload = out;
    return pl_json_writer_new(&options, &out->writer, NULL);
}

int cli_json_end(cli_json_out *out)
{
    int rc = pl_json_writer_finish(out->writer, NULL, NULL, NULL);
    pl_json_writer_free(out->writer);
    out->writer = NULL;
    if (rc == PL_OK && file_sink(out, "\n", 1) != 0)
        rc = PL_ERR_IO;
    if (rc == PL_OK && fflush(out->file) != 0) {
        out->error = errno;
        rc = PL_ERR_IO;
    }
    if (rc == PL_ERR_IO)
        cli_error("parley: error: cannot write the output: %s", strerror(out->error));
    else if (rc != PL_OK)
        cli_error("parley: error: out of memory");
    return rc == PL_OK ? EXIT_OK : EXIT_INTERNAL;
}

char *cli_json_text(const json_t *document, int indent)
{
    pl_json_options options = PL_JSON_OPTIONS_INIT;
    options.indent = indent;
    char *text = NULL;
    if (document != NULL && pl_json_dump(document, &options, &text, NULL, NULL) != PL_OK)
        return NULL;
    return text;
}

int cli_emit_json(json_t *document)
{
    cli_json_out out;
    if (document == NULL || cli_json_begin(&out) != PL_OK) {
        json_decref(document);
        cli_error("parley: error: out of memory");
        return EXIT_INTERNAL;
    }
    pl_json_writer_value(out.writer, document);
    json_decref(document);
    return cli_json_end(&out);
}
