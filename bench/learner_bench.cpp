// learner_bench.cpp — what learning costs. (1) Env steps/s through the full training runner on
// RecSim interest evolution (10 candidates, slate 2, 16 sub-envs) for the random policy, for
// SlateQ and DQN acting only (learning never starts), and for SlateQ and DQN learning with
// ie_slateq.yaml's learner settings; learner updates/s = gradient steps / (learning run time -
// acting-only run time), i.e. the time the updates themselves take. (2) The slate optimisers:
// microseconds per slate on random instances, by candidates n and slate size k.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "engine.hpp"
#include "host_services.hpp"
#include "rlrec_nn/rng.hpp"
#include "slate_optimizer.hpp"
#include "yaml_document.hpp"

namespace {

constexpr uint64_t kSteps = 64000;
constexpr uint64_t kLearningStarts = 16000;
constexpr uint64_t kTrainEvery = 16;  // env steps per gradient step, as in examples/ie_slateq.yaml
constexpr uint32_t kBatch = 64;

std::string learner_params(bool learns) {
  const uint64_t starts = learns ? kLearningStarts : kSteps + 1;
  return "{hidden: [64, 32], batch_size: " + std::to_string(kBatch) + ", learning_starts: " + std::to_string(starts) +
         ", train_every: " + std::to_string(kTrainEvery) +
         ", gamma: 1.0, n_step: 10, reward_scale: 0.01, history_decays: [1.0], save_replay: false}";
}

double train_seconds(const std::string &policy, const std::string &params) {
  const std::string yaml = "run: {name: bench, seed: 1, total_env_steps: " + std::to_string(kSteps) +
                           ", eval: {episodes: 1}}\n"
                           "env: {plugin: recsim.interest_evolution, num_envs: 16, "
                           "params: {num_candidates: 10, slate_size: 2}}\n"
                           "policy: {plugin: " + policy + ", params: " + params + "}\nloggers: []\n";
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "rlrec_bench_learner";
  return rlrec::bench::best_seconds(2, [&] {
    std::filesystem::remove_all(dir);
    rlrec::core::Engine engine(rlrec::core::YamlDocument::from_string(yaml, "<bench>"));
    engine.train(dir, false);
  });
}

void optimiser_bench() {
  using rlrec_slateq::SlateOptimizer;
  const std::pair<const char *, SlateOptimizer> optimisers[] = {
      {"exhaustive", SlateOptimizer::kExhaustive}, {"topk", SlateOptimizer::kTopK},
      {"greedy", SlateOptimizer::kGreedy},         {"lp", SlateOptimizer::kLp},
      {"dinkelbach", SlateOptimizer::kDinkelbach}};
  std::printf("\nslate optimisers, microseconds per slate (random instances, best of 3)\n%-12s", "n, k");
  for (const auto &[name, kind] : optimisers) std::printf("%12s", name);
  std::printf("\n");
  for (const auto &[n, k] : {std::pair{10u, 2u}, std::pair{20u, 2u}, std::pair{20u, 3u}, std::pair{50u, 3u}}) {
    rlrec::nn::Rng rng(n * 100 + k);
    std::vector<rlrec_slateq::SlateProblem> problems(200);
    for (rlrec_slateq::SlateProblem &p : problems) {
      p.k = k;
      for (uint32_t i = 0; i < n; ++i) {
        p.v.push_back(2.0 * rng.uniform());
        p.q.push_back(300.0 * rng.uniform());
      }
      p.v0 = 2.0;
      p.q0 = 150.0 + 100.0 * rng.uniform();
    }
    std::printf("%3u, %-7u", n, k);
    for (const auto &[name, kind] : optimisers) {
      std::vector<uint32_t> slate(k);
      const double seconds = rlrec::bench::best_seconds(3, [&] {
        for (const rlrec_slateq::SlateProblem &p : problems) rlrec_slateq::optimize_slate(kind, p, slate.data());
      });
      std::printf("%12.2f", 1e6 * seconds / static_cast<double>(problems.size()));
    }
    std::printf("\n");
  }
}

}  // namespace

int main() {
  rlrec::core::set_stderr_level(RLREC_LOG_WARNING);
  std::printf("training runner on recsim.interest_evolution (10 candidates, slate 2), 16 sub-envs, %llu env steps, "
              "best of 2\n",
              static_cast<unsigned long long>(kSteps));
  const double random = train_seconds("random", "{}");
  rlrec::bench::report("random policy", kSteps, random);
  const double gradient_steps = static_cast<double>((kSteps - kLearningStarts) / kTrainEvery + 1);
  for (const char *policy : {"slateq", "dqn"}) {
    const double acting = train_seconds(policy, learner_params(false));
    const double learning = train_seconds(policy, learner_params(true));
    const std::string name = policy;
    rlrec::bench::report((name + ", acting only").c_str(), kSteps, acting);
    rlrec::bench::report((name + ", learning (batch 64 per 16 env steps)").c_str(), kSteps, learning);
    std::printf("%-44s %12.0f updates/s (%.0f gradient steps of batch %u)\n", (name + " learner").c_str(),
                gradient_steps / (learning - acting), gradient_steps, kBatch);
  }
  optimiser_bench();
  return 0;
}
