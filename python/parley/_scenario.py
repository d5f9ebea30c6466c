"""parley.load and parley.Scenario: a scenario read by the library, and the
analyses of the CLI's commands on it, each returning the document the
command prints with --json (docs/cli-contract.md), built from the library's
result structs."""
import json
import os

from . import _documents
from ._ffi import ParleyError, check, ffi, lib, new_diag, text

ffi.cdef("void free(void *);")
_libc = ffi.dlopen(None)


def _folder_files(folder):
    """A folder's .xml files, the GENIUS domain first, then the profiles by
    name (as the CLI reads a folder: simulation_report.c folder_files)."""
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder)
                   if name.endswith(".xml") and len(name) >= 5)
    for k, path in enumerate(files):
        with open(path, "rb") as f:
            if b"<negotiation_template" in f.read(4095):
                return [path] + files[:k] + files[k + 1:]
    return files


def _paths(source):
    """The files to read (cli_load.c load_quiet): a lone folder is the GENIUS
    domain and profiles it holds; a folder without .xml files goes to the
    library as it is (long-format tables, GeniusWeb: docs/formats.md)."""
    if isinstance(source, (str, bytes, os.PathLike)):
        source = [source]
    paths = [os.fsdecode(p) for p in source]
    if len(paths) == 1 and os.path.isdir(paths[0]):
        files = _folder_files(paths[0])
        if not files:
            return paths
        if len(files) < 3:
            raise ParleyError("the folder holds no GENIUS domain with two profiles or more",
                              paths[0])
        return files
    return paths


def _read_files(paths):
    if not paths:
        raise ParleyError("give a scenario (or a GENIUS domain and its profiles)")
    keep = [ffi.new("char[]", p.encode()) for p in paths]
    array = ffi.new("const char *[]", keep)
    out = ffi.new("pl_scenario **")
    diag = new_diag()
    check(lib.pl_load_scenario_files(array, len(paths), out, diag), diag, paths[0])
    return out[0]


def _read_text(data, source):
    out = ffi.new("pl_scenario **")
    diag = new_diag()
    lib.pl_diag_set_source(diag, source.encode())
    status = lib.pl_read_scenario(lib.PL_FORMAT_PARLEY_JSON, source.encode(), data, len(data),
                                  out, diag)
    check(status, diag, source)
    return out[0]


# The CLI compiles examples/peace-talks-2025.json in (cli.h CLI_DEFAULT_SCENARIO_NAME);
# the library does not hold it, so the package reads the same file: the copy installed
# beside the package (setup.py), else the repository's.
DEFAULT_SCENARIO_NAME = "peace-talks-2025.json (built in)"
_HERE = os.path.dirname(os.path.abspath(__file__))
_DEFAULT_PLACES = (os.path.join(_HERE, "peace-talks-2025.json"),
                   os.path.join(os.path.dirname(os.path.dirname(_HERE)), "examples",
                                "peace-talks-2025.json"))


def default_scenario_path():
    """Where the default scenario is read from (the installed copy first)."""
    for path in _DEFAULT_PLACES:
        if os.path.isfile(path):
            return path
    raise ParleyError("the default scenario is neither installed with the package nor in "
                      "the repository (%s)" % " or ".join(_DEFAULT_PLACES))


def load(source=None):
    """A Scenario from a path, a list of paths (a GENIUS domain then its
    profiles, as on the command line) or a dict in the native format; with
    none, the default scenario `parley run` analyses with no argument."""
    if source is None:
        with open(default_scenario_path(), "rb") as f:
            return Scenario(_read_text(f.read(), DEFAULT_SCENARIO_NAME))
    if isinstance(source, dict):
        data = json.dumps(source, allow_nan=False).encode()
        return Scenario(_read_text(data, "<dict>"))
    return Scenario(_read_files(_paths(source)))


