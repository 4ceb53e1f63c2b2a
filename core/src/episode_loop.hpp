// episode_loop.hpp — whole episodes of a policy on a vector env, without learning: what greedy
// evaluation (evaluator.cpp) and dataset collection (collector.cpp) share.
//
// Episode e has the seed derive(seed, stream, e, 0), whichever row runs it and whenever the loop
// runs, so results are comparable and repeatable. Rows left without an episode to run (the tail)
// play filler episodes, seeded derive(seed, stream, k, 1), whose results are discarded: every row
// must be stepped, and an ended sub-env cannot be.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "batch.hpp"
#include "config.hpp"
#include "episode_tracker.hpp"
#include "seeding.hpp"
#include "vector_env.hpp"

namespace rlrec::core {

// One step of every row, as the loop hands it to on_step (before any row is reset).
struct EpisodeStep {
  const ObsBuffers &obs;                       // the observations acted on
  const ActBuffers &act;                       // the decisions
  const EnvOutputBuffers &out;                 // what the step returned
  const std::vector<int64_t> &episode_of_row;  // the episode each row is playing; -1: a filler
  const std::vector<uint32_t> &step_index;     // t of the step just taken in each row's episode
};

struct EpisodeHooks {
  std::function<void(const EpisodeStep &)> on_step;                             // Nullable
  std::function<void(uint64_t episode, const EpisodeTracker::Ended &)> on_end;  // Nullable
  std::function<bool()> interrupted;  // Nullable; true stops the loop with Interrupted
};

// Runs episodes 0..episodes-1 of `policy` in `mode` on `env` (every row), with the run's time
// limit and env checks.
void run_episodes(VectorEnv &env, PolicyInstance &policy, rlrec_act_mode mode, uint64_t episodes,
                  const RunSettings &run, SeedStream stream, const EpisodeHooks &hooks);

}  // namespace rlrec::core
