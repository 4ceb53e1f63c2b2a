"""Typed, contiguous, row-major buffers shared with the engine: numpy arrays when numpy is
importable, ctypes arrays and plain lists otherwise.

numpy is optional. ``RLREC_DISABLE_NUMPY=1`` makes the package behave as if it were missing
(the list backend), to compare the two; the tests hide numpy from the interpreter instead
(tests/python/no_numpy/sitecustomize.py), which also proves that nothing imports it.

With numpy, :func:`view` is zero-copy: an ndarray over memory the engine (or this package)
owns. Without it, values cross as nested lists, and a :class:`ListTensor` gives indexed, written
through access to foreign memory.

>>> buffer = HostBuffer(_abi.DTYPE_F32, (2, 3))
>>> buffer.assign([[1, 2, 3], [4, 5, 6]])
>>> to_list(buffer.value())
[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
>>> tensor = ListTensor(buffer.address, _abi.DTYPE_F32, (2, 3))
>>> tensor[1] = [7, 8, 9]
>>> tensor[0, 2] = -1
>>> tensor.tolist()
[[1.0, 2.0, -1.0], [7.0, 8.0, 9.0]]
"""

import array
import ctypes
import os

from . import _abi

if os.environ.get("RLREC_DISABLE_NUMPY", "") not in ("", "0"):
    numpy = None
else:
    try:
        import numpy
    except ImportError:
        numpy = None

if numpy is not None:
    NUMPY_DTYPE = {_abi.DTYPE_F32: numpy.float32, _abi.DTYPE_F64: numpy.float64,
                   _abi.DTYPE_I32: numpy.int32, _abi.DTYPE_U8: numpy.uint8,
                   _abi.DTYPE_I64: numpy.int64}


def numel(shape):
    """Number of elements of an array of this shape (1 for a scalar)."""
    count = 1
    for extent in shape:
        count *= extent
    return count


def nested(flat, shape):
    """Nested lists of ``shape`` from a flat sequence in row-major order."""
    if len(shape) <= 1:
        return list(flat)
    step = numel(shape[1:])
    return [nested(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def flatten(value):
    """The scalars of a (possibly nested) list, tuple or array, in row-major order."""
    if numpy is not None and isinstance(value, numpy.ndarray):
        return value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            out.extend(flatten(item))
        return out
    return [value]


def to_list(value):
    """A plain-Python copy of an array, a ListTensor, a dict of them, or a scalar."""
    if isinstance(value, dict):
        return {key: to_list(item) for key, item in value.items()}
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _flat_memory(address, dtype, count):
    raw = (ctypes.c_char * (count * ctypes.sizeof(_abi.DTYPE_CTYPE[dtype]))).from_address(address)
    return memoryview(raw).cast("B").cast(_abi.DTYPE_CODE[dtype])


def view(address, dtype, shape):
    """The memory at ``address`` as an array of ``shape``: a zero-copy ndarray with numpy, a
    :class:`ListTensor` without. The memory must outlive the view."""
    if numpy is None:
        return ListTensor(address, dtype, shape)
    count = numel(shape)
    if count == 0:
        return numpy.zeros(shape, NUMPY_DTYPE[dtype])
    ctype_array = (_abi.DTYPE_CTYPE[dtype] * count).from_address(address)
    return numpy.ctypeslib.as_array(ctype_array).reshape(shape)


class HostBuffer:
    """A buffer this package owns and hands to the engine: an ndarray with numpy, a ctypes array
    without. ``address`` stays valid for the life of the object."""

    def __init__(self, dtype, shape):
        self.dtype = dtype
        self.shape = tuple(shape)
        if numpy is not None:
            self.array = numpy.zeros(self.shape, NUMPY_DTYPE[dtype])
            self.address = self.array.ctypes.data
        else:
            self.array = (_abi.DTYPE_CTYPE[dtype] * max(numel(self.shape), 1))()
            self.address = ctypes.addressof(self.array)

    def value(self):
        """The contents: the ndarray itself (zero-copy) with numpy, nested lists without."""
        if numpy is not None:
            return self.array
        return nested(self.array[:numel(self.shape)], self.shape)

    def assign(self, value):
        """Copies ``value`` (nested lists or an array of this shape) into the buffer."""
        if numpy is not None:
            self.array[...] = value
        else:
            ListTensor(self.address, self.dtype, self.shape)[()] = value


class ListTensor:
    """Row-major memory seen as an n-dimensional array, without numpy: written through.

    ``t[i]`` reads row i as nested lists (or a scalar for rank 1); ``t[i] = value`` writes it;
    ``t[i, j, ...]`` reads or writes one element; ``t[()]`` is the whole array.
    """

    def __init__(self, address, dtype, shape):
        self.shape = tuple(shape)
        self._flat = _flat_memory(address, dtype, numel(self.shape))
        self._integer = dtype not in (_abi.DTYPE_F32, _abi.DTYPE_F64)

    def __len__(self):
        return self.shape[0]

    def _span(self, index):
        index = index if isinstance(index, tuple) else (index,)
        offset = 0
        for axis, i in enumerate(index):
            if not 0 <= i < self.shape[axis]:
                raise IndexError("index %d out of range for axis %d of size %d"
                                 % (i, axis, self.shape[axis]))
            offset = offset * self.shape[axis] + i
        rest = self.shape[len(index):]
        count = numel(rest)
        return offset * count, count, rest

    def __getitem__(self, index):
        start, count, rest = self._span(index)
        if not rest:
            return self._flat[start]
        return nested(self._flat[start:start + count].tolist(), rest)

    def __setitem__(self, index, value):
        start, count, _ = self._span(index)
        items = flatten(value)
        if len(items) == 1:
            items = items * count
        if len(items) != count:
            raise ValueError("expected %d values, got %d" % (count, len(items)))
        if self._integer:
            items = [int(item) for item in items]
        self._flat[start:start + count] = array.array(self._flat.format, items)

    def fill(self, value):
        """Sets every element to ``value``."""
        self[()] = value

    def tolist(self):
        """A nested-list copy."""
        return nested(self._flat.tolist(), self.shape)
