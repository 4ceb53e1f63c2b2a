// The driver every estimator shares, one part of the dataset at a time (EstimateStream): check the
// part, weigh its decisions, keep the episodes whose every decision is usable, run the estimator's
// pass through the bootstrap; at the end, judge the result (ESS, resamples without weight) and say
// so in warnings. estimate() and estimate_all() are the stream of one part.
#include "rlrec_ope/estimators.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>

#include "bootstrap.hpp"
#include "episodes.hpp"
#include "ess.hpp"
#include "format.hpp"
#include "passes.hpp"
#include "weights.hpp"

namespace rlrec::ope {
namespace {

bool uses_model(Estimator e) {
  return e == Estimator::kDm || e == Estimator::kDr;
}
bool uses_slate_weights(Estimator e) {
  return e != Estimator::kDm && e != Estimator::kPi;
}
// Estimators of the value of one decision count ESS in decisions; the others in episodes.
bool per_decision(Estimator e) {
  return e == Estimator::kIs || e == Estimator::kWis || e == Estimator::kPi;
}

void require_finite(const std::vector<double> &column, const char *name) {
  for (size_t i = 0; i < column.size(); ++i)
    if (!std::isfinite(column[i]))
      throw std::invalid_argument(std::string("logged data: ") + name + " of decision " + std::to_string(i) +
                                  " is not a finite number");
}

Pass make_pass(Estimator e, const PassInputs &in) {
  switch (e) {
    case Estimator::kIs:
    case Estimator::kPi:
      return decision_pass(in, false);
    case Estimator::kWis:
      return decision_pass(in, true);
    default:
      return episode_pass(e, in);
  }
}

EssSums::Kind ess_kind(Estimator e) {
  switch (e) {
    case Estimator::kTis:
      return EssSums::Kind::kTrajectory;
    case Estimator::kPdis:
    case Estimator::kPdwis:
    case Estimator::kDr:
      return EssSums::Kind::kPerStep;
    default:
      return EssSums::Kind::kDecision;
  }
}

// Flags the interval untrustworthy, with the reason, when the weights or the resamples are
// degenerate.
void judge(Estimate &out, const Settings &settings, const Interval &interval) {
  const auto units = static_cast<double>(per_decision(out.estimator) ? out.decisions : out.units);
  const char *unit = per_decision(out.estimator) ? "decisions" : "episodes";
  if (out.units < 2) {
    out.interval_trustworthy = false;
    out.warnings.push_back({WarningKind::kDegenerateWeights, 0,
                            format("only %zu usable episodes: there is no interval to speak of", out.units)});
  } else if (out.ess < settings.min_ess || out.ess < settings.min_ess_fraction * units) {
    out.interval_trustworthy = false;
    out.warnings.push_back(
        {WarningKind::kDegenerateWeights, 0,
         format("effective sample size %.1f of %.0f %s (%.3f%%): a few weights dominate (the policies barely "
                "overlap, or the horizon makes the products explode); the estimate and its interval are not "
                "trustworthy",
                out.ess, units, unit, 100.0 * out.ess / units)});
  }
  if (settings.resamples == 0) {
    out.interval_trustworthy = false;
    return;
  }
  const uint32_t lost = settings.resamples - interval.finite;
  // A resample whose weights sum to 0 has no value; more than 1% of those means the weight sits on
  // a handful of episodes.
  if (lost * 100 > settings.resamples) {
    out.interval_trustworthy = false;
    out.warnings.push_back({WarningKind::kDegenerateWeights, lost,
                            format("%u of %u bootstrap resamples had no weight at all", lost, settings.resamples)});
  }
}

}  // namespace

Columns Columns::of(const LoggedData &data) {
  return {!data.behavior_prob.empty(), data.slate_size > 0 && !data.behavior_slot_prob.empty(), !data.q_logged.empty()};
}

bool applies(Estimator estimator, const Columns &columns) {
  if (uses_model(estimator) && !columns.model) return false;
  if (uses_slate_weights(estimator) && !columns.slate) return false;
  if (estimator == Estimator::kPi && !columns.slots) return false;
  return true;
}

bool applies(Estimator estimator, const LoggedData &data) {
  return applies(estimator, Columns::of(data));
}

// One estimator's sums so far.
struct EstimateStream::State {
  Estimator estimator;
  PoissonBootstrap bootstrap;
  std::function<double(std::span<const double>)> value;
  EssSums ess;
  Weights summary;  // counts and ratio sums of the weights (not the weights)
  size_t units = 0, decisions = 0;
};

EstimateStream::EstimateStream(const Columns &columns, size_t horizon, const Settings &settings)
    : columns_(columns), horizon_(horizon), settings_(settings) {
  const LoggedData none;
  const Episodes no_episodes(none);
  const std::vector<double> no_weights;
  const PassInputs inputs{none, no_episodes, no_weights, settings_.gamma, horizon_};  // for width and value only
  for (const Estimator e : kAllEstimators) {
    if (!applies(e, columns_)) continue;
    const Pass pass = make_pass(e, inputs);
    states_.push_back(State{e, PoissonBootstrap(pass.width, settings_.resamples, settings_.seed), pass.value,
                            EssSums(ess_kind(e), horizon_), Weights{}});
  }
}

EstimateStream::~EstimateStream() = default;

void EstimateStream::add(const LoggedData &part) {
  part.check_shapes();
  const Columns filled = Columns::of(part);
  if ((columns_.slate && !filled.slate) || (columns_.slots && !filled.slots) || (columns_.model && !filled.model))
    throw std::invalid_argument("logged data: a part lacks a column the estimators were set up for");
  require_finite(part.reward, "reward");
  if (columns_.model) {
    require_finite(part.q_logged, "q_logged");
    require_finite(part.q_target, "q_target");
  }
  const Episodes episodes(part);
  if (episodes.max_length() > horizon_)
    throw std::invalid_argument("logged data: an episode of " + std::to_string(episodes.max_length()) +
                                " decisions is longer than the horizon " + std::to_string(horizon_));
  Weights slate, slots;
  if (columns_.slate) slate = slate_weights(part);
  if (columns_.slots) slots = pseudo_inverse_weights(part);
  const std::vector<double> no_weights;
  for (State &state : states_) {
    const Estimator e = state.estimator;
    const Weights *weights = e == Estimator::kPi ? &slots : uses_slate_weights(e) ? &slate : nullptr;
    const std::vector<double> &w = weights != nullptr ? weights->w : no_weights;
    if (weights != nullptr) add_summary(state.summary, *weights);
    const PassInputs inputs{part, episodes, w, settings_.gamma, horizon_};  // the pass keeps a reference
    const Pass pass = make_pass(e, inputs);
    for (size_t episode = 0; episode < episodes.count(); ++episode) {
      const std::span<const uint32_t> decisions = episodes.decisions(episode);
      if (!w.empty() && std::any_of(decisions.begin(), decisions.end(), [&](uint32_t d) { return std::isnan(w[d]); }))
        continue;
      ++state.units;
      state.decisions += decisions.size();
      state.bootstrap.next_unit();
      pass.add_episode(decisions, state.bootstrap);
      if (!w.empty()) state.ess.add(decisions, w);
    }
  }
}

std::vector<Estimate> EstimateStream::finish() const {
  std::vector<Estimate> estimates;
  for (const State &state : states_) {
    Estimate out;
    out.estimator = state.estimator;
    if (state.estimator != Estimator::kDm) add_propensity_warnings(state.summary, out.warnings);
    out.units = state.units;
    out.decisions = state.decisions;
    out.value = state.value(state.bootstrap.totals());
    const Interval interval = percentile_interval(state.bootstrap, state.value, settings_.confidence);
    out.ci_low = interval.low;
    out.ci_high = interval.high;
    out.ess = state.estimator == Estimator::kDm ? static_cast<double>(state.units) : state.ess.value();
    judge(out, settings_, interval);
    estimates.push_back(std::move(out));
  }
  return estimates;
}

Estimate estimate(Estimator estimator, const LoggedData &data, const Settings &settings) {
  data.check_shapes();
  if (!applies(estimator, data))
    throw std::invalid_argument(std::string("off-policy estimator '") + estimator_name(estimator) +
                                "' does not apply: the data lack the columns it reads");
  for (const Estimate &e : estimate_all(data, settings))
    if (e.estimator == estimator) return e;
  throw std::logic_error("estimate: an applicable estimator was not computed");
}

std::vector<Estimate> estimate_all(const LoggedData &data, const Settings &settings) {
  data.check_shapes();
  EstimateStream stream(Columns::of(data), Episodes(data).max_length(), settings);
  stream.add(data);
  return stream.finish();
}

}  // namespace rlrec::ope
