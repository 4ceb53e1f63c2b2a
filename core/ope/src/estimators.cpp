// The driver every estimator shares: check the data, weigh the decisions, keep the episodes whose
// every decision is usable, run the estimator's pass through the bootstrap, then judge the result
// (ESS, resamples without weight) and say so in warnings.
#include "rlrec_ope/estimators.hpp"

#include <cmath>
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

double ess_of(Estimator e, const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w) {
  switch (e) {
    case Estimator::kDm:
      return static_cast<double>(used.size());
    case Estimator::kTis:
      return trajectory_ess(episodes, used, w);
    case Estimator::kPdis:
    case Estimator::kPdwis:
    case Estimator::kDr:
      return per_step_ess(episodes, used, w);
    default:
      return decision_ess(episodes, used, w);
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

bool applies(Estimator estimator, const LoggedData &data) {
  if (uses_model(estimator) && data.q_logged.empty()) return false;
  if (uses_slate_weights(estimator) && data.behavior_prob.empty()) return false;
  if (estimator == Estimator::kPi && (data.slate_size == 0 || data.behavior_slot_prob.empty())) return false;
  return true;
}

Estimate estimate(Estimator estimator, const LoggedData &data, const Settings &settings) {
  data.check_shapes();
  if (!applies(estimator, data))
    throw std::invalid_argument(std::string("off-policy estimator '") + estimator_name(estimator) +
                                "' does not apply: the data lack the columns it reads");
  require_finite(data.reward, "reward");
  if (uses_model(estimator)) {
    require_finite(data.q_logged, "q_logged");
    require_finite(data.q_target, "q_target");
  }
  const Episodes episodes(data);

  Estimate out;
  out.estimator = estimator;
  Weights weights;
  if (estimator == Estimator::kPi)
    weights = pseudo_inverse_weights(data);
  else if (uses_slate_weights(estimator))
    weights = slate_weights(data);
  if (!weights.w.empty()) add_propensity_warnings(weights, out.warnings);

  std::vector<uint32_t> used;
  for (size_t e = 0; e < episodes.count(); ++e) {
    bool usable = true;
    for (const uint32_t d : episodes.decisions(e)) usable = usable && (weights.w.empty() || !std::isnan(weights.w[d]));
    if (!usable) continue;
    used.push_back(static_cast<uint32_t>(e));
    out.decisions += episodes.decisions(e).size();
  }
  out.units = used.size();

  const PassInputs inputs{data, episodes, weights.w, settings.gamma};
  const Pass pass = make_pass(estimator, inputs);
  PoissonBootstrap bootstrap(pass.width, settings.resamples, settings.seed);
  for (const uint32_t e : used) {
    bootstrap.next_unit();
    pass.add_episode(episodes.decisions(e), bootstrap);
  }
  out.value = pass.value(bootstrap.totals());
  const Interval interval = percentile_interval(bootstrap, pass.value, settings.confidence);
  out.ci_low = interval.low;
  out.ci_high = interval.high;
  out.ess = ess_of(estimator, episodes, used, weights.w);
  judge(out, settings, interval);
  return out;
}

std::vector<Estimate> estimate_all(const LoggedData &data, const Settings &settings) {
  std::vector<Estimate> estimates;
  for (const Estimator estimator : kAllEstimators)
    if (applies(estimator, data)) estimates.push_back(estimate(estimator, data, settings));
  return estimates;
}

}  // namespace rlrec::ope
