#include "ess.hpp"

#include <algorithm>
#include <limits>

namespace rlrec::ope {
namespace {

double ess_of(double sum, double sum_of_squares) {
  return sum_of_squares > 0.0 ? sum * sum / sum_of_squares : 0.0;
}

}  // namespace

EssSums::EssSums(Kind kind, size_t horizon) : kind_(kind) {
  if (kind_ != Kind::kPerStep) return;
  step_sum_.assign(horizon, 0.0);
  step_squares_.assign(horizon, 0.0);
  ended_.assign(horizon + 1, 0.0);
  ended_squares_.assign(horizon + 1, 0.0);
}

void EssSums::add(std::span<const uint32_t> decisions, const std::vector<double> &w) {
  double rho = 1.0;
  for (size_t t = 0; t < decisions.size(); ++t) {
    const double g = w[decisions[t]];
    rho *= g;
    if (kind_ == Kind::kDecision) sum_ += g, squares_ += g * g;
    if (kind_ == Kind::kPerStep) step_sum_[t] += rho, step_squares_[t] += rho * rho;
  }
  if (kind_ == Kind::kTrajectory) sum_ += rho, squares_ += rho * rho;
  if (kind_ == Kind::kPerStep) ended_[decisions.size()] += rho, ended_squares_[decisions.size()] += rho * rho;
}

double EssSums::value() const {
  if (kind_ != Kind::kPerStep) return ess_of(sum_, squares_);
  if (step_sum_.empty()) return 0.0;
  double smallest = std::numeric_limits<double>::infinity(), carried = 0.0, carried_sq = 0.0;
  for (size_t t = 0; t < step_sum_.size(); ++t) {
    carried += ended_[t], carried_sq += ended_squares_[t];
    smallest = std::min(smallest, ess_of(step_sum_[t] + carried, step_squares_[t] + carried_sq));
  }
  return smallest;
}

}  // namespace rlrec::ope
