// The jsonl plugin's result.jsonl, read back by Python's json module (jsonl_rows.py).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <thread>

#include "jsonl_readback.hpp"
#include "logger_harness.hpp"
#include "scratch.hpp"

namespace rlrec::metrics_test {
namespace {

namespace fs = std::filesystem;

Row numbered_row(uint64_t n, size_t metrics) {
  Row row;
  for (size_t m = 0; m < metrics; ++m)
    row.emplace_back("learner/a_fairly_long_metric_name_number_" + std::to_string(m),
                     static_cast<double>(n) + 0.001 * m);
  return row;
}

}  // namespace

TEST_CASE("jsonl: one strict JSON object per row, env_steps first, every metric exact", "[jsonl]") {
  ScratchFolder run("rlrec-test-jsonl");
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const Row awkward = {{"episode_return_mean", 0.1},
                       {"time/total_s", 12.000000000000002},
                       {"quote\"back\\slash", -1e-300},
                       {"tab\tnew\nline\x01", 1.7976931348623157e308},
                       {"eval/épisode ✓", 3},
                       {"learner/loss", nan},
                       {"learner/grad", inf},
                       {"learner/neg", -inf},
                       {"dup", 1},
                       {"dup", 2}};
  {
    LoggerLibrary library("librlrec_jsonl.so", "jsonl");
    LoggerInstance logger = library.create(run.path().string(), 2000);
    logger.log(1000, awkward);
    logger.log(2000, {{"episode_return_mean", 0.2}});
  }
  const JsonlReadBack back = read_with_python(run.path() / "result.jsonl");
  CHECK(back.cut == 0);
  REQUIRE(back.rows.size() == 2);
  CHECK(back.rows[0].first == 1000);
  CHECK(back.rows[1].first == 2000);
  const auto &first = back.rows[0].second;
  REQUIRE(first.size() == awkward.size() - 1);  // "dup" once
  for (size_t m = 0; m + 2 < awkward.size(); ++m) {
    INFO(awkward[m].first);
    CHECK(first[m].first == utf8_hex(awkward[m].first));
    if (std::isfinite(awkward[m].second))
      CHECK(first[m].second == std::optional(awkward[m].second));  // bit-exact round trip
    else
      CHECK_FALSE(first[m].second.has_value());  // JSON has no NaN or inf: null
  }
  CHECK(first.back().first == utf8_hex("dup"));
  CHECK(first.back().second == std::optional(2.0));  // the later value wins
}

TEST_CASE("jsonl: a resumed run keeps the rows its checkpoint covers and drops a cut line", "[jsonl]") {
  ScratchFolder run("rlrec-test-jsonl-resume");
  LoggerLibrary library("librlrec_jsonl.so", "jsonl");
  {
    LoggerInstance logger = library.create(run.path().string(), 5000);
    for (uint64_t steps = 1000; steps <= 5000; steps += 1000) logger.log(steps, numbered_row(steps, 3));
  }
  const fs::path file = run.path() / "result.jsonl";
  write_text(file, slurp(file) + "{\"env_steps\": 6000, \"learner/a");  // killed while writing
  {
    LoggerInstance resumed = library.create(run.path().string(), 5000, 3000);
    resumed.log(4000, {{"episode_return_mean", 7.5}});
  }
  const JsonlReadBack back = read_with_python(file);
  CHECK(back.cut == 0);
  REQUIRE(back.rows.size() == 4);
  CHECK(back.rows[2].first == 3000);
  CHECK(back.rows[3].first == 4000);
  CHECK(back.rows[3].second.size() == 1);
  CHECK(library.host_log().empty());

  fs::remove(file);
  { LoggerInstance resumed = library.create(run.path().string(), 5000, 3000); }
  REQUIRE(library.host_log().size() == 1);
  CHECK_THAT(library.host_log()[0], Catch::Contains("does not exist; starting a new one"));
}

TEST_CASE("jsonl: a filename with a path in it is a config error", "[jsonl]") {
  ScratchFolder run("rlrec-test-jsonl-name");
  LoggerLibrary library("librlrec_jsonl.so", "jsonl");
  CHECK_THROWS_WITH(library.create(run.path().string(), 10, 0, {{"filename", "../escape.jsonl"}}),
                    Catch::Contains("must be a plain file name"));
}

TEST_CASE("jsonl: a process killed mid-run leaves every complete line readable", "[jsonl][kill]") {
  ScratchFolder run("rlrec-test-jsonl-kill");
  const fs::path file = run.path() / "result.jsonl";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // logs ~11 kB rows as fast as it can until killed
    try {
      LoggerLibrary library("librlrec_jsonl.so", "jsonl");
      LoggerInstance logger = library.create(run.path().string(), 0);
      for (uint64_t n = 1;; ++n) logger.log(n, numbered_row(n, 200));
    } catch (...) {
      _exit(1);
    }
  }
  // Kill it once a few hundred rows are out: well past any stdio buffer.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline && (!fs::exists(file) || fs::file_size(file) < 4'000'000))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));

  const JsonlReadBack back = read_with_python(file);
  REQUIRE(back.rows.size() >= 300);
  for (size_t r = 0; r < back.rows.size(); ++r) {
    REQUIRE(back.rows[r].first == r + 1);  // no complete row lost or torn
    REQUIRE(back.rows[r].second.size() == 200);
    REQUIRE(back.rows[r].second[199].second == std::optional(static_cast<double>(r + 1) + 0.001 * 199));
  }
  // The CLI's reader reads the same file, saying so when its last line was cut.
  const Finished compare = run_program(rlrec({"compare", run.path().string()}));
  CHECK(compare.exit_code == 0);
  CHECK_THAT(compare.out, Catch::Contains("env_steps") && Catch::Contains(std::to_string(back.rows.size())));
  if (back.cut > 0) CHECK_THAT(compare.err, Catch::Contains("cut short"));
}

}  // namespace rlrec::metrics_test
