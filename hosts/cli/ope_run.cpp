#include "ope_run.hpp"

#include <rlrec_ope/ridge.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <vector>

#include "errors.hpp"
#include "ope_features.hpp"
#include "ope_target.hpp"

namespace rlrec::cli {
namespace {

namespace ope = rlrec::ope;

constexpr std::size_t kMaxWarnings = 100;

rlrec_data::ReaderOptions reader_options(const OpeOptions &options) {
  rlrec_data::ReaderOptions r;
  r.skip_bad = options.skip_bad;
  return r;
}

// One pass: every decision of `path` with the target's view of it, in file order. Returns the
// reader's warnings.
std::vector<std::string> score_all(const std::filesystem::path &path, core::Engine &engine, const OpeOptions &options,
                                   const TargetScorer::Sink &sink) {
  rlrec_data::DatasetReader reader(path, reader_options(options));
  TargetScorer scorer(engine, options.mode);
  rlrec_data::Decision d;
  while (reader.next(d)) scorer.push(d, sink);
  scorer.flush(sink);
  return reader.stats().warnings;
}

// The rows of the episodes still open, handed to the estimators a part of whole episodes at a time.
class EpisodeParts {
 public:
  EpisodeParts(ope::EstimateStream &stream, std::size_t slate_size) : stream_(stream) {
    part_.slate_size = slate_size;
  }
  // The row's episode, which ends with it when `last`. Returns the episode's rows to be filled.
  ope::LoggedData &row_of(uint64_t episode) {
    ope::LoggedData &rows = open_[episode];
    rows.slate_size = part_.slate_size;
    return rows;
  }
  void end(uint64_t episode) {
    const auto it = open_.find(episode);
    part_.append(it->second);
    open_.erase(it);
    if (part_.size() >= kPartDecisions) flush();
  }
  // Ends what is still open (a dataset cut short mid-episode), in episode order, and hands over the rest.
  void finish() {
    std::vector<uint64_t> left;
    for (const auto &[episode, rows] : open_) left.push_back(episode);
    std::sort(left.begin(), left.end());
    for (const uint64_t episode : left) end(episode);
    flush();
  }

 private:
  static constexpr std::size_t kPartDecisions = 8192;
  void flush() {
    if (part_.size() > 0) stream_.add(part_);
    part_.clear();
  }
  ope::EstimateStream &stream_;
  std::unordered_map<uint64_t, ope::LoggedData> open_;
  ope::LoggedData part_;
};

}  // namespace

OpeResult run_ope(const std::filesystem::path &path, core::Engine &engine, const OpeOptions &options) {
  OpeResult out;
  std::unordered_map<uint64_t, uint32_t> open_length;  // decisions so far of the open episodes
  std::size_t slate_size = 0, horizon = 0;
  bool all_slots = true, any_slots = false;
  std::optional<SlateFeatures> features;
  std::optional<ope::RidgeFolds> model;
  std::string no_model;
  Eigen::VectorXd phi;
  double reward_sum = 0.0;

  // Pass 1: counts, the longest episode, and the reward model's sums.
  const auto first = [&](const rlrec_data::Decision &d, const TargetView &) {
    if (out.decisions++ == 0) {
      slate_size = d.slate.size();
      rlrec_data::DatasetShape shape;
      for (const rlrec_data::NamedArray &a : d.obs) shape.obs.emplace_back(a.name, a.shape);
      shape.slate_size = d.slate.size();
      features = SlateFeatures::for_shape(shape, no_model);
      if (features) model.emplace(features->dims(), options.folds, options.lambda);
    }
    const auto [it, opened] = open_length.try_emplace(d.episode_id, 0);
    if (opened) ++out.episodes;
    if (d.t > 0 || !opened) out.multi_step = true;
    horizon = std::max<std::size_t>(horizon, ++it->second);
    if (d.terminated || d.truncated) open_length.erase(it);
    all_slots = all_slots && !d.slot_propensity.empty();
    any_slots = any_slots || !d.slot_propensity.empty();
    reward_sum += d.reward;
    if (model) {
      features->of_slate(d, d.slate, phi);
      model->add(model->fold_of(d.episode_id), phi, d.reward);
    }
  };
  out.warnings = score_all(path, engine, options, first);
  if (out.decisions == 0) throw core::ConfigError(path.string() + ": the dataset holds no decision");
  out.behavior_episode_value = reward_sum / static_cast<double>(out.episodes);
  out.behavior_decision_value = reward_sum / static_cast<double>(out.decisions);
  if (!all_slots)
    out.warnings.push_back("missing_propensity: some decisions have no slot_propensity; `pi` leaves their "
                           "episodes out (all of them when no line has it)");
  if (!model) out.warnings.push_back("dm, dr: no reward model: " + no_model);
  if (out.multi_step && engine.policy_keeps_episode_history())
    out.warnings.push_back("target_history: the target policy '" + engine.config().policy.plugin +
                           "' reads the earlier steps of each episode (history features), which are not "
                           "replayed: every logged decision is scored as at an episode start, so the "
                           "estimates are of that approximation of the policy (docs/ope.md)");
  if (model) model->solve();
  out.model = model.has_value();

  // Pass 2: every decision's columns, with the cross-fitted predictions, in the same order (the
  // same reader skips the same lines; its warnings were reported by the first pass). The target
  // scores every decision again rather than keeping its [L, N] marginals from the first pass.
  const ope::Columns columns{true, any_slots && slate_size > 0, out.model};
  ope::EstimateStream stream(columns, horizon, options.estimators);
  EpisodeParts parts(stream, slate_size);
  uint64_t seen = 0;
  Eigen::VectorXd phi_target;
  const auto second = [&](const rlrec_data::Decision &d, const TargetView &target) {
    if (++seen > out.decisions) throw rlrec_data::DataError(path.string() + ": the dataset changed while it was read");
    ope::LoggedData &rows = parts.row_of(d.episode_id);
    rows.episode.push_back(d.episode_id);
    rows.t.push_back(d.t);
    rows.reward.push_back(d.reward);
    rows.behavior_prob.push_back(d.slate_prob);
    rows.target_prob.push_back(target.slate_prob);
    for (std::size_t l = 0; columns.slots && l < slate_size; ++l) {
      rows.behavior_slot_prob.push_back(d.slot_propensity.empty() ? std::nan("") : d.slot_propensity[l]);
      rows.target_slot_prob.push_back(target.slot_prob[l]);
    }
    if (model) {
      const int fold = model->fold_of(d.episode_id);
      features->of_slate(d, d.slate, phi);
      features->of_marginals(d, target.item_prob, phi_target);
      rows.q_logged.push_back(model->predict(fold, phi));
      rows.q_target.push_back(model->predict(fold, phi_target));
      if (!std::isfinite(rows.q_target.back()))
        throw core::ConfigError("the target policy '" + engine.config().policy.plugin +
                                "' gives no marginal for some slot (NaN: too many slate prefixes to enumerate), and "
                                "the reward model's expectation under it (dm, dr) needs every slot's");
    }
    if (d.terminated || d.truncated) parts.end(d.episode_id);
  };
  score_all(path, engine, options, second);
  if (seen != out.decisions) throw rlrec_data::DataError(path.string() + ": the dataset changed while it was read");
  parts.finish();
  out.estimates = stream.finish();
  if (out.warnings.size() > kMaxWarnings) out.warnings.resize(kMaxWarnings);
  return out;
}

}  // namespace rlrec::cli
