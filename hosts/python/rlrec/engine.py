"""The engine (rlrec/engine.h): build it from YAML, train, evaluate, act, save, load.

>>> config = '''
... run: {name: doc, seed: 1, total_env_steps: 400, eval: {episodes: 5}}
... env: {plugin: example.feed, num_envs: 4}
... policy: {plugin: random}
... loggers: []
... '''
>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> with Engine.from_yaml(config, overrides={"run.seed": 2}) as engine:
...     result = engine.train(os.path.join(folder, "run"))
...     decisions = engine.act(engine.observation_space.sample())
...     engine.save(os.path.join(folder, "saved"))
>>> result.episodes, result.env_steps
(5, 400)
>>> len(decisions.slates), 0 < decisions.slate_prob <= 1
(2, True)
>>> with Engine.load(os.path.join(folder, "saved")) as engine:
...     engine.evaluate(episodes=3).episodes
3
>>> Engine.from_yaml("env: {plugin: example.feed, nm_envs: 2}\\npolicy: {plugin: random}\\n")
... # doctest: +ELLIPSIS
Traceback (most recent call last):
rlrec.errors.ConfigError: <python>:1:29: unknown key 'nm_envs' ...
"""

import collections
import collections.abc
import ctypes
import os
import threading

from . import _abi
from ._arrays import HostBuffer, numpy
from ._batch import EnvSpec
from ._blocking import call_interruptibly
from ._library import engine_library
from ._yaml_text import to_yaml
from .errors import from_status

_ERR_CAPACITY = 4096

EvalResult = collections.namedtuple(
    "EvalResult", "episodes episode_return_mean episode_return_std episode_length_mean env_steps")
EvalResult.__doc__ = """A greedy evaluation: episodes played, mean and (population) std of the
return, mean episode length, and the env steps the policy had trained for."""

Decisions = collections.namedtuple("Decisions", "slates slate_prob slot_propensity scores")
Decisions.__doc__ = """What ``Engine.act`` chose: slates [rows, slate], the probability of each
slate [rows], per-slot propensities and scores [rows, slate] (NaN where the policy has none).
Without a batch dimension when the observation had none."""


def _overrides(overrides):
    """``key=yaml`` strings from a mapping {key: value} or an iterable of such strings."""
    if overrides is None:
        items = []
    elif isinstance(overrides, collections.abc.Mapping):
        items = ["%s=%s" % (key, to_yaml(value)) for key, value in overrides.items()]
    else:
        items = list(overrides)
    array = (ctypes.c_char_p * max(len(items), 1))(*[item.encode() for item in items])
    return array, len(items)


def _is_yaml_text(config):
    return "\n" in config or (":" in config and not os.path.exists(config))


