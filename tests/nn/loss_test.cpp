// Losses: values at known points, gradients against finite differences, weights, and the whole
// chain loss(MLP(x)) checked end to end.
#include <catch2/catch.hpp>

#include "rlrec_nn/loss.hpp"
#include "rlrec_nn/mlp.hpp"

using rlrec::nn::Loss;
using rlrec::nn::regression_loss;

TEST_CASE("MSE and Huber values and gradients", "[loss]") {
  Eigen::VectorXd pred(4), target(4), grad;
  pred << 0.5, -2.0, 3.0, 1.0;
  target << 0.0, 0.0, 0.0, 1.0;
  // mse: mean of e^2/2 = (0.125 + 2 + 4.5 + 0) / 4
  CHECK(regression_loss<double>(Loss::kMse, 1.0, pred, target, nullptr, grad) == Approx(6.625 / 4));
  CHECK(grad[1] == Approx(-2.0 / 4));
  // huber(delta 1): 0.125, 1.5, 2.5, 0
  CHECK(regression_loss<double>(Loss::kHuber, 1.0, pred, target, nullptr, grad) == Approx(4.125 / 4));
  CHECK(grad[1] == Approx(-1.0 / 4));
  CHECK(grad[2] == Approx(1.0 / 4));
  CHECK(grad[0] == Approx(0.5 / 4));

  Eigen::VectorXd weights(4);
  weights << 2.0, 0.0, 0.0, 1.0;
  CHECK(regression_loss<double>(Loss::kHuber, 1.0, pred, target, &weights, grad) == Approx(0.25 / 4));
  CHECK(grad[0] == Approx(1.0 / 4));
  CHECK(grad[1] == 0.0);
}

TEST_CASE("loss through an MLP matches finite differences", "[loss][mlp]") {
  using MlpD = rlrec::nn::Mlp<double>;
  rlrec::nn::Rng rng(21);
  MlpD net({4, 6, 1}, rlrec::nn::Activation::kTanh, rlrec::nn::Activation::kLinear);
  net.init(rng);
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(4, 8);
  Eigen::VectorXd target = 3.0 * Eigen::VectorXd::Random(8);
  for (Loss loss : {Loss::kMse, Loss::kHuber}) {
    auto value = [&](const MlpD &n) {
      Eigen::VectorXd g;
      const Eigen::VectorXd pred = n.forward(x).row(0).transpose();
      return regression_loss<double>(loss, 0.7, pred, target, nullptr, g);
    };
    MlpD::Cache cache;
    const Eigen::VectorXd pred = net.forward(x, cache).row(0).transpose();
    Eigen::VectorXd dpred;
    regression_loss<double>(loss, 0.7, pred, target, nullptr, dpred);
    Eigen::VectorXd grad = Eigen::VectorXd::Zero(net.num_params());
    net.backward(cache, dpred.transpose(), grad);
    double worst = 0.0;
    for (Eigen::Index i = 0; i < net.num_params(); ++i) {
      MlpD plus = net, minus = net;
      plus.params()[i] += 1e-6;
      minus.params()[i] -= 1e-6;
      const double numeric = (value(plus) - value(minus)) / 2e-6;
      worst = std::max(worst, std::abs(numeric - grad[i]));
    }
    CHECK(worst < 1e-6);
  }
}
