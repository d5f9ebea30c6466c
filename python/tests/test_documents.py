"""Every analysis against the CLI's --json document on the same input: the
same keys in the same order, numbers equal as doubles (docs/python.md)."""
import json
import os
import subprocess
import unittest

import parley
from support import (CLI, DATA, EXAMPLE, GRANDMA, LAPTOP, SOURCE, DocumentCase, cli_json,
                     shared_path)

KTAB = os.path.join(DATA, "ktab", "dummyData_3Dim.csv")
FULL = os.path.join(DATA, "native", "full.json")
OUTCOMES = os.path.join(DATA, "native", "outcomes.json")
STAKEHOLDER = os.path.join(DATA, "stakeholder", "emission_standards.csv")
DECIDE = os.path.join(DATA, "decide", "toll-road.txt")
DEU = os.path.join(DATA, "deu", "deu3-sample.csv")
SIMULATE_IGNORE = ()


class Examples(DocumentCase):
    @classmethod
    def setUpClass(cls):
        cls.talks = parley.load(EXAMPLE)
        cls.laptop = parley.load(LAPTOP)
        cls.grandma = parley.load(GRANDMA)

    def test_evaluate(self):
        self.assertSameDocument(cli_json("evaluate", EXAMPLE), self.talks.evaluate())
        self.assertSameDocument(cli_json("evaluate", EXAMPLE, "--proposal", "us_revised"),
                                self.talks.evaluate(["us_revised"]))

    def test_predict_every_model(self):
        self.assertSameDocument(cli_json("predict", EXAMPLE), self.talks.predict())
        for path in (KTAB, STAKEHOLDER, DECIDE):
            with self.subTest(path=path):
                self.assertSameDocument(cli_json("predict", path), parley.load(path).predict())

    def test_predict_rounds_and_options(self):
        self.assertSameDocument(cli_json("predict", STAKEHOLDER, "--model", "eu", "--rounds", 3,
                                         "--option", "preset=paper"),
                                parley.load(STAKEHOLDER).predict("eu", rounds=3,
                                                                 options={"preset": "paper"}))
        self.assertSameDocument(cli_json("predict", KTAB, "--model", "smp"),
                                parley.load(KTAB).predict("smp"))

    def test_zopa_and_mediate(self):
        self.assertSameDocument(cli_json("zopa", EXAMPLE), self.talks.zopa())
        self.assertSameDocument(cli_json("mediate", EXAMPLE), self.talks.mediate())
        self.assertSameDocument(cli_json("mediate", EXAMPLE, "--from", "us_revised"),
                                self.talks.mediate("us_revised"))
        self.assertSameDocument(cli_json("zopa", *LAPTOP), self.laptop.zopa())
        # the blocking searches' work limit (docs/agreement.md): the default scenario's
        # relaxation search needs between 1e6 and 2e6 simplex cells
        limited = self.talks.zopa(max_work=1000000)
        self.assertSameDocument(cli_json("zopa", EXAMPLE, "--max-work", 1000000), limited)
        self.assertTrue(limited["blocked"]["search_limited"])
        self.assertFalse(self.talks.zopa()["blocked"]["search_limited"])

    def test_frontier(self):
        # (not the peace talks: their frontier takes the CLI 20-30 s)
        for paths, scenario in ((LAPTOP, self.laptop), (GRANDMA, self.grandma),
                                ([FULL], parley.load(FULL)), ([OUTCOMES], parley.load(OUTCOMES))):
            for disagreement in ("reservation", "minimum", "zero"):
                with self.subTest(paths=paths[0], disagreement=disagreement):
                    self.assertSameDocument(
                        cli_json("frontier", *paths, "--disagreement", disagreement),
                        scenario.frontier(disagreement))

    def test_frontier_is_a_numpy_array(self):
        try:
            import numpy
        except ImportError:
            self.skipTest("numpy absent")
        points = self.grandma.frontier()["frontier"]
        self.assertIsInstance(points, numpy.ndarray)
        self.assertEqual(points.shape[1], 3)
        self.assertEqual(points.dtype, numpy.float64)

    def test_simulate(self):
        self.assertSameDocument(cli_json("simulate", *LAPTOP, "--agents", "boulware,conceder",
                                         "--runs", 50),
                                self.laptop.simulate(agents=["boulware", "conceder"], runs=50),
                                SIMULATE_IGNORE)
        self.assertSameDocument(cli_json("simulate", EXAMPLE, "--runs", 300, "--seed", 7,
                                         "--steps", 40, "--threads", 2),
                                self.talks.simulate(runs=300, seed=7, steps=40, threads=2),
                                SIMULATE_IGNORE)
        self.assertSameDocument(cli_json("simulate", *GRANDMA, "--agents", "tit-for-tat",
                                         "--protocol", "mediator", "--runs", 20),
                                self.grandma.simulate("mediator", "tit-for-tat", runs=20),
                                SIMULATE_IGNORE)

    def test_simulate_selections(self):
        self.assertSameDocument(cli_json("simulate", EXAMPLE, "--runs", 60, "--uncertainty",
                                         "none", "--shock", "battlefield_gains", "--rounds", 3),
                                self.talks.simulate(runs=60, uncertainty="none",
                                                    shocks=["battlefield_gains"], rounds=3))
        with self.assertRaises(parley.ParleyError):
            self.talks.simulate(runs=1, shocks=["no_such_shock"])

    def test_simulate_zone_contradiction(self):
        # hardheaded agents on Laptop: a zone exists, no run settles; the sentence says why
        expected = cli_json("simulate", os.path.dirname(LAPTOP[0]), "--agents", "hardheaded",
                            "--runs", 5)
        self.assertIn("hardheaded", expected["zone"]["contradiction"])
        self.assertSameDocument(expected, self.laptop.simulate(agents="hardheaded", runs=5))

    def test_simulate_keeps_runs(self):
        document = self.talks.simulate(runs=64, seed=3, keep_runs=True)
        runs = document["per_run"]
        self.assertEqual(len(runs["agreed"]), 64)
        self.assertEqual(int(sum(runs["agreed"])), document["agreements"])
        self.assertEqual(len(runs["utilities"][0]), 4)

    def test_tournament(self):
        folder = os.path.dirname(LAPTOP[0])
        self.assertSameDocument(cli_json("tournament", folder, FULL, "--agents",
                                         "boulware,conceder,hardheaded", "--runs", 3),
                                parley.tournament([folder, FULL],
                                                  ["boulware", "conceder", "hardheaded"],
                                                  runs=3))

    def test_backtest(self):
        self.assertSameDocument(cli_json("backtest", DEU, "--bootstrap", 200),
                                parley.backtest(DEU, bootstrap=200))
        self.assertSameDocument(cli_json("backtest", DEU, "--capability", "equal", "--seed", 5,
                                         "--bootstrap", 50),
                                parley.backtest([DEU], "equal", bootstrap=50, seed=5))

    def test_to_dict_reads_back(self):
        native = self.talks.to_dict()
        again = parley.load(native)
        self.assertEqual(again.to_dict(), native)
        self.assertSameDocument(cli_json("evaluate", EXAMPLE), again.evaluate())

    def test_convert(self):
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            mine = os.path.join(folder, "mine.json")
            theirs = os.path.join(folder, "theirs.json")
            parley.convert(KTAB, mine)
            import subprocess
            from support import CLI
            subprocess.run([CLI, "convert", KTAB, "-o", theirs], check=True)
            with open(mine, "rb") as a, open(theirs, "rb") as b:
                self.assertEqual(a.read(), b.read())
            written = parley.convert(LAPTOP, os.path.join(folder, "lap"), to="genius")
            self.assertEqual(len(written), 3)
            self.assertEqual(parley.load(written).frontier()["frontier_size"],
                             self.laptop.frontier()["frontier_size"])


