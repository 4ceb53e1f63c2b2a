#include "slate_optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "simplex.hpp"

namespace rlrec_slateq {
namespace {

// The shifted objective sum_A a_i / (v0 + sum_A v_i) with a_i = v_i (q_i - q0).
struct Shifted {
  const SlateProblem &p;
  std::vector<double> a;

  explicit Shifted(const SlateProblem &problem) : p(problem), a(problem.v.size()) {
    for (size_t i = 0; i < a.size(); ++i) a[i] = p.v[i] * (p.q[i] - p.q0);
  }
  size_t m() const { return a.size(); }

  double value(const uint32_t *items) const {
    double num = 0.0, den = p.v0;
    for (uint32_t l = 0; l < p.k; ++l) {
      num += a[items[l]];
      den += p.v[items[l]];
    }
    return den > 0.0 ? num / den : 0.0;
  }

  // The k indices of largest key (ties to the lower index), in that order.
  template <class Key>
  void top_k(const Key &key, uint32_t *out) const {
    std::vector<uint32_t> order(m());
    std::iota(order.begin(), order.end(), 0u);
    std::partial_sort(order.begin(), order.begin() + p.k, order.end(), [&](uint32_t x, uint32_t y) {
      const double kx = key(x), ky = key(y);
      return kx != ky ? kx > ky : x < y;
    });
    std::copy_n(order.begin(), p.k, out);
  }

  // Reorders a chosen slate best first.
  void best_first(uint32_t *items) const {
    std::sort(items, items + p.k, [&](uint32_t x, uint32_t y) { return a[x] != a[y] ? a[x] > a[y] : x < y; });
  }
};

void exhaustive(const Shifted &s, uint32_t *out) {
  const uint32_t k = s.p.k;
  const auto m = static_cast<uint32_t>(s.m());
  std::vector<uint32_t> combo(k);
  std::iota(combo.begin(), combo.end(), 0u);
  double best = -std::numeric_limits<double>::infinity();
  while (true) {
    const double value = s.value(combo.data());
    if (value > best) {
      best = value;
      std::copy(combo.begin(), combo.end(), out);
    }
    // Next k-subset in lexicographic order.
    int l = static_cast<int>(k) - 1;
    while (l >= 0 && combo[static_cast<size_t>(l)] == m - k + static_cast<uint32_t>(l)) --l;
    if (l < 0) break;
    ++combo[static_cast<size_t>(l)];
    for (uint32_t j = static_cast<uint32_t>(l) + 1; j < k; ++j) combo[j] = combo[j - 1] + 1;
  }
}

void greedy(const Shifted &s, uint32_t *out) {
  std::vector<uint8_t> used(s.m(), 0);
  double num = 0.0, den = s.p.v0;
  for (uint32_t l = 0; l < s.p.k; ++l) {
    size_t best = s.m();
    double best_value = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < s.m(); ++i) {
      if (used[i]) continue;
      const double d = den + s.p.v[i];
      const double value = d > 0.0 ? (num + s.a[i]) / d : 0.0;
      if (value > best_value) {
        best_value = value;
        best = i;
      }
    }
    used[best] = 1;
    num += s.a[best];
    den += s.p.v[best];
    out[l] = static_cast<uint32_t>(best);
  }
}

void dinkelbach(const Shifted &s, uint32_t *out) {
  s.top_k([&](uint32_t i) { return s.a[i]; }, out);
  double lambda = s.value(out);
  std::vector<uint32_t> candidate(s.p.k);
  for (size_t round = 0; round < 4 * s.m() + 8; ++round) {
    s.top_k([&](uint32_t i) { return s.a[i] - lambda * s.p.v[i]; }, candidate.data());
    const double value = s.value(candidate.data());
    if (!(value > lambda + 1e-12 * (1.0 + std::abs(lambda)))) return;  // no strict gain: optimal
    lambda = value;
    std::copy(candidate.begin(), candidate.end(), out);
  }
}

// The Charnes–Cooper LP over z = (t, y_1..y_m, s_1..s_m):
//   max sum a_i y_i  s.t.  v0 t + sum v_i y_i = 1,  sum y_i - k t = 0,  y_i - t + s_i = 0,  z >= 0.
LpResult solve_slate_lp(const Shifted &s) {
  const size_t m = s.m();
  const size_t n = 1 + 2 * m;
  std::vector<double> c(n, 0.0), a((m + 2) * n, 0.0), b(m + 2, 0.0);
  for (size_t i = 0; i < m; ++i) c[1 + i] = s.a[i];
  a[0] = s.p.v0;
  for (size_t i = 0; i < m; ++i) a[1 + i] = s.p.v[i];
  b[0] = 1.0;
  a[n] = -static_cast<double>(s.p.k);
  for (size_t i = 0; i < m; ++i) a[n + 1 + i] = 1.0;
  for (size_t i = 0; i < m; ++i) {
    double *row = a.data() + (2 + i) * n;
    row[0] = -1.0;
    row[1 + i] = 1.0;
    row[1 + m + i] = 1.0;
  }
  return solve_lp(c, a, b);
}

void lp(const Shifted &s, uint32_t *out) {
  const LpResult result = solve_slate_lp(s);
  if (result.status != LpResult::kOptimal) {  // no slate has positive total score: all are worth 0
    s.top_k([&](uint32_t i) { return s.a[i]; }, out);
    return;
  }
  // x_i = y_i / t is 0 or 1 at a vertex; the k largest are the slate.
  const double t = result.z[0];
  s.top_k([&](uint32_t i) { return result.z[1 + i] / t; }, out);
}

}  // namespace

double slate_value(const SlateProblem &problem, const uint32_t *items) {
  return Shifted(problem).value(items) + problem.q0;
}

void optimize_slate(SlateOptimizer optimizer, const SlateProblem &problem, uint32_t *out) {
  if (problem.q.size() != problem.v.size() || problem.k < 1 || problem.k > problem.v.size())
    throw std::invalid_argument("optimize_slate: needs m >= k >= 1 items with a score and a value each");
  const Shifted s(problem);
  switch (optimizer) {
    case SlateOptimizer::kExhaustive: exhaustive(s, out); break;
    case SlateOptimizer::kTopK: s.top_k([&](uint32_t i) { return s.a[i]; }, out); break;
    case SlateOptimizer::kGreedy: greedy(s, out); break;
    case SlateOptimizer::kLp: lp(s, out); break;
    case SlateOptimizer::kDinkelbach: dinkelbach(s, out); break;
  }
  s.best_first(out);
}

double lp_relaxation_value(const SlateProblem &problem) {
  const LpResult result = solve_slate_lp(Shifted(problem));
  return result.status == LpResult::kOptimal ? result.objective : std::nan("");
}

}  // namespace rlrec_slateq