class Engine:
    """An engine: a validated config with its env, policy and loggers resolved.

    Not thread-safe (calls are serialised by a lock), except :meth:`interrupt`. Free it with
    :meth:`close` or a ``with`` block; the garbage collector frees it too.
    """

    def __init__(self, handle):
        """Use :meth:`from_yaml` or :meth:`from_checkpoint`."""
        self._lib = engine_library()
        self._handle = handle
        self._lock = threading.Lock()
        self.env_spec = EnvSpec(self._lib.rlrec_engine_env_spec(handle).contents)
        self.observation_space = self.env_spec.observation_space
        self.action_space = self.env_spec.action_space

    @classmethod
    def _create(cls, function, *args):
        err = ctypes.create_string_buffer(_ERR_CAPACITY)
        handle = ctypes.c_void_p()
        status = function(*args, ctypes.byref(handle), err, _ERR_CAPACITY)
        if status != _abi.OK:
            raise from_status(status, err.value.decode("utf-8", "replace"))
        return cls(handle)

    @classmethod
    def from_yaml(cls, config, overrides=None, source_name="<python>"):
        """An engine from a YAML file path, YAML text, or a mapping (the config as a dict).

        ``overrides``: {"run.seed": 3} or ["run.seed=3"], applied like ``rlrec train --set``.
        Config errors raise :class:`rlrec.ConfigError` naming file:line:column
        (``source_name`` stands for the file when the config is text or a mapping).
        """
        lib = engine_library()
        array, count = _overrides(overrides)
        if isinstance(config, collections.abc.Mapping):
            config = to_yaml(config)
        elif isinstance(config, os.PathLike):
            config = os.fspath(config)
        if _is_yaml_text(config):
            return cls._create(lib.rlrec_engine_create_from_string, config.encode(),
                               source_name.encode(), array, count)
        return cls._create(lib.rlrec_engine_create, config.encode(), array, count)

    @classmethod
    def from_checkpoint(cls, path, overrides=None):
        """An engine rebuilt from a checkpoint folder (or a run folder: its newest checkpoint)
        with its policy restored."""
        array, count = _overrides(overrides)
        return cls._create(engine_library().rlrec_engine_create_from_checkpoint,
                           os.fspath(path).encode(), array, count)

    load = from_checkpoint

    # ---- calls ---------------------------------------------------------------------------------

    def _check(self, status):
        if status != _abi.OK:
            raise from_status(status, self._lib.rlrec_engine_last_error(self._handle).decode(
                "utf-8", "replace"))

    def _long_call(self, function, *args):
        with self._lock:
            status, interrupted = call_interruptibly(lambda: function(self._handle, *args),
                                                     self.interrupt)
            self._check(status)
        if interrupted:  # the call completed before it saw the request; Ctrl-C still stops
            raise KeyboardInterrupt

    def train(self, run_dir=None):
        """Trains for run.total_env_steps, writing the run folder ``run_dir`` (default
        runs/<name>-<timestamp>/); returns the final greedy :class:`EvalResult`.

        Ctrl-C (or :meth:`interrupt`) stops at the next step boundary after a final checkpoint
        and raises :class:`rlrec.Interrupted`.
        """
        result = self._new_result()
        folder = None if run_dir is None else os.fspath(run_dir).encode()
        self._long_call(self._lib.rlrec_engine_train, folder, ctypes.byref(result))
        return self._result(result)

    def evaluate(self, episodes):
        """Evaluates the policy greedily for ``episodes`` episodes on held-out seeds."""
        result = self._new_result()
        self._long_call(self._lib.rlrec_engine_evaluate, episodes, ctypes.byref(result))
        return self._result(result)

    def interrupt(self):
        """Asks a running train or evaluate to stop (thread-safe; a no-op when none runs)."""
        self._lib.rlrec_engine_interrupt(self._handle)

    def save(self, path):
        """Writes a checkpoint folder that :meth:`from_checkpoint` (and ``rlrec evaluate
        --checkpoint``) reads."""
        with self._lock:
            self._check(self._lib.rlrec_engine_save(self._handle, os.fspath(path).encode()))

    def act(self, observation, greedy=True, episode_start=None, env=None):
        """The policy's slates for observations (field name -> [rows, *shape], or one
        observation without the rows dimension): returns :class:`Decisions`.

        ``greedy``: the policy's best guess (False: its exploring behaviour).
        ``episode_start``: [rows] flags, where the policy keeps per-episode state.
        ``env``: the env from :func:`rlrec.make` the observations come from (row r = its sub-env
        r), so a policy may query the env's current state through an extension, as ``myopic``
        reads the choice model. None: acting as when serving.
        """
        spec = self.env_spec
        first_name, first_shape, _ = spec.fields[0]
        single = _rank(observation[first_name]) == len(first_shape)
        buffers = []
        for name, shape, dtype in spec.fields:
            value = observation[name]
            rows = len(value) if not single else 1
            buffer = HostBuffer(dtype, (rows,) + shape)
            buffer.assign([value] if single else value)
            buffers.append(buffer)
        rows = buffers[0].shape[0]
        c_env = None
        if env is not None:
            core = env.unwrapped._core
            if core.num_envs != rows:
                raise ValueError("act: %d observation rows for an env of %d sub-envs"
                                 % (rows, core.num_envs))
            c_env = core.c_env()
        tensors = (_abi.rlrec_tensor * len(buffers))()
        for tensor, buffer in zip(tensors, buffers):
            tensor.data, tensor.dtype, tensor.rank = buffer.address, buffer.dtype, len(buffer.shape)
            for axis, extent in enumerate(buffer.shape):
                tensor.shape[axis] = extent
        starts = None
        if episode_start is not None:
            starts = HostBuffer(_abi.DTYPE_U8, (rows,))
            starts.assign([int(bool(flag)) for flag in _flat(episode_start)])
        slate = spec.slate_size
        out = {"slates": HostBuffer(_abi.DTYPE_I32, (rows, slate)),
               "slate_prob": HostBuffer(_abi.DTYPE_F32, (rows,)),
               "slot_propensity": HostBuffer(_abi.DTYPE_F32, (rows, slate)),
               "scores": HostBuffer(_abi.DTYPE_F32, (rows, slate))}
        c_in = _abi.rlrec_act_input(
            ctypes.sizeof(_abi.rlrec_act_input), rows,
            _abi.ACT_GREEDY if greedy else _abi.ACT_EXPLORE, 0, tensors,
            ctypes.cast(starts.address, ctypes.POINTER(ctypes.c_uint8)) if starts else None, c_env)
        pointer = ctypes.POINTER(ctypes.c_float)
        c_out = _abi.rlrec_act_output(
            ctypes.sizeof(_abi.rlrec_act_output), rows,
            ctypes.cast(out["slates"].address, ctypes.POINTER(ctypes.c_int32)),
            ctypes.cast(out["slate_prob"].address, pointer),
            ctypes.cast(out["slot_propensity"].address, pointer),
            ctypes.cast(out["scores"].address, pointer))
        with self._lock:
            self._check(self._lib.rlrec_engine_act(self._handle, ctypes.byref(c_in),
                                                   ctypes.byref(c_out)))
        values = {key: buffer.value() for key, buffer in out.items()}
        if single:
            values = {key: value[0] for key, value in values.items()}
        return Decisions(**values)

    # ---- life cycle ----------------------------------------------------------------------------

    def close(self):
        """Frees the engine and its plugins (idempotent)."""
        if self._handle:
            self._lib.rlrec_engine_destroy(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None):
            self.close()

    @staticmethod
    def _new_result():
        result = _abi.rlrec_eval_result()
        result.struct_size = ctypes.sizeof(result)
        return result

    @staticmethod
    def _result(c):
        return EvalResult(c.episodes, c.episode_return_mean, c.episode_return_std,
                          c.episode_length_mean, c.env_steps)


def _rank(value):
    if numpy is not None and hasattr(value, "ndim"):
        return value.ndim
    rank = 0
    while isinstance(value, (list, tuple)):
        rank += 1
        value = value[0] if value else None
    return rank


def _flat(value):
    if numpy is not None and hasattr(value, "ravel"):
        return value.ravel().tolist()
    return list(value)

