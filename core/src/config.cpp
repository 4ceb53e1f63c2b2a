#include "config.hpp"

#include <cmath>

#include "errors.hpp"
#include "text.hpp"

namespace rlrec::core {
namespace {

constexpr double kInf = HUGE_VAL;
constexpr double kMaxU32 = 4294967295.0;
constexpr double kMaxSteps = 9.0e18;

// The engine's own sections are described with the same schema type plugins use, so they get the
// same validation and the same messages.
const rlrec_param_def kRunSchema[] = {
    {"name", RLREC_PARAM_STRING, 0, "run", -kInf, kInf, nullptr, "Run name; run folders are runs/<name>-<timestamp>/.", 0, 0},
    {"seed", RLREC_PARAM_INT, 0, "0", 0, kMaxSteps, nullptr, "Seed of everything random in the run.", 0, 0},
    {"total_env_steps", RLREC_PARAM_INT, 0, "100000", 0, kMaxSteps, nullptr, "Env steps (summed over sub-envs) to train for.", 0, 0},
    {"workers", RLREC_PARAM_INT, 0, "1", 1, 256, nullptr, "Threads stepping sub-envs in parallel (each owns num_envs/workers sub-envs).", 0, 0},
    {"report_every_steps", RLREC_PARAM_INT, 0, "0", 0, kMaxSteps, nullptr, "Env steps between metric rows; 0 = about 100 rows per run.", 0, 0},
    {"max_episode_steps", RLREC_PARAM_INT, 0, "0", 0, kMaxU32, nullptr, "Truncate episodes after this many steps; 0 = the env's own limit.", 0, 0},
    {"check_env", RLREC_PARAM_BOOL, 0, "true", 0, 0, nullptr, "Check every reward and observation for NaN and for values outside their space.", 0, 0},
};
const rlrec_param_def kEvalSchema[] = {
    {"every_steps", RLREC_PARAM_INT, 0, "0", 0, kMaxSteps, nullptr, "Env steps between greedy evaluations; 0 = only at the end.", 0, 0},
    {"episodes", RLREC_PARAM_INT, 0, "100", 1, kMaxSteps, nullptr, "Episodes per evaluation, on held-out seeds.", 0, 0},
    {"num_envs", RLREC_PARAM_INT, 0, "0", 0, 65536, nullptr, "Sub-envs used for evaluation; 0 = min(episodes, env.num_envs).", 0, 0},
};
const rlrec_param_def kCheckpointSchema[] = {
    {"every_steps", RLREC_PARAM_INT, 0, "0", 0, kMaxSteps, nullptr, "Env steps between checkpoints; 0 = only at the end.", 0, 0},
    {"keep", RLREC_PARAM_INT, 0, "3", 1, 100000, nullptr, "Checkpoints kept; older ones are deleted.", 0, 0},
};
const rlrec_param_def kPluginSchema[] = {
    {"plugin", RLREC_PARAM_STRING, RLREC_PARAM_REQUIRED, nullptr, -kInf, kInf, nullptr, "Plugin id or library path.", 0, 0},
};
const rlrec_param_def kEnvSchema[] = {
    {"plugin", RLREC_PARAM_STRING, RLREC_PARAM_REQUIRED, nullptr, -kInf, kInf, nullptr, "Env plugin id or library path.", 0, 0},
    {"num_envs", RLREC_PARAM_INT, 0, "1", 1, 65536, nullptr, "Sub-environments stepped together.", 0, 0},
};

const rlrec_param_def kInputSchema[] = {
    {"dataset", RLREC_PARAM_STRING, RLREC_PARAM_REQUIRED, nullptr, -kInf, kInf, nullptr, "Dataset to train from: a *.jsonl(.zst) file or a folder of shards, relative to the config.", 0, 0},
    {"epochs", RLREC_PARAM_INT, 0, "1", 1, 1000000, nullptr, "Passes over the dataset.", 0, 0},
    {"batch_size", RLREC_PARAM_INT, 0, "256", 1, 1048576, nullptr, "Logged decisions per learn call.", 0, 0},
    {"eval_every_epochs", RLREC_PARAM_INT, 0, "0", 0, 1000000, nullptr, "Epochs between evaluations in the env; 0 = only at the end.", 0, 0},
    {"skip_bad", RLREC_PARAM_BOOL, 0, "false", 0, 0, nullptr, "Skip malformed lines (counted and warned) instead of stopping.", 0, 0},
};

const std::vector<std::string> kTopLevelKeys = {"run", "env", "policy", "loggers", "plugins", "input", "spec"};

YAML::Node child(const YAML::Node &map, const char *key) {
  return map && map.IsMap() ? map[key] : YAML::Node();
}

PluginSection parse_plugin_section(const YamlDocument &doc, const YAML::Node &node, const std::string &path,
                                   std::span<const rlrec_param_def> schema, ParamValues *values_out = nullptr) {
  if (!node || !node.IsMap()) {
    throw ConfigError(doc.where(node ? node : doc.root()) + ": '" + path +
                      "' must be a map with at least 'plugin: ID'");
  }
  ParamValues values = ParamValues::validate(schema, node, doc, "'" + path + "'", {"params"});
  PluginSection section;
  section.plugin = values.get_string("plugin");
  if (node["params"]) section.params = node["params"];
  section.node = node;
  section.path = path;
  if (values_out) *values_out = std::move(values);
  return section;
}

}  // namespace

Config Config::parse(YamlDocument doc) {
  Config config;
  config.doc = std::move(doc);
  const YamlDocument &d = config.doc;
  const YAML::Node &root = d.root();
  for (const auto &item : root) {
    const std::string key = item.first.as<std::string>();
    bool known = false;
    for (const auto &k : kTopLevelKeys) known = known || k == key;
    if (!known) {
      throw ConfigError(d.where(item.first) + ": unknown section '" + key + "'" +
                        did_you_mean(key, kTopLevelKeys, "sections"));
    }
  }

  const YAML::Node run = child(root, "run");
  ParamValues run_values = ParamValues::validate(kRunSchema, run, d, "'run'", {"eval", "checkpoint"});
  ParamValues eval_values = ParamValues::validate(kEvalSchema, child(run, "eval"), d, "'run.eval'");
  ParamValues ckpt_values = ParamValues::validate(kCheckpointSchema, child(run, "checkpoint"), d, "'run.checkpoint'");
  RunSettings &r = config.run;
  r.name = run_values.get_string("name");
  r.seed = static_cast<uint64_t>(run_values.get_int("seed"));
  r.total_env_steps = static_cast<uint64_t>(run_values.get_int("total_env_steps"));
  r.workers = static_cast<uint32_t>(run_values.get_int("workers"));
  r.report_every_steps = static_cast<uint64_t>(run_values.get_int("report_every_steps"));
  r.max_episode_steps = static_cast<uint32_t>(run_values.get_int("max_episode_steps"));
  r.check_env = run_values.get_bool("check_env");
  r.eval_every_steps = static_cast<uint64_t>(eval_values.get_int("every_steps"));
  r.eval_episodes = static_cast<uint64_t>(eval_values.get_int("episodes"));
  r.eval_num_envs = static_cast<uint32_t>(eval_values.get_int("num_envs"));
  r.checkpoint_every_steps = static_cast<uint64_t>(ckpt_values.get_int("every_steps"));
  r.checkpoint_keep = static_cast<uint32_t>(ckpt_values.get_int("keep"));
  if (r.name.empty() || r.name.find('/') != std::string::npos) {
    throw ConfigError(d.where(child(run, "name") ? child(run, "name") : root) +
                      ": 'run.name' must be a non-empty name without '/'");
  }

  // Without an env, the config trains from `input.dataset` only (its spec from `spec:` or the data).
  if (const YAML::Node spec = child(root, "spec")) config.spec = spec;
  if (child(root, "env")) {
    ParamValues env_values;
    config.env = parse_plugin_section(d, root["env"], "env", kEnvSchema, &env_values);
    config.num_envs = static_cast<uint32_t>(env_values.get_int("num_envs"));
    if (config.num_envs < r.workers) {
      throw ConfigError(d.where(root["env"]) + ": env.num_envs (" + std::to_string(config.num_envs) +
                        ") must be at least run.workers (" + std::to_string(r.workers) + ")");
    }
  } else if (!child(root, "input")) {
    throw ConfigError(d.source_name() + ": missing section 'env' (env: {plugin: ID}); a config without an env "
                                        "trains from logged data only and needs 'input: {dataset: PATH}'");
  }

  if (!child(root, "policy")) throw ConfigError(d.source_name() + ": missing section 'policy' (policy: {plugin: ID})");
  config.policy = parse_plugin_section(d, root["policy"], "policy", kPluginSchema);

  const YAML::Node loggers = child(root, "loggers");
  if (!loggers) {
    for (const char *id : {"console", "csv", "jsonl", "tensorboard"}) {
      config.loggers.push_back(PluginSection{id, YAML::Node(), YAML::Node(), "loggers"});
    }
  } else if (!loggers.IsSequence()) {
    throw ConfigError(d.where(loggers) + ": 'loggers' must be a list, e.g. [{plugin: console}, {plugin: csv}]");
  } else {
    for (std::size_t i = 0; i < loggers.size(); ++i) {
      config.loggers.push_back(
          parse_plugin_section(d, loggers[i], "loggers[" + std::to_string(i) + "]", kPluginSchema));
    }
  }

  const YAML::Node input = child(root, "input");
  if (input) {
    if (!input.IsMap()) throw ConfigError(d.where(input) + ": 'input' must be a map with at least 'dataset: PATH'");
    ParamValues v = ParamValues::validate(kInputSchema, input, d, "'input'");
    InputSettings &in = config.input;
    in.dataset = v.get_string("dataset");
    if (in.dataset.empty()) throw ConfigError(d.where(input["dataset"]) + ": 'input.dataset' must be a path");
    if (in.dataset.is_relative()) in.dataset = d.base_dir() / in.dataset;
    in.epochs = static_cast<uint32_t>(v.get_int("epochs"));
    in.batch_size = static_cast<uint32_t>(v.get_int("batch_size"));
    in.eval_every_epochs = static_cast<uint32_t>(v.get_int("eval_every_epochs"));
    in.skip_bad = v.get_bool("skip_bad");
  }

  const YAML::Node plugins = child(root, "plugins");
  if (plugins) {
    if (!plugins.IsMap()) throw ConfigError(d.where(plugins) + ": 'plugins' must be a map");
    for (const auto &item : plugins) {
      const std::string key = item.first.as<std::string>();
      if (key != "search_paths") {
        throw ConfigError(d.where(item.first) + ": unknown key '" + key + "' in 'plugins'" +
                          did_you_mean(key, {"search_paths"}));
      }
      if (!item.second.IsSequence()) throw ConfigError(d.where(item.second) + ": 'plugins.search_paths' must be a list of folders");
      for (const auto &dir : item.second) {
        if (!dir.IsScalar()) throw ConfigError(d.where(dir) + ": a search path must be a string");
        std::filesystem::path path = dir.Scalar();
        config.search_paths.push_back(path.is_relative() ? d.base_dir() / path : path);
      }
    }
  }
  return config;
}

ResolvedPlugin resolve_plugin(PluginRegistry &registry, const Config &config, const PluginSection &section,
                              uint32_t kind) {
  ResolvedPlugin out;
  try {
    out.plugin = registry.find(section.plugin, kind, config.doc.base_dir());
  } catch (const std::exception &e) {
    const YAML::Node at = section.node && section.node["plugin"] ? section.node["plugin"] : section.node;
    throw ConfigError((at ? config.doc.where(at) : config.doc.source_name()) + ": '" + section.path +
                      "': " + e.what());
  }
  const rlrec_plugin_desc &desc = out.plugin.desc();
  out.params = ParamValues::validate(std::span(desc.params, desc.num_params), section.params, config.doc,
                                     "'" + section.path + ".params' of " + out.plugin.label());
  return out;
}

YAML::Node resolved_config(const Config &config, const ResolvedPlugin *env, const ResolvedPlugin &policy,
                           const std::vector<ResolvedPlugin> &loggers) {
  YAML::Node root = YAML::Clone(config.doc.root());
  const RunSettings &r = config.run;
  YAML::Node run;
  run["name"] = r.name;
  run["seed"] = r.seed;
  run["total_env_steps"] = r.total_env_steps;
  run["workers"] = r.workers;
  run["report_every_steps"] = r.report_every_steps;
  run["max_episode_steps"] = r.max_episode_steps;
  run["check_env"] = r.check_env;
  run["eval"]["every_steps"] = r.eval_every_steps;
  run["eval"]["episodes"] = r.eval_episodes;
  run["eval"]["num_envs"] = r.eval_num_envs;
  run["checkpoint"]["every_steps"] = r.checkpoint_every_steps;
  run["checkpoint"]["keep"] = r.checkpoint_keep;
  root["run"] = run;
  // Libraries given by path are stored absolute so the checkpoint works from any folder.
  auto plugin_text = [](const ResolvedPlugin &p, const PluginSection &s) -> std::string {
    const bool by_path = s.plugin.find('/') != std::string::npos || s.plugin.find(".so") != std::string::npos;
    return by_path ? p.plugin.library->path().string() + "#" + p.plugin.id() : s.plugin;
  };
  if (config.has_env()) {
    root["env"]["plugin"] = plugin_text(*env, config.env);
    root["env"]["num_envs"] = config.num_envs;
    root["env"]["params"] = env->params.to_yaml();
  }
  root["policy"]["plugin"] = plugin_text(policy, config.policy);
  root["policy"]["params"] = policy.params.to_yaml();
  YAML::Node logger_list(YAML::NodeType::Sequence);
  for (std::size_t i = 0; i < loggers.size(); ++i) {
    YAML::Node item;
    item["plugin"] = plugin_text(loggers[i], config.loggers[i]);
    item["params"] = loggers[i].params.to_yaml();
    logger_list.push_back(item);
  }
  root["loggers"] = logger_list;
  if (!config.input.dataset.empty()) root["input"]["dataset"] = config.input.dataset.string();  // absolute
  if (!config.search_paths.empty()) {
    YAML::Node paths(YAML::NodeType::Sequence);
    for (const auto &dir : config.search_paths) paths.push_back(std::filesystem::absolute(dir).string());
    root["plugins"]["search_paths"] = paths;
  }
  return root;
}

}  // namespace rlrec::core
