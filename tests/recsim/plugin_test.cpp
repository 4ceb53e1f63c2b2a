// The recsim plugin through its C ABI: entry and specs, determinism for any num_envs split,
// invalid slates, life-cycle errors, the choice-model extension, observations as copies, and
// configuration errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <rlrec_support/entry.hpp>
#include <string>
#include <vector>

#include "env_harness.hpp"
#include "factories.hpp"
#include "slates.hpp"

using namespace recsim_test;
namespace rp = rlrec_recsim::plugin;

namespace {

struct EnvCase {
  const char *id;
  const rlrec_plugin_factory &factory;
  Overrides overrides;
};

const EnvCase kCases[] = {
    {"recsim.interest_evolution", rp::kInterestEvolutionFactory, {}},
    {"recsim.interest_evolution", rp::kInterestEvolutionFactory, {{"choice_model", "cascade_exponential"}}},
    {"recsim.long_term_satisfaction", rp::kLongTermSatisfactionFactory, {}},
    {"recsim.interest_exploration", rp::kInterestExplorationFactory, {{"max_episode_steps", "40"}}},
};

template <class T>
void append(std::vector<uint8_t> &out, const T *data, size_t count) {
  const auto *bytes = reinterpret_cast<const uint8_t *>(data);
  out.insert(out.end(), bytes, bytes + sizeof(T) * count);
}

// Every value of row r lies in its field's space and is finite (what the engine checks).
void check_row_in_spaces(const EnvHarness &env, const EnvHarness::Output &out, uint32_t r) {
  for (uint32_t f = 0; f < env.spec().num_obs_fields; ++f) {
    const rlrec_field &field = env.spec().obs_fields[f];
    const int64_t numel = env.numel(static_cast<int>(f));
    for (int64_t i = 0; i < numel; ++i) {
      const float v = out.obs[f][r * numel + i];
      INFO("field " << field.name << " element " << i << " = " << v);
      REQUIRE(std::isfinite(v));
      REQUIRE(v >= field.space.low);
      REQUIRE(v <= field.space.high);
    }
  }
  const uint32_t channels = env.spec().num_info_channels;
  for (uint32_t c = 0; c < channels; ++c) {
    const float v = out.info[r * channels + c];
    INFO("info " << env.spec().info_channels[c].name << " = " << v);
    REQUIRE(v >= env.spec().info_channels[c].space.low);
    REQUIRE(v <= env.spec().info_channels[c].space.high);
  }
}

void append_row(std::vector<uint8_t> &trace, const EnvHarness &env, const EnvHarness::Output &out, uint32_t r) {
  for (uint32_t f = 0; f < env.spec().num_obs_fields; ++f) {
    const int64_t numel = env.numel(static_cast<int>(f));
    append(trace, out.obs[f].data() + r * numel, static_cast<size_t>(numel));
  }
  const uint32_t channels = env.spec().num_info_channels;
  append(trace, out.info.data() + r * channels, channels);
}

// Runs global sub-envs [first, first + count) in one instance for `steps` steps. The episode
// seeds and the slates are functions of the global sub-env id and its own counters only, so any
// split of the same ids must give byte-identical traces.
void drive(const EnvCase &c, uint32_t first, uint32_t count, int steps, std::vector<std::vector<uint8_t>> &traces) {
  EnvHarness env(c.factory, count, c.overrides);
  const uint32_t n = env.num_candidates(), k = env.slate_size();
  std::vector<uint32_t> episode(count, 0), t(count, 0);
  auto seed_of = [&](uint32_t g, uint32_t e) { return 1000003ull * g + 7919ull * e + 12345; };
  auto reset_one = [&](uint32_t b) {
    const uint32_t g = first + b;
    REQUIRE(env.reset({b}, {seed_of(g, episode[b])}) == RLREC_OK);
    check_row_in_spaces(env, env.reset_out, 0);
    append_row(traces[g], env, env.reset_out, 0);
    t[b] = 0;
  };
  for (uint32_t b = 0; b < count; ++b) reset_one(b);
  for (int s = 0; s < steps; ++s) {
    std::vector<int32_t> actions;
    for (uint32_t b = 0; b < count; ++b) {
      rlrec_recsim::Rng rng = test_rng(seed_of(first + b, episode[b]) * 31 + t[b]);
      const auto slate = random_slate(rng, n, k);
      actions.insert(actions.end(), slate.begin(), slate.end());
    }
    INFO(env.last_error());
    REQUIRE(env.step(actions) == RLREC_OK);
    for (uint32_t b = 0; b < count; ++b) {
      std::vector<uint8_t> &trace = traces[first + b];
      check_row_in_spaces(env, env.step_out, b);
      REQUIRE(std::isfinite(env.step_out.reward[b]));
      append_row(trace, env, env.step_out, b);
      append(trace, &env.step_out.reward[b], 1);
      append(trace, &env.step_out.terminated[b], 1);
      append(trace, &env.step_out.truncated[b], 1);
      ++t[b];
      if (env.step_out.terminated[b] || env.step_out.truncated[b]) {
        ++episode[b];
        reset_one(b);
      }
    }
  }
}

}  // namespace

