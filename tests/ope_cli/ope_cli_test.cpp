// `rlrec ope` end to end on bandit.linear (one decision per episode, so the on-policy value of a
// target is its mean episode return from `rlrec evaluate`). Seeds are fixed and were not chosen;
// a true value must lie in an interval widened by 4 standard errors of its own measurement.
#include <catch2/catch.hpp>
#include <rlrec/ext/slate_probability.h>

#include <cmath>
#include <fstream>
#include <string>

#include "support.hpp"

namespace rlrec::test {
namespace {

const std::string kConfig = R"(
run:
  name: ope_cli
  seed: 3
  total_env_steps: 3000
  eval: {every_steps: 0, episodes: 100}
  checkpoint: {every_steps: 3000, keep: 1}
env:
  plugin: bandit.linear
  num_envs: 8
  params: {user_dim: 5, item_dim: 5, num_candidates: 10, slate_size: 2, episode_length: EPISODE_LENGTH}
policy:
  plugin: egreedy
  params: {outer_features: true, credit: cascade, epsilon: 0.2}
loggers: []
)";

// The config with the episode length and, when `policy` is not empty, another policy.
std::string config_text(int episode_length, const std::string &policy = "") {
  std::string text = kConfig;
  text.replace(text.find("EPISODE_LENGTH"), 14, std::to_string(episode_length));
  if (!policy.empty()) text = text.substr(0, text.find("policy:")) + "policy: {plugin: " + policy + "}\nloggers: []\n";
  return text;
}

// The number after "key": in `json`, searched from the object of `scope` ("" = the whole text).
// NaN for null or when absent.
double number(const std::string &json, const std::string &scope, const std::string &key) {
  std::size_t from = 0;
  if (!scope.empty()) {
    from = json.find("\"" + scope + "\": {");
    if (from == std::string::npos) return NAN;
  }
  const std::size_t at = json.find("\"" + key + "\": ", from);
  if (at == std::string::npos) return NAN;
  const char *text = json.c_str() + at + key.size() + 4;
  return std::string(text, 4) == "null" ? NAN : std::strtod(text, nullptr);
}

// A target checkpoint (egreedy trained briefly) and the config of the uniform `random` policy on
// the same env.
struct Fixture {
  TempDir dir{"ope_cli"};
  std::filesystem::path target = dir.path() / "target";
  std::filesystem::path random;

