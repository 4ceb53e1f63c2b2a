// Training from logged data on RecSim interest evolution: an epsilon-greedy behaviour around the
// myopic policy (exact propensities) is collected once; bc, marwil and linucb then learn from the
// file alone and are evaluated in the simulator on held-out seeds. Fixed seeds, none chosen.
#include <catch2/catch.hpp>

#include <rlrec_data/dataset_reader.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include "engine.hpp"
#include "errors.hpp"

namespace {

using rlrec::core::Engine;
using rlrec::core::EvalResult;
using rlrec::core::YamlDocument;

const std::string kEnv =
    "run: {name: offline_test, seed: 3, eval: {episodes: 200}}\n"
    "env: {plugin: recsim.interest_evolution, num_envs: 8, params: {num_candidates: 10, slate_size: 2}}\n"
    "loggers: []\n";
constexpr uint64_t kEvalEpisodes = 200;

struct Behaviour {
  std::filesystem::path data;
  double mean = 0, se = 0;  // of the logged episodes' undiscounted returns
};

// Collects the behaviour's logs once; its return and standard error come from the logged rewards.
const Behaviour &behaviour() {
  static const Behaviour b = [] {
    Behaviour out;
    out.data = std::filesystem::absolute("offline_test_data/eg_myopic.jsonl");
    std::filesystem::remove_all(out.data.parent_path());
    std::filesystem::create_directories(out.data.parent_path());
    Engine(YamlDocument::from_string(kEnv + "policy: {plugin: myopic, params: {epsilon: 0.3}}\n", "collect.yaml"))
        .collect(300, out.data);
    std::map<uint64_t, double> returns;
    rlrec_data::DatasetReader reader(out.data);
    rlrec_data::Decision d;
    while (reader.next(d)) returns[d.episode_id] += d.reward;
    double sum = 0, squares = 0;
    for (const auto &[id, r] : returns) sum += r;
    const double n = static_cast<double>(returns.size());
    out.mean = sum / n;
    for (const auto &[id, r] : returns) squares += (r - out.mean) * (r - out.mean);
    out.se = std::sqrt(squares / (n - 1) / n);
    return out;
  }();
  return b;
}

double se_of(const EvalResult &r) { return r.episode_return_std / std::sqrt(static_cast<double>(r.episodes)); }

EvalResult train(const std::string &policy, uint32_t epochs, const std::string &dir) {
  const std::string yaml = kEnv + "input: {dataset: " + behaviour().data.string() + ", epochs: " +
                           std::to_string(epochs) + "}\npolicy: " + policy + "\n";
  std::filesystem::remove_all(dir);
  Engine engine(YamlDocument::from_string(yaml, dir + ".yaml"));
  return engine.train(dir, false);
}

}  // namespace

TEST_CASE("bc sampled matches the behaviour; marwil beats the behaviour and bc") {
  const Behaviour &b = behaviour();
  const EvalResult bc = train("{plugin: bc, params: {sample_greedy: true, batch_size: 64, lr: 0.003}}", 4, "runs_bc");
  const EvalResult marwil = train("{plugin: marwil, params: {batch_size: 64, lr: 0.003, beta: 1}}", 4, "runs_marwil");
  INFO("behaviour " << b.mean << " +- " << b.se << "; bc sampled " << bc.episode_return_mean << " +- " << se_of(bc)
                    << "; marwil greedy " << marwil.episode_return_mean << " +- " << se_of(marwil));
  const double bc_margin = std::hypot(b.se, se_of(bc));
  CHECK(std::abs(bc.episode_return_mean - b.mean) < 2 * bc_margin);
  CHECK(marwil.episode_return_mean > b.mean + 2 * std::hypot(b.se, se_of(marwil)));
  CHECK(marwil.episode_return_mean > bc.episode_return_mean + 2 * std::hypot(se_of(bc), se_of(marwil)));
  // The checkpoint evaluates exactly as the trained policy did.
  CHECK(Engine::from_checkpoint("runs_marwil")->evaluate(kEvalEpisodes).episode_return_mean ==
        marwil.episode_return_mean);
}

TEST_CASE("linucb fit from logs beats random") {
  const EvalResult random =
      Engine(YamlDocument::from_string(kEnv + "policy: {plugin: random}\n", "random.yaml")).evaluate(kEvalEpisodes);
  const EvalResult linucb = train("{plugin: linucb, params: {outer_features: true}}", 1, "runs_linucb");
  INFO("random " << random.episode_return_mean << " linucb " << linucb.episode_return_mean);
  CHECK(linucb.episode_return_mean > random.episode_return_mean + 3 * std::hypot(se_of(random), se_of(linucb)));
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
