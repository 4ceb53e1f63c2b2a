#include "chart.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "smoothing.hpp"

namespace rlrec::runs {

Chart learning_curves(const std::vector<RunMetrics> &runs, const std::vector<std::string> &labels,
                      const std::string &metric, size_t window) {
  Chart chart{metric, "env steps", metric, {}};
  size_t drawn = 0;
  for (size_t r = 0; r < runs.size(); ++r) {
    Curve curve{labels[r], runs[r].series(metric), {}};
    std::erase_if(curve.raw, [](const Point &p) { return !std::isfinite(p.y); });
    if (window > 1) curve.smoothed = moving_average(curve.raw, window);
    drawn += curve.raw.size();
    chart.curves.push_back(std::move(curve));
  }
  if (drawn == 0) throw std::runtime_error("no run has a finite value of '" + metric + "' to plot");
  return chart;
}

std::vector<std::string> run_labels(const std::vector<RunMetrics> &runs) {
  std::vector<std::string> names;  // "runs/x/", "." and "runs/x" all name x
  for (const RunMetrics &run : runs)
    names.push_back(std::filesystem::weakly_canonical(std::filesystem::absolute(run.dir())).filename().string());
  std::vector<std::string> labels;
  for (size_t r = 0; r < runs.size(); ++r)
    labels.push_back(std::count(names.begin(), names.end(), names[r]) > 1 ? runs[r].dir().string() : names[r]);
  return labels;
}

}  // namespace rlrec::runs
