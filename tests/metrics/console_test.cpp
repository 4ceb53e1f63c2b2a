// The console plugin's progress line: its figures, and how often it may print.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "logger_harness.hpp"
#include "scratch.hpp"

namespace rlrec::metrics_test {
namespace {

using Clock = std::chrono::steady_clock;

// While alive, file descriptor 2 (where the console plugin's stderr writes) is `fd`.
class StderrTo {
 public:
  explicit StderrTo(int fd) : saved_(dup(2)) {
    std::fflush(stderr);
    dup2(fd, 2);
  }
  ~StderrTo() {
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
  }
  StderrTo(const StderrTo &) = delete;
  StderrTo &operator=(const StderrTo &) = delete;

 private:
  int saved_;
};

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

TEST_CASE("console: the figures on the line (not a terminal)", "[console]") {
  ScratchFolder run("rlrec-test-console-figures");
  const std::string log_file = (run.path() / "stderr.txt").string();
  const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  {
    LoggerLibrary library("librlrec_console.so", "console");
    StderrTo capture(fd);
    LoggerInstance logger =
        library.create(run.path().string(), 1000, 0, {{"every_seconds", "0"}, {"metrics", "learner/loss, epsilon"}});
    logger.log(250, {{"episode_return_mean", 1.5}, {"time/env_steps_per_s", 50}});
    logger.log(500, {{"time/env_steps_per_s", 250}, {"eval/episode_return_mean", 2.25}, {"learner/loss", 0.125}});
    logger.log(1000, {{"time/env_steps_per_s", 1234.4}, {"episode_return_mean", -0.5}, {"epsilon", 0.05}});
  }
  close(fd);
  const std::vector<std::string> lines = lines_of(slurp(log_file));
  REQUIRE(lines.size() == 3);
  // percent, steps, rate (3 significant digits below 100/s), the latest return, ETA = 750 / 50 s
  CHECK(lines[0] == " 25.0%  250/1000 steps  50 steps/s  return 1.5  ETA 0:15");
  // returns stay the latest reported; 500 steps left at 250/s is 2 s
  CHECK(lines[1] == " 50.0%  500/1000 steps  250 steps/s  return 1.5  eval 2.25  learner/loss 0.125  ETA 0:02");
  CHECK(lines[2] ==
        "100.0%  1000/1000 steps  1234 steps/s  return -0.5  eval 2.25  learner/loss 0.125  epsilon 0.05  ETA 0:00");
}

TEST_CASE("console: not a terminal, a line at most every every_seconds, the last figures at flush", "[console]") {
  ScratchFolder run("rlrec-test-console-rate");
  const std::string log_file = (run.path() / "stderr.txt").string();
  const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  constexpr double kEvery = 0.2;
  constexpr int kRows = 60;
  // For each row that printed a line: the clock just before and just after its log call. The
  // plugin read its clock in between, so two lines' plugin times are at most after[j] - before[i]
  // apart, whatever the scheduler did to this thread.
  std::vector<int> printing_rows;
  std::vector<Clock::time_point> before, after;
  Clock::time_point started;
  {
    LoggerLibrary library("librlrec_console.so", "console");
    StderrTo capture(fd);
    LoggerInstance logger = library.create(run.path().string(), kRows * 100, 0, {{"every_seconds", "0.2"}});
    started = Clock::now();
    size_t lines_seen = 0;
    for (int n = 1; n <= kRows; ++n) {
      const Clock::time_point call = Clock::now();
      logger.log(n * 100, {{"episode_return_mean", n}, {"time/env_steps_per_s", 1000}});
      const Clock::time_point returned = Clock::now();
      const size_t lines_now = lines_of(slurp(log_file)).size();
      REQUIRE(lines_now - lines_seen <= 1);
      if (lines_now > lines_seen) {
        printing_rows.push_back(n);
        before.push_back(call);
        after.push_back(returned);
      }
      lines_seen = lines_now;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    logger.flush();
  }
  close(fd);
  const double elapsed = seconds(Clock::now() - started);
  const std::vector<std::string> lines = lines_of(slurp(log_file));
  INFO(slurp(log_file));
  REQUIRE_FALSE(printing_rows.empty());
  CHECK(printing_rows[0] == 1);  // the first row shows at once
  for (size_t i = 1; i < printing_rows.size(); ++i) CHECK(seconds(after[i] - before[i - 1]) >= kEvery);
  CHECK(printing_rows.size() < static_cast<size_t>(kRows));  // rows were held back
  CHECK(lines.size() <= 2 + static_cast<size_t>(elapsed / kEvery));  // + the held-back row at flush
  CHECK(lines.back() == "100.0%  6000/6000 steps  1000 steps/s  return 60  ETA 0:00");
}

TEST_CASE("console: on a terminal, one line redrawn in place at most ten times a second", "[console]") {
  int master = -1, slave = -1;
  REQUIRE(openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  std::string screen;
  auto drain = [&] {
    char buffer[4096];
    for (ssize_t got; (got = read(master, buffer, sizeof buffer)) > 0;) screen.append(buffer, static_cast<size_t>(got));
  };
  ScratchFolder run("rlrec-test-console-tty");
  const Clock::time_point started = Clock::now();
  {
    LoggerLibrary library("librlrec_console.so", "console");
    StderrTo capture(slave);
    LoggerInstance logger = library.create(run.path().string(), 20000, 0, {{"every_seconds", "0"}});
    for (int n = 1; n <= 200; ++n) {
      logger.log(n * 100, {{"episode_return_mean", 1.0}, {"time/env_steps_per_s", 5000}});
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      drain();
    }
    logger.flush();
  }
  const double elapsed = seconds(Clock::now() - started);
  drain();
  close(slave);
  close(master);
  size_t redraws = 0;  // each starts with '\r' and the bar
  for (size_t at = 0; (at = screen.find("\r[", at)) != std::string::npos; ++at) ++redraws;
  INFO(screen);
  CHECK(redraws >= 2);
  CHECK(redraws <= 2 + static_cast<size_t>(elapsed / 0.1));
  CHECK(screen.find("\r[########################] 100.0%  20000/20000 steps") != std::string::npos);
  CHECK(screen.find("\033[K") != std::string::npos);           // erases a longer previous line
  CHECK(screen.substr(screen.size() - 2) == "\r\n");           // flush leaves a fresh line (the pty adds '\r')
  CHECK(std::count(screen.begin(), screen.end(), '\n') == 1);  // one line of scrollback for the whole run
}

}  // namespace rlrec::metrics_test
