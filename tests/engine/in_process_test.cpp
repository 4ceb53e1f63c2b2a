// The embedding API's second half: plugin instances without a run (rlrec_env_open /
// rlrec_policy_open), plugins registered from the host process (rlrec_register_factory, as the
// Python package does for envs written in Python), act/save/create_from_checkpoint, and the log
// handler. Called through librlrec.so like an embedding would. Host-registered probes also check
// what a run hands policies and loggers: the transitions' slot_propensity (ABI 1.1).
#include <dlfcn.h>
#include <rlrec/engine.h>

#include <catch2/catch.hpp>
#include <cmath>
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

// --- A policy and a logger that record what the runner hands them. The engine owns the
// --- instances, so what they saw goes to this test-only record, read after the run.
struct ProbeRecord {
  std::vector<float> written;  // slot_propensity of every explore-mode act row, in row order
  std::size_t learnt = 0;      // rows of `written` that learn has been given so far
  std::size_t logged = 0;      // rows of `written` that log_transitions has been given so far
  uint64_t learn_mismatches = 0, log_mismatches = 0;  // rows whose propensity differed
  uint64_t without_field = 0;  // batches without a readable slot_propensity
};
ProbeRecord g_probe;

// Compares a batch's per-slot propensities with the next rows of what act wrote (NaN must arrive
// as NaN), advancing `cursor`. CountEnv has slate 1, so a row is one slot.
void compare_with_act(const rlrec_transition_batch *batch, std::size_t &cursor, uint64_t &mismatches) {
  if (!RLREC_HAS_MEMBER(rlrec_transition_batch, batch, slot_propensity) || batch->slot_propensity == nullptr) {
    ++g_probe.without_field;
    return;
  }
  for (uint32_t r = 0; r < batch->rows; ++r, ++cursor) {
    const float got = batch->slot_propensity[r];
    const bool same = cursor < g_probe.written.size() &&
                      (std::isnan(got) ? std::isnan(g_probe.written[cursor]) : got == g_probe.written[cursor]);
    if (!same) ++mismatches;
  }
}

const rlrec_policy_info kProbeInfo = {sizeof(rlrec_policy_info), RLREC_POLICY_LEARNS};
const rlrec_policy_info *probe_info(void *) { return &kProbeInfo; }
rlrec_status probe_act(void *, const rlrec_act_input *in, rlrec_act_output *out) {
  for (uint32_t r = 0; r < in->rows; ++r) {
    out->slates[r] = static_cast<int32_t>(r % 3);
    out->slate_prob[r] = 1.0f;
    if (in->mode != RLREC_ACT_EXPLORE) continue;  // evaluation rows are never learnt from
    if (out->slot_propensity == nullptr) return RLREC_ERR_INVALID_ARGUMENT;
    // A value per row, so a batch that mixes rows up differs; every third row "cannot compute"
    // its propensity and leaves the runner's NaN.
    const std::size_t n = g_probe.written.size();
    if (n % 3 != 2) out->slot_propensity[r] = 1.0f / static_cast<float>(2 + n);
    g_probe.written.push_back(out->slot_propensity[r]);
  }
  return RLREC_OK;
}
rlrec_status probe_learn(void *, const rlrec_transition_batch *batch, uint32_t *num_metrics,
                         const rlrec_metric **metrics) {
  compare_with_act(batch, g_probe.learnt, g_probe.learn_mismatches);
  *num_metrics = 0;
  *metrics = nullptr;
  return RLREC_OK;
}
rlrec_status probe_save(void *, const rlrec_byte_sink *) { return RLREC_OK; }
rlrec_status probe_load(void *, const void *, size_t) { return RLREC_OK; }
const char *probe_last_error(void *) { return "probe: act was given no slot_propensity buffer"; }
void probe_destroy(void *) {}
const rlrec_policy_vtable kProbePolicyVtable = {sizeof(rlrec_policy_vtable), probe_info, probe_act, probe_learn,
                                                probe_save, probe_load, nullptr, probe_last_error, probe_destroy};
