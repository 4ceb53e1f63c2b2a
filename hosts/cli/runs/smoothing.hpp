// smoothing.hpp — the smoothed line drawn over a noisy learning curve.
#pragma once

#include <cstddef>
#include <vector>

#include "run_metrics.hpp"

namespace rlrec::runs {

// The trailing moving average (pandas' rolling(window, min_periods=1).mean()): each point keeps
// its x and takes the mean of its own y and the window - 1 before it (fewer at the start). It
// looks only backwards, so the curve at step x never uses what came after x. window <= 1 returns
// the points unchanged. REQUIRES: finite y.
std::vector<Point> moving_average(const std::vector<Point> &points, size_t window);

}  // namespace rlrec::runs
