// The episodic estimators. With ρ_t = Π_{t'≤t} w_t' (ρ_{-1} = 1) and discount γ, per episode:
//   tis    ρ_T Σ_t γ^t r_t
//   pdis   Σ_t γ^t ρ_t r_t                     (a reward is weighted only by the actions before it)
//   dr     Σ_t γ^t [ρ_t (r_t − q̂_t) + ρ_{t−1} v̂_t]   (Jiang & Li 2016; q̂ = q_logged, v̂ = q_target)
//   dm     v̂_0
// averaged over episodes; pdwis normalises each step by the mean ρ_t over episodes instead.
#include <limits>
#include <stdexcept>

#include "passes.hpp"

namespace rlrec::ope {
namespace {

// The discounted per-episode value `value_of` computes, averaged over episodes. Sums: 1 Σ value.
template <class ValueOf>
Pass mean_over_episodes(ValueOf value_of) {
  Pass pass;
  pass.width = 2;
  pass.add_episode = [value_of](std::span<const uint32_t> decisions, PoissonBootstrap &sums) {
    sums.add(1, value_of(decisions));
  };
  pass.value = [](std::span<const double> s) {
    return s[0] > 0.0 ? s[1] / s[0] : std::numeric_limits<double>::quiet_NaN();
  };
  return pass;
}

// Weighted PDIS: Σ_t γ^t (Σ_e ρ_et r_et) / (Σ_e ρ_et). An episode that ended before step t stays
// in step t's denominator with its last ρ and reward 0 (it sits in an absorbing state where both
// policies agree), so short episodes do not inflate the later steps. That tail is added once, at
// the step after the episode's end, and accumulated over steps when the value is computed.
// Sums, for T = the longest episode: 1 + t Σ ρ_t r_t, 1 + T + t Σ ρ_t, 1 + 2T + t tails.
Pass pdwis_pass(const PassInputs &in) {
  const size_t horizon = in.horizon;
  Pass pass;
  pass.width = 1 + 3 * horizon;
  pass.add_episode = [&in, horizon](std::span<const uint32_t> decisions, PoissonBootstrap &sums) {
    double rho = 1.0;
    for (size_t t = 0; t < decisions.size(); ++t) {
      rho *= in.w[decisions[t]];
      sums.add(1 + t, rho * in.data.reward[decisions[t]]);
      sums.add(1 + horizon + t, rho);
    }
    if (decisions.size() < horizon) sums.add(1 + 2 * horizon + decisions.size(), rho);
  };
  pass.value = [horizon, gamma = in.gamma](std::span<const double> s) {
    double value = 0.0, discount = 1.0, ended = 0.0;
    for (size_t t = 0; t < horizon; ++t, discount *= gamma) {
      ended += s[1 + 2 * horizon + t];
      const double weight = s[1 + horizon + t] + ended;
      // No weight at step t (every episode's ρ is 0 there): nothing to average, and nothing to add.
      if (weight > 0.0) value += discount * s[1 + t] / weight;
    }
    return s[0] > 0.0 ? value : std::numeric_limits<double>::quiet_NaN();
  };
  return pass;
}

}  // namespace

Pass episode_pass(Estimator estimator, const PassInputs &in) {
  const LoggedData &data = in.data;
  const double gamma = in.gamma;
  switch (estimator) {
    case Estimator::kTis:
      return mean_over_episodes([&in, gamma](std::span<const uint32_t> decisions) {
        double rho = 1.0, ret = 0.0, discount = 1.0;
        for (const uint32_t d : decisions) {
          rho *= in.w[d];
          ret += discount * in.data.reward[d];
          discount *= gamma;
        }
        return rho * ret;
      });
    case Estimator::kPdis:
      return mean_over_episodes([&in, gamma](std::span<const uint32_t> decisions) {
        double rho = 1.0, value = 0.0, discount = 1.0;
        for (const uint32_t d : decisions) {
          rho *= in.w[d];
          value += discount * rho * in.data.reward[d];
          discount *= gamma;
        }
        return value;
      });
    case Estimator::kDr:
      return mean_over_episodes([&in, gamma](std::span<const uint32_t> decisions) {
        double rho = 1.0, value = 0.0, discount = 1.0;
        for (const uint32_t d : decisions) {
          const double rho_before = rho;
          rho *= in.w[d];
          value += discount * (rho * (in.data.reward[d] - in.data.q_logged[d]) + rho_before * in.data.q_target[d]);
          discount *= gamma;
        }
        return value;
      });
    case Estimator::kDm:
      return mean_over_episodes([&data](std::span<const uint32_t> decisions) { return data.q_target[decisions[0]]; });
    case Estimator::kPdwis:
      return pdwis_pass(in);
    default:
      throw std::logic_error("episode_pass: not an episodic estimator");
  }
}

}  // namespace rlrec::ope
