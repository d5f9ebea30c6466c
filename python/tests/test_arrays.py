"""Large arrays: numpy arrays (copied out of the library's buffers) when numpy
is importable, lists of lists otherwise, with the same numbers; pandas
DataFrames from to_dataframe when pandas is importable."""
import unittest
from unittest import mock

import parley
import parley._arrays as arrays
from support import EXAMPLE, GRANDMA, LAPTOP, cli_json


class Arrays(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.grandma = parley.load(GRANDMA)

    def test_without_numpy_lists_hold_the_same_numbers(self):
        if arrays.numpy is None:
            self.skipTest("numpy absent: nothing to compare with")
        with_numpy = self.grandma.frontier()["frontier"]
        with mock.patch.object(arrays, "numpy", None):
            plain = self.grandma.frontier()["frontier"]
            runs = parley.load(EXAMPLE).simulate(runs=20, keep_runs=True)["per_run"]
        self.assertIsInstance(plain, list)
        self.assertEqual(plain, with_numpy.tolist())
        self.assertEqual(plain, cli_json("frontier", *GRANDMA)["frontier"])
        self.assertIsInstance(runs["utilities"], list)
        self.assertEqual(len(runs["agreed"]), 20)

    def test_arrays_outlive_the_result(self):
        if arrays.numpy is None:
            self.skipTest("numpy absent")
        points = self.grandma.frontier()["frontier"]
        self.assertTrue(points.flags.owndata or points.base is not None)
        points[0, 0] = -1.0   # a copy: writable, and the library's buffer is long freed
        self.assertEqual(self.grandma.frontier()["frontier"][0, 0],
                         cli_json("frontier", *GRANDMA)["frontier"][0][0])


class DataFrames(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise unittest.SkipTest("pandas absent (Debian python3-pandas)")

    def test_frames(self):
        laptop = parley.load(LAPTOP)
        frontier = laptop.frontier()
        frame = parley.to_dataframe(frontier)
        self.assertEqual(list(frame.columns), frontier["parties"])
        self.assertEqual(frame.values.tolist(), parley.load(LAPTOP).frontier()["frontier"].tolist())
        runs = parley.to_dataframe(parley.load(EXAMPLE).simulate(runs=30, keep_runs=True))
        self.assertEqual(len(runs), 30)
        self.assertIn("utility.UA", runs.columns)
        self.assertIn("agreement.donetsk", runs.columns)
        table = parley.to_dataframe(parley.tournament([laptop], ["boulware", "conceder"]))
        self.assertEqual(len(table), 4)
        forecasts = parley.to_dataframe(parley.load(EXAMPLE).predict("compromise"))
        self.assertEqual(list(forecasts.columns), ["compromise"])
        self.assertEqual(forecasts.index[0], "donetsk")
        with self.assertRaises(ValueError):
            parley.to_dataframe({"nothing": 1})


if __name__ == "__main__":
    unittest.main()
