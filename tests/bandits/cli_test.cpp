// The journey through the real engine: `rlrec train` loads the bandit plugins by id from the
// built-in folder, LinUCB's greedy return beats the random policy's on the same evaluation, and
// `rlrec evaluate --checkpoint` reproduces the final evaluation from the saved policy state.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace {

struct Result {
  int status;
  std::string out;
};

Result run_cli(const std::string &args) {
  const std::string command = std::string(RLREC_BANDIT_TEST_CLI) + " " + args + " 2>/dev/null";
  FILE *pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) out += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

double return_mean(const std::string &json) {
  std::smatch match;
  REQUIRE(std::regex_search(json, match, std::regex("\"episode_return_mean\": ([-0-9.eE+]+)")));
  return std::stod(match[1]);
}

// 1,000 steps of 8 sub-envs; 40 greedy evaluation episodes of 50 steps.
constexpr const char *kConfig = R"(run:
  name: cli_bandit
  seed: 3
  total_env_steps: 8000
  eval: {every_steps: 0, episodes: 40}
  checkpoint: {every_steps: 0, keep: 1}
env:
  plugin: bandit.linear
  num_envs: 8
  params: {episode_length: 50}
policy:
  plugin: linucb
  params: {outer_features: true, credit: cascade, alpha: 0.5}
loggers: []
)";

}  // namespace

TEST_CASE("rlrec trains LinUCB on bandit.linear, beats random, and its checkpoint replays", "[cli]") {
  const std::filesystem::path dir = std::filesystem::absolute("tmp_cli_bandit");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::filesystem::path config = dir / "linucb.yaml";
  std::ofstream(config) << kConfig;
  const std::string run_dir = (dir / "run").string();

  const Result trained = run_cli("train " + config.string() + " --run-dir " + run_dir + " --json");
  REQUIRE(trained.status == 0);
  const Result replayed = run_cli("evaluate --checkpoint " + run_dir + " --json");
  REQUIRE(replayed.status == 0);
  const Result random = run_cli("evaluate " + config.string() + " --set 'policy={plugin: random}' --json");
  REQUIRE(random.status == 0);

  // Measured when written: LinUCB 30.0, random 25.3; with an episode std of 3.5 the difference
  // has a standard error of 0.8, and the bar leaves 3 of them.
  CHECK(return_mean(trained.out) > return_mean(random.out) + 2.0);
  CHECK(return_mean(replayed.out) == return_mean(trained.out));
  std::filesystem::remove_all(dir);
}
