// console_logger.cpp — plugin "console": the run's progress on stderr.
//
// On a terminal (stderr is a TTY) one line is redrawn in place with '\r' and a bar, so a long run
// costs one line of scrollback. Anywhere else (a CI log, a file, a pipe) '\r' would pile every
// redraw onto one enormous line, so each row becomes a plain line instead, at most one per
// `every_seconds`. Nothing is lost to the throttle: the latest row held back is printed at flush.
//
// Returns shown are the latest ones reported: evaluation metrics arrive only on the rows where an
// evaluation ran, and a line that blinked them in and out would be harder to read, not truer.
#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/entry.hpp>

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
using rlrec_support::fail;

enum Param { P_EVERY_SECONDS, P_METRICS, P_COUNT };

const rlrec_param_def kParams[P_COUNT] = {
    {"every_seconds", RLREC_PARAM_FLOAT, 0, "0", 0.0, HUGE_VAL, nullptr,
     "When stderr is not a terminal: minimum seconds between two progress lines (0 = one line "
     "per metrics row).",
     0, 0},
    {"metrics", RLREC_PARAM_STRING, 0, "\"\"", -HUGE_VAL, HUGE_VAL, nullptr,
     "Comma-separated names of further metrics to show on the line (e.g. "
     "\"learner/loss,epsilon\").",
     0, 0},
};

constexpr const char *kRateMetric = "time/env_steps_per_s";
constexpr const char *kReturnMetric = "episode_return_mean";
constexpr const char *kEvalReturnMetric = "eval/episode_return_mean";

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

struct ConsoleLogger {
  bool tty = false;
  double every_seconds = 0.0;
  uint64_t start_env_steps = 0;  // the computed rate counts only this run's own steps
  Clock::time_point started;
  Clock::time_point last_line;
  bool printed_any = false;
  bool line_open = false;  // TTY: the progress line on screen has no '\n' yet
  std::string held_back;   // not a TTY: the latest line the throttle kept back, "" if none
  Progress progress;
  std::string error;

  void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    if (num_metrics > 0 && metrics == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "console.log_metrics: metrics is NULL");
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

    const std::string line = rlrec_console::format_progress(progress, tty);
    if (tty) {
      // "\033[K" erases what a longer previous line left to the right of this one.
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
      line_open = true;
    } else if (!printed_any || seconds_between(last_line, now) >= every_seconds) {
      print_line(line, now);
    } else {
      held_back = line;
    }
    std::fflush(stderr);
  }

  void print_line(const std::string &line, Clock::time_point now) {
    std::fprintf(stderr, "%s\n", line.c_str());
    printed_any = true;
    last_line = now;
    held_back.clear();
  }

  // Leaves the terminal on a fresh line (the host may print next: a checkpoint notice, the
  // final summary) and shows a row the throttle held back.
  void flush() {
    if (line_open) std::fputc('\n', stderr);
    line_open = false;
    if (!held_back.empty()) print_line(held_back, Clock::now());
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

ConsoleLogger *self(void *handle) { return static_cast<ConsoleLogger *>(handle); }

rlrec_status logger_log_metrics(void *handle, uint64_t env_steps, uint32_t num_metrics,
                                const rlrec_metric *metrics) {
  return rlrec_support::guard(self(handle)->error,
                              [&] { self(handle)->log_metrics(env_steps, num_metrics, metrics); });
}

rlrec_status logger_flush(void *handle) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->flush(); });
}

const char *logger_last_error(void *handle) { return self(handle)->error.c_str(); }

void logger_destroy(void *handle) {
  logger_flush(handle);  // destroy cannot report a failure, and console output is best effort
  delete self(handle);
}

const rlrec_logger_vtable kVtable = {
    sizeof(rlrec_logger_vtable),
    logger_log_metrics,
    nullptr,  // log_transitions: a metrics sink only
    logger_flush,
    logger_last_error,
    logger_destroy,
};

rlrec_status create_logger(const rlrec_host *, const rlrec_value *params,
                           const rlrec_logger_context *context, rlrec_logger *out, char *err,
                           size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (params == nullptr || context == nullptr || out == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "console: params, context and out must be non-NULL");
    auto logger = std::make_unique<ConsoleLogger>();
    logger->tty = isatty(fileno(stderr)) == 1;
    logger->every_seconds = params[P_EVERY_SECONDS].f;
    logger->progress.total_env_steps = context->total_env_steps;
    if (RLREC_HAS_MEMBER(rlrec_logger_context, context, start_env_steps))
      logger->start_env_steps = context->start_env_steps;
    add_extras(logger->progress, params[P_METRICS].s != nullptr ? params[P_METRICS].s : "");
    logger->started = Clock::now();
    out->vtable = &kVtable;
    out->handle = logger.release();
  });
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_LOGGER,
    "console",
    "1.0.0",
    "Progress on stderr: percent, steps/s, returns and ETA (a redrawn bar on a terminal).",
    P_COUNT,
    0,
    kParams,
};

const rlrec_plugin_factory kFactory = {
    sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr, nullptr, create_logger};

const rlrec_plugin_factory *const kFactories[] = {&kFactory};

}  // namespace

RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