rlrec_status probe_policy_create(const rlrec_host *, const rlrec_value *, const rlrec_env_spec *, uint64_t,
                                 rlrec_policy *out, char *, size_t) {
  *out = {&kProbePolicyVtable, &g_probe};
  return RLREC_OK;
}

rlrec_status probe_log_transitions(void *, const rlrec_transition_batch *batch, const rlrec_act_output *) {
  compare_with_act(batch, g_probe.logged, g_probe.log_mismatches);
  return RLREC_OK;
}
const rlrec_logger_vtable kProbeLoggerVtable = {sizeof(rlrec_logger_vtable), nullptr, probe_log_transitions, nullptr,
                                                probe_last_error, probe_destroy};
rlrec_status probe_logger_create(const rlrec_host *, const rlrec_value *, const rlrec_logger_context *,
                                 rlrec_logger *out, char *, size_t) {
  *out = {&kProbeLoggerVtable, &g_probe};
  return RLREC_OK;
}

const rlrec_plugin_desc kProbePolicyDesc = {sizeof(rlrec_plugin_desc), RLREC_KIND_POLICY, "test.probe_policy",
                                            "1.0.0", "records the propensities it writes and is given", 0, 0,
                                            nullptr};
const rlrec_plugin_factory kProbePolicyFactory = {sizeof(rlrec_plugin_factory), 0, &kProbePolicyDesc, nullptr,
                                                  probe_policy_create, nullptr};
const rlrec_plugin_desc kProbeLoggerDesc = {sizeof(rlrec_plugin_desc), RLREC_KIND_LOGGER, "test.probe_logger",
                                            "1.0.0", "records the propensities it is given", 0, 0, nullptr};
const rlrec_plugin_factory kProbeLoggerFactory = {sizeof(rlrec_plugin_factory), 0, &kProbeLoggerDesc, nullptr,
                                                  nullptr, probe_logger_create};

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

TEST_CASE("learn and log_transitions get the slot propensities act wrote for the same rows", "[engine_api]") {
  // A reader guarded by RLREC_HAS_MEMBER: a struct of ABI 1.0's size (88 bytes) lacks the field.
  rlrec_transition_batch from_1_0{};
  from_1_0.struct_size = 88;
  CHECK(RLREC_HAS_MEMBER(rlrec_transition_batch, &from_1_0, step_index));
  CHECK_FALSE(RLREC_HAS_MEMBER(rlrec_transition_batch, &from_1_0, slot_propensity));

  Api api;
  REQUIRE(api.lib != nullptr);
  char err[512] = {0};
  for (const rlrec_plugin_factory *factory : {&kCountFactory, &kProbePolicyFactory, &kProbeLoggerFactory}) {
    REQUIRE(api.rlrec_register_factory(factory, "<test process>", err, sizeof err) == RLREC_OK);
  }
  // Two workers: each shard's act writes its own slice of the rows, and the batch must line up.
  const char *yaml = "run: {name: propensity, total_env_steps: 400, workers: 2, eval: {episodes: 4}}\n"
                     "env: {plugin: test.count, num_envs: 4}\npolicy: {plugin: test.probe_policy}\n"
                     "loggers: [{plugin: test.probe_logger}]\n";
  rlrec_engine *engine = nullptr;
  REQUIRE(api.rlrec_engine_create_from_string(yaml, "<test>", nullptr, 0, &engine, err, sizeof err) == RLREC_OK);
  rlrec::test::TempDir dir("propensity");
  rlrec_eval_result result{};
  result.struct_size = sizeof result;
  CHECK(api.rlrec_engine_train(engine, (dir.path() / "run").c_str(), &result) == RLREC_OK);
  api.rlrec_engine_destroy(engine);
  for (const char *id : {"test.count", "test.probe_policy", "test.probe_logger"}) api.rlrec_unregister_factory(id);

  CHECK(g_probe.written.size() == 400);
  CHECK(g_probe.without_field == 0);
  CHECK(g_probe.learnt == 400);
  CHECK(g_probe.learn_mismatches == 0);
  CHECK(g_probe.logged == 400);
  CHECK(g_probe.log_mismatches == 0);
}
