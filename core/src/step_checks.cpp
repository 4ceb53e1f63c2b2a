#include "step_checks.hpp"

#include <cmath>
#include <string>

#include "errors.hpp"

namespace rlrec::core {
namespace {

[[noreturn]] void invalid(const VectorEnv &env, const std::string &call, uint32_t row, const std::string &what) {
  throw PluginCallError(RLREC_ERR_RUNTIME,
                        env.label() + ": " + call + " of sub-env " + std::to_string(row) + " returned " + what);
}

}  // namespace

uint32_t time_limit_of(const VectorEnv &env, uint32_t run_max_episode_steps) {
  return run_max_episode_steps != 0 ? run_max_episode_steps : env.spec().max_episode_steps;
}

void finish_step(const VectorEnv &env, EnvOutputBuffers &out, const std::vector<uint32_t> &step_index,
                 uint32_t time_limit, bool check_env) {
  const uint32_t rows = env.num_envs();
  for (uint32_t r = 0; r < rows; ++r) {
    if (time_limit != 0 && step_index[r] + 1 >= time_limit && !out.terminated[r]) out.truncated[r] = 1;
    if (!check_env) continue;
    if (!std::isfinite(out.reward[r])) {
      invalid(env, "step", r, "reward " + std::to_string(out.reward[r]) + " at episode step " +
                                   std::to_string(step_index[r]));
    }
    const std::string problem = check_obs_row(env.fields(), out.obs, r);
    if (!problem.empty()) invalid(env, "step", r, "an invalid observation: " + problem);
  }
}

void check_reset(const VectorEnv &env, const ObsBuffers &obs, const std::vector<uint32_t> &rows) {
  for (uint32_t r : rows) {
    const std::string problem = check_obs_row(env.fields(), obs, r);
    if (!problem.empty()) invalid(env, "reset", r, "an invalid observation: " + problem);
  }
}

}  // namespace rlrec::core
