/* rlrec/abi_check.h — locks the sizes and offsets of every ABI struct on 64-bit targets.
 *
 * A change that moves a field fails to compile here, in every plugin and in the engine; a
 * layout test in the Python host checks the same numbers from ctypes. Appending a field to a
 * growable struct in a new minor version changes only its size line below. Included by
 * rlrec/plugin.h; never include it on its own. */
#ifndef RLREC_ABI_CHECK_H
#define RLREC_ABI_CHECK_H

#include <stddef.h>

#if defined(__cplusplus)
#define RLREC_ABI_ASSERT(name, cond) static_assert(cond, "rlrec ABI layout: " #name)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define RLREC_ABI_ASSERT(name, cond) _Static_assert(cond, "rlrec ABI layout: " #name)
#else /* C99: a negative array size is the compile error */
#define RLREC_ABI_ASSERT(name, cond) typedef char rlrec_abi_assert_##name[(cond) ? 1 : -1]
#endif

#define RLREC_ABI_SIZE(type, size) RLREC_ABI_ASSERT(size_##type, sizeof(type) == (size))
#define RLREC_ABI_OFFSET(type, member, offset) \
  RLREC_ABI_ASSERT(offset_##type##_##member, offsetof(type, member) == (offset))

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
RLREC_ABI_SIZE(rlrec_tensor, 56);
RLREC_ABI_OFFSET(rlrec_tensor, dtype, 8);
RLREC_ABI_OFFSET(rlrec_tensor, shape, 16);

RLREC_ABI_SIZE(rlrec_space, 72);
RLREC_ABI_OFFSET(rlrec_space, shape, 16);
RLREC_ABI_OFFSET(rlrec_space, low, 48);
RLREC_ABI_OFFSET(rlrec_space, n, 64);

RLREC_ABI_SIZE(rlrec_field, 88);
RLREC_ABI_OFFSET(rlrec_field, space, 16);
RLREC_ABI_SIZE(rlrec_metric, 16);

RLREC_ABI_SIZE(rlrec_param_def, 64);
RLREC_ABI_OFFSET(rlrec_param_def, default_yaml, 16);
RLREC_ABI_OFFSET(rlrec_param_def, choices, 40);
RLREC_ABI_OFFSET(rlrec_param_def, max_count, 56);
RLREC_ABI_SIZE(rlrec_value, 48);
RLREC_ABI_OFFSET(rlrec_value, f, 16);
RLREC_ABI_OFFSET(rlrec_value, fl, 40);

RLREC_ABI_SIZE(rlrec_env_spec, 112);
RLREC_ABI_OFFSET(rlrec_env_spec, obs_fields, 16);
RLREC_ABI_OFFSET(rlrec_env_spec, action_space, 32);
RLREC_ABI_OFFSET(rlrec_env_spec, max_episode_steps, 108);
RLREC_ABI_SIZE(rlrec_env_output, 48);
RLREC_ABI_OFFSET(rlrec_env_output, info, 40);
RLREC_ABI_SIZE(rlrec_env_vtable, 56);
RLREC_ABI_OFFSET(rlrec_env_vtable, destroy, 48);
RLREC_ABI_SIZE(rlrec_env, 16);

RLREC_ABI_SIZE(rlrec_act_input, 40);
RLREC_ABI_OFFSET(rlrec_act_input, obs, 16);
RLREC_ABI_OFFSET(rlrec_act_input, env, 32);
RLREC_ABI_SIZE(rlrec_act_output, 40);
RLREC_ABI_OFFSET(rlrec_act_output, scores, 32);
RLREC_ABI_SIZE(rlrec_transition_batch, 96); /* 88 in ABI 1.0 */
RLREC_ABI_OFFSET(rlrec_transition_batch, next_obs, 56);
RLREC_ABI_OFFSET(rlrec_transition_batch, step_index, 80);
RLREC_ABI_OFFSET(rlrec_transition_batch, slot_propensity, 88); /* since 1.1 */
RLREC_ABI_SIZE(rlrec_policy_info, 8);
RLREC_ABI_SIZE(rlrec_policy_vtable, 72);
RLREC_ABI_OFFSET(rlrec_policy_vtable, destroy, 64);

RLREC_ABI_SIZE(rlrec_logger_context, 48);
RLREC_ABI_OFFSET(rlrec_logger_context, start_env_steps, 40);
RLREC_ABI_SIZE(rlrec_logger_vtable, 48);

RLREC_ABI_SIZE(rlrec_host, 40);
RLREC_ABI_OFFSET(rlrec_host, get_extension, 32);
RLREC_ABI_SIZE(rlrec_plugin_desc, 48);
RLREC_ABI_OFFSET(rlrec_plugin_desc, params, 40);
RLREC_ABI_SIZE(rlrec_plugin_factory, 40);
RLREC_ABI_OFFSET(rlrec_plugin_factory, create_logger, 32);
RLREC_ABI_SIZE(rlrec_plugin_entry, 40);
RLREC_ABI_OFFSET(rlrec_plugin_entry, factory_get, 32);
#endif

#endif /* RLREC_ABI_CHECK_H */
