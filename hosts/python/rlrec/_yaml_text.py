"""Python values written as YAML flow text, for plugin params and ``--set``-style overrides.

JSON is YAML, except for the non-finite floats, which YAML spells ``.inf`` and ``.nan``.

>>> to_yaml({"num_candidates": 10, "hidden": [64, 32], "lr": 1e-3, "on": True, "x": None})
'{"num_candidates": 10, "hidden": [64, 32], "lr": 0.001, "on": true, "x": null}'
>>> to_yaml(float("-inf")), to_yaml("greedy")
('-.inf', '"greedy"')
"""

import json
import math


def to_yaml(value):
    """YAML flow text of a dict, list, tuple, str, number, bool or None."""
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (json.dumps(str(key)), to_yaml(item))
                               for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(to_yaml(item) for item in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return to_yaml(value.tolist())
    return json.dumps(value)
