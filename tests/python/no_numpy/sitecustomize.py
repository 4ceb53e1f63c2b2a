"""Makes ``import numpy`` fail, as on a machine without it: the Python tests run once with
this folder first on PYTHONPATH to prove the package works on plain lists."""

import sys


class _NoNumpy:
    """A meta path finder that refuses numpy and everything under it."""

    def find_spec(self, name, path=None, target=None):
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError("numpy is hidden for this test run")
        return None


sys.meta_path.insert(0, _NoNumpy())
