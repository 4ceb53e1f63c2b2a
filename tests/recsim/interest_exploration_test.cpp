// Interest exploration against specs/recsim.md §3: user types and affinities, documents, the
// logit choice with its no-click mass, the reward, and episodes that only the limit ends.
#include "rlrec_recsim/interest_exploration.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "env_harness.hpp"
#include "factories.hpp"
#include "slates.hpp"
#include "stats.hpp"

using namespace rlrec_recsim;
using namespace recsim_test;

namespace {

const rlrec_plugin_factory &factory() {
  return rlrec_recsim::plugin::kInterestExplorationFactory;
}

}  // namespace

TEST_CASE("IEx users: type ~ (0.3, 0.7), affinity ~ LogN(mean[type], 0.1) per topic", "[iex]") {
  InterestExploration env(InterestExplorationParams{}, 1);
  const double mean[2][2] = {{0.1, 0.7}, {0.7, 0.1}};
  BernoulliTally type0;
  Moments z;
  for (uint64_t seed = 0; seed < 40000; ++seed) {
    env.reset(0, seed);
    const uint32_t y = env.user_type(0);
    REQUIRE(y < 2);
    type0.add(y == 0, 0.3);
    for (uint32_t t = 0; t < 2; ++t) z.add((std::log(env.affinity(0)[t]) - mean[y][t]) / 0.1);
  }
  check_tally(type0, "P(user type 0)");
  check_mean(z, 0.0, 1.0, "standardised log affinity");
  check_variance(z, 1.0, "standardised log affinity");
}

TEST_CASE("IEx documents: topic ~ (0.2, 0.8), quality ~ LogN(mean[topic], 0.1)", "[iex]") {
  InterestExploration env(InterestExplorationParams{}, 1);
  const double mean[2] = {0.8, 0.2};
  BernoulliTally topic0;
  Moments z;
  std::vector<float> candidates(10 * 3);
  for (uint64_t seed = 0; seed < 20000; ++seed) {
    env.reset(0, seed);
    env.write_candidates(0, candidates.data());
    for (uint32_t i = 0; i < 10; ++i) {
      const uint32_t t = env.topic(0, i);
      topic0.add(t == 0, 0.2);
      z.add((std::log(env.quality(0, i)) - mean[t]) / 0.1);
      REQUIRE(candidates[i * 3 + t] == 1.0f);  // one-hot topic ...
      REQUIRE(candidates[i * 3 + (1 - t)] == 0.0f);
      REQUIRE(candidates[i * 3 + 2] == static_cast<float>(env.quality(0, i)));  // ... then quality
    }
  }
  check_tally(topic0, "P(topic 0)");
  check_mean(z, 0.0, 1.0, "standardised log quality");
  check_variance(z, 1.0, "standardised log quality");
}

TEST_CASE("IEx clicks follow softmax([affinity + quality ..., 5]); reward = clicks", "[iex][choice]") {
  InterestExplorationParams p;
  p.slate.slate_size = 3;
  InterestExploration env(p, 1);
  Rng policy = test_rng(3);
  std::vector<float> response(3 * kIxResponseDim);
  float info[kIxInfoDim];
  std::vector<BernoulliTally> outcomes(4);
  env.reset(0, 1);
  uint64_t seed = 1;
  for (int s = 0; s < 150000; ++s) {
    if (s % 100 == 0) env.reset(0, ++seed);  // many users, both types
    const auto slate = random_slate(policy, 10, 3);
    double e[4], total = std::exp(5.0);
    e[3] = total;
    for (int l = 0; l < 3; ++l) {
      const auto i = static_cast<uint32_t>(slate[l]);
      e[l] = std::exp(env.affinity(0)[env.topic(0, i)] + env.quality(0, i));
      total += e[l];
    }
    const StepResult r = env.step(0, slate.data(), response.data(), info);
    const int clicked = static_cast<int>(info[kIxInfoClickedSlot]);
    REQUIRE(r.reward == (clicked >= 0 ? 1.0 : 0.0));
    REQUIRE_FALSE(r.terminated);
    for (int o = 0; o < 4; ++o) outcomes[o].add((o == 3 ? -1 : o) == clicked, e[o] / total);
  }
  for (int o = 0; o < 4; ++o) check_tally(outcomes[o], o == 3 ? "no click" : "slot " + std::to_string(o));
}

TEST_CASE("IEx never terminates; the plugin truncates at max_episode_steps", "[iex]") {
  EnvHarness env(factory(), 2, {{"max_episode_steps", "7"}});
  CHECK(env.spec().max_episode_steps == 7);
  REQUIRE(env.reset({0, 1}, {1, 2}) == RLREC_OK);
  for (int t = 1; t <= 7; ++t) {
    REQUIRE(env.step({0, 1, 2, 3}) == RLREC_OK);
    for (uint32_t b = 0; b < 2; ++b) {
      CHECK(env.step_out.terminated[b] == 0);
      CHECK(env.step_out.truncated[b] == (t == 7 ? 1 : 0));
    }
  }
  CHECK(env.step({0, 1, 2, 3}) == RLREC_ERR_STATE);  // the host must reset first
  CHECK(EnvHarness(factory(), 1).spec().max_episode_steps == 100);
}

TEST_CASE("IEx rejects inconsistent distributions", "[iex]") {
  std::string message;
  CHECK(try_create(factory(), 1, {{"topic_quality_mean", "[0.8, 0.2, 0.5]"}}, &message) == RLREC_ERR_CONFIG);
  CHECK_THAT(message, Catch::Contains("topic_quality_mean"));
  CHECK(try_create(factory(), 1, {{"user_affinity_mean", "[0.1, 0.7]"}}, &message) == RLREC_ERR_CONFIG);
  CHECK_THAT(message, Catch::Contains("user_affinity_mean"));
  CHECK(try_create(factory(), 1, {{"user_type_distribution", "[0, 0]"}}, &message) == RLREC_ERR_CONFIG);
  // Three topics, consistently: fine.
  CHECK(try_create(factory(), 1,
                   {{"topic_distribution", "[1, 1, 1]"},
                    {"topic_quality_mean", "[0, 0, 0]"},
                    {"topic_quality_stddev", "[1, 1, 1]"},
                    {"user_affinity_mean", "[0, 0, 0, 0, 0, 0]"},
                    {"user_affinity_stddev", "[1, 1, 1, 1, 1, 1]"}},
                   &message) == RLREC_OK);
}
