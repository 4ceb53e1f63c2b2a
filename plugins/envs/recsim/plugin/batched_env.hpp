// plugin/batched_env.hpp — one rlrec env instance (rlrec/env.h) running num_envs sub-envs of a
// RecSim model. The model simulates; this class does everything the ABI asks around it: the
// spec, the life cycle (reset before step; after the end the host resets), validation before any
// state changes, truncation at the env's natural limit, writing observations as copies into the
// host's buffers, and the rlrec.env.choice_model/1 extension.
//
// A Model provides:
//   uint32_t num_envs() const;
//   void reset(uint32_t b, uint64_t seed);
//   StepResult step(uint32_t b, const int32_t *slate, float *response, float *info);
//   void write_candidates(uint32_t b, float *out) const;
//   void choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const;
//   void write_user(uint32_t b, float *out) const;   -- only when the user is observed
#pragma once

#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <cstring>
#include <memory>
#include <rlrec_support/boundary.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "batch_checks.hpp"
#include "rlrec_recsim/env_common.hpp"

namespace rlrec_recsim::plugin {

// What the adapter needs to know about an environment beyond its model.
struct EnvDescription {
  std::vector<rlrec_field> obs_fields;     // in order: ["user",] "candidates", "response"
  std::vector<rlrec_field> info_channels;  // in the model's info order
  std::vector<float> info_at_reset;        // [info_channels]: what reset reports
  uint32_t num_candidates = 0;
  uint32_t slate_size = 0;
  bool allow_duplicates = false;
  uint32_t max_episode_steps = 0;  // the env truncates after this many steps; 0 = never
  rlrec_choice_kind choice_kind = RLREC_CHOICE_CONDITIONAL;
};

template <class Model>
class BatchedEnv {
 public:
  static constexpr bool kHasUser = requires(const Model &m, float *out) { m.write_user(0u, out); };

  BatchedEnv(Model model, EnvDescription description)
      : model_(std::move(model)),
        d_(std::move(description)),
        num_envs_(model_.num_envs()),
        status_(num_envs_, kNever),
        steps_(num_envs_, 0),
        mark_(num_envs_, 0) {
    // The layout write_obs relies on; a description that disagrees is a bug in this library.
    if (d_.obs_fields.size() != kResponse + 1 || d_.info_at_reset.size() != d_.info_channels.size()) {
      throw std::logic_error("recsim: the env description does not match its model's observation layout");
    }
    for (const rlrec_field &field : d_.obs_fields) stride_.push_back(rlrec_space_numel(&field.space));
    spec_.struct_size = sizeof spec_;
    spec_.num_envs = num_envs_;
    spec_.num_obs_fields = static_cast<uint32_t>(d_.obs_fields.size());
    spec_.num_info_channels = static_cast<uint32_t>(d_.info_channels.size());
    spec_.obs_fields = d_.obs_fields.data();
    spec_.info_channels = d_.info_channels.data();
    rlrec_space &action = spec_.action_space;  // MULTI_DISCRETE [slate] over N candidates
    action.kind = RLREC_SPACE_MULTI_DISCRETE;
    action.dtype = RLREC_DTYPE_I32;
    action.rank = 1;
    action.shape[0] = d_.slate_size;
    action.low = 0.0;
    action.high = static_cast<double>(d_.num_candidates) - 1.0;
    action.n = d_.num_candidates;
    spec_.allow_duplicates = d_.allow_duplicates ? 1u : 0u;
    spec_.max_episode_steps = d_.max_episode_steps;
    choice_ext_ = {sizeof(rlrec_env_choice_model), static_cast<uint32_t>(d_.choice_kind), query};
  }

  // The ABI's {vtable, handle}; the handle owns the instance until destroy.
  static rlrec_env into_abi(std::unique_ptr<BatchedEnv> env) {
    static const rlrec_env_vtable vtable = {
        sizeof(rlrec_env_vtable), spec_of, reset_abi, step_abi, get_extension, last_error, destroy};
    return rlrec_env{&vtable, env.release()};
  }

 private:
  enum : uint8_t { kNever = 0, kRunning = 1, kEnded = 2 };
  static constexpr uint32_t kCandidates = kHasUser ? 1 : 0;  // obs field indices
  static constexpr uint32_t kResponse = kCandidates + 1;

  float *row(const rlrec_env_output *out, uint32_t field, uint32_t r) const {
    return static_cast<float *>(out->obs[field].data) + static_cast<size_t>(r) * stride_[field];
  }

  // The observation of sub-env b into row r: copies, never views of the model's state.
  void write_obs(uint32_t b, uint32_t r, const rlrec_env_output *out) const {
    if constexpr (kHasUser) model_.write_user(b, row(out, 0, r));
    model_.write_candidates(b, row(out, kCandidates, r));
  }

