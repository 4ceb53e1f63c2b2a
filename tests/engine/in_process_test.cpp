// The embedding API's second half: plugin instances without a run (rlrec_env_open /
// rlrec_policy_open), a plugin registered from the host process (rlrec_register_factory, as the
// Python package does for envs written in Python), act/save/create_from_checkpoint, and the log
// handler. Called through librlrec.so like an embedding would.
#include <dlfcn.h>
#include <rlrec/engine.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "batch.hpp"
#include "support.hpp"

namespace {

// --- A tiny env that lives in this process: 3 candidates, slate 1, reward = chosen index,
// --- 4 steps per episode. Observation: `candidates` [3, 1] holding 0, 1, 2.
struct CountEnv {
  uint32_t num_envs = 0;
  std::vector<uint32_t> t;
  rlrec_env_spec spec{};
};

const rlrec_field kFields[] = {{"candidates", "index of each candidate", {RLREC_SPACE_BOX, RLREC_DTYPE_F32, 2, 0, {3, 1, 0, 0}, 0.0, 2.0, 0}}};

void write_obs(rlrec_env_output *out, uint32_t row) {
  float *c = static_cast<float *>(out->obs[0].data) + 3 * row;
  c[0] = 0, c[1] = 1, c[2] = 2;
}

const rlrec_env_spec *count_spec(void *h) { return &static_cast<CountEnv *>(h)->spec; }
rlrec_status count_reset(void *h, uint32_t count, const uint32_t *ids, const uint64_t *, rlrec_env_output *out) {
  auto *env = static_cast<CountEnv *>(h);
  for (uint32_t r = 0; r < count; ++r) env->t[ids[r]] = 0, write_obs(out, r);
  return RLREC_OK;
}
rlrec_status count_step(void *h, const rlrec_tensor *actions, rlrec_env_output *out) {
  auto *env = static_cast<CountEnv *>(h);
  const auto *a = static_cast<const int32_t *>(actions->data);
  for (uint32_t r = 0; r < env->num_envs; ++r) {
    out->reward[r] = static_cast<float>(a[r]);
    out->terminated[r] = ++env->t[r] >= 4;
    out->truncated[r] = 0;
    write_obs(out, r);
  }
  return RLREC_OK;
}
const char *count_last_error(void *) { return ""; }
void count_destroy(void *h) { delete static_cast<CountEnv *>(h); }
const rlrec_env_vtable kCountVtable = {sizeof(rlrec_env_vtable), count_spec, count_reset, count_step, nullptr,
                                       count_last_error, count_destroy};

rlrec_status count_create(const rlrec_host *, const rlrec_value *, uint32_t num_envs, rlrec_env *out, char *, size_t) {
  auto *env = new CountEnv;
  env->num_envs = num_envs;
  env->t.assign(num_envs, 0);
  env->spec = {sizeof(rlrec_env_spec), num_envs, 1, 0, kFields, nullptr,
               {RLREC_SPACE_MULTI_DISCRETE, RLREC_DTYPE_I32, 1, 0, {1, 0, 0, 0}, 0.0, 2.0, 3}, 0, 0};
  *out = {&kCountVtable, env};
  return RLREC_OK;
}

const rlrec_plugin_desc kCountDesc = {sizeof(rlrec_plugin_desc), RLREC_KIND_ENV, "test.count", "1.0.0",
                                      "reward = chosen index", 0, 0, nullptr};
const rlrec_plugin_factory kCountFactory = {sizeof(rlrec_plugin_factory), 0, &kCountDesc, count_create, nullptr, nullptr};

struct Api {
  void *lib = dlopen(RLREC_TEST_ENGINE_LIB, RTLD_NOW | RTLD_LOCAL);
  ~Api() {
    if (lib) dlclose(lib);
  }
#define RLREC_API_FN(name) decltype(&::name) name = reinterpret_cast<decltype(&::name)>(dlsym(lib, #name))
  RLREC_API_FN(rlrec_register_factory);
  RLREC_API_FN(rlrec_unregister_factory);
  RLREC_API_FN(rlrec_env_open);
  RLREC_API_FN(rlrec_env_close);
  RLREC_API_FN(rlrec_policy_open);
  RLREC_API_FN(rlrec_policy_close);
  RLREC_API_FN(rlrec_engine_create_from_string);
  RLREC_API_FN(rlrec_engine_create_from_checkpoint);
  RLREC_API_FN(rlrec_engine_train);
  RLREC_API_FN(rlrec_engine_evaluate);
  RLREC_API_FN(rlrec_engine_env_spec);
  RLREC_API_FN(rlrec_engine_act);
  RLREC_API_FN(rlrec_engine_save);
  RLREC_API_FN(rlrec_engine_destroy);
  RLREC_API_FN(rlrec_set_log_handler);
#undef RLREC_API_FN
};

std::vector<std::string> g_log;
void collect_log(void *, int32_t, const char *msg) { g_log.emplace_back(msg); }

}  // namespace

