"""The C ABI of rlrec (abi/include/rlrec/*.h) as ctypes declarations.

One class per C struct, fields in header order with the header's types, so ctypes lays them out
exactly as the C compiler does. tests/python/test_layout.py checks every size and offset against
a C program compiled from the headers; a change to a header that is not mirrored here fails it.

>>> ctypes.sizeof(rlrec_tensor), ctypes.sizeof(rlrec_space), ctypes.sizeof(rlrec_env_spec)
(56, 72, 112)
>>> version_text(make_version(1, 2, 3))
'1.2.3'
"""

import ctypes  # noqa: F401 - the doctests above use it
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_float, c_int32,
                    c_int64, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p)

# ---- rlrec/version.h ------------------------------------------------------------------------


def make_version(major, minor, patch):
    """RLREC_MAKE_VERSION: major (10 bits) . minor (10 bits) . patch (12 bits)."""
    return (major << 22) | (minor << 12) | patch


def version_parts(version):
    """(major, minor, patch) of a packed ABI version."""
    return version >> 22, (version >> 12) & 0x3FF, version & 0xFFF


def version_text(version):
    """'major.minor.patch' of a packed ABI version."""
    return "%d.%d.%d" % version_parts(version)


# The ABI these declarations mirror: a library of the same major is compatible (its newer minor
# only appends fields, which a struct_size check tells apart).
ABI_VERSION = make_version(1, 1, 0)

# ---- rlrec/types.h --------------------------------------------------------------------------

OK, ERR_INVALID_ARGUMENT, ERR_UNSUPPORTED, ERR_RUNTIME, ERR_NO_MEMORY, ERR_STATE, ERR_IO, \
    ERR_INTERRUPTED, ERR_VERSION, ERR_CONFIG = range(10)

DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_U8, DTYPE_I64 = 1, 2, 3, 4, 5
# ctypes element type and struct/array typecode of each dtype.
DTYPE_CTYPE = {DTYPE_F32: c_float, DTYPE_F64: c_double, DTYPE_I32: c_int32, DTYPE_U8: c_uint8,
               DTYPE_I64: c_int64}
DTYPE_CODE = {DTYPE_F32: "f", DTYPE_F64: "d", DTYPE_I32: "i", DTYPE_U8: "B", DTYPE_I64: "q"}

MAX_RANK = 4
SPACE_BOX, SPACE_DISCRETE, SPACE_MULTI_DISCRETE = 1, 2, 3

rlrec_status = c_int32


class rlrec_tensor(Structure):
    _fields_ = [("data", c_void_p), ("dtype", c_uint32), ("rank", c_uint32),
                ("shape", c_int64 * (MAX_RANK + 1))]


class rlrec_space(Structure):
    _fields_ = [("kind", c_uint32), ("dtype", c_uint32), ("rank", c_uint32),
                ("reserved0", c_uint32), ("shape", c_int64 * MAX_RANK), ("low", c_double),
                ("high", c_double), ("n", c_int64)]


class rlrec_field(Structure):
    _fields_ = [("name", c_char_p), ("doc", c_char_p), ("space", rlrec_space)]


class rlrec_metric(Structure):
    _fields_ = [("name", c_char_p), ("value", c_double)]


# ---- rlrec/params.h -------------------------------------------------------------------------

PARAM_BOOL, PARAM_INT, PARAM_FLOAT, PARAM_STRING, PARAM_CHOICE, PARAM_INT_LIST, \
    PARAM_FLOAT_LIST = range(1, 8)
PARAM_REQUIRED = 1


class rlrec_param_def(Structure):
    _fields_ = [("name", c_char_p), ("type", c_uint32), ("flags", c_uint32),
                ("default_yaml", c_char_p), ("min", c_double), ("max", c_double),
                ("choices", c_char_p), ("doc", c_char_p), ("max_count", c_uint32),
                ("reserved0", c_uint32)]


class rlrec_value(Structure):
    _fields_ = [("type", c_uint32), ("count", c_uint32), ("i", c_int64), ("f", c_double),
                ("s", c_char_p), ("il", POINTER(c_int64)), ("fl", POINTER(c_double))]


# ---- rlrec/env.h ----------------------------------------------------------------------------


class rlrec_env_spec(Structure):
    _fields_ = [("struct_size", c_uint32), ("num_envs", c_uint32), ("num_obs_fields", c_uint32),
                ("num_info_channels", c_uint32), ("obs_fields", POINTER(rlrec_field)),
                ("info_channels", POINTER(rlrec_field)), ("action_space", rlrec_space),
                ("allow_duplicates", c_uint32), ("max_episode_steps", c_uint32)]


class rlrec_env_output(Structure):
    _fields_ = [("struct_size", c_uint32), ("rows", c_uint32), ("obs", POINTER(rlrec_tensor)),
                ("reward", POINTER(c_float)), ("terminated", POINTER(c_uint8)),
                ("truncated", POINTER(c_uint8)), ("info", POINTER(c_float))]


