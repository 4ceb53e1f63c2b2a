// Training from logged data on RecSim interest evolution: an epsilon-greedy behaviour around the
// myopic policy (exact propensities) is collected once; bc, marwil and linucb then learn from the
// file alone and are evaluated in the simulator on held-out seeds. Fixed seeds, none chosen.
// Also slateq and dqn from logs, and configs without an env (the spec from the data or `spec:`).
#include <catch2/catch.hpp>

#include <rlrec_data/dataset_reader.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include "engine.hpp"
#include "errors.hpp"
#include "yaml_document.hpp"

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

// linucb fit from the logs beside the env (trained once, for two tests).
const EvalResult &linucb_with_env() {
  static const EvalResult result = train("{plugin: linucb, params: {outer_features: true}}", 1, "runs_linucb");
  return result;
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

TEST_CASE("linucb fit from logs beats random", "[linucb]") {
  const EvalResult random =
      Engine(YamlDocument::from_string(kEnv + "policy: {plugin: random}\n", "random.yaml")).evaluate(kEvalEpisodes);
  const EvalResult &linucb = linucb_with_env();
  INFO("random " << random.episode_return_mean << " linucb " << linucb.episode_return_mean);
  CHECK(linucb.episode_return_mean > random.episode_return_mean + 3 * std::hypot(se_of(random), se_of(linucb)));
}

TEST_CASE("slateq learns from the logs alone and beats the behaviour; dqn trains from them too", "[slateq]") {
  const Behaviour &b = behaviour();
  const std::string q = "gamma: 1.0, n_step: 5, reward_scale: 0.01, batch_size: 64, learning_starts: 5000, "
                        "train_every: 16, gradient_steps: 2, target_update_every: 4000, replay_capacity: 25000, "
                        "history_decays: [1.0], hidden: [64, 32], lr: 0.0003";
  const EvalResult slateq =
      train("{plugin: slateq, params: {slate_optimizer: dinkelbach, choice_model: learned, " + q + "}}", 4, "runs_slateq");
  INFO("behaviour " << b.mean << " +- " << b.se << "; slateq " << slateq.episode_return_mean << " +- " << se_of(slateq));
  CHECK(slateq.episode_return_mean > b.mean + 4 * std::hypot(b.se, se_of(slateq)));
  const EvalResult dqn = train("{plugin: dqn, params: {" + q + "}}", 1, "runs_dqn");
  CHECK(dqn.env_steps == slateq.env_steps / 4);
  CHECK(dqn.episodes == kEvalEpisodes);
}

TEST_CASE("without an env, linucb learns from the logs alone and its checkpoint evaluates in the simulator", "[linucb]") {
  const EvalResult &with_env = linucb_with_env();
  const std::string yaml = "run: {name: offline_test, seed: 3}\nloggers: []\ninput: {dataset: " +
                           behaviour().data.string() + "}\npolicy: {plugin: linucb, params: {outer_features: true}}\n";
  std::filesystem::remove_all("runs_linucb_no_env");
  Engine engine(YamlDocument::from_string(yaml, "no_env.yaml"));
  const EvalResult trained = engine.train("runs_linucb_no_env", false);
  CHECK(trained.episodes == 0);
  CHECK(trained.env_steps == with_env.env_steps);
  CHECK_THROWS_WITH(engine.evaluate(10), Catch::Contains("no 'env' to run the policy in"));

  // The checkpoint holds the spec taken from the data: it loads without the dataset's help, and
  // in the simulator it evaluates exactly as the same fit trained beside an env.
  const YAML::Node stored = YAML::LoadFile("runs_linucb_no_env/checkpoints/" + std::to_string(trained.env_steps) + "/config.yaml");
  CHECK(stored["spec"]["obs"]["candidates"][0].as<int>() == 10);
  CHECK(stored["spec"]["slate_size"].as<int>() == 2);
  const std::string env = "env={plugin: recsim.interest_evolution, num_envs: 8, params: {num_candidates: 10, slate_size: 2}}";
  const EvalResult in_sim = Engine::from_checkpoint("runs_linucb_no_env", {env, "run.eval.episodes=200"})->evaluate(kEvalEpisodes);
  CHECK(in_sim.episode_return_mean == with_env.episode_return_mean);

  // A simulator that shows something else is refused, naming both.
  const std::string other = "env={plugin: recsim.interest_evolution, params: {num_candidates: 12, slate_size: 2}}";
  CHECK_THROWS_WITH(Engine::from_checkpoint("runs_linucb_no_env", {other}),
                    Catch::Contains("candidates [10, ") && Catch::Contains("candidates [12, "));
}

TEST_CASE("a config without an env needs input, and a written spec is checked") {
  const std::string run = "run: {name: t}\nloggers: []\npolicy: {plugin: linucb}\n";
  CHECK_THROWS_WITH(Engine(YamlDocument::from_string(run, "none.yaml")),
                    Catch::Contains("none.yaml: missing section 'env'") && Catch::Contains("input: {dataset: PATH}"));
  const std::string input = run + "input: {dataset: " + behaviour().data.string() + "}\n";
  CHECK_THROWS_WITH(Engine(YamlDocument::from_string(input + "spec: {obs: {user: [3]}}\n", "s.yaml")),
                    Catch::Contains("s.yaml:5:7") && Catch::Contains("a field 'candidates' of shape [N, features]"));
  CHECK_THROWS_WITH(Engine(YamlDocument::from_string(input + "spec: {obs: {candidates: [4, 2]}, slate_sise: 2}\n", "s.yaml")),
                    Catch::Contains("s.yaml:5:35") && Catch::Contains("did you mean 'slate_size'"));
  CHECK_THROWS_WITH(Engine(YamlDocument::from_string(input + "spec: {obs: {candidates: [4, 2]}, info: [[x]]}\n", "s.yaml")),
                    Catch::Contains("s.yaml:5:42") && Catch::Contains("'spec.info' entries must be channel names"));
  CHECK_THROWS_WITH(Engine(YamlDocument::from_string(input + "spec: {obs: {candidates: [4, 2]}, slate_size: 5}\n", "s.yaml")),
                    Catch::Contains("slate size 5 must be between 1 and the 4 candidates"));
  // A written spec is used as is: linucb is created for 4 candidates of 2 features.
  const Engine ok(YamlDocument::from_string(input + "spec: {obs: {user: [3], candidates: [4, 2]}}\n", "s.yaml"));
  CHECK(ok.env_spec().action_space.n == 4);
  CHECK(ok.env_spec().num_obs_fields == 2);
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