TEST_CASE("the library provides the three RecSim envs", "[plugin]") {
  // What export.cpp exports.
  const rlrec_plugin_entry &entry = rlrec_support::StaticEntry<rp::kFactories>::table;
  CHECK(entry.abi_version == RLREC_ABI_VERSION);
  REQUIRE(entry.factory_count() == 3);
  const char *ids[3] = {"recsim.interest_evolution", "recsim.long_term_satisfaction", "recsim.interest_exploration"};
  for (uint32_t i = 0; i < 3; ++i) {
    const rlrec_plugin_factory *f = entry.factory_get(i);
    CHECK(std::string(f->desc->id) == ids[i]);
    CHECK(f->desc->kind == RLREC_KIND_ENV);
    CHECK(f->create_env != nullptr);
    for (uint32_t p = 0; p < f->desc->num_params; ++p) CHECK(f->desc->params[p].doc != nullptr);
  }
}

TEST_CASE("specs follow the observation conventions", "[plugin]") {
  EnvHarness ie(rp::kInterestEvolutionFactory, 2);
  CHECK(ie.field("user") == 0);
  CHECK(ie.numel(ie.field("user")) == 20);
  CHECK(ie.numel(ie.field("candidates")) == 10 * 20);
  CHECK(ie.numel(ie.field("response")) == 2 * 4);
  CHECK(ie.spec().max_episode_steps == 0);
  CHECK(ie.spec().allow_duplicates == 0);
  CHECK(ie.spec().action_space.n == 10);
  CHECK(ie.spec().action_space.shape[0] == 2);

  EnvHarness lts(rp::kLongTermSatisfactionFactory, 1);
  CHECK(lts.field("user") == -1);  // the user is hidden in RecSim
  CHECK(lts.numel(lts.field("candidates")) == 10);
  CHECK(lts.numel(lts.field("response")) == 2 * 2);
  CHECK(lts.spec().max_episode_steps == 60);

  EnvHarness iex(rp::kInterestExplorationFactory, 1);
  CHECK(iex.field("user") == -1);
  CHECK(iex.numel(iex.field("candidates")) == 10 * 3);
  CHECK(iex.numel(iex.field("response")) == 2 * 3);

  for (const EnvHarness *env : {&ie, &lts, &iex}) {
    CHECK(env->channel("clicked_slot") == 0);
    CHECK(env->channel("engagement") == 1);
  }
}

TEST_CASE("same seeds give bitwise identical trajectories for any num_envs split", "[plugin][determinism]") {
  for (const EnvCase &c : kCases) {
    INFO(c.id);
    std::vector<std::vector<uint8_t>> whole(4), singles(4), uneven(4);
    drive(c, 0, 4, 300, whole);
    for (uint32_t g = 0; g < 4; ++g) drive(c, g, 1, 300, singles);
    drive(c, 0, 1, 300, uneven);
    drive(c, 1, 3, 300, uneven);
    for (uint32_t g = 0; g < 4; ++g) {
      INFO("sub-env " << g);
      REQUIRE(whole[g].size() > 0);
      CHECK(whole[g] == singles[g]);
      CHECK(whole[g] == uneven[g]);
    }
    CHECK(whole[0] != whole[1]);  // different seeds, different trajectories
  }
}

