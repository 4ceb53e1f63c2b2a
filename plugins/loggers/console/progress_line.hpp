// progress_line.hpp — the text of the console logger's progress line, a pure function of what the
// run has reported so far: the formatting is kept apart from terminals and clocks so it reads (and
// tests) on its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rlrec_console {

struct Progress {
  uint64_t env_steps = 0;
  uint64_t total_env_steps = 0;          // the run's goal; 0 = unknown: no percent, bar or ETA
  double steps_per_s = 0.0;              // <= 0 or not finite = unknown: no rate, no ETA
  std::optional<double> episode_return;  // latest `episode_return_mean`
  std::optional<double> eval_return;     // latest `eval/episode_return_mean`
  // Metrics the user asked for, in the order asked; a name not reported yet has no value.
  std::vector<std::pair<std::string, std::optional<double>>> extras;
};

// One line, without a line ending. with_bar prefixes a "[####------]" bar (for terminals, where
// the line is redrawn in place; in a log file a bar per line is noise).
std::string format_progress(const Progress &progress, bool with_bar);

// "m:ss" under an hour, "h:mm:ss" from one hour on; seconds are rounded up so a nearly finished
// run never shows 0:00 early.
std::string format_duration(double seconds);

}  // namespace rlrec_console
