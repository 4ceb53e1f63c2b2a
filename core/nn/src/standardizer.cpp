#include "rlrec_nn/standardizer.hpp"

#include <cmath>

namespace rlrec::nn {
namespace {

constexpr double kMinStd = 1e-6;

}  // namespace

void Standardizer::accumulate(const float *x) {
  for (size_t i = 0; i < mean_.size(); ++i) {
    sum_[i] += x[i];
    sum_sq_[i] += static_cast<double>(x[i]) * x[i];
  }
  count_ += 1.0;
}

void Standardizer::fit() {
  fitted_ = true;
  if (count_ == 0.0) return;
  for (size_t i = 0; i < mean_.size(); ++i) {
    const double mean = sum_[i] / count_;
    const double variance = std::max(0.0, sum_sq_[i] / count_ - mean * mean);
    const double std = std::sqrt(variance);
    mean_[i] = static_cast<float>(mean);
    inv_std_[i] = static_cast<float>(std > kMinStd ? 1.0 / std : 1.0);
  }
}

void Standardizer::apply(float *x) const {
  if (!fitted_) return;
  for (size_t i = 0; i < mean_.size(); ++i) x[i] = (x[i] - mean_[i]) * inv_std_[i];
}

void Standardizer::save(ByteWriter &out) const {
  out.tag("rlrecSTD");
  out.u32(fitted_ ? 1 : 0);
  out.f64(count_);
  out.f64s(sum_.data(), sum_.size());
  out.f64s(sum_sq_.data(), sum_sq_.size());
  out.f32s(mean_.data(), mean_.size());
  out.f32s(inv_std_.data(), inv_std_.size());
}

void Standardizer::load(ByteReader &in) {
  in.expect_tag("rlrecSTD", "input statistics");
  const bool fitted = in.u32() != 0;
  const double count = in.f64();
  std::vector<double> sum = in.f64s(dim());
  std::vector<double> sum_sq = in.f64s(dim());
  std::vector<float> mean = in.f32s(dim());
  std::vector<float> inv_std = in.f32s(dim());
  fitted_ = fitted;
  count_ = count;
  sum_ = std::move(sum);
  sum_sq_ = std::move(sum_sq);
  mean_ = std::move(mean);
  inv_std_ = std::move(inv_std);
}

}  // namespace rlrec::nn
