// A training run killed mid-way (SIGKILL: no handler, no flush) leaves every metrics file readable
// up to its last complete line or record.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "jsonl_readback.hpp"
#include "scratch.hpp"
#include "tfevents_reader.hpp"

namespace rlrec::metrics_test {
namespace {

namespace fs = std::filesystem;

constexpr const char *kConfig = R"(run:
  name: killed
  seed: 3
  total_env_steps: 1000000000
  report_every_steps: 64
env:
  plugin: example.feed
  num_envs: 8
  params: {num_candidates: 10, slate_size: 2}
policy:
  plugin: random
loggers: [{plugin: console}, {plugin: csv}, {plugin: jsonl}, {plugin: tensorboard}]
)";

size_t newlines(const fs::path &file) {
  if (!fs::exists(file)) return 0;
  const std::string text = slurp(file);
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

pid_t start_training(const fs::path &config, const fs::path &run_dir, const fs::path &output) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(127);
    std::vector<std::string> args = rlrec({"train", config.string(), "--run-dir", run_dir.string()});
    std::vector<char *> argv;
    for (std::string &arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// env_steps of the complete rows, by each reader.
std::vector<uint64_t> jsonl_steps(const fs::path &file) {
  std::vector<uint64_t> steps;
  for (const auto &[env_steps, values] : read_with_python(file).rows) steps.push_back(env_steps);
  return steps;
}

std::vector<uint64_t> csv_steps(const fs::path &file) {
  const std::string text = slurp(file);
  std::vector<uint64_t> steps;
  size_t header_fields = 0, begin = 0;
  for (size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    const std::string line = text.substr(begin, end - begin);
    const size_t fields = static_cast<size_t>(std::count(line.begin(), line.end(), ',')) + 1;
    if (header_fields == 0) {
      REQUIRE(line.rfind("env_steps,", 0) == 0);
      header_fields = fields;
      continue;
    }
    REQUIRE(fields <= header_fields);
    steps.push_back(std::stoull(line.substr(0, line.find(','))));
  }
  return steps;
}

// The shorter sequence is the start of the longer: the loggers got the same rows in the same order.
void check_same_start(const std::vector<uint64_t> &a, const std::vector<uint64_t> &b) {
  const size_t common = std::min(a.size(), b.size());
  CHECK(std::vector<uint64_t>(a.begin(), a.begin() + common) == std::vector<uint64_t>(b.begin(), b.begin() + common));
  CHECK(std::max(a.size(), b.size()) - common <= 1);  // killed between two loggers at most
}

}  // namespace

TEST_CASE("a training run killed mid-way leaves every metrics file readable", "[kill]") {
  ScratchFolder scratch("rlrec-test-killed-run");
  const fs::path config = scratch.path() / "killed.yaml", run_dir = scratch.path() / "run";
  write_text(config, kConfig);
  const pid_t pid = start_training(config, run_dir, scratch.path() / "output.txt");
  REQUIRE(pid > 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && newlines(run_dir / "result.jsonl") < 300)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  INFO(slurp(scratch.path() / "output.txt"));
  REQUIRE(WIFSIGNALED(status));  // killed while still training

  const std::vector<uint64_t> jsonl = jsonl_steps(run_dir / "result.jsonl");  // strict JSON, every line
  REQUIRE(jsonl.size() >= 300);
  for (size_t r = 0; r < jsonl.size(); ++r) REQUIRE(jsonl[r] == 64 * (r + 1));
  check_same_start(csv_steps(run_dir / "progress.csv"), jsonl);

  std::vector<fs::path> events;
  for (const auto &entry : fs::directory_iterator(run_dir))
    if (entry.path().filename().string().find("tfevents") != std::string::npos) events.push_back(entry.path());
  REQUIRE(events.size() == 1);
  const TfEventFile tfevents = read_tfevents(slurp(events[0]));  // every whole record passes both CRCs
  std::vector<uint64_t> tf_steps;
  for (size_t e = 1; e < tfevents.events.size(); ++e)
    tf_steps.push_back(static_cast<uint64_t>(tfevents.events[e].step));
  check_same_start(tf_steps, jsonl);

  // And the CLI reads the folder as it is.
  CHECK(run_program(rlrec({"compare", run_dir.string()})).exit_code == 0);
  CHECK(run_program(rlrec({"plot", run_dir.string()})).exit_code == 0);
}

}  // namespace rlrec::metrics_test