TEST_CASE("an env registered from the host process trains with a built-in policy", "[engine_api]") {
  Api api;
  REQUIRE(api.lib != nullptr);
  char err[512] = {0};
  REQUIRE(api.rlrec_register_factory(&kCountFactory, "<test process>", err, sizeof err) == RLREC_OK);
  CHECK(api.rlrec_register_factory(&kCountFactory, "<test process>", err, sizeof err) == RLREC_ERR_CONFIG);
  CHECK_THAT(std::string(err), Catch::Contains("already registered"));

  api.rlrec_set_log_handler(collect_log, nullptr);
  rlrec_engine *engine = nullptr;
  const char *yaml = "run: {name: inproc, total_env_steps: 400, eval: {episodes: 10}}\n"
                     "env: {plugin: test.count, num_envs: 4}\npolicy: {plugin: random}\nloggers: []\n";
  REQUIRE(api.rlrec_engine_create_from_string(yaml, "<test>", nullptr, 0, &engine, err, sizeof err) == RLREC_OK);
  rlrec::test::TempDir dir("in_process");
  rlrec_eval_result result{};
  result.struct_size = sizeof result;
  REQUIRE(api.rlrec_engine_train(engine, (dir.path() / "run").c_str(), &result) == RLREC_OK);
  api.rlrec_set_log_handler(nullptr, nullptr);
  // Uniform slates of one out of {0, 1, 2}: mean reward 1 per step, 4 steps: return ~4.
  CHECK(result.episode_length_mean == 4.0);
  CHECK(result.episode_return_mean > 1.5);
  CHECK(result.episode_return_mean < 6.5);
  CHECK_FALSE(g_log.empty());
  CHECK_THAT(g_log.back(), Catch::Contains("finished 400 env steps"));

  SECTION("act and save, then rebuild from the saved checkpoint") {
    const rlrec_env_spec *spec = api.rlrec_engine_env_spec(engine);
    REQUIRE(spec != nullptr);
    CHECK(spec->action_space.n == 3);
    float candidates[2 * 3] = {0, 1, 2, 0, 1, 2};
    rlrec_tensor obs{candidates, RLREC_DTYPE_F32, 3, {2, 3, 1, 0, 0}};
    rlrec_act_input in{sizeof in, 2, RLREC_ACT_GREEDY, 0, &obs, nullptr, nullptr};
    int32_t slates[2] = {-1, -1};
    float prob[2] = {0, 0};
    rlrec_act_output out{sizeof out, 2, slates, prob, nullptr, nullptr};
    REQUIRE(api.rlrec_engine_act(engine, &in, &out) == RLREC_OK);
    CHECK((slates[0] >= 0 && slates[0] < 3));
    CHECK(prob[0] == Approx(1.0 / 3));

    const std::string saved = (dir.path() / "saved").string();
    REQUIRE(api.rlrec_engine_save(engine, saved.c_str()) == RLREC_OK);
    rlrec_engine *restored = nullptr;
    REQUIRE(api.rlrec_engine_create_from_checkpoint(saved.c_str(), nullptr, 0, &restored, err, sizeof err) == RLREC_OK);
    rlrec_eval_result again{};
    again.struct_size = sizeof again;
    REQUIRE(api.rlrec_engine_evaluate(restored, 10, &again) == RLREC_OK);
    CHECK(again.env_steps == 400);
    api.rlrec_engine_destroy(restored);
  }
  api.rlrec_engine_destroy(engine);
  api.rlrec_unregister_factory("test.count");
  CHECK(api.rlrec_env_open("test.count", nullptr, 1, nullptr, err, sizeof err) != RLREC_OK);
}

TEST_CASE("rlrec_env_open and rlrec_policy_open drive plugins without a run", "[engine_api]") {
  Api api;
  char err[512] = {0};
  rlrec_env env{};
  CHECK(api.rlrec_env_open("example.feed", "{num_candidate: 4}", 2, &env, err, sizeof err) == RLREC_ERR_CONFIG);
  CHECK_THAT(std::string(err), Catch::Contains("did you mean 'num_candidates'"));
  REQUIRE(api.rlrec_env_open("example.feed", "{num_candidates: 4, slate_size: 2}", 2, &env, err, sizeof err) ==
          RLREC_OK);
  const rlrec_env_spec *spec = env.vtable->spec(env.handle);
  CHECK(spec->action_space.n == 4);

  rlrec_policy policy{};
  REQUIRE(api.rlrec_policy_open("random", nullptr, spec, 7, &policy, err, sizeof err) == RLREC_OK);
  rlrec::core::EnvOutputBuffers out(*spec, 2);
  rlrec_env_output view = out.view(2);
  const uint32_t ids[2] = {0, 1};
  const uint64_t seeds[2] = {1, 2};
  REQUIRE(env.vtable->reset(env.handle, 2, ids, seeds, &view) == RLREC_OK);
  int32_t slates[4];
  float prob[2];
  rlrec_act_input in{sizeof in, 2, RLREC_ACT_EXPLORE, 0, view.obs, nullptr, &env};
  rlrec_act_output decisions{sizeof decisions, 2, slates, prob, nullptr, nullptr};
  REQUIRE(policy.vtable->act(policy.handle, &in, &decisions) == RLREC_OK);
  CHECK(prob[0] == Approx(1.0 / 12));
  rlrec_tensor actions{slates, RLREC_DTYPE_I32, 2, {2, 2, 0, 0, 0}};
  CHECK(env.vtable->step(env.handle, &actions, &view) == RLREC_OK);
  api.rlrec_policy_close(&policy);
  api.rlrec_env_close(&env);
  CHECK(env.handle == nullptr);
  api.rlrec_env_close(&env);  // closing twice is allowed
}
