"""One env instance opened through the engine (``rlrec_env_open``), driven through its vtable.

This is the part both env wrappers share: the spec, the host-owned buffers, seeding, resets of
chosen sub-envs, stepping, the host's time limit and the end-of-episode bookkeeping. It speaks in
buffers; :mod:`rlrec.env` turns them into Gymnasium's return values.

>>> core = NativeEnv("example.feed", {"num_candidates": 4}, num_envs=2)
>>> core.spec.fields[1][:2], core.spec.action_space
(('candidates', (4, 5)), Slate(n=4, size=2))
>>> core.reset_all([1, 2])
>>> ended = core.step_list([[0, 1], [2, 3]])
>>> core.close()
"""

import ctypes

from . import _abi, _seeding
from ._arrays import numel, numpy
from ._batch import Batch, EnvSpec
from ._library import engine_library
from ._yaml_text import to_yaml
from .errors import StateError, from_status

_ERR_CAPACITY = 4096


class NativeEnv:
    """An ``rlrec_env`` of ``num_envs`` sub-envs of plugin ``env_id`` with ``params`` (a dict)."""

    def __init__(self, env_id, params, num_envs):
        lib = engine_library()
        self.env_id = env_id
        self._close_fn = lib.rlrec_env_close
        self._env = _abi.rlrec_env()
        err = ctypes.create_string_buffer(_ERR_CAPACITY)
        status = lib.rlrec_env_open(env_id.encode(), to_yaml(params or {}).encode(), num_envs,
                                    ctypes.byref(self._env), err, _ERR_CAPACITY)
        if status != _abi.OK:
            raise from_status(status, err.value.decode("utf-8", "replace"))
        vtable = self._env.vtable.contents
        self._handle = self._env.handle
        self._reset_fn, self._step_fn, self._last_error_fn = \
            vtable.reset, vtable.step, vtable.last_error
        spec_pointer = ctypes.cast(vtable.spec(self._handle), ctypes.POINTER(_abi.rlrec_env_spec))
        self.spec = EnvSpec(spec_pointer.contents)
        self.num_envs = num_envs
        self.limit = self.spec.max_episode_steps
        self.batch = Batch(self.spec, num_envs)
        self._scratch = Batch(self.spec, num_envs)  # resets of some rows land here first
        self._out = ctypes.pointer(self.batch.output)
        self._scratch_out = ctypes.pointer(self._scratch.output)
        self._actions = _abi.rlrec_tensor(None, _abi.DTYPE_I32, 2)
        self._actions.shape[0], self._actions.shape[1] = num_envs, self.spec.slate_size
        self._actions_ptr = ctypes.pointer(self._actions)
        # Per sub-env bookkeeping: vectorised with numpy, since a step of 256 sub-envs must cost
        # a few microseconds of Python, not one loop iteration per sub-env.
        if numpy is not None:
            self._ids = numpy.zeros(num_envs, numpy.uint32)
            self._seeds = numpy.zeros(num_envs, numpy.uint64)
            self._base_seed = numpy.zeros(num_envs, numpy.uint64)
            self._episode = numpy.zeros(num_envs, numpy.uint64)
            self._live = numpy.zeros(num_envs, numpy.bool_)
            self._elapsed = numpy.zeros(num_envs, numpy.uint32)
            ids_address, seeds_address = self._ids.ctypes.data, self._seeds.ctypes.data
        else:
            self._ids = (ctypes.c_uint32 * num_envs)()
            self._seeds = (ctypes.c_uint64 * num_envs)()
            self._base_seed, self._episode = [0] * num_envs, [0] * num_envs
            self._live, self._elapsed = [False] * num_envs, [0] * num_envs
            ids_address, seeds_address = ctypes.addressof(self._ids), ctypes.addressof(self._seeds)
        self._ids_ptr = ctypes.cast(ids_address, ctypes.POINTER(ctypes.c_uint32))
        self._seeds_ptr = ctypes.cast(seeds_address, ctypes.POINTER(ctypes.c_uint64))

    # ---- calls through the vtable ------------------------------------------------------------

    def _check(self, status, call):
        if status != _abi.OK:
            message = ctypes.string_at(self._last_error_fn(self._handle)).decode("utf-8", "replace")
            raise from_status(status, "plugin '%s': %s failed (status %d): %s"
                              % (self.env_id, call, status, message))

    def _reset(self, ids, out):
        """Resets sub-envs ``ids`` (a numpy index array, or a list) with their next seeds."""
        count = len(ids)
        if numpy is not None:
            # A few sub-envs end per step: Python ints beat a dozen numpy calls on tiny arrays.
            self._seeds[:count] = [_seeding.episode_seed(base, k) for base, k in zip(
                self._base_seed[ids].tolist(), self._episode[ids].tolist())]
            self._ids[:count] = ids
            self._episode[ids] += numpy.uint64(1)
            self._elapsed[ids] = 0
            self._live[ids] = True
        else:
            for r, i in enumerate(ids):
                self._ids[r] = i
                self._seeds[r] = _seeding.episode_seed(self._base_seed[i], self._episode[i])
                self._episode[i] += 1
                self._elapsed[i] = 0
                self._live[i] = True
        self._check(self._reset_fn(self._handle, count, self._ids_ptr, self._seeds_ptr, out),
                    "reset")

    def reset_all(self, seeds):
        """Starts a new episode in every sub-env, sub-env i with ``seeds[i]`` (None: fresh)."""
        for i, seed in enumerate(seeds):
            self._base_seed[i] = _seeding.fresh_seed() if seed is None else int(seed) % 2**64
            self._episode[i] = 0
        self.batch.use_rows(self.num_envs)
        everyone = numpy.arange(self.num_envs) if numpy is not None else range(self.num_envs)
        self._reset(everyone, self._out)

    def reset_rows(self, ids):
        """Starts the next episode of the listed sub-envs (each from its own seed stream) and
        writes their first observations and infos into their rows of ``batch``."""
        self._scratch.use_rows(len(ids))
        self._reset(ids, self._scratch_out)
        for name, buffer in self.batch.obs.items():
            _scatter(buffer, self._scratch.obs[name], ids)
        if self.batch.info is not None:
            _scatter(self.batch.info, self._scratch.info, ids)

    def step_address(self, address):
        """Steps every sub-env with the int32 [num_envs, slate] actions at ``address``; applies
        the time limit; returns the ids of the sub-envs whose episode ended (a numpy index
        array, or a list)."""
        if not (self._live.all() if numpy is not None else all(self._live)):
            first = list(self._live).index(False)
            raise StateError(_abi.ERR_STATE, "%s: step: sub-env %d has ended (or was never "
                             "reset); call reset first" % (self.env_id, first))
        self._actions.data = address
        self._check(self._step_fn(self._handle, self._actions_ptr, self._out), "step")
        terminated, truncated = self.batch.terminated.array, self.batch.truncated.array
        if numpy is not None:
            if self.limit:
                self._elapsed += 1
                truncated |= (self._elapsed >= self.limit) & (terminated == 0)
            ended = numpy.flatnonzero(terminated | truncated)
            self._live[ended] = False
            return ended
        ended = []
        for i in range(self.num_envs):
            self._elapsed[i] += 1
            if self.limit and self._elapsed[i] >= self.limit and not terminated[i]:
                truncated[i] = 1
            if terminated[i] or truncated[i]:
                ended.append(i)
                self._live[i] = False
        return ended

    def step_list(self, actions):
        """``step_address`` for actions given as nested lists."""
        flat = (ctypes.c_int32 * (self.num_envs * self.spec.slate_size))(
            *[int(a) for row in actions for a in row])
        return self.step_address(ctypes.addressof(flat))

    def c_env(self):
        """A pointer to the ``rlrec_env`` (valid until close), for ``rlrec_act_input.env``."""
        if not self._env.handle:
            raise ValueError("the env is closed")
        return ctypes.pointer(self._env)

    def close(self):
        """Destroys the instance (idempotent)."""
        if self._env.handle:
            self._close_fn(ctypes.byref(self._env))

    def __del__(self):
        if getattr(self, "_env", None) is not None:
            self.close()


def _scatter(target, source, ids):
    """Copies rows 0..len(ids) of ``source`` into rows ``ids`` of ``target``."""
    if numpy is not None:
        target.array[ids] = source.array[:len(ids)]
        return
    row = numel(target.shape[1:])
    for r, i in enumerate(ids):
        target.array[i * row:(i + 1) * row] = source.array[r * row:(r + 1) * row]
