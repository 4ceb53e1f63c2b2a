#include "progress_line.hpp"

#include <rlrec_support/appendf.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rlrec_console {
namespace {

using rlrec_support::appendf;

constexpr int kBarWidth = 24;

// Rates span from a few steps/s (a slow learner) to millions (a vectorised simulator): integers
// from 100 up, three significant digits below.
void append_rate(std::string &out, double steps_per_s) {
  if (steps_per_s >= 100.0)
    appendf(out, "%.0f steps/s", steps_per_s);
  else
    appendf(out, "%.3g steps/s", steps_per_s);
}

}  // namespace

std::string format_duration(double seconds) {
  const auto total = static_cast<uint64_t>(std::ceil(std::max(seconds, 0.0)));
  const uint64_t hours = total / 3600, minutes = total / 60 % 60, secs = total % 60;
  char buffer[48];
  if (hours > 0)
    std::snprintf(buffer, sizeof buffer, "%llu:%02llu:%02llu",
                  static_cast<unsigned long long>(hours), static_cast<unsigned long long>(minutes),
                  static_cast<unsigned long long>(secs));
  else
    std::snprintf(buffer, sizeof buffer, "%llu:%02llu", static_cast<unsigned long long>(minutes),
                  static_cast<unsigned long long>(secs));
  return buffer;
}

std::string format_progress(const Progress &p, bool with_bar) {
  const bool known_total = p.total_env_steps > 0;
  const bool known_rate = std::isfinite(p.steps_per_s) && p.steps_per_s > 0.0;
  const double fraction =
      known_total ? std::min(1.0, static_cast<double>(p.env_steps) /
                                      static_cast<double>(p.total_env_steps))
                  : 0.0;
  std::string line;
  if (with_bar && known_total) {
    const int filled = static_cast<int>(fraction * kBarWidth);
    line += '[';
    line.append(static_cast<size_t>(filled), '#');
    line.append(static_cast<size_t>(kBarWidth - filled), '-');
    line += "] ";
  }
  if (known_total)
    appendf(line, "%5.1f%%  %llu/%llu steps", 100.0 * fraction,
           static_cast<unsigned long long>(p.env_steps),
           static_cast<unsigned long long>(p.total_env_steps));
  else
    appendf(line, "%llu steps", static_cast<unsigned long long>(p.env_steps));
  if (known_rate) {
    line += "  ";
    append_rate(line, p.steps_per_s);
  }
  if (p.episode_return) appendf(line, "  return %.4g", *p.episode_return);
  if (p.eval_return) appendf(line, "  eval %.4g", *p.eval_return);
  for (const auto &[name, value] : p.extras)
    if (value) appendf(line, "  %s %.4g", name.c_str(), *value);
  if (known_total && known_rate) {
    const double remaining = p.env_steps >= p.total_env_steps
                                 ? 0.0
                                 : static_cast<double>(p.total_env_steps - p.env_steps);
    line += "  ETA " + format_duration(remaining / p.steps_per_s);
  }
  return line;
}

}  // namespace rlrec_console
