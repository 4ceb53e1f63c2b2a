// rlrec/engine.h through librlrec.so, loaded the way an embedding would (dlopen + dlsym): the
// library exports exactly the C API, errors come back as statuses with messages, and a result
// struct from an older, smaller rlrec_eval_result is filled only up to its struct_size.
#include <dlfcn.h>
#include <rlrec/engine.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "support.hpp"

namespace {

struct EngineLibrary {
  void *handle = dlopen(RLREC_TEST_ENGINE_LIB, RTLD_NOW | RTLD_LOCAL);
  ~EngineLibrary() {
    if (handle) dlclose(handle);
  }
  template <class Fn>
  Fn get(const char *name) const {
    return reinterpret_cast<Fn>(dlsym(handle, name));
  }
};

const char *kYaml = "run: {name: api, seed: 2, total_env_steps: 800, eval: {episodes: 6}}\n"
                    "env: {plugin: example.feed, num_envs: 2}\npolicy: {plugin: random}\nloggers: []\n";

}  // namespace

TEST_CASE("librlrec exports the C API: create, train, evaluate, errors", "[engine_api]") {
  EngineLibrary lib;
  REQUIRE(lib.handle != nullptr);
  auto version = lib.get<decltype(&rlrec_version_string)>("rlrec_version_string");
  auto abi = lib.get<decltype(&rlrec_abi_version)>("rlrec_abi_version");
  auto create = lib.get<decltype(&rlrec_engine_create_from_string)>("rlrec_engine_create_from_string");
  auto train = lib.get<decltype(&rlrec_engine_train)>("rlrec_engine_train");
  auto evaluate = lib.get<decltype(&rlrec_engine_evaluate)>("rlrec_engine_evaluate");
  auto last_error = lib.get<decltype(&rlrec_engine_last_error)>("rlrec_engine_last_error");
  auto destroy = lib.get<decltype(&rlrec_engine_destroy)>("rlrec_engine_destroy");
  REQUIRE((version && abi && create && train && evaluate && last_error && destroy));
  CHECK(std::strlen(version()) > 0);
  CHECK(abi() == RLREC_ABI_VERSION);

  char err[512] = {0};
  rlrec_engine *engine = nullptr;
  CHECK(create("env: {plugin: example.feed, nm_envs: 2}\npolicy: {plugin: random}\n", "<test>", nullptr, 0, &engine,
               err, sizeof err) == RLREC_ERR_CONFIG);
  CHECK(engine == nullptr);
  CHECK_THAT(std::string(err), Catch::Contains("<test>:1:29") && Catch::Contains("did you mean 'num_envs'"));

  const char *overrides[] = {"run.seed=3"};
  REQUIRE(create(kYaml, "<test>", overrides, 1, &engine, err, sizeof err) == RLREC_OK);
  rlrec::test::TempDir dir("engine_api");
  rlrec_eval_result result{};
  result.struct_size = sizeof result;
  REQUIRE(train(engine, dir.path().c_str(), &result) == RLREC_OK);
  CHECK(result.episodes == 6);
  CHECK(result.env_steps == 800);
  CHECK(result.episode_length_mean > 0);

  // An older caller whose struct ends before env_steps: the engine writes nothing past it.
  unsigned char small[offsetof(rlrec_eval_result, env_steps) + 8];
  std::memset(small, 0xAB, sizeof small);
  auto *old = reinterpret_cast<rlrec_eval_result *>(small);
  old->struct_size = offsetof(rlrec_eval_result, env_steps);
  REQUIRE(evaluate(engine, 4, old) == RLREC_OK);
  CHECK(old->episodes == 4);
  for (std::size_t i = offsetof(rlrec_eval_result, env_steps); i < sizeof small; ++i) CHECK(small[i] == 0xAB);

  CHECK(evaluate(engine, 0, &result) == RLREC_ERR_CONFIG);
  CHECK_THAT(std::string(last_error(engine)), Catch::Contains("at least 1"));
  destroy(engine);
  destroy(nullptr);
}
