// rlrec_nn/rng.hpp — the one random stream of a learner: the plugins' generator
// (rlrec_support/rng.hpp: xoshiro256** seeded by splitmix64) with the draws the learners were
// built on. Platform-independent (std:: distributions differ between standard libraries, which
// would break "same seed, same run" across machines) and its whole state is four words, so a
// checkpoint carries it exactly.
//
// The draws differ from rlrec_support's on purpose: below() rejects on the full 64-bit word and
// normal() is Box–Muller, so checkpoints and seeded results of the nn policies stay what they were
// before the generator was shared.
#pragma once

#include <rlrec_support/rng.hpp>

#include <cmath>
#include <cstdint>

namespace rlrec::nn {

class Rng {
 public:
  Rng() { seed(0); }
  explicit Rng(uint64_t seed_value) { seed(seed_value); }

  void seed(uint64_t x) { generator_.seed(x); }

  uint64_t next() { return generator_.next(); }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return rlrec_support::uniform(generator_); }

  // Uniform in [0, n), n >= 1, without modulo bias (rejects the lowest 2^64 mod n values).
  uint64_t below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;
    uint64_t r;
    do r = next();
    while (r < threshold);
    return r % n;
  }

  // Standard normal by Box–Muller, one deviate per call (no cached second value: the state stays
  // the four words above).
  double normal() {
    const double u1 = 1.0 - uniform();  // in (0, 1]: log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  const uint64_t *state() const { return generator_.s; }
  // Restores a state from state(); an all-zero state is invalid (the generator would stay at 0).
  bool set_state(const uint64_t words[4]) {
    if ((words[0] | words[1] | words[2] | words[3]) == 0) return false;
    for (int i = 0; i < 4; ++i) generator_.s[i] = words[i];
    return true;
  }

 private:
  rlrec_support::Rng generator_{};
};

}  // namespace rlrec::nn
