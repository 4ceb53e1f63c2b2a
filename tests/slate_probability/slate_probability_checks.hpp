// slate_probability_checks.hpp — what every policy's rlrec.policy.slate_probability/1
// (rlrec/ext/slate_probability.h) must satisfy, checked against the policy's own act on one act
// input of small n and k (every ordered k-tuple of candidates is enumerated). Catch2 assertions.
#pragma once

#include <rlrec/ext/slate_probability.h>

#include <cstdint>

namespace rlrec_test {

// The policy's extension table, or nullptr.
const rlrec_policy_slate_probability *slate_probability_of(const rlrec_policy &policy);

// The checks, for the rows and mode of `in` (k slots among n candidates):
//  - every ordered k-tuple of candidates: each row's probabilities sum to 1, tuples with a
//    repeated candidate score 0, and every probability is in [0, 1];
//  - slot_prob and item_prob equal the sums of the slate probabilities over the tuples showing
//    that item in that slot, and item_prob does not depend on the slates scored;
//  - scoring the slates act picks gives act's slate_prob and slot_propensity;
//  - scoring changes nothing: act after save, score, load acts as act after save, load;
//  - over `draws` act calls, each row's slate frequencies lie within 5 standard errors (plus one
//    count) of the probabilities, and act never picks a slate of probability 0.
// REQUIRES: act's distribution stays the same over the calls (a constant ε schedule), and the
// policy saves its complete acting state.
void check_slate_probability(rlrec_policy &policy, const rlrec_act_input &in, uint32_t k, uint32_t n,
                             uint32_t draws = 2000);

}  // namespace rlrec_test
