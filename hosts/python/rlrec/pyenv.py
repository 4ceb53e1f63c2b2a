"""Envs written in Python, registered as plugins the engine's C++ policies train on.

Subclass :class:`PythonEnv`, then :func:`register_env`: the engine sees an env plugin like any C
one (``rlrec_register_factory``), validates its params against the :class:`Param` schema,
creates instances, and calls ``reset``/``step`` through the ABI with host-owned buffers, which
the Python code fills in place (numpy views, or :class:`rlrec._arrays.ListTensor` without
numpy).

What the package does for you, so every Python env meets the contract of rlrec/env.h: it checks
slates (indices in range, no repeats unless ``allow_duplicates``) and refuses to step a sub-env
whose episode ended and was not reset, before your ``step`` runs; it turns an exception into a
status and a ``last_error`` message (an exception never unwinds into the engine).

GIL rules. ctypes releases the GIL during every foreign call (``Engine.train``, an env step) and
every callback from the engine into Python takes it back for its duration. With
``run.workers: W > 1`` the runner steps W instances of your env on W threads at once: the calls
are correct (each instance is only ever called by one thread at a time, and they share no state
unless your class does) but they run one at a time under the GIL, so keep ``workers: 1`` for an
env written in Python unless its ``step`` spends its time in numpy code that releases the GIL.

>>> class Coin(PythonEnv):
...     '''Shows coins; heads (reward 1) with the coin's probability.'''
...     id = "doc.coin"
...     params = [Param("num_coins", 3, "Coins on offer.", min=2, max=10)]
...     def __init__(self, num_envs, num_coins):
...         self.observation_fields = {"candidates": spaces.Box(0, 1, (num_coins, 1))}
...         self.num_candidates, self.slate_size = num_coins, 1
...         self.info_channels = ["clicked_slot"]
...         self.max_episode_steps = 5
...     def reset(self, ids, seeds, out):
...         for r in range(len(ids)):
...             out.obs["candidates"][r] = [[(i + 1) / 4] for i in range(self.num_candidates)]
...             out.info[r] = [-1]
...     def step(self, actions, out):
...         for r, slate in enumerate(actions):
...             out.obs["candidates"][r] = [[(i + 1) / 4] for i in range(self.num_candidates)]
...             out.reward[r] = (int(slate[0]) + 1) / 4
...             out.terminated[r] = False
...             out.truncated[r] = False
...             out.info[r] = [0]
>>> import rlrec
>>> registration = register_env(Coin)
>>> env = rlrec.make("doc.coin", num_coins=4)
>>> obs, info = env.reset(seed=0)
>>> env.step([3])[1]
1.0
>>> env.step([7])
Traceback (most recent call last):
rlrec.errors.InvalidArgumentError: plugin 'doc.coin': step failed (status 1): sub-env 0, slot 0: candidate 7 is out of range [0, 4)
>>> env.close()
>>> unregister_env("doc.coin")
"""

import ctypes
import itertools
import logging

from . import _abi, spaces
from ._arrays import numpy, view
from ._library import engine_library
from ._params import REQUIRED, Param, Schema, write_error
from .errors import ConfigError, Error, InvalidArgumentError, StateError

__all__ = ["PythonEnv", "Param", "REQUIRED", "register_env", "unregister_env", "Registration"]

_LEVELS = {logging.DEBUG: _abi.LOG_DEBUG, logging.INFO: _abi.LOG_INFO,
           logging.WARNING: _abi.LOG_WARNING, logging.ERROR: _abi.LOG_ERROR}


class PythonEnv:
    """Base class of an env written in Python. Class attributes describe the plugin:

    ``id`` (dotted lower-case, required), ``version`` ("1.0.0"), ``doc`` (one line; default:
    the first line of the class docstring), ``params`` (a list of :class:`Param`).

    ``__init__(self, num_envs, **params)`` receives the validated params and MUST set
    ``observation_fields`` ({name: Box/Discrete/MultiDiscrete} of one sub-env),
    ``num_candidates`` and ``slate_size``; it MAY set ``info_channels`` (names of float
    scalars per step), ``allow_duplicates``, ``max_episode_steps`` and ``field_docs``
    ({name: one line}). Raise ValueError for params that are invalid together.

    ``reset(self, ids, seeds, out)``: for r in range(len(ids)), start sub-env ``ids[r]``'s
    episode from ``seeds[r]`` and write row r of ``out.obs[name]`` and ``out.info``.

    ``step(self, actions, out)``: ``actions`` [num_envs, slate]; write every row of
    ``out.obs``, ``out.reward``, ``out.terminated``, ``out.truncated`` and ``out.info``.

    Every element of every output row MUST be written (the buffers are reused). All randomness
    of an episode MUST come from its reset seed (use one ``random.Random(seed)`` or
    ``numpy.random.default_rng(seed)`` per sub-env).
    """

    id = None
    version = "1.0.0"
    doc = None
    params = []
    info_channels = []
    allow_duplicates = False
    max_episode_steps = 0
    field_docs = {}
    _host = None

    def log(self, message, level=logging.INFO):
        """Writes a line to the engine's log (the run's run.log, and Python's ``rlrec``
        logger), through the host services table."""
        if self._host:
            host = self._host.contents
            host.log(self._host, _LEVELS.get(level, _abi.LOG_INFO), message.encode())

    def close(self):
        """Called when the engine destroys the instance."""


