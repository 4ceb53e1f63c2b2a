// rlrec_nn/rng.hpp — the one random stream of a learner: xoshiro256** (Blackman & Vigna) seeded by
// splitmix64. Platform-independent (std:: distributions differ between standard libraries, which
// would break "same seed, same run" across machines) and its whole state is four words, so a
// checkpoint carries it exactly.
#pragma once

#include <cmath>
#include <cstdint>

namespace rlrec::nn {

class Rng {
 public:
  Rng() { seed(0); }
  explicit Rng(uint64_t seed_value) { seed(seed_value); }

  void seed(uint64_t x) {
    for (uint64_t &word : s_) {
      uint64_t z = (x += 0x9E3779B97F4A7C15u);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
      word = z ^ (z >> 31);
    }
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

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

  const uint64_t *state() const { return s_; }
  // Restores a state from state(); an all-zero state is invalid (the generator would stay at 0).
  bool set_state(const uint64_t words[4]) {
    if ((words[0] | words[1] | words[2] | words[3]) == 0) return false;
    for (int i = 0; i < 4; ++i) s_[i] = words[i];
    return true;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace rlrec::nn
