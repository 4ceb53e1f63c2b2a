// The pseudo-inverse estimator on slates with additive rewards, and the episodic estimators on a
// short-horizon MDP; both problems have exactly known target values.
#include <catch2/catch.hpp>

#include "rlrec_ope/estimators.hpp"
#include "synthetic.hpp"

using namespace rlrec::ope;
using rlrec::ope::testing::Errors;

namespace {

// 10 contexts, 4 slots with 8 candidates each. The slate's reward is the sum of one click per
// slot, Bernoulli(φ(c, l, item)): additive, as PI assumes. μ fills slots independently (half
// uniform, half random preferences); π picks each slot's item by a sharp softmax on φ, so its
// slates are ones μ rarely shows and whole-slate weights reach hundreds.
struct Slates {
  static constexpr int kContexts = 10, kSlots = 4, kItems = 8;
  std::vector<Eigen::MatrixXd> click, behavior, target;  // per context: [slots x items]
  double true_value = 0.0;

  Slates() {
    rlrec::nn::Rng rng(77);
    for (int c = 0; c < kContexts; ++c) {
      Eigen::MatrixXd p(kSlots, kItems), mu(kSlots, kItems), pi(kSlots, kItems);
      for (int l = 0; l < kSlots; ++l) {
        Eigen::VectorXd preference(kItems);
        for (int j = 0; j < kItems; ++j) p(l, j) = 0.5 * rng.uniform(), preference[j] = rng.normal();
        mu.row(l) = testing::softmax(preference, 1.0, 0.5).transpose();
        pi.row(l) = testing::softmax(p.row(l).transpose(), 12.0).transpose();
        true_value += pi.row(l).dot(p.row(l)) / kContexts;
      }
      click.push_back(p), behavior.push_back(mu), target.push_back(pi);
    }
  }

  LoggedData log(int n, uint64_t seed) const {
    rlrec::nn::Rng rng(seed);
    LoggedData data;
    data.slate_size = kSlots;
    for (int i = 0; i < n; ++i) {
      const auto c = static_cast<int>(rng.below(kContexts));
      double reward = 0.0, mu_slate = 1.0, pi_slate = 1.0;
      for (int l = 0; l < kSlots; ++l) {
        const int item = testing::sample(rng, behavior[c].row(l).transpose());
        reward += rng.uniform() < click[c](l, item) ? 1.0 : 0.0;
        data.behavior_slot_prob.push_back(behavior[c](l, item));
        data.target_slot_prob.push_back(target[c](l, item));
        mu_slate *= behavior[c](l, item), pi_slate *= target[c](l, item);
      }
      data.episode.push_back(i);
      data.t.push_back(0);
      data.reward.push_back(reward);
      data.behavior_prob.push_back(mu_slate);
      data.target_prob.push_back(pi_slate);
    }
    return data;
  }
};

// 4 states, 2 actions, 3 steps from state 0, deterministic moves s' = (s + a + 1) mod 4, reward
// R(s, a) plus uniform noise of width `noise`; γ = 0.9. The exact Q_t and V_t of π come by
// backward induction.
struct Chain {
  static constexpr int kStates = 4, kHorizon = 3;
  static constexpr double kGamma = 0.9;
  double reward[kStates][2];
  double mu0[kStates] = {0.5, 0.3, 0.6, 0.4};  // μ(a = 0 | s)
  double pi0[kStates] = {0.9, 0.2, 0.8, 0.1};  // π(a = 0 | s)
  double q[kHorizon][kStates][2], v[kHorizon + 1][kStates] = {};

  Chain() {
    rlrec::nn::Rng rng(9);
    for (auto &r : reward) r[0] = rng.uniform(), r[1] = rng.uniform();
    for (int t = kHorizon - 1; t >= 0; --t)
      for (int s = 0; s < kStates; ++s) {
        for (int a = 0; a < 2; ++a) q[t][s][a] = reward[s][a] + kGamma * v[t + 1][next(s, a)];
        v[t][s] = pi0[s] * q[t][s][0] + (1 - pi0[s]) * q[t][s][1];
      }
  }
  static int next(int s, int a) { return (s + a + 1) % kStates; }
  double true_value() const { return v[0][0]; }

