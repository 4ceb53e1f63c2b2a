// rlrec_bandit/rng.hpp — the one random stream of a bandit policy (and of the synthetic bandit
// env's sub-environments), as an object: the plugins' shared generator (rlrec_support/rng.hpp:
// xoshiro256** seeded by splitmix64, unbiased bounded integers, ziggurat normals).
//
// Why not std::: its distributions are implementation-defined, so the same seed would give
// different runs on different standard libraries; and the whole state is four words, which makes
// "save/load continues the stream exactly" trivial.
#pragma once

#include <rlrec_support/rng.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace rlrec_bandit {

class Rng {
 public:
  using State = std::array<uint64_t, 4>;

  explicit Rng(uint64_t seed = 0) { reseed(seed); }
  void reseed(uint64_t seed) { generator_.seed(seed); }

  uint64_t next() { return generator_.next(); }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return rlrec_support::uniform(generator_); }
  // Uniform in [0, n), n >= 1, without bias.
  uint32_t below(uint32_t n) { return rlrec_support::below(generator_, n); }
  // One standard normal deviate.
  double normal() { return rlrec_support::normal(generator_); }
  void fill_normal(double *out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = normal();
  }

  State state() const { return {generator_.s[0], generator_.s[1], generator_.s[2], generator_.s[3]}; }
  // REQUIRES: not all zero (xoshiro's one absorbing state).
  void set_state(const State &state) {
    for (std::size_t i = 0; i < state.size(); ++i) generator_.s[i] = state[i];
  }

 private:
  rlrec_support::Rng generator_{};
};

}  // namespace rlrec_bandit
