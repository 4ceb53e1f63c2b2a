#include "bench_util.hpp"

#include <limits>

namespace rlrec::bench {

double best_seconds(int repetitions, const std::function<void()> &body) {
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    body();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds < best) best = seconds;
  }
  return best;
}

void report(const char *name, double items, double seconds) {
  std::printf("%-44s %12.0f steps/s %9.1f ns/step\n", name, items / seconds, 1e9 * seconds / items);
}

}  // namespace rlrec::bench
