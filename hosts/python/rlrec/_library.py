"""Finds and loads librlrec.so and declares the prototypes of rlrec/engine.h.

Where the library is looked for, first hit wins:

1. the file named by the ``RLREC_LIBRARY`` environment variable;
2. beside the package, as the build tree and the install tree both lay it out:
   ``<libdir>/rlrec/python/rlrec/`` is this package and ``<libdir>/librlrec.so`` the engine;
3. the dynamic loader's own search (``librlrec.so.1`` on ``LD_LIBRARY_PATH`` or in ldconfig's
   cache).

>>> lib = engine_library()
>>> lib.rlrec_abi_version() >> 22  # the major version
1
"""

import ctypes
import os
import threading
from ctypes import POINTER, c_char, c_char_p, c_size_t, c_uint32, c_uint64, c_void_p

from . import _abi, _log
from .errors import VersionError

_lock = threading.Lock()
_library = None

# (name, restype, argtypes) of every function of rlrec/engine.h.
_engine = c_void_p
_engine_out = POINTER(c_void_p)
_strings = POINTER(c_char_p)
_err = POINTER(c_char)
_PROTOTYPES = [
    ("rlrec_version_string", c_char_p, []),
    ("rlrec_abi_version", c_uint32, []),
    ("rlrec_engine_create", _abi.rlrec_status,
     [c_char_p, _strings, c_uint32, _engine_out, _err, c_size_t]),
    ("rlrec_engine_create_from_string", _abi.rlrec_status,
     [c_char_p, c_char_p, _strings, c_uint32, _engine_out, _err, c_size_t]),
    ("rlrec_engine_create_from_checkpoint", _abi.rlrec_status,
     [c_char_p, _strings, c_uint32, _engine_out, _err, c_size_t]),
    ("rlrec_engine_train", _abi.rlrec_status,
     [_engine, c_char_p, POINTER(_abi.rlrec_eval_result)]),
    ("rlrec_engine_evaluate", _abi.rlrec_status,
     [_engine, c_uint64, POINTER(_abi.rlrec_eval_result)]),
    ("rlrec_engine_interrupt", None, [_engine]),
    ("rlrec_engine_last_error", c_char_p, [_engine]),
    ("rlrec_engine_destroy", None, [_engine]),
    ("rlrec_engine_env_spec", POINTER(_abi.rlrec_env_spec), [_engine]),
    ("rlrec_engine_act", _abi.rlrec_status,
     [_engine, POINTER(_abi.rlrec_act_input), POINTER(_abi.rlrec_act_output)]),
    ("rlrec_engine_save", _abi.rlrec_status, [_engine, c_char_p]),
    ("rlrec_env_open", _abi.rlrec_status,
     [c_char_p, c_char_p, c_uint32, POINTER(_abi.rlrec_env), _err, c_size_t]),
    ("rlrec_env_close", None, [POINTER(_abi.rlrec_env)]),
    ("rlrec_policy_open", _abi.rlrec_status,
     [c_char_p, c_char_p, POINTER(_abi.rlrec_env_spec), c_uint64, POINTER(_abi.rlrec_policy),
      _err, c_size_t]),
    ("rlrec_policy_close", None, [POINTER(_abi.rlrec_policy)]),
    ("rlrec_register_factory", _abi.rlrec_status,
     [POINTER(_abi.rlrec_plugin_factory), c_char_p, _err, c_size_t]),
    ("rlrec_unregister_factory", None, [c_char_p]),
    ("rlrec_set_log_handler", None, [_abi.log_handler_fn, c_void_p]),
]


def _candidates():
    named = os.environ.get("RLREC_LIBRARY")
    if named:
        return [named]
    package_dir = os.path.dirname(os.path.abspath(__file__))
    libdir = os.path.normpath(os.path.join(package_dir, "..", "..", ".."))
    beside = [os.path.join(libdir, name) for name in ("librlrec.so", "librlrec.so.1")]
    return [path for path in beside if os.path.exists(path)] + ["librlrec.so.1"]


def _load():
    tried = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
        except OSError as error:
            tried.append("%s (%s)" % (path, error))
            continue
        for name, restype, argtypes in _PROTOTYPES:
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        engine_abi = lib.rlrec_abi_version()
        if _abi.version_parts(engine_abi)[0] != _abi.version_parts(_abi.ABI_VERSION)[0]:
            raise VersionError(
                _abi.ERR_VERSION,
                "%s speaks rlrec ABI %s; this Python package speaks ABI %s (the major versions "
                "must match)" % (path, _abi.version_text(engine_abi),
                                 _abi.version_text(_abi.ABI_VERSION)))
        return lib
    raise OSError("cannot load the rlrec engine library; set RLREC_LIBRARY to the path of "
                  "librlrec.so. Tried: " + "; ".join(tried))


def engine_library():
    """The loaded librlrec (a ctypes.CDLL with prototypes), loaded on first use."""
    global _library
    with _lock:
        if _library is None:
            _library = _load()
            _log.install(_library)
        return _library
