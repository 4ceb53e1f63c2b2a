// rlrec_recsim/episode_rngs.hpp — the random streams of one RecSim episode, drawn with the
// plugins' shared generators (rlrec_support/rng.hpp).
#pragma once

#include <rlrec_support/rng.hpp>

#include <cstdint>

namespace rlrec_recsim {

using rlrec_support::below;
using rlrec_support::categorical;
using rlrec_support::normal;
using rlrec_support::Rng;
using rlrec_support::splitmix64;
using rlrec_support::uniform;

// The two streams of one sub-env's episode. `user` drives the user: its sampling, its choices,
// its transitions. `docs` drives the candidates. Keeping them apart means the candidates a
// policy is offered depend only on the seed and the step, never on what the user did, so two
// policies run with the same seeds see the same candidates (common random numbers).
struct EpisodeRngs {
  Rng user;
  Rng docs;
};

// The streams of an episode started with `seed`. With document_seed >= 0 the documents instead
// restart, every episode, from one catalogue stream (RecSim's seeded document sampler; with
// resample_documents off, one fixed candidate set shared by every episode and sub-env). The
// catalogue seed is mixed with a constant so that document_seed = s and an episode seed s do not
// give the user and the documents the same stream.
inline EpisodeRngs episode_rngs(uint64_t seed, int64_t document_seed) noexcept {
  EpisodeRngs rngs;
  uint64_t mixer = seed;
  rngs.user.seed(mixer);
  rngs.docs.seed(mixer);
  if (document_seed >= 0) {
    uint64_t catalogue = static_cast<uint64_t>(document_seed) ^ 0xd0c5eed0c5eed0c5ULL;
    rngs.docs.seed(catalogue);
  }
  return rngs;
}

}  // namespace rlrec_recsim
