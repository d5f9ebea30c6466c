"""The declarations the binding gives cffi (parley/_cdef.h) are those of the
public headers (python/tools/gen_cdef.sh run again gives the same text), and
cffi lays out the structs as the C compiler does (sizes and offsets)."""
import os
import shutil
import subprocess
import tempfile
import unittest

from parley._ffi import ffi
from support import SOURCE

STRUCTS = ["pl_diag", "pl_scenario", "pl_issue", "pl_actor", "pl_frontier",
           "pl_frontier_options", "pl_montecarlo", "pl_montecarlo_options",
           "pl_simulation_options", "pl_agent", "pl_negotiator", "pl_sao_state",
           "pl_tournament_options", "pl_tournament_row", "pl_evaluation", "pl_agreement",
           "pl_mediation", "pl_eu_result", "pl_exchange_result", "pl_smp_result", "pl_backtest",
           "pl_what_it_takes_entry", "pl_count"]


def compiler():
    cc = os.environ.get("PARLEY_C_COMPILER") or shutil.which("cc")
    if not cc or not os.path.exists(cc) and not shutil.which(cc):
        raise unittest.SkipTest("no C compiler")
    return cc


class Declarations(unittest.TestCase):
    def test_generated_file_is_current(self):
        cc = compiler()
        result = subprocess.run(["sh", os.path.join(SOURCE, "python", "tools", "gen_cdef.sh"),
                                 cc], capture_output=True, text=True, check=True)
        with open(os.path.join(SOURCE, "python", "parley", "_cdef.h")) as f:
            self.assertEqual(result.stdout, f.read(),
                             "run python/tools/gen_cdef.sh > python/parley/_cdef.h")

    def test_layouts_match_the_compiler(self):
        cc = compiler()
        lines = ['#include <stdio.h>', '#include <stddef.h>', '#include "parley/parley.h"',
                 "int main(void) {"]
        for name in STRUCTS:
            lines.append('printf("%%s %%zu\\n", "%s", sizeof(%s));' % (name, name))
        lines.append('printf("offset %zu\\n", offsetof(pl_montecarlo, agreed_at));')
        lines.append('printf("offset %zu\\n", offsetof(pl_scenario, horizon));')
        lines.append("return 0; }")
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "sizes.c")
            with open(source, "w") as f:
                f.write("\n".join(lines))
            program = os.path.join(folder, "sizes")
            subprocess.run([cc, "-std=c17", "-I", os.path.join(SOURCE, "include"), source, "-o",
                            program], check=True)
            output = subprocess.run([program], capture_output=True, text=True,
                                    check=True).stdout.split("\n")
        for name, line in zip(STRUCTS, output):
            self.assertEqual(line, "%s %d" % (name, ffi.sizeof(name)))
        self.assertEqual(output[len(STRUCTS)],
                         "offset %d" % ffi.offsetof("pl_montecarlo", "agreed_at"))
        self.assertEqual(output[len(STRUCTS) + 1],
                         "offset %d" % ffi.offsetof("pl_scenario", "horizon"))


if __name__ == "__main__":
    unittest.main()