# Functions that return a pointer are declared to return c_void_p: a ctypes callback may only
# return a simple type, and the caller casts the address to the struct it points to.
env_spec_fn = CFUNCTYPE(c_void_p, c_void_p)
env_reset_fn = CFUNCTYPE(rlrec_status, c_void_p, c_uint32, POINTER(c_uint32), POINTER(c_uint64),
                         POINTER(rlrec_env_output))
env_step_fn = CFUNCTYPE(rlrec_status, c_void_p, POINTER(rlrec_tensor), POINTER(rlrec_env_output))
get_extension_fn = CFUNCTYPE(c_void_p, c_void_p, c_char_p)
last_error_fn = CFUNCTYPE(c_void_p, c_void_p)  # a char* the caller reads, not a Python str
destroy_fn = CFUNCTYPE(None, c_void_p)


class rlrec_env_vtable(Structure):
    _fields_ = [("struct_size", c_uint32), ("spec", env_spec_fn), ("reset", env_reset_fn),
                ("step", env_step_fn), ("get_extension", get_extension_fn),
                ("last_error", last_error_fn), ("destroy", destroy_fn)]


class rlrec_env(Structure):
    _fields_ = [("vtable", POINTER(rlrec_env_vtable)), ("handle", c_void_p)]


# ---- rlrec/policy.h -------------------------------------------------------------------------

ACT_EXPLORE, ACT_GREEDY = 0, 1
POLICY_LEARNS, POLICY_EPISODE_HISTORY = 1, 2


class rlrec_act_input(Structure):
    _fields_ = [("struct_size", c_uint32), ("rows", c_uint32), ("mode", c_uint32),
                ("reserved0", c_uint32), ("obs", POINTER(rlrec_tensor)),
                ("episode_start", POINTER(c_uint8)), ("env", POINTER(rlrec_env))]


class rlrec_act_output(Structure):
    _fields_ = [("struct_size", c_uint32), ("rows", c_uint32), ("slates", POINTER(c_int32)),
                ("slate_prob", POINTER(c_float)), ("slot_propensity", POINTER(c_float)),
                ("scores", POINTER(c_float))]


class rlrec_transition_batch(Structure):
    _fields_ = [("struct_size", c_uint32), ("rows", c_uint32), ("obs", POINTER(rlrec_tensor)),
                ("actions", POINTER(c_int32)), ("slate_prob", POINTER(c_float)),
                ("reward", POINTER(c_float)), ("terminated", POINTER(c_uint8)),
                ("truncated", POINTER(c_uint8)), ("next_obs", POINTER(rlrec_tensor)),
                ("info", POINTER(c_float)), ("episode_id", POINTER(c_uint64)),
                ("step_index", POINTER(c_uint32)),
                ("slot_propensity", POINTER(c_float))]  # since ABI 1.1


class rlrec_policy_info(Structure):
    _fields_ = [("struct_size", c_uint32), ("flags", c_uint32)]


byte_sink_write_fn = CFUNCTYPE(rlrec_status, c_void_p, c_void_p, c_size_t)


class rlrec_byte_sink(Structure):
    _fields_ = [("ctx", c_void_p), ("write", byte_sink_write_fn)]


class rlrec_policy_vtable(Structure):
    _fields_ = [("struct_size", c_uint32),
                ("info", CFUNCTYPE(c_void_p, c_void_p)),
                ("act", CFUNCTYPE(rlrec_status, c_void_p, POINTER(rlrec_act_input),
                                  POINTER(rlrec_act_output))),
                ("learn", CFUNCTYPE(rlrec_status, c_void_p, POINTER(rlrec_transition_batch),
                                    POINTER(c_uint32), POINTER(POINTER(rlrec_metric)))),
                ("save", CFUNCTYPE(rlrec_status, c_void_p, POINTER(rlrec_byte_sink))),
                ("load", CFUNCTYPE(rlrec_status, c_void_p, c_void_p, c_size_t)),
                ("get_extension", get_extension_fn), ("last_error", last_error_fn),
                ("destroy", destroy_fn)]


class rlrec_policy(Structure):
    _fields_ = [("vtable", POINTER(rlrec_policy_vtable)), ("handle", c_void_p)]


# ---- rlrec/logger.h -------------------------------------------------------------------------


class rlrec_logger_context(Structure):
    _fields_ = [("struct_size", c_uint32), ("reserved0", c_uint32), ("run_dir", c_char_p),
                ("run_name", c_char_p), ("total_env_steps", c_uint64),
                ("env", POINTER(rlrec_env_spec)), ("start_env_steps", c_uint64)]


class rlrec_logger_vtable(Structure):
    _fields_ = [("struct_size", c_uint32),
                ("log_metrics", CFUNCTYPE(rlrec_status, c_void_p, c_uint64, c_uint32,
                                          POINTER(rlrec_metric))),
                ("log_transitions", CFUNCTYPE(rlrec_status, c_void_p,
                                              POINTER(rlrec_transition_batch),
                                              POINTER(rlrec_act_output))),
                ("flush", CFUNCTYPE(rlrec_status, c_void_p)), ("last_error", last_error_fn),
                ("destroy", destroy_fn)]


