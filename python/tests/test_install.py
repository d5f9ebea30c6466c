"""`pip install --no-build-isolation ./python` into a temporary target, then
import from there (with the repository out of the way) and run an analysis."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import EXAMPLE, LAPTOP, SOURCE


class Install(unittest.TestCase):
    def test_pip_install_then_import(self):
        import importlib.util
        for module in ("pip", "setuptools", "wheel"):   # --no-build-isolation needs them
            if importlib.util.find_spec(module) is None:
                self.skipTest("%s absent" % module)
        library = os.environ.get("PARLEY_LIBRARY") or os.path.join(SOURCE, "build",
                                                                   "libparley.so.0")
        with tempfile.TemporaryDirectory() as folder:
            source = os.path.join(folder, "src")
            shutil.copytree(os.path.join(SOURCE, "python"), source,
                            ignore=shutil.ignore_patterns("build", "*.egg-info",
                                                          "__pycache__"))
            target = os.path.join(folder, "site")
            env = dict(os.environ, PARLEY_LIBRARY=library, PARLEY_DEFAULT_SCENARIO=EXAMPLE,
                       PIP_NO_INDEX="1",
                       PIP_DISABLE_PIP_VERSION_CHECK="1")
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                            "--no-build-isolation", "--no-deps", "--target", target, source],
                           check=True, env=env, cwd=folder, capture_output=True)
            self.assertTrue(os.path.exists(os.path.join(target, "parley", "libparley.so.0")))
            env = {k: v for k, v in os.environ.items()
                   if k not in ("PARLEY_LIBRARY", "PYTHONPATH")}
            env["PYTHONPATH"] = target
            script = ("import parley, sys; d = parley.load(sys.argv[1:]).frontier(); "
                      "print(parley.__file__, d['frontier_size'])")
            result = subprocess.run([sys.executable, "-c", script] + LAPTOP, check=True,
                                    env=env, cwd=folder, capture_output=True, text=True)
            where, size = result.stdout.split()
            self.assertTrue(where.startswith(target), where)
            self.assertEqual(size, "4")   # Laptop's frontier: 4 points (test_documents)
            # load() with no argument reads the copy of the default scenario installed
            # beside the package (the repository is out of reach from `folder`)
            script = ("import parley; from parley import _scenario as m; "
                      "print(m.default_scenario_path(), ','.join(parley.load().actors))")
            result = subprocess.run([sys.executable, "-c", script], check=True, env=env,
                                    cwd=folder, capture_output=True, text=True)
            where, actors = result.stdout.split()
            self.assertTrue(where.startswith(target), where)
            with open(EXAMPLE) as f:
                expected = ",".join(a["id"] for a in json.load(f)["actors"])
            self.assertEqual(actors, expected)


if __name__ == "__main__":
    unittest.main()
