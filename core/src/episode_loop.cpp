#include "episode_loop.hpp"

#include "errors.hpp"
#include "step_checks.hpp"

namespace rlrec::core {

void run_episodes(VectorEnv &env, PolicyInstance &policy, rlrec_act_mode mode, uint64_t episodes,
                  const RunSettings &run, SeedStream stream, const EpisodeHooks &hooks) {
  const uint32_t rows = env.num_envs();
  const uint32_t time_limit = time_limit_of(env, run.max_episode_steps);
  ObsBuffers obs(env.fields(), rows);
  EnvOutputBuffers out(env.spec(), rows);
  ActBuffers act(rows, env.slate_size());
  EpisodeTracker tracker(rows);
  std::vector<int64_t> episode_of_row(rows, -1);
  uint64_t next_episode = 0;
  uint64_t next_filler = 0;
  uint64_t done = 0;

  std::vector<uint32_t> reset_rows;
  std::vector<uint64_t> reset_seeds;
  auto schedule = [&](uint32_t r) {
    reset_rows.push_back(r);
    if (next_episode < episodes) {
      episode_of_row[r] = static_cast<int64_t>(next_episode);
      reset_seeds.push_back(derive_seed(run.seed, stream, next_episode++, 0));
    } else {
      episode_of_row[r] = -1;
      reset_seeds.push_back(derive_seed(run.seed, stream, next_filler++, 1));
    }
  };
  for (uint32_t r = 0; r < rows; ++r) schedule(r);
  env.reset(reset_rows, reset_seeds, obs);
  if (run.check_env) check_reset(env, obs, reset_rows);

  while (done < episodes) {
    if (hooks.interrupted && hooks.interrupted()) throw Interrupted();
    env.act(policy, mode, obs, tracker.episode_start(), act);
    env.step(act.slates.data(), out);
    finish_step(env, out, tracker.step_index(), time_limit, run.check_env);
    if (hooks.on_step) hooks.on_step(EpisodeStep{obs, act, out, episode_of_row, tracker.step_index()});
    reset_rows.clear();
    reset_seeds.clear();
    for (const EpisodeTracker::Ended &ended : tracker.record(out)) {
      const int64_t e = episode_of_row[ended.row];
      if (e >= 0) {
        if (hooks.on_end) hooks.on_end(static_cast<uint64_t>(e), ended);
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
}

}  // namespace rlrec::core
