// Training from logged data: the myopic policy's decisions on interest evolution are collected,
// then bc, marwil and linucb learn from the file alone and are evaluated in the simulator.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "engine.hpp"
#include "errors.hpp"

namespace {

using rlrec::core::Engine;
using rlrec::core::YamlDocument;

const std::string kEnv =
    "run: {name: offline_test, seed: 3, eval: {episodes: 100}}\n"
    "env: {plugin: recsim.interest_evolution, num_envs: 8, params: {num_candidates: 10, slate_size: 2}}\n"
    "loggers: []\n";

std::filesystem::path dataset() {
  static const std::filesystem::path path = [] {
    const std::filesystem::path p = std::filesystem::absolute("offline_test_data/myopic.jsonl");
    std::filesystem::remove_all(p.parent_path());
    std::filesystem::create_directories(p.parent_path());
    Engine(YamlDocument::from_string(kEnv + "policy: {plugin: myopic}\n", "collect.yaml")).collect(200, p);
    return p;
  }();
  return path;
}

double behaviour_return() {
  return Engine(YamlDocument::from_string(kEnv + "policy: {plugin: myopic}\n", "eval.yaml")).evaluate(100).episode_return_mean;
}

double random_return() {
  return Engine(YamlDocument::from_string(kEnv + "policy: {plugin: random}\n", "eval.yaml")).evaluate(100).episode_return_mean;
}

rlrec::core::EvalResult train(const std::string &policy, uint32_t epochs, const std::string &dir) {
  const std::string yaml = kEnv + "input: {dataset: " + dataset().string() + ", epochs: " + std::to_string(epochs) +
                           "}\npolicy: " + policy + "\n";
  Engine engine(YamlDocument::from_string(yaml, dir + ".yaml"));
  return engine.train(dir, false);
}

}  // namespace

TEST_CASE("bc and marwil trained from logs evaluate near the logged behaviour, above random") {
  const double behaviour = behaviour_return();
  const double random = random_return();
  const rlrec::core::EvalResult bc = train("{plugin: bc}", 3, "runs_bc");
  const rlrec::core::EvalResult marwil = train("{plugin: marwil}", 3, "runs_marwil");
  INFO("behaviour " << behaviour << " random " << random << " bc " << bc.episode_return_mean << " marwil "
                    << marwil.episode_return_mean);
  const double se = bc.episode_return_std / 10.0;
  CHECK(bc.episode_return_mean > random + 3 * se);
  CHECK(marwil.episode_return_mean > random + 3 * se);
  CHECK(bc.episode_return_mean > behaviour - 3 * se);
  // The checkpoint evaluates exactly as the trained policy did.
  CHECK(Engine::from_checkpoint("runs_bc")->evaluate(100).episode_return_mean == bc.episode_return_mean);
}

TEST_CASE("linucb fit from logs beats random") {
  const double random = random_return();
  const rlrec::core::EvalResult linucb = train("{plugin: linucb, params: {outer_features: true}}", 1, "runs_linucb");
  INFO("random " << random << " linucb " << linucb.episode_return_mean);
  CHECK(linucb.episode_return_mean > random + 3 * linucb.episode_return_std / 10.0);
}

TEST_CASE("input section errors name file:line:column") {
  const std::string yaml = kEnv + "policy: {plugin: bc}\ninput: {dataset: x.jsonl, epoch: 2}\n";
  try {
    Engine engine(YamlDocument::from_string(yaml, "bad.yaml"));
    FAIL("no error");
  } catch (const rlrec::core::ConfigError &e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find("bad.yaml:5:") != std::string::npos);
    CHECK(what.find("epochs") != std::string::npos);
  }
}
