#include "nice_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace rlrec::runs {
namespace {

// The nice number (1, 2, 5 or 10 times a power of ten) nearest to x when rounding, else the
// smallest one >= x.
double nice_number(double x, bool round) {
  const double exponent = std::floor(std::log10(x));
  const double fraction = x / std::pow(10.0, exponent);
  double nice;
  if (round)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * std::pow(10.0, exponent);
}

// Decimals that show every multiple of `step` exactly (step is a nice number: 1, 2 or 5 x 10^k).
int decimals_for(double step) {
  return std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 12);
}

}  // namespace

NiceAxis nice_axis(double min, double max, int target_ticks) {
  if (max < min) std::swap(min, max);
  if (max == min) {
    const double pad = min == 0.0 ? 1.0 : std::abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  NiceAxis axis;
  const double range = nice_number(max - min, false);
  axis.step = nice_number(range / std::max(1, target_ticks - 1), true);
  axis.lo = std::floor(min / axis.step) * axis.step;
  axis.hi = std::ceil(max / axis.step) * axis.step;
  const long count = std::lround((axis.hi - axis.lo) / axis.step);
  for (long i = 0; i <= count; ++i) {
    const double tick = axis.lo + static_cast<double>(i) * axis.step;  // no accumulated error
    axis.ticks.push_back(std::abs(tick) < axis.step * 1e-9 ? 0.0 : tick);  // never "-0"
  }
  return axis;
}

std::vector<std::string> tick_labels(const NiceAxis &axis) {
  const double reach = std::max(std::abs(axis.lo), std::abs(axis.hi));
  double scale = 1.0;
  const char *suffix = "";
  if (reach >= 1e4) {
    for (const auto &[unit_scale, unit_suffix] : {std::pair{1e9, "G"}, {1e6, "M"}, {1e3, "k"}}) {
      if (reach >= unit_scale) {
        scale = unit_scale;
        suffix = unit_suffix;
        break;
      }
    }
  }
  std::vector<std::string> labels;
  char buffer[64];
  for (const double tick : axis.ticks) {
    if (tick == 0.0)
      std::snprintf(buffer, sizeof buffer, "0");
    else
      std::snprintf(buffer, sizeof buffer, "%.*f%s", decimals_for(axis.step / scale), tick / scale, suffix);
    labels.push_back(buffer);
  }
  return labels;
}

}  // namespace rlrec::runs
