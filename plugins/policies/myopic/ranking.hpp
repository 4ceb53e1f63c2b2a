// ranking.hpp — the myopic policy's ranking rule, apart from the ABI: the k candidates of
// highest value, best first, ties broken by the lower candidate index, so the result is a pure
// function of the values (no RNG, no dependence on sort stability).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace rlrec_myopic {

// Writes into slate[0..k) the k indices i with available[i] (nullptr: all available) of highest
// value[i], best first; NaN ranks lowest. order: [n] scratch. Returns the number written, which
// is less than k only when fewer than k candidates are available.
inline uint32_t top_k(const float *value, const uint8_t *available, uint32_t n, uint32_t k, uint32_t *order,
                      int32_t *slate) {
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (available == nullptr || available[i] != 0) order[m++] = i;
  }
  const uint32_t count = std::min(k, m);
  auto key = [value](uint32_t i) { return std::isnan(value[i]) ? -std::numeric_limits<float>::infinity() : value[i]; };
  // A strict total order: value descending, then index ascending.
  std::partial_sort(order, order + count, order + m, [&](uint32_t a, uint32_t b) {
    const float va = key(a);
    const float vb = key(b);
    return va != vb ? va > vb : a < b;
  });
  for (uint32_t l = 0; l < count; ++l) slate[l] = static_cast<int32_t>(order[l]);
  return count;
}

}  // namespace rlrec_myopic
