#include "weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "format.hpp"

namespace rlrec::ope {
namespace {

enum class Check { kOk, kMissing, kZero, kInvalid };

// Probabilities computed in floating point may exceed 1 by rounding; more than this is an error.
constexpr double kSlack = 1e-9;

Check check(double behavior, double target) {
  if (std::isnan(behavior) || std::isnan(target)) return Check::kMissing;
  if (!(behavior >= 0.0 && behavior <= 1.0 + kSlack && target >= 0.0 && target <= 1.0 + kSlack)) return Check::kInvalid;
  return behavior == 0.0 ? Check::kZero : Check::kOk;
}

void count(Weights &weights, Check result) {
  if (result == Check::kMissing) ++weights.missing;
  if (result == Check::kZero) ++weights.zero;
  if (result == Check::kInvalid) ++weights.invalid;
}

void add_ratio(Weights &weights, double ratio) {
  weights.ratio_sum += ratio;
  weights.ratio_sq_sum += ratio * ratio;
  ++weights.ratio_count;
}

}  // namespace

Weights slate_weights(const LoggedData &data) {
  Weights weights;
  weights.w.assign(data.size(), std::numeric_limits<double>::quiet_NaN());
  weights.decisions = data.size();
  for (size_t i = 0; i < data.size(); ++i) {
    const Check result = check(data.behavior_prob[i], data.target_prob[i]);
    count(weights, result);
    if (result != Check::kOk) continue;
    weights.w[i] = data.target_prob[i] / data.behavior_prob[i];
    add_ratio(weights, weights.w[i]);
  }
  return weights;
}

Weights pseudo_inverse_weights(const LoggedData &data) {
  Weights weights;
  const size_t slots = data.slate_size;
  weights.w.assign(data.size(), std::numeric_limits<double>::quiet_NaN());
  weights.decisions = data.size();
  for (size_t i = 0; i < data.size(); ++i) {
    Check worst = Check::kOk;
    for (size_t l = 0; l < slots && worst == Check::kOk; ++l)
      worst = check(data.behavior_slot_prob[i * slots + l], data.target_slot_prob[i * slots + l]);
    count(weights, worst);
    if (worst != Check::kOk) continue;
    double g = 1.0 - static_cast<double>(slots);
    for (size_t l = 0; l < slots; ++l) {
      const double ratio = data.target_slot_prob[i * slots + l] / data.behavior_slot_prob[i * slots + l];
      g += ratio;
      add_ratio(weights, ratio);
    }
    weights.w[i] = g;
  }
  return weights;
}

void add_summary(Weights &into, const Weights &part) {
  into.decisions += part.decisions;
  into.missing += part.missing;
  into.zero += part.zero;
  into.invalid += part.invalid;
  into.ratio_sum += part.ratio_sum;
  into.ratio_sq_sum += part.ratio_sq_sum;
  into.ratio_count += part.ratio_count;
}

void add_propensity_warnings(const Weights &weights, std::vector<Warning> &warnings) {
  const auto n = static_cast<double>(weights.decisions);
  if (weights.missing > 0)
    warnings.push_back({WarningKind::kMissingPropensity, weights.missing,
                        format("%zu decisions (%.2f%%) have no logged propensity; their episodes are left out",
                               weights.missing, 100.0 * static_cast<double>(weights.missing) / n)});
  if (weights.zero > 0)
    warnings.push_back({WarningKind::kZeroPropensity, weights.zero,
                        format("%zu decisions (%.2f%%) were logged with behaviour probability 0: the log is wrong "
                               "or the target acts where the behaviour never does; their episodes are left out",
                               weights.zero, 100.0 * static_cast<double>(weights.zero) / n)});
  if (weights.invalid > 0)
    warnings.push_back({WarningKind::kInvalidProbability, weights.invalid,
                        format("%zu decisions (%.2f%%) have a probability outside [0, 1]; their episodes are left out",
                               weights.invalid, 100.0 * static_cast<double>(weights.invalid) / n)});
  if (weights.ratio_count < 2) return;
  const auto m = static_cast<double>(weights.ratio_count);
  const double mean = weights.ratio_sum / m;
  const double se = std::sqrt(std::max(0.0, weights.ratio_sq_sum / m - mean * mean) / m);
  // E_μ[π/μ] is the mass π puts where μ acts: below 1 means π has mass μ never explores, which no
  // importance weight can recover; above 1 means the logged μ understates what μ did.
  if (mean + 4.0 * se < 1.0)
    warnings.push_back({WarningKind::kPoorOverlap, 0,
                        format("the mean importance ratio is %.3f (+-%.3f): the target puts about %.0f%% of its mass "
                               "where the behaviour never acts, and the estimates miss that part",
                               mean, se, 100.0 * (1.0 - mean))});
  else if (mean - 4.0 * se > 1.0)
    warnings.push_back({WarningKind::kInconsistentPropensities, 0,
                        format("the mean importance ratio is %.3f (+-%.3f), clearly above 1: the logged behaviour "
                               "probabilities are too small to be the ones the behaviour used",
                               mean, se)});
}

}  // namespace rlrec::ope
