#include "ess.hpp"

#include <algorithm>
#include <limits>

namespace rlrec::ope {
namespace {

double ess_of(double sum, double sum_of_squares) {
  return sum_of_squares > 0.0 ? sum * sum / sum_of_squares : 0.0;
}

}  // namespace

double decision_ess(const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w) {
  double sum = 0.0, squares = 0.0;
  for (const uint32_t e : used)
    for (const uint32_t d : episodes.decisions(e)) sum += w[d], squares += w[d] * w[d];
  return ess_of(sum, squares);
}

double trajectory_ess(const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w) {
  double sum = 0.0, squares = 0.0;
  for (const uint32_t e : used) {
    double rho = 1.0;
    for (const uint32_t d : episodes.decisions(e)) rho *= w[d];
    sum += rho, squares += rho * rho;
  }
  return ess_of(sum, squares);
}

double per_step_ess(const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w) {
  const size_t horizon = episodes.max_length();
  // Per step: Σ ρ, Σ ρ², and what episodes that ended at that step carry on adding.
  std::vector<double> sum(horizon, 0.0), squares(horizon, 0.0), ended(horizon + 1, 0.0), ended_sq(horizon + 1, 0.0);
  for (const uint32_t e : used) {
    const auto decisions = episodes.decisions(e);
    double rho = 1.0;
    for (size_t t = 0; t < decisions.size(); ++t) {
      rho *= w[decisions[t]];
      sum[t] += rho, squares[t] += rho * rho;
    }
    ended[decisions.size()] += rho, ended_sq[decisions.size()] += rho * rho;
  }
  if (horizon == 0) return 0.0;
  double smallest = std::numeric_limits<double>::infinity(), carried = 0.0, carried_sq = 0.0;
  for (size_t t = 0; t < horizon; ++t) {
    carried += ended[t], carried_sq += ended_sq[t];
    smallest = std::min(smallest, ess_of(sum[t] + carried, squares[t] + carried_sq));
  }
  return smallest;
}

}  // namespace rlrec::ope
