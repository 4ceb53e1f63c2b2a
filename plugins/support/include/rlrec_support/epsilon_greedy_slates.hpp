// rlrec_support/epsilon_greedy_slates.hpp — the exact probabilities of ε-greedy over slates, the
// exploration of most built-in policies (bandits, slateq, dqn, myopic) and, with ε = 1, the
// uniform `random` policy: one formula for what act reports and what the extension
// rlrec.policy.slate_probability/1 scores (slate_probability.hpp). No ABI types.
#pragma once

#include <cstdint>

namespace rlrec_support {

// ε-greedy over ordered slates of k distinct available candidates: with probability 1-ε the slate
// `greedy`, else a uniformly random ordered slate of the m available ones. Exactly:
//   P(A)              = (1-ε)·[A = greedy] + ε·[A valid] / (m (m-1) ... (m-k+1))
//   P(slot l shows i) = (1-ε)·[i = greedy_l] + ε·[i available] / m
// (a uniform slate puts every available item in every slot with chance 1/m); A is valid when its
// items are distinct and available. Mask: the element type of the policy's availability flags.
template <class Mask = uint8_t>
struct EpsilonGreedySlates {
  const int32_t *greedy = nullptr;  // [k] distinct available candidates; NULL only when ε = 1
  uint32_t k = 0;
  double epsilon = 0.0;
  const Mask *available = nullptr;  // [n] nonzero = may be shown; Nullable: every candidate
  uint32_t m = 0;                   // number available

  bool is_available(int32_t i) const { return available == nullptr || available[i] != 0; }

  double slate_prob(const int32_t *slate) const {
    bool is_greedy = true, valid = true;
    double count = 1.0;  // ordered slates of k among m
    for (uint32_t l = 0; l < k; ++l) {
      is_greedy = is_greedy && greedy != nullptr && slate[l] == greedy[l];
      valid = valid && is_available(slate[l]);
      for (uint32_t j = 0; j < l; ++j) valid = valid && slate[j] != slate[l];
      count *= static_cast<double>(m - l);
    }
    return (is_greedy ? 1.0 - epsilon : 0.0) + (valid ? epsilon / count : 0.0);
  }

  double item_prob(uint32_t l, int32_t i) const {
    return (greedy != nullptr && i == greedy[l] ? 1.0 - epsilon : 0.0) +
           (is_available(i) ? epsilon / static_cast<double>(m) : 0.0);
  }
};

}  // namespace rlrec_support
