// The ridge reward model: exact on linear data, and cross-fitted rows do not see their own reward.
#include "rlrec_ope/ridge.hpp"

#include <catch2/catch.hpp>

#include "rlrec_nn/rng.hpp"

using rlrec::ope::fit_ridge_rewards;

namespace {

struct Linear {
  Eigen::MatrixXd x, x_target;
  Eigen::VectorXd y;
};

Linear linear_data(int n) {
  rlrec::nn::Rng rng(2);
  Linear d{Eigen::MatrixXd(n, 3), Eigen::MatrixXd(n, 3), Eigen::VectorXd(n)};
  const Eigen::Vector3d theta(0.5, -1.0, 2.0);
  for (int i = 0; i < n; ++i) {
    d.x.row(i) << 1.0, rng.normal(), rng.normal();
    d.x_target.row(i) << 1.0, rng.normal(), rng.normal();
    d.y[i] = d.x.row(i).dot(theta);
  }
  return d;
}

}  // namespace

TEST_CASE("ridge recovers a linear reward and predicts the target's expected features", "[ope][ridge]") {
  const Linear d = linear_data(200);
  for (const int folds : {1, 5}) {
    const auto p = fit_ridge_rewards(d.x, d.x_target, d.y, 1e-9, folds);
    for (int i = 0; i < 200; ++i) {
      CHECK(p.q_logged[i] == Approx(d.y[i]).margin(1e-6));
      CHECK(p.q_target[i] == Approx(d.x_target.row(i).dot(Eigen::Vector3d(0.5, -1.0, 2.0))).margin(1e-6));
    }
  }
}

TEST_CASE("cross-fitting keeps a row's own reward (and its episode's) out of its prediction", "[ope][ridge]") {
  Linear d = linear_data(200);
  const double truth0 = d.y[0], truth1 = d.y[1];
  d.y[0] += 1000.0;  // an outlier
  const auto in_sample = fit_ridge_rewards(d.x, d.x_target, d.y, 1e-6, 1);
  CHECK(std::abs(in_sample.q_logged[0] - truth0) > 1.0);
  const auto crossed = fit_ridge_rewards(d.x, d.x_target, d.y, 1e-6, 4);
  CHECK(crossed.q_logged[0] == Approx(truth0).margin(1e-4));
  // Rows 0 and 1 in one group (episode): both predicted by the model that never saw the outlier.
  std::vector<uint64_t> groups(200);
  for (size_t i = 0; i < groups.size(); ++i) groups[i] = i / 2;
  const auto grouped = fit_ridge_rewards(d.x, d.x_target, d.y, 1e-6, 4, groups);
  CHECK(grouped.q_logged[1] == Approx(truth1).margin(1e-4));
  CHECK_THROWS_AS(fit_ridge_rewards(d.x, d.x_target, d.y.head(10), 1.0, 2), std::invalid_argument);
}
