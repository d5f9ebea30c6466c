"""Build step of the parley package (pyproject.toml holds the metadata): the
shared library built by `make` (../build/libparley.so.0, or $PARLEY_LIBRARY)
is copied into the package, so that an installed parley finds it without the
repository. Without one, the package uses the system's libparley.so.0
(`make install`) or $PARLEY_LIBRARY at import time. The default scenario
(../examples/peace-talks-2025.json, which the CLI compiles in, or
$PARLEY_DEFAULT_SCENARIO) is copied in too, for parley.load() with no argument."""
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class build_with_library(build_py):
    def run(self):
        super().run()
        here = os.path.dirname(os.path.abspath(__file__))
        library = os.environ.get("PARLEY_LIBRARY") or os.path.join(
            os.path.dirname(here), "build", "libparley.so.0")
        if os.path.exists(library):
            target = os.path.join(self.build_lib, "parley", "libparley.so.0")
            shutil.copyfile(os.path.realpath(library), target)
        default = os.environ.get("PARLEY_DEFAULT_SCENARIO") or os.path.join(
            os.path.dirname(here), "examples", "peace-talks-2025.json")
        if os.path.exists(default):
            shutil.copyfile(default, os.path.join(self.build_lib, "parley",
                                                  "peace-talks-2025.json"))


setup(cmdclass={"build_py": build_with_library})
