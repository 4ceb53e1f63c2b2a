// The runner: reproducible runs, checkpoints (atomic, pruned), resume, interrupt, and evaluation
// on held-out seeds.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

#include "checkpoint.hpp"
#include "file_io.hpp"
#include "errors.hpp"
#include "support.hpp"
#include "yaml_document.hpp"

using rlrec::test::engine_from;
using rlrec::test::read_text;
using rlrec::test::TempDir;

namespace {

std::string feed_config(uint64_t seed, uint32_t workers, uint64_t steps, const std::string &extra_run = "") {
  return "run: {name: det, seed: " + std::to_string(seed) + ", workers: " + std::to_string(workers) +
         ", total_env_steps: " + std::to_string(steps) + ", report_every_steps: 400, eval: {every_steps: 2000, episodes: 20}" +
         extra_run + "}\n"
         "env: {plugin: example.feed, num_envs: 8, params: {num_candidates: 6, slate_size: 2}}\n"
         "policy: {plugin: random}\n"
         "loggers: [{plugin: csv}]\n";
}

std::string train_progress(const std::string &yaml, const std::filesystem::path &run_dir) {
  rlrec::core::Engine engine = engine_from(yaml);
  engine.train(run_dir, false);
  return read_text(run_dir / "progress.csv");
}

}  // namespace

TEST_CASE("the same seed reproduces progress.csv byte for byte, for any worker count", "[runner]") {
  TempDir dir("determinism");
  const std::string a = train_progress(feed_config(11, 1, 6000), dir.path() / "a");
  const std::string b = train_progress(feed_config(11, 1, 6000), dir.path() / "b");
  const std::string c = train_progress(feed_config(11, 3, 6000), dir.path() / "c");
  const std::string other = train_progress(feed_config(12, 1, 6000), dir.path() / "d");
  REQUIRE(a.size() > 200);
  CHECK(a == b);
  CHECK(a == c);
  CHECK(a != other);
  CHECK_THAT(a, Catch::Contains("eval/episode_return_mean"));
}

TEST_CASE("evaluation is repeatable: the same seed gives the same evaluation", "[runner]") {
  rlrec::core::Engine engine = engine_from(feed_config(5, 1, 800));
  rlrec::core::Engine twin = engine_from(feed_config(5, 1, 800));
  const rlrec::core::EvalResult first = engine.evaluate(30);
  CHECK(first.episodes == 30);
  CHECK(first.episode_length_mean > 1.0);
  CHECK(first.episode_return_std > 0.0);
  CHECK(twin.evaluate(30).episode_return_mean == first.episode_return_mean);
  // Evaluation runs a copy of the policy: even the random policy's stream is left untouched.
  CHECK(engine.evaluate(30).episode_return_mean == first.episode_return_mean);
  rlrec::core::Engine other = engine_from(feed_config(6, 1, 800));
  CHECK(other.evaluate(30).episode_return_mean != first.episode_return_mean);
}

TEST_CASE("a deterministic policy's evaluation does not depend on the evaluation batch size", "[runner]") {
  const std::string yaml = "run: {name: e, seed: 8, eval: {num_envs: NUM}}\n"
                           "env: {plugin: example.feed, num_envs: 8}\npolicy: {plugin: myopic}\nloggers: []\n";
  auto with_rows = [&](const std::string &rows) {
    std::string text = yaml;
    text.replace(text.find("NUM"), 3, rows);
    return engine_from(text).evaluate(25);
  };
  const rlrec::core::EvalResult one = with_rows("1");
  CHECK(with_rows("4").episode_return_mean == one.episode_return_mean);
  CHECK(with_rows("25").episode_return_mean == one.episode_return_mean);
  CHECK(with_rows("4").episode_length_mean == one.episode_length_mean);
}

TEST_CASE("checkpoints are written at their schedule and only the newest N are kept", "[runner][checkpoint]") {
  TempDir dir("checkpoints");
  rlrec::core::Engine engine = engine_from(feed_config(3, 1, 4000, ", checkpoint: {every_steps: 1000, keep: 2}"));
  engine.train(dir.path(), false);
  const auto all = rlrec::core::list_checkpoints(dir.path());
  REQUIRE(all.size() == 2);
  CHECK(all[0].filename() == "3000");
  CHECK(all[1].filename() == "4000");
  for (const char *file : {"config.yaml", "policy.bin", "state.yaml"}) CHECK(std::filesystem::exists(all[1] / file));
  CHECK(rlrec::core::read_runner_state(all[1]).env_steps == 4000);
  const YAML::Node info = YAML::LoadFile((dir.path() / "run_info.yaml").string());
  CHECK(info["plugins"][0]["id"].as<std::string>() == "example.feed");
  CHECK_THAT(info["plugins"][1]["library"].as<std::string>(), Catch::EndsWith("librlrec_random.so"));
  CHECK(info["engine_version"].as<std::string>() == RLREC_ENGINE_VERSION_STRING);

  // A checkpoint needs nothing else: the engine it rebuilds evaluates like the original.
  auto restored = rlrec::core::Engine::from_checkpoint(dir.path());
  const rlrec::core::EvalResult from_checkpoint = restored->evaluate(20);
  CHECK(from_checkpoint.env_steps == 4000);
  CHECK(from_checkpoint.episode_return_mean == engine.evaluate(20).episode_return_mean);
}

