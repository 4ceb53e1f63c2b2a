// engine.hpp — the engine as a C++ object: a validated config, its plugins resolved, the policy
// created; train() runs the training loop (trainer.cpp), evaluate() the greedy evaluation
// (evaluator.cpp). rlrec/engine.h (engine_api.cpp) and the CLI are thin layers over it.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "config.hpp"
#include "data_spec.hpp"
#include "instances.hpp"
#include "plugin_registry.hpp"
#include "vector_env.hpp"

namespace rlrec::core {

struct EvalResult {
  uint64_t episodes = 0;
  double episode_return_mean = 0.0;
  double episode_return_std = 0.0;  // population std (ddof 0), as RecSim reports it
  double episode_length_mean = 0.0;
  uint64_t env_steps = 0;           // env steps the policy was trained for
};

// What `rlrec collect` wrote.
struct CollectResult {
  uint64_t episodes = 0;
  uint64_t decisions = 0;
  double episode_return_mean = 0.0;  // of the behaviour policy, undiscounted
};

class Engine {
 public:
  // Resolves and validates every plugin of the config and creates the policy. Throws ConfigError
  // (bad YAML, params, unknown plugin), PluginLoadError or PluginCallError (create failed).
  explicit Engine(YamlDocument doc);
  // An engine from a checkpoint folder (or a run folder: its newest checkpoint), with the policy
  // restored. `overrides` are applied to the checkpoint's config.yaml.
  static std::unique_ptr<Engine> from_checkpoint(const std::filesystem::path &path,
                                                 const std::vector<std::string> &overrides = {});

  // Trains for run.total_env_steps into run_dir (created). With `resume`, continues from the
  // newest checkpoint of run_dir. Returns the final greedy evaluation (run.eval.episodes).
  // Throws Interrupted after writing a final checkpoint when interrupt() was called.
  EvalResult train(const std::filesystem::path &run_dir, bool resume);

  // Greedy evaluation for `episodes` episodes on held-out seeds (the same seeds every time), by a
  // copy of the policy (save + load), so evaluating never changes the policy's state: the same
  // policy evaluates identically every time, during training or from its checkpoint.
  EvalResult evaluate(uint64_t episodes);

  // Runs the policy (EXPLORE mode, as it behaves in training; it does not learn) for `episodes`
  // episodes on the collection seeds and writes every decision with its probabilities to a
  // dataset at `out` (collector.cpp, docs/dataset.md), through the `dataset` logger plugin with
  // the params of the config's `dataset` logger if it has one. Throws Interrupted when
  // interrupt() was called (the lines written so far are complete).
  CollectResult collect(uint64_t episodes, const std::filesystem::path &out);

  // The policy chooses slates for caller-owned observations of the env's spec (in.env may be
  // NULL); the slates are checked like the runner checks them.
  void act(const rlrec_act_input &in, rlrec_act_output &out);

  // Whether the policy's act reads earlier steps of the episode (RLREC_POLICY_EPISODE_HISTORY).
  bool policy_keeps_episode_history() const { return policy_.keeps_episode_history(); }
  // Whether the policy scores given slates, and the scoring (PolicyInstance::score_slates).
  bool scores_slates() const { return policy_.scores_slates(); }
  void score_slates(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
                    double *item_prob) {
    policy_.score_slates(in, slates, slate_prob, slot_prob, item_prob);
  }

  // Writes a checkpoint folder at `dir` (see checkpoint.hpp) from the current policy.
  void save(const std::filesystem::path &dir);

  // The policy's state as its save() writes it.
  std::vector<uint8_t> policy_state() const { return policy_.save(); }
  // A new instance of the config's policy created for `spec` (env_spec(), or a copy with other
  // shapes: another candidate count or row count) with `seed`, restored from `state` (bytes of
  // policy_state()). Touches no engine state, so several threads may call it at once. Throws
  // PluginCallError when the plugin refuses the spec or the state.
  PolicyInstance make_policy(const rlrec_env_spec &spec, uint64_t seed, const std::vector<uint8_t> &state) const;
  // The policy's plugin id, and its version with SemVer build metadata saying how long a
  // checkpoint's policy trained ("1.0.0+steps.20000"): what datasets record (docs/dataset.md).
  std::string policy_id() const { return policy_plugin_.plugin.id(); }
  std::string policy_version() const;

  // The spec the policy was created for (num_envs = env.num_envs).
  const rlrec_env_spec &env_spec() const { return policy_spec_; }

  // Asks a running train/evaluate to stop after the current step (train: with a final
  // checkpoint). Async-signal-safe. A request made before the call starts stops it at once; the
  // request is cleared when the call ends, so the engine can be used again.
  void interrupt() noexcept { interrupt_.store(true, std::memory_order_relaxed); }

  const Config &config() const { return config_; }
  // The config with every default filled in (what run folders and checkpoints store).
  const YAML::Node &resolved_config() const { return resolved_; }
  // runs/<run.name>-<YYYYmmdd-HHMMSS>, relative to the working directory.
  std::filesystem::path default_run_dir() const;

 private:
  // The env plugin; throws ConfigError when the config has none (training from data only).
  const ResolvedPlugin &training_env() const;
  VectorEnv &eval_env(uint64_t episodes);
  EvalResult run_evaluation(uint64_t episodes);
  // The training loop (trainer.cpp), from the checkpoint `resume_from` when it is non-empty.
  EvalResult run_training(const std::filesystem::path &run_dir, const std::filesystem::path &resume_from);
  // Training from config_.input.dataset (offline_trainer.cpp); the env only evaluates.
  EvalResult run_offline_training(const std::filesystem::path &run_dir);
  bool interrupted() const { return interrupt_.load(std::memory_order_relaxed); }
  // Clears the interrupt request when a public call ends, however it ends.
  struct InterruptScope {
    std::atomic<bool> &flag;
    ~InterruptScope() { flag.store(false, std::memory_order_relaxed); }
  };

  Config config_;
  PluginRegistry registry_;
  std::optional<ResolvedPlugin> env_;         // empty without `env:` (training from data only)
  std::unique_ptr<const DataSpec> data_spec_;  // the spec then; owns what policy_spec_ points to
  ResolvedPlugin policy_plugin_;
  std::vector<ResolvedPlugin> loggers_;
  YAML::Node resolved_;
  std::map<uint32_t, std::unique_ptr<VectorEnv>> eval_envs_;  // by row count
  rlrec_env_spec policy_spec_{};
  PolicyInstance policy_;
  uint64_t trained_env_steps_ = 0;
  std::atomic<bool> interrupt_{false};
};

}  // namespace rlrec::core
