"""Concurrent calls from Python threads give the same documents as calls one
after another (the library keeps no global state and cffi releases the GIL
during C calls), and 10,000 calls leave the memory where it was."""
import os
import resource
import threading
import unittest

import parley
from support import EXAMPLE, GRANDMA, LAPTOP, plain


def rss_kib():
    """Resident set size now (Linux /proc), in KiB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() // 1024


class Concurrency(unittest.TestCase):
    def test_threads_agree_with_one_thread(self):
        talks, grandma, laptop = parley.load(EXAMPLE), parley.load(GRANDMA), parley.load(LAPTOP)
        calls = [lambda: talks.simulate(runs=200, seed=11, steps=30),
                 lambda: grandma.frontier(),
                 lambda: talks.evaluate(),
                 lambda: talks.predict("eu"),
                 lambda: laptop.simulate(agents="linear,conceder", runs=100),
                 lambda: talks.mediate()]
        expected = [plain(call()) for call in calls]
        results, errors = {}, []

        def work(k):
            try:
                for repeat in range(3):
                    results[(k, repeat)] = plain(calls[k % len(calls)]())
            except Exception as error:  # reported below, not lost in the thread
                errors.append(error)
        threads = [threading.Thread(target=work, args=(k,)) for k in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 36)
        for (k, _), document in results.items():
            self.assertEqual(document, expected[k % len(calls)])

    def test_no_leak_over_ten_thousand_calls(self):
        # Bound: 2 MiB of growth over 10,000 calls after a warm-up of 1,000 (a leak of one
        # small result per call, ~200 bytes, would show 2 MB; the documents are dropped).
        # Measured: about 180 KiB over the first 10,000 (the allocators settling), 0 over
        # the next 10,000.
        laptop, talks = parley.load(LAPTOP), parley.load(EXAMPLE)
        bad = os.path.join(os.path.dirname(EXAMPLE), "..", "tests", "data", "native", "bad")
        bad = os.path.join(bad, sorted(os.listdir(bad))[0])

        def failing_load():
            try:
                parley.load(bad)
            except parley.ParleyError:
                pass
        class Accept(parley.Negotiator):   # a Python negotiator: callbacks through C
            def propose(self, state):
                return {issue: state.values(issue)[0] for issue in state.issues}

            def respond(self, state, offer):
                return True
        calls = [laptop.frontier, lambda: talks.predict("compromise"),
                 lambda: laptop.simulate(runs=1), lambda: parley.load(LAPTOP), failing_load,
                 lambda: laptop.simulate(agents=["boulware", Accept()], runs=1)]

        def run(n):
            for k in range(n):
                calls[k % len(calls)]()
        run(1000)
        before = rss_kib()
        run(10000)
        grown = rss_kib() - before
        self.assertLess(grown, 2048, "RSS grew by %d KiB over 10,000 calls" % grown)


if __name__ == "__main__":
    unittest.main()
