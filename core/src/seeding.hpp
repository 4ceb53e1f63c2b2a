// seeding.hpp — every seed of a run derives from run.seed through counters, never from time or
// thread order, so the same config and worker count reproduce a run bit for bit.
//
//   episode seed of training sub-env i, its k-th episode:  derive(seed, kTrainEpisodes, i, k)
//   episode seed of evaluation episode e of evaluation n:  derive(seed, kEvalEpisodes, e, 0)
//   policy seed:                                           derive(seed, kPolicy, 0, 0)
//   episode seed of collected episode e (rlrec collect):   derive(seed, kCollectEpisodes, e, 0)
//
// Evaluation seeds are a separate stream (held-out users and documents) and do not depend on when
// the evaluation happens, so evaluations at different points of training compare the same users. Collected episodes are a third stream: a dataset never holds the evaluation users.
#pragma once

#include <cstdint>

namespace rlrec::core {

enum SeedStream : uint64_t { kTrainEpisodes = 1, kEvalEpisodes = 2, kPolicy = 3, kCollectEpisodes = 4 };

// SplitMix64's finaliser: a bijection with full avalanche, so nearby counters give unrelated seeds.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr uint64_t derive_seed(uint64_t seed, uint64_t stream, uint64_t a, uint64_t b) {
  return mix64(mix64(mix64(mix64(seed) ^ stream) ^ a) ^ b);
}

}  // namespace rlrec::core