namespace {
void kill_self() { std::raise(SIGKILL); }
}  // namespace

TEST_CASE("a process killed while writing a checkpoint never replaces the previous good one", "[checkpoint]") {
  TempDir dir("crash");
  rlrec::core::RunnerState state;
  state.env_steps = 100;
  state.episode_count = {1, 2};
  const YAML::Node config = YAML::Load("run: {name: crash}");
  rlrec::core::write_checkpoint(dir.path(), config, {1, 2, 3}, state, 3);

  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    rlrec::core::set_checkpoint_fault_hook(kill_self);
    state.env_steps = 200;
    rlrec::core::write_checkpoint(dir.path(), config, std::vector<uint8_t>(1 << 20, 7), state, 3);
    _exit(0);  // not reached: the hook kills the process mid-write
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  CHECK(std::filesystem::exists(dir.path() / "checkpoints" / "200.partial"));
  const std::filesystem::path newest = rlrec::core::find_checkpoint(dir.path());
  CHECK(newest.filename() == "100");
  CHECK(rlrec::core::read_runner_state(newest).env_steps == 100);
  CHECK(rlrec::core::read_file(newest / "policy.bin") == std::vector<uint8_t>{1, 2, 3});

  // The next successful write cleans up the leftover.
  state.env_steps = 300;
  rlrec::core::write_checkpoint(dir.path(), config, {4}, state, 3);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "checkpoints" / "200.partial"));
  CHECK(rlrec::core::list_checkpoints(dir.path()).size() == 2);

  // Rewriting the checkpoint of the same step swaps it in atomically.
  rlrec::core::write_checkpoint(dir.path(), config, {5, 6}, state, 3);
  CHECK(rlrec::core::read_file(rlrec::core::find_checkpoint(dir.path()) / "policy.bin") == std::vector<uint8_t>{5, 6});
  CHECK_FALSE(std::filesystem::exists(dir.path() / "checkpoints" / "300.partial"));
}

TEST_CASE("an interrupted run stops with a final checkpoint and resumes from it", "[runner][resume]") {
  TempDir dir("resume");
  uint64_t stopped_at = 0;
  {
    rlrec::core::Engine engine = engine_from(feed_config(9, 2, 4000000000ull));
    // Stops once the row at step 400 is on disk (the CSV logger writes each row through), not
    // after a fixed time: a loaded machine may not have reached step 400 in any given time.
    std::thread stopper([&] {
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (read_text(dir.path() / "progress.csv").find("\n400,") == std::string::npos &&
             std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      engine.interrupt();
    });
    CHECK_THROWS_AS(engine.train(dir.path(), false), rlrec::core::Interrupted);
    stopper.join();
    stopped_at = rlrec::core::read_runner_state(rlrec::core::find_checkpoint(dir.path())).env_steps;
  }
  REQUIRE(stopped_at > 0);
  REQUIRE(stopped_at % 8 == 0);

  const uint64_t goal = stopped_at + 2000;
  rlrec::core::YamlDocument doc = rlrec::core::YamlDocument::from_string(feed_config(9, 2, goal), "test.yaml");
  rlrec::core::Engine resumed(std::move(doc));
  const rlrec::core::EvalResult result = resumed.train(dir.path(), true);
  CHECK(result.env_steps >= goal);
  CHECK(result.env_steps < goal + 8);
  const auto state = rlrec::core::read_runner_state(rlrec::core::find_checkpoint(dir.path()));
  CHECK(state.env_steps == result.env_steps);
  // The CSV kept the rows of the first part and continued after them.
  const std::string csv = read_text(dir.path() / "progress.csv");
  CHECK_THAT(csv, Catch::Contains("\n400,"));
  CHECK_THAT(csv, Catch::Contains("\n" + std::to_string(result.env_steps) + ","));
}

TEST_CASE("resuming a run folder without a checkpoint is a clear error", "[runner][resume]") {
  TempDir dir("resume_nothing");
  rlrec::core::Engine engine = engine_from(feed_config(9, 1, 800));
  CHECK_THROWS_WITH(engine.train(dir.path(), true), Catch::Contains("holds no checkpoint"));
}
