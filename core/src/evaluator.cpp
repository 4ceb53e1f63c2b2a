// evaluator.cpp — Engine::evaluate: greedy episodes on held-out seeds, by a copy of the policy.
//
// Episode e always has the seed derive(seed, kEvalEpisodes, e, 0), whichever row runs it and
// whenever the evaluation happens, so evaluations are comparable across training and repeatable.
// Rows left without an episode to run (the tail of an evaluation) play filler episodes whose
// results are discarded: every row must be stepped, and an ended sub-env cannot be.
#include <cmath>

#include "engine.hpp"
#include "episode_tracker.hpp"
#include "errors.hpp"
#include "seeding.hpp"
#include "step_checks.hpp"

namespace rlrec::core {

EvalResult Engine::evaluate(uint64_t episodes) {
  InterruptScope clear_when_done{interrupt_};
  return run_evaluation(episodes);
}

EvalResult Engine::run_evaluation(uint64_t episodes) {
  PolicyInstance policy = PolicyInstance::create(policy_plugin_.plugin, policy_plugin_.params, policy_spec_,
                                                 derive_seed(config_.run.seed, kPolicy, 0, 0));
  policy.load(policy_.save());
  VectorEnv &env = eval_env(episodes);
  const uint32_t rows = env.num_envs();
  const RunSettings &run = config_.run;
  const uint32_t time_limit = time_limit_of(env, run.max_episode_steps);

  ObsBuffers obs(env.fields(), rows);
  EnvOutputBuffers out(env.spec(), rows);
  ActBuffers act(rows, env.slate_size());
  EpisodeTracker tracker(rows);
  std::vector<int64_t> episode_of_row(rows, -1);
  std::vector<double> returns(episodes);
  std::vector<double> lengths(episodes);
  uint64_t next_episode = 0;
  uint64_t next_filler = 0;
  uint64_t done = 0;

  std::vector<uint32_t> reset_rows;
  std::vector<uint64_t> reset_seeds;
  auto schedule = [&](uint32_t r) {
    reset_rows.push_back(r);
    if (next_episode < episodes) {
      episode_of_row[r] = static_cast<int64_t>(next_episode);
      reset_seeds.push_back(derive_seed(run.seed, kEvalEpisodes, next_episode++, 0));
    } else {
      episode_of_row[r] = -1;
      reset_seeds.push_back(derive_seed(run.seed, kEvalEpisodes, next_filler++, 1));
    }
  };
  for (uint32_t r = 0; r < rows; ++r) schedule(r);
  env.reset(reset_rows, reset_seeds, obs);
  if (run.check_env) check_reset(env, obs, reset_rows);

  while (done < episodes) {
    if (interrupted()) throw Interrupted();
    env.act(policy, RLREC_ACT_GREEDY, obs, tracker.episode_start(), act);
    env.step(act.slates.data(), out);
    finish_step(env, out, tracker.step_index(), time_limit, run.check_env);
    reset_rows.clear();
    reset_seeds.clear();
    for (const EpisodeTracker::Ended &ended : tracker.record(out)) {
      const int64_t e = episode_of_row[ended.row];
      if (e >= 0) {
        returns[static_cast<std::size_t>(e)] = ended.episode_return;
        lengths[static_cast<std::size_t>(e)] = ended.length;
        ++done;
      }
      schedule(ended.row);
    }
    std::swap(obs, out.obs);
    if (!reset_rows.empty() && done < episodes) {
      env.reset(reset_rows, reset_seeds, obs);
      if (run.check_env) check_reset(env, obs, reset_rows);
    }
  }

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