def _inputs():
    """Every input of tests/data and examples/ (files, and folders the CLI reads
    whole), but the files meant to be refused and the expected outputs."""
    found = []
    for root in (DATA, os.path.join(SOURCE, "examples")):
        for folder, names, files in os.walk(root):
            names[:] = sorted(n for n in names if n not in ("bad", "expected"))
            if folder != root and not names:
                found.append(folder)
            found += [os.path.join(folder, n) for n in sorted(files)
                      if not n.endswith((".md", ".html", ".svg", ".png"))]
    return found


class EveryExample(DocumentCase):
    """Each command the package covers against the CLI on every input the CLI
    reads: the same document, or the same error (the CLI's line names the
    command where the package says "parley")."""

    QUICK = (("evaluate", (), lambda s: s.evaluate()),
             ("predict", (), lambda s: s.predict()),
             ("zopa", (), lambda s: s.zopa()),
             ("mediate", (), lambda s: s.mediate()),
             ("simulate", ("--runs", 10), lambda s: s.simulate(runs=10)),
             ("frontier", (), lambda s: s.frontier()))

    def same_as_cli(self, name, path, args, call, scenario):
        cli = subprocess.run([CLI, name, path] + [str(a) for a in args] + ["--json"],
                             capture_output=True, text=True)
        try:
            document = call(scenario)
        except parley.ParleyError as error:
            self.assertEqual(cli.returncode, 2, str(error))
            self.assertIn(str(error).split("error: ", 1)[1], cli.stderr)
            return None
        self.assertEqual(cli.returncode, 0, cli.stderr)
        self.assertSameDocument(json.loads(cli.stdout), document)
        return document

    def test_every_input(self):
        skipped = set()
        for path in _inputs():
            try:
                scenario = parley.load(path)
            except parley.ParleyError as error:
                with self.subTest(path=path, command="validate"):
                    cli = subprocess.run([CLI, "validate", path], capture_output=True, text=True)
                    self.assertEqual(cli.returncode, 2, str(error))
                continue
            for name, args, call in self.QUICK:
                # (the peace talks' frontier takes 5-10 s: test_frontier covers frontier)
                if name == "frontier" and path.startswith(os.path.join(SOURCE, "examples")):
                    continue
                with self.subTest(path=path, command=name):
                    document = self.same_as_cli(name, path, args, call, scenario)
                    for model, value in ((document or {}).get("models") or {}).items():
                        if "skipped" in value and "rounds" in value:
                            skipped.add(model)
        # the inputs hold dynamic models run on part of the issues (null and skipped)
        self.assertTrue(skipped, "no dynamic model left out an issue in any input")

    def test_default_scenario(self):
        # parley.load() is the scenario `parley run` (and `zopa`) read with none given
        talks = parley.load()
        self.assertSameDocument(cli_json("zopa"), talks.zopa())
        run = cli_json("run", "--runs", 1)
        self.assertSameDocument(run["evaluations"], talks.evaluate()["evaluations"])
        models = talks.predict()["models"]   # run's models leave out offers and exchanges
        self.assertEqual(list(run["models"]), list(models))
        self.assertSameDocument({m: run["models"][m]["forecast"] for m in models},
                                {m: models[m]["forecast"] for m in models})