  explicit Fixture(int episode_length = 1) {
    const auto config = write_config(dir.path(), "target.yaml", config_text(episode_length));
    random = write_config(dir.path(), "random.yaml", config_text(episode_length, "random"));
    REQUIRE(run_cli("train " + config.string() + " --run-dir " + target.string() + " --json") == 0);
  }
  // Collects `episodes` episodes of `source` ("--checkpoint DIR ..." or a config) into `name`.
  std::filesystem::path collect(const std::string &name, const std::string &source, int episodes) {
    const std::filesystem::path out = dir.path() / name;
    REQUIRE(run_cli("collect " + source + " --episodes " + std::to_string(episodes) + " --out " + out.string() +
                    " --json") == 0);
    return out;
  }
  std::filesystem::path collect_near(const std::string &name, int episodes) {
    return collect(name, "--checkpoint " + target.string() + " --set policy.params.epsilon=0.3", episodes);
  }
  // The on-policy value (mean, standard error) of `source` ("--checkpoint DIR" or a config).
  static std::pair<double, double> truth(const std::string &source) {
    std::string out;
    REQUIRE(run_cli("evaluate " + source + " --episodes 40000 --json", &out) == 0);
    return {number(out, "", "episode_return_mean"), number(out, "", "episode_return_std") / std::sqrt(40000.0)};
  }
  // `rlrec ope --json` of `checkpoint` on `data`; checks the exit code.
  static std::string ope_of(const std::filesystem::path &checkpoint, const std::filesystem::path &data,
                            const std::string &extra = "", int expect = 0, std::string *err = nullptr) {
    std::string out;
    CHECK(run_cli("ope --data " + data.string() + " --checkpoint " + checkpoint.string() + " --json " + extra, &out,
                  err) == expect);
    return out;
  }
  std::string ope(const std::filesystem::path &data, const std::string &extra = "", int expect = 0,
                  std::string *err = nullptr) {
    return ope_of(target, data, extra, expect, err);
  }
};

void check_covers(const std::string &json, const std::pair<double, double> &truth) {
  for (const char *name : {"is", "wis", "dr"}) {
    INFO(name << ": " << json);
    const double low = number(json, name, "ci_low"), high = number(json, name, "ci_high");
    REQUIRE(std::isfinite(low));
    CHECK(low - 4 * truth.second <= truth.first);
    CHECK(truth.first <= high + 4 * truth.second);
  }
}

std::string read_lines(const std::filesystem::path &file) { return read_text(file); }

void write_lines(const std::filesystem::path &file, const std::string &text) {
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("ope of a greedy target from epsilon-greedy and random logs covers its on-policy value", "[ope_cli]") {
  Fixture f;
  const auto truth = Fixture::truth("--checkpoint " + f.target.string());
  const std::string near = f.ope(f.collect_near("eg.jsonl", 20000));
  check_covers(near, truth);
  CHECK(number(near, "", "decisions") == 20000);
  CHECK(number(near, "", "episodes") == 20000);
  CHECK(std::isfinite(number(near, "", "behavior_value")));
  CHECK(std::isfinite(number(near, "dm", "estimate")));
  CHECK(std::isfinite(number(near, "pi", "estimate")));

  // A uniform behaviour: the greedy slate is one of 90, so about 1 in 90 decisions counts.
  const std::string far = f.ope(f.collect("random.jsonl", f.random.string(), 40000));
  check_covers(far, truth);
  CHECK(number(far, "is", "ess") < 1000);
}

TEST_CASE("ope --explore scores stochastic targets by their slate probabilities, and refuses lints", "[ope_cli]") {
  Fixture f;
  const auto data = f.collect_near("eg.jsonl", 20000);

  // The checkpoint exploring with ε = 0.1 where the logs have 0.3: on a one-step bandit its value
  // is (1 - ε) V(greedy) + ε V(random), which `rlrec collect` measures on-policy as well.
  const double epsilon = 0.1;
  const auto greedy = Fixture::truth("--checkpoint " + f.target.string());
  const auto random = Fixture::truth(f.random.string());
  const std::pair<double, double> truth = {(1 - epsilon) * greedy.first + epsilon * random.first,
                                           std::hypot((1 - epsilon) * greedy.second, epsilon * random.second)};
  const std::string set = " --set policy.params.epsilon=" + std::to_string(epsilon);
  std::string collected;
  REQUIRE(run_cli("collect --checkpoint " + f.target.string() + set + " --episodes 40000 --out " +
                      (f.dir.path() / "on_policy.jsonl").string() + " --json",
                  &collected) == 0);
  CHECK(std::abs(number(collected, "", "episode_return_mean") - truth.first) < 6 * truth.second);
  check_covers(f.ope(data, "--explore" + set), truth);

  // A checkpoint of `random` (it never learns; a few steps write one).
  const std::filesystem::path random_run = f.dir.path() / "random_run";
  REQUIRE(run_cli("train " + f.random.string() + " --run-dir " + random_run.string() +
                  " --set run.total_env_steps=8 --set run.checkpoint.every_steps=8 --json") == 0);
  check_covers(Fixture::ope_of(random_run, data, "--explore"), random);

  // Thompson sampling has no closed-form slate probability: refused, greedy mode still scored.
  const auto lints = write_config(f.dir.path(), "lints.yaml", config_text(1, "lints"));
  const std::filesystem::path lints_run = f.dir.path() / "lints_run";
  REQUIRE(run_cli("train " + lints.string() + " --run-dir " + lints_run.string() +
                  " --set run.total_env_steps=8 --set run.checkpoint.every_steps=8 --json") == 0);
  std::string err;
  Fixture::ope_of(lints_run, data, "--explore", 2, &err);
  CHECK(err.find("stochastic") != std::string::npos);
  CHECK(err.find(RLREC_EXT_POLICY_SLATE_PROBABILITY) != std::string::npos);
  CHECK(std::isfinite(number(Fixture::ope_of(lints_run, data), "is", "estimate")));
}

TEST_CASE("ope warns about missing propensities, a truncated file and degenerate weights", "[ope_cli]") {
  Fixture f;
  const auto data = f.collect_near("eg.jsonl", 2000);
  std::string text = read_lines(data);

  SECTION("no slot_propensity: pi does not apply, and the output says why") {
    std::string stripped;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = text.find('\n', at) + 1;
      std::string line = text.substr(at, end - at);
      const std::size_t from = line.find("\"slot_propensity\":");
      line.erase(from, line.find(']', from) + 2 - from);
      stripped += line;
      at = end;
    }
    write_lines(f.dir.path() / "nopi.jsonl", stripped);
    const std::string out = f.ope(f.dir.path() / "nopi.jsonl");
    CHECK(out.find("missing_propensity") != std::string::npos);
    CHECK(out.find("\"pi\"") == std::string::npos);
    CHECK(std::isfinite(number(out, "is", "estimate")));
  }
  SECTION("a line cut short at the end is skipped with a warning") {
    write_lines(f.dir.path() / "cut.jsonl", text.substr(0, text.size() - 40));
    const std::string out = f.ope(f.dir.path() / "cut.jsonl");
    CHECK(out.find("cut short") != std::string::npos);
    CHECK(number(out, "", "decisions") == 1999);
  }
  SECTION("a corrupt line names the file and the line, or is skipped with --skip-bad") {
    const std::size_t third = text.find('\n', text.find('\n') + 1) + 1;
    text.insert(third, "{\"format\": bad\n");
    write_lines(f.dir.path() / "bad.jsonl", text);
    std::string err;
    f.ope(f.dir.path() / "bad.jsonl", "", 1, &err);
    CHECK(err.find("bad.jsonl:3:") != std::string::npos);
    const std::string out = f.ope(f.dir.path() / "bad.jsonl", "--skip-bad");
    CHECK(number(out, "", "decisions") == 2000);
    CHECK(out.find("bad.jsonl:3:") != std::string::npos);
  }
}

TEST_CASE("long episodes with a far behaviour: pdis says its interval is not trustworthy", "[ope_cli]") {
  Fixture f(50);
  const std::filesystem::path data = f.collect("random.jsonl", f.random.string(), 200);
  const std::string out = f.ope(data);
  INFO(out);
  CHECK(out.find("\"pdis\": {\"estimate\"") != std::string::npos);
  CHECK(std::isnan(number(out, "pdis", "ci_low")));
  CHECK(out.find("degenerate_weights") != std::string::npos);
  CHECK(out.find("\"dm\"") == std::string::npos);  // one-step model, multi-step episodes
  CHECK(std::isfinite(number(out, "is", "ci_low")));
  CHECK(out.find("target_history") == std::string::npos);

  // A target with episode-history features (dqn's step index) is scored as at an episode start,
  // and the output says so.
  const auto dqn_config = write_config(f.dir.path(), "dqn.yaml", config_text(50, "dqn, params: {history_decays: []}"));
  const std::filesystem::path dqn = f.dir.path() / "dqn";
  REQUIRE(run_cli("train " + dqn_config.string() + " --run-dir " + dqn.string() + " --json") == 0);
  const std::string dqn_out = Fixture::ope_of(dqn, data);
  INFO(dqn_out);
  CHECK(dqn_out.find("target_history: the target policy 'dqn'") != std::string::npos);
}

}  // namespace rlrec::test
