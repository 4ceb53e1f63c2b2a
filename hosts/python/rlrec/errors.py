"""Exceptions raised for the engine's statuses (rlrec/types.h), carrying its message.

Every failing C call becomes one exception whose text is the engine's or the plugin's message
(which names the plugin, its library and, for configs, file:line:column). The class says what
kind of failure it was; ``status`` holds the C status code.

>>> error = from_status(9, "<python>:2:7: unknown key 'nm_envs'")
>>> isinstance(error, ConfigError), error.status, str(error)
(True, 9, "<python>:2:7: unknown key 'nm_envs'")
>>> from_status(7, "stopped").__class__.__name__
'Interrupted'
"""


class Error(Exception):
    """A failure reported by the rlrec engine or one of its plugins."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class InvalidArgumentError(Error, ValueError):
    """RLREC_ERR_INVALID_ARGUMENT: e.g. a slate index out of range or repeated."""


class UnsupportedError(Error):
    """RLREC_ERR_UNSUPPORTED: valid, but the plugin cannot do it (e.g. myopic without an env)."""


class RuntimeFailure(Error, RuntimeError):
    """RLREC_ERR_RUNTIME: a plugin failed while doing its job."""


class NoMemoryError(Error, MemoryError):
    """RLREC_ERR_NO_MEMORY."""


class StateError(Error):
    """RLREC_ERR_STATE: a call in the wrong order (step before reset, step of an ended episode)."""


class IOFailure(Error, OSError):
    """RLREC_ERR_IO: a file or stream failed."""


class VersionError(Error):
    """RLREC_ERR_VERSION: an incompatible ABI or data version."""


class ConfigError(Error):
    """RLREC_ERR_CONFIG: an invalid configuration, an unknown plugin, a refused library."""


class Interrupted(KeyboardInterrupt):
    """RLREC_ERR_INTERRUPTED: a call stopped on request (Ctrl-C or Engine.interrupt).

    A KeyboardInterrupt, so that Ctrl-C during ``Engine.train`` still stops a script, after the
    engine wrote its final checkpoint.
    """

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


_BY_STATUS = {1: InvalidArgumentError, 2: UnsupportedError, 3: RuntimeFailure, 4: NoMemoryError,
              5: StateError, 6: IOFailure, 7: Interrupted, 8: VersionError, 9: ConfigError}


def from_status(status, message):
    """The exception for a non-OK status and its message."""
    return _BY_STATUS.get(status, Error)(status, message)