class SharedData(DocumentCase):
    """The reference data of ../shared/data, when present (skipped otherwise)."""

    def test_anac_domains(self):
        root = shared_path("genius", "anac", "y2011")
        for name in ("Camera", "Amsterdam", "Grocery"):
            folder = os.path.join(root, name)
            if not os.path.isdir(folder):
                continue
            with self.subTest(domain=name):
                s = parley.load(folder)
                files = parley._scenario._folder_files(folder)   # the CLI's frontier wants files
                self.assertSameDocument(cli_json("frontier", *files), s.frontier())
                self.assertSameDocument(cli_json("simulate", folder, "--runs", 20,
                                                 "--agents", "linear,conceder"),
                                        s.simulate(agents="linear,conceder", runs=20),
                                        SIMULATE_IGNORE)

    def test_bdm_tables(self):
        folder = shared_path("bdm")
        tables = sorted(name for name in os.listdir(folder) if name.endswith(".csv"))[:3]
        for name in tables:
            path = os.path.join(folder, name)
            with self.subTest(table=name):
                try:
                    expected = cli_json("predict", path)
                except Exception:  # a table the CLI refuses is not this test's business
                    continue
                self.assertSameDocument(expected, parley.load(path).predict())


if __name__ == "__main__":
    unittest.main()


class SetPaths(DocumentCase):
    """Scenario.set against `--set PATH=VALUE` (docs/paths.md)."""

    def test_set_changes_a_copy_as_the_cli_does(self):
        talks = parley.load(EXAMPLE)
        changed = talks.set("actors.UA.red_lines.donetsk.max", 90)
        self.assertSameDocument(cli_json("zopa", EXAMPLE, "--max-set", 0,
                                         "--set", "actors.UA.red_lines.donetsk.max=90"),
                                changed.zopa(max_set=0))
        self.assertFalse(talks.zopa(max_set=0)["possible"])   # the original is unchanged
        self.assertTrue(changed.zopa(max_set=0)["possible"])
        ruled = talks.set("decision_rule.kind", "weighted_majority").set(
            "actors.RU.capability", 120)
        self.assertSameDocument(cli_json("evaluate", EXAMPLE, "--set",
                                         "decision_rule.kind=weighted_majority",
                                         "--set", "actors.RU.capability=120"),
                                ruled.evaluate())
        removed = talks.set("actors.UA.red_lines.donetsk", None)
        self.assertNotIn("donetsk", removed.to_dict()["actors"][1].get("red_lines", {}))

    def test_bad_paths_read_as_the_cli_says(self):
        import subprocess
        from support import CLI
        talks = parley.load(EXAMPLE)
        for path, value in (("actors.XX.capability", 3), ("actors.RU.capability", -1)):
            with self.subTest(path=path):
                with self.assertRaises(parley.ParleyError) as caught:
                    talks.set(path, value)
                cli = subprocess.run([CLI, "validate", EXAMPLE, "--set", "%s=%s" % (path, value)],
                                     capture_output=True, text=True)
                self.assertEqual(cli.returncode, 2)
                self.assertEqual(str(caught.exception), cli.stderr.strip())
