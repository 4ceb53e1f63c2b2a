#include "rlrec_nn/agent/exploration.hpp"

#include <algorithm>

namespace rlrec::nn::agent {

double ordered_slates(uint32_t m, uint32_t k) {
  double count = 1.0;
  for (uint32_t l = 0; l < k; ++l) count *= static_cast<double>(m - l);
  return count;
}

void epsilon_greedy(Rng &rng, double eps, const int32_t *greedy, const uint32_t *available, uint32_t m, uint32_t k,
                    uint32_t *scratch, int32_t *slate, float *slate_prob, float *slot_propensity) {
  std::copy(greedy, greedy + k, slate);
  if (eps > 0.0 && rng.uniform() < eps) {
    std::copy(available, available + m, scratch);
    for (uint32_t l = 0; l < k; ++l) {
      const auto j = static_cast<uint32_t>(l + rng.below(m - l));
      std::swap(scratch[l], scratch[j]);
      slate[l] = static_cast<int32_t>(scratch[l]);
    }
  }
  const bool is_greedy = std::equal(slate, slate + k, greedy);
  *slate_prob = static_cast<float>((1.0 - eps) * (is_greedy ? 1.0 : 0.0) + eps / ordered_slates(m, k));
  if (slot_propensity == nullptr) return;
  for (uint32_t l = 0; l < k; ++l)
    slot_propensity[l] = static_cast<float>((1.0 - eps) * (slate[l] == greedy[l] ? 1.0 : 0.0) + eps / m);
}

}  // namespace rlrec::nn::agent
