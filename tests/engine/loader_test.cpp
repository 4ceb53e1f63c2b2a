// The loader refuses broken libraries with a message naming the library and the reason, and the
// engine goes on with the others (tests/fixtures/bad_plugins/ holds one library per refusal).
#include <catch2/catch.hpp>

#include "batch.hpp"
#include "errors.hpp"
#include "instances.hpp"
#include "plugin_library.hpp"
#include "plugin_registry.hpp"
#include "support.hpp"
#include "yaml_document.hpp"

using rlrec::test::engine_from;
using rlrec::test::error_of;

namespace {

const std::string kDir = RLREC_TEST_BAD_PLUGIN_DIR;

std::string refusal_of(const std::string &file) {
  return error_of([&] { rlrec::core::PluginLibrary::load(kDir + "/" + file); });
}

}  // namespace

TEST_CASE("each broken library is refused with the library and the reason", "[loader]") {
  struct Case {
    const char *file;
    const char *reason;
  };
  const Case cases[] = {
      {"libno_entry.so", "missing the entry symbol 'rlrec_plugin_get_entry'"},
      {"libnull_entry.so", "returned NULL"},
      {"libmajor_mismatch.so", "built for rlrec ABI 2.0.0, this engine speaks ABI 1.1.0"},
      {"libinit_fails.so", "init failed with status 3: no licence file"},
      {"libthrows.so", "init threw a C++ exception across the C ABI: fixture: init threw"},
  };
  for (const Case &c : cases) {
    INFO(c.file);
    const std::string message = refusal_of(c.file);
    CHECK_THAT(message, Catch::Contains(kDir + "/" + c.file));
    CHECK_THAT(message, Catch::Contains(c.reason));
  }
  CHECK_THAT(refusal_of("libdoes_not_exist.so"), Catch::Contains("libdoes_not_exist.so"));
}

TEST_CASE("a folder of broken libraries: each is refused, the good ones load, a duplicate id is refused",
          "[loader]") {
  rlrec::core::PluginRegistry registry({kDir});
  const std::vector<std::string> &refusals = registry.refusals();
  const std::string all = [&] {
    std::string text;
    for (const auto &r : refusals) text += r + "\n";
    return text;
  }();
  INFO(all);
  for (const char *file : {"libno_entry.so", "libnull_entry.so", "libmajor_mismatch.so", "libinit_fails.so",
                           "libthrows.so", "libdup_b.so"}) {
    CHECK_THAT(all, Catch::Contains(file));
  }
  CHECK_THAT(all, Catch::Contains("duplicate plugin id 'fixture.dup', already provided by " + kDir + "/libdup_a.so"));
  // The engine goes on: the valid fixtures and the built-in plugins are all there.
  CHECK(registry.find("fixture.dup", RLREC_KIND_ENV).library->path().filename() == "libdup_a.so");
  CHECK(registry.find("fixture.nan_env", RLREC_KIND_ENV).id() == "fixture.nan_env");
  CHECK(registry.find("example.feed", RLREC_KIND_ENV).id() == "example.feed");
}

TEST_CASE("a plugin named by path that is refused is a config error naming it", "[loader]") {
  const std::string e = error_of([] {
    engine_from("env: {plugin: " + kDir + "/libmajor_mismatch.so}\npolicy: {plugin: random}\nloggers: []\n");
  });
  CHECK_THAT(e, Catch::Contains("test.yaml:1:15"));
  CHECK_THAT(e, Catch::Contains("libmajor_mismatch.so"));
  CHECK_THAT(e, Catch::Contains("ABI 2.0.0"));
}

namespace {

std::string fixture_run(const std::string &env, const std::string &policy = "random") {
  const std::string yaml = "run: {name: f, total_env_steps: 400, eval: {episodes: 2}}\n"
                           "env: {plugin: " + kDir + "/lib" + env + ".so, num_envs: 2}\n"
                           "policy: {plugin: " + policy + "}\nloggers: []\n"
                           "plugins: {search_paths: [" + kDir + "]}\n";
  rlrec::test::TempDir dir("fixture_run");
  return error_of([&] { engine_from(yaml).train(dir.path(), false); });
}

}  // namespace

TEST_CASE("an env returning a NaN reward or an invalid observation stops the run, naming the plugin", "[loader]") {
  const std::string nan = fixture_run("nan_env");
  CHECK_THAT(nan, Catch::Contains("plugin 'fixture.nan_env'"));
  CHECK_THAT(nan, Catch::Contains("libnan_env.so"));
  CHECK_THAT(nan, Catch::Contains("reward nan at episode step 2"));

  const std::string bad_obs = fixture_run("bad_obs_env");
  CHECK_THAT(bad_obs, Catch::Contains("plugin 'fixture.bad_obs_env'"));
  CHECK_THAT(bad_obs, Catch::Contains("observation field 'user' element 0 = 7 is outside its space [-1, 1]"));
}

TEST_CASE("a policy whose act fails stops the run with its last_error", "[loader]") {
  const std::string e = fixture_run("dup_a", "fixture.throwing_policy");
  CHECK_THAT(e, Catch::Contains("plugin 'fixture.throwing_policy'"));
  CHECK_THAT(e, Catch::Contains("act failed (status 3): fixture failure"));
}

TEST_CASE("an instance keeps its library loaded after the registry that found it is gone", "[loader]") {
  rlrec::core::EnvInstance env;
  {
    rlrec::core::PluginRegistry registry;
    const rlrec::core::PluginRef plugin = registry.find("example.feed", RLREC_KIND_ENV);
    const auto doc = rlrec::core::YamlDocument::from_string("{}", "p");
    const auto params = rlrec::core::ParamValues::validate(
        std::span(plugin.desc().params, plugin.desc().num_params), YAML::Node(), doc, "params");
    env = rlrec::core::EnvInstance::create(plugin, params, 1);
  }
  // The registry and its references are gone; the library must still be mapped (teardown order:
  // instance, then deinit, then unload).
  rlrec::core::EnvOutputBuffers out(env.spec(), 1);
  rlrec_env_output view = out.view(1);
  const uint32_t id = 0;
  const uint64_t seed = 5;
  CHECK_NOTHROW(env.reset(1, &id, &seed, view));
  CHECK(env.plugin().library.use_count() == 1);
}
