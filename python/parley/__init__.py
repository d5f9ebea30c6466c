"""parley from Python: scenarios, analyses and simulations of multi-party
negotiations over libparley (docs/python.md).

    import parley
    s = parley.load("examples/peace-talks-2025.json")
    s.zopa()["possible"]; s.frontier()["frontier"]   # numpy array (points x parties)

Every analysis returns the document the matching `parley COMMAND --json`
prints (docs/cli-contract.md), as dicts and lists; errors raise ParleyError.
"""
from ._ffi import ParleyError, lib as _lib, ffi as _ffi
from ._negotiator import NegotiationState, Negotiator
from ._scenario import Scenario, load
from ._tools import backtest, convert, to_dataframe, tournament

__all__ = ["load", "Scenario", "ParleyError", "Negotiator", "NegotiationState", "tournament",
           "backtest", "convert", "to_dataframe", "version"]


def version():
    """The library's version ("0.1.0")."""
    return _ffi.string(_lib.pl_version()).decode()