class Output:
    """The host's buffers of one reset or step, as arrays: ``obs`` ({name: [rows, *shape]}),
    ``reward`` [rows], ``terminated``/``truncated`` [rows] (booleans; None on reset), ``info``
    [rows, channels] (None without channels)."""

    def __init__(self, obs, reward, terminated, truncated, info):
        self.obs, self.reward, self.terminated, self.truncated, self.info = \
            obs, reward, terminated, truncated, info


def _address(pointer):
    return ctypes.cast(pointer, ctypes.c_void_p).value


class _Instance:
    """One instance of a Python env, with the C spec the engine reads (kept alive here)."""

    def __init__(self, env, num_envs):
        self.env = env
        self.num_envs = num_envs
        self.error = ctypes.create_string_buffer(b"", 4096)
        self.live = [False] * num_envs
        self.fields = []
        fields = list(env.observation_fields.items())
        self._keep = []
        self.c_fields = (_abi.rlrec_field * max(len(fields), 1))()
        for c_field, (name, space) in zip(self.c_fields, fields):
            name_bytes, doc_bytes = name.encode(), env.field_docs.get(name, "").encode()
            self._keep += [name_bytes, doc_bytes]
            c_field.name, c_field.doc, c_field.space = name_bytes, doc_bytes, spaces.to_c(space)
            self.fields.append((name, tuple(space.shape), c_field.space.dtype))
        channels = list(env.info_channels)
        self.c_channels = (_abi.rlrec_field * max(len(channels), 1))()
        for c_field, name in zip(self.c_channels, channels):
            self._keep.append(name.encode())
            c_field.name = self._keep[-1]
            c_field.space = spaces.to_c(spaces.Box(-float("inf"), float("inf"), ()))
        self.num_channels = len(channels)
        self.n, self.slate = int(env.num_candidates), int(env.slate_size)
        self.spec = _abi.rlrec_env_spec(
            ctypes.sizeof(_abi.rlrec_env_spec), num_envs, len(fields), len(channels),
            self.c_fields, self.c_channels,
            spaces.to_c(spaces.MultiDiscrete(self.n, (self.slate,))),
            int(bool(env.allow_duplicates)), int(env.max_episode_steps))

    def output(self, out, rows, step):
        obs = {}
        for k, (name, shape, dtype) in enumerate(self.fields):
            obs[name] = view(out.obs[k].data or 0, dtype, (rows,) + shape)
        info = view(_address(out.info), _abi.DTYPE_F32, (rows, self.num_channels)) \
            if self.num_channels else None
        if not step:
            return Output(obs, None, None, None, info)
        flags = [view(_address(pointer), _abi.DTYPE_U8, (rows,))
                 for pointer in (out.terminated, out.truncated)]
        if numpy is not None:
            flags = [flag.view(numpy.bool_) for flag in flags]
        return Output(obs, view(_address(out.reward), _abi.DTYPE_F32, (rows,)), flags[0],
                      flags[1], info)

    def actions(self, tensor):
        actions = view(tensor.data, _abi.DTYPE_I32, (self.num_envs, self.slate))
        rows = actions if numpy is not None else actions.tolist()
        for r, slate in enumerate(rows):
            self._check_slate(r, [int(a) for a in slate])
        return rows

    def _check_slate(self, row, slate):
        seen = {}
        for slot, candidate in enumerate(slate):
            if not 0 <= candidate < self.n:
                raise InvalidArgumentError(
                    _abi.ERR_INVALID_ARGUMENT, "sub-env %d, slot %d: candidate %d is out of "
                    "range [0, %d)" % (row, slot, candidate, self.n))
            if candidate in seen and not self.env.allow_duplicates:
                raise InvalidArgumentError(
                    _abi.ERR_INVALID_ARGUMENT, "sub-env %d, slot %d: candidate %d is already "
                    "in slot %d (slates must not repeat a candidate)"
                    % (row, slot, candidate, seen[candidate]))
            seen[candidate] = slot


