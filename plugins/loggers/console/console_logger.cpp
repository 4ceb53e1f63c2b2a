// console_logger.cpp — plugin "console": the run's progress on stderr.
//
// On a terminal (stderr is a TTY) one line is redrawn in place with '\r' and a bar, so a long run
// costs one line of scrollback; redraws come at most every kRedrawSeconds, as tqdm does, since a
// faster flicker shows nothing more. Anywhere else (a CI log, a file, a pipe) '\r' would pile
// every redraw onto one enormous line, so each shown row becomes a plain line instead, at most one
// per `every_seconds`: a log file grows by a bounded number of lines whatever the report
// schedule. Nothing is lost to the throttle: the latest row held back is shown at flush (before
// each checkpoint and at the end), so the last line always has the final figures.
//
// Returns shown are the latest ones reported: evaluation metrics arrive only on the rows where an
// evaluation ran, and a line that blinked them in and out would be harder to read, not truer.
#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/metrics_logger.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "progress_line.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using rlrec_console::Progress;

enum Param { P_EVERY_SECONDS, P_METRICS, P_COUNT };

const rlrec_param_def kParams[P_COUNT] = {
    {"every_seconds", RLREC_PARAM_FLOAT, 0, "10", 0.0, HUGE_VAL, nullptr,
     "When stderr is not a terminal: minimum seconds between two progress lines (0 = one line "
     "per metrics row); the final figures are always shown.",
     0, 0},
    {"metrics", RLREC_PARAM_STRING, 0, "\"\"", -HUGE_VAL, HUGE_VAL, nullptr,
     "Comma-separated names of further metrics to show on the line (e.g. "
     "\"learner/loss,epsilon\").",
     0, 0},
};

constexpr double kRedrawSeconds = 0.1;
constexpr const char *kRateMetric = "time/env_steps_per_s";
constexpr const char *kReturnMetric = "episode_return_mean";
constexpr const char *kEvalReturnMetric = "eval/episode_return_mean";

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

struct ConsoleLogger {
  bool tty = false;
  double every_seconds = 0.0;    // the least time between two shown rows
  uint64_t start_env_steps = 0;  // the computed rate counts only this run's own steps
  Clock::time_point started;
  Clock::time_point last_shown;
  bool shown_any = false;
  bool line_open = false;  // TTY: the progress line on screen has no '\n' yet
  std::string held_back;   // the latest line the throttle kept back, "" if none
  Progress progress;
  std::string error;

  void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    const Clock::time_point now = Clock::now();
    progress.env_steps = env_steps;
    progress.steps_per_s = 0.0;
    for (uint32_t m = 0; m < num_metrics; ++m) {
      const rlrec_metric &metric = metrics[m];
      if (metric.name == nullptr) continue;
      if (std::strcmp(metric.name, kRateMetric) == 0) progress.steps_per_s = metric.value;
      if (std::strcmp(metric.name, kReturnMetric) == 0) progress.episode_return = metric.value;
      if (std::strcmp(metric.name, kEvalReturnMetric) == 0) progress.eval_return = metric.value;
      for (auto &[name, value] : progress.extras)
        if (name == metric.name) value = metric.value;
    }
    const double elapsed = seconds_between(started, now);
    if (progress.steps_per_s <= 0.0 && elapsed > 0.0 && env_steps > start_env_steps)
      progress.steps_per_s = static_cast<double>(env_steps - start_env_steps) / elapsed;

    std::string line = rlrec_console::format_progress(progress, tty);
    if (!shown_any || seconds_between(last_shown, now) >= every_seconds)
      show(line, now);
    else
      held_back = std::move(line);
  }

  void show(const std::string &line, Clock::time_point now) {
    if (tty) {
      // "\033[K" erases what a longer previous line left to the right of this one.
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
      line_open = true;
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
    shown_any = true;
    last_shown = now;
    held_back.clear();
  }

  // Shows a row the throttle held back, and leaves the terminal on a fresh line (the host may
  // print next: a checkpoint notice, the final summary).
  void flush() {
    if (!held_back.empty()) show(held_back, Clock::now());
    if (line_open) std::fputc('\n', stderr);
    line_open = false;
    std::fflush(stderr);
  }
};

// Splits "a, b,,c" into {"a", "b", "c"}: blanks around names and empty items are forgiven, since
// the list is typed by hand in YAML.
void add_extras(Progress &progress, const std::string &list) {
  size_t begin = 0;
  while (begin <= list.size()) {
    const size_t end = std::min(list.find(',', begin), list.size());
    const std::string item = list.substr(begin, end - begin);
    const size_t first = item.find_first_not_of(" \t");
    if (first != std::string::npos)
      progress.extras.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1),
                                   std::nullopt);
    begin = end + 1;
  }
}

const rlrec_plugin_desc kDesc = rlrec_support::logger_desc(
    "console", "1.1.0",
    "Progress on stderr: percent, steps, steps/s, returns and ETA (a redrawn bar on a terminal, "
    "rate-limited plain lines elsewhere).",
    P_COUNT, kParams);

rlrec_status create_logger(const rlrec_host *, const rlrec_value *params,
                           const rlrec_logger_context *context, rlrec_logger *out, char *err,
                           size_t err_capacity) {
  return rlrec_support::create_metrics_logger<ConsoleLogger>(
      kDesc, params, context, out, err, err_capacity, [&](ConsoleLogger &logger) {
        logger.tty = isatty(fileno(stderr)) == 1;
        logger.every_seconds = logger.tty ? kRedrawSeconds : params[P_EVERY_SECONDS].f;
        logger.progress.total_env_steps = context->total_env_steps;
        logger.start_env_steps = rlrec_support::resume_step(*context);
        add_extras(logger.progress, params[P_METRICS].s != nullptr ? params[P_METRICS].s : "");
        logger.started = Clock::now();
      });
}

}  // namespace

RLREC_SUPPORT_LOGGER_ENTRY(kDesc, create_logger)
