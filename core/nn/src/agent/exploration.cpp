#include "rlrec_nn/agent/exploration.hpp"

#include <rlrec_support/epsilon_greedy_slates.hpp>

#include <algorithm>

namespace rlrec::nn::agent {

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
  // Every item shown is available, so the formula needs no mask.
  const rlrec_support::EpsilonGreedySlates<uint8_t> slates{greedy, k, eps, nullptr, m};
  *slate_prob = static_cast<float>(slates.slate_prob(slate));
  if (slot_propensity == nullptr) return;
  for (uint32_t l = 0; l < k; ++l) slot_propensity[l] = static_cast<float>(slates.item_prob(l, slate[l]));
}

}  // namespace rlrec::nn::agent
