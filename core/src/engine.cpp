#include "engine.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "checkpoint.hpp"
#include "errors.hpp"
#include "file_io.hpp"
#include "seeding.hpp"

namespace rlrec::core {

Engine::Engine(YamlDocument doc) : config_(Config::parse(std::move(doc))), registry_(config_.search_paths) {
  if (config_.has_env()) env_ = resolve_plugin(registry_, config_, config_.env, RLREC_KIND_ENV);
  policy_plugin_ = resolve_plugin(registry_, config_, config_.policy, RLREC_KIND_POLICY);
  for (const PluginSection &section : config_.loggers) {
    loggers_.push_back(resolve_plugin(registry_, config_, section, RLREC_KIND_LOGGER));
  }
  resolved_ = core::resolved_config(config_, env_ ? &*env_ : nullptr, policy_plugin_, loggers_);
  // The policy is told the spec of the training vector (all env.num_envs rows).
  // A create failure is about the section's params: name where they are written.
  auto at_section = [&](const PluginSection &section, auto &&create) {
    try {
      create();
    } catch (const PluginCallError &e) {
      const std::string where = section.node ? config_.doc.where(section.node) : config_.doc.source_name();
      throw PluginCallError(e.status(), where + ": '" + section.path + "': " + e.what());
    }
  };
  if (env_) {
    at_section(config_.env, [&] { policy_spec_ = eval_env(config_.run.eval_episodes).spec(); });
    // A checkpoint trained without an env keeps its `spec:`; evaluating it in a simulator
    // (--set env=...) needs a simulator that shows the policy what it was trained on.
    if (config_.has_spec()) DataSpec::from_yaml(config_.doc, config_.spec)->check_matches(policy_spec_, config_.env.plugin);
  } else {
    data_spec_ = config_.has_spec() ? DataSpec::from_yaml(config_.doc, config_.spec) : DataSpec::from_dataset(config_.input.dataset);
    policy_spec_ = data_spec_->spec();
    resolved_["spec"] = data_spec_->to_yaml();
  }
  policy_spec_.num_envs = config_.num_envs;
  at_section(config_.policy, [&] {
    policy_ = PolicyInstance::create(policy_plugin_.plugin, policy_plugin_.params, policy_spec_,
                                     derive_seed(config_.run.seed, kPolicy, 0, 0));
  });
}

std::unique_ptr<Engine> Engine::from_checkpoint(const std::filesystem::path &path,
                                                const std::vector<std::string> &overrides) {
  const std::filesystem::path dir = find_checkpoint(path);
  YamlDocument doc = YamlDocument::from_file(dir / "config.yaml");
  for (const std::string &assignment : overrides) doc.apply_override(assignment);
  auto engine = std::make_unique<Engine>(std::move(doc));
  engine->policy_.load(read_file(dir / "policy.bin"));
  engine->trained_env_steps_ = read_runner_state(dir).env_steps;
  return engine;
}

void Engine::act(const rlrec_act_input &in, rlrec_act_output &out) {
  policy_.act(in, out);
  check_slates(policy_, policy_spec_, in.rows, out);
}

void Engine::save(const std::filesystem::path &dir) {
  RunnerState state;
  state.env_steps = trained_env_steps_;
  state.episode_count.assign(config_.num_envs, 0);
  write_checkpoint_at(dir, resolved_, policy_.save(), state);
}

PolicyInstance Engine::make_policy(const rlrec_env_spec &spec, uint64_t seed, const std::vector<uint8_t> &state) const {
  PolicyInstance policy = PolicyInstance::create(policy_plugin_.plugin, policy_plugin_.params, spec, seed);
  policy.load(state);
  return policy;
}

std::string Engine::policy_version() const {
  return std::string(policy_plugin_.plugin.desc().version) +
         (trained_env_steps_ > 0 ? "+steps." + std::to_string(trained_env_steps_) : "");
}

std::filesystem::path Engine::default_run_dir() const {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  return std::filesystem::path("runs") / (config_.run.name + "-" + stamp);
}

VectorEnv &Engine::eval_env(uint64_t episodes) {
  const RunSettings &run = config_.run;
  const uint64_t wanted = run.eval_num_envs != 0 ? run.eval_num_envs : std::min<uint64_t>(episodes, config_.num_envs);
  const auto rows = static_cast<uint32_t>(std::max<uint64_t>(wanted, 1));
  auto &slot = eval_envs_[rows];
  if (!slot) slot = std::make_unique<VectorEnv>(training_env().plugin, training_env().params, rows, 1);
  return *slot;
}

const ResolvedPlugin &Engine::training_env() const {
  if (!env_) {
    throw ConfigError(config_.doc.source_name() + ": the config has no 'env' to run the policy in (it trains from "
                                                  "'input.dataset' only); add an env: section to evaluate or collect");
  }
  return *env_;
}

}  // namespace rlrec::core