class Scenario:
    """A validated scenario, owned by the library (freed with the object).

    The object is never changed: `set` returns a modified copy. Methods may
    be called from several threads at once (the library keeps no state
    outside its arguments and only reads the scenario).
    """

    def __init__(self, pointer):
        self._s = ffi.gc(pointer, lib.pl_scenario_free)

    # ---- what it holds ----
    @property
    def actors(self):
        s = self._s
        return [text(s.actors[a].id) for a in range(s.n_actors)]

    @property
    def issues(self):
        s = self._s
        return [text(s.issues[i].id) for i in range(s.n_issues)]

    @property
    def proposals(self):
        s = self._s
        return [text(s.proposals[p].id) for p in range(s.n_proposals)]

    def __repr__(self):
        return "<parley.Scenario %s: %d actors, %d issues>" % (
            text(self._s.id) or "?", self._s.n_actors, self._s.n_issues)

    def to_dict(self):
        """The scenario in the native format (docs/scenario-format.md), as a dict."""
        out = ffi.new("char **")
        diag = new_diag()
        check(lib.pl_write_parley_json(self._s, out, diag), diag)
        try:
            return json.loads(ffi.string(out[0]).decode("utf-8"))
        finally:
            _libc.free(out[0])

    def set(self, path, value):
        """A copy with the `--set` path `path` set to `value` (any JSON-able
        value; None removes an optional member), as `--set PATH=VALUE` does
        (docs/paths.md). An error reads as the CLI's: path "--set PATH=VALUE"."""
        value_text = json.dumps(value, allow_nan=False)
        copy = ffi.new("pl_scenario **")
        check(lib.pl_scenario_copy(self._s, copy))
        result = Scenario(copy[0])
        diag = new_diag()
        status = lib.pl_scenario_set(result._s, str(path).encode(), value_text.encode(), diag)
        if status != 0:
            # cli_set.c print_failure: the message without its "PATH: " when PATH is ours
            message = ffi.string(diag.message).decode("utf-8", "replace")
            if message.startswith(str(path) + ": "):
                message = message[len(str(path)) + 2:]
            raise ParleyError(message or ffi.string(lib.pl_strerror(status)).decode(),
                              "--set %s=%s" % (path, value_text), status=status)
        return result

    # ---- the analyses (one per command) ----
    def evaluate(self, proposals=None):
        """`parley evaluate --json`: every actor's verdict on each proposal
        (all of them, or the ids in `proposals`)."""
        return _documents.evaluate(self, proposals)

    def predict(self, model="all", rounds=None, options=None):
        """`parley predict --model M [--rounds N] [--option NAME=VALUE]... --json`.
        `options`: {name: value}, given to the model(s) as --option is."""
        return _documents.predict(self, model, rounds, options)

    def frontier(self, disagreement="reservation", asymmetric=False, threads=1, steps=None):
        """`parley frontier --json`; "frontier" is a (points x parties) numpy
        array when numpy is importable, else a list of lists."""
        return _documents.frontier(self, disagreement, asymmetric, threads, steps)

    def simulate(self, protocol="sao", agents=None, steps=100, runs=1000, seed=1, threads=1,
                 grid=None, rounds=None, keep_runs=False, uncertainty=None, shocks=None):
        """`parley simulate --json`. `agents`: names ("boulware", "tb:2",
        ...), parley.Negotiator instances, or a comma-separated string; one
        for all parties or one per party. `uncertainty`, `shocks`: the ids
        drawn or applied (--uncertainty, --shock; default all, ["none"]: none).
        keep_runs=True adds "per_run": every run's agreement, step, utilities
        and package as arrays."""
        return _documents.simulate(self, protocol, agents, steps, runs, seed, threads, grid,
                                   rounds, keep_runs, uncertainty, shocks)

    def zopa(self, max_set=3, max_work=None):
        """`parley zopa --max-set K [--max-work W] --json`: the zone of possible agreement."""
        return _documents.zopa(self, max_set, max_work)

    def mediate(self, from_proposal=None):
        """`parley mediate [--from P] --json`: a single negotiating text."""
        return _documents.mediate(self, from_proposal)
