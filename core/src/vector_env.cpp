#include "vector_env.hpp"

#include <cmath>
#include <limits>

#include "errors.hpp"

namespace rlrec::core {

ActBuffers::ActBuffers(uint32_t rows, uint32_t slate)
    : slate_size(slate),
      slates(static_cast<std::size_t>(rows) * slate),
      slate_prob(rows),
      slot_propensity(static_cast<std::size_t>(rows) * slate),
      scores(static_cast<std::size_t>(rows) * slate) {}

rlrec_act_output ActBuffers::slice(uint32_t start, uint32_t count) {
  const std::size_t at = static_cast<std::size_t>(start) * slate_size;
  rlrec_act_output out{};
  out.struct_size = sizeof out;
  out.rows = count;
  out.slates = slates.data() + at;
  out.slate_prob = slate_prob.data() + start;
  out.slot_propensity = slot_propensity.data() + at;
  out.scores = scores.data() + at;
  return out;
}

rlrec_transition_batch transition_batch(const ObsBuffers &obs, const ActBuffers &act, const EnvOutputBuffers &out,
                                        const uint64_t *episode_id, const uint32_t *step_index) {
  rlrec_transition_batch batch{};
  batch.struct_size = sizeof batch;
  batch.rows = obs.rows();
  batch.obs = obs.tensors();
  batch.actions = act.slates.data();
  batch.slate_prob = act.slate_prob.data();
  batch.reward = out.reward.data();
  batch.terminated = out.terminated.data();
  batch.truncated = out.truncated.data();
  batch.next_obs = out.obs.tensors();
  batch.info = out.num_info ? out.info.data() : nullptr;
  batch.episode_id = episode_id;
  batch.step_index = step_index;
  batch.slot_propensity = act.slot_propensity.data();
  return batch;
}

VectorEnv::VectorEnv(const PluginRef &plugin, const ParamValues &params, uint32_t num_envs, uint32_t workers)
    : num_envs_(num_envs), pool_(workers) {
  label_ = plugin.label();
  shards_.resize(workers);
  shard_of_row_.resize(num_envs);
  uint32_t offset = 0;
  for (uint32_t s = 0; s < workers; ++s) {
    Shard &shard = shards_[s];
    // Rows are split as evenly as possible; the first `num_envs % workers` shards get one more.
    shard.size = num_envs / workers + (s < num_envs % workers ? 1 : 0);
    shard.offset = offset;
    offset += shard.size;
    shard.env = EnvInstance::create(plugin, params, shard.size);
    for (uint32_t r = 0; r < shard.size; ++r) shard_of_row_[shard.offset + r] = static_cast<int32_t>(s);
  }
  const rlrec_env_spec &first = shards_[0].env.spec();
  const rlrec_space &action = first.action_space;
  if (action.kind != RLREC_SPACE_MULTI_DISCRETE || action.rank != 1 || action.shape[0] < 1 || action.n < 1 ||
      action.dtype != RLREC_DTYPE_I32) {
    throw PluginCallError(RLREC_ERR_RUNTIME,
                          label_ + ": the action space must be MULTI_DISCRETE I32 [slate] with n candidates");
  }
  if (!first.allow_duplicates && action.shape[0] > action.n) {
    throw PluginCallError(RLREC_ERR_RUNTIME, label_ + ": slate size " + std::to_string(action.shape[0]) +
                                                 " exceeds the " + std::to_string(action.n) +
                                                 " candidates and duplicates are not allowed");
  }
  slate_size_ = static_cast<uint32_t>(action.shape[0]);
  spec_ = first;
  spec_.num_envs = num_envs;
  fields_ = obs_fields_of(first);
  for (Shard &shard : shards_) {
    shard.reset_out = EnvOutputBuffers(first, shard.size);
    shard.tensors.resize(fields_.size());
  }
}

void VectorEnv::reset(const std::vector<uint32_t> &rows, const std::vector<uint64_t> &seeds, ObsBuffers &obs) {
  for (Shard &shard : shards_) {
    shard.reset_ids.clear();
    shard.reset_seeds.clear();
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Shard &shard = shards_[shard_of_row_[rows[i]]];
    shard.reset_ids.push_back(rows[i] - shard.offset);
    shard.reset_seeds.push_back(seeds[i]);
  }
  pool_.run([&](uint32_t s) {
    Shard &shard = shards_[s];
    const auto count = static_cast<uint32_t>(shard.reset_ids.size());
    if (count == 0) return;
    rlrec_env_output out = shard.reset_out.view(count);
    shard.env.reset(count, shard.reset_ids.data(), shard.reset_seeds.data(), out);
    for (uint32_t r = 0; r < count; ++r) obs.copy_row(shard.offset + shard.reset_ids[r], shard.reset_out.obs, r);
  });
}

void VectorEnv::step(const int32_t *actions, EnvOutputBuffers &out) {
  pool_.run([&](uint32_t s) {
    Shard &shard = shards_[s];
    rlrec_tensor action_tensor{};
    action_tensor.data = const_cast<int32_t *>(actions + static_cast<std::size_t>(shard.offset) * slate_size_);
    action_tensor.dtype = RLREC_DTYPE_I32;
    action_tensor.rank = 2;
    action_tensor.shape[0] = shard.size;
    action_tensor.shape[1] = slate_size_;
    rlrec_env_output view = out.slice(shard.offset, shard.size, shard.tensors.data());
    shard.env.step(action_tensor, view);
  });
}

void VectorEnv::act(PolicyInstance &policy, rlrec_act_mode mode, const ObsBuffers &obs, const uint8_t *episode_start,
                    ActBuffers &out) {
  std::fill(out.slot_propensity.begin(), out.slot_propensity.end(), std::numeric_limits<float>::quiet_NaN());
  std::fill(out.scores.begin(), out.scores.end(), std::numeric_limits<float>::quiet_NaN());
  for (Shard &shard : shards_) {
    obs.slice(shard.offset, shard.size, shard.tensors.data());
    rlrec_act_input in{};
    in.struct_size = sizeof in;
    in.rows = shard.size;
    in.mode = mode;
    in.obs = shard.tensors.data();
    in.episode_start = episode_start ? episode_start + shard.offset : nullptr;
    in.env = &shard.env.raw();
    rlrec_act_output slice = out.slice(shard.offset, shard.size);
    policy.act(in, slice);
  }
  check_slates(policy, spec_, num_envs_, out.slice(0, num_envs_));
}

void check_slates(const PolicyInstance &policy, const rlrec_env_spec &spec, uint32_t rows,
                  const rlrec_act_output &out) {
  const int64_t n = spec.action_space.n;
  const auto slate_size = static_cast<uint32_t>(spec.action_space.shape[0]);
  for (uint32_t r = 0; r < rows; ++r) {
    const int32_t *slate = out.slates + static_cast<std::size_t>(r) * slate_size;
    for (uint32_t l = 0; l < slate_size; ++l) {
      bool ok = slate[l] >= 0 && slate[l] < n;
      for (uint32_t m = 0; ok && !spec.allow_duplicates && m < l; ++m) ok = slate[m] != slate[l];
      if (!ok) {
        throw PluginCallError(RLREC_ERR_RUNTIME, policy.plugin().label() + ": act returned an invalid slate for row " +
                                                     std::to_string(r) + ": slot " + std::to_string(l) + " = " +
                                                     std::to_string(slate[l]) + " (candidates 0.." +
                                                     std::to_string(n - 1) +
                                                     (spec.allow_duplicates ? ")" : ", distinct)"));
      }
    }
    const float p = out.slate_prob[r];
    if (!(p > 0.0f && p <= 1.0f)) {
      throw PluginCallError(RLREC_ERR_RUNTIME, policy.plugin().label() + ": act returned slate probability " +
                                                   std::to_string(p) + " for row " + std::to_string(r) +
                                                   " (must be in (0, 1])");
    }
  }
}

}  // namespace rlrec::core
