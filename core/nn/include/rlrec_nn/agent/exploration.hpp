// rlrec_nn/agent/exploration.hpp — epsilon-greedy over slates, with the exact probabilities the
// host logs for off-policy evaluation (rlrec/policy.h).
//
// With probability 1 - eps the policy shows its greedy slate A*; with probability eps a uniformly
// random ORDERED slate of k distinct items among the m available (partial Fisher–Yates), one of
// m!/(m-k)! equally likely. Hence for the slate A actually shown:
//     slate_prob         = (1 - eps) [A = A*] + eps / (m!/(m-k)!)
//     slot_propensity_l  = (1 - eps) [A*_l = A_l] + eps / m
// (rlrec_support/epsilon_greedy_slates.hpp, which the extension rlrec.policy.slate_probability/1
// scores with too). eps = 0 draws no random number, so greedy evaluation does not disturb the
// training stream.
#pragma once

#include <cstdint>

#include "rlrec_nn/rng.hpp"

namespace rlrec::nn::agent {

// greedy: [k] the greedy slate; available: [m] indices that may be shown (m >= k);
// scratch: [m]. Writes slate [k], *slate_prob and, when not null, slot_propensity [k].
void epsilon_greedy(Rng &rng, double eps, const int32_t *greedy, const uint32_t *available, uint32_t m, uint32_t k,
                    uint32_t *scratch, int32_t *slate, float *slate_prob, float *slot_propensity);

}  // namespace rlrec::nn::agent
