// The three policies through the C ABI: creation and refusals, act outputs, learn metrics,
// masks, and save/load (a restored policy acts and learns identically).
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "factories.hpp"
#include "factory.hpp"
#include "harness.hpp"

using namespace rlrec_bandit_test;

namespace {

const rlrec_plugin_factory &env_factory() {
  return rlrec_bandit_env::linear_bandit_factory();
}

const rlrec_plugin_factory *const kPolicies[] = {&rlrec_bandits::egreedy_factory(), &rlrec_bandits::linucb_factory(),
                                                 &rlrec_bandits::lints_factory()};

const Overrides kRich = {{"outer_features", "true"}, {"credit", "cascade"}};

}  // namespace

TEST_CASE("every bandit policy acts with valid slates and probabilities on bandit.linear", "[plugin]") {
  Env env(env_factory(), {}, 4);
  for (const rlrec_plugin_factory *factory : kPolicies) {
    INFO(factory->desc->id);
    Policy policy(*factory, kRich, env.spec(), 3);
    Loop loop(env, policy, 100);
    for (int t = 0; t < 30; ++t) {
      loop.step();
      const Decisions &d = loop.decisions();
      for (uint32_t r = 0; r < d.rows; ++r) {
        CHECK(d.slates[r * 2] != d.slates[r * 2 + 1]);
        CHECK(d.prob[r] > 0.0f);
        CHECK(d.prob[r] <= 1.0f);
        for (uint32_t l = 0; l < 2; ++l) CHECK(d.propensity[r * 2 + l] >= d.prob[r]);  // a marginal of the slate
      }
    }
    CHECK(loop.metrics().at("model_updates") > 0);
    CHECK(loop.metrics().count("reward_mean") == 1);
    CHECK(loop.metrics().count("prediction_mse") == 1);
    CHECK(loop.metrics().count("click_rate") == 1);
    CHECK(loop.metrics().count("epsilon") == (std::string(factory->desc->id) == "egreedy" ? 1u : 0u));
    loop.step(RLREC_ACT_GREEDY, false);
    for (float p : loop.decisions().prob) CHECK(p == 1.0f);
  }
}

TEST_CASE("policies refuse envs and features they cannot serve", "[plugin]") {
  std::string message;
  const HandSpec no_candidates(false, false);
  CHECK(try_create_policy(rlrec_bandits::linucb_factory(), {}, no_candidates.spec, message) == RLREC_ERR_UNSUPPORTED);
  CHECK(message.find("'candidates'") != std::string::npos);

  Env no_user(env_factory(), {{"user_dim", "0"}}, 1);
  CHECK(try_create_policy(rlrec_bandits::lints_factory(), {{"outer_features", "true"}}, no_user.spec(), message) ==
        RLREC_ERR_CONFIG);
  CHECK(message.find("lints: ") == 0);
  Env unequal(env_factory(), {{"user_dim", "3"}}, 1);
  CHECK(try_create_policy(rlrec_bandits::egreedy_factory(), {{"product_features", "true"}}, unequal.spec(), message) ==
        RLREC_ERR_CONFIG);
  CHECK(try_create_policy(rlrec_bandits::egreedy_factory(), {{"product_features", "true"}},
                          Env(env_factory(), {}, 1).spec(), message) == RLREC_OK);
}

