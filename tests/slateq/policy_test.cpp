// SlateQ and DQN through their C ABI, driven like the runner does (driver.hpp): a checkpoint
// resumes exactly, training is reproducible from a seed, slate probabilities are exact, acting
// works without an env, and misuse fails with the right status.
#include <catch2/catch.hpp>

#include <cmath>

#include "driver.hpp"

using slateq_test::Driver;

namespace {

const char *kFeed = "{num_candidates: 6, slate_size: 2, budget: 10}";

// Small and fast: training starts after a few steps, and every part (targets, choice model,
// prioritised replay, target syncs) runs within a few hundred steps.
std::string slateq_params(const std::string &extra = "") {
  return "{hidden: [16], batch_size: 8, learning_starts: 64, train_every: 4, target_update_every: 128, "
         "n_step: 3, gamma: 0.9, history_decays: [1.0, 0.5], epsilon_decay_steps: 400, replay_capacity: 300" +
         extra + "}";
}

std::string dqn_params(const std::string &extra = "") {
  return "{hidden: [16], batch_size: 8, learning_starts: 64, train_every: 4, target_update_every: 128, "
         "n_step: 2, double_q: true, history_decays: [1.0], epsilon_decay_steps: 400, replay_capacity: 300" +
         extra + "}";
}

// Trains a policy, saves it, loads the state into a fresh twin, then runs both on the same
// inputs: every slate must agree and the final states must be byte-identical.
void check_exact_resume(const std::string &plugin, const std::string &params) {
  Driver original("example.feed", kFeed, 4, plugin, params, 17);
  original.train(150);
  const std::vector<unsigned char> state = original.save();
  Driver twin("example.feed", kFeed, 4, plugin, params, 999);  // another seed: everything must come from the state
  REQUIRE(twin.load(state) == RLREC_OK);
  CHECK(twin.save() == state);
  original.reset_all();  // the runner restarts in-flight episodes on resume
  original.train(200, &twin);
  CHECK(original.save() == twin.save());
}

}  // namespace

TEST_CASE("a checkpoint resumes training and acting exactly", "[policy][checkpoint]") {
  SECTION("slateq, env choice model, LP") { check_exact_resume("slateq", slateq_params()); }
  SECTION("slateq, learned choice model, prioritised replay, SARSA, Polyak") {
    check_exact_resume("slateq", slateq_params(", choice_model: learned, prioritized: true, target: sarsa, tau: 0.05, "
                                               "slate_optimizer: greedy"));
  }
  SECTION("slateq, one network, averaged acting weights, expected rewards, exhaustive, tanh") {
    check_exact_resume("slateq", slateq_params(", dueling: false, act_average: 0.05, expected_reward: true, "
                                               "slate_optimizer: exhaustive, activation: tanh, optimizer: rmsprop"));
  }
  SECTION("dqn") { check_exact_resume("dqn", dqn_params(", prioritized: true")); }
}

TEST_CASE("training is reproducible from the seed", "[policy][determinism]") {
  for (const auto &[plugin, params] : {std::pair{std::string("slateq"), slateq_params()},
                                       std::pair{std::string("dqn"), dqn_params()}}) {
    Driver a("example.feed", kFeed, 4, plugin, params, 5);
    Driver b("example.feed", kFeed, 4, plugin, params, 5);
    Driver c("example.feed", kFeed, 4, plugin, params, 6);
    a.train(250);
    b.train(250);
    c.train(250);
    CHECK(a.save() == b.save());
    CHECK(a.save() != c.save());
    CHECK(a.evaluate(20, 3) == b.evaluate(20, 3));
    CHECK(a.evaluate(20, 3) != c.evaluate(20, 3));
  }
}

TEST_CASE("slate probabilities are exact for epsilon-greedy", "[policy]") {
  // 6 candidates, slate 2: 30 ordered slates. epsilon 1: every slate has probability 1/30.
  Driver uniform("example.feed", kFeed, 4, "slateq", slateq_params(", epsilon_start: 1.0, epsilon_end: 1.0"), 1);
  uniform.train(1);
  for (float p : uniform.last_slate_prob()) CHECK(p == Approx(1.0 / 30));
  // epsilon 0.2: the greedy slate has 0.8 + 0.2/30, any other 0.2/30.
  Driver mixed("example.feed", kFeed, 4, "slateq", slateq_params(", epsilon_start: 0.2, epsilon_end: 0.2"), 1);
  for (int s = 0; s < 20; ++s) {
    mixed.train(1);
    for (float p : mixed.last_slate_prob()) {
      const bool greedy = std::abs(p - (0.8 + 0.2 / 30)) < 1e-5;
      const bool other = std::abs(p - 0.2 / 30) < 1e-6;
      CHECK((greedy || other));
    }
  }
  // Greedy mode with epsilon_eval 0 is deterministic.
  Driver greedy("example.feed", kFeed, 4, "dqn", dqn_params(), 1);
  greedy.evaluate(4, 1);
  for (float p : greedy.last_slate_prob()) CHECK(p == 1.0f);
}

