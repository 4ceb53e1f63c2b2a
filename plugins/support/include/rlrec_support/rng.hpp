// rlrec_support/rng.hpp — the random numbers of the built-in plugins (simulators, policies).
//
// Every sub-environment or policy owns its generators (no global state): xoshiro256** seeded through
// splitmix64 from the seed given at reset. Uniforms take the top 53 bits; bounded integers use
// Lemire's multiply-shift with rejection (unbiased); normals use a 128-layer ziggurat (Doornik's
// ZIGNOR layout; the layer index and the uniform come from disjoint bits of one draw). RecSim's
// NumPy streams are not replayed: the RecSim ports are statistically, not
// bitwise, equivalent (specs/recsim.md §1.5 allows it), and a ziggurat is several times faster than NumPy's polar
// method, which matters when every step resamples the candidates.
#pragma once

#include <cmath>
#include <cstdint>

namespace rlrec_support {

// splitmix64: expands one 64-bit seed into a stream of well-mixed words. `state` advances.
inline uint64_t splitmix64(uint64_t &state) noexcept {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna). 32 bytes of state, period 2^256 - 1.
struct Rng {
  uint64_t s[4];

  // Seeds from the next four splitmix64 outputs of `mixer` (the all-zero state, which xoshiro
  // never leaves, is guarded even though splitmix64 cannot produce it in practice).
  void seed(uint64_t &mixer) noexcept {
    for (uint64_t &word : s) word = splitmix64(mixer);
    if ((s[0] | s[1] | s[2] | s[3]) == 0) s[0] = 1;
  }

  uint64_t next() noexcept {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
};

// U[0, 1) with 53 random bits.
inline double uniform(Rng &rng) noexcept {
  return static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
}

// Uniform integer in [0, n), n >= 1, unbiased (Lemire 2019): the product's high word is the
// result; the rare low words below 2^32 mod n are rejected.
inline uint32_t below(Rng &rng, uint32_t n) noexcept {
  uint64_t m = static_cast<uint64_t>(static_cast<uint32_t>(rng.next() >> 32)) * n;
  uint32_t low = static_cast<uint32_t>(m);
  if (low < n) {
    const uint32_t threshold = static_cast<uint32_t>(-n) % n;
    while (low < threshold) {
      m = static_cast<uint64_t>(static_cast<uint32_t>(rng.next() >> 32)) * n;
      low = static_cast<uint32_t>(m);
    }
  }
  return static_cast<uint32_t>(m >> 32);
}

// Ziggurat tables (immutable after static initialisation; see rng.cpp).
struct ZigguratTables {
  double x[129];      // layer edges: x[0] = V/f(R) (base strip), x[1] = R, ..., x[128] = 0
  double ratio[128];  // x[i+1] / x[i]: the fast-accept bound of layer i
};
extern const ZigguratTables kZiggurat;

// The rare path of normal(): wedge test or tail. Returns true and sets *out on acceptance.
bool normal_slow_path(Rng &rng, uint32_t layer, double u, double *out) noexcept;

// Standard normal N(0, 1). About 99% of draws take the first branch.
inline double normal(Rng &rng) noexcept {
  for (;;) {
    const uint64_t bits = rng.next();
    const uint32_t layer = static_cast<uint32_t>(bits & 0x7F);
    const double u = 2.0 * (static_cast<double>(bits >> 11) * 0x1.0p-53) - 1.0;
    if (std::fabs(u) < kZiggurat.ratio[layer]) return u * kZiggurat.x[layer];
    double out;
    if (normal_slow_path(rng, layer, u, &out)) return out;
  }
}

// Index drawn from a discrete distribution given by its cumulative sums (cdf[n-1] is the total;
// need not be 1). One uniform, like NumPy's choice(n, p).
inline uint32_t categorical(Rng &rng, const double *cdf, uint32_t n) noexcept {
  const double r = uniform(rng) * cdf[n - 1];
  uint32_t i = 0;
  while (i + 1 < n && r >= cdf[i]) ++i;
  return i;
}

}  // namespace rlrec_support
