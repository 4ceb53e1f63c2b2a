// Estimators on data small enough to compute by hand; the warnings and ESS on data built to
// trigger them; the checks on malformed input.
#include "rlrec_ope/estimators.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "rlrec_nn/rng.hpp"

using namespace rlrec::ope;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void push(LoggedData &data, uint64_t episode, uint32_t t, double reward, double mu, double pi) {
  data.episode.push_back(episode);
  data.t.push_back(t);
  data.reward.push_back(reward);
  data.behavior_prob.push_back(mu);
  data.target_prob.push_back(pi);
}

const Warning *find(const Estimate &e, WarningKind kind) {
  const auto it = std::find_if(e.warnings.begin(), e.warnings.end(), [&](const Warning &w) { return w.kind == kind; });
  return it == e.warnings.end() ? nullptr : &*it;
}

// Four one-step episodes with weights 2, 0.5, 1, 0.
LoggedData four_decisions() {
  LoggedData data;
  push(data, 0, 0, 1.0, 0.25, 0.5);
  push(data, 1, 0, 3.0, 0.8, 0.4);
  push(data, 2, 0, 2.0, 0.5, 0.5);
  push(data, 3, 0, 5.0, 0.5, 0.0);
  return data;
}

}  // namespace

TEST_CASE("is, wis and the ESS of a bandit log match the formulas", "[ope]") {
  const LoggedData data = four_decisions();
  const Settings settings;
  // Σ w r = 2 + 1.5 + 2 + 0 = 5.5, Σ w = 3.5, Σ w² = 4 + 0.25 + 1 = 5.25.
  const Estimate is = estimate(Estimator::kIs, data, settings);
  CHECK(is.value == Approx(5.5 / 4));
  CHECK(is.ess == Approx(3.5 * 3.5 / 5.25));
  CHECK(is.units == 4);
  CHECK(is.decisions == 4);
  CHECK(is.ci_low <= is.ci_high);
  CHECK(estimate(Estimator::kWis, data, settings).value == Approx(5.5 / 3.5));
  // One-step episodes: trajectory and per-decision IS are IS.
  CHECK(estimate(Estimator::kTis, data, settings).value == Approx(5.5 / 4));
  CHECK(estimate(Estimator::kPdis, data, settings).value == Approx(5.5 / 4));
  CHECK(estimate(Estimator::kPdwis, data, settings).value == Approx(5.5 / 3.5));
  CHECK(estimate(Estimator::kPdis, data, settings).ess == Approx(3.5 * 3.5 / 5.25));
}

TEST_CASE("episodic estimators weight each reward by the actions before it", "[ope]") {
  LoggedData data;
  // Episode 7: w = 2 then 0.5, rewards 1 then 4. Episode 3: w = 1 then 3, rewards 2 then 1, and a
  // third step with w = 0.5, reward 2. Rows out of order: the library sorts them.
  push(data, 7, 1, 4.0, 0.8, 0.4);
  push(data, 3, 0, 2.0, 0.5, 0.5);
  push(data, 7, 0, 1.0, 0.25, 0.5);
  push(data, 3, 5, 2.0, 0.4, 0.2);
  push(data, 3, 2, 1.0, 0.25, 0.75);
  Settings settings;
  settings.gamma = 0.5;
  // ρ: episode 7: 2, 1; episode 3: 1, 3, 1.5. Discounts 1, 0.5, 0.25.
  const double tis = (1.0 * (1 + 0.5 * 4) + 1.5 * (2 + 0.5 * 1 + 0.25 * 2)) / 2;
  const double pdis = ((2 * 1 + 0.5 * 1 * 4) + (1 * 2 + 0.5 * 3 * 1 + 0.25 * 1.5 * 2)) / 2;
  // pdwis: step 0: (2·1 + 1·2) / (2 + 1); step 1: (1·4 + 3·1) / (1 + 3); step 2: episode 7 ended
  // with ρ 1 and stays in the denominator: (1.5·2) / (1 + 1.5).
  const double pdwis = 4.0 / 3 + 0.5 * 7.0 / 4 + 0.25 * 3.0 / 2.5;
  CHECK(estimate(Estimator::kTis, data, settings).value == Approx(tis));
  CHECK(estimate(Estimator::kPdis, data, settings).value == Approx(pdis));
  CHECK(estimate(Estimator::kPdwis, data, settings).value == Approx(pdwis));
  CHECK(estimate(Estimator::kTis, data, settings).ess == Approx(2.5 * 2.5 / (1 + 2.25)));
  // is and wis: the per-decision value, ignoring the episodes.
  CHECK(estimate(Estimator::kIs, data, settings).value == Approx((2 + 2 + 2 + 3 + 1) / 5.0));
  // Per-step ESS: step 0 ρ = {2, 1}: 9/5; step 1 {1, 3}: 16/10; step 2 {1 (ended), 1.5}: 6.25/3.25.
  CHECK(estimate(Estimator::kPdis, data, settings).ess == Approx(1.6));
}

