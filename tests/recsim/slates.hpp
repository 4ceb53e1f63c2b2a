// slates.hpp — random valid slates for driving the models in tests.
#pragma once

#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

#include "rlrec_recsim/episode_rngs.hpp"

namespace recsim_test {

// k distinct indices of [0, n), uniformly over ordered k-subsets (partial Fisher–Yates).
inline std::vector<int32_t> random_slate(rlrec_recsim::Rng &rng, uint32_t n, uint32_t k) {
  std::vector<int32_t> pool(n);
  std::iota(pool.begin(), pool.end(), 0);
  for (uint32_t l = 0; l < k; ++l) std::swap(pool[l], pool[l + rlrec_recsim::below(rng, n - l)]);
  pool.resize(k);
  return pool;
}

inline rlrec_recsim::Rng test_rng(uint64_t seed) {
  rlrec_recsim::Rng rng;
  rng.seed(seed);
  return rng;
}

}  // namespace recsim_test
