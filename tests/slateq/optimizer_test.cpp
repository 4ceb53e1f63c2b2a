// The slate optimisers on random instances: the paper's LP and Dinkelbach equal exhaustive
// enumeration; top-k and greedy never beat it, are exact where theory says so, and top-k stays
// within its proven bound. Instances include negative values, values below the no-click value,
// zero scores and v0 = 0.
#include <catch2/catch.hpp>

#include <cmath>

#include "rlrec_nn/rng.hpp"
#include "slate_optimizer.hpp"

using rlrec_slateq::optimize_slate;
using rlrec_slateq::SlateOptimizer;
using rlrec_slateq::SlateProblem;
using rlrec_slateq::slate_value;

namespace {

SlateProblem random_problem(rlrec::nn::Rng &rng, uint32_t m, uint32_t k) {
  SlateProblem p;
  p.k = k;
  for (uint32_t i = 0; i < m; ++i) {
    // A few zero scores, values of both signs and spread over orders of magnitude.
    p.v.push_back(rng.uniform() < 0.1 ? 0.0 : 2.0 * rng.uniform());
    p.q.push_back(10.0 * (rng.uniform() - 0.3) * (rng.uniform() < 0.2 ? 10.0 : 1.0));
  }
  p.v0 = 3.0 * rng.uniform();
  if (rng.uniform() < 0.1) {  // a user who always clicks: every item must be clickable
    p.v0 = 0.0;
    for (double &v : p.v) v = 0.05 + v;
  }
  p.q0 = rng.uniform() < 0.5 ? 0.0 : 5.0 * rng.normal();
  return p;
}

double value_of(SlateOptimizer optimizer, const SlateProblem &p) {
  std::vector<uint32_t> slate(p.k);
  optimize_slate(optimizer, p, slate.data());
  for (uint32_t l = 0; l < p.k; ++l)
    for (uint32_t j = 0; j < l; ++j) REQUIRE(slate[l] != slate[j]);
  return slate_value(p, slate.data());
}

}  // namespace

TEST_CASE("the LP optimiser and Dinkelbach equal exhaustive enumeration", "[optimizer]") {
  rlrec::nn::Rng rng(2024);
  for (int instance = 0; instance < 3000; ++instance) {
    const auto m = static_cast<uint32_t>(2 + rng.below(11));
    const auto k = static_cast<uint32_t>(1 + rng.below(std::min<uint64_t>(m, 4)));
    const SlateProblem p = random_problem(rng, m, k);
    const double best = value_of(SlateOptimizer::kExhaustive, p);
    const double tolerance = 1e-9 * (1.0 + std::abs(best));
    INFO("instance " << instance << ": m " << m << ", k " << k);
    CHECK(value_of(SlateOptimizer::kLp, p) == Approx(best).margin(tolerance));
    CHECK(value_of(SlateOptimizer::kDinkelbach, p) == Approx(best).margin(tolerance));
    // The relaxation is tight: the LP's own optimum is the best slate's value.
    if (p.v0 > 0.0) CHECK(rlrec_slateq::lp_relaxation_value(p) + p.q0 == Approx(best).margin(1e-7 * (1 + std::abs(best))));
  }
}

TEST_CASE("top-k and greedy never beat the optimum and are exact where theory says", "[optimizer]") {
  rlrec::nn::Rng rng(7);
  for (int instance = 0; instance < 2000; ++instance) {
    const auto m = static_cast<uint32_t>(2 + rng.below(11));
    const auto k = static_cast<uint32_t>(1 + rng.below(std::min<uint64_t>(m, 4)));
    SlateProblem p = random_problem(rng, m, k);
    const double best = value_of(SlateOptimizer::kExhaustive, p);
    const double tolerance = 1e-9 * (1.0 + std::abs(best));
    CHECK(value_of(SlateOptimizer::kTopK, p) <= best + tolerance);
    CHECK(value_of(SlateOptimizer::kGreedy, p) <= best + tolerance);
    // One slot: greedy's single round IS the maximisation.
    SlateProblem single = p;
    single.k = 1;
    CHECK(value_of(SlateOptimizer::kGreedy, single) == Approx(value_of(SlateOptimizer::kExhaustive, single)).margin(tolerance));
    // Equal scores: f is a constant times sum of values, so the k largest are optimal for both.
    SlateProblem equal = p;
    std::fill(equal.v.begin(), equal.v.end(), 0.7);
    const double equal_best = value_of(SlateOptimizer::kExhaustive, equal);
    CHECK(value_of(SlateOptimizer::kTopK, equal) == Approx(equal_best).margin(tolerance));
    CHECK(value_of(SlateOptimizer::kGreedy, equal) == Approx(equal_best).margin(tolerance));
  }
}

TEST_CASE("top-k keeps its worst-case ratio v0 / (v0 + k max v) when values beat no click", "[optimizer]") {
  // With every q_i >= q0: f(top-k) - q0 >= (v0 / (v0 + k max_i v_i)) (f* - q0), because top-k has
  // the largest numerator and no denominator exceeds v0 + k max v, while f*'s is at least v0.
  rlrec::nn::Rng rng(99);
  for (int instance = 0; instance < 2000; ++instance) {
    const auto m = static_cast<uint32_t>(3 + rng.below(10));
    const auto k = static_cast<uint32_t>(1 + rng.below(3));
    SlateProblem p = random_problem(rng, m, k);
    p.v0 = 0.1 + 2.0 * rng.uniform();
    for (double &q : p.q) q = p.q0 + std::abs(q);
    const double best = value_of(SlateOptimizer::kExhaustive, p) - p.q0;
    const double vmax = *std::max_element(p.v.begin(), p.v.end());
    CHECK(value_of(SlateOptimizer::kTopK, p) - p.q0 >= p.v0 / (p.v0 + k * vmax) * best - 1e-9);
  }
}

TEST_CASE("slates come out best first and deterministic under ties", "[optimizer]") {
  SlateProblem p;
  p.v = {1.0, 1.0, 1.0, 1.0};
  p.q = {2.0, 5.0, 5.0, 1.0};
  p.v0 = 1.0;
  p.k = 2;
  for (SlateOptimizer o : {SlateOptimizer::kExhaustive, SlateOptimizer::kTopK, SlateOptimizer::kGreedy,
                           SlateOptimizer::kLp, SlateOptimizer::kDinkelbach}) {
    uint32_t slate[2];
    optimize_slate(o, p, slate);
    CHECK(slate[0] == 1);
    CHECK(slate[1] == 2);
  }
}
