// collector.cpp — Engine::collect: a behaviour dataset for offline RL and off-policy evaluation.
//
// The policy acts in EXPLORE mode (its behaviour, with the probability of each slate) and does not
// learn: OPE, BC and MARWIL assume the logged propensities are those of one fixed behaviour policy.
// (To log a policy while it learns, add the `dataset` logger to a `rlrec train` run.) Episodes use
// their own seed stream, so a dataset never holds the users evaluations are measured on. Only the
// rows of the requested episodes are written; the filler episodes of the tail are not.
#include <algorithm>

#include "engine.hpp"
#include "episode_loop.hpp"
#include "errors.hpp"

namespace rlrec::core {
namespace {

constexpr const char *kDatasetPlugin = "dataset";

// The rows of a step that belong to requested episodes, copied into a batch of their own.
class KeptRows {
 public:
  KeptRows(const VectorEnv &env, uint32_t rows)
      : obs_(env.fields(), rows),
        out_(env.spec(), rows),
        act_(rows, env.slate_size()),
        episode_id_(rows),
        step_index_(rows) {}

  // Copies the requested episodes' rows of `step`; returns how many.
  uint32_t keep(const EpisodeStep &step) {
    const uint32_t slate = act_.slate_size;
    const uint32_t info = out_.num_info;
    uint32_t k = 0;
    for (uint32_t r = 0; r < step.obs.rows(); ++r) {
      if (step.episode_of_row[r] < 0) continue;
      obs_.copy_row(k, step.obs, r);
      out_.obs.copy_row(k, step.out.obs, r);
      out_.reward[k] = step.out.reward[r];
      out_.terminated[k] = step.out.terminated[r];
      out_.truncated[k] = step.out.truncated[r];
      std::copy_n(step.out.info.begin() + r * info, info, out_.info.begin() + k * info);
      std::copy_n(step.act.slates.begin() + r * slate, slate, act_.slates.begin() + k * slate);
      std::copy_n(step.act.slot_propensity.begin() + r * slate, slate, act_.slot_propensity.begin() + k * slate);
      std::copy_n(step.act.scores.begin() + r * slate, slate, act_.scores.begin() + k * slate);
      act_.slate_prob[k] = step.act.slate_prob[r];
      episode_id_[k] = static_cast<uint64_t>(step.episode_of_row[r]);
      step_index_[k] = step.step_index[r];
      ++k;
    }
    kept_ = k;
    return k;
  }

  rlrec_transition_batch batch() const {
    rlrec_transition_batch batch = transition_batch(obs_, act_, out_, episode_id_.data(), step_index_.data());
    batch.rows = kept_;
    return batch;
  }
  rlrec_act_output decisions() { return act_.slice(0, kept_); }

 private:
  ObsBuffers obs_;
  EnvOutputBuffers out_;
  ActBuffers act_;
  std::vector<uint64_t> episode_id_;
  std::vector<uint32_t> step_index_;
  uint32_t kept_ = 0;
};

}  // namespace

CollectResult Engine::collect(uint64_t episodes, const std::filesystem::path &out) {
  InterruptScope clear_when_done{interrupt_};
  const std::filesystem::path target = std::filesystem::absolute(out);

  // The writer: the config's `dataset` logger (its params), else the plugin with its defaults;
  // the path is --out's, and the behaviour policy is named unless the config names it.
  PluginRef writer_plugin;
  YAML::Node params(YAML::NodeType::Map);
  for (std::size_t i = 0; i < loggers_.size(); ++i) {
    if (loggers_[i].plugin.id() != kDatasetPlugin) continue;
    writer_plugin = loggers_[i].plugin;
    if (config_.loggers[i].params && config_.loggers[i].params.IsMap()) params = YAML::Clone(config_.loggers[i].params);
  }
  if (writer_plugin.factory == nullptr) writer_plugin = registry_.find(kDatasetPlugin, RLREC_KIND_LOGGER);
  params["path"] = target.string();
  if (!params["policy_id"]) params["policy_id"] = policy_id();
  if (!params["policy_version"]) params["policy_version"] = policy_version();
  const ParamValues writer_params =
      ParamValues::validate(std::span(writer_plugin.desc().params, writer_plugin.desc().num_params), params,
                            config_.doc, "the dataset params of " + writer_plugin.label());

  const RunSettings &run = config_.run;
  const auto rows = static_cast<uint32_t>(std::clamp<uint64_t>(episodes, 1, config_.num_envs));
  VectorEnv env(training_env().plugin, training_env().params, rows, std::min(run.workers, rows));
  const std::string run_dir = target.parent_path().string();
  rlrec_logger_context context{};
  context.struct_size = sizeof context;
  context.run_dir = run_dir.c_str();
  context.run_name = run.name.c_str();
  context.env = &env.spec();
  LoggerInstance writer = LoggerInstance::create(writer_plugin, writer_params, context);

  CollectResult result;
  result.episodes = episodes;
  double return_sum = 0.0;
  KeptRows kept(env, rows);
  EpisodeHooks hooks;
  hooks.on_step = [&](const EpisodeStep &step) {
    if (kept.keep(step) == 0) return;
    const rlrec_transition_batch batch = kept.batch();
    writer.log_transitions(batch, kept.decisions());
    result.decisions += batch.rows;
  };
  hooks.on_end = [&](uint64_t, const EpisodeTracker::Ended &ended) { return_sum += ended.episode_return; };
  hooks.interrupted = [this] { return interrupted(); };
  try {
    run_episodes(env, policy_, RLREC_ACT_EXPLORE, episodes, run, kCollectEpisodes, hooks);
  } catch (const Interrupted &) {
    writer.flush();
    throw;
  }
  writer.flush();
  result.episode_return_mean = return_sum / static_cast<double>(episodes);
  return result;
}

}  // namespace rlrec::core