TEST_CASE("masked candidates are never shown and probabilities count only available ones", "[plugin]") {
  const HandSpec hand(true, true);
  Policy policy(rlrec_bandits::egreedy_factory(), {{"epsilon", "1.0"}}, hand.spec, 5);
  std::vector<float> candidates = {1, 0, 0, 1, 1, 1, -1, 0};
  std::vector<float> mask = {1, 0, 1, 1};
  rlrec_tensor obs[2] = {};
  obs[0] = {candidates.data(), RLREC_DTYPE_F32, 3, {1, 4, 2}};
  obs[1] = {mask.data(), RLREC_DTYPE_F32, 2, {1, 4}};
  rlrec_act_input in{sizeof(rlrec_act_input), 1, RLREC_ACT_EXPLORE, 0, obs, nullptr, nullptr};
  Decisions d(1, 2);
  for (int t = 0; t < 200; ++t) {
    rlrec_act_output out = d.output();
    REQUIRE(policy.raw().vtable->act(policy.raw().handle, &in, &out) == RLREC_OK);
    CHECK(d.slates[0] != 1);
    CHECK(d.slates[1] != 1);
    CHECK(d.prob[0] == Approx(1.0 / 6.0));  // ε = 1: uniform over 3 · 2 ordered slates
    CHECK(d.propensity[0] == Approx(1.0 / 3.0));
  }
  mask = {1, 0, 0, 0};
  rlrec_act_output out = d.output();
  CHECK(policy.raw().vtable->act(policy.raw().handle, &in, &out) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK(policy.last_error().find("1 available candidates") != std::string::npos);
}

TEST_CASE("save/load round-trips exactly: a restored policy acts and learns identically", "[plugin]") {
  for (const rlrec_plugin_factory *factory : kPolicies) {
    for (const char *model : {"shared", "per_candidate"}) {
      INFO(factory->desc->id << " model " << model);
      Overrides params = kRich;
      params["model"] = model;
      Env env(env_factory(), {}, 4);
      Policy trained(*factory, params, env.spec(), 11);
      Loop warmup(env, trained, 1);
      for (int t = 0; t < 40; ++t) warmup.step();
      const std::vector<unsigned char> state = trained.save();

      Policy restored(*factory, params, env.spec(), 999);  // another seed: load replaces its stream
      REQUIRE(restored.load(state) == RLREC_OK);
      CHECK(restored.save() == state);
      Env env_a(env_factory(), {}, 4), env_b(env_factory(), {}, 4);
      Loop a(env_a, trained, 77), b(env_b, restored, 77);
      for (int t = 0; t < 40; ++t) {
        const rlrec_act_mode mode = t % 5 == 4 ? RLREC_ACT_GREEDY : RLREC_ACT_EXPLORE;
        a.step(mode);
        b.step(mode);
        REQUIRE(a.decisions().slates == b.decisions().slates);
        REQUIRE(a.decisions().prob == b.decisions().prob);
        REQUIRE(a.decisions().propensity == b.decisions().propensity);
        REQUIRE(a.decisions().scores == b.decisions().scores);
      }
      CHECK(trained.save() == restored.save());
    }
  }
}

TEST_CASE("load refuses other formats, other policies and corrupt data, and changes nothing", "[plugin]") {
  Env env(env_factory(), {}, 2);
  Policy linucb(rlrec_bandits::linucb_factory(), {}, env.spec(), 1);
  Policy lints(rlrec_bandits::lints_factory(), {}, env.spec(), 1);
  const std::vector<unsigned char> state = linucb.save();
  const std::vector<unsigned char> before = lints.save();

  CHECK(lints.load(state) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK(lints.last_error().find("belongs to policy 'linucb'") != std::string::npos);

  std::vector<unsigned char> newer = state;
  newer[8] = 2;  // the format version follows the 8-byte magic
  CHECK(linucb.load(newer) == RLREC_ERR_VERSION);

  std::vector<unsigned char> truncated(state.begin(), state.end() - 3);
  CHECK(linucb.load(truncated) == RLREC_ERR_INVALID_ARGUMENT);
  std::vector<unsigned char> garbage = state;
  garbage[0] = 'X';
  CHECK(linucb.load(garbage) == RLREC_ERR_INVALID_ARGUMENT);

  Policy wider(rlrec_bandits::linucb_factory(), {{"outer_features", "true"}}, env.spec(), 1);
  CHECK(wider.load(state) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK(lints.save() == before);
  CHECK(linucb.save() == state);
}

TEST_CASE("a shared model's state loads for another number of candidates; per-candidate models do not", "[plugin]") {
  Env env(env_factory(), {}, 2), other(env_factory(), {{"num_candidates", "7"}}, 2);
  for (const rlrec_plugin_factory *factory : kPolicies) {
    INFO(factory->desc->id);
    Policy trained(*factory, kRich, env.spec(), 5);
    Loop warmup(env, trained, 3);
    for (int t = 0; t < 20; ++t) warmup.step();
    const std::vector<unsigned char> state = trained.save();

    Policy seven(*factory, kRich, other.spec(), 5);
    REQUIRE(seven.load(state) == RLREC_OK);
    Loop acts(other, seven, 9);
    acts.step(RLREC_ACT_GREEDY, false);
    for (int32_t item : acts.decisions().slates) CHECK((item >= 0 && item < 7));
    // Back through another catalogue size, the model is the one trained.
    Policy back(*factory, kRich, env.spec(), 5);
    REQUIRE(back.load(seven.save()) == RLREC_OK);
    CHECK(back.save() == state);

    Overrides per_candidate = kRich;
    per_candidate["model"] = "per_candidate";
    Policy indexed(*factory, per_candidate, env.spec(), 5);
    Policy indexed_seven(*factory, per_candidate, other.spec(), 5);
    CHECK(indexed_seven.load(indexed.save()) == RLREC_ERR_INVALID_ARGUMENT);
    CHECK(indexed_seven.last_error().find("candidates [") != std::string::npos);
  }
}
