"""Parameter schemas of plugins written in Python (rlrec/params.h): :class:`Param` to
``rlrec_param_def``, and the engine's validated ``rlrec_value`` array back to Python values.

The engine validates a YAML ``params:`` map against the schema before create (unknown keys with
a "did you mean", types, ranges, choices), exactly as for a C plugin.

>>> schema = Schema([Param("num_candidates", 10, "Candidates per step.", min=1, max=100),
...                  Param("noise", 0.1, "Reward noise std.", min=0.0),
...                  Param("model", "logit", "Choice model.", choices=["logit", "cascade"])])
>>> [(d.name, d.type, d.default_yaml) for d in schema.defs]
[(b'num_candidates', 2, b'10'), (b'noise', 3, b'0.1'), (b'model', 5, b'"logit"')]
"""

import ctypes
import math

from . import _abi
from ._yaml_text import to_yaml

REQUIRED = object()  # the default of a parameter the YAML must set


class Param:
    """One parameter: YAML key ``name``, ``default`` (or REQUIRED), one-sentence ``doc``.

    The type follows the default (bool, int, float, str, a list of ints or floats) unless
    ``type`` names it; ``choices`` makes a choice among strings; ``min``/``max`` bound numbers
    and list items; ``max_count`` bounds a list's length (0: unbounded).
    """

    def __init__(self, name, default, doc, type=None, min=None, max=None, choices=None,
                 max_count=0):
        self.name, self.default, self.doc = name, default, doc
        self.min = -math.inf if min is None else float(min)
        self.max = math.inf if max is None else float(max)
        self.choices = list(choices) if choices else None
        self.max_count = max_count
        self.type = self._c_type(type if type is not None else self._type_of(default))

    @staticmethod
    def _type_of(default):
        if default is REQUIRED:
            raise TypeError("a REQUIRED parameter needs an explicit type")
        if isinstance(default, (list, tuple)):
            return [float] if any(isinstance(item, float) for item in default) else [int]
        return type(default)

    def _c_type(self, kind):
        if self.choices:
            return _abi.PARAM_CHOICE
        table = {bool: _abi.PARAM_BOOL, int: _abi.PARAM_INT, float: _abi.PARAM_FLOAT,
                 str: _abi.PARAM_STRING}
        if isinstance(kind, list):
            return _abi.PARAM_INT_LIST if kind == [int] else _abi.PARAM_FLOAT_LIST
        return table[kind]


class Schema:
    """The ``rlrec_param_def`` array of a list of :class:`Param` (kept alive with its
    strings), and the conversion of the engine's values back."""

    def __init__(self, params):
        self.params = list(params)
        self.defs = (_abi.rlrec_param_def * max(len(self.params), 1))()
        for definition, param in zip(self.defs, self.params):
            definition.name = param.name.encode()
            definition.type = param.type
            if param.default is REQUIRED:
                definition.flags = _abi.PARAM_REQUIRED
            else:
                definition.default_yaml = to_yaml(param.default).encode()
            definition.min, definition.max = param.min, param.max
            definition.choices = "|".join(param.choices).encode() if param.choices else None
            definition.doc = param.doc.encode()
            definition.max_count = param.max_count

    def values(self, c_values):
        """{name: value} of the engine's validated ``rlrec_value`` array (schema order)."""
        out = {}
        for i, param in enumerate(self.params):
            value = c_values[i]
            if param.type == _abi.PARAM_BOOL:
                out[param.name] = bool(value.i)
            elif param.type == _abi.PARAM_INT:
                out[param.name] = value.i
            elif param.type == _abi.PARAM_FLOAT:
                out[param.name] = value.f
            elif param.type in (_abi.PARAM_STRING, _abi.PARAM_CHOICE):
                out[param.name] = value.s.decode("utf-8")
            elif param.type == _abi.PARAM_INT_LIST:
                out[param.name] = [value.il[k] for k in range(value.count)]
            else:
                out[param.name] = [value.fl[k] for k in range(value.count)]
        return out


def write_error(err, capacity, message):
    """Writes ``message`` NUL-terminated into the caller's ``err`` buffer, truncated to fit."""
    if not err or capacity == 0:
        return
    data = message.encode("utf-8", "replace")[:capacity - 1] + b"\0"
    ctypes.memmove(err, data, len(data))
