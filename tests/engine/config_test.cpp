// Config errors: every one names file:line:column, unknown keys get the closest valid key, and
// none crashes. Also --set overrides, which are YAML.
#include <catch2/catch.hpp>

#include "errors.hpp"
#include "support.hpp"
#include "yaml_document.hpp"

using rlrec::test::engine_from;
using rlrec::test::error_of;

namespace {

const char *kValid = R"(run: {name: t, seed: 1, total_env_steps: 400}
env:
  plugin: example.feed
  num_envs: 2
  params: {num_candidates: 6, slate_size: 2}
policy: {plugin: random}
loggers: []
)";

std::string config_error(const std::string &yaml) {
  try {
    engine_from(yaml);
  } catch (const rlrec::core::ConfigError &e) {
    return e.what();
  }
  return "(no ConfigError)";
}

}  // namespace

TEST_CASE("a valid config builds an engine", "[config]") {
  REQUIRE(error_of([] { engine_from(kValid); }).empty());
}

TEST_CASE("unknown keys name file:line:column and the closest valid key", "[config]") {
  SECTION("in a plugin's params") {
    const std::string e = config_error(R"(run: {name: t}
env:
  plugin: example.feed
  params: {num_candidate: 6}
policy: {plugin: random}
)");
    CHECK_THAT(e, Catch::Contains("test.yaml:4:12"));
    CHECK_THAT(e, Catch::Contains("num_candidate"));
    CHECK_THAT(e, Catch::Contains("did you mean 'num_candidates'"));
    CHECK_THAT(e, Catch::Contains("example.feed"));
  }
  SECTION("in the engine's own sections") {
    const std::string e = config_error("run: {name: t, total_env_step: 5}\nenv: {plugin: example.feed}\npolicy: {plugin: random}\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:1:16"));
    CHECK_THAT(e, Catch::Contains("did you mean 'total_env_steps'"));
  }
  SECTION("a top-level section") {
    const std::string e = config_error("run: {name: t}\nenv: {plugin: example.feed}\npolicy: {plugin: random}\nloger: []\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:4:1"));
    CHECK_THAT(e, Catch::Contains("did you mean 'loggers'"));
  }
}

TEST_CASE("wrong types, out-of-range values and missing required keys are errors with a place", "[config]") {
  SECTION("wrong type") {
    const std::string e = config_error("env: {plugin: example.feed, params: {num_candidates: many}}\npolicy: {plugin: random}\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:1:54"));
    CHECK_THAT(e, Catch::Contains("num_candidates"));
    CHECK_THAT(e, Catch::Contains("int"));
  }
  SECTION("out of range") {
    const std::string e = config_error("env: {plugin: example.feed, params: {quality_std: -1}}\npolicy: {plugin: random}\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:1:51"));
    CHECK_THAT(e, Catch::Contains("[0, 10]"));
  }
  SECTION("missing required key") {
    const std::string e = config_error("env: {num_envs: 2}\npolicy: {plugin: random}\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:1:6"));
    CHECK_THAT(e, Catch::Contains("plugin"));
    CHECK_THAT(e, Catch::Contains("required"));
  }
  SECTION("unknown plugin id") {
    const std::string e = config_error("env: {plugin: example.fed}\npolicy: {plugin: random}\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:1:15"));
    CHECK_THAT(e, Catch::Contains("did you mean 'example.feed'"));
  }
  SECTION("a plugin of the wrong kind") {
    const std::string e = config_error("env: {plugin: random}\npolicy: {plugin: random}\n");
    CHECK_THAT(e, Catch::Contains("test.yaml:1:15"));
    CHECK_THAT(e, Catch::Contains("policy"));
  }
}

TEST_CASE("invalid YAML names file:line:column", "[config]") {
  const std::string e = error_of([] {
    rlrec::core::YamlDocument::from_string("run: {name: t\nenv: [\n", "broken.yaml");
  });
  CHECK_THAT(e, Catch::Contains("broken.yaml:"));
  CHECK_THAT(e, Catch::Matches(".*broken\\.yaml:[0-9]+:[0-9]+.*"));
}

TEST_CASE("a missing config file is a clear error", "[config]") {
  const std::string e = error_of([] { rlrec::core::YamlDocument::from_file("no/such/config.yaml"); });
  CHECK_THAT(e, Catch::Contains("no/such/config.yaml"));
}

TEST_CASE("--set overrides take YAML values and are named in errors", "[config]") {
  rlrec::core::YamlDocument doc = rlrec::core::YamlDocument::from_string(kValid, "test.yaml");
  doc.apply_override("env.params.num_candidates=9");
  doc.apply_override("loggers=[{plugin: csv}]");
  doc.apply_override("run.eval={episodes: 7}");
  rlrec::core::Engine engine(std::move(doc));
  CHECK(engine.resolved_config()["env"]["params"]["num_candidates"].as<int>() == 9);
  CHECK(engine.resolved_config()["loggers"][0]["plugin"].as<std::string>() == "csv");
  CHECK(engine.config().run.eval_episodes == 7);

  rlrec::core::YamlDocument bad = rlrec::core::YamlDocument::from_string(kValid, "test.yaml");
  bad.apply_override("env.params.slate_sise=3");
  const std::string e = error_of([&] { rlrec::core::Engine engine2(std::move(bad)); });
  CHECK_THAT(e, Catch::Contains("--set env.params.slate_sise=3"));
  CHECK_THAT(e, Catch::Contains("did you mean 'slate_size'"));

  rlrec::core::YamlDocument malformed = rlrec::core::YamlDocument::from_string(kValid, "test.yaml");
  CHECK_THAT(error_of([&] { malformed.apply_override("no_equals_sign"); }), Catch::Contains("KEY=VALUE"));
}

TEST_CASE("the resolved config holds every default", "[config]") {
  const rlrec::core::Engine engine = engine_from(kValid);
  const YAML::Node resolved = engine.resolved_config();
  CHECK(resolved["env"]["params"]["budget"].as<double>() == 20.0);
  CHECK(resolved["run"]["eval"]["episodes"].as<int>() == 100);
  CHECK(resolved["run"]["checkpoint"]["keep"].as<int>() == 3);
}
