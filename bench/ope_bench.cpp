// ope_bench.cpp — decisions per second of each off-policy estimator over 1M synthetic logged
// decisions, with the bootstrap (200 resamples) and without it (the pass alone): once as a bandit
// log (one decision per episode, 3-slot slates with per-slot propensities and a reward model),
// once as 100 000 episodes of 10 decisions.
#include <cstdio>
#include <cstdlib>

#include "bench_util.hpp"
#include "rlrec_nn/rng.hpp"
#include "rlrec_ope/estimators.hpp"

namespace {

constexpr uint32_t kDecisions = 1000000;
constexpr size_t kSlots = 3;

// Per slot, μ uniform over 10 items and π a random distribution over them; the slate reward is
// the sum of per-slot Bernoulli clicks, the model's predictions a noisy copy of the truth.
rlrec::ope::LoggedData synthetic(uint32_t episode_length) {
  rlrec::nn::Rng rng(1);
  rlrec::ope::LoggedData data;
  data.slate_size = kSlots;
  for (uint32_t i = 0; i < kDecisions; ++i) {
    double mu = 1.0, pi = 1.0, reward = 0.0;
    for (size_t l = 0; l < kSlots; ++l) {
      const double target = 0.2 * rng.uniform();  // mean 0.1, the uniform μ's
      data.behavior_slot_prob.push_back(0.1);
      data.target_slot_prob.push_back(target);
      mu *= 0.1, pi *= target;
      reward += rng.uniform() < 0.3 ? 1.0 : 0.0;
    }
    data.episode.push_back(i / episode_length);
    data.t.push_back(i % episode_length);
    data.reward.push_back(reward);
    data.behavior_prob.push_back(mu);
    data.target_prob.push_back(pi);
    data.q_logged.push_back(0.9 + 0.1 * rng.normal());
    data.q_target.push_back(0.9 + 0.1 * rng.normal());
  }
  return data;
}

void run(const char *log, const rlrec::ope::LoggedData &data, int repetitions) {
  for (const rlrec::ope::Estimator estimator : rlrec::ope::kAllEstimators) {
    for (const uint32_t resamples : {0u, 200u}) {
      rlrec::ope::Settings settings;
      settings.resamples = resamples;
      double value = 0.0;
      const double seconds = rlrec::bench::best_seconds(
          repetitions, [&] { value = rlrec::ope::estimate(estimator, data, settings).value; });
      std::printf("%-8s %-6s %9u %14.0f %10.1f   (estimate %.4f)\n", log, rlrec::ope::estimator_name(estimator),
                  resamples, kDecisions / seconds, 1e9 * seconds / kDecisions, value);
    }
  }
}

}  // namespace

int main(int argc, char **argv) {
  const int repetitions = argc > 1 ? std::atoi(argv[1]) : 3;
  std::printf("off-policy estimators over %u decisions, best of %d\n", kDecisions, repetitions);
  std::printf("%-8s %-6s %9s %14s %10s\n", "log", "est.", "resamples", "decisions/s", "ns/dec.");
  run("bandit", synthetic(1), repetitions);
  run("episodes", synthetic(10), repetitions);
  return 0;
}
