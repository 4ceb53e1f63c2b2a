// bandit.linear through its C ABI: determinism per sub-env seed, the regret channel against the
// choice-model extension's ground truth, the cascade's click rates, and refusals.
#include <rlrec/ext/choice_model.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "factory.hpp"
#include "harness.hpp"

using namespace rlrec_bandit_test;

namespace {

const rlrec_plugin_factory &env_factory() {
  return rlrec_bandit_env::linear_bandit_factory();
}

rlrec_status reset(Env &env, const std::vector<uint32_t> &ids, const std::vector<uint64_t> &seeds, Buffers &out) {
  rlrec_env_output view = out.output();
  return env.raw().vtable->reset(env.raw().handle, static_cast<uint32_t>(ids.size()), ids.data(), seeds.data(), &view);
}

rlrec_status step(Env &env, std::vector<int32_t> slates, Buffers &out) {
  rlrec_tensor actions{};
  actions.data = slates.data();
  actions.dtype = RLREC_DTYPE_I32;
  actions.rank = 2;
  actions.shape[0] = env.num_envs();
  actions.shape[1] = env.slate_size();
  rlrec_env_output view = out.output();
  return env.raw().vtable->step(env.raw().handle, &actions, &view);
}

std::vector<float> attractiveness(Env &env) {
  const auto *ext = static_cast<const rlrec_env_choice_model *>(
      env.raw().vtable->get_extension(env.raw().handle, RLREC_EXT_ENV_CHOICE_MODEL));
  REQUIRE(ext != nullptr);
  CHECK(ext->kind == RLREC_CHOICE_CASCADE);
  std::vector<float> scores(static_cast<std::size_t>(env.num_envs()) *
                            static_cast<std::size_t>(env.spec().action_space.n));
  REQUIRE(ext->query(env.raw().handle, scores.data(), nullptr, nullptr) == RLREC_OK);
  return scores;
}

}  // namespace

TEST_CASE("a sub-env's outputs depend only on its seed and actions", "[env]") {
  Env three(env_factory(), {}, 3);
  Env one(env_factory(), {}, 1);
  Buffers out3(three.spec(), 3), out1(one.spec(), 1);
  REQUIRE(reset(three, {2, 0, 1}, {7, 8, 9}, out3) == RLREC_OK);
  REQUIRE(reset(one, {0}, {9}, out1) == RLREC_OK);  // the seed of sub-env 1 above (row 2)
  for (std::size_t f = 0; f < out1.data.size(); ++f)
    CHECK(std::equal(out1.field(static_cast<uint32_t>(f), 0),
                     out1.field(static_cast<uint32_t>(f), 0) + out1.row_size[f],
                     out3.field(static_cast<uint32_t>(f), 2)));
  for (int t = 0; t < 20; ++t) {
    REQUIRE(step(three, {0, 1, t % 10, (t + 3) % 10, 4, 5}, out3) == RLREC_OK);
    REQUIRE(step(one, {t % 10, (t + 3) % 10}, out1) == RLREC_OK);
    for (std::size_t f = 0; f < out1.data.size(); ++f)
      CHECK(std::equal(out1.field(static_cast<uint32_t>(f), 0),
                       out1.field(static_cast<uint32_t>(f), 0) + out1.row_size[f],
                       out3.field(static_cast<uint32_t>(f), 1)));
    CHECK(out1.reward[0] == out3.reward[1]);
    CHECK(std::equal(out1.info.begin(), out1.info.end(), out3.info.begin() + out3.channels));
  }
}

TEST_CASE("regret is zero for the k most attractive items and the shortfall otherwise", "[env]") {
  Env env(env_factory(), {{"num_candidates", "8"}, {"slate_size", "3"}}, 1);
  Buffers out(env.spec(), 1);
  REQUIRE(reset(env, {0}, {42}, out) == RLREC_OK);
  const uint32_t regret = env.info_index("regret");
  const uint32_t expected_reward = env.info_index("expected_reward");
  for (int t = 0; t < 50; ++t) {
    const std::vector<float> a = attractiveness(env);
    std::vector<int32_t> order(a.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int32_t x, int32_t y) { return a[static_cast<std::size_t>(x)] > a[static_cast<std::size_t>(y)]; });
    auto click_probability = [&](int32_t i, int32_t j, int32_t k) {
      return 1.0 - (1.0 - a[static_cast<std::size_t>(i)]) * (1.0 - a[static_cast<std::size_t>(j)]) *
                       (1.0 - a[static_cast<std::size_t>(k)]);
    };
    const double best = click_probability(order[0], order[1], order[2]);
    if (t % 2 == 0) {  // the optimum, in reverse order: order within a slate does not matter
      REQUIRE(step(env, {order[2], order[0], order[1]}, out) == RLREC_OK);
      CHECK(out.info_at(0, regret) == Approx(0.0).margin(1e-6));
    } else {  // the worst slate
      REQUIRE(step(env, {order[7], order[6], order[5]}, out) == RLREC_OK);
      const double worst = click_probability(order[7], order[6], order[5]);
      CHECK(out.info_at(0, expected_reward) == Approx(worst).margin(1e-6));
      CHECK(out.info_at(0, regret) == Approx(best - worst).margin(1e-6));
      CHECK(out.info_at(0, regret) > 0.0f);
    }
  }
}

