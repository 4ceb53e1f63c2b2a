// The myopic policy: its ranking rule, its use of the env's choice model on the RecSim envs,
// and its refusals when there is no choice model to use.
#include "myopic.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "env_harness.hpp"
#include "factories.hpp"
#include "ranking.hpp"
#include "slate_probability_checks.hpp"

using namespace recsim_test;
namespace rp = rlrec_recsim::plugin;

namespace {

// A myopic policy instance for `spec` (with `epsilon` when given), destroyed with the test.
struct Policy {
  explicit Policy(const rlrec_env_spec &spec, const rlrec_value *epsilon = nullptr) {
    const rlrec_plugin_factory *f = &rlrec_myopic::kMyopicFactory;
    char err[512] = {0};
    INFO(err);
    REQUIRE(f->create_policy(nullptr, epsilon, &spec, 0, &policy, err, sizeof err) == RLREC_OK);
  }
  ~Policy() { policy.vtable->destroy(policy.handle); }

  // Acts on `rows` rows with `env` (may be NULL) and observations `obs`.
  rlrec_status act(const rlrec_env *env, uint32_t rows, uint32_t slate, const rlrec_tensor *obs = nullptr) {
    slates.assign(static_cast<size_t>(rows) * slate, -1);
    prob.assign(rows, 0.0f);
    propensity.assign(static_cast<size_t>(rows) * slate, 0.0f);
    rlrec_act_input in{};
    in.struct_size = sizeof in;
    in.rows = rows;
    in.mode = RLREC_ACT_GREEDY;
    in.obs = obs;
    in.env = env;
    rlrec_act_output out{};
    out.struct_size = sizeof out;
    out.rows = rows;
    out.slates = slates.data();
    out.slate_prob = prob.data();
    out.slot_propensity = propensity.data();
    return policy.vtable->act(policy.handle, &in, &out);
  }
  std::string error() const { return policy.vtable->last_error(policy.handle); }

  rlrec_policy policy{};
  std::vector<int32_t> slates;
  std::vector<float> prob, propensity;
};

// A stand-in env with 4 candidates, a "mask" field, and a choice model returning fixed scores.
struct FakeEnv {
  static constexpr uint32_t kN = 4;
  rlrec_field mask{};
  rlrec_env_spec spec{};
  rlrec_env_choice_model ext{};
  float scores[kN] = {1, 2, 3, 4};
  bool has_extension = true;
  rlrec_env env{};

  FakeEnv() {
    mask.name = "mask";
    mask.space.kind = RLREC_SPACE_BOX;
    mask.space.dtype = RLREC_DTYPE_F32;
    mask.space.rank = 1;
    mask.space.shape[0] = kN;
    mask.space.high = 1;
    spec.struct_size = sizeof spec;
    spec.num_envs = 1;
    spec.num_obs_fields = 1;
    spec.obs_fields = &mask;
    spec.action_space.kind = RLREC_SPACE_MULTI_DISCRETE;
    spec.action_space.dtype = RLREC_DTYPE_I32;
    spec.action_space.rank = 1;
    spec.action_space.shape[0] = 2;
    spec.action_space.n = kN;
    ext = {sizeof ext, RLREC_CHOICE_CONDITIONAL, query};
    static const rlrec_env_vtable vtable = {
        sizeof(rlrec_env_vtable), spec_of, nullptr, nullptr, get_extension, last_error, nullptr};
    env = {&vtable, this};
  }
  static const rlrec_env_spec *spec_of(void *h) { return &static_cast<FakeEnv *>(h)->spec; }
  static const void *get_extension(void *h, const char *) {
    auto *self = static_cast<FakeEnv *>(h);
    return self->has_extension ? &self->ext : nullptr;
  }
  static rlrec_status query(void *h, float *s, float *, float *reward) {
    auto *self = static_cast<FakeEnv *>(h);
    for (uint32_t i = 0; i < kN; ++i) {
      s[i] = self->scores[i];
      if (reward != nullptr) reward[i] = 1.0f;
    }
    return RLREC_OK;
  }
  static const char *last_error(void *) { return ""; }
};

}  // namespace

TEST_CASE("top_k: best first, ties to the lower index, NaN last, masked out", "[myopic]") {
  uint32_t order[5];
  int32_t slate[3];
  const float v[5] = {1.0f, 3.0f, 3.0f, std::numeric_limits<float>::quiet_NaN(), 2.0f};
  REQUIRE(rlrec_myopic::top_k(v, nullptr, 5, 3, order, slate) == 3);
  CHECK(std::vector<int32_t>(slate, slate + 3) == std::vector<int32_t>{1, 2, 4});
  const uint8_t available[5] = {1, 0, 1, 1, 0};
  REQUIRE(rlrec_myopic::top_k(v, available, 5, 3, order, slate) == 3);
  CHECK(std::vector<int32_t>(slate, slate + 3) == std::vector<int32_t>{2, 0, 3});
  const uint8_t two[5] = {0, 0, 1, 1, 0};
  CHECK(rlrec_myopic::top_k(v, two, 5, 3, order, slate) == 2);
}

