"""Observation and action spaces, shaped like Gymnasium's (``gymnasium.spaces``).

rlrec's C spaces (``rlrec_space``) are Box, Discrete and MultiDiscrete with bounds uniform over
the elements; an observation is a :class:`Dict` of named fields; an action is a :class:`Slate`:
``size`` candidate indices in ``[0, n)``, distinct unless the env allows repeats. ``dtype`` is a
numpy dtype when numpy is present and its name otherwise; ``str(space.dtype)`` is the same either
way. ``sample()`` returns an ndarray with numpy and nested lists without.

>>> box = Box(0.0, 1.0, (3, 2), "float32")
>>> box
Box(0.0, 1.0, (3, 2), float32)
>>> slate = Slate(n=10, size=2)
>>> slate.seed(7)
>>> action = slate.sample()
>>> len(action), len(set(int(a) for a in action)), slate.contains(action)
(2, 2, True)
>>> slate.contains([3, 3])
False
>>> Dict({"user": Box(-1.0, 1.0, (4,), "float32")})
Dict(user: Box(-1.0, 1.0, (4,), float32))
"""

import random

from . import _abi
from ._arrays import flatten, nested, numel, numpy

_DTYPE_NAME = {_abi.DTYPE_F32: "float32", _abi.DTYPE_F64: "float64", _abi.DTYPE_I32: "int32",
               _abi.DTYPE_U8: "uint8", _abi.DTYPE_I64: "int64"}
_DTYPE_CODE = {name: code for code, name in _DTYPE_NAME.items()}


def _dtype(name):
    return numpy.dtype(name) if numpy is not None else name


class Space:
    """Common part of every space: shape, dtype, a seedable random stream."""

    def __init__(self, shape, dtype):
        self.shape = tuple(shape)
        self.dtype = _dtype(str(dtype))
        self._random = random.Random()
        self._generator = numpy.random.default_rng() if numpy is not None else None

    def seed(self, seed=None):
        """Seeds ``sample``."""
        self._random.seed(seed)
        if numpy is not None:
            self._generator = numpy.random.default_rng(seed)

    def _array(self, flat, shape):
        if numpy is not None:
            return numpy.asarray(flat, dtype=self.dtype).reshape(shape)
        return nested(flat, shape) if shape else flat[0]


class Box(Space):
    """Real values in [low, high] (the same bounds for every element)."""

    def __init__(self, low, high, shape, dtype="float32"):
        super().__init__(shape, dtype)
        self.bounds = (float(low), float(high))

    @property
    def low(self):
        """The lower bound of every element (an array with numpy, as Gymnasium's)."""
        return self._bound(self.bounds[0])

    @property
    def high(self):
        """The upper bound of every element."""
        return self._bound(self.bounds[1])

    def _bound(self, value):
        return numpy.full(self.shape, value, self.dtype) if numpy is not None else value

    def sample(self):
        """Uniform in the bounds; unbounded sides draw from a standard normal around them."""
        low, high = self.bounds
        draw = self._random
        values = []
        for _ in range(numel(self.shape)):
            if low > -float("inf") and high < float("inf"):
                values.append(draw.uniform(low, high))
            elif low > -float("inf"):
                values.append(low + abs(draw.gauss(0.0, 1.0)))
            elif high < float("inf"):
                values.append(high - abs(draw.gauss(0.0, 1.0)))
            else:
                values.append(draw.gauss(0.0, 1.0))
        if str(self.dtype) == "uint8":
            values = [round(value) for value in values]
        return self._array(values, self.shape)

    def contains(self, value):
        """Whether ``value`` has this shape and lies inside the bounds."""
        items = flatten(value)
        low, high = self.bounds
        return len(items) == numel(self.shape) and all(low <= item <= high for item in items)

    def __repr__(self):
        return "Box(%r, %r, %s, %s)" % (self.bounds[0], self.bounds[1], self.shape, self.dtype)


class Discrete(Space):
    """One integer in [0, n)."""

    def __init__(self, n):
        super().__init__((), "int32")
        self.n = int(n)

    def sample(self):
        """Uniform in [0, n)."""
        return self._random.randrange(self.n)

    def contains(self, value):
        """Whether ``value`` is an integer in [0, n)."""
        return int(value) == value and 0 <= value < self.n

    def __repr__(self):
        return "Discrete(%d)" % self.n


class MultiDiscrete(Space):
    """Integers in [0, n) each, with the given shape (Gymnasium's ``nvec`` is n everywhere)."""

    def __init__(self, n, shape):
        super().__init__(shape, "int32")
        self.n = int(n)

    @property
    def nvec(self):
        """The number of values of every element (an array with numpy)."""
        return numpy.full(self.shape, self.n, numpy.int64) if numpy is not None else self.n

    def sample(self):
        """Every element uniform in [0, n)."""
        return self._array([self._random.randrange(self.n) for _ in range(numel(self.shape))],
                           self.shape)

    def contains(self, value):
        """Whether ``value`` has this shape and every element is in [0, n)."""
        items = flatten(value)
        return len(items) == numel(self.shape) and all(
            int(item) == item and 0 <= item < self.n for item in items)

    def __repr__(self):
        return "MultiDiscrete(%d, %s)" % (self.n, self.shape)


