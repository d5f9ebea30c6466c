"""C arrays as Python values: numpy arrays over the C buffer (copied before
the C result is freed), or plain lists when numpy is absent; NaN as None
where the CLI's JSON writes null."""
import math
from array import array

from ._ffi import ffi

try:
    import numpy
except ImportError:  # numpy is optional (Debian python3-numpy)
    numpy = None


def number(x):
    """A double as the CLI's JSON holds it: None for NaN and infinities."""
    return None if math.isnan(x) or math.isinf(x) else x


def reals(pointer, n):
    """n doubles as a list (NaN -> None)."""
    if n == 0 or pointer == ffi.NULL:
        return []
    values = ffi.unpack(ffi.cast("double *", pointer), n)
    return [number(x) for x in values]


def matrix(pointer, rows, columns, dtype="d", vector=False):
    """rows x columns values (row-major) as a numpy array, or a list of lists;
    with vector (columns 1), a one-dimensional array or list. A matrix with one
    column stays two-dimensional, as the CLI writes a frontier of one party.

    numpy: np.frombuffer over the C buffer, then one copy (the C result is
    freed afterwards); no Python object per number.
    """
    size = {"d": 8, "i": 4, "B": 1}[dtype]
    count = rows * columns
    shape = rows if vector else (rows, columns)
    if numpy is not None:
        kind = {"d": numpy.float64, "i": numpy.intc, "B": numpy.uint8}[dtype]
        if count == 0 or pointer == ffi.NULL:
            return numpy.zeros(shape, dtype=kind)
        view = numpy.frombuffer(ffi.buffer(pointer, count * size), dtype=kind)
        return view.reshape(shape).copy()
    if count == 0 or pointer == ffi.NULL:
        return [] if vector else [[] for _ in range(rows)]
    flat = array(dtype, bytes(ffi.buffer(pointer, count * size)))
    if vector:
        return list(flat)
    return [list(flat[r * columns:(r + 1) * columns]) for r in range(rows)]