TEST_CASE("myopic on interest evolution: top-k by v x reward from the env, deterministically", "[myopic]") {
  EnvHarness env(rp::kInterestEvolutionFactory, 3, {{"slate_size", "3"}});
  Policy policy(env.spec());
  REQUIRE(env.reset({0, 1, 2}, {4, 5, 6}) == RLREC_OK);
  for (int s = 0; s < 20; ++s) {
    REQUIRE(policy.act(&env.env(), 3, 3) == RLREC_OK);
    std::vector<float> scores(30), reward(30);
    REQUIRE(env.choice_model()->query(env.env().handle, scores.data(), nullptr, reward.data()) == RLREC_OK);
    for (uint32_t b = 0; b < 3; ++b) {
      const int32_t *slate = policy.slates.data() + b * 3;
      CHECK(policy.prob[b] == 1.0f);
      // Every shown item beats or ties every unshown one; among ties the lower index is shown,
      // and the slate is sorted best first.
      for (uint32_t l = 0; l < 3; ++l) {
        const float shown = scores[b * 10 + slate[l]] * reward[b * 10 + slate[l]];
        CHECK(policy.propensity[b * 3 + l] == 1.0f);
        if (l > 0) {
          const float previous = scores[b * 10 + slate[l - 1]] * reward[b * 10 + slate[l - 1]];
          CHECK((previous > shown || (previous == shown && slate[l - 1] < slate[l])));
        }
        for (int32_t i = 0; i < 10; ++i) {
          if (i == slate[0] || i == slate[1] || i == slate[2]) continue;
          const float other = scores[b * 10 + i] * reward[b * 10 + i];
          CHECK((shown > other || (shown == other && slate[l] < i)));
        }
      }
    }
    REQUIRE(env.step(policy.slates) == RLREC_OK);
  }
}

TEST_CASE("myopic on long-term satisfaction puts the most clickbaity candidate first", "[myopic]") {
  EnvHarness env(rp::kLongTermSatisfactionFactory, 2);
  Policy policy(env.spec());
  REQUIRE(env.reset({0, 1}, {1, 2}) == RLREC_OK);
  REQUIRE(policy.act(&env.env(), 2, 2) == RLREC_OK);
  for (uint32_t b = 0; b < 2; ++b) {
    const float *cb = env.obs(env.reset_out, "candidates", b);
    float best = 0;
    for (int i = 0; i < 10; ++i) best = std::max(best, cb[i]);
    CHECK(cb[policy.slates[b * 2]] == best);
  }
}

TEST_CASE("myopic honours a mask and breaks ties by index", "[myopic]") {
  FakeEnv fake;
  Policy policy(fake.spec);
  std::vector<float> mask = {1, 1, 0, 1};
  rlrec_tensor obs{};
  obs.data = mask.data();
  obs.dtype = RLREC_DTYPE_F32;
  obs.rank = 2;
  obs.shape[0] = 1;
  obs.shape[1] = 4;
  REQUIRE(policy.act(&fake.env, 1, 2, &obs) == RLREC_OK);
  CHECK(policy.slates == std::vector<int32_t>{3, 1});
  const float ties[4] = {2, 2, 2, 1};
  std::memcpy(fake.scores, ties, sizeof ties);
  mask = {1, 1, 1, 1};
  REQUIRE(policy.act(&fake.env, 1, 2, &obs) == RLREC_OK);
  CHECK(policy.slates == std::vector<int32_t>{0, 1});
}

TEST_CASE("myopic refuses to act without a choice model", "[myopic]") {
  FakeEnv fake;
  Policy policy(fake.spec);
  std::vector<float> mask = {1, 1, 1, 1};
  rlrec_tensor obs{};
  obs.data = mask.data();
  obs.dtype = RLREC_DTYPE_F32;
  obs.rank = 2;
  obs.shape[0] = 1;
  obs.shape[1] = 4;
  CHECK(policy.act(nullptr, 1, 2, &obs) == RLREC_ERR_UNSUPPORTED);
  CHECK_THAT(policy.error(), Catch::Contains("NULL") && Catch::Contains(RLREC_EXT_ENV_CHOICE_MODEL));
  fake.has_extension = false;
  CHECK(policy.act(&fake.env, 1, 2, &obs) == RLREC_ERR_UNSUPPORTED);
  CHECK_THAT(policy.error(), Catch::Contains("does not expose"));
  fake.has_extension = true;
  CHECK(policy.act(&fake.env, 2, 2, &obs) == RLREC_ERR_INVALID_ARGUMENT);  // rows != the env's sub-envs
}

TEST_CASE("myopic scores any slate exactly: epsilon-greedy around its ranking", "[myopic][slate_probability]") {
  FakeEnv fake;
  rlrec_value epsilon{};
  epsilon.f = 0.3;
  Policy policy(fake.spec, &epsilon);
  std::vector<float> mask = {1, 1, 0, 1};
  rlrec_tensor obs{mask.data(), RLREC_DTYPE_F32, 2, {1, 4}};
  for (const uint32_t mode : {RLREC_ACT_EXPLORE, RLREC_ACT_GREEDY}) {
    INFO((mode == RLREC_ACT_EXPLORE ? "explore" : "greedy"));
    const rlrec_act_input in{sizeof(rlrec_act_input), 1, mode, 0, &obs, nullptr, &fake.env};
    rlrec_test::check_slate_probability(policy.policy, in, 2, 4);
  }
}

TEST_CASE("myopic save/load round-trips and rejects foreign state", "[myopic]") {
  FakeEnv fake;
  Policy policy(fake.spec);
  std::vector<unsigned char> bytes;
  rlrec_byte_sink sink{&bytes, [](void *ctx, const void *data, size_t size) {
                         auto *out = static_cast<std::vector<unsigned char> *>(ctx);
                         const auto *p = static_cast<const unsigned char *>(data);
                         out->insert(out->end(), p, p + size);
                         return static_cast<rlrec_status>(RLREC_OK);
                       }};
  REQUIRE(policy.policy.vtable->save(policy.policy.handle, &sink) == RLREC_OK);
  CHECK(policy.policy.vtable->load(policy.policy.handle, bytes.data(), bytes.size()) == RLREC_OK);
  bytes[0] ^= 1;
  CHECK(policy.policy.vtable->load(policy.policy.handle, bytes.data(), bytes.size()) == RLREC_ERR_INVALID_ARGUMENT);
}
