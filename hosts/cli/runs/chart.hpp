// chart.hpp — what a learning-curve plot shows, independent of how it is drawn (svg_chart for
// SVG, gnuplot_png for PNG): one curve per run, the raw points and a smoothed line over them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "run_metrics.hpp"

namespace rlrec::runs {

struct Curve {
  std::string label;            // the legend entry: the run
  std::vector<Point> raw;       // finite points in x order, as the run reported them
  std::vector<Point> smoothed;  // the same x's smoothed; empty when there is no smoothing
};

// A curve of this many points or fewer also gets a dot on each: a few evaluations are easier to
// read as points, and a single point draws no line at all.
constexpr size_t kMarkersUpTo = 30;

struct Chart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Curve> curves;  // at least one point between them
};

// The chart of `metric` over env_steps for each run, smoothed over `window` points (<= 1: none).
// Non-finite values (a diverged loss) cannot be drawn and are left out. Throws
// std::runtime_error when no run has a finite value of `metric`.
Chart learning_curves(const std::vector<RunMetrics> &runs, const std::vector<std::string> &labels,
                      const std::string &metric, size_t window);

// The legend label of each run: its folder's name, or the path as given where two runs share a
// folder name (runs/a/seed1 and runs/b/seed1).
std::vector<std::string> run_labels(const std::vector<RunMetrics> &runs);

}  // namespace rlrec::runs
