// rlrec_nn/standardizer.hpp — per-feature input standardisation, x -> (x - mean) / std, with the
// statistics fitted ONCE (from the first batch of replay data) and then frozen. Frozen because a
// network's weights are only meaningful for the input scaling they were trained with: statistics
// that kept drifting would silently change the function the target network computes.
// Features of (near) zero spread keep scale 1, so a constant input stays a constant.
#pragma once

#include <cstddef>
#include <vector>

#include "rlrec_nn/bytes.hpp"

namespace rlrec::nn {

class Standardizer {
 public:
  Standardizer() = default;
  explicit Standardizer(size_t dim) : sum_(dim, 0.0), sum_sq_(dim, 0.0), mean_(dim, 0.0f), inv_std_(dim, 1.0f) {}

  size_t dim() const { return mean_.size(); }
  bool fitted() const { return fitted_; }

  // Adds one sample x[dim] to the statistics (before fit()).
  void accumulate(const float *x);
  // Freezes mean and std from what was accumulated (no samples: identity).
  void fit();
  // In place; the identity until fit().
  void apply(float *x) const;

  void save(ByteWriter &out) const;
  void load(ByteReader &in);

 private:
  std::vector<double> sum_, sum_sq_;
  double count_ = 0.0;
  std::vector<float> mean_, inv_std_;
  bool fitted_ = false;
};

}  // namespace rlrec::nn