TEST_CASE("invalid slates are rejected with the sub-env, slot and value", "[plugin][slates]") {
  EnvHarness env(rp::kInterestEvolutionFactory, 3);
  REQUIRE(env.reset({0, 1, 2}, {1, 2, 3}) == RLREC_OK);
  CHECK(env.step({0, 1, 2, 3, 4, 10}) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK_THAT(env.last_error(), Catch::Contains("sub-env 2") && Catch::Contains("slot 1") && Catch::Contains("10"));
  CHECK(env.step({0, 1, -1, 3, 4, 5}) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK_THAT(env.last_error(), Catch::Contains("sub-env 1") && Catch::Contains("slot 0") && Catch::Contains("-1"));
  CHECK(env.step({0, 1, 3, 3, 4, 5}) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK_THAT(env.last_error(), Catch::Contains("sub-env 1") && Catch::Contains("slot 1") && Catch::Contains("repeats"));
  CHECK(env.step({0, 1, 2, 3, 4, 5}) == RLREC_OK);

  EnvHarness dup(rp::kInterestEvolutionFactory, 1, {{"allow_duplicates", "true"}});
  CHECK(dup.spec().allow_duplicates == 1);
  REQUIRE(dup.reset({0}, {1}) == RLREC_OK);
  CHECK(dup.step({4, 4}) == RLREC_OK);
  CHECK(dup.step({4, 10}) == RLREC_ERR_INVALID_ARGUMENT);
}

TEST_CASE("a failed step changes nothing", "[plugin][slates]") {
  for (const EnvCase &c : kCases) {
    INFO(c.id);
    EnvHarness a(c.factory, 2, c.overrides), b(c.factory, 2, c.overrides);
    REQUIRE(a.reset({0, 1}, {5, 6}) == RLREC_OK);
    REQUIRE(b.reset({0, 1}, {5, 6}) == RLREC_OK);
    REQUIRE(a.step({0, 1, 9, 9}) == RLREC_ERR_INVALID_ARGUMENT);  // sub-env 0 valid, 1 not
    REQUIRE(a.step({0, 1, 2, 3}) == RLREC_OK);
    REQUIRE(b.step({0, 1, 2, 3}) == RLREC_OK);
    CHECK(a.step_out.obs == b.step_out.obs);
    CHECK(a.step_out.reward == b.step_out.reward);
    CHECK(a.step_out.info == b.step_out.info);
  }
}

TEST_CASE("life cycle: reset before step, reset after the end, valid reset ids", "[plugin]") {
  EnvHarness env(rp::kLongTermSatisfactionFactory, 2, {{"time_budget", "2"}});
  CHECK(env.step({0, 1, 0, 1}) == RLREC_ERR_STATE);
  CHECK_THAT(env.last_error(), Catch::Contains("sub-env 0") && Catch::Contains("never reset"));
  CHECK(env.reset({0, 2}, {1, 2}) == RLREC_ERR_INVALID_ARGUMENT);
  CHECK(env.reset({1, 1}, {1, 2}) == RLREC_ERR_INVALID_ARGUMENT);
  REQUIRE(env.reset({0, 1}, {1, 2}) == RLREC_OK);
  REQUIRE(env.step({0, 1, 0, 1}) == RLREC_OK);
  REQUIRE(env.step({0, 1, 0, 1}) == RLREC_OK);
  CHECK(env.step_out.terminated[0] == 1);
  CHECK(env.step({0, 1, 0, 1}) == RLREC_ERR_STATE);
  CHECK_THAT(env.last_error(), Catch::Contains("not reset"));
  REQUIRE(env.reset({1, 0}, {3, 4}) == RLREC_OK);  // any order
  CHECK(env.step({0, 1, 0, 1}) == RLREC_OK);
}

TEST_CASE("reset reports a zero response and neutral infos", "[plugin]") {
  for (const EnvCase &c : kCases) {
    INFO(c.id);
    EnvHarness env(c.factory, 1, c.overrides);
    REQUIRE(env.reset({0}, {3}) == RLREC_OK);
    const int r = env.field("response");
    for (float v : env.reset_out.obs[r]) CHECK(v == 0.0f);
    CHECK(env.info(env.reset_out, "clicked_slot", 0) == -1.0f);
    CHECK(env.info(env.reset_out, "engagement", 0) == 0.0f);
  }
}

TEST_CASE("observations are copies: a later call never touches an earlier buffer", "[plugin]") {
  EnvHarness env(rp::kInterestEvolutionFactory, 1);
  REQUIRE(env.reset({0}, {8}) == RLREC_OK);
  const EnvHarness::Output first = env.reset_out;
  std::vector<float> user(env.obs(env.reset_out, "user", 0), env.obs(env.reset_out, "user", 0) + 20);
  for (int s = 0; s < 50; ++s) REQUIRE(env.step({0, 1}) == RLREC_OK);
  CHECK(env.reset_out.obs == first.obs);
  // The user observation moved with the clicks; the one handed out at reset did not.
  CHECK(std::vector<float>(env.obs(env.step_out, "user", 0), env.obs(env.step_out, "user", 0) + 20) != user);
}

TEST_CASE("the choice-model extension reveals the env's ground truth", "[plugin][choice]") {
  SECTION("interest evolution: v = u[c] + 1, v0 = 2, reward min(budget, 4)") {
    EnvHarness env(rp::kInterestEvolutionFactory, 2);
    const rlrec_env_choice_model *cm = env.choice_model();
    REQUIRE(cm != nullptr);
    CHECK(cm->kind == RLREC_CHOICE_CONDITIONAL);
    std::vector<float> scores(20), no_click(2), reward(20);
    CHECK(cm->query(env.env().handle, scores.data(), no_click.data(), reward.data()) == RLREC_ERR_STATE);
    REQUIRE(env.reset({0, 1}, {1, 2}) == RLREC_OK);
    REQUIRE(cm->query(env.env().handle, scores.data(), no_click.data(), reward.data()) == RLREC_OK);
    for (uint32_t b = 0; b < 2; ++b) {
      const float *u = env.obs(env.reset_out, "user", b);
      const float *cand = env.obs(env.reset_out, "candidates", b);
      CHECK(no_click[b] == 2.0f);
      for (uint32_t i = 0; i < 10; ++i) {
        int c = 0;
        while (cand[i * 20 + c] != 1.0f) ++c;
        CHECK(scores[b * 10 + i] == Approx(u[c] + 1.0f));
        CHECK(reward[b * 10 + i] == 4.0f);
      }
    }
    CHECK(cm->query(env.env().handle, scores.data(), nullptr, nullptr) == RLREC_OK);
  }
  SECTION("interest evolution with a cascade reports kind cascade and probabilities in [0, 1]") {
    EnvHarness env(rp::kInterestEvolutionFactory, 1, {{"choice_model", "cascade_proportional"}});
    const rlrec_env_choice_model *cm = env.choice_model();
    REQUIRE(cm != nullptr);
    CHECK(cm->kind == RLREC_CHOICE_CASCADE);
    REQUIRE(env.reset({0}, {1}) == RLREC_OK);
    std::vector<float> scores(10), no_click(1);
    REQUIRE(cm->query(env.env().handle, scores.data(), no_click.data(), nullptr) == RLREC_OK);
    CHECK(no_click[0] == 0.0f);
    const float *u = env.obs(env.reset_out, "user", 0);
    const float *cand = env.obs(env.reset_out, "candidates", 0);
    for (uint32_t i = 0; i < 10; ++i) {
      int c = 0;
      while (cand[i * 20 + c] != 1.0f) ++c;
      CHECK(scores[i] == Approx(0.65 * 0.05 * (u[c] + 1.0)));
    }
  }
  SECTION("long-term satisfaction: first slot, expected engagement rising with clickbait") {
    EnvHarness env(rp::kLongTermSatisfactionFactory, 1);
    const rlrec_env_choice_model *cm = env.choice_model();
    REQUIRE(cm != nullptr);
    CHECK(cm->kind == RLREC_CHOICE_FIRST_SLOT);
    REQUIRE(env.reset({0}, {1}) == RLREC_OK);
    std::vector<float> scores(10), reward(10);
    REQUIRE(cm->query(env.env().handle, scores.data(), nullptr, reward.data()) == RLREC_OK);
    const float *cb = env.obs(env.reset_out, "candidates", 0);
    for (uint32_t i = 0; i < 10; ++i) {
      // SAT is within 0.5 +- 0.005 at the defaults: E = exp((4 + cb) SAT + 1/2).
      CHECK(reward[i] == Approx(std::exp((4.0 + cb[i]) * 0.5 + 0.5)).epsilon(0.02));
    }
  }
  SECTION("interest exploration: exp(affinity + quality), v0 = e^5, reward 1") {
    EnvHarness env(rp::kInterestExplorationFactory, 1);
    const rlrec_env_choice_model *cm = env.choice_model();
    REQUIRE(cm != nullptr);
    CHECK(cm->kind == RLREC_CHOICE_CONDITIONAL);
    REQUIRE(env.reset({0}, {1}) == RLREC_OK);
    std::vector<float> scores(10), no_click(1), reward(10);
    REQUIRE(cm->query(env.env().handle, scores.data(), no_click.data(), reward.data()) == RLREC_OK);
    CHECK(no_click[0] == Approx(std::exp(5.0)));
    const float *cand = env.obs(env.reset_out, "candidates", 0);
    for (uint32_t i = 0; i < 10; ++i) {
      CHECK(reward[i] == 1.0f);
      CHECK(scores[i] >= std::exp(cand[i * 3 + 2]));  // affinity > 0
    }
  }
  EnvHarness env(rp::kInterestEvolutionFactory, 1);
  CHECK(env.env().vtable->get_extension(env.env().handle, "rlrec.env.unknown/1") == nullptr);
}

TEST_CASE("parameters that are valid alone but not together are configuration errors", "[plugin]") {
  std::string message;
  CHECK(try_create(rp::kInterestEvolutionFactory, 1, {{"num_candidates", "3"}, {"slate_size", "4"}}, &message) ==
        RLREC_ERR_CONFIG);
  CHECK_THAT(message, Catch::Contains("recsim.interest_evolution") && Catch::Contains("slate_size"));
}
