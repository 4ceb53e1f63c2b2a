// env_harness.hpp — drives a RecSim plugin through its C ABI, as the engine would, without
// loading a shared library: parameter values built from the plugin's own schema defaults (plus
// overrides), host-owned output buffers sized from the spec, reset/step, the choice extension.
#pragma once

#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <map>
#include <string>
#include <vector>

namespace recsim_test {

using Overrides = std::map<std::string, std::string>;

// One rlrec_value per schema entry, in schema order: the default parsed as the engine parses
// YAML scalars and flow lists, or the override of the same name (an unknown name throws).
class ParamValues {
 public:
  explicit ParamValues(const rlrec_plugin_desc &desc, const Overrides &overrides = {});
  const rlrec_value *data() const { return values_.data(); }

 private:
  std::vector<rlrec_value> values_;
  std::vector<std::vector<double>> lists_;  // storage of FLOAT_LIST items
  std::vector<std::string> texts_;          // storage of CHOICE texts
};

// Creates an env with the factory; on failure returns the status and the message.
rlrec_status try_create(const rlrec_plugin_factory &factory, uint32_t num_envs, const Overrides &overrides,
                        std::string *message);

class EnvHarness {
 public:
  // Creates the env (a failed create fails the test).
  EnvHarness(const rlrec_plugin_factory &factory, uint32_t num_envs, const Overrides &overrides = {});
  ~EnvHarness();
  EnvHarness(const EnvHarness &) = delete;
  EnvHarness &operator=(const EnvHarness &) = delete;

  // Output buffers of one call, host-owned: obs[field] is [rows, numel(field)].
  struct Output {
    std::vector<std::vector<float>> obs;
    std::vector<float> reward;
    std::vector<uint8_t> terminated;
    std::vector<uint8_t> truncated;
    std::vector<float> info;  // [rows, num_info]
  };

  const rlrec_env_spec &spec() const { return *spec_; }
  uint32_t num_envs() const { return spec_->num_envs; }
  uint32_t num_candidates() const { return static_cast<uint32_t>(spec_->action_space.n); }
  uint32_t slate_size() const { return static_cast<uint32_t>(spec_->action_space.shape[0]); }
  int field(const std::string &name) const;    // obs field index, -1 if absent
  int channel(const std::string &name) const;  // info channel index, -1 if absent
  int64_t numel(int field) const;

  rlrec_status reset(const std::vector<uint32_t> &ids, const std::vector<uint64_t> &seeds);
  rlrec_status step(const std::vector<int32_t> &actions);  // [num_envs * slate]
  std::string last_error() const;

  // Row r of obs field `name` in `out`.
  const float *obs(const Output &out, const std::string &name, uint32_t r) const;
  float info(const Output &out, const std::string &name, uint32_t r) const;

  const rlrec_env_choice_model *choice_model() const;
  const rlrec_env &env() const { return env_; }

  Output reset_out;  // of the last reset (rows = its count)
  Output step_out;   // of the last step (rows = num_envs)

 private:
  void size_output(Output &out, uint32_t rows) const;
  rlrec_env_output view(Output &out, uint32_t rows, std::vector<rlrec_tensor> &tensors) const;

  ParamValues params_;
  rlrec_env env_{};
  const rlrec_env_spec *spec_ = nullptr;
};

}  // namespace recsim_test