class Registration:
    """A registered Python env plugin; a context manager that unregisters it on exit.

    Its C structures live until the interpreter exits: an engine created while it was registered
    keeps using the factory after :func:`unregister_env` (rlrec/engine.h).
    """

    _kept = []  # every registration ever made (see above)
    _instances = {}  # handle -> _Instance, for all registrations
    _handles = itertools.count(1)

    def __init__(self, cls):
        if not cls.id:
            raise TypeError("%s needs a plugin id (class attribute `id`)" % cls.__name__)
        self.cls = cls
        self.id = cls.id
        doc = cls.doc or (cls.__doc__ or "").strip().splitlines()[0:1]
        self._strings = [cls.id.encode(), cls.version.encode(),
                         (doc if isinstance(doc, str) else (doc[0] if doc else cls.id)).encode()]
        self.schema = Schema(cls.params)
        self.desc = _abi.rlrec_plugin_desc(
            ctypes.sizeof(_abi.rlrec_plugin_desc), _abi.KIND_ENV, *self._strings,
            len(self.schema.params), 0, self.schema.defs)
        self.vtable = _abi.rlrec_env_vtable(
            ctypes.sizeof(_abi.rlrec_env_vtable), _abi.env_spec_fn(self._spec),
            _abi.env_reset_fn(self._reset), _abi.env_step_fn(self._step))
        self.vtable.last_error = _abi.last_error_fn(self._last_error)
        self.vtable.destroy = _abi.destroy_fn(self._destroy)
        self.factory = _abi.rlrec_plugin_factory(
            ctypes.sizeof(_abi.rlrec_plugin_factory), 0, ctypes.pointer(self.desc),
            _abi.create_env_fn(self._create))
        Registration._kept.append(self)

    # ---- the plugin's C entry points (each catches everything) ---------------------------------

    def _create(self, host, c_values, num_envs, out, err, capacity):
        try:
            env = self.cls.__new__(self.cls)
            env._host = host
            env.__init__(num_envs, **self.schema.values(c_values))
            instance = _Instance(env, num_envs)
        except Exception as error:  # noqa: BLE001 - reported through err, never raised into C
            write_error(err, capacity, "%s: %s" % (self.id, error))
            return error.status if isinstance(error, Error) else (
                _abi.ERR_CONFIG if isinstance(error, ValueError) else _abi.ERR_RUNTIME)
        handle = next(Registration._handles)
        Registration._instances[handle] = instance
        out.contents.vtable = ctypes.pointer(self.vtable)
        out.contents.handle = handle
        return _abi.OK

    @staticmethod
    def _guard(handle, body):
        instance = Registration._instances[handle]
        try:
            body(instance)
            instance.error.value = b""
            return _abi.OK
        except Exception as error:  # noqa: BLE001 - a status and last_error, as the ABI says
            instance.error.value = str(error).encode("utf-8", "replace")[:4095]
            return error.status if isinstance(error, Error) else _abi.ERR_RUNTIME

    def _spec(self, handle):
        return ctypes.addressof(Registration._instances[handle].spec)

    def _reset(self, handle, count, ids, seeds, out):
        def body(instance):
            id_list = [ids[r] for r in range(count)]
            if any(i >= instance.num_envs for i in id_list) or len(set(id_list)) != count:
                raise InvalidArgumentError(_abi.ERR_INVALID_ARGUMENT, "ids %s are not "
                                           "distinct sub-envs of %d" % (id_list, instance.num_envs))
            instance.env.reset(id_list, [seeds[r] for r in range(count)],
                               instance.output(out.contents, count, step=False))
            for i in id_list:
                instance.live[i] = True
        return self._guard(handle, body)

    def _step(self, handle, actions, out):
        def body(instance):
            if not all(instance.live):
                raise StateError(_abi.ERR_STATE, "sub-env %d has ended (or was never reset) "
                                 "and was not reset since" % instance.live.index(False))
            rows = instance.actions(actions.contents)
            output = instance.output(out.contents, instance.num_envs, step=True)
            instance.env.step(rows, output)
            for i in range(instance.num_envs):
                if output.terminated[i] or output.truncated[i]:
                    instance.live[i] = False
        return self._guard(handle, body)

    def _last_error(self, handle):
        return ctypes.addressof(Registration._instances[handle].error)

    def _destroy(self, handle):
        instance = Registration._instances.pop(handle, None)
        if instance is not None:
            try:
                instance.env.close()
            except Exception:  # noqa: BLE001 - destroy cannot report a failure
                pass

    # ---- context manager -----------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        unregister_env(self.id)


def register_env(cls):
    """Registers the :class:`PythonEnv` subclass ``cls`` as env plugin ``cls.id`` for every
    engine and env opened afterwards. Returns a :class:`Registration` (a context manager).
    Raises :class:`rlrec.ConfigError` if the id is taken or the description is malformed."""
    registration = Registration(cls)
    err = ctypes.create_string_buffer(4096)
    status = engine_library().rlrec_register_factory(
        ctypes.byref(registration.factory), b"<python>", err, 4096)
    if status != _abi.OK:
        raise ConfigError(status, err.value.decode("utf-8", "replace"))
    return registration


def unregister_env(env_id):
    """Removes a registered Python env; engines that already use it keep it."""
    engine_library().rlrec_unregister_factory(env_id.encode())
