// The MLP's hand-written backprop against central finite differences (in double, so the check is
// tight), for every activation, for parameters and inputs; deterministic init; serialisation.
#include <catch2/catch.hpp>

#include <cmath>

#include "rlrec_nn/mlp.hpp"

using rlrec::nn::Activation;
using rlrec::nn::Mlp;
using rlrec::nn::Rng;
using MlpD = Mlp<double>;

namespace {

// A scalar function of the network's output: sum of c_ij * y_ij with fixed random c, so every
// output and every sample carries gradient.
struct Probe {
  Eigen::MatrixXd c;
  double value(const MlpD &net, const Eigen::MatrixXd &x) const { return (net.forward(x).array() * c.array()).sum(); }
};

Eigen::MatrixXd random_matrix(Rng &rng, int rows, int cols) {
  Eigen::MatrixXd m(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) m(i, j) = 2.0 * rng.uniform() - 1.0;
  return m;
}

void check_gradients(Activation hidden, Activation output) {
  Rng rng(11);
  MlpD net({5, 7, 6, 3}, hidden, output);
  net.init(rng);
  // Nonzero biases, so ReLU units are not all on one side.
  net.params() += 0.05 * random_matrix(rng, static_cast<int>(net.num_params()), 1);
  const Eigen::MatrixXd x = random_matrix(rng, 5, 4);
  const Probe probe{random_matrix(rng, 3, 4)};

  MlpD::Cache cache;
  net.forward(x, cache);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(net.num_params());
  Eigen::MatrixXd input_grad;
  net.backward(cache, probe.c, grad, &input_grad);

  const double h = 1e-6;
  double worst = 0.0;
  for (Eigen::Index i = 0; i < net.num_params(); ++i) {
    MlpD plus = net, minus = net;
    plus.params()[i] += h;
    minus.params()[i] -= h;
    const double numeric = (probe.value(plus, x) - probe.value(minus, x)) / (2 * h);
    worst = std::max(worst, std::abs(numeric - grad[i]) / std::max(1.0, std::abs(numeric)));
  }
  CHECK(worst < 1e-6);

  double worst_input = 0.0;
  for (int r = 0; r < x.rows(); ++r)
    for (int c = 0; c < x.cols(); ++c) {
      Eigen::MatrixXd plus = x, minus = x;
      plus(r, c) += h;
      minus(r, c) -= h;
      const double numeric = (probe.value(net, plus) - probe.value(net, minus)) / (2 * h);
      worst_input = std::max(worst_input, std::abs(numeric - input_grad(r, c)) / std::max(1.0, std::abs(numeric)));
    }
  CHECK(worst_input < 1e-6);
}

}  // namespace

TEST_CASE("MLP gradients match finite differences", "[mlp]") {
  SECTION("relu hidden, linear output") { check_gradients(Activation::kRelu, Activation::kLinear); }
  SECTION("tanh hidden, tanh output") { check_gradients(Activation::kTanh, Activation::kTanh); }
  SECTION("linear hidden, relu output") { check_gradients(Activation::kLinear, Activation::kRelu); }
}

TEST_CASE("backward accumulates into the gradient", "[mlp]") {
  Rng rng(3);
  MlpD net({3, 4, 2}, Activation::kTanh, Activation::kLinear);
  net.init(rng);
  const Eigen::MatrixXd x = random_matrix(rng, 3, 5);
  const Eigen::MatrixXd dy = random_matrix(rng, 2, 5);
  MlpD::Cache cache;
  net.forward(x, cache);
  Eigen::VectorXd once = Eigen::VectorXd::Zero(net.num_params());
  net.backward(cache, dy, once);
  Eigen::VectorXd twice = Eigen::VectorXd::Zero(net.num_params());
  net.backward(cache, dy, twice);
  net.backward(cache, dy, twice);
  CHECK((twice - 2 * once).norm() < 1e-12);
}

TEST_CASE("initialisation is deterministic from the seed and scaled by fan-in", "[mlp]") {
  Mlp<float> a({20, 64, 1}, Activation::kRelu, Activation::kLinear);
  Mlp<float> b = a, c = a;
  Rng ra(5), rb(5), rc(6);
  a.init(ra);
  b.init(rb);
  c.init(rc);
  CHECK(a.params() == b.params());
  CHECK(a.params() != c.params());
  // He-uniform for the ReLU layer: |w| <= sqrt(6 / 20); biases start at 0.
  const float limit = std::sqrt(6.0f / 20.0f);
  CHECK(a.params().head(20 * 64).cwiseAbs().maxCoeff() <= limit);
  CHECK(a.params().head(20 * 64).cwiseAbs().maxCoeff() > 0.9f * limit);
  CHECK(a.params().segment(20 * 64, 64).isZero());
}

TEST_CASE("an MLP saves and loads exactly, and refuses another architecture", "[mlp]") {
  Rng rng(9);
  Mlp<float> net({4, 8, 3}, Activation::kRelu, Activation::kLinear);
  net.init(rng);
  rlrec::nn::ByteWriter out;
  net.save(out);
  Mlp<float> copy({4, 8, 3}, Activation::kRelu, Activation::kLinear);
  rlrec::nn::ByteReader in(out.bytes().data(), out.bytes().size());
  copy.load(in);
  CHECK(in.remaining() == 0);
  CHECK(copy.params() == net.params());

  Mlp<float> other({4, 9, 3}, Activation::kRelu, Activation::kLinear);
  rlrec::nn::ByteReader again(out.bytes().data(), out.bytes().size());
  CHECK_THROWS_AS(other.load(again), rlrec::nn::FormatError);
  rlrec::nn::ByteReader truncated(out.bytes().data(), out.bytes().size() - 3);
  CHECK_THROWS_AS(copy.load(truncated), rlrec::nn::FormatError);
}

TEST_CASE("target networks: hard copy and Polyak averaging", "[mlp]") {
  Rng rng(4);
  Mlp<float> online({3, 5, 1}, Activation::kRelu, Activation::kLinear);
  Mlp<float> target = online;
  online.init(rng);
  target.init(rng);
  const Eigen::VectorXf before = target.params();
  target.blend_from(online, 0.25f);
  CHECK((target.params() - (0.75f * before + 0.25f * online.params())).norm() < 1e-6f);
  target.copy_from(online);
  CHECK(target.params() == online.params());
  Mlp<float> wrong({3, 4, 1}, Activation::kRelu, Activation::kLinear);
  CHECK_THROWS(wrong.copy_from(online));
}
