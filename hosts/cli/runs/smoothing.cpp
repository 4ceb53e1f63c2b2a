#include "smoothing.hpp"

namespace rlrec::runs {

std::vector<Point> moving_average(const std::vector<Point> &points, size_t window) {
  if (window <= 1) return points;
  std::vector<Point> smoothed;
  smoothed.reserve(points.size());
  double sum = 0.0;
  for (size_t i = 0; i < points.size(); ++i) {
    sum += points[i].y;
    if (i >= window) sum -= points[i - window].y;
    const size_t count = i + 1 < window ? i + 1 : window;
    smoothed.push_back({points[i].x, sum / static_cast<double>(count)});
  }
  return smoothed;
}

}  // namespace rlrec::runs
