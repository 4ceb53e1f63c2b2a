// Long-term satisfaction against specs/recsim.md §4: episode length, the initial NPE, the
// engagement distribution, the NPE transition, and the clipped observation.
#include "rlrec_recsim/long_term_satisfaction.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "env_harness.hpp"
#include "factories.hpp"
#include "slates.hpp"
#include "stats.hpp"

using namespace rlrec_recsim;
using namespace recsim_test;

namespace {

const rlrec_plugin_factory &factory() {
  return rlrec_recsim::plugin::kLongTermSatisfactionFactory;
}

// Steps 4 sub-envs with random slates for `steps` steps, resetting each when it ends, and checks
// that every episode terminates at exactly `budget` steps and is never truncated.
void check_episode_length(const Overrides &overrides, uint32_t budget, int steps) {
  EnvHarness env(factory(), 4, overrides);
  REQUIRE(env.spec().max_episode_steps == budget);
  const uint32_t n = env.num_candidates(), k = env.slate_size();
  REQUIRE(env.reset({0, 1, 2, 3}, {10, 11, 12, 13}) == RLREC_OK);
  std::vector<uint32_t> t(4, 0);
  uint64_t next_seed = 100;
  Rng policy = test_rng(1);
  int episodes = 0;
  for (int s = 0; s < steps; ++s) {
    std::vector<int32_t> actions;
    for (int b = 0; b < 4; ++b) {
      const auto slate = random_slate(policy, n, k);
      actions.insert(actions.end(), slate.begin(), slate.end());
    }
    REQUIRE(env.step(actions) == RLREC_OK);
    for (uint32_t b = 0; b < 4; ++b) {
      ++t[b];
      REQUIRE(env.step_out.truncated[b] == 0);
      REQUIRE(static_cast<bool>(env.step_out.terminated[b]) == (t[b] == budget));
      if (env.step_out.terminated[b]) {
        ++episodes;
        t[b] = 0;
        REQUIRE(env.reset({b}, {next_seed++}) == RLREC_OK);
      }
    }
  }
  CHECK(episodes >= 4 * (steps / static_cast<int>(budget)));
}

}  // namespace

TEST_CASE("LTS episodes last exactly time_budget steps", "[lts]") {
  check_episode_length({}, 60, 600);
  // The seed talk's tutorial setting (specs/recsim.md, introduction).
  check_episode_length({{"sensitivity", "0.058"},
                        {"time_budget", "120"},
                        {"choc_stddev", "0.1"},
                        {"kale_stddev", "0.1"},
                        {"num_candidates", "20"},
                        {"slate_size", "2"}},
                       120, 1200);
}

TEST_CASE("LTS initial NPE is U[-0.5, 0.5) / (1 - memory_discount), SAT its sigmoid", "[lts]") {
  LongTermSatisfaction env(LongTermSatisfactionParams{}, 1);
  Moments npe;
  const double width = 1.0 / (1.0 - 0.7);
  for (uint64_t seed = 0; seed < 50000; ++seed) {
    env.reset(0, seed);
    REQUIRE(env.npe(0) >= -0.5 * width);
    REQUIRE(env.npe(0) < 0.5 * width);
    REQUIRE(env.satisfaction(0) == Approx(1.0 / (1.0 + std::exp(-0.01 * env.npe(0)))).epsilon(1e-14));
    REQUIRE(env.budget(0) == 60);
    npe.add(env.npe(0));
  }
  check_mean(npe, 0.0, width / std::sqrt(12.0), "NPE_0 mean");
  check_variance(npe, width / std::sqrt(12.0), "NPE_0 variance", -1.2);
}

TEST_CASE("LTS engagement is lognormal with the spec's location and scale; NPE follows its recursion", "[lts]") {
  LongTermSatisfactionParams p;
  p.sensitivity = 0.3;  // SAT moves visibly, so a wrong SAT in loc would show
  p.choc_stddev = 0.5;  // distinct stddevs test the interpolation of the scale
  p.kale_stddev = 1.5;
  LongTermSatisfaction env(p, 1);
  Rng policy = test_rng(2);
  std::vector<float> response(2 * kLtsResponseDim);
  float info[kLtsInfoDim];
  Moments z, innovation;
  uint64_t seed = 0;
  env.reset(0, seed);
  for (int s = 0; s < 200000; ++s) {
    const auto slate = random_slate(policy, 10, 2);
    const double cb = env.clickbait(0, static_cast<uint32_t>(slate[0]));
    const double sat = env.satisfaction(0);
    const double npe = env.npe(0);
    const StepResult r = env.step(0, slate.data(), response.data(), info);
    const double loc = (cb * 5.0 + (1 - cb) * 4.0) * sat;
    const double scale = cb * 0.5 + (1 - cb) * 1.5;
    z.add((std::log(r.reward) - loc) / scale);
    innovation.add((env.npe(0) - (0.7 * npe - 2.0 * (cb - 0.5))) / 0.05);
    REQUIRE(env.satisfaction(0) == Approx(1.0 / (1.0 + std::exp(-0.3 * env.npe(0)))).epsilon(1e-14));
    REQUIRE(info[kLtsInfoClickbait] == static_cast<float>(cb));
    REQUIRE(info[kLtsInfoEngagement] == static_cast<float>(r.reward));
    if (r.terminated) env.reset(0, ++seed);
  }
  check_mean(z, 0.0, 1.0, "standardised log engagement");
  check_variance(z, 1.0, "standardised log engagement");
  check_mean(innovation, 0.0, 1.0, "standardised NPE innovation");
  check_variance(innovation, 1.0, "standardised NPE innovation");
}

TEST_CASE("LTS consumes slot 0 only; the observation clips engagement, the reward does not", "[lts]") {
  LongTermSatisfactionParams p;
  p.sensitivity = 0.0;  // SAT = 1/2: loc = 6, so engagement is mostly above 100
  p.choc_mean = 12.0;
  p.kale_mean = 12.0;
  LongTermSatisfaction env(p, 1);
  std::vector<float> response(2 * kLtsResponseDim);
  float info[kLtsInfoDim];
  const int32_t slate[2] = {3, 7};
  int above = 0;
  env.reset(0, 4);
  for (int s = 0; s < 59; ++s) {
    const StepResult r = env.step(0, slate, response.data(), info);
    CHECK(info[kLtsInfoClickedSlot] == 0.0f);
    CHECK(response[kLtsClick] == 1.0f);
    CHECK(response[kLtsEngagement] == static_cast<float>(std::clamp(r.reward, 0.0, 100.0)));
    CHECK(response[kLtsResponseDim + kLtsClick] == 0.0f);
    CHECK(response[kLtsResponseDim + kLtsEngagement] == 0.0f);
    above += r.reward > 100.0;
  }
  CHECK(above > 30);
}

TEST_CASE("LTS rejects memory_discount 1 (NPE_0 would divide by zero)", "[lts]") {
  std::string message;
  CHECK(try_create(factory(), 1, {{"memory_discount", "1.0"}}, &message) == RLREC_ERR_CONFIG);
  CHECK_THAT(message, Catch::Contains("memory_discount"));
}
