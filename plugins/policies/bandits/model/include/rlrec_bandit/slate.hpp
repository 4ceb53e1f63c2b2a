// rlrec_bandit/slate.hpp — turning per-candidate scores into a slate, and the probabilities of
// the two slate distributions the policies mix: "top-k by score" (deterministic) and "uniformly
// random ordered slate of k distinct available candidates".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "rng.hpp"

namespace rlrec_bandit {

// The candidates a decision may show: all N, or those whose mask entry is nonzero.
struct Availability {
  uint32_t n = 0;                 // candidates
  const uint8_t *mask = nullptr;  // [n] Nullable: every candidate available
  uint32_t count = 0;             // number available (== n without a mask)

  bool available(uint32_t i) const { return mask == nullptr || mask[i] != 0; }
};

// Writes into `out` the out.size() available candidates with the largest scores, best first.
// Ties go to the lower index and NaN ranks last, so the result is deterministic.
// REQUIRES: avail.count >= out.size(). scratch: reused buffer.
void top_k(std::span<const double> scores, const Availability &avail, std::span<int32_t> out,
           std::vector<uint32_t> &scratch);

// A uniformly random ordered slate of out.size() distinct available candidates (partial
// Fisher–Yates: slot l takes a uniform pick among the count - l not yet chosen).
void uniform_slate(Rng &rng, const Availability &avail, std::span<int32_t> out, std::vector<uint32_t> &scratch);

// m (m-1) ... (m-k+1): the number of ordered slates of k distinct items among m.
double ordered_slate_count(uint32_t m, uint32_t k);

// ε-greedy over slates: with probability 1-ε the greedy slate, with probability ε a uniformly
// random ordered slate of the m available candidates. Exact probabilities:
//   P(slate)          = (1-ε)·[slate == greedy] + ε / (m (m-1) ... (m-k+1))
//   P(slot l shows i) = (1-ε)·[greedy[l] == i]  + ε / m      (a uniform slate puts every item
//                                                              in every slot with chance 1/m)
double egreedy_slate_prob(std::span<const int32_t> slate, std::span<const int32_t> greedy, double epsilon, uint32_t m);
double egreedy_slot_propensity(int32_t item, int32_t greedy_item, double epsilon, uint32_t m);

}  // namespace rlrec_bandit
