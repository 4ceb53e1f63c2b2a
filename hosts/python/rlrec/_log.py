"""The engine's and the plugins' log lines, into Python's ``logging`` (logger ``rlrec``).

Installed when the engine library is loaded; removed at interpreter exit, before Python can no
longer run a callback. The engine calls the handler from any of its threads; the callback takes
the GIL for the duration of one ``logging`` call.

>>> import logging
>>> LEVELS == {0: logging.DEBUG, 1: logging.INFO, 2: logging.WARNING, 3: logging.ERROR}
True
"""

import atexit
import logging

from . import _abi

logger = logging.getLogger("rlrec")
LEVELS = {_abi.LOG_DEBUG: logging.DEBUG, _abi.LOG_INFO: logging.INFO,
          _abi.LOG_WARNING: logging.WARNING, _abi.LOG_ERROR: logging.ERROR}


def _forward(_ctx, level, message):
    # An exception must not unwind into the engine (ctypes would print and swallow it anyway).
    try:
        logger.log(LEVELS.get(level, logging.ERROR), message.decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - a logging failure must not break the engine's call
        pass


_handler = _abi.log_handler_fn(_forward)  # kept alive: the engine holds its address


def install(lib):
    """Routes ``lib``'s log lines to the ``rlrec`` logger until the interpreter exits."""
    lib.rlrec_set_log_handler(_handler, None)
    atexit.register(lib.rlrec_set_log_handler, _abi.log_handler_fn(), None)  # NULL: stderr
