/*
 * fuzz_report_json.c - fuzz `parley report`'s reader of the JSON that
 * `parley run --json` writes (cli_report_from_text, src/cli/cmd_report.c):
 * reading, the analyses it redoes (verdicts, red lines, the frontier of two
 * parties) and the whole HTML report, in memory. Checked: a failure leaves
 * no report and an error status with a message; a success gives a report
 * that is one HTML document.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "report_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *input = fuzz_exact_copy(data, size);
    if (input == NULL)
        return 0;
    char *html = NULL;
    size_t html_size = 0;
    pl_diag diag;
    pl_diag_clear(&diag);
    int rc = cli_report_from_text("fuzz.json", input, size, &html, &html_size, &diag);
    if (rc == PL_OK) {
        if (html == NULL || html_size < 16 || memcmp(html, "<!DOCTYPE html>", 15) != 0)
            fuzz_fail("report_json", "a success without an HTML report");
    } else {
        if (html != NULL)
            fuzz_fail("report_json", "a failure with a report");
        if (diag.status == PL_OK && rc != PL_ERR_NOMEM)
            fuzz_fail("report_json", "a failure whose diagnostic says success");
        if (strchr(diag.message, '\n') != NULL || strchr(diag.message, '\r') != NULL)
            fuzz_fail("report_json", "a diagnostic of more than one line");
    }
    free(html);
    free(input);
    return 0;
}
