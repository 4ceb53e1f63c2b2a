"""Gymnasium-shaped envs over rlrec env plugins: :func:`make`, :class:`Env`, :class:`VectorEnv`.

An observation is a dict of named fields (``user``, ``candidates``, ``response``, ...); an action
is a slate of candidate indices. With numpy, observations, rewards and flags are zero-copy
ndarrays over buffers this package owns and the plugin writes: **the next reset or step
overwrites them** (pass ``copy=True`` to get fresh arrays each call). Without numpy they are
nested lists.

End of episodes. Plugins never reset themselves (rlrec/env.h). :class:`Env` (``num_envs=1``)
behaves like a Gymnasium env: after ``terminated`` or ``truncated`` you call ``reset``; another
``step`` raises :class:`rlrec.errors.StateError`. :class:`VectorEnv` resets a sub-env in the
same ``step`` call in which its episode ended, as the engine's runner does and as Gymnasium's
``AutoresetMode.SAME_STEP``: that row of the returned observation is the new episode's first, its
reward/terminated/truncated are the final step's, and ``info["final_obs"][field][i]`` /
``info["final_info"][channel][i]`` hold the final observation and infos (``info["_final_obs"][i]``
is True for those rows; the other rows of ``final_obs`` are stale). Both apply the env's time
limit (the spec's ``max_episode_steps``) by setting ``truncated``, as Gymnasium's ``TimeLimit``
does.

Seeds: ``reset(seed=s)`` seeds sub-env i with ``s + i`` (Gymnasium's convention); a list gives one
seed per sub-env; None draws fresh ones. A sub-env's later episodes take seeds derived from its
own, so a seeded run is reproducible however episodes end.

>>> env = make("example.feed", num_candidates=5, slate_size=2)
>>> obs, info = env.reset(seed=3)
>>> sorted(obs), len(obs["candidates"]), sorted(info)
(['candidates', 'response', 'user'], 5, ['clicked_slot', 'engagement'])
>>> obs, reward, terminated, truncated, info = env.step([0, 1])
>>> isinstance(reward, float), isinstance(terminated, bool)
(True, True)
>>> env.close()
>>> vec = make("example.feed", num_envs=4, num_candidates=5)
>>> obs, info = vec.reset(seed=1)
>>> vec.single_action_space, vec.action_space
(Slate(n=5, size=2), Slate(n=5, size=2, batch=4))
>>> obs, reward, terminated, truncated, info = vec.step(vec.action_space.sample())
>>> len(reward), len(obs["user"])
(4, 4)
>>> vec.close()
"""

import ctypes

from . import spaces
from ._arrays import numpy
from ._native_env import NativeEnv
from .errors import InvalidArgumentError

_INVALID = 1


def make(env_id, num_envs=1, copy=False, **params):
    """An env of plugin ``env_id`` (an id or a library path) with plugin ``params``.

    ``num_envs`` == 1 gives an :class:`Env`, more a :class:`VectorEnv`. ``params`` are checked
    against the plugin's schema (an unknown key is an error naming the closest one).
    """
    cls = Env if num_envs == 1 else VectorEnv
    return cls(NativeEnv(env_id, params, num_envs), copy)


class _Wrapper:
    """What both wrappers share: spaces, close, context manager."""

    metadata = {"render_modes": [], "autoreset_mode": "SameStep"}
    render_mode = None

    def __init__(self, core, copy):
        self._core = core
        self._copy = copy
        self.spec = core.spec
        self.info_channels = core.spec.info_channels

    @property
    def unwrapped(self):
        """This env (Gymnasium wrappers look for it)."""
        return self

    def close(self):
        """Frees the plugin instance; the env is unusable afterwards."""
        self._core.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check_options(self, options):
        if options:
            raise InvalidArgumentError(_INVALID, "rlrec envs take no reset options, got %r"
                                       % (options,))

    def _actions_address(self, action, rows):
        """(address, keep-alive) of the int32 [rows, slate] actions."""
        slate = self.spec.slate_size
        if numpy is not None:
            array = numpy.ascontiguousarray(action, dtype=numpy.int32)
            if array.size != rows * slate:
                raise InvalidArgumentError(_INVALID, "expected %d x %d slate indices, got shape %s"
                                           % (rows, slate, array.shape))
            return array.ctypes.data, array
        flat = [action] if isinstance(action, int) else \
            [int(a) for row in action for a in (row if isinstance(row, (list, tuple)) else [row])]
        if len(flat) != rows * slate:
            raise InvalidArgumentError(_INVALID, "expected %d x %d slate indices, got %d"
                                       % (rows, slate, len(flat)))
        array = (ctypes.c_int32 * len(flat))(*flat)
        return ctypes.addressof(array), array