TEST_CASE("dm and dr read the reward model; dr with an exact model and noiseless rewards is exact", "[ope]") {
  LoggedData data = four_decisions();
  data.q_logged = data.reward;  // the model is right about the logged actions
  data.q_target = {0.7, 0.8, 0.9, 1.0};
  const Settings settings;
  CHECK(estimate(Estimator::kDm, data, settings).value == Approx(3.4 / 4));
  CHECK(estimate(Estimator::kDr, data, settings).value == Approx(3.4 / 4));
  CHECK(estimate(Estimator::kDm, data, settings).ess == Approx(4));
  data.q_logged = {0.0, 0.0, 0.0, 0.0};  // a useless model: dr falls back on is
  CHECK(estimate(Estimator::kDr, data, settings).value == Approx((5.5 + 3.4) / 4));
}

TEST_CASE("missing, zero and impossible propensities are left out and reported", "[ope]") {
  LoggedData data = four_decisions();
  push(data, 4, 0, 1.0, kNaN, 0.5);
  push(data, 5, 0, 1.0, 0.0, 0.5);
  push(data, 6, 0, 1.0, 1.5, 0.5);
  push(data, 7, 0, 1.0, 0.5, -0.1);
  const Estimate e = estimate(Estimator::kIs, data, Settings{});
  CHECK(e.value == Approx(5.5 / 4));
  CHECK(e.units == 4);
  REQUIRE(find(e, WarningKind::kMissingPropensity));
  CHECK(find(e, WarningKind::kMissingPropensity)->count == 1);
  REQUIRE(find(e, WarningKind::kZeroPropensity));
  CHECK(find(e, WarningKind::kZeroPropensity)->count == 1);
  REQUIRE(find(e, WarningKind::kInvalidProbability));
  CHECK(find(e, WarningKind::kInvalidProbability)->count == 2);
}

TEST_CASE("a target with mass where the behaviour never acts is flagged", "[ope]") {
  // μ uniform over actions 0..3 of 5; π puts 40% on action 4, 15% on each other.
  LoggedData overlap, outside;
  rlrec::nn::Rng rng(3);
  for (uint32_t i = 0; i < 2000; ++i) {
    const double reward = rng.uniform();
    push(outside, i, 0, reward, 0.25, 0.15);
    push(overlap, i, 0, reward, 0.25, 0.25);
  }
  CHECK(find(estimate(Estimator::kWis, outside, Settings{}), WarningKind::kPoorOverlap));
  CHECK_FALSE(find(estimate(Estimator::kWis, overlap, Settings{}), WarningKind::kPoorOverlap));
  // A logged μ of half the true one: the weights average 2.
  LoggedData halved;
  for (uint32_t i = 0; i < 2000; ++i) push(halved, i, 0, 1.0, 0.125, 0.25);
  CHECK(find(estimate(Estimator::kIs, halved, Settings{}), WarningKind::kInconsistentPropensities));
}

