// rlrec_bandit/slate.hpp — turning per-candidate scores into a slate: "top-k by score"
// (deterministic) and "uniformly random ordered slate of k distinct available candidates", the
// two distributions ε-greedy mixes (its probabilities: rlrec_support/epsilon_greedy_slates.hpp).
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

}  // namespace rlrec_bandit
