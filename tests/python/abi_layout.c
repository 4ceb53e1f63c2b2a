/* abi_layout.c — prints the size and every member offset of every rlrec ABI struct, as the C
 * compiler lays them out, as JSON. tests/python/test_layout.py compares the ctypes declarations
 * of the Python package (hosts/python/rlrec/_abi.py) with this output, so the numbers come from
 * the headers themselves, never from a hand-written table. */
#include <rlrec/engine.h>
#include <rlrec/ext/choice_model.h>
#include <rlrec/ext/slate_probability.h>
#include <rlrec/plugin.h>

#include <stddef.h>
#include <stdio.h>

static int first_struct = 1;
static int first_member = 1;

static void begin(const char *name, size_t size) {
  printf("%s\n  \"%s\": {\"size\": %zu, \"members\": [", first_struct ? "{" : ",", name, size);
  first_struct = 0;
  first_member = 1;
}

static void member(const char *name, size_t offset, size_t size) {
  printf("%s\n    [\"%s\", %zu, %zu]", first_member ? "" : ",", name, offset, size);
  first_member = 0;
}

static void end(void) { printf("]}"); }

#define BEGIN(type) begin(#type, sizeof(type))
#define M(type, name) member(#name, offsetof(type, name), sizeof(((type *)0)->name))

