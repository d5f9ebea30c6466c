"""The C library behind the package: cffi in ABI mode over libparley.so.

The declarations are the public headers, preprocessed (_cdef.h, made by
python/tools/gen_cdef.sh). The library is, in order: $PARLEY_LIBRARY; the
build folder of the repository this package sits in (after `make`); the
library installed beside the package (pip); the system's libparley.so.0.
cffi releases the GIL during every C call, so long computations let other
Python threads run, and the library itself keeps no global state.
"""
import os

import cffi

ffi = cffi.FFI()
with open(os.path.join(os.path.dirname(__file__), "_cdef.h"), encoding="utf-8") as _f:
    ffi.cdef(_f.read())


def _candidates():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    yield os.path.join(root, "build", "libparley.so.0")
    yield os.path.join(here, "libparley.so.0")
    yield "libparley.so.0"


def _open():
    explicit = os.environ.get("PARLEY_LIBRARY")
    if explicit:
        return ffi.dlopen(explicit)
    errors = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            continue
        try:
            return ffi.dlopen(path)
        except OSError as error:
            errors.append(str(error))
    raise ImportError("parley: cannot find libparley.so.0 (run `make` in the repository, "
                      "or set PARLEY_LIBRARY to the library's path): " + "; ".join(errors))


lib = _open()


class ParleyError(Exception):
    """Bad input or a failed computation, as the CLI reports it.

    `path`, `line` and `col` say where (line and col are None where no position
    applies, as for an inconsistent value), `message` why, `status` the
    library's status code (parley/status.h). str() is the CLI's line,
    PATH:LINE:COL: error: MESSAGE (or PATH: error: MESSAGE).
    """

    def __init__(self, message, path=None, line=None, col=None, status=None):
        self.message = message
        self.path = path
        self.line = line
        self.col = col
        self.status = status
        super().__init__(self._text())

    def _text(self):
        where = self.path or "parley"
        if self.line:
            where += ":%d:%d" % (self.line, self.col or 0)
        return "%s: error: %s" % (where, self.message)


def new_diag():
    diag = ffi.new("pl_diag *")
    lib.pl_diag_clear(diag)
    return diag


def error_from(status, diag, path=None):
    """The ParleyError of a failed call, from its diagnostic."""
    message = ffi.string(diag.message).decode("utf-8", "replace") if diag else ""
    if not message:
        message = ffi.string(lib.pl_strerror(status)).decode()
    source = ffi.string(diag.source).decode("utf-8", "replace") if diag else ""
    line = diag.line if diag and diag.line > 0 else None
    col = diag.column if diag and diag.line > 0 else None
    return ParleyError(message, source or path, line, col, status)


def check(status, diag=None, path=None):
    if status != 0:
        raise error_from(status, diag, path)


def text(pointer):
    """A C string as str (None for NULL)."""
    return None if pointer == ffi.NULL else ffi.string(pointer).decode("utf-8")
