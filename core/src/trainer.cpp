// trainer.cpp — Engine::train: the training loop of DESIGN.md §4.
//
// One iteration: the policy acts on every row (EXPLORE), all shards step in parallel, the host
// applies the time limit and checks the outputs, the policy learns from the batch of transitions
// (next_obs is the observation the step returned, never a reset one), experience loggers get the
// same batch, ended rows are reset (engine-side autoreset) with seeds from their episode counters.
// Metric rows, greedy evaluations and checkpoints happen on env-step schedules.
//
// Resume: policy state and counters come from the newest checkpoint; episodes that were in flight
// when it was written restart as new episodes (env plugins have no save/load), so a resumed run
// continues the same schedule but is not bit-identical to an uninterrupted one.
#include <chrono>
#include <limits>
#include <map>
#include <optional>

#include "checkpoint.hpp"
#include "engine.hpp"
#include "episode_tracker.hpp"
#include "errors.hpp"
#include "file_io.hpp"
#include "metric_row.hpp"
#include "host_services.hpp"
#include "run_info.hpp"
#include "seeding.hpp"
#include "step_checks.hpp"

namespace rlrec::core {
namespace {

using Clock = std::chrono::steady_clock;

// Means of what happened since the last metric row.
struct SinceReport {
  double return_sum = 0.0;
  double length_sum = 0.0;
  uint64_t episodes = 0;
  std::map<std::string, std::pair<double, uint64_t>> learner;  // name -> (sum, count)
  uint64_t env_steps_at = 0;
  Clock::time_point time_at;
};

// The next multiple of `every` strictly after `now`; "never" for every == 0.
uint64_t next_multiple(uint64_t now, uint64_t every) {
  return every == 0 ? std::numeric_limits<uint64_t>::max() : (now / every + 1) * every;
}

}  // namespace

EvalResult Engine::train(const std::filesystem::path &run_dir, bool resume) {
  InterruptScope clear_when_done{interrupt_};
  if (resume && !config_.input.dataset.empty()) {
    throw ConfigError("--resume is not supported when training from 'input.dataset': train again from the data");
  }
  // Found before anything is written, so a mistaken --resume leaves no trace.
  const std::filesystem::path checkpoint = resume ? find_checkpoint(run_dir) : std::filesystem::path();
  std::filesystem::create_directories(run_dir);
  RunLogScope log_scope(run_dir / "run.log");
  try {
    return config_.input.dataset.empty() ? run_training(run_dir, checkpoint) : run_offline_training(run_dir);
  } catch (const Interrupted &) {
    throw;
  } catch (const std::exception &e) {
    log_message(RLREC_LOG_ERROR, e.what());  // into run.log too: the folder tells why the run stopped
    throw;
  }
}

EvalResult Engine::run_training(const std::filesystem::path &run_dir, const std::filesystem::path &resume_from) {
  const RunSettings &run = config_.run;
  const uint32_t rows = config_.num_envs;
  RunnerState state;
  state.episode_count.assign(rows, 0);
  if (!resume_from.empty()) {
    state = read_runner_state(resume_from);
    if (state.episode_count.size() != rows) {
      throw ConfigError("cannot resume from '" + resume_from.string() + "': it has " +
                        std::to_string(state.episode_count.size()) + " sub-envs, the config has env.num_envs " +
                        std::to_string(rows));
    }
    policy_.load(read_file(resume_from / "policy.bin"));
    trained_env_steps_ = state.env_steps;
    if (state.env_steps >= run.total_env_steps) {
      log_message(RLREC_LOG_INFO, "the run is already complete at " + std::to_string(state.env_steps) +
                                      " env steps; evaluating its newest checkpoint");
      return run_evaluation(run.eval_episodes);
    }
    log_message(RLREC_LOG_INFO, "resuming from " + resume_from.string());
  }
  write_file_atomic(run_dir / "config.yaml", emit_yaml(resolved_));
  if (!std::filesystem::exists(run_dir / "run_info.yaml")) {  // a resumed run keeps its origin
    std::vector<RunPlugin> plugins = {{"env", training_env().plugin}, {"policy", policy_plugin_.plugin}};
    for (std::size_t i = 0; i < loggers_.size(); ++i) {
      plugins.push_back({"loggers[" + std::to_string(i) + "]", loggers_[i].plugin});
    }
    write_run_info(run_dir, config_.doc.base_dir(), plugins, !resume_from.empty());
  }
  trained_env_steps_ = state.env_steps;

  VectorEnv env(training_env().plugin, training_env().params, rows, run.workers);
  const std::string run_dir_text = run_dir.string();
  rlrec_logger_context context{};
  context.struct_size = sizeof context;
  context.run_dir = run_dir_text.c_str();
  context.run_name = run.name.c_str();
  context.total_env_steps = run.total_env_steps;
  context.env = &env.spec();
  context.start_env_steps = state.env_steps;
  std::vector<LoggerInstance> loggers;
  for (const ResolvedPlugin &logger : loggers_) {
    loggers.push_back(LoggerInstance::create(logger.plugin, logger.params, context));
  }
  auto log_row = [&](const MetricRow &row) {
    const std::vector<rlrec_metric> metrics = row.view();
    for (LoggerInstance &logger : loggers) {
      if (logger.takes_metrics()) logger.log_metrics(state.env_steps, metrics);
    }
  };
  // A step is checkpointed once (an interrupt right after a periodic checkpoint adds nothing).
  uint64_t checkpointed_at = resume_from.empty() ? std::numeric_limits<uint64_t>::max() : state.env_steps;
  auto checkpoint = [&] {
    for (LoggerInstance &logger : loggers) logger.flush();
    if (state.env_steps == checkpointed_at) return;
    write_checkpoint(run_dir, resolved_, policy_.save(), state, run.checkpoint_keep);
    checkpointed_at = state.env_steps;
  };

  ObsBuffers obs(env.fields(), rows);
  EnvOutputBuffers out(env.spec(), rows);
  ActBuffers act(rows, env.slate_size());
  EpisodeTracker tracker(rows);
  std::vector<uint64_t> episode_id(rows);
  std::vector<uint32_t> reset_rows;
  std::vector<uint64_t> reset_seeds;
  auto schedule_reset = [&](uint32_t r) {
    reset_rows.push_back(r);
    reset_seeds.push_back(derive_seed(run.seed, kTrainEpisodes, r, state.episode_count[r]++));
    episode_id[r] = state.next_episode_id++;
  };
  for (uint32_t r = 0; r < rows; ++r) schedule_reset(r);
  env.reset(reset_rows, reset_seeds, obs);
  if (run.check_env) check_reset(env, obs, reset_rows);

  const uint32_t time_limit = time_limit_of(env, run.max_episode_steps);
  const uint64_t report_every =
      run.report_every_steps != 0 ? run.report_every_steps : std::max<uint64_t>(rows, run.total_env_steps / 100);
  uint64_t next_report = next_multiple(state.env_steps, report_every);
  uint64_t next_eval = next_multiple(state.env_steps, run.eval_every_steps);
  uint64_t next_checkpoint = next_multiple(state.env_steps, run.checkpoint_every_steps);
  const Clock::time_point started = Clock::now();
  const double elapsed_before = state.elapsed_s;
  SinceReport since{0.0, 0.0, 0, {}, state.env_steps, started};
  std::optional<EvalResult> pending_eval;

  uint64_t reported_at = resume_from.empty() ? std::numeric_limits<uint64_t>::max() : state.env_steps;
  auto report = [&] {
    if (state.env_steps == reported_at && !pending_eval) return;
    reported_at = state.env_steps;
    const Clock::time_point now = Clock::now();
    state.elapsed_s = elapsed_before + std::chrono::duration<double>(now - started).count();
    MetricRow row;
    if (since.episodes > 0) {
      row.add("episode_return_mean", since.return_sum / static_cast<double>(since.episodes));
      row.add("episode_length_mean", since.length_sum / static_cast<double>(since.episodes));
    }
    row.add("episodes_total", static_cast<double>(state.episodes_total));
    for (const auto &[name, sum_count] : since.learner) {
      row.add("learner/" + name, sum_count.first / static_cast<double>(sum_count.second));
    }
    if (pending_eval) add_eval(row, *pending_eval);
    const double seconds = std::chrono::duration<double>(now - since.time_at).count();
    row.add("time/total_s", state.elapsed_s);
    row.add("time/env_steps_per_s", seconds > 0 ? static_cast<double>(state.env_steps - since.env_steps_at) / seconds : 0.0);
    log_row(row);
    since = SinceReport{0.0, 0.0, 0, {}, state.env_steps, now};
    pending_eval.reset();
  };

  EvalResult final_eval;
  try {
    while (state.env_steps < run.total_env_steps) {
      if (interrupted()) throw Interrupted();
      env.act(policy_, RLREC_ACT_EXPLORE, obs, tracker.episode_start(), act);
      env.step(act.slates.data(), out);
      finish_step(env, out, tracker.step_index(), time_limit, run.check_env);

      const rlrec_transition_batch batch =
          transition_batch(obs, act, out, episode_id.data(), tracker.step_index().data());
      if (policy_.learns()) {
        for (const rlrec_metric &m : policy_.learn(batch)) {
          auto &[sum, count] = since.learner[m.name];
          sum += m.value;
          ++count;
        }
      }
      const rlrec_act_output decisions = act.slice(0, rows);
      for (LoggerInstance &logger : loggers) {
        if (logger.takes_transitions()) logger.log_transitions(batch, decisions);
      }
      state.env_steps += rows;
      trained_env_steps_ = state.env_steps;

      reset_rows.clear();
      reset_seeds.clear();
      for (const EpisodeTracker::Ended &ended : tracker.record(out)) {
        since.return_sum += ended.episode_return;
        since.length_sum += ended.length;
        ++since.episodes;
        ++state.episodes_total;
        schedule_reset(ended.row);
      }
      std::swap(obs, out.obs);
      if (!reset_rows.empty()) {
        env.reset(reset_rows, reset_seeds, obs);
        if (run.check_env) check_reset(env, obs, reset_rows);
      }

      if (state.env_steps >= run.total_env_steps) break;  // the final row comes after the loop
      if (state.env_steps >= next_eval) {
        pending_eval = run_evaluation(run.eval_episodes);
        next_eval = next_multiple(state.env_steps, run.eval_every_steps);
      }
      if (state.env_steps >= next_report || pending_eval) {
        report();
        next_report = next_multiple(state.env_steps, report_every);
      }
      if (state.env_steps >= next_checkpoint) {
        checkpoint();
        next_checkpoint = next_multiple(state.env_steps, run.checkpoint_every_steps);
      }
    }
    final_eval = run_evaluation(run.eval_episodes);
    pending_eval = final_eval;
    report();
    checkpoint();
  } catch (const Interrupted &) {
    log_message(RLREC_LOG_WARNING, "interrupted at env step " + std::to_string(state.env_steps) +
                                       "; writing a final checkpoint");
    pending_eval.reset();
    report();
    checkpoint();
    throw;
  }
  log_message(RLREC_LOG_INFO, "finished " + std::to_string(state.env_steps) + " env steps; greedy return " +
                                  std::to_string(final_eval.episode_return_mean) + " over " +
                                  std::to_string(final_eval.episodes) + " episodes; run folder " + run_dir_text);
  return final_eval;
}

}  // namespace rlrec::core
