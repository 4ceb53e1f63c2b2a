// engine_api.cpp — rlrec/engine.h: the C embedding API over rlrec::core::Engine. Every entry
// point catches everything (DESIGN.md §3 rule 1) and reports through a status and a message.
#define RLREC_BUILDING_ENGINE 1
#include <rlrec/engine.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <map>
#include <mutex>

#include "engine.hpp"
#include "errors.hpp"
#include "host_services.hpp"
#include "in_process_plugins.hpp"
#include "instances.hpp"
#include "plugin_registry.hpp"

struct rlrec_engine {
  std::unique_ptr<rlrec::core::Engine> engine;
  std::string last_error;
};

namespace {

using rlrec::core::current_exception_status;

void write_error(char *err, size_t capacity, const std::string &message) {
  if (err != nullptr && capacity > 0) std::snprintf(err, capacity, "%s", message.c_str());
}

void fill_result(const rlrec::core::EvalResult &from, rlrec_eval_result *to) {
  if (to == nullptr) return;
  // Only the fields the caller's struct has (struct_size growth, rlrec/version.h).
  rlrec_eval_result full{};
  full.struct_size = to->struct_size;
  full.episodes = from.episodes;
  full.episode_return_mean = from.episode_return_mean;
  full.episode_return_std = from.episode_return_std;
  full.episode_length_mean = from.episode_length_mean;
  full.env_steps = from.env_steps;
  const std::size_t size = to->struct_size < sizeof full ? to->struct_size : sizeof full;
  std::memcpy(to, &full, size);
}

template <class MakeDoc>
rlrec_status create(MakeDoc &&make_doc, const char *const *overrides, uint32_t num_overrides, rlrec_engine **out,
                    char *err, size_t err_capacity) {
  if (out == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create: out is NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  *out = nullptr;
  return to_status(err, err_capacity, [&] {
    rlrec::core::YamlDocument doc = make_doc();
    for (uint32_t i = 0; i < num_overrides; ++i) doc.apply_override(overrides[i]);
    auto engine = std::make_unique<rlrec_engine>();
    engine->engine = std::make_unique<rlrec::core::Engine>(std::move(doc));
    *out = engine.release();
  });
}

// Catches everything a body throws into (status, message in err).
template <class Body>
rlrec_status to_status(char *err, size_t err_capacity, Body &&body) noexcept {
  try {
    body();
    return RLREC_OK;
  } catch (...) {
    std::string message;
    const rlrec_status status = current_exception_status(message);
    write_error(err, err_capacity, message);
    return status;
  }
}

// Instances opened with rlrec_env_open / rlrec_policy_open, by handle: the owner keeps the
// plugin library loaded until the matching close. One registry serves every open call.
struct OpenInstances {
  std::mutex mutex;
  std::unique_ptr<rlrec::core::PluginRegistry> registry;
  std::map<void *, rlrec::core::EnvInstance> envs;
  std::map<void *, rlrec::core::PolicyInstance> policies;

  // The plugin and its params validated from YAML text. Call with `mutex` held.
  std::pair<rlrec::core::PluginRef, rlrec::core::ParamValues> resolve(const char *plugin, const char *params_yaml,
                                                                      uint32_t kind) {
    if (plugin == nullptr) throw rlrec::core::ConfigError("plugin is NULL");
    if (!registry) registry = std::make_unique<rlrec::core::PluginRegistry>();
    rlrec::core::PluginRef ref = registry->find(plugin, kind);
    const auto doc = rlrec::core::YamlDocument::from_string(params_yaml ? params_yaml : "{}", "<params>");
    const rlrec_plugin_desc &desc = ref.desc();
    rlrec::core::ParamValues params = rlrec::core::ParamValues::validate(
        std::span(desc.params, desc.num_params), doc.root(), doc, "params of " + ref.label());
    return {std::move(ref), std::move(params)};
  }
};

OpenInstances &open_instances() {
  static OpenInstances instances;
  return instances;
}

template <class Body>
rlrec_status run(rlrec_engine *engine, Body &&body) noexcept {
  if (engine == nullptr) return RLREC_ERR_INVALID_ARGUMENT;
  try {
    engine->last_error.clear();
    body();
    return RLREC_OK;
  } catch (...) {
    return current_exception_status(engine->last_error);
  }
}

}  // namespace

extern "C" {

RLREC_API const char *rlrec_version_string(void) { return RLREC_ENGINE_VERSION_STRING; }

RLREC_API uint32_t rlrec_abi_version(void) { return RLREC_ABI_VERSION; }

RLREC_API rlrec_status rlrec_engine_create(const char *config_path, const char *const *overrides,
                                           uint32_t num_overrides, rlrec_engine **out, char *err,
                                           size_t err_capacity) {
  if (config_path == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create: config_path is NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  return create([&] { return rlrec::core::YamlDocument::from_file(config_path); }, overrides, num_overrides, out,
                err, err_capacity);
}

RLREC_API rlrec_status rlrec_engine_create_from_string(const char *yaml_text, const char *source_name,
                                                       const char *const *overrides, uint32_t num_overrides,
                                                       rlrec_engine **out, char *err, size_t err_capacity) {
  if (yaml_text == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create_from_string: yaml_text is NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  return create(
      [&] { return rlrec::core::YamlDocument::from_string(yaml_text, source_name ? source_name : "<string>"); },
      overrides, num_overrides, out, err, err_capacity);
}

RLREC_API rlrec_status rlrec_engine_train(rlrec_engine *engine, const char *run_dir, rlrec_eval_result *result) {
  return run(engine, [&] {
    const std::filesystem::path dir = run_dir ? std::filesystem::path(run_dir) : engine->engine->default_run_dir();
    fill_result(engine->engine->train(dir, false), result);
  });
}

RLREC_API rlrec_status rlrec_engine_evaluate(rlrec_engine *engine, uint64_t episodes, rlrec_eval_result *result) {
  return run(engine, [&] {
    if (episodes == 0) throw rlrec::core::ConfigError("rlrec_engine_evaluate: episodes must be at least 1");
    fill_result(engine->engine->evaluate(episodes), result);
  });
}

RLREC_API void rlrec_engine_interrupt(rlrec_engine *engine) {
  if (engine != nullptr && engine->engine) engine->engine->interrupt();
}

RLREC_API const char *rlrec_engine_last_error(const rlrec_engine *engine) {
  return engine == nullptr ? "engine is NULL" : engine->last_error.c_str();
}

RLREC_API void rlrec_engine_destroy(rlrec_engine *engine) { delete engine; }

RLREC_API rlrec_status rlrec_engine_create_from_checkpoint(const char *path, const char *const *overrides,
                                                           uint32_t num_overrides, rlrec_engine **out, char *err,
                                                           size_t err_capacity) {
  if (out == nullptr || path == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create_from_checkpoint: path and out must be non-NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  *out = nullptr;
  return to_status(err, err_capacity, [&] {
    auto engine = std::make_unique<rlrec_engine>();
    engine->engine = rlrec::core::Engine::from_checkpoint(
        path, std::vector<std::string>(overrides, overrides + (overrides ? num_overrides : 0)));
    *out = engine.release();
  });
}

RLREC_API const rlrec_env_spec *rlrec_engine_env_spec(const rlrec_engine *engine) {
  return engine == nullptr ? nullptr : &engine->engine->env_spec();
}

RLREC_API rlrec_status rlrec_engine_act(rlrec_engine *engine, const rlrec_act_input *in, rlrec_act_output *out) {
  return run(engine, [&] {
    if (in == nullptr || out == nullptr) throw rlrec::core::ConfigError("rlrec_engine_act: in and out must be non-NULL");
    engine->engine->act(*in, *out);
  });
}

RLREC_API rlrec_status rlrec_engine_save(rlrec_engine *engine, const char *dir) {
  return run(engine, [&] {
    if (dir == nullptr) throw rlrec::core::ConfigError("rlrec_engine_save: dir is NULL");
    engine->engine->save(dir);
  });
}

RLREC_API rlrec_status rlrec_env_open(const char *plugin, const char *params_yaml, uint32_t num_envs, rlrec_env *out,
                                      char *err, size_t err_capacity) {
  return to_status(err, err_capacity, [&] {
    if (out == nullptr || num_envs == 0) throw rlrec::core::ConfigError("rlrec_env_open: out is NULL or num_envs is 0");
    OpenInstances &open = open_instances();
    std::lock_guard lock(open.mutex);
    auto [ref, params] = open.resolve(plugin, params_yaml, RLREC_KIND_ENV);
    rlrec::core::EnvInstance env = rlrec::core::EnvInstance::create(ref, params, num_envs);
    *out = env.raw();
    open.envs.emplace(out->handle, std::move(env));
  });
}

RLREC_API void rlrec_env_close(rlrec_env *env) {
  if (env == nullptr || env->handle == nullptr) return;
  OpenInstances &open = open_instances();
  std::lock_guard lock(open.mutex);
  open.envs.erase(env->handle);
  *env = rlrec_env{};
}

RLREC_API rlrec_status rlrec_policy_open(const char *plugin, const char *params_yaml, const rlrec_env_spec *env_spec,
                                         uint64_t seed, rlrec_policy *out, char *err, size_t err_capacity) {
  return to_status(err, err_capacity, [&] {
    if (out == nullptr || env_spec == nullptr) {
      throw rlrec::core::ConfigError("rlrec_policy_open: env_spec and out must be non-NULL");
    }
    OpenInstances &open = open_instances();
    std::lock_guard lock(open.mutex);
    auto [ref, params] = open.resolve(plugin, params_yaml, RLREC_KIND_POLICY);
    rlrec::core::PolicyInstance policy = rlrec::core::PolicyInstance::create(ref, params, *env_spec, seed);
    *out = policy.raw();
    open.policies.emplace(out->handle, std::move(policy));
  });
}

RLREC_API void rlrec_policy_close(rlrec_policy *policy) {
  if (policy == nullptr || policy->handle == nullptr) return;
  OpenInstances &open = open_instances();
  std::lock_guard lock(open.mutex);
  open.policies.erase(policy->handle);
  *policy = rlrec_policy{};
}

RLREC_API rlrec_status rlrec_register_factory(const rlrec_plugin_factory *factory, const char *owner, char *err,
                                              size_t err_capacity) {
  return to_status(err, err_capacity, [&] {
    rlrec::core::register_in_process(factory, owner ? owner : "<in-process>");
    // The next open call must see it: rebuild the shared registry lazily.
    OpenInstances &open = open_instances();
    std::lock_guard lock(open.mutex);
    open.registry.reset();
  });
}

RLREC_API void rlrec_unregister_factory(const char *id) {
  if (id == nullptr) return;
  rlrec::core::unregister_in_process(id);
  OpenInstances &open = open_instances();
  std::lock_guard lock(open.mutex);
  open.registry.reset();
}

RLREC_API void rlrec_set_log_handler(rlrec_log_handler handler, void *ctx) {
  rlrec::core::set_log_handler(handler, ctx);
}

}  // extern "C"
