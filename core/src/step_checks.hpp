// step_checks.hpp — what the runner checks after every reset and step, the same way in training
// and evaluation: the time limit (truncation), finite rewards, observations inside their spaces.
// A failed check stops the run with an error naming the env plugin, the sub-env and the value.
#pragma once

#include <cstdint>
#include <vector>

#include "batch.hpp"
#include "vector_env.hpp"

namespace rlrec::core {

// The step count after which the host truncates: run.max_episode_steps, else the env's own; 0 = none.
uint32_t time_limit_of(const VectorEnv &env, uint32_t run_max_episode_steps);

// After a step: sets truncated where the episode reached `time_limit` without terminating, then
// (when `check_env`) throws PluginCallError for a non-finite reward or an invalid next observation.
// step_index[r] is the index of the step just taken in row r's episode.
void finish_step(const VectorEnv &env, EnvOutputBuffers &out, const std::vector<uint32_t> &step_index,
                 uint32_t time_limit, bool check_env);

// After a reset of `rows`: throws PluginCallError for an invalid first observation.
void check_reset(const VectorEnv &env, const ObsBuffers &obs, const std::vector<uint32_t> &rows);

}  // namespace rlrec::core