TEST_CASE("long horizons make the weights degenerate and the interval is flagged", "[ope]") {
  // 300 episodes of 60 steps; μ = 1/2 for both actions, π = 0.95 / 0.05.
  LoggedData data;
  rlrec::nn::Rng rng(11);
  for (uint64_t e = 0; e < 300; ++e)
    for (uint32_t t = 0; t < 60; ++t) {
      const bool first = rng.uniform() < 0.5;
      push(data, e, t, first ? 1.0 : 0.0, 0.5, first ? 0.95 : 0.05);
    }
  for (const Estimator estimator : {Estimator::kTis, Estimator::kPdis, Estimator::kPdwis}) {
    const Estimate e = estimate(estimator, data, Settings{});
    INFO(estimator_name(estimator) << " ess " << e.ess);
    CHECK(e.ess < 3.0);
    CHECK_FALSE(e.interval_trustworthy);
    CHECK(find(e, WarningKind::kDegenerateWeights));
  }
  // The one-step view has plenty of overlap.
  const Estimate is = estimate(Estimator::kIs, data, Settings{});
  CHECK(is.interval_trustworthy);
  CHECK(is.warnings.empty());
}

TEST_CASE("the bootstrap is seeded, row order does not matter, and no resamples means no interval", "[ope]") {
  LoggedData data;
  rlrec::nn::Rng rng(5);
  for (uint32_t i = 0; i < 300; ++i) push(data, i / 3, i % 3, rng.uniform(), 0.5, rng.uniform());
  Settings settings;
  const Estimate a = estimate(Estimator::kPdwis, data, settings);
  CHECK(estimate(Estimator::kPdwis, data, settings).ci_low == a.ci_low);
  LoggedData reversed = data;
  for (auto *column : {&reversed.reward, &reversed.behavior_prob, &reversed.target_prob})
    std::reverse(column->begin(), column->end());
  std::reverse(reversed.episode.begin(), reversed.episode.end());
  std::reverse(reversed.t.begin(), reversed.t.end());
  const Estimate b = estimate(Estimator::kPdwis, reversed, settings);
  CHECK(b.value == Approx(a.value));
  CHECK(b.ci_low == Approx(a.ci_low));
  settings.seed = 1;
  CHECK(estimate(Estimator::kPdwis, data, settings).ci_low != a.ci_low);
  settings.resamples = 0;
  const Estimate none = estimate(Estimator::kPdwis, data, settings);
  CHECK(std::isnan(none.ci_low));
  CHECK_FALSE(none.interval_trustworthy);
}

TEST_CASE("estimators that lack their columns do not apply; malformed data throws", "[ope]") {
  LoggedData data = four_decisions();
  CHECK(applies(Estimator::kIs, data));
  CHECK_FALSE(applies(Estimator::kDr, data));
  CHECK_FALSE(applies(Estimator::kPi, data));
  CHECK(estimate_all(data, Settings{}).size() == 5);
  CHECK_THROWS_AS(estimate(Estimator::kDm, data, Settings{}), std::invalid_argument);
  LoggedData short_column = data;
  short_column.target_prob.pop_back();
  CHECK_THROWS_AS(estimate(Estimator::kIs, short_column, Settings{}), std::invalid_argument);
  LoggedData twice = data;
  push(twice, 0, 0, 1.0, 0.5, 0.5);  // episode 0 already has a decision at t = 0
  CHECK_THROWS_AS(estimate(Estimator::kIs, twice, Settings{}), std::invalid_argument);
  LoggedData nan_reward = data;
  nan_reward.reward[2] = kNaN;
  CHECK_THROWS_AS(estimate(Estimator::kIs, nan_reward, Settings{}), std::invalid_argument);
  CHECK(estimator_from_name("pdwis") == Estimator::kPdwis);
  CHECK_FALSE(estimator_from_name("ips"));
}
