// rlrec_bandit/epsilon_schedule.hpp — ε as a function of the number of exploring decisions made.
#pragma once

#include <cstdint>

namespace rlrec_bandit {

struct EpsilonSchedule {
  enum class Kind : uint32_t {
    kConstant = 0,    // ε = start
    kLinear = 1,      // start → final linearly over decay_steps decisions, then final
    kExponential = 2  // final + (start - final) · exp(-t / decay_steps)
  };
  Kind kind = Kind::kConstant;
  double start = 0.1;
  double final = 0.01;
  uint64_t decay_steps = 10000;  // >= 1

  double at(uint64_t decisions) const;
};

}  // namespace rlrec_bandit
