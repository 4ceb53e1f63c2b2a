#include "nice_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace rlrec::runs {
namespace {

// `raw` rounded to 1, 2, 5 or 10 times a power of ten, switching at the geometric midpoints
// (sqrt 2, sqrt 10, sqrt 50) so the rounding is fair on a log scale, as d3's ticks do.
double nice_step(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / power;
  const double nice = fraction >= std::sqrt(50.0)   ? 10
                      : fraction >= std::sqrt(10.0) ? 5
                      : fraction >= std::sqrt(2.0)  ? 2
                                                    : 1;
  return nice * power;
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
  axis.step = nice_step((max - min) / std::max(1, target_ticks - 1));
  axis.lo = std::floor(min / axis.step) * axis.step;
  axis.hi = std::ceil(max / axis.step) * axis.step;
  const long count = std::lround((axis.hi - axis.lo) / axis.step);
  for (long i = 0; i <= count; ++i) {
    const double tick = axis.lo + static_cast<double>(i) * axis.step;      // no accumulated error
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
