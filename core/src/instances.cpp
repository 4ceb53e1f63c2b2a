#include "instances.hpp"

#include "errors.hpp"
#include "host_services.hpp"

namespace rlrec::core {
namespace {

// Every call into a plugin goes through here: a C++ exception that escapes a plugin (a bug: the
// ABI forbids it) becomes an error naming the plugin instead of terminating the engine.
template <class Call>
auto call_plugin(const PluginRef &ref, const char *what, Call &&call) {
  try {
    return call();
  } catch (...) {
    throw PluginCallError(RLREC_ERR_RUNTIME, ref.label() + ": " + what +
                                                 " threw a C++ exception across the C ABI" +
                                                 escaped_exception_text());
  }
}

std::string create_failure(const PluginRef &ref, rlrec_status status, const char *err) {
  return ref.label() + ": create failed (status " + std::to_string(status) + ")" +
         (err[0] ? std::string(": ") + err : std::string());
}

template <class Instance>
void check_vtable(const PluginRef &ref, const Instance &instance) {
  if (instance.vtable == nullptr || instance.handle == nullptr || instance.vtable->destroy == nullptr ||
      instance.vtable->last_error == nullptr) {
    throw PluginCallError(RLREC_ERR_RUNTIME, ref.label() + ": create returned an incomplete instance");
  }
}

}  // namespace

template <class Instance>
void InstanceOwner<Instance>::check(rlrec_status status, const char *what) const {
  if (status == RLREC_OK) return;
  const char *message = instance_.vtable->last_error(instance_.handle);
  throw PluginCallError(status, ref_.label() + ": " + what + " failed (status " +
                                    std::to_string(status) + ")" +
                                    (message && message[0] ? std::string(": ") + message : std::string()));
}

template class InstanceOwner<rlrec_env>;
template class InstanceOwner<rlrec_policy>;
template class InstanceOwner<rlrec_logger>;

EnvInstance EnvInstance::create(const PluginRef &plugin, const ParamValues &params, uint32_t num_envs) {
  EnvInstance out;
  out.ref_ = plugin;
  char err[1024] = {0};
  rlrec_status status = call_plugin(plugin, "create", [&] {
    return plugin.factory->create_env(host_services(), params.data(), num_envs, &out.instance_, err, sizeof err);
  });
  if (status != RLREC_OK) {
    out.instance_ = {};
    throw PluginCallError(status, create_failure(plugin, status, err));
  }
  check_vtable(plugin, out.instance_);
  out.spec_ = out.instance_.vtable->spec(out.instance_.handle);
  const rlrec_env_spec *spec = out.spec_;
  if (spec == nullptr || !RLREC_HAS_MEMBER(rlrec_env_spec, spec, max_episode_steps) ||
      spec->num_envs != num_envs || spec->action_space.kind != RLREC_SPACE_MULTI_DISCRETE ||
      spec->action_space.rank != 1 || spec->action_space.shape[0] < 1 ||
      spec->action_space.n < spec->action_space.shape[0] ||
      (spec->num_obs_fields > 0 && spec->obs_fields == nullptr)) {
    throw PluginCallError(RLREC_ERR_RUNTIME,
                          plugin.label() + ": invalid env spec (num_envs must equal the requested " +
                              std::to_string(num_envs) +
                              "; the action space must be MULTI_DISCRETE [slate] with n >= slate)");
  }
  return out;
}

void EnvInstance::reset(uint32_t count, const uint32_t *ids, const uint64_t *seeds, rlrec_env_output &out) {
  check(call_plugin(ref_, "reset", [&] { return instance_.vtable->reset(instance_.handle, count, ids, seeds, &out); }),
        "reset");
}

void EnvInstance::step(const rlrec_tensor &actions, rlrec_env_output &out) {
  check(call_plugin(ref_, "step", [&] { return instance_.vtable->step(instance_.handle, &actions, &out); }), "step");
}

PolicyInstance PolicyInstance::create(const PluginRef &plugin, const ParamValues &params,
                                      const rlrec_env_spec &env_spec, uint64_t seed) {
  PolicyInstance out;
  out.ref_ = plugin;
  char err[1024] = {0};
  rlrec_status status = call_plugin(plugin, "create", [&] {
    return plugin.factory->create_policy(host_services(), params.data(), &env_spec, seed, &out.instance_, err,
                                         sizeof err);
  });
  if (status != RLREC_OK) {
    out.instance_ = {};
    throw PluginCallError(status, create_failure(plugin, status, err));
  }
  check_vtable(plugin, out.instance_);
  out.info_ = out.instance_.vtable->info(out.instance_.handle);
  if (out.info_ == nullptr || (out.learns() && out.instance_.vtable->learn == nullptr)) {
    throw PluginCallError(RLREC_ERR_RUNTIME, plugin.label() + ": invalid policy info (LEARNS without learn?)");
  }
  const rlrec_policy_vtable *vtable = out.instance_.vtable;
  if (vtable->get_extension != nullptr) {
    const auto *ext = static_cast<const rlrec_policy_slate_probability *>(call_plugin(
        plugin, "get_extension", [&] { return vtable->get_extension(out.instance_.handle, RLREC_EXT_POLICY_SLATE_PROBABILITY); }));
    // A table too short to hold `score` is as good as none.
    if (ext != nullptr && RLREC_HAS_MEMBER(rlrec_policy_slate_probability, ext, score) && ext->score != nullptr)
      out.slate_probability_ = ext;
  }
  return out;
}

void PolicyInstance::score_slates(const rlrec_act_input &in, const int32_t *slates, double *slate_prob,
                                  double *slot_prob, double *item_prob) {
  check(call_plugin(ref_, "slate_probability.score",
                    [&] {
                      return slate_probability_->score(instance_.handle, &in, slates, slate_prob, slot_prob,
                                                       item_prob);
                    }),
        "slate_probability.score");
}

void PolicyInstance::act(const rlrec_act_input &in, rlrec_act_output &out) {
  check(call_plugin(ref_, "act", [&] { return instance_.vtable->act(instance_.handle, &in, &out); }), "act");
}

std::vector<rlrec_metric> PolicyInstance::learn(const rlrec_transition_batch &batch) {
  uint32_t count = 0;
  const rlrec_metric *metrics = nullptr;
  check(call_plugin(ref_, "learn",
                    [&] { return instance_.vtable->learn(instance_.handle, &batch, &count, &metrics); }),
        "learn");
  if (count == 0 || metrics == nullptr) return {};
  return std::vector<rlrec_metric>(metrics, metrics + count);
}

std::vector<uint8_t> PolicyInstance::save() const {
  std::vector<uint8_t> bytes;
  rlrec_byte_sink sink{&bytes, [](void *ctx, const void *data, size_t size) -> rlrec_status {
                         auto *out = static_cast<std::vector<uint8_t> *>(ctx);
                         const auto *begin = static_cast<const uint8_t *>(data);
                         out->insert(out->end(), begin, begin + size);
                         return RLREC_OK;
                       }};
  check(call_plugin(ref_, "save", [&] { return instance_.vtable->save(instance_.handle, &sink); }), "save");
  return bytes;
}

void PolicyInstance::load(const std::vector<uint8_t> &bytes) {
  check(call_plugin(ref_, "load",
                    [&] { return instance_.vtable->load(instance_.handle, bytes.data(), bytes.size()); }),
        "load");
}

LoggerInstance LoggerInstance::create(const PluginRef &plugin, const ParamValues &params,
                                      const rlrec_logger_context &context) {
  LoggerInstance out;
  out.ref_ = plugin;
  char err[1024] = {0};
  rlrec_status status = call_plugin(plugin, "create", [&] {
    return plugin.factory->create_logger(host_services(), params.data(), &context, &out.instance_, err, sizeof err);
  });
  if (status != RLREC_OK) {
    out.instance_ = {};
    throw PluginCallError(status, create_failure(plugin, status, err));
  }
  check_vtable(plugin, out.instance_);
  return out;
}

void LoggerInstance::log_metrics(uint64_t env_steps, const std::vector<rlrec_metric> &metrics) {
  check(call_plugin(ref_, "log_metrics",
                    [&] {
                      return instance_.vtable->log_metrics(instance_.handle, env_steps,
                                                           static_cast<uint32_t>(metrics.size()), metrics.data());
                    }),
        "log_metrics");
}

void LoggerInstance::log_transitions(const rlrec_transition_batch &batch, const rlrec_act_output &decisions) {
  check(call_plugin(ref_, "log_transitions",
                    [&] { return instance_.vtable->log_transitions(instance_.handle, &batch, &decisions); }),
        "log_transitions");
}

void LoggerInstance::flush() {
  if (instance_.vtable->flush == nullptr) return;
  check(call_plugin(ref_, "flush", [&] { return instance_.vtable->flush(instance_.handle); }), "flush");
}

}  // namespace rlrec::core
