// bandit_bench.cpp — decisions per second of the bandit policies (act + learn, the env excluded)
// on bandit.linear, for 10 and 100 candidates and model dimension d = 20 and 100
// (candidate features of item_dim = d - 1, plus the bias), slate 2, 64 sub-envs per call.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "batch.hpp"
#include "instances.hpp"
#include "plugin_registry.hpp"
#include "vector_env.hpp"
#include "yaml_document.hpp"

namespace {

constexpr uint32_t kRows = 64;

rlrec::core::ParamValues params_of(const rlrec::core::PluginRef &plugin, const std::string &yaml) {
  const auto doc = rlrec::core::YamlDocument::from_string(yaml, "<bench>");
  return rlrec::core::ParamValues::validate(std::span(plugin.desc().params, plugin.desc().num_params), doc.root(),
                                            doc, "bench");
}

// Seconds spent in act + learn per decision, over `steps` steps of kRows decisions.
double seconds_per_decision(rlrec::core::PluginRegistry &registry, const std::string &policy_id, uint32_t candidates,
                            uint32_t d, int steps) {
  const auto env_plugin = registry.find("bandit.linear", RLREC_KIND_ENV);
  const auto env_params = params_of(env_plugin, "{user_dim: 4, item_dim: " + std::to_string(d - 1) +
                                                    ", num_candidates: " + std::to_string(candidates) +
                                                    ", slate_size: 2, episode_length: 1000000}");
  rlrec::core::VectorEnv env(env_plugin, env_params, kRows, 1);
  const auto policy_plugin = registry.find(policy_id, RLREC_KIND_POLICY);
  rlrec::core::PolicyInstance policy =
      rlrec::core::PolicyInstance::create(policy_plugin, params_of(policy_plugin, "{}"), env.spec(), 1);

  rlrec::core::ObsBuffers obs(env.fields(), kRows);
  rlrec::core::EnvOutputBuffers out(env.spec(), kRows);
  rlrec::core::ActBuffers act(kRows, env.slate_size());
  std::vector<uint32_t> rows(kRows);
  std::vector<uint64_t> seeds(kRows);
  for (uint32_t r = 0; r < kRows; ++r) rows[r] = r, seeds[r] = r;
  env.reset(rows, seeds, obs);
  std::vector<uint8_t> start(kRows, 1);
  std::vector<uint64_t> episode(kRows, 0);
  std::vector<uint32_t> step_index(kRows, 0);
  double busy = 0.0;
  for (int t = 0; t < steps; ++t) {
    const auto a0 = std::chrono::steady_clock::now();
    env.act(policy, RLREC_ACT_EXPLORE, obs, start.data(), act);
    busy += std::chrono::duration<double>(std::chrono::steady_clock::now() - a0).count();
    env.step(act.slates.data(), out);
    const rlrec_transition_batch batch = rlrec::core::transition_batch(obs, act, out, episode.data(), step_index.data());
    const auto l0 = std::chrono::steady_clock::now();
    policy.learn(batch);
    busy += std::chrono::duration<double>(std::chrono::steady_clock::now() - l0).count();
    std::swap(obs, out.obs);
    std::fill(start.begin(), start.end(), 0);
  }
  return busy / (static_cast<double>(steps) * kRows);
}

}  // namespace

int main() {
  rlrec::core::PluginRegistry registry;
  std::printf("bandit policies on bandit.linear, slate 2, %u decisions per call; act + learn only\n", kRows);
  std::printf("%-8s %10s %5s %14s %12s\n", "policy", "candidates", "d", "decisions/s", "us/decision");
  for (const char *policy : {"egreedy", "linucb", "lints"}) {
    for (uint32_t candidates : {10u, 100u}) {
      for (uint32_t d : {20u, 100u}) {
        const int steps = d == 100 ? 40 : 200;
        const double s = seconds_per_decision(registry, policy, candidates, d, steps);
        std::printf("%-8s %10u %5u %14.0f %12.2f\n", policy, candidates, d, 1.0 / s, 1e6 * s);
      }
    }
  }
  return 0;
}
