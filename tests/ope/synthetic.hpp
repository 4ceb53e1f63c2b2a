// synthetic.hpp — what the synthetic problems of the calibration tests share: softmax policies,
// sampling from them, and summaries of repeated estimates against a known truth.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <vector>

#include "rlrec_nn/rng.hpp"

namespace rlrec::ope::testing {

// softmax(scale * logits), mixed with `uniform` of the uniform distribution.
inline Eigen::VectorXd softmax(const Eigen::VectorXd &logits, double scale, double uniform = 0.0) {
  Eigen::VectorXd p = (scale * (logits.array() - logits.maxCoeff())).exp().matrix();
  p /= p.sum();
  return ((1.0 - uniform) * p.array() + uniform / static_cast<double>(p.size())).matrix();
}

inline int sample(nn::Rng &rng, const Eigen::VectorXd &probs) {
  double u = rng.uniform();
  for (int a = 0; a + 1 < probs.size(); ++a) {
    if (u < probs[a]) return a;
    u -= probs[a];
  }
  return static_cast<int>(probs.size()) - 1;
}

// Estimates of one estimator over seeded repetitions, against the true value.
struct Errors {
  explicit Errors(double true_value) : truth(true_value) {}

  double truth;
  std::vector<double> values;
  int covered = 0;

  void add(double value, double low, double high) {
    values.push_back(value);
    covered += low <= truth && truth <= high;
  }
  double mean_abs_error() const {
    double s = 0.0;
    for (const double v : values) s += std::abs(v - truth);
    return s / static_cast<double>(values.size());
  }
  double mean_squared_error() const {
    double s = 0.0;
    for (const double v : values) s += (v - truth) * (v - truth);
    return s / static_cast<double>(values.size());
  }
  // |mean estimate - truth| in standard errors of that mean: a test of unbiasedness.
  double bias_in_standard_errors() const {
    const auto n = static_cast<double>(values.size());
    double mean = 0.0, sq = 0.0;
    for (const double v : values) mean += v / n;
    for (const double v : values) sq += (v - mean) * (v - mean);
    return std::abs(mean - truth) / std::sqrt(sq / (n - 1) / n);
  }
};

}  // namespace rlrec::ope::testing