TEST_CASE("clicks follow the cascade: the mean reward is the expected reward", "[env]") {
  Env env(env_factory(), {{"reward_noise", "0.5"}, {"episode_length", "1000000"}}, 4);
  Buffers out(env.spec(), 4);
  REQUIRE(reset(env, {0, 1, 2, 3}, {1, 2, 3, 4}, out) == RLREC_OK);
  const uint32_t expected_reward = env.info_index("expected_reward");
  const uint32_t clicked_slot = env.info_index("clicked_slot");
  double reward = 0.0, expected = 0.0, first_slot = 0.0, first_slot_expected = 0.0;
  const int steps = 5000;
  for (int t = 0; t < steps; ++t) {
    const std::vector<float> a = attractiveness(env);
    for (uint32_t b = 0; b < 4; ++b) first_slot_expected += a[b * 10 + 0];
    REQUIRE(step(env, {0, 1, 0, 1, 0, 1, 0, 1}, out) == RLREC_OK);
    for (uint32_t b = 0; b < 4; ++b) {
      reward += out.reward[b];
      expected += out.info_at(b, expected_reward);
      first_slot += out.info_at(b, clicked_slot) == 0.0f ? 1.0 : 0.0;
    }
  }
  const double n = 4.0 * steps;
  // Per-step reward variance is at most 1 + 0.5²: 5 standard errors.
  CHECK(std::abs(reward - expected) / n < 5.0 * std::sqrt(1.25 / n));
  CHECK(std::abs(first_slot - first_slot_expected) / n < 5.0 * std::sqrt(0.25 / n));
}

TEST_CASE("episodes are truncated at episode_length and must be reset", "[env]") {
  Env env(env_factory(), {{"episode_length", "3"}}, 1);
  Buffers out(env.spec(), 1);
  CHECK(step(env, {0, 1}, out) == RLREC_ERR_STATE);  // never reset
  REQUIRE(reset(env, {0}, {5}, out) == RLREC_OK);
  CHECK(out.info_at(0, env.info_index("clicked_slot")) == -1.0f);
  for (int t = 0; t < 3; ++t) {
    REQUIRE(step(env, {0, 1}, out) == RLREC_OK);
    CHECK(out.truncated[0] == (t == 2 ? 1 : 0));
    CHECK(out.terminated[0] == 0);
  }
  CHECK(step(env, {0, 1}, out) == RLREC_ERR_STATE);
  CHECK(env.spec().max_episode_steps == 3);
}

TEST_CASE("invalid slates and ids are refused and change nothing", "[env]") {
  Env env(env_factory(), {}, 2);
  Buffers out(env.spec(), 2);
  REQUIRE(reset(env, {0, 1}, {1, 2}, out) == RLREC_OK);
  CHECK(step(env, {0, 1, 3, 3}, out) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK(std::string(env.raw().vtable->last_error(env.raw().handle)).find("sub-env 1 slot 1") != std::string::npos);
  CHECK(step(env, {0, 10, 1, 2}, out) == RLREC_ERR_INVALID_ARGUMENT);
  Buffers one(env.spec(), 1);
  CHECK(reset(env, {2}, {1}, one) == RLREC_ERR_INVALID_ARGUMENT);
  REQUIRE(step(env, {0, 1, 2, 3}, out) == RLREC_OK);
  CHECK(out.info_at(0, env.info_index("clicked_slot")) >= -1.0f);
}

TEST_CASE("slate_size above num_candidates is a config error", "[env]") {
  const ParamValues values(*env_factory().desc, {{"num_candidates", "2"}, {"slate_size", "3"}});
  rlrec_env env{};
  char err[256] = "";
  CHECK(env_factory().create_env(nullptr, values.data(), 1, &env, err, sizeof err) == RLREC_ERR_CONFIG);
  CHECK(std::string(err).find("slate_size") != std::string::npos);
}
