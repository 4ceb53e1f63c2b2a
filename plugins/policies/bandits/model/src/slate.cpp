#include "rlrec_bandit/slate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace rlrec_bandit {

void top_k(std::span<const double> scores, const Availability &avail, std::span<int32_t> out,
           std::vector<uint32_t> &scratch) {
  scratch.clear();
  for (uint32_t i = 0; i < avail.n; ++i)
    if (avail.available(i)) scratch.push_back(i);
  auto key = [&](uint32_t i) {
    const double s = scores[i];
    return std::isnan(s) ? -std::numeric_limits<double>::infinity() : s;
  };
  auto better = [&](uint32_t a, uint32_t b) {
    const double ka = key(a);
    const double kb = key(b);
    return ka > kb || (ka == kb && a < b);
  };
  const auto k = static_cast<std::ptrdiff_t>(out.size());
  std::partial_sort(scratch.begin(), scratch.begin() + k, scratch.end(), better);
  for (std::ptrdiff_t l = 0; l < k; ++l)
    out[static_cast<std::size_t>(l)] = static_cast<int32_t>(scratch[static_cast<std::size_t>(l)]);
}

void uniform_slate(Rng &rng, const Availability &avail, std::span<int32_t> out, std::vector<uint32_t> &scratch) {
  scratch.clear();
  for (uint32_t i = 0; i < avail.n; ++i)
    if (avail.available(i)) scratch.push_back(i);
  const auto m = static_cast<uint32_t>(scratch.size());
  for (uint32_t l = 0; l < out.size(); ++l) {
    const uint32_t j = l + rng.below(m - l);
    std::swap(scratch[l], scratch[j]);
    out[l] = static_cast<int32_t>(scratch[l]);
  }
}

double ordered_slate_count(uint32_t m, uint32_t k) {
  double count = 1.0;
  for (uint32_t l = 0; l < k; ++l) count *= static_cast<double>(m - l);
  return count;
}

}  // namespace rlrec_bandit
