// rlrec_nn/schedule.hpp — a value annealed linearly over a number of steps, then held (the
// epsilon of epsilon-greedy exploration, Dopamine's linearly_decaying_epsilon without warm-up:
// the learner's learning_starts already plays that role).
#pragma once

#include <algorithm>
#include <cstdint>

namespace rlrec::nn {

struct LinearSchedule {
  double start = 1.0;
  double end = 0.01;
  uint64_t steps = 0;  // 0: `end` from the first step

  double at(uint64_t t) const {
    if (steps == 0 || t >= steps) return end;
    const double progress = static_cast<double>(t) / static_cast<double>(steps);
    return start + (end - start) * std::min(1.0, progress);
  }
};

}  // namespace rlrec::nn
