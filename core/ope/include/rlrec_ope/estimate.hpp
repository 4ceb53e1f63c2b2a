// rlrec_ope/estimate.hpp — what an off-policy estimate reports: the value, its bootstrap
// interval, the effective sample size of its weights, and what went wrong, as data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlrec::ope {

// The estimators (docs/ope.md has the formulas). What each one estimates:
//   is, wis       the value of one decision (bandit logs: the policy value), w = π(A|x)/μ(A|x)
//   tis           trajectory IS: the discounted episode return, weighted by the whole product ρ_T
//   pdis, pdwis   per-decision (weighted) IS: the discounted episode return, ρ_t per step
//   dm            direct method: mean of q_target at each episode's first step
//   dr            doubly robust (Jiang & Li 2016; for one-step episodes the bandit DR)
//   pi            pseudo-inverse for slates (Swaminathan et al. 2017), per-slot propensities
enum class Estimator : uint32_t { kIs, kWis, kTis, kPdis, kPdwis, kDm, kDr, kPi };

inline constexpr Estimator kAllEstimators[] = {Estimator::kIs,    Estimator::kWis, Estimator::kTis, Estimator::kPdis,
                                               Estimator::kPdwis, Estimator::kDm,  Estimator::kDr,  Estimator::kPi};

// "is", "wis", "tis", "pdis", "pdwis", "dm", "dr", "pi".
const char *estimator_name(Estimator estimator);
// The inverse of estimator_name; nullopt for an unknown name.
std::optional<Estimator> estimator_from_name(const std::string &name);

enum class WarningKind : uint32_t {
  kMissingPropensity,         // NaN propensity: the row's episode is left out
  kZeroPropensity,            // μ = 0 for the logged action: a logging error, or π acts where μ never does
  kInvalidProbability,        // a probability outside [0, 1] or not a number: left out
  kPoorOverlap,               // mean weight clearly below 1: π puts mass where μ has none (bias)
  kInconsistentPropensities,  // mean weight clearly above 1: the logged μ cannot be right
  kDegenerateWeights,         // effective sample size too small: the interval is not trustworthy
};

const char *warning_kind_name(WarningKind kind);  // "missing_propensity", ...

struct Warning {
  WarningKind kind;
  size_t count = 0;     // decisions (or resamples, for kDegenerateWeights) concerned; 0 if none apply
  std::string message;  // one sentence for a person, with the numbers
};

struct Estimate {
  Estimator estimator = Estimator::kIs;
  double value = 0.0;    // NaN when no usable episode was left
  double ci_low = 0.0;   // percentile bootstrap interval at Settings::confidence; NaN without
  double ci_high = 0.0;  // resamples
  // (Σ g)² / Σ g² over the estimator's weights g (the number of samples they are worth); for
  // pdis, pdwis and dr on episodes the smallest such figure over steps; for dm, `units`.
  double ess = 0.0;
  size_t units = 0;      // episodes used (decisions, for a bandit log)
  size_t decisions = 0;  // decisions in those episodes
  // False when the interval must not be read as a confidence interval: degenerate weights, too
  // few units, or many resamples without weight. The warnings say which.
  bool interval_trustworthy = true;
  std::vector<Warning> warnings;
};

struct Settings {
  uint32_t resamples = 200;  // bootstrap replicates (0: no interval)
  uint64_t seed = 0;         // the bootstrap's random stream
  double confidence = 0.95;  // of the percentile interval
  double gamma = 1.0;        // discount of the episodic estimators (tis, pdis, pdwis, dm, dr)
  // The interval is flagged untrustworthy when ESS < min_ess_fraction * units or ESS < min_ess.
  double min_ess_fraction = 0.01;
  double min_ess = 10.0;
};

}  // namespace rlrec::ope
