#include "bootstrap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace rlrec::ope {
namespace {

// Poisson(1) by table lookup on 16 random bits: four counts per 64-bit draw, since drawing
// replicates x units counts is most of the bootstrap's time. The CDF is resolved to 2^-16; the
// mass it misses (k >= 8, 1e-5) is far below what a percentile interval can see.
const std::array<uint8_t, 65536> &poisson_table() {
  static const std::array<uint8_t, 65536> table = [] {
    std::array<uint8_t, 65536> t{};
    double cdf = 0.0, pmf = std::exp(-1.0);
    uint32_t k = 0, u = 0;
    while (u < t.size()) {
      cdf += pmf;
      const auto end = std::min<double>(t.size(), std::ceil(cdf * 65536.0));
      for (; u < end; ++u) t[u] = static_cast<uint8_t>(k);
      ++k;
      pmf /= k;
      if (k == 8) break;
    }
    for (; u < t.size(); ++u) t[u] = 8;
    return t;
  }();
  return table;
}

}  // namespace

PoissonBootstrap::PoissonBootstrap(size_t width, uint32_t replicates, uint64_t seed)
    : width_(width),
      replicates_(replicates),
      rng_(seed),
      totals_(width, 0.0),
      counts_(replicates, 0.0),
      sums_(width * replicates, 0.0) {}

void PoissonBootstrap::next_unit() {
  const auto &table = poisson_table();
  for (uint32_t b = 0; b < replicates_; b += 4) {
    uint64_t bits = rng_.next();
    for (uint32_t j = b; j < std::min(b + 4, replicates_); ++j, bits >>= 16) counts_[j] = table[bits & 0xFFFF];
  }
  add(0, 1.0);
}

void PoissonBootstrap::add(size_t component, double value) {
  totals_[component] += value;
  double *sums = sums_.data() + component * replicates_;
  for (uint32_t b = 0; b < replicates_; ++b) sums[b] += value * counts_[b];
}

void PoissonBootstrap::replicate(uint32_t b, std::vector<double> &out) const {
  out.resize(width_);
  for (size_t c = 0; c < width_; ++c) out[c] = sums_[c * replicates_ + b];
}

Interval percentile_interval(const PoissonBootstrap &bootstrap,
                             const std::function<double(std::span<const double>)> &value, double confidence) {
  std::vector<double> values, sums;
  values.reserve(bootstrap.replicates());
  for (uint32_t b = 0; b < bootstrap.replicates(); ++b) {
    bootstrap.replicate(b, sums);
    const double v = value(sums);
    if (std::isfinite(v)) values.push_back(v);
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (values.empty()) return {nan, nan, 0};
  std::sort(values.begin(), values.end());
  // Linear interpolation between order statistics (the "type 7" quantile of R and numpy).
  const auto quantile = [&](double q) {
    const double at = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<size_t>(std::floor(at));
    const size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (at - static_cast<double>(below)) * (values[above] - values[below]);
  };
  const double tail = (1.0 - confidence) / 2.0;
  return {quantile(tail), quantile(1.0 - tail), static_cast<uint32_t>(values.size())};
}

}  // namespace rlrec::ope
