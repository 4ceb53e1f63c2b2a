// instances.hpp — owning C++ wrappers around env, policy and logger instances. Each checks the
// status of every call and turns a failure into PluginCallError with the plugin's id, library and
// last_error; each holds its library alive, so teardown runs instance -> deinit -> unload.
#pragma once

#include <rlrec/ext/slate_probability.h>
#include <rlrec/plugin.h>

#include <string>
#include <vector>

#include "param_values.hpp"
#include "plugin_library.hpp"

namespace rlrec::core {

// Base: the plugin reference, the instance handle and the destroy call.
template <class Instance>
class InstanceOwner {
 public:
  InstanceOwner() = default;
  InstanceOwner(const InstanceOwner &) = delete;
  InstanceOwner &operator=(const InstanceOwner &) = delete;
  InstanceOwner(InstanceOwner &&other) noexcept { *this = std::move(other); }
  InstanceOwner &operator=(InstanceOwner &&other) noexcept {
    if (this != &other) {
      release();
      ref_ = std::move(other.ref_);
      instance_ = other.instance_;
      other.instance_ = Instance{};
    }
    return *this;
  }
  ~InstanceOwner() { release(); }

  const PluginRef &plugin() const { return ref_; }
  const Instance &raw() const { return instance_; }
  explicit operator bool() const { return instance_.handle != nullptr; }

 protected:
  // Throws PluginCallError "<label>: <what> failed (status N): <last_error>" unless status is OK.
  void check(rlrec_status status, const char *what) const;

  PluginRef ref_;
  Instance instance_{};

 private:
  void release() noexcept {
    if (instance_.vtable != nullptr && instance_.handle != nullptr) instance_.vtable->destroy(instance_.handle);
    instance_ = Instance{};
  }
};

class EnvInstance : public InstanceOwner<rlrec_env> {
 public:
  static EnvInstance create(const PluginRef &plugin, const ParamValues &params, uint32_t num_envs);
  const rlrec_env_spec &spec() const { return *spec_; }
  void reset(uint32_t count, const uint32_t *ids, const uint64_t *seeds, rlrec_env_output &out);
  void step(const rlrec_tensor &actions, rlrec_env_output &out);

 private:
  const rlrec_env_spec *spec_ = nullptr;
};

class PolicyInstance : public InstanceOwner<rlrec_policy> {
 public:
  static PolicyInstance create(const PluginRef &plugin, const ParamValues &params,
                               const rlrec_env_spec &env_spec, uint64_t seed);
  bool learns() const { return (info_->flags & RLREC_POLICY_LEARNS) != 0; }
  bool keeps_episode_history() const { return (info_->flags & RLREC_POLICY_EPISODE_HISTORY) != 0; }
  void act(const rlrec_act_input &in, rlrec_act_output &out);
  // Returns the metrics the update reported (valid until the next call).
  std::vector<rlrec_metric> learn(const rlrec_transition_batch &batch);
  std::vector<uint8_t> save() const;
  void load(const std::vector<uint8_t> &bytes);
  // Whether the policy scores given slates (extension rlrec.policy.slate_probability/1), and the
  // scoring itself: arguments as rlrec_policy_slate_probability.score. REQUIRES scores_slates().
  bool scores_slates() const { return slate_probability_ != nullptr; }
  void score_slates(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
                    double *item_prob);

 private:
  const rlrec_policy_info *info_ = nullptr;
  const rlrec_policy_slate_probability *slate_probability_ = nullptr;
};

class LoggerInstance : public InstanceOwner<rlrec_logger> {
 public:
  static LoggerInstance create(const PluginRef &plugin, const ParamValues &params,
                               const rlrec_logger_context &context);
  bool takes_metrics() const { return instance_.vtable->log_metrics != nullptr; }
  bool takes_transitions() const { return instance_.vtable->log_transitions != nullptr; }
  void log_metrics(uint64_t env_steps, const std::vector<rlrec_metric> &metrics);
  void log_transitions(const rlrec_transition_batch &batch, const rlrec_act_output &decisions);
  void flush();
};

}  // namespace rlrec::core
