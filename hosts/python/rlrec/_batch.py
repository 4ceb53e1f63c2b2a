"""An env spec read into Python, and the host-owned output buffers of reset and step.

rlrec/env.h: the host owns every batch buffer; row r of each belongs to one sub-env. A
:class:`Batch` allocates them once for ``rows`` rows (numpy arrays or ctypes arrays) and keeps an
``rlrec_env_output`` pointing at them, so a step costs no allocation.

>>> import ctypes
>>> field = _abi.rlrec_field(b"user", None, spaces.to_c(spaces.Box(0, 1, (3,), "float32")))
>>> c_spec = _abi.rlrec_env_spec(ctypes.sizeof(_abi.rlrec_env_spec), 2, 1, 0,
...                              ctypes.pointer(field), None,
...                              spaces.to_c(spaces.MultiDiscrete(5, (2,))), 0, 0)
>>> spec = EnvSpec(c_spec)
>>> spec.fields, spec.slate_size, spec.num_candidates
([('user', (3,), 1)], 2, 5)
>>> batch = Batch(spec, 2)
>>> batch.output.rows, batch.tensors[0].shape[0], batch.tensors[0].shape[1]
(2, 2, 3)
"""

import ctypes

from . import _abi, spaces
from ._arrays import HostBuffer


def _text(raw):
    return raw.decode("utf-8") if raw else ""


class EnvSpec:
    """What an env instance produces and accepts (``rlrec_env_spec``), as Python values.

    ``fields``: [(name, shape, dtype)] of one sub-env's observation; ``docs``: name -> doc;
    ``info_channels``: names; ``observation_space``: a :class:`spaces.Dict`;
    ``action_space``: a :class:`spaces.Slate`.
    """

    def __init__(self, c_spec):
        self.num_envs = c_spec.num_envs
        self.fields, self.docs, field_spaces = [], {}, {}
        for i in range(c_spec.num_obs_fields):
            field = c_spec.obs_fields[i]
            name = _text(field.name)
            shape = tuple(field.space.shape[axis] for axis in range(field.space.rank))
            self.fields.append((name, shape, field.space.dtype))
            self.docs[name] = _text(field.doc)
            field_spaces[name] = spaces.from_c(field.space)
        self.info_channels = [_text(c_spec.info_channels[i].name)
                              for i in range(c_spec.num_info_channels)]
        action = c_spec.action_space
        self.slate_size = int(action.shape[0])
        self.num_candidates = int(action.n)
        self.allow_duplicates = bool(c_spec.allow_duplicates)
        self.max_episode_steps = c_spec.max_episode_steps
        self.observation_space = spaces.Dict(field_spaces)
        self.action_space = spaces.Slate(self.num_candidates, self.slate_size,
                                         distinct=not self.allow_duplicates)


class Batch:
    """Output buffers for ``rows`` rows of an env, and the ``rlrec_env_output`` over them.

    ``obs``: name -> HostBuffer [rows, *shape]; ``reward``/``terminated``/``truncated``: [rows];
    ``info``: [rows, channels] or None when the env has no info channels.
    """

    def __init__(self, spec, rows):
        self.rows = rows
        self.obs = {name: HostBuffer(dtype, (rows,) + shape) for name, shape, dtype in spec.fields}
        self.tensors = (_abi.rlrec_tensor * max(len(spec.fields), 1))()
        for tensor, (name, shape, dtype) in zip(self.tensors, spec.fields):
            tensor.data = self.obs[name].address
            tensor.dtype = dtype
            tensor.rank = 1 + len(shape)
            for axis, extent in enumerate((rows,) + shape):
                tensor.shape[axis] = extent
        self.reward = HostBuffer(_abi.DTYPE_F32, (rows,))
        self.terminated = HostBuffer(_abi.DTYPE_U8, (rows,))
        self.truncated = HostBuffer(_abi.DTYPE_U8, (rows,))
        self.info = HostBuffer(_abi.DTYPE_F32, (rows, len(spec.info_channels))) \
            if spec.info_channels else None
        self.output = _abi.rlrec_env_output(
            ctypes.sizeof(_abi.rlrec_env_output), rows, self.tensors,
            ctypes.cast(self.reward.address, ctypes.POINTER(ctypes.c_float)),
            ctypes.cast(self.terminated.address, ctypes.POINTER(ctypes.c_uint8)),
            ctypes.cast(self.truncated.address, ctypes.POINTER(ctypes.c_uint8)),
            ctypes.cast(self.info.address, ctypes.POINTER(ctypes.c_float)) if self.info else None)

    def use_rows(self, rows):
        """Makes the output cover the first ``rows`` rows (a reset of fewer sub-envs)."""
        self.output.rows = rows
        for tensor in self.tensors:
            tensor.shape[0] = rows