  LoggedData log(int episodes, uint64_t seed, double noise) const {
    rlrec::nn::Rng rng(seed);
    LoggedData data;
    for (int e = 0; e < episodes; ++e) {
      int s = 0;
      for (int t = 0; t < kHorizon; ++t) {
        const int a = rng.uniform() < mu0[s] ? 0 : 1;
        data.episode.push_back(e);
        data.t.push_back(t);
        data.reward.push_back(reward[s][a] + noise * (rng.uniform() - 0.5));
        data.behavior_prob.push_back(a == 0 ? mu0[s] : 1 - mu0[s]);
        data.target_prob.push_back(a == 0 ? pi0[s] : 1 - pi0[s]);
        data.q_logged.push_back(q[t][s][a]);
        data.q_target.push_back(v[t][s]);
        s = next(s, a);
      }
    }
    return data;
  }
};

}  // namespace

TEST_CASE("the pseudo-inverse is unbiased on additive slates where whole-slate IS is not usable", "[ope][slates]") {
  const Slates slates;
  Errors pi{slates.true_value}, is{slates.true_value};
  constexpr int kRepetitions = 30;
  for (int rep = 0; rep < kRepetitions; ++rep) {
    const LoggedData data = slates.log(2000, 500 + rep);
    Settings settings;
    settings.seed = rep;
    const Estimate p = estimate(Estimator::kPi, data, settings);
    const Estimate i = estimate(Estimator::kIs, data, settings);
    pi.add(p.value, p.ci_low, p.ci_high);
    is.add(i.value, i.ci_low, i.ci_high);
    CHECK(p.interval_trustworthy);
    CHECK(p.ess > 2 * i.ess);
  }
  INFO("true value " << slates.true_value << "; pi MAE " << pi.mean_abs_error() << " bias/se "
                     << pi.bias_in_standard_errors() << " covered " << pi.covered << "; slate IS MAE "
                     << is.mean_abs_error());
  CHECK(pi.bias_in_standard_errors() < 3.0);
  CHECK(pi.covered >= 24);
  CHECK(pi.mean_abs_error() < 0.5 * is.mean_abs_error());
}

TEST_CASE("per-decision IS beats trajectory IS on short episodes; DR with the exact Q is exact", "[ope][episodes]") {
  const Chain chain;
  Errors tis{chain.true_value()}, pdis{chain.true_value()}, pdwis{chain.true_value()}, dr{chain.true_value()};
  constexpr int kRepetitions = 40;
  Settings settings;
  settings.gamma = Chain::kGamma;
  for (int rep = 0; rep < kRepetitions; ++rep) {
    settings.seed = rep;
    const LoggedData data = chain.log(300, 900 + rep, 1.0);
    for (auto [estimator, errors] : {std::pair{Estimator::kTis, &tis},
                                     {Estimator::kPdis, &pdis},
                                     {Estimator::kPdwis, &pdwis},
                                     {Estimator::kDr, &dr}}) {
      const Estimate e = estimate(estimator, data, settings);
      errors->add(e.value, e.ci_low, e.ci_high);
    }
  }
  INFO("true value " << chain.true_value() << "; MSE tis " << tis.mean_squared_error() << " pdis "
                     << pdis.mean_squared_error() << " pdwis " << pdwis.mean_squared_error() << " dr "
                     << dr.mean_squared_error() << "; bias/se tis " << tis.bias_in_standard_errors() << " pdis "
                     << pdis.bias_in_standard_errors() << "; coverage tis " << tis.covered << " pdis " << pdis.covered
                     << " of " << kRepetitions);
  CHECK(tis.bias_in_standard_errors() < 3.0);
  CHECK(pdis.bias_in_standard_errors() < 3.0);
  CHECK(pdis.mean_squared_error() < tis.mean_squared_error());
  CHECK(pdwis.mean_squared_error() < tis.mean_squared_error());
  CHECK(dr.mean_squared_error() < pdis.mean_squared_error());
  CHECK(pdis.covered >= 32);

  // Noiseless rewards and the exact Q_π: every importance-weighted correction cancels.
  const LoggedData exact = chain.log(50, 1, 0.0);
  CHECK(estimate(Estimator::kDr, exact, settings).value == Approx(chain.true_value()).epsilon(1e-12));
  CHECK(estimate(Estimator::kDm, exact, settings).value == Approx(chain.true_value()).epsilon(1e-12));
}