class Env(_Wrapper):
    """One sub-environment with Gymnasium's ``Env`` API (``make(..., num_envs=1)``)."""

    def __init__(self, core, copy=False):
        super().__init__(core, copy)
        self.observation_space = core.spec.observation_space
        self.action_space = core.spec.action_space
        if numpy is not None:
            batch = core.batch
            self._obs = {name: buffer.array[0] for name, buffer in batch.obs.items()}

    def _observation(self):
        if numpy is None:
            return {name: buffer.value()[0] for name, buffer in self._core.batch.obs.items()}
        if self._copy:
            return {name: array.copy() for name, array in self._obs.items()}
        return dict(self._obs)

    def _info(self):
        info = self._core.batch.info
        if info is None:
            return {}
        row = info.value()[0]
        return {name: float(row[j]) for j, name in enumerate(self.info_channels)}

    def reset(self, seed=None, options=None):
        """Starts an episode: returns (observation, info)."""
        self._check_options(options)
        self._core.reset_all([seed])
        return self._observation(), self._info()

    def step(self, action):
        """Shows slate ``action`` (candidate indices; an int for slate size 1): returns
        (observation, reward, terminated, truncated, info)."""
        address, keep = self._actions_address(action, 1)
        self._core.step_address(address)
        del keep
        batch = self._core.batch
        return (self._observation(), float(batch.reward.array[0]),
                bool(batch.terminated.array[0]), bool(batch.truncated.array[0]), self._info())


class VectorEnv(_Wrapper):
    """``num_envs`` sub-environments with Gymnasium's ``VectorEnv`` API and same-step autoreset."""

    def __init__(self, core, copy=False):
        super().__init__(core, copy)
        self.num_envs = core.num_envs
        self.single_observation_space = core.spec.observation_space
        self.single_action_space = core.spec.action_space
        self.observation_space = spaces.batched(self.single_observation_space, self.num_envs)
        self.action_space = spaces.batched(self.single_action_space, self.num_envs)
        batch = core.batch
        if numpy is not None:
            self._obs = {name: buffer.array for name, buffer in batch.obs.items()}
            self._flags = (batch.terminated.array.view(numpy.bool_),
                           batch.truncated.array.view(numpy.bool_))
            self._channels = {name: batch.info.array[:, j]
                              for j, name in enumerate(self.info_channels)}
            self._final_obs = {name: numpy.zeros_like(array) for name, array in self._obs.items()}
            self._final_channels = numpy.zeros((self.num_envs, len(self.info_channels)),
                                               numpy.float32)

    def _observation(self):
        if numpy is None:
            return {name: buffer.value() for name, buffer in self._core.batch.obs.items()}
        if self._copy:
            return {name: array.copy() for name, array in self._obs.items()}
        return dict(self._obs)

    def _info(self):
        if numpy is None:
            info = self._core.batch.info
            rows = info.value() if info is not None else []
            return {name: [row[j] for row in rows] for j, name in enumerate(self.info_channels)}
        if self._copy:
            return {name: column.copy() for name, column in self._channels.items()}
        return dict(self._channels)

    def reset(self, seed=None, options=None):
        """Starts an episode in every sub-env: returns (observations, infos)."""
        self._check_options(options)
        if seed is None or isinstance(seed, int):
            seeds = [None if seed is None else seed + i for i in range(self.num_envs)]
        else:
            seeds = list(seed)
            if len(seeds) != self.num_envs:
                raise InvalidArgumentError(_INVALID, "reset: %d seeds for %d sub-envs"
                                           % (len(seeds), self.num_envs))
        self._core.reset_all(seeds)
        return self._observation(), self._info()

    def step(self, actions):
        """Shows one slate per sub-env (``actions`` [num_envs, slate]): returns (observations,
        rewards, terminated, truncated, infos), resetting the sub-envs whose episode ended."""
        address, keep = self._actions_address(actions, self.num_envs)
        ended = self._core.step_address(address)
        del keep
        final = self._finals(ended) if len(ended) else None
        if final is not None:
            self._core.reset_rows(ended)
        batch = self._core.batch
        if numpy is not None:
            reward, (terminated, truncated) = batch.reward.array, self._flags
            if self._copy:
                reward, terminated, truncated = reward.copy(), terminated.copy(), truncated.copy()
        else:
            reward = list(batch.reward.array)
            terminated = [bool(flag) for flag in batch.terminated.array]
            truncated = [bool(flag) for flag in batch.truncated.array]
        info = self._info()
        if final is not None:
            info.update(final)
        return self._observation(), reward, terminated, truncated, info

    def _finals(self, ended):
        """info entries for the sub-envs whose episode ended, copied before the reset
        overwrites their rows: ``final_obs`` {field: [num_envs, ...]} and ``final_info``
        {channel: [num_envs]}, valid in the rows where ``_final_obs``/``_final_info`` is True."""
        batch = self._core.batch
        if numpy is not None:
            for name, buffer in batch.obs.items():
                self._final_obs[name][ended] = buffer.array[ended]
            if batch.info is not None:
                self._final_channels[ended] = batch.info.array[ended]
            mask = self._flags[0] | self._flags[1]
            obs = {name: array.copy() if self._copy else array
                   for name, array in self._final_obs.items()}
            infos = {name: self._final_channels[:, j].copy() if self._copy
                     else self._final_channels[:, j] for j, name in enumerate(self.info_channels)}
            return {"final_obs": obs, "_final_obs": mask, "final_info": infos,
                    "_final_info": mask}
        mask = [False] * self.num_envs
        for i in ended:
            mask[i] = True
        obs = {name: [row if flag else None for row, flag in zip(buffer.value(), mask)]
               for name, buffer in batch.obs.items()}
        rows = batch.info.value() if batch.info is not None else []
        infos = {name: [row[j] if flag else None for row, flag in zip(rows, mask)]
                 for j, name in enumerate(self.info_channels)}
        return {"final_obs": obs, "_final_obs": mask, "final_info": infos,
                "_final_info": list(mask)}
