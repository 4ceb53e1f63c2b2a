// The three explorers on a fixed posterior: what they choose and the probabilities they report.
#include "rlrec_bandit/explorer.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <vector>

#include "rlrec_bandit/epsilon_schedule.hpp"

using namespace rlrec_bandit;

namespace {

// Four candidates with independent scores (per-candidate models): 1 is best on average, 3 is the
// most uncertain.
ScoreDistribution four_candidates() {
  ScoreDistribution dist;
  dist.mean = Eigen::Vector4d(0.5, 0.8, 0.4, 0.3);
  dist.variance = Eigen::Vector4d(0.01, 0.01, 0.04, 1.0);
  dist.independent = true;
  return dist;
}

struct Choice {
  std::vector<int32_t> slate = std::vector<int32_t>(2);
  std::vector<double> propensity = std::vector<double>(2);
  std::vector<double> scores = std::vector<double>(2);
  SlateChoice view() { return {slate, 1.0, propensity, scores}; }
};

}  // namespace

TEST_CASE("epsilon schedules", "[explorer]") {
  EpsilonSchedule s{EpsilonSchedule::Kind::kLinear, 0.5, 0.1, 100};
  CHECK(s.at(0) == 0.5);
  CHECK(s.at(50) == Approx(0.3));
  CHECK(s.at(1000) == Approx(0.1));
  s.kind = EpsilonSchedule::Kind::kExponential;
  CHECK(s.at(100) == Approx(0.1 + 0.4 * std::exp(-1.0)));
  s.kind = EpsilonSchedule::Kind::kConstant;
  CHECK(s.at(1000) == 0.5);
}

TEST_CASE("egreedy explores with probability epsilon and reports exact probabilities", "[explorer]") {
  auto explorer = make_egreedy({EpsilonSchedule::Kind::kConstant, 0.3, 0.3, 1});
  const ScoreDistribution dist = four_candidates();
  Rng rng(1);
  Choice c;
  int greedy_count = 0;
  const int draws = 20000;
  for (int t = 0; t < draws; ++t) {
    SlateChoice out = c.view();
    explorer->choose(dist, {4, nullptr, 4}, Mode::kExplore, static_cast<uint64_t>(t), rng, out);
    const bool greedy = c.slate == std::vector<int32_t>{1, 0};
    greedy_count += greedy ? 1 : 0;
    CHECK(out.prob == Approx(greedy ? 0.7 + 0.3 / 12 : 0.3 / 12));
  }
  const double p = 0.7 + 0.3 / 12;
  CHECK(std::abs(greedy_count / double(draws) - p) < 5 * std::sqrt(p * (1 - p) / draws));

  SlateChoice out = c.view();
  explorer->choose(dist, {4, nullptr, 4}, Mode::kGreedy, 0, rng, out);
  CHECK(c.slate == std::vector<int32_t>{1, 0});
  CHECK(out.prob == 1.0);
}

TEST_CASE("LinUCB adds the bonus while exploring and drops it when greedy", "[explorer]") {
  auto explorer = make_linucb(1.0);
  const ScoreDistribution dist = four_candidates();
  Rng rng(1);
  Choice c;
  SlateChoice out = c.view();
  explorer->choose(dist, {4, nullptr, 4}, Mode::kExplore, 0, rng, out);
  CHECK(c.slate == std::vector<int32_t>{3, 1});  // 0.3 + 1.0 beats 0.8 + 0.1
  CHECK(out.prob == 1.0);
  CHECK(c.scores[0] == Approx(1.3));
  explorer->choose(dist, {4, nullptr, 4}, Mode::kGreedy, 0, rng, out);
  CHECK(c.slate == std::vector<int32_t>{1, 0});
}

TEST_CASE("LinTS's Monte Carlo probability matches how often it picks the slate", "[explorer]") {
  auto explorer = make_lints(1.0, 200);
  const ScoreDistribution dist = four_candidates();
  Rng rng(2);
  Choice c;
  std::map<std::vector<int32_t>, std::pair<int, double>> seen;      // slate -> (count, sum of reported prob)
  std::map<std::pair<int, int32_t>, std::pair<int, double>> slots;  // (slot, item) -> (count, sum of propensity)
  const int draws = 4000;
  for (int t = 0; t < draws; ++t) {
    SlateChoice out = c.view();
    explorer->choose(dist, {4, nullptr, 4}, Mode::kExplore, static_cast<uint64_t>(t), rng, out);
    auto &[count, sum] = seen[c.slate];
    ++count;
    sum += out.prob;
    for (int l = 0; l < 2; ++l) {
      auto &[n, total] = slots[{l, c.slate[static_cast<std::size_t>(l)]}];
      ++n;
      total += out.propensity[static_cast<std::size_t>(l)];
    }
  }
  // For every frequent slate and slot item, the mean reported probability is its frequency
  // (up to sampling error and the estimator's +1 smoothing of 1/201).
  for (const auto &[slate, stat] : seen) {
    const double frequency = stat.first / double(draws);
    if (frequency < 0.05) continue;
    CHECK(std::abs(stat.second / stat.first - frequency) < 0.03);
  }
  for (const auto &[key, stat] : slots) {
    const double frequency = stat.first / double(draws);
    if (frequency < 0.05) continue;
    CHECK(std::abs(stat.second / stat.first - frequency) < 0.03);
  }
  SlateChoice out = c.view();
  explorer->choose(dist, {4, nullptr, 4}, Mode::kGreedy, 0, rng, out);
  CHECK(c.slate == std::vector<int32_t>{1, 0});
  CHECK(out.prob == 1.0);
}
