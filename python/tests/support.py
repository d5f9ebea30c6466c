"""What the Python tests share: where things are, the CLI's --json output,
and an exact comparison of documents (numbers equal as doubles)."""
import json
import os
import subprocess
import unittest

SOURCE = os.environ.get("PARLEY_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("PARLEY_CLI") or os.path.join(SOURCE, "build", "parley")
SHARED = os.environ.get("PARLEY_SHARED") or os.path.join(os.path.dirname(SOURCE), "shared")
DATA = os.path.join(SOURCE, "tests", "data")
EXAMPLE = os.path.join(SOURCE, "examples", "peace-talks-2025.json")
LAPTOP = [os.path.join(DATA, "genius", "laptop", name) for name in
          ("laptop_domain.xml", "laptop_buyer_utility.xml", "laptop_seller_utility.xml")]
GRANDMA = [os.path.join(DATA, "genius", "grandma", "Smart_Energy_Grid%s.xml" % tail)
           for tail in ("", "_util1", "_util2", "_util3")]


def shared_path(*parts):
    """A path under ../shared/data, or skip the test when it is absent."""
    path = os.path.join(SHARED, "data", *parts)
    if not os.path.exists(path):
        raise unittest.SkipTest("no %s (../shared/data is optional)" % path)
    return path


def cli_json(*args):
    """The document `parley ARGS... --json` prints."""
    result = subprocess.run([CLI] + [str(a) for a in args] + ["--json"], capture_output=True,
                            check=True)
    return json.loads(result.stdout)


def plain(value):
    """numpy arrays and scalars as lists and Python numbers."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def differences(expected, actual, path="$"):
    """Where two documents differ: same keys, same types (bool apart from
    numbers, int and float alike as JSON numbers), numbers equal as doubles."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return [] if type(expected) is type(actual) and expected == actual else \
            ["%s: %r != %r" % (path, expected, actual)]
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return [] if float(expected) == float(actual) else \
            ["%s: %r != %r" % (path, expected, actual)]
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = ["%s: key %r missing" % (path, k) for k in expected if k not in actual]
        found += ["%s: key %r added" % (path, k) for k in actual if k not in expected]
        if list(k for k in expected if k in actual) != list(k for k in actual if k in expected):
            found.append("%s: keys in another order" % path)
        for k in expected:
            if k in actual:
                found += differences(expected[k], actual[k], "%s.%s" % (path, k))
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return ["%s: %d items != %d" % (path, len(expected), len(actual))]
        found = []
        for k, (e, a) in enumerate(zip(expected, actual)):
            found += differences(e, a, "%s[%d]" % (path, k))
        return found
    return [] if expected == actual else ["%s: %r != %r" % (path, expected, actual)]


class DocumentCase(unittest.TestCase):
    def assertSameDocument(self, expected, actual, ignore=()):
        actual = plain(actual)
        for key in ignore:
            expected.pop(key, None)
        found = differences(expected, actual)
        self.assertEqual(found[:10], [], "%d differences" % len(found))