  void reset(uint32_t count, const uint32_t *ids, const uint64_t *seeds, rlrec_env_output *out) {
    check_reset_ids(count, ids, seeds, num_envs_, mark_);
    check_output(out, count, d_.obs_fields, false, "reset");
    const size_t num_info = d_.info_channels.size();
    for (uint32_t r = 0; r < count; ++r) {
      const uint32_t b = ids[r];
      model_.reset(b, seeds[r]);
      status_[b] = kRunning;
      steps_[b] = 0;
      write_obs(b, r, out);
      std::memset(row(out, kResponse, r), 0, sizeof(float) * stride_[kResponse]);  // nothing shown yet
      if (out->info != nullptr) {
        std::memcpy(out->info + r * num_info, d_.info_at_reset.data(), sizeof(float) * num_info);
      }
      if (out->reward != nullptr) out->reward[r] = 0.0f;
      if (out->terminated != nullptr) out->terminated[r] = 0;
      if (out->truncated != nullptr) out->truncated[r] = 0;
    }
  }

  void step(const rlrec_tensor *actions, rlrec_env_output *out) {
    const int32_t *slates = check_actions(actions, num_envs_, d_.slate_size);
    check_output(out, num_envs_, d_.obs_fields, true, "step");
    for (uint32_t b = 0; b < num_envs_; ++b) {
      if (status_[b] == kNever) {
        rlrec_support::fail(RLREC_ERR_STATE, "step: sub-env " + std::to_string(b) + " was never reset");
      }
      if (status_[b] == kEnded) {
        rlrec_support::fail(RLREC_ERR_STATE, "step: sub-env " + std::to_string(b) + " ended after step " +
                                                 std::to_string(steps_[b]) + " and was not reset since");
      }
    }
    check_slates(slates, num_envs_, d_.slate_size, d_.num_candidates, d_.allow_duplicates);

    const size_t num_info = d_.info_channels.size();
    for (uint32_t b = 0; b < num_envs_; ++b) {
      float *info = out->info != nullptr ? out->info + b * num_info : nullptr;
      const StepResult result =
          model_.step(b, slates + static_cast<size_t>(b) * d_.slate_size, row(out, kResponse, b), info);
      ++steps_[b];
      const bool truncated = !result.terminated && d_.max_episode_steps != 0 && steps_[b] >= d_.max_episode_steps;
      if (result.terminated || truncated) status_[b] = kEnded;
      out->reward[b] = static_cast<float>(result.reward);
      out->terminated[b] = result.terminated ? 1 : 0;
      out->truncated[b] = truncated ? 1 : 0;
      write_obs(b, b, out);
    }
  }

  void query_choice(float *scores, float *no_click, float *reward_if_chosen) const {
    if (scores == nullptr) {
      rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "choice_model.query: scores is NULL");
    }
    for (uint32_t b = 0; b < num_envs_; ++b) {
      if (status_[b] == kNever) {
        rlrec_support::fail(RLREC_ERR_STATE, "choice_model.query: sub-env " + std::to_string(b) + " was never reset");
      }
    }
    const size_t n = d_.num_candidates;
    for (uint32_t b = 0; b < num_envs_; ++b) {
      model_.choice(b, scores + b * n, no_click != nullptr ? no_click + b : nullptr,
                    reward_if_chosen != nullptr ? reward_if_chosen + b * n : nullptr);
    }
  }

  static BatchedEnv *self(void *handle) { return static_cast<BatchedEnv *>(handle); }

  static const rlrec_env_spec *spec_of(void *handle) { return &self(handle)->spec_; }

  static rlrec_status reset_abi(void *handle, uint32_t count, const uint32_t *ids, const uint64_t *seeds,
                                rlrec_env_output *out) {
    return rlrec_support::guard(self(handle)->error_, [&] { self(handle)->reset(count, ids, seeds, out); });
  }

  static rlrec_status step_abi(void *handle, const rlrec_tensor *actions, rlrec_env_output *out) {
    return rlrec_support::guard(self(handle)->error_, [&] { self(handle)->step(actions, out); });
  }

  static rlrec_status query(void *handle, float *scores, float *no_click, float *reward_if_chosen) {
    return rlrec_support::guard(self(handle)->error_,
                                [&] { self(handle)->query_choice(scores, no_click, reward_if_chosen); });
  }

  static const void *get_extension(void *handle, const char *id) {
    if (id != nullptr && std::strcmp(id, RLREC_EXT_ENV_CHOICE_MODEL) == 0) return &self(handle)->choice_ext_;
    return nullptr;  // unknown id: unsupported, never an error
  }

  static const char *last_error(void *handle) { return self(handle)->error_.c_str(); }

  static void destroy(void *handle) { delete self(handle); }

  Model model_;
  EnvDescription d_;
  uint32_t num_envs_;
  std::vector<int64_t> stride_;  // [obs fields] floats per row
  std::vector<uint8_t> status_;  // [B] kNever / kRunning / kEnded
  std::vector<uint32_t> steps_;  // [B] steps taken in the current episode
  std::vector<uint8_t> mark_;    // [B] scratch of check_reset_ids
  rlrec_env_spec spec_{};
  rlrec_env_choice_model choice_ext_{};
  std::string error_;
};

}  // namespace rlrec_recsim::plugin
