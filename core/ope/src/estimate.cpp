#include "rlrec_ope/estimate.hpp"

#include <iterator>

namespace rlrec::ope {
namespace {

// Indexed by the enums' values, which are consecutive from 0.
constexpr const char *kEstimatorNames[] = {"is", "wis", "tis", "pdis", "pdwis", "dm", "dr", "pi"};
constexpr const char *kWarningNames[] = {"missing_propensity", "zero_propensity",           "invalid_probability",
                                         "poor_overlap",       "inconsistent_propensities", "degenerate_weights"};

}  // namespace

const char *estimator_name(Estimator estimator) {
  const auto i = static_cast<uint32_t>(estimator);
  return i < std::size(kEstimatorNames) ? kEstimatorNames[i] : "unknown";
}

std::optional<Estimator> estimator_from_name(const std::string &name) {
  for (const Estimator estimator : kAllEstimators)
    if (name == estimator_name(estimator)) return estimator;
  return std::nullopt;
}

const char *warning_kind_name(WarningKind kind) {
  const auto i = static_cast<uint32_t>(kind);
  return i < std::size(kWarningNames) ? kWarningNames[i] : "unknown";
}

}  // namespace rlrec::ope
