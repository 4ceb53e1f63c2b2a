// EstimateStream: a dataset fed in parts of whole episodes gives the estimates of the whole, bit
// for bit, so `rlrec ope` can hold one part at a time instead of the dataset.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "rlrec_nn/rng.hpp"
#include "rlrec_ope/estimators.hpp"

using namespace rlrec::ope;

namespace {

constexpr size_t kSlots = 2;

// 300 episodes of 1 to 6 decisions with every column filled, 1% of the propensities missing.
LoggedData random_episodes(uint64_t seed) {
  rlrec::nn::Rng rng(seed);
  LoggedData data;
  data.slate_size = kSlots;
  for (uint64_t e = 0; e < 300; ++e) {
    const auto length = static_cast<uint32_t>(1 + rng.uniform() * 6);
    for (uint32_t t = 0; t < length; ++t) {
      data.episode.push_back(e);
      data.t.push_back(t);
      data.reward.push_back(rng.uniform() < 0.3 ? 1.0 : 0.0);
      const double mu = 0.05 + 0.9 * rng.uniform();
      data.behavior_prob.push_back(rng.uniform() < 0.01 ? std::numeric_limits<double>::quiet_NaN() : mu);
      data.target_prob.push_back(rng.uniform());
      for (size_t l = 0; l < kSlots; ++l) {
        data.behavior_slot_prob.push_back(0.1 + 0.8 * rng.uniform());
        data.target_slot_prob.push_back(rng.uniform());
      }
      data.q_logged.push_back(rng.uniform());
      data.q_target.push_back(rng.uniform());
    }
  }
  return data;
}

// Rows [begin, end) of every column.
LoggedData rows(const LoggedData &data, size_t begin, size_t end) {
  LoggedData part;
  part.slate_size = data.slate_size;
  auto copy = [&](const auto &from, auto &to, size_t width) {
    to.assign(from.begin() + static_cast<std::ptrdiff_t>(begin * width), from.begin() + static_cast<std::ptrdiff_t>(end * width));
  };
  copy(data.episode, part.episode, 1);
  copy(data.t, part.t, 1);
  copy(data.reward, part.reward, 1);
  copy(data.behavior_prob, part.behavior_prob, 1);
  copy(data.target_prob, part.target_prob, 1);
  copy(data.behavior_slot_prob, part.behavior_slot_prob, kSlots);
  copy(data.target_slot_prob, part.target_slot_prob, kSlots);
  copy(data.q_logged, part.q_logged, 1);
  copy(data.q_target, part.q_target, 1);
  return part;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

TEST_CASE("a dataset fed in parts of whole episodes gives the whole's estimates bit for bit", "[ope]") {
  const LoggedData data = random_episodes(5);
  Settings settings;
  settings.gamma = 0.9;
  const std::vector<Estimate> whole = estimate_all(data, settings);
  REQUIRE(whole.size() == 8);  // every estimator applies

  // Parts cut at episode starts, of uneven sizes.
  EstimateStream stream(Columns::of(data), 6, settings);
  size_t begin = 0, parts = 0;
  for (size_t i = 1; i <= data.size(); ++i) {
    const bool cut = i == data.size() || (data.t[i] == 0 && (data.episode[i] % 7 == 0 || data.episode[i] % 11 == 0));
    if (!cut) continue;
    stream.add(rows(data, begin, i));
    begin = i;
    ++parts;
  }
  CHECK(parts > 40);
  const std::vector<Estimate> streamed = stream.finish();
  REQUIRE(streamed.size() == whole.size());
  for (size_t k = 0; k < whole.size(); ++k) {
    INFO(estimator_name(whole[k].estimator));
    CHECK(streamed[k].estimator == whole[k].estimator);
    CHECK(same(streamed[k].value, whole[k].value));
    CHECK(same(streamed[k].ci_low, whole[k].ci_low));
    CHECK(same(streamed[k].ci_high, whole[k].ci_high));
    CHECK(same(streamed[k].ess, whole[k].ess));
    CHECK(streamed[k].units == whole[k].units);
    CHECK(streamed[k].decisions == whole[k].decisions);
    REQUIRE(streamed[k].warnings.size() == whole[k].warnings.size());
    for (size_t w = 0; w < whole[k].warnings.size(); ++w) CHECK(streamed[k].warnings[w].message == whole[k].warnings[w].message);
  }
  // The missing propensities left some episodes out of the weighted estimators, not of dm.
  CHECK(whole[0].units < 300);
  CHECK(whole[5].units == 300);
}

TEST_CASE("a part with an episode longer than the stream's horizon, or without a set-up column, is refused", "[ope]") {
  const LoggedData data = random_episodes(6);
  EstimateStream short_horizon(Columns::of(data), 3, Settings{});
  CHECK_THROWS_WITH(short_horizon.add(data), Catch::Contains("longer than the horizon 3"));
  EstimateStream stream(Columns::of(data), 6, Settings{});
  LoggedData no_model = data;
  no_model.q_logged.clear();
  no_model.q_target.clear();
  CHECK_THROWS_WITH(stream.add(no_model), Catch::Contains("lacks a column"));
}
