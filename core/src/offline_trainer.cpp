// offline_trainer.cpp — Engine::run_offline_training: training from a logged dataset
// (`input: {dataset: PATH}`, docs/offline.md) instead of from env steps.
//
// Each epoch streams the dataset once (rlrec_data reader: memory bounded by its window and one
// batch, not by the file), rebuilds transition batches of input.batch_size logged decisions
// (logged_batches.hpp) and hands them to the policy's learn, exactly as the runner hands it the
// transitions of env steps. The counters that schedule reports and checkpoints count learnt
// decisions where the env loop counts env steps. The env of the config, when it has one, is only
// an evaluator here: the policy is evaluated in it (greedy, held-out seeds) every
// input.eval_every_epochs epochs and at the end, so a run on logs reports a simulator return.
// Without an env (logs of a system with no simulator) the spec comes from data_spec.hpp and the
// result carries no episodes.
#include <rlrec_data/dataset_reader.hpp>

#include <limits>
#include <map>

#include "checkpoint.hpp"
#include "engine.hpp"
#include "errors.hpp"
#include "file_io.hpp"
#include "host_services.hpp"
#include "logged_batches.hpp"
#include "metric_row.hpp"
#include "run_info.hpp"

namespace rlrec::core {

EvalResult Engine::run_offline_training(const std::filesystem::path &run_dir) {
  const InputSettings &input = config_.input;
  const RunSettings &run = config_.run;
  if (!policy_.learns()) {
    throw ConfigError(config_.doc.where(config_.policy.node) + ": policy '" + config_.policy.plugin +
                      "' does not learn, so there is nothing to train from 'input.dataset'");
  }
  write_file_atomic(run_dir / "config.yaml", emit_yaml(resolved_));
  std::vector<RunPlugin> plugins = {{"policy", policy_plugin_.plugin}};
  if (env_) plugins.insert(plugins.begin(), {"env", env_->plugin});
  for (std::size_t i = 0; i < loggers_.size(); ++i) plugins.push_back({"loggers[" + std::to_string(i) + "]", loggers_[i].plugin});
  write_run_info(run_dir, config_.doc.base_dir(), plugins, false);

  const std::string run_dir_text = run_dir.string();
  rlrec_logger_context context{};
  context.struct_size = sizeof context;
  context.run_dir = run_dir_text.c_str();
  context.run_name = run.name.c_str();
  context.env = &policy_spec_;
  std::vector<LoggerInstance> loggers;
  for (const ResolvedPlugin &logger : loggers_) loggers.push_back(LoggerInstance::create(logger.plugin, logger.params, context));

  RunnerState state;
  state.episode_count.assign(config_.num_envs, 0);
  rlrec_data::ReaderOptions options;
  options.skip_bad = input.skip_bad;
  options.on_warning = [](const std::string &w) { log_message(RLREC_LOG_WARNING, w); };
  LoggedBatches batches(policy_spec_, input.batch_size);
  EvalResult final_eval;
  for (uint32_t epoch = 1; epoch <= input.epochs; ++epoch) {
    std::map<std::string, std::pair<double, uint64_t>> learnt;  // name -> (sum, count) this epoch
    auto learn = [&] {
      for (const rlrec_metric &m : policy_.learn(batches.batch())) {
        auto &[sum, count] = learnt[m.name];
        sum += m.value;
        ++count;
      }
      state.env_steps += batches.rows();
      trained_env_steps_ = state.env_steps;
      batches.clear();
    };
    rlrec_data::DatasetReader reader(input.dataset, options);
    rlrec_data::Decision d;
    uint64_t episodes = 0;
    uint64_t last_episode = std::numeric_limits<uint64_t>::max();
    while (reader.next(d)) {
      if (interrupted()) throw Interrupted();
      episodes += d.episode_id != last_episode ? 1 : 0;
      last_episode = d.episode_id;
      if (batches.add(d, input.dataset.string() + ": decision " + std::to_string(reader.stats().decisions))) learn();
    }
    if (batches.finish()) learn();
    if (reader.stats().decisions == 0) throw ConfigError(input.dataset.string() + ": the dataset holds no decisions");
    state.episodes_total += episodes;

    MetricRow row;
    row.add("offline/epoch", epoch);
    row.add("offline/decisions", static_cast<double>(reader.stats().decisions));
    row.add("offline/bad_lines", static_cast<double>(reader.stats().bad_lines));
    for (const auto &[name, sum_count] : learnt) {
      row.add("learner/" + name, sum_count.first / static_cast<double>(sum_count.second));
    }
    const bool last = epoch == input.epochs;
    if (env_ && (last || (input.eval_every_epochs != 0 && epoch % input.eval_every_epochs == 0))) {
      final_eval = run_evaluation(run.eval_episodes);
      add_eval(row, final_eval);
    }
    const std::vector<rlrec_metric> metrics = row.view();
    for (LoggerInstance &logger : loggers) {
      if (logger.takes_metrics()) logger.log_metrics(state.env_steps, metrics);
    }
  }
  for (LoggerInstance &logger : loggers) logger.flush();
  write_checkpoint(run_dir, resolved_, policy_.save(), state, run.checkpoint_keep);
  const std::string evaluated = env_ ? "greedy return " + std::to_string(final_eval.episode_return_mean) + " over " +
                                          std::to_string(final_eval.episodes) + " episodes"
                                    : "no env to evaluate in (rlrec ope estimates its value from logs)";
  log_message(RLREC_LOG_INFO, "trained on " + std::to_string(state.env_steps) + " logged decisions (" +
                                  std::to_string(input.epochs) + " epochs); " + evaluated + "; run folder " + run_dir_text);
  final_eval.env_steps = state.env_steps;
  return final_eval;
}

}  // namespace rlrec::core
