// is, wis and pi. Each averages w_i r_i over decisions; the bootstrap still resamples whole
// episodes, because decisions of one episode share a user and are not independent.
#include <cmath>
#include <limits>

#include "passes.hpp"

namespace rlrec::ope {

// Sums: 1 Σ w r, 2 Σ w, 3 decisions.
Pass decision_pass(const PassInputs &in, bool self_normalised) {
  Pass pass;
  pass.width = 4;
  pass.add_episode = [&in](std::span<const uint32_t> decisions, PoissonBootstrap &sums) {
    double weighted_reward = 0.0, weight = 0.0;
    for (const uint32_t d : decisions) {
      weighted_reward += in.w[d] * in.data.reward[d];
      weight += in.w[d];
    }
    sums.add(1, weighted_reward);
    sums.add(2, weight);
    sums.add(3, static_cast<double>(decisions.size()));
  };
  pass.value = [self_normalised](std::span<const double> s) {
    const double denominator = self_normalised ? s[2] : s[3];
    return denominator > 0.0 ? s[1] / denominator : std::numeric_limits<double>::quiet_NaN();
  };
  return pass;
}

}  // namespace rlrec::ope
