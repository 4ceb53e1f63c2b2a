// config.hpp — the engine's YAML config: sections run / env / policy / loggers / plugins, each
// validated (unknown keys with the closest valid one, types, ranges, file:line:column) before any
// plugin is created. Plugin `params:` maps are validated against each plugin's own schema when the
// plugin is resolved (see resolve_plugin).
//
//   run:     {name, seed, total_env_steps, workers, report_every_steps, max_episode_steps,
//             check_env, eval: {every_steps, episodes, num_envs}, checkpoint: {every_steps, keep}}
//   env:     {plugin, num_envs, params: {...}}
//   policy:  {plugin, params: {...}}
//   loggers: [{plugin, params: {...}}, ...]          (default: console, csv, jsonl, tensorboard)
//   input:   {dataset, epochs, batch_size, eval_every_epochs, skip_bad}   (optional: train from data)
//   spec:    {obs: {FIELD: SHAPE}, slate_size, info}   (optional, only without env: data_spec.hpp)
//   plugins: {search_paths: [DIR, ...]}
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "param_values.hpp"
#include "plugin_registry.hpp"
#include "yaml_document.hpp"

namespace rlrec::core {

struct RunSettings {
  std::string name;
  uint64_t seed = 0;
  uint64_t total_env_steps = 0;
  uint32_t workers = 1;
  uint64_t report_every_steps = 0;  // 0: about 100 reports per run
  uint32_t max_episode_steps = 0;   // 0: the env's own limit
  bool check_env = true;
  uint64_t eval_every_steps = 0;    // 0: evaluate only at the end
  uint64_t eval_episodes = 100;
  uint32_t eval_num_envs = 0;       // 0: min(eval episodes, env.num_envs)
  uint64_t checkpoint_every_steps = 0;  // 0: only at the end (and on interrupt)
  uint32_t checkpoint_keep = 3;
};

// `input:` — training from a logged dataset (docs/offline.md) instead of from env steps.
struct InputSettings {
  std::filesystem::path dataset;   // empty: no input section (train in the env)
  uint32_t epochs = 1;             // passes over the dataset
  uint32_t batch_size = 256;       // decisions per learn call
  uint32_t eval_every_epochs = 0;  // 0: evaluate only at the end
  bool skip_bad = false;           // skip malformed lines (counted, warned) instead of stopping
};

// A `plugin:` entry as written: the id or path, its params node, and the node for messages.
struct PluginSection {
  std::string plugin;
  YAML::Node params;
  YAML::Node node;
  std::string path;  // "env", "policy", "loggers[1]"
};

struct Config {
  YamlDocument doc;
  RunSettings run;
  PluginSection env;  // plugin empty when the config has no env (training from data only)
  uint32_t num_envs = 1;
  PluginSection policy;
  std::vector<PluginSection> loggers;
  std::vector<std::filesystem::path> search_paths;
  InputSettings input;
  YAML::Node spec;  // the `spec:` section; null when absent

  bool has_env() const { return !env.plugin.empty(); }
  bool has_spec() const { return !spec.IsNull(); }

  // Parses and validates the engine's own keys. Throws ConfigError.
  static Config parse(YamlDocument doc);
};

// A plugin section resolved against the registry: the plugin and its validated params.
struct ResolvedPlugin {
  PluginRef plugin;
  ParamValues params;
};
ResolvedPlugin resolve_plugin(PluginRegistry &registry, const Config &config,
                              const PluginSection &section, uint32_t kind);

// The config with every plugin's params completed with defaults, as stored in run folders and
// checkpoints (so a checkpoint needs nothing else to be evaluated or served). `env` is null when
// the config has none.
YAML::Node resolved_config(const Config &config, const ResolvedPlugin *env, const ResolvedPlugin &policy,
                           const std::vector<ResolvedPlugin> &loggers);

}  // namespace rlrec::core