class rlrec_logger(Structure):
    _fields_ = [("vtable", POINTER(rlrec_logger_vtable)), ("handle", c_void_p)]


# ---- rlrec/plugin.h -------------------------------------------------------------------------

LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR = range(4)
KIND_ENV, KIND_POLICY, KIND_LOGGER = 1, 2, 3


class rlrec_host(Structure):
    pass


rlrec_host._fields_ = [("struct_size", c_uint32), ("abi_version", c_uint32),
                       ("host_data", c_void_p), ("name", c_char_p),
                       ("log", CFUNCTYPE(None, POINTER(rlrec_host), c_int32, c_char_p)),
                       ("get_extension", CFUNCTYPE(c_void_p, POINTER(rlrec_host), c_char_p))]


class rlrec_plugin_desc(Structure):
    _fields_ = [("struct_size", c_uint32), ("kind", c_uint32), ("id", c_char_p),
                ("version", c_char_p), ("doc", c_char_p), ("num_params", c_uint32),
                ("reserved0", c_uint32), ("params", POINTER(rlrec_param_def))]


create_env_fn = CFUNCTYPE(rlrec_status, POINTER(rlrec_host), POINTER(rlrec_value), c_uint32,
                          POINTER(rlrec_env), POINTER(c_char), c_size_t)
create_policy_fn = CFUNCTYPE(rlrec_status, POINTER(rlrec_host), POINTER(rlrec_value),
                             POINTER(rlrec_env_spec), c_uint64, POINTER(rlrec_policy),
                             POINTER(c_char), c_size_t)
create_logger_fn = CFUNCTYPE(rlrec_status, POINTER(rlrec_host), POINTER(rlrec_value),
                             POINTER(rlrec_logger_context), POINTER(rlrec_logger),
                             POINTER(c_char), c_size_t)


class rlrec_plugin_factory(Structure):
    _fields_ = [("struct_size", c_uint32), ("reserved0", c_uint32),
                ("desc", POINTER(rlrec_plugin_desc)), ("create_env", create_env_fn),
                ("create_policy", create_policy_fn), ("create_logger", create_logger_fn)]


class rlrec_plugin_entry(Structure):
    _fields_ = [("struct_size", c_uint32), ("abi_version", c_uint32),
                ("init", CFUNCTYPE(rlrec_status, POINTER(rlrec_host), POINTER(c_char), c_size_t)),
                ("deinit", CFUNCTYPE(None)), ("factory_count", CFUNCTYPE(c_uint32)),
                ("factory_get", CFUNCTYPE(c_void_p, c_uint32))]


# ---- rlrec/ext/choice_model.h ---------------------------------------------------------------

EXT_ENV_CHOICE_MODEL = b"rlrec.env.choice_model/1"


class rlrec_env_choice_model(Structure):
    _fields_ = [("struct_size", c_uint32), ("kind", c_uint32),
                ("query", CFUNCTYPE(rlrec_status, c_void_p, POINTER(c_float), POINTER(c_float),
                                    POINTER(c_float)))]


# ---- rlrec/ext/slate_probability.h ----------------------------------------------------------

EXT_POLICY_SLATE_PROBABILITY = b"rlrec.policy.slate_probability/1"


class rlrec_policy_slate_probability(Structure):
    _fields_ = [("struct_size", c_uint32), ("reserved0", c_uint32),
                ("score", CFUNCTYPE(rlrec_status, c_void_p, POINTER(rlrec_act_input),
                                    POINTER(c_int32), POINTER(c_double), POINTER(c_double),
                                    POINTER(c_double)))]


# ---- rlrec/engine.h -------------------------------------------------------------------------


class rlrec_eval_result(Structure):
    _fields_ = [("struct_size", c_uint32), ("reserved0", c_uint32), ("episodes", c_uint64),
                ("episode_return_mean", c_double), ("episode_return_std", c_double),
                ("episode_length_mean", c_double), ("env_steps", c_uint64)]


log_handler_fn = CFUNCTYPE(None, c_void_p, c_int32, c_char_p)

# Every struct above, by its C name (the layout test walks this).
STRUCTS = {cls.__name__: cls for cls in (
    rlrec_tensor, rlrec_space, rlrec_field, rlrec_metric, rlrec_param_def, rlrec_value,
    rlrec_env_spec, rlrec_env_output, rlrec_env_vtable, rlrec_env, rlrec_act_input,
    rlrec_act_output, rlrec_transition_batch, rlrec_policy_info, rlrec_byte_sink,
    rlrec_policy_vtable, rlrec_policy, rlrec_logger_context, rlrec_logger_vtable, rlrec_logger,
    rlrec_host, rlrec_plugin_desc, rlrec_plugin_factory, rlrec_plugin_entry,
    rlrec_env_choice_model, rlrec_policy_slate_probability, rlrec_eval_result)}
