// nice_axis.hpp — the range and ticks of a chart axis, on "nice" numbers (1, 2 or 5 times a power
// of ten) so the labels read 0, 20k, 40k rather than 0, 17345, 34690. The axis starts and ends on
// a tick, so every curve lies inside the frame.
#pragma once

#include <string>
#include <vector>

namespace rlrec::runs {

struct NiceAxis {
  double lo = 0.0;  // the axis starts here: a tick at or below the smallest value
  double hi = 1.0;  // and ends here: a tick at or above the largest
  double step = 1.0;
  std::vector<double> ticks;  // lo, lo + step, ..., hi
};

// An axis covering [min, max] (finite) with about `target_ticks` ticks. A range of one value is
// widened around it, so a flat curve still gets an axis.
NiceAxis nice_axis(double min, double max, int target_ticks = 6);

// The labels of the axis's ticks: as many decimals as the step needs ("0.25", "3"), and on an
// axis reaching ten thousand one unit k, M or G for all of them ("0", "5k", "10k"; "0.5M", "1.0M")
// so env-step axes stay short.
std::vector<std::string> tick_labels(const NiceAxis &axis);

}  // namespace rlrec::runs
