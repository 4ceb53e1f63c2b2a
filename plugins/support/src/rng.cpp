// Ziggurat tables and the slow path of the normal sampler (Marsaglia & Tsang 2000, in the
// 128-layer form of Doornik 2005, "An improved ziggurat method to generate normal random
// samples").
#include "rlrec_support/rng.hpp"

namespace rlrec_support {
namespace {

constexpr double kR = 3.442619855899;       // start of the tail
constexpr double kV = 9.91256303526217e-3;  // area of every layer

ZigguratTables make_tables() noexcept {
  ZigguratTables t{};
  double f = std::exp(-0.5 * kR * kR);
  t.x[0] = kV / f;
  t.x[1] = kR;
  t.x[128] = 0.0;
  for (int i = 2; i < 128; ++i) {
    t.x[i] = std::sqrt(-2.0 * std::log(kV / t.x[i - 1] + f));
    f = std::exp(-0.5 * t.x[i] * t.x[i]);
  }
  for (int i = 0; i < 128; ++i) t.ratio[i] = t.x[i + 1] / t.x[i];
  return t;
}

}  // namespace

const ZigguratTables kZiggurat = make_tables();

bool normal_slow_path(Rng &rng, uint32_t layer, double u, double *out) noexcept {
  if (layer == 0) {
    // Base strip beyond R: sample the tail exactly (Marsaglia 1964).
    double x, y;
    do {
      x = std::log(1.0 - uniform(rng)) / kR;  // 1 - U in (0, 1]: log is finite
      y = std::log(1.0 - uniform(rng));
    } while (-2.0 * y < x * x);
    *out = u < 0 ? x - kR : kR - x;
    return true;
  }
  // Wedge: accept x when a uniform height under the layer falls below the density at x. Both
  // densities are taken relative to f(x), so one exp each and no division.
  const double x = u * kZiggurat.x[layer];
  const double f0 = std::exp(-0.5 * (kZiggurat.x[layer] * kZiggurat.x[layer] - x * x));
  const double f1 = std::exp(-0.5 * (kZiggurat.x[layer + 1] * kZiggurat.x[layer + 1] - x * x));
  if (f1 + uniform(rng) * (f0 - f1) < 1.0) {
    *out = x;
    return true;
  }
  return false;
}

}  // namespace rlrec_support
