"""Bad input raises parley.ParleyError with the CLI's path, line, column and
message, and nothing is printed."""
import contextlib
import io
import os
import subprocess
import tempfile
import unittest

import parley
from support import CLI, DATA, EXAMPLE


def cli_error(*args):
    result = subprocess.run([CLI] + list(args), capture_output=True, text=True)
    assert result.returncode == 2, result
    return result.stderr.strip()


class Errors(unittest.TestCase):
    def load_error(self, *paths):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            with self.assertRaises(parley.ParleyError) as caught:
                parley.load(list(paths))
        self.assertEqual((out.getvalue(), err.getvalue()), ("", ""))
        return caught.exception

    def test_syntax_error_has_a_position(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "broken.json")
            with open(path, "w") as f:
                f.write('{"actors": [\n  {"id": "A",, }\n]}\n')
            error = self.load_error(path)
            self.assertEqual(error.path, path)
            self.assertEqual(error.line, 2)
            self.assertIsInstance(error.col, int)
            self.assertTrue(error.message)
            self.assertEqual(str(error), cli_error("validate", path))

    def test_every_bad_file_reads_as_the_cli_says(self):
        folder = os.path.join(DATA, "bad")
        names = sorted(os.listdir(folder))
        self.assertGreater(len(names), 20)
        for name in names[::4]:   # a quarter of them keeps the test short
            path = os.path.join(folder, name)
            if os.path.isdir(path):
                continue
            with self.subTest(file=name):
                self.assertEqual(str(self.load_error(path)), cli_error("validate", path))

    def test_inconsistent_value_names_the_field(self):
        document = parley.load(EXAMPLE).to_dict()
        document["actors"][1]["capability"] = -3
        with self.assertRaises(parley.ParleyError) as caught:
            parley.load(document)
        error = caught.exception
        self.assertEqual(error.path, "<dict>")
        self.assertIsNone(error.line)
        self.assertIn("actors[1].capability", error.message)

    def test_missing_file(self):
        error = self.load_error("/nonexistent/scenario.json")
        self.assertEqual(error.path, "/nonexistent/scenario.json")

    def test_bad_arguments(self):
        s = parley.load(EXAMPLE)
        for call in (lambda: s.evaluate(["no_such_proposal"]), lambda: s.predict("oracle"),
                     lambda: s.frontier("median"), lambda: s.simulate(agents=["nobody"]),
                     lambda: s.simulate(agents=["boulware"] * 3), lambda: s.simulate(runs=0),
                     lambda: s.zopa(max_set=99), lambda: s.zopa(max_work=0),
                     lambda: s.mediate("no_such_proposal"),
                     lambda: parley.load([])):
            with self.assertRaises(parley.ParleyError):
                call()


if __name__ == "__main__":
    unittest.main()