TEST_CASE("slateq acts without an env (serving) with its learned choice model", "[policy]") {
  Driver driver("example.feed", kFeed, 4, "slateq", slateq_params(), 2);
  driver.train(100);
  const rlrec_env_spec *spec = driver.env().vtable->spec(driver.env().handle);
  // One all-zero observation row per field: a valid, if dull, context.
  std::vector<std::vector<float>> fields(spec->num_obs_fields);
  std::vector<rlrec_tensor> tensors(spec->num_obs_fields);
  for (uint32_t f = 0; f < spec->num_obs_fields; ++f) {
    const rlrec_space &space = spec->obs_fields[f].space;
    fields[f].assign(static_cast<size_t>(rlrec_space_numel(&space)), 0.0f);
    tensors[f].data = fields[f].data();
    tensors[f].dtype = RLREC_DTYPE_F32;
    tensors[f].rank = space.rank + 1;
    tensors[f].shape[0] = 1;
    for (uint32_t d = 0; d < space.rank; ++d) tensors[f].shape[d + 1] = space.shape[d];
  }
  rlrec_act_input in{sizeof(rlrec_act_input), 1, RLREC_ACT_GREEDY, 0, tensors.data(), nullptr, nullptr};
  int32_t slate[2] = {-1, -1};
  float prob = 0.0f;
  rlrec_act_output out{sizeof(rlrec_act_output), 1, slate, &prob, nullptr, nullptr};
  rlrec_policy &policy = driver.policy();
  REQUIRE(policy.vtable->act(policy.handle, &in, &out) == RLREC_OK);
  CHECK(slate[0] >= 0);
  CHECK(slate[1] >= 0);
  CHECK(slate[0] != slate[1]);
  CHECK(prob == 1.0f);
}

TEST_CASE("misuse fails with a status and a message", "[policy]") {
  Driver driver("example.feed", kFeed, 4, "slateq", slateq_params(), 2);
  rlrec_policy &policy = driver.policy();
  const std::vector<unsigned char> state = driver.save();

  SECTION("learn of other rows than the policy acted on") {
    rlrec_transition_batch batch{};
    batch.struct_size = sizeof batch;
    driver.train(1);  // a valid step first, then an act on 2 rows and a learn of 4
    uint32_t count = 0;
    const rlrec_metric *metrics = nullptr;
    std::vector<int32_t> actions(8, 0);
    std::vector<float> reward(4, 0.0f);
    std::vector<uint8_t> flags(4, 0);
    std::vector<uint64_t> ids(4, 1);
    std::vector<uint32_t> steps(4, 0);
    const rlrec_env_spec *spec = driver.env().vtable->spec(driver.env().handle);
    std::vector<std::vector<float>> fields(spec->num_obs_fields);
    std::vector<rlrec_tensor> tensors(spec->num_obs_fields);
    for (uint32_t f = 0; f < spec->num_obs_fields; ++f) {
      const rlrec_space &space = spec->obs_fields[f].space;
      fields[f].assign(4 * static_cast<size_t>(rlrec_space_numel(&space)), 0.0f);
      tensors[f].data = fields[f].data();
      tensors[f].dtype = RLREC_DTYPE_F32;
      tensors[f].rank = space.rank + 1;
      tensors[f].shape[0] = 4;
      for (uint32_t d = 0; d < space.rank; ++d) tensors[f].shape[d + 1] = space.shape[d];
    }
    for (rlrec_tensor &t : tensors) t.shape[0] = 2;
    rlrec_act_input in{sizeof in, 2, RLREC_ACT_EXPLORE, 0, tensors.data(), nullptr, nullptr};
    std::vector<float> prob(2);
    rlrec_act_output out{sizeof out, 2, actions.data(), prob.data(), nullptr, nullptr};
    REQUIRE(policy.vtable->act(policy.handle, &in, &out) == RLREC_OK);
    for (rlrec_tensor &t : tensors) t.shape[0] = 4;
    batch.rows = 4;
    batch.obs = tensors.data();
    batch.next_obs = tensors.data();
    batch.actions = actions.data();
    batch.reward = reward.data();
    batch.terminated = flags.data();
    batch.truncated = flags.data();
    batch.episode_id = ids.data();
    batch.step_index = steps.data();
    CHECK(policy.vtable->learn(policy.handle, &batch, &count, &metrics) == RLREC_ERR_STATE);
    CHECK_THAT(policy.vtable->last_error(policy.handle), Catch::Contains("acted"));
  }
  SECTION("load of garbage, of another version, of a truncated state") {
    const std::vector<unsigned char> garbage(64, 7);
    CHECK(driver.load(garbage) == RLREC_ERR_INVALID_ARGUMENT);
    std::vector<unsigned char> other = state;
    other[8] = 99;  // the format version follows the 8-byte tag
    CHECK(driver.load(other) == RLREC_ERR_VERSION);
    const std::vector<unsigned char> truncated(state.begin(), state.end() - 5);
    CHECK(driver.load(truncated) == RLREC_ERR_INVALID_ARGUMENT);
    CHECK(driver.save() == state);  // failed loads changed nothing
  }
  SECTION("a state of another shape") {
    Driver bigger("example.feed", "{num_candidates: 7, slate_size: 2}", 4, "slateq", slateq_params(), 2);
    CHECK(driver.load(bigger.save()) == RLREC_ERR_INVALID_ARGUMENT);
  }
}
