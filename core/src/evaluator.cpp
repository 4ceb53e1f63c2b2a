// evaluator.cpp — Engine::evaluate: greedy episodes on held-out seeds (the kEvalEpisodes stream,
// episode_loop.hpp), by a copy of the policy.
#include <cmath>

#include "engine.hpp"
#include "episode_loop.hpp"

namespace rlrec::core {

EvalResult Engine::evaluate(uint64_t episodes) {
  InterruptScope clear_when_done{interrupt_};
  return run_evaluation(episodes);
}

EvalResult Engine::run_evaluation(uint64_t episodes) {
  PolicyInstance policy = make_policy(policy_spec_, derive_seed(config_.run.seed, kPolicy, 0, 0), policy_.save());
  std::vector<double> returns(episodes);
  std::vector<double> lengths(episodes);
  EpisodeHooks hooks;
  hooks.on_end = [&](uint64_t e, const EpisodeTracker::Ended &ended) {
    returns[e] = ended.episode_return;
    lengths[e] = ended.length;
  };
  hooks.interrupted = [this] { return interrupted(); };
  run_episodes(eval_env(episodes), policy, RLREC_ACT_GREEDY, episodes, config_.run, kEvalEpisodes, hooks);

  // Sums in episode order: the result does not depend on which row finished first.
  EvalResult result;
  result.episodes = episodes;
  result.env_steps = trained_env_steps_;
  double sum = 0.0;
  double length_sum = 0.0;
  for (uint64_t e = 0; e < episodes; ++e) {
    sum += returns[e];
    length_sum += lengths[e];
  }
  const double n = static_cast<double>(episodes);
  result.episode_return_mean = sum / n;
  result.episode_length_mean = length_sum / n;
  double squares = 0.0;
  for (uint64_t e = 0; e < episodes; ++e) squares += (returns[e] - result.episode_return_mean) * (returns[e] - result.episode_return_mean);
  result.episode_return_std = std::sqrt(squares / n);
  return result;
}

}  // namespace rlrec::core