class Slate(MultiDiscrete):
    """A slate: ``size`` candidate indices in [0, n), distinct unless ``distinct`` is False.

    ``batch`` > 0 makes the space of ``batch`` slates at once, shape [batch, size] (a vector
    env's action space); ``sample`` then draws every row independently.
    """

    def __init__(self, n, size, distinct=True, batch=0):
        super().__init__(n, (batch, size) if batch else (size,))
        self.size = int(size)
        self.distinct = bool(distinct)
        self.batch = int(batch)

    def sample(self):
        """Uniformly random slate(s): ordered, without repeats when ``distinct``."""
        rows = max(self.batch, 1)
        if numpy is not None:
            drawn = self._sample_distinct(rows) if self.distinct else \
                self._generator.integers(0, self.n, (rows, self.size), numpy.int32)
            return drawn if self.batch else drawn[0]
        draw = self._random
        slates = [draw.sample(range(self.n), self.size) if self.distinct
                  else [draw.randrange(self.n) for _ in range(self.size)] for _ in range(rows)]
        return slates if self.batch else slates[0]

    def _sample_distinct(self, rows):
        # Slot j draws the r-th of the n - j candidates not yet shown, r uniform: r is mapped
        # past every earlier pick at or below it, in ascending order. O(size^2) vector steps and
        # no O(n) work per row, so a batch of 256 slates costs microseconds.
        # floor(u * (n - j)) is uniform on [0, n - j) up to float rounding (2**-53), and much
        # cheaper than Generator.integers with a per-column bound.
        draws = (self._generator.random((rows, self.size)) *
                 (self.n - numpy.arange(self.size))).astype(numpy.int32)
        for j in range(1, self.size):
            column = draws[:, j]
            for earlier in numpy.sort(draws[:, :j], axis=1).T:
                column += column >= earlier
        return draws

    def contains(self, value):
        """Whether ``value`` is a valid slate (or batch of slates)."""
        if not super().contains(value):
            return False
        items = [int(item) for item in flatten(value)]
        rows = [items[i:i + self.size] for i in range(0, len(items), self.size)]
        return not self.distinct or all(len(set(row)) == len(row) for row in rows)

    def __repr__(self):
        return "Slate(n=%d, size=%d%s%s)" % (self.n, self.size,
                                            "" if self.distinct else ", distinct=False",
                                            ", batch=%d" % self.batch if self.batch else "")


class Dict(Space):
    """Named sub-spaces in order: a structured observation (``spaces`` maps name to space)."""

    def __init__(self, spaces):
        super().__init__((), "float32")
        self.spaces = dict(spaces)

    def __getitem__(self, name):
        return self.spaces[name]

    def __iter__(self):
        return iter(self.spaces)

    def keys(self):
        """The field names, in order."""
        return self.spaces.keys()

    def seed(self, seed=None):
        """Seeds every sub-space (each from its own derived seed)."""
        for offset, space in enumerate(self.spaces.values()):
            space.seed(None if seed is None else seed + offset)

    def sample(self):
        """One sample of every sub-space."""
        return {name: space.sample() for name, space in self.spaces.items()}

    def contains(self, value):
        """Whether ``value`` has exactly these fields, each inside its space."""
        return set(value) == set(self.spaces) and all(
            space.contains(value[name]) for name, space in self.spaces.items())

    def __repr__(self):
        return "Dict(%s)" % ", ".join("%s: %r" % item for item in self.spaces.items())


def from_c(space, batch=0):
    """The Python space of an ``rlrec_space``, with a leading ``batch`` dimension if > 0."""
    shape = tuple(space.shape[i] for i in range(space.rank))
    lead = (batch,) if batch else ()
    if space.kind == _abi.SPACE_BOX:
        return Box(space.low, space.high, lead + shape, _DTYPE_NAME[space.dtype])
    if space.kind == _abi.SPACE_DISCRETE and not batch:
        return Discrete(space.n)
    return MultiDiscrete(space.n, lead + shape)


def to_c(space):
    """The ``rlrec_space`` of a Box, Discrete or MultiDiscrete (for envs written in Python)."""
    c = _abi.rlrec_space()
    if isinstance(space, Box):
        c.kind, c.low, c.high = _abi.SPACE_BOX, space.bounds[0], space.bounds[1]
    elif isinstance(space, Discrete):
        c.kind, c.low, c.high, c.n = _abi.SPACE_DISCRETE, 0.0, space.n - 1.0, space.n
    elif isinstance(space, MultiDiscrete):
        c.kind, c.low, c.high, c.n = _abi.SPACE_MULTI_DISCRETE, 0.0, space.n - 1.0, space.n
    else:
        raise TypeError("an rlrec field is a Box, Discrete or MultiDiscrete, not %r" % (space,))
    if len(space.shape) > _abi.MAX_RANK:
        raise ValueError("rank %d exceeds RLREC_MAX_RANK (%d)" % (len(space.shape), _abi.MAX_RANK))
    c.dtype = _DTYPE_CODE[str(space.dtype)]
    c.rank = len(space.shape)
    for axis, extent in enumerate(space.shape):
        c.shape[axis] = extent
    return c


def batched(space, n):
    """The space of ``n`` stacked values of ``space`` (a vector env's spaces)."""
    if isinstance(space, Dict):
        return Dict({name: batched(sub, n) for name, sub in space.spaces.items()})
    if isinstance(space, Slate):
        return Slate(space.n, space.size, space.distinct, batch=n)
    if isinstance(space, Box):
        return Box(space.bounds[0], space.bounds[1], (n,) + space.shape, space.dtype)
    if isinstance(space, Discrete):
        return MultiDiscrete(space.n, (n,))
    return MultiDiscrete(space.n, (n,) + space.shape)
