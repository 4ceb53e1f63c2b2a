// harness.hpp — a minimal host for the bandit tests: creates env and policy instances from their
// factories through the C ABI (as the engine does), owns the batch buffers, and plays the
// act → step → learn loop while reading the env's info channels.
#pragma once

#include <rlrec/plugin.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "param_values.hpp"

namespace rlrec_bandit_test {

class Env {
 public:
  Env(const rlrec_plugin_factory &factory, const Overrides &params, uint32_t num_envs);
  ~Env();
  Env(const Env &) = delete;
  Env &operator=(const Env &) = delete;

  rlrec_env &raw() { return env_; }
  const rlrec_env_spec &spec() const { return *env_.vtable->spec(env_.handle); }
  uint32_t num_envs() const { return spec().num_envs; }
  uint32_t slate_size() const { return static_cast<uint32_t>(spec().action_space.shape[0]); }
  // Index of an info channel or an obs field by name; throws when absent.
  uint32_t info_index(const std::string &name) const;
  uint32_t field_index(const std::string &name) const;

 private:
  rlrec_env env_{};
};

class Policy {
 public:
  Policy(const rlrec_plugin_factory &factory, const Overrides &params, const rlrec_env_spec &spec, uint64_t seed);
  ~Policy();
  Policy(const Policy &) = delete;
  Policy &operator=(const Policy &) = delete;

  rlrec_policy &raw() { return policy_; }
  std::vector<unsigned char> save();
  rlrec_status load(const std::vector<unsigned char> &state);
  std::string last_error() { return policy_.vtable->last_error(policy_.handle); }

 private:
  rlrec_policy policy_{};
};

// create_policy's status and message, for tests of refusals.
rlrec_status try_create_policy(const rlrec_plugin_factory &factory, const Overrides &params, const rlrec_env_spec &spec,
                               std::string &message);

// An env spec made by hand: candidates [4, 2] (unless dropped), an optional mask [4], slate 2.
struct HandSpec {
  explicit HandSpec(bool with_candidates, bool with_mask) {
    rlrec_space box{};
    box.kind = RLREC_SPACE_BOX;
    box.dtype = RLREC_DTYPE_F32;
    box.rank = 2;
    box.shape[0] = 4;
    box.shape[1] = 2;
    box.low = -1;
    box.high = 1;
    if (with_candidates) fields.push_back({"candidates", nullptr, box});
    if (with_mask) {
      box.rank = 1;
      box.shape[1] = 0;
      fields.push_back({"mask", nullptr, box});
    }
    spec.struct_size = sizeof spec;
    spec.num_envs = 1;
    spec.num_obs_fields = static_cast<uint32_t>(fields.size());
    spec.obs_fields = fields.data();
    spec.action_space.kind = RLREC_SPACE_MULTI_DISCRETE;
    spec.action_space.dtype = RLREC_DTYPE_I32;
    spec.action_space.rank = 1;
    spec.action_space.shape[0] = 2;
    spec.action_space.n = 4;
    spec.action_space.high = 3;
  }
  std::vector<rlrec_field> fields;
  rlrec_env_spec spec{};
};

// Host-owned env outputs for `rows` rows: one float tensor per obs field, reward, flags, info.
struct Buffers {
  Buffers(const rlrec_env_spec &spec, uint32_t rows);
  rlrec_env_output output();
  const float *field(uint32_t f, uint32_t row) const { return data[f].data() + row * row_size[f]; }
  float info_at(uint32_t row, uint32_t channel) const {
    return info[static_cast<std::size_t>(row) * channels + channel];
  }

  uint32_t rows;
  std::vector<std::vector<float>> data;  // [field][rows * row_size]
  std::vector<std::size_t> row_size;     // floats per row of each field
  std::vector<rlrec_tensor> tensors;
  std::vector<float> reward;
  std::vector<uint8_t> terminated;
  std::vector<uint8_t> truncated;
  std::vector<float> info;  // [rows, channels]
  uint32_t channels;
};

// Host-owned act outputs.
struct Decisions {
  Decisions(uint32_t rows, uint32_t slate);
  rlrec_act_output output();

  uint32_t rows;
  std::vector<int32_t> slates;
  std::vector<float> prob;
  std::vector<float> propensity;
  std::vector<float> scores;
};

// What one step of every sub-env returned besides observations.
struct StepOutputs {
  std::vector<float> reward;
  std::vector<uint8_t> ended;  // terminated or truncated
  std::vector<float> info;     // [rows, channels]
  uint32_t channels = 0;

  float info_at(uint32_t row, uint32_t channel) const {
    return info[static_cast<std::size_t>(row) * channels + channel];
  }
};

// The act → step → learn loop on every sub-env of `env`, with engine-like autoreset (reset seeds
// are seed, seed + 1, ... in the order sub-envs need them).
class Loop {
 public:
  Loop(Env &env, Policy &policy, uint64_t seed);

  // One step of every sub-env: act in `mode`, step, learn (when `learn`), reset ended sub-envs.
  const StepOutputs &step(rlrec_act_mode mode = RLREC_ACT_EXPLORE, bool learn = true);
  const Decisions &decisions() const { return decisions_; }
  // The metrics of the last learn call, by name.
  const std::map<std::string, double> &metrics() const { return metrics_; }

 private:
  void reset(const std::vector<uint32_t> &ids);

  Env &env_;
  Policy &policy_;
  uint64_t next_seed_;
  Buffers obs_;
  Buffers next_;
  Decisions decisions_;
  StepOutputs last_;
  std::map<std::string, double> metrics_;
  std::vector<uint64_t> episode_id_;
  std::vector<uint32_t> step_index_;
};

// Sum over sub-envs of the `regret` channel after each of `steps` steps (the policy explores and
// learns throughout): element t is the cumulative regret of t + 1 steps.
std::vector<double> cumulative_regret(Env &env, Policy &policy, uint32_t steps, uint64_t seed);

}  // namespace rlrec_bandit_test
