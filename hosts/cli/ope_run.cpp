#include "ope_run.hpp"

#include <rlrec_ope/ridge.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_set>

#include "errors.hpp"
#include "ope_features.hpp"
#include "ope_target.hpp"

namespace rlrec::cli {
namespace {

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

}  // namespace

OpeData read_for_ope(const std::filesystem::path &path, core::Engine &engine, const OpeOptions &options) {
  OpeData out;
  rlrec::ope::LoggedData &data = out.logged;
  std::unordered_set<uint64_t> episodes;  // the one per-episode state: distinct ids
  bool slot_propensities = true;
  std::optional<SlateFeatures> features;
  std::optional<rlrec::ope::RidgeFolds> model;
  std::string no_model;
  Eigen::VectorXd phi;
  double reward_sum = 0.0;

  // Pass 1: the columns, and the reward model's sums.
  const auto first = [&](const rlrec_data::Decision &d, const TargetView &target) {
    if (data.size() == 0) {
      data.slate_size = d.slate.size();
      rlrec_data::DatasetShape shape;
      for (const rlrec_data::NamedArray &a : d.obs) shape.obs.emplace_back(a.name, a.shape);
      shape.slate_size = d.slate.size();
      features = SlateFeatures::for_shape(shape, no_model);
      if (features) model.emplace(features->dims(), options.folds, options.lambda);
    }
    data.episode.push_back(d.episode_id);
    data.t.push_back(d.t);
    data.reward.push_back(d.reward);
    data.behavior_prob.push_back(d.slate_prob);
    data.target_prob.push_back(target.slate_prob);
    if (d.slot_propensity.empty()) slot_propensities = false;
    for (std::size_t l = 0; l < data.slate_size; ++l) {
      data.behavior_slot_prob.push_back(d.slot_propensity.empty() ? std::nan("") : d.slot_propensity[l]);
      data.target_slot_prob.push_back(target.slot_prob[l]);
    }
    if (d.t > 0) out.multi_step = true;
    if (!episodes.insert(d.episode_id).second) out.multi_step = true;
    reward_sum += d.reward;
    if (model) {
      features->of_slate(d, d.slate, phi);
      model->add(model->fold_of(d.episode_id), phi, d.reward);
    }
  };
  out.warnings = score_all(path, engine, options, first);

  const std::size_t n = data.size();
  out.episodes = episodes.size();
  out.behavior_episode_value = out.episodes ? reward_sum / static_cast<double>(out.episodes) : std::nan("");
  out.behavior_decision_value = n ? reward_sum / static_cast<double>(n) : std::nan("");
  if (!slot_propensities) {
    out.warnings.push_back("missing_propensity: some decisions have no slot_propensity; `pi` leaves their "
                           "episodes out (all of them when no line has it)");
    if (std::all_of(data.behavior_slot_prob.begin(), data.behavior_slot_prob.end(),
                    [](double p) { return std::isnan(p); })) {
      data.behavior_slot_prob.clear();
      data.target_slot_prob.clear();
    }
  }
  if (n == 0) return out;
  if (!model) {
    out.warnings.push_back("dm, dr: no reward model: " + no_model);
    return out;
  }

  // Pass 2: the cross-fitted predictions, row for row in the same order (the same reader skips
  // the same lines; its warnings were reported by the first pass). The target scores every
  // decision again rather than keeping its [L, N] marginals per decision from the first pass.
  model->solve();
  data.q_logged.reserve(n);
  data.q_target.reserve(n);
  Eigen::VectorXd phi_target;
  const auto second = [&](const rlrec_data::Decision &d, const TargetView &target) {
    if (data.q_logged.size() == n) throw rlrec_data::DataError(path.string() + ": the dataset changed while it was read");
    const int fold = model->fold_of(d.episode_id);
    features->of_slate(d, d.slate, phi);
    features->of_marginals(d, target.item_prob, phi_target);
    data.q_logged.push_back(model->predict(fold, phi));
    data.q_target.push_back(model->predict(fold, phi_target));
    if (!std::isfinite(data.q_target.back()))
      throw core::ConfigError("the target policy '" + engine.config().policy.plugin +
                              "' gives no marginal for some slot (NaN: too many slate prefixes to enumerate), and the "
                              "reward model's expectation under it (dm, dr) needs every slot's");
  };
  score_all(path, engine, options, second);
  if (data.q_logged.size() != n)
    throw rlrec_data::DataError(path.string() + ": the dataset changed while it was read");
  out.model = true;
  if (out.warnings.size() > kMaxWarnings) out.warnings.resize(kMaxWarnings);
  return out;
}

}  // namespace rlrec::cli
