// Learning on the synthetic bandit, where regret is known exactly (the env's `regret` channel).
// Each claim is checked over independent replications (problem instance, contexts and policy
// seed all change) with fixed seeds, and with a margin of several standard errors of the
// replication mean: the test is deterministic, and it would not pass by a lucky seed either.
//
// Setting: bandit.linear defaults (du = dd = 5, 10 candidates, slate 2, linear cascade clicks),
// 8 sub-envs, T = 250 steps (2,000 decisions), 4T = 1,000 steps. Features [vec(u dᵀ), d, 1]
// with cascade credit make the click model realizable. Measured when written (6 replications):
//   R(4T): random 780, egreedy (ε = 0.1) 196, LinUCB (α = 0.5) 88, LinTS (α = 0.25) 110;
//   R(4T)/R(T): random 4.01, LinUCB 1.98 (se 0.10), LinTS 1.97 (se 0.12).
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "factories.hpp"
#include "factory.hpp"
#include "harness.hpp"

using namespace rlrec_bandit_test;

namespace {

constexpr uint32_t kT = 250;
constexpr int kReplications = 20;

struct Regret {
  double at_t;   // R(T)
  double at_4t;  // R(4T)
};

// Cumulative regret of one policy configuration in every replication.
std::vector<Regret> regret_of(const rlrec_plugin_factory &factory, const Overrides &params) {
  std::vector<Regret> out;
  for (int r = 0; r < kReplications; ++r) {
    Env env(rlrec_bandit_env::linear_bandit_factory(),
            {{"episode_length", "1000000"}, {"problem_seed", std::to_string(r)}}, 8);
    Policy policy(factory, params, env.spec(), static_cast<uint64_t>(r));
    const std::vector<double> cumulative =
        cumulative_regret(env, policy, 4 * kT, 1000 + 100 * static_cast<uint64_t>(r));
    out.push_back({cumulative[kT - 1], cumulative[4 * kT - 1]});
  }
  return out;
}

struct MeanSe {
  double mean;
  double se;
  double upper(double ses) const { return mean + ses * se; }
  double lower(double ses) const { return mean - ses * se; }
};

// Mean and standard error over replications of f(replication).
MeanSe over_replications(const std::function<double(int)> &f) {
  double sum = 0.0, squares = 0.0;
  for (int r = 0; r < kReplications; ++r) {
    const double v = f(r);
    sum += v;
    squares += v * v;
  }
  const double n = kReplications;
  const double mean = sum / n;
  const double variance = std::max(0.0, (squares - n * mean * mean) / (n - 1));
  return {mean, std::sqrt(variance / n)};
}

const Overrides kRealizable = {{"outer_features", "true"}, {"credit", "cascade"}};

Overrides with(Overrides params, const std::string &key, const std::string &value) {
  params[key] = value;
  return params;
}

}  // namespace

TEST_CASE("LinUCB and LinTS regret is sublinear, far below random's and below egreedy's", "[learning]") {
  const std::vector<Regret> random = regret_of(rlrec_bandits::egreedy_factory(), {{"epsilon", "1.0"}});
  const std::vector<Regret> egreedy = regret_of(rlrec_bandits::egreedy_factory(), kRealizable);
  const std::vector<Regret> linucb = regret_of(rlrec_bandits::linucb_factory(), with(kRealizable, "alpha", "0.5"));
  const std::vector<Regret> lints =
      regret_of(rlrec_bandits::lints_factory(), with(with(kRealizable, "alpha", "0.25"), "prob_samples", "10"));

  // Uniformly random slates: regret grows linearly (the control of the ratio test).
  const MeanSe random_ratio = over_replications([&](int r) { return random[r].at_4t / random[r].at_t; });
  CHECK(random_ratio.lower(4) > 3.8);

  for (const auto &[name, regret] : {std::pair{"linucb", &linucb}, std::pair{"lints", &lints}}) {
    INFO(name);
    const std::vector<Regret> &learner = *regret;
    // Sublinear: quadrupling the horizon far less than quadruples the regret (√T would double it).
    const MeanSe ratio = over_replications([&](int r) { return learner[r].at_4t / learner[r].at_t; });
    CHECK(ratio.upper(4) < 2.75);
    // Clearly below random: under half of its regret by 4T (measured: under a fifth).
    const MeanSe vs_random = over_replications([&](int r) { return learner[r].at_4t / random[r].at_4t; });
    CHECK(vs_random.upper(4) < 0.5);
    // Below ε-greedy's (its defaults: constant ε = 0.1), paired by replication.
    const MeanSe vs_egreedy = over_replications([&](int r) { return egreedy[r].at_4t - learner[r].at_4t; });
    CHECK(vs_egreedy.lower(4) > 0.0);
  }
}
