// Slate selection and the ε-greedy slate distribution: exact probabilities that sum to 1 over
// every ordered slate, and per-slot propensities that are that distribution's marginals.
#include "rlrec_bandit/slate.hpp"

#include <rlrec_support/epsilon_greedy_slates.hpp>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

using namespace rlrec_bandit;

namespace {

// Every ordered slate of k distinct available items.
void all_slates(const Availability &avail, uint32_t k, std::vector<int32_t> &prefix,
                std::vector<std::vector<int32_t>> &out) {
  if (prefix.size() == k) {
    out.push_back(prefix);
    return;
  }
  for (uint32_t i = 0; i < avail.n; ++i) {
    if (!avail.available(i) || std::find(prefix.begin(), prefix.end(), static_cast<int32_t>(i)) != prefix.end())
      continue;
    prefix.push_back(static_cast<int32_t>(i));
    all_slates(avail, k, prefix, out);
    prefix.pop_back();
  }
}

}  // namespace

TEST_CASE("top_k ranks by score, ties to the lower index, NaN last, masked never", "[slate]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> scores = {0.5, nan, 0.9, 0.5, 0.9, 2.0};
  std::vector<uint32_t> scratch;
  std::vector<int32_t> out(4);
  top_k(scores, {6, nullptr, 6}, out, scratch);
  CHECK(out == std::vector<int32_t>{5, 2, 4, 0});

  const uint8_t mask[6] = {1, 1, 1, 1, 1, 0};
  std::vector<int32_t> out6(5);
  top_k(scores, {6, mask, 5}, out6, scratch);
  CHECK(out6 == std::vector<int32_t>{2, 4, 0, 3, 1});
}

TEST_CASE("uniform slates are distinct, available and uniform", "[slate]") {
  const uint8_t mask[5] = {1, 0, 1, 1, 1};
  const Availability avail{5, mask, 4};
  Rng rng(9);
  std::vector<uint32_t> scratch;
  std::vector<int32_t> slate(2);
  std::map<std::vector<int32_t>, int> counts;
  const int draws = 24000;
  for (int s = 0; s < draws; ++s) {
    uniform_slate(rng, avail, slate, scratch);
    REQUIRE(slate[0] != slate[1]);
    REQUIRE(slate[0] != 1);
    REQUIRE(slate[1] != 1);
    ++counts[slate];
  }
  REQUIRE(counts.size() == 12);  // 4 · 3 ordered slates
  const double expected = draws / 12.0;
  for (const auto &[s, count] : counts) CHECK(std::abs(count - expected) < 5.0 * std::sqrt(expected));
}

TEST_CASE("egreedy slate probabilities sum to 1 and their marginals are the propensities", "[slate]") {
  const uint8_t mask[5] = {1, 1, 0, 1, 1};
  for (const Availability &avail : {Availability{5, nullptr, 5}, Availability{5, mask, 4}}) {
    for (uint32_t k : {1u, 2u, 3u}) {
      for (double epsilon : {0.0, 0.1, 1.0}) {
        INFO("available " << avail.count << " k " << k << " epsilon " << epsilon);
        std::vector<std::vector<int32_t>> slates;
        std::vector<int32_t> prefix;
        all_slates(avail, k, prefix, slates);
        REQUIRE(slates.size() == ordered_slate_count(avail.count, k));
        const std::vector<int32_t> greedy(slates[slates.size() / 2]);
        const rlrec_support::EpsilonGreedySlates<uint8_t> egreedy{greedy.data(), k, epsilon, avail.mask, avail.count};
        double total = 0.0;
        std::vector<std::vector<double>> marginal(k, std::vector<double>(avail.n, 0.0));
        for (const auto &slate : slates) {
          const double p = egreedy.slate_prob(slate.data());
          total += p;
          for (uint32_t l = 0; l < k; ++l) marginal[l][static_cast<std::size_t>(slate[l])] += p;
        }
        CHECK(total == Approx(1.0).margin(1e-12));
        for (uint32_t l = 0; l < k; ++l)
          for (uint32_t i = 0; i < avail.n; ++i) {
            const double expected = avail.available(i) ? egreedy.item_prob(l, static_cast<int32_t>(i)) : 0.0;
            CHECK(marginal[l][i] == Approx(expected).margin(1e-12));
          }
      }
    }
  }
}
