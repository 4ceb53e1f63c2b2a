// rlrec.policy.slate_probability/1 of the bandit policies through their C ABI: exact for egreedy
// (ε-greedy around the mean's top-k) and linucb (deterministic), with and without a mask, in
// both modes; not offered by lints, whose Thompson-sampling distribution has no closed form.
#include <catch2/catch.hpp>
#include <vector>

#include "factories.hpp"
#include "harness.hpp"
#include "slate_probability_checks.hpp"

using namespace rlrec_bandit_test;

namespace {

// Two decisions on the hand-made spec (candidates [4, 2], mask [4], slate 2): the first with
// candidate 1 masked out.
struct TwoRows {
  std::vector<float> candidates = {1, 0, 0, 1, 1, 1, -1, 0, 1, 0, 0, 1, 1, 1, -1, 0};
  std::vector<float> mask = {1, 0, 1, 1, 1, 1, 1, 1};
  rlrec_tensor obs[2] = {{candidates.data(), RLREC_DTYPE_F32, 3, {2, 4, 2}}, {mask.data(), RLREC_DTYPE_F32, 2, {2, 4}}};

  rlrec_act_input input(rlrec_act_mode mode) { return {sizeof(rlrec_act_input), 2, mode, 0, obs, nullptr, nullptr}; }

  // Learns that candidates like 2 and 3 pay, so the greedy slate is not the first indices.
  void teach(Policy &policy) {
    const int32_t actions[4] = {2, 3, 2, 3};
    const float reward[2] = {1, 1}, prob[2] = {1, 1};
    const uint8_t flags[2] = {0, 0};
    const uint64_t episodes[2] = {0, 1};
    const uint32_t steps[2] = {0, 0};
    rlrec_transition_batch batch{};
    batch.struct_size = sizeof batch;
    batch.rows = 2;
    batch.obs = batch.next_obs = obs;
    batch.actions = actions;
    batch.slate_prob = prob;
    batch.reward = reward;
    batch.terminated = batch.truncated = flags;
    batch.episode_id = episodes;
    batch.step_index = steps;
    uint32_t count = 0;
    const rlrec_metric *metrics = nullptr;
    REQUIRE(policy.raw().vtable->learn(policy.raw().handle, &batch, &count, &metrics) == RLREC_OK);
  }
};

}  // namespace

TEST_CASE("egreedy and linucb score any slate exactly, as they act", "[slate_probability]") {
  const HandSpec hand(true, true);
  TwoRows rows;
  const std::vector<std::pair<const rlrec_plugin_factory *, Overrides>> policies = {
      {&rlrec_bandits::egreedy_factory(), {{"epsilon", "0.3"}}},
      {&rlrec_bandits::linucb_factory(), {{"alpha", "2.0"}}}};
  for (const auto &[factory, params] : policies) {
    for (const rlrec_act_mode mode : {RLREC_ACT_EXPLORE, RLREC_ACT_GREEDY}) {
      INFO(factory->desc->id << (mode == RLREC_ACT_EXPLORE ? " explore" : " greedy"));
      Policy policy(*factory, params, hand.spec, 11);
      rows.teach(policy);
      rlrec_test::check_slate_probability(policy.raw(), rows.input(mode), 2, 4);
    }
  }
}

TEST_CASE("lints offers no slate probabilities, and scoring refuses what act refuses", "[slate_probability]") {
  const HandSpec hand(true, true);
  Policy lints(rlrec_bandits::lints_factory(), {}, hand.spec, 1);
  CHECK(rlrec_test::slate_probability_of(lints.raw()) == nullptr);

  Policy egreedy(rlrec_bandits::egreedy_factory(), {}, hand.spec, 1);
  const rlrec_policy_slate_probability *ext = rlrec_test::slate_probability_of(egreedy.raw());
  REQUIRE(ext != nullptr);
  CHECK(ext->struct_size == sizeof(rlrec_policy_slate_probability));
  TwoRows rows;
  const rlrec_act_input in = rows.input(RLREC_ACT_EXPLORE);
  std::vector<int32_t> slates = {0, 4, 0, 1};
  std::vector<double> prob(2);
  CHECK(ext->score(egreedy.raw().handle, &in, slates.data(), prob.data(), nullptr, nullptr) ==
        RLREC_ERR_INVALID_ARGUMENT);
  CHECK(egreedy.last_error().find("row 0 slot 1 is candidate 4, outside 0..3") != std::string::npos);
  slates[1] = 1;  // masked in row 0: never shown, so probability 0 (not an error)
  REQUIRE(ext->score(egreedy.raw().handle, &in, slates.data(), prob.data(), nullptr, nullptr) == RLREC_OK);
  CHECK(prob[0] == 0.0);
  CHECK(prob[1] > 0.0);
  rows.mask = {1, 0, 0, 0, 1, 1, 1, 1};
  CHECK(ext->score(egreedy.raw().handle, &in, slates.data(), prob.data(), nullptr, nullptr) ==
        RLREC_ERR_INVALID_ARGUMENT);
  CHECK(egreedy.last_error().find("row 0 has 1 available candidates") != std::string::npos);
}