int main(void) {
  BEGIN(rlrec_tensor); M(rlrec_tensor, data); M(rlrec_tensor, dtype); M(rlrec_tensor, rank);
  M(rlrec_tensor, shape); end();
  BEGIN(rlrec_space); M(rlrec_space, kind); M(rlrec_space, dtype); M(rlrec_space, rank);
  M(rlrec_space, reserved0); M(rlrec_space, shape); M(rlrec_space, low); M(rlrec_space, high);
  M(rlrec_space, n); end();
  BEGIN(rlrec_field); M(rlrec_field, name); M(rlrec_field, doc); M(rlrec_field, space); end();
  BEGIN(rlrec_metric); M(rlrec_metric, name); M(rlrec_metric, value); end();
  BEGIN(rlrec_param_def); M(rlrec_param_def, name); M(rlrec_param_def, type);
  M(rlrec_param_def, flags); M(rlrec_param_def, default_yaml); M(rlrec_param_def, min);
  M(rlrec_param_def, max); M(rlrec_param_def, choices); M(rlrec_param_def, doc);
  M(rlrec_param_def, max_count); M(rlrec_param_def, reserved0); end();
  BEGIN(rlrec_value); M(rlrec_value, type); M(rlrec_value, count); M(rlrec_value, i);
  M(rlrec_value, f); M(rlrec_value, s); M(rlrec_value, il); M(rlrec_value, fl); end();
  BEGIN(rlrec_env_spec); M(rlrec_env_spec, struct_size); M(rlrec_env_spec, num_envs);
  M(rlrec_env_spec, num_obs_fields); M(rlrec_env_spec, num_info_channels);
  M(rlrec_env_spec, obs_fields); M(rlrec_env_spec, info_channels); M(rlrec_env_spec, action_space);
  M(rlrec_env_spec, allow_duplicates); M(rlrec_env_spec, max_episode_steps); end();
  BEGIN(rlrec_env_output); M(rlrec_env_output, struct_size); M(rlrec_env_output, rows);
  M(rlrec_env_output, obs); M(rlrec_env_output, reward); M(rlrec_env_output, terminated);
  M(rlrec_env_output, truncated); M(rlrec_env_output, info); end();
  BEGIN(rlrec_env_vtable); M(rlrec_env_vtable, struct_size); M(rlrec_env_vtable, spec);
  M(rlrec_env_vtable, reset); M(rlrec_env_vtable, step); M(rlrec_env_vtable, get_extension);
  M(rlrec_env_vtable, last_error); M(rlrec_env_vtable, destroy); end();
  BEGIN(rlrec_env); M(rlrec_env, vtable); M(rlrec_env, handle); end();
  BEGIN(rlrec_act_input); M(rlrec_act_input, struct_size); M(rlrec_act_input, rows);
  M(rlrec_act_input, mode); M(rlrec_act_input, reserved0); M(rlrec_act_input, obs);
  M(rlrec_act_input, episode_start); M(rlrec_act_input, env); end();
  BEGIN(rlrec_act_output); M(rlrec_act_output, struct_size); M(rlrec_act_output, rows);
  M(rlrec_act_output, slates); M(rlrec_act_output, slate_prob);
  M(rlrec_act_output, slot_propensity); M(rlrec_act_output, scores); end();
  BEGIN(rlrec_transition_batch); M(rlrec_transition_batch, struct_size);
  M(rlrec_transition_batch, rows); M(rlrec_transition_batch, obs);
  M(rlrec_transition_batch, actions); M(rlrec_transition_batch, slate_prob);
  M(rlrec_transition_batch, reward); M(rlrec_transition_batch, terminated);
  M(rlrec_transition_batch, truncated); M(rlrec_transition_batch, next_obs);
  M(rlrec_transition_batch, info); M(rlrec_transition_batch, episode_id);
  M(rlrec_transition_batch, step_index); M(rlrec_transition_batch, slot_propensity); end();
  BEGIN(rlrec_policy_info); M(rlrec_policy_info, struct_size); M(rlrec_policy_info, flags); end();
  BEGIN(rlrec_byte_sink); M(rlrec_byte_sink, ctx); M(rlrec_byte_sink, write); end();
  BEGIN(rlrec_policy_vtable); M(rlrec_policy_vtable, struct_size); M(rlrec_policy_vtable, info);
  M(rlrec_policy_vtable, act); M(rlrec_policy_vtable, learn); M(rlrec_policy_vtable, save);
  M(rlrec_policy_vtable, load); M(rlrec_policy_vtable, get_extension);
  M(rlrec_policy_vtable, last_error); M(rlrec_policy_vtable, destroy); end();
  BEGIN(rlrec_policy); M(rlrec_policy, vtable); M(rlrec_policy, handle); end();
  BEGIN(rlrec_logger_context); M(rlrec_logger_context, struct_size);
  M(rlrec_logger_context, reserved0); M(rlrec_logger_context, run_dir);
  M(rlrec_logger_context, run_name); M(rlrec_logger_context, total_env_steps);
  M(rlrec_logger_context, env); M(rlrec_logger_context, start_env_steps); end();
  BEGIN(rlrec_logger_vtable); M(rlrec_logger_vtable, struct_size);
  M(rlrec_logger_vtable, log_metrics); M(rlrec_logger_vtable, log_transitions);
  M(rlrec_logger_vtable, flush); M(rlrec_logger_vtable, last_error); M(rlrec_logger_vtable, destroy);
  end();
  BEGIN(rlrec_logger); M(rlrec_logger, vtable); M(rlrec_logger, handle); end();
  BEGIN(rlrec_host); M(rlrec_host, struct_size); M(rlrec_host, abi_version);
  M(rlrec_host, host_data); M(rlrec_host, name); M(rlrec_host, log); M(rlrec_host, get_extension);
  end();
  BEGIN(rlrec_plugin_desc); M(rlrec_plugin_desc, struct_size); M(rlrec_plugin_desc, kind);
  M(rlrec_plugin_desc, id); M(rlrec_plugin_desc, version); M(rlrec_plugin_desc, doc);
  M(rlrec_plugin_desc, num_params); M(rlrec_plugin_desc, reserved0); M(rlrec_plugin_desc, params);
  end();
  BEGIN(rlrec_plugin_factory); M(rlrec_plugin_factory, struct_size);
  M(rlrec_plugin_factory, reserved0); M(rlrec_plugin_factory, desc);
  M(rlrec_plugin_factory, create_env); M(rlrec_plugin_factory, create_policy);
  M(rlrec_plugin_factory, create_logger); end();
  BEGIN(rlrec_plugin_entry); M(rlrec_plugin_entry, struct_size); M(rlrec_plugin_entry, abi_version);
  M(rlrec_plugin_entry, init); M(rlrec_plugin_entry, deinit); M(rlrec_plugin_entry, factory_count);
  M(rlrec_plugin_entry, factory_get); end();
  BEGIN(rlrec_env_choice_model); M(rlrec_env_choice_model, struct_size);
  M(rlrec_env_choice_model, kind); M(rlrec_env_choice_model, query); end();
  BEGIN(rlrec_policy_slate_probability); M(rlrec_policy_slate_probability, struct_size);
  M(rlrec_policy_slate_probability, reserved0); M(rlrec_policy_slate_probability, score); end();
  BEGIN(rlrec_eval_result); M(rlrec_eval_result, struct_size); M(rlrec_eval_result, reserved0);
  M(rlrec_eval_result, episodes); M(rlrec_eval_result, episode_return_mean);
  M(rlrec_eval_result, episode_return_std); M(rlrec_eval_result, episode_length_mean);
  M(rlrec_eval_result, env_steps); end();
  printf("\n}\n");
  return 0;
}
