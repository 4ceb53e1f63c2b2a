// The rlrec command: exit codes, --json output, --set, evaluate --checkpoint, plugins describe.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include "checkpoint.hpp"
#include "support.hpp"

using rlrec::test::read_text;
using rlrec::test::run_cli;
using rlrec::test::TempDir;
using rlrec::test::write_config;

namespace {

const char *kConfig = R"(run: {name: cli, seed: 4, total_env_steps: 1600, eval: {episodes: 12}}
env: {plugin: example.feed, num_envs: 4, params: {num_candidates: 5}}
policy: {plugin: random}
loggers: [{plugin: csv}]
)";

}  // namespace

TEST_CASE("train --json prints the final evaluation, env_steps and run_dir", "[cli]") {
  TempDir dir("cli_train");
  const auto config = write_config(dir.path(), "c.yaml", kConfig);
  std::string out, err;
  REQUIRE(run_cli("train " + config.string() + " --run-dir " + (dir.path() / "run").string() + " --json", &out, &err) == 0);
  CHECK_THAT(out, Catch::StartsWith("{\"episodes\": 12, \"episode_return_mean\": "));
  CHECK_THAT(out, Catch::Contains("\"episode_return_std\": "));
  CHECK_THAT(out, Catch::Contains("\"episode_length_mean\": "));
  CHECK_THAT(out, Catch::Contains("\"env_steps\": 1600"));
  CHECK_THAT(out, Catch::Contains("\"run_dir\": \"" + (dir.path() / "run").string() + "\""));

  SECTION("evaluate --checkpoint on the run folder needs nothing else") {
    REQUIRE(run_cli("evaluate --checkpoint " + (dir.path() / "run").string() + " --episodes 7 --json", &out, &err) == 0);
    CHECK_THAT(out, Catch::StartsWith("{\"episodes\": 7,"));
    CHECK_THAT(out, Catch::Contains("\"env_steps\": 1600"));
  }
  SECTION("--resume of a finished run adds nothing and succeeds") {
    const std::string csv_before = rlrec::test::read_text(dir.path() / "run" / "progress.csv");
    REQUIRE(run_cli("train " + config.string() + " --run-dir " + (dir.path() / "run").string() + " --resume --json",
                    &out, &err) == 0);
    CHECK_THAT(out, Catch::Contains("\"env_steps\": 1600"));
    CHECK(rlrec::test::read_text(dir.path() / "run" / "progress.csv") == csv_before);
  }
}

TEST_CASE("--set values are YAML", "[cli]") {
  TempDir dir("cli_set");
  const auto config = write_config(dir.path(), "c.yaml", kConfig);
  std::string out, err;
  REQUIRE(run_cli("train " + config.string() + " --run-dir " + (dir.path() / "run").string() +
                      " --set 'loggers=[{plugin: csv, params: {filename: p.csv}}]' --set run.total_env_steps=800 --json",
                  &out, &err) == 0);
  CHECK(std::filesystem::exists(dir.path() / "run" / "p.csv"));
  CHECK_THAT(out, Catch::Contains("\"env_steps\": 800"));
}

TEST_CASE("exit code 2 for usage and config errors, with the message on stderr", "[cli]") {
  TempDir dir("cli_errors");
  std::string out, err;
  CHECK(run_cli("", &out, &err) == 2);
  CHECK(run_cli("trian x.yaml", &out, &err) == 2);
  CHECK_THAT(err, Catch::Contains("unknown command 'trian'"));
  CHECK(run_cli("train", &out, &err) == 2);
  CHECK_THAT(err, Catch::Contains("config"));

  const auto bad = write_config(dir.path(), "bad.yaml", "run: {name: x, sed: 3}\nenv: {plugin: example.feed}\npolicy: {plugin: random}\n");
  CHECK(run_cli("validate " + bad.string(), &out, &err) == 2);
  CHECK_THAT(err, Catch::Contains(bad.string() + ":1:16"));
  CHECK_THAT(err, Catch::Contains("did you mean 'seed'"));

  const auto broken = write_config(dir.path(), "broken.yaml", "run: {name: x\n");
  CHECK(run_cli("train " + broken.string(), &out, &err) == 2);
  CHECK_THAT(err, Catch::Contains(broken.string() + ":"));

  CHECK(run_cli("evaluate --checkpoint " + (dir.path() / "nothing").string(), &out, &err) == 2);
  CHECK(run_cli("plugins describe no.such.plugin", &out, &err) == 2);
}

TEST_CASE("validate prints the resolved config; --help and --version work", "[cli]") {
  TempDir dir("cli_validate");
  const auto config = write_config(dir.path(), "c.yaml", kConfig);
  std::string out, err;
  REQUIRE(run_cli("validate " + config.string(), &out, &err) == 0);
  CHECK_THAT(out, Catch::Contains("quality_std"));  // a default filled in
  for (const char *command : {"train", "evaluate", "validate", "plugins"}) {
    CHECK(run_cli(std::string(command) + " --help", &out, &err) == 0);
    CHECK_THAT(out, Catch::Contains(std::string("usage: rlrec ") + command));
  }
  REQUIRE(run_cli("--version", &out, &err) == 0);
  CHECK_THAT(out, Catch::Contains("plugin ABI 1."));
}

TEST_CASE("plugins list and describe document the built-in plugins", "[cli]") {
  std::string out, err;
  REQUIRE(run_cli("plugins list", &out, &err) == 0);
  for (const char *id : {"example.feed", "random", "console", "csv"}) CHECK_THAT(out, Catch::Contains(id));
  REQUIRE(run_cli("plugins describe example.feed", &out, &err) == 0);
  CHECK_THAT(out, Catch::Contains("num_candidates"));
  CHECK_THAT(out, Catch::Contains("int in [1, 10000]; default 10"));
  CHECK_THAT(out, Catch::Contains("observation fields"));
  CHECK_THAT(out, Catch::Contains("clicked_slot"));
}

TEST_CASE("Ctrl-C stops a run with exit code 130 and a final checkpoint", "[cli][resume]") {
  TempDir dir("cli_sigint");
  const auto config = write_config(dir.path(), "c.yaml", kConfig);
  const std::string run_dir = (dir.path() / "run").string();
  const std::string err_file = (dir.path() / "stderr.txt").string();
  // SIGINT once the run has begun (run.log exists), not after a fixed time: a loaded machine may
  // not have reached main() by then. The shell's exit status cannot tell "exited 130" from
  // "killed by SIGINT", so the message the handler's path prints is checked too.
  const std::string script = std::string(RLREC_TEST_CLI) + " train " + config.string() + " --run-dir " + run_dir +
                             " --set run.total_env_steps=4000000000 >/dev/null 2>" + err_file + " & pid=$!; " +
                             "i=0; while [ ! -e " + run_dir + "/run.log ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done; " +
                             "sleep 0.2; kill -INT $pid; wait $pid";
  const int status = std::system(script.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_THAT(read_text(err_file), Catch::Contains("rlrec train: interrupted; the final checkpoint is in"));
  CHECK_FALSE(rlrec::core::list_checkpoints(run_dir).empty());
}
