#include "rlrec_bandit/epsilon_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace rlrec_bandit {

double EpsilonSchedule::at(uint64_t decisions) const {
  const double t = static_cast<double>(decisions);
  const double horizon = static_cast<double>(std::max<uint64_t>(decay_steps, 1));
  switch (kind) {
    case Kind::kLinear:
      return start + (final - start) * std::min(1.0, t / horizon);
    case Kind::kExponential:
      return final + (start - final) * std::exp(-t / horizon);
    case Kind::kConstant:
      break;
  }
  return start;
}

}  // namespace rlrec_bandit
