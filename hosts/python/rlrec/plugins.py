"""Which ABI a plugin library was built for, and whether this engine takes it.

The engine's loader decides (docs/abi.md §1): same major = compatible, whatever the minors (a
newer minor only appends fields that a struct_size check tells apart); another major is refused,
and ``make``/``Engine`` then raise :class:`rlrec.ConfigError` with the loader's message
(``refused: built for rlrec ABI 2.0.0, this engine speaks ABI 1.1.0 ...``). :func:`plugin_abi`
answers the question before loading: it maps the library and calls only its entry symbol (not
``init``), as the loader's first step does.

>>> import glob, os
>>> library = glob.glob(os.path.join(builtin_plugin_dir(), "librlrec_random.so"))[0]
>>> info = plugin_abi(library)
>>> info.compatible, info.version == info.engine_version
(True, True)
"""

import collections
import ctypes
import os

from . import _abi
from ._library import engine_library

PluginAbi = collections.namedtuple("PluginAbi", "path version engine_version compatible message")
PluginAbi.__doc__ = """A plugin library's ABI: ``version`` and ``engine_version`` as
(major, minor, patch) (``version`` is None when the entry returned NULL), whether the engine
takes it, and a sentence saying so."""

_ENTRY = ctypes.CFUNCTYPE(ctypes.POINTER(_abi.rlrec_plugin_entry), ctypes.c_uint32)


def builtin_plugin_dir():
    """The engine's built-in plugin folder, beside the loaded librlrec (build or install tree)."""
    lib_path = engine_library()._name
    return os.path.join(os.path.dirname(os.path.realpath(lib_path)), "rlrec", "plugins")


def plugin_abi(path):
    """The :class:`PluginAbi` of the plugin library at ``path``."""
    engine = engine_library().rlrec_abi_version()
    engine_parts = _abi.version_parts(engine)
    library = ctypes.CDLL(os.path.abspath(path), mode=ctypes.RTLD_LOCAL)
    try:
        get_entry = _ENTRY(("rlrec_plugin_get_entry", library))
    except AttributeError:
        return PluginAbi(path, None, engine_parts, False,
                         "%s lacks the entry symbol rlrec_plugin_get_entry" % path)
    entry = get_entry(engine)
    if not entry:
        return PluginAbi(path, None, engine_parts, False,
                         "%s cannot serve this engine's ABI %s (its entry returned NULL)"
                         % (path, _abi.version_text(engine)))
    version = entry.contents.abi_version
    parts = _abi.version_parts(version)
    compatible = parts[0] == engine_parts[0] and (parts[0] != 0 or version == engine)
    if not compatible:
        verdict = "refused: the major versions must match; rebuild it against this engine's headers"
    elif parts[1] < engine_parts[1]:
        verdict = "loads: an older minor of the same major"
    elif parts[1] > engine_parts[1]:
        verdict = "loads: a newer minor of the same major (the fields it appended are ignored)"
    else:
        verdict = "loads: the same ABI"
    return PluginAbi(path, parts, engine_parts, compatible, "%s: built for rlrec ABI %s, engine "
                     "speaks %s: %s" % (path, _abi.version_text(version),
                                        _abi.version_text(engine), verdict))
