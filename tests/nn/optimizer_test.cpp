// Optimisers: the first steps against the formulas, convergence on a quadratic, clipping, and a
// saved state that continues identically.
#include <catch2/catch.hpp>

#include <cmath>

#include "rlrec_nn/optimizer.hpp"

using rlrec::nn::Optimizer;
using rlrec::nn::OptimizerKind;
using rlrec::nn::OptimizerSettings;

TEST_CASE("Adam's first step moves every parameter by lr against its gradient's sign", "[optimizer]") {
  OptimizerSettings s;
  s.lr = 0.1f;
  Optimizer adam(s, 3);
  Eigen::VectorXf p = Eigen::VectorXf::Zero(3);
  Eigen::VectorXf g(3);
  g << 2.0f, -0.5f, 1e-3f;
  adam.step(p, g);
  // bias correction makes m_hat = g, v_hat = g^2: the step is lr * g / (|g| + eps)
  CHECK(p[0] == Approx(-0.1f));
  CHECK(p[1] == Approx(0.1f));
  CHECK(p[2] == Approx(-0.1f * 1e-3f / (1e-3f + 1e-8f)));
}

TEST_CASE("centered RMSProp's first step follows TensorFlow's formula", "[optimizer]") {
  OptimizerSettings s;
  s.kind = OptimizerKind::kRmsProp;
  s.lr = 0.01f;
  s.decay = 0.95f;
  s.eps = 1e-5f;
  Optimizer rms(s, 1);
  Eigen::VectorXf p = Eigen::VectorXf::Zero(1);
  Eigen::VectorXf g = Eigen::VectorXf::Constant(1, 2.0f);
  rms.step(p, g);
  const double ms = 0.05 * 4.0, mg = 0.05 * 2.0;
  CHECK(p[0] == Approx(-0.01 * 2.0 / std::sqrt(ms - mg * mg + 1e-5)));
}

TEST_CASE("both optimisers minimise a quadratic", "[optimizer]") {
  for (OptimizerKind kind : {OptimizerKind::kAdam, OptimizerKind::kRmsProp}) {
    OptimizerSettings s;
    s.kind = kind;
    s.lr = 0.01f;
    if (kind == OptimizerKind::kRmsProp) s.eps = 1e-5f;
    Optimizer opt(s, 4);
    Eigen::VectorXf p(4);
    p << 3.0f, -2.0f, 1.0f, 0.5f;
    Eigen::VectorXf scale(4);
    scale << 1.0f, 10.0f, 0.5f, 3.0f;
    for (int i = 0; i < 3000; ++i) {
      const Eigen::VectorXf g = scale.cwiseProduct(p);  // gradient of sum(scale * p^2 / 2)
      opt.step(p, g);
    }
    CHECK(p.norm() < 0.05f);
  }
}

TEST_CASE("gradient clipping by global norm", "[optimizer]") {
  Eigen::VectorXf g(2);
  g << 3.0f, 4.0f;
  CHECK(rlrec::nn::clip_by_global_norm(g, 10.0f) == Approx(5.0f));
  CHECK(g.norm() == Approx(5.0f));
  CHECK(rlrec::nn::clip_by_global_norm(g, 1.0f) == Approx(5.0f));
  CHECK(g.norm() == Approx(1.0f));
  CHECK(g[0] == Approx(0.6f));
  CHECK(rlrec::nn::clip_by_global_norm(g, 0.0f) == Approx(1.0f));  // 0: no clipping
}

TEST_CASE("a saved optimiser continues with the same steps", "[optimizer]") {
  for (OptimizerKind kind : {OptimizerKind::kAdam, OptimizerKind::kRmsProp}) {
    OptimizerSettings s;
    s.kind = kind;
    s.momentum = kind == OptimizerKind::kRmsProp ? 0.5f : 0.0f;
    Optimizer a(s, 4);
    Eigen::VectorXf pa = Eigen::VectorXf::Ones(4);
    const Eigen::VectorXf g = Eigen::Vector4f(0.3f, -1.0f, 2.0f, 0.0f);
    a.step(pa, g);
    rlrec::nn::ByteWriter out;
    a.save(out);
    Optimizer b(s, 4);
    rlrec::nn::ByteReader in(out.bytes().data(), out.bytes().size());
    b.load(in);
    Eigen::VectorXf pb = pa;
    a.step(pa, g);
    b.step(pb, g);
    CHECK(pa == pb);
    CHECK(b.steps() == 2);
    Optimizer wrong(s, 5);
    rlrec::nn::ByteReader again(out.bytes().data(), out.bytes().size());
    CHECK_THROWS_AS(wrong.load(again), rlrec::nn::FormatError);
  }
}
