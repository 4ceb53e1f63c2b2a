// The calibration of issue 6 on a synthetic contextual bandit whose target value is known
// exactly: over seeded repetitions the true value lies in the 95% interval of IS, WIS and DR at
// least 90% of the time, and DR (with a cross-fitted ridge model) errs less than IS.
//
// Why 200 repetitions, not the 50: over 1250 logs of 3000 decisions the intervals covered
// 94.6% (IS), 93.9% (WIS) and 94.1% (DR) (mean absolute errors 0.022 and 0.010 for IS and DR). At
// 94% a set of 50 falls below 45 about one time in seven by chance alone; over 200 the standard
// error of the coverage is 1.7 points, so 90% lies 2.4 of them below and the test neither flakes
// with the seeds nor needs chosen ones.
#include <catch2/catch.hpp>

#include "rlrec_ope/estimators.hpp"
#include "rlrec_ope/ridge.hpp"
#include "synthetic.hpp"

using namespace rlrec::ope;
using rlrec::ope::testing::Errors;

namespace {

// 50 equally likely contexts with 3 features, 5 actions, Bernoulli rewards with a logistic mean
// (so the linear reward model is misspecified, as real ones are). The behaviour follows unrelated
// preferences mixed with 20% uniform exploration; the target is nearly greedy on the true mean.
struct Bandit {
  static constexpr int kContexts = 50, kActions = 5, kDim = 3;
  Eigen::MatrixXd features{kContexts, kDim};
  Eigen::MatrixXd mean{kContexts, kActions}, behavior{kContexts, kActions}, target{kContexts, kActions};
  double true_value = 0.0;

  Bandit() {
    rlrec::nn::Rng rng(2024);
    Eigen::MatrixXd theta(kDim, kActions);
    for (int i = 0; i < theta.size(); ++i) theta.data()[i] = rng.normal();
    for (int c = 0; c < kContexts; ++c) {
      for (int j = 0; j < kDim; ++j) features(c, j) = rng.normal();
      Eigen::VectorXd logit = (features.row(c) * theta).transpose(), preference(kActions);
      for (int a = 0; a < kActions; ++a) preference[a] = rng.normal();
      mean.row(c) = (1.0 / (1.0 + (-logit.array()).exp())).matrix().transpose();
      behavior.row(c) = testing::softmax(preference, 1.0, 0.3).transpose();
      target.row(c) = testing::softmax(logit, 2.0, 0.05).transpose();
      true_value += target.row(c).dot(mean.row(c)) / kContexts;
    }
  }

  // φ(c, a): the action's one-hot times (1, features).
  Eigen::VectorXd phi(int c, int a) const {
    Eigen::VectorXd f = Eigen::VectorXd::Zero(kActions * (kDim + 1));
    f[a * (kDim + 1)] = 1.0;
    f.segment(a * (kDim + 1) + 1, kDim) = features.row(c).transpose();
    return f;
  }

  LoggedData log(int n, uint64_t seed) const {
    rlrec::nn::Rng rng(seed);
    LoggedData data;
    Eigen::MatrixXd x_logged(n, kActions * (kDim + 1)), x_target = Eigen::MatrixXd::Zero(n, x_logged.cols());
    for (int i = 0; i < n; ++i) {
      const int c = static_cast<int>(rng.below(kContexts));
      const int a = testing::sample(rng, behavior.row(c).transpose());
      data.episode.push_back(i);
      data.t.push_back(0);
      data.reward.push_back(rng.uniform() < mean(c, a) ? 1.0 : 0.0);
      data.behavior_prob.push_back(behavior(c, a));
      data.target_prob.push_back(target(c, a));
      x_logged.row(i) = phi(c, a).transpose();
      for (int b = 0; b < kActions; ++b) x_target.row(i) += target(c, b) * phi(c, b).transpose();
    }
    const Eigen::VectorXd rewards = Eigen::Map<const Eigen::VectorXd>(data.reward.data(), n);
    RewardPredictions model = fit_ridge_rewards(x_logged, x_target, rewards, 1.0, 5);
    data.q_logged = std::move(model.q_logged);
    data.q_target = std::move(model.q_target);
    return data;
  }
};

}  // namespace

TEST_CASE("IS, WIS and DR intervals cover the true value; DR errs less than IS", "[ope][calibration]") {
  const Bandit bandit;
  Errors is{bandit.true_value}, wis{bandit.true_value}, dr{bandit.true_value};
  constexpr int kRepetitions = 200;
  for (int rep = 0; rep < kRepetitions; ++rep) {
    const LoggedData data = bandit.log(3000, 1000 + rep);
    Settings settings;
    settings.seed = rep;
    for (auto [estimator, errors] : {std::pair{Estimator::kIs, &is}, {Estimator::kWis, &wis}, {Estimator::kDr, &dr}}) {
      const Estimate e = estimate(estimator, data, settings);
      errors->add(e.value, e.ci_low, e.ci_high);
      CHECK(e.interval_trustworthy);
      CHECK(e.warnings.empty());
    }
  }
  INFO("true value " << bandit.true_value << "; coverage is " << is.covered << ", wis " << wis.covered << ", dr "
                     << dr.covered << " of " << kRepetitions << "; MAE is " << is.mean_abs_error() << ", wis "
                     << wis.mean_abs_error() << ", dr " << dr.mean_abs_error());
  constexpr int kRequired = kRepetitions * 9 / 10;
  CHECK(is.covered >= kRequired);
  CHECK(wis.covered >= kRequired);
  CHECK(dr.covered >= kRequired);
  CHECK(dr.mean_abs_error() < is.mean_abs_error());
}
