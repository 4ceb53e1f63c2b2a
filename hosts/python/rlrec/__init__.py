"""rlrec for Python: the rlrec engine through its C ABI, with ctypes (no compile step).

- :func:`make` opens an env plugin as a Gymnasium-shaped env (:mod:`rlrec.env`);
- :class:`Engine` builds the engine from YAML: train, evaluate, act, save, load
  (:mod:`rlrec.engine`);
- :func:`register_env` makes an env written in Python a plugin that the engine's C++ policies
  train on (:mod:`rlrec.pyenv`);
- :func:`plugin_abi` reads which ABI a plugin library was built for (:mod:`rlrec.plugins`).

numpy is optional: with it, observations are zero-copy ndarrays; without it, nested lists.
The engine's log lines go to the ``rlrec`` logger of Python's :mod:`logging`.

>>> import rlrec
>>> rlrec.abi_version()[0], isinstance(rlrec.engine_version(), str)
(1, True)
"""

from . import spaces
from ._abi import version_parts as _version_parts
from ._library import engine_library as _engine_library
from .engine import Engine, EvalResult
from .env import Env, VectorEnv, make
from .errors import (ConfigError, Error, InvalidArgumentError, Interrupted, IOFailure,
                     NoMemoryError, RuntimeFailure, StateError, UnsupportedError, VersionError)
from .plugins import PluginAbi, plugin_abi
from .pyenv import REQUIRED, Param, PythonEnv, register_env, unregister_env

__all__ = ["Engine", "EvalResult", "Env", "VectorEnv", "make", "spaces", "Param", "REQUIRED",
           "PythonEnv", "register_env", "unregister_env", "PluginAbi", "plugin_abi", "abi_version",
           "engine_version", "Error", "ConfigError", "InvalidArgumentError", "Interrupted",
           "IOFailure", "NoMemoryError", "RuntimeFailure", "StateError", "UnsupportedError",
           "VersionError"]


def abi_version():
    """(major, minor, patch) of the loaded engine's plugin ABI."""
    return _version_parts(_engine_library().rlrec_abi_version())


def engine_version():
    """The loaded engine library's version ("1.0.0")."""
    return _engine_library().rlrec_version_string().decode()
