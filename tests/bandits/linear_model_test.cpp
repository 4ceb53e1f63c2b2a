// The ridge models against direct linear algebra: Sherman–Morrison and the Cholesky rank-1
// update give the solve of (λI + Σ w x xᵀ) θ = Σ w y x, and Thompson draws have the posterior's
// covariance.
#include "rlrec_bandit/linear_model.hpp"

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include "rlrec_bandit/model_set.hpp"
#include "rlrec_bandit/rng.hpp"

using namespace rlrec_bandit;

namespace {

struct Observations {
  Eigen::MatrixXd x;  // [n, d]
  Eigen::VectorXd y;
  Eigen::VectorXd w;
};

Observations random_observations(std::size_t n, std::size_t d, uint64_t seed) {
  Rng rng(seed);
  Observations o{Eigen::MatrixXd(n, d), Eigen::VectorXd(n), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < o.x.size(); ++i) o.x.data()[i] = rng.normal();
  for (std::size_t i = 0; i < n; ++i) {
    o.y[static_cast<Eigen::Index>(i)] = rng.normal();
    o.w[static_cast<Eigen::Index>(i)] = 0.25 + rng.uniform();  // weighted updates too
  }
  return o;
}

// The posterior of a model over the rows of the identity: mean = θ̂, factor Fᵀ... = A⁻¹.
Eigen::MatrixXd covariance_of(LinearModel &model, Eigen::VectorXd *theta) {
  const auto d = static_cast<Eigen::Index>(model.dim());
  const RowMatrix identity = RowMatrix::Identity(d, d);
  Eigen::VectorXd mean(d), variance(d);
  RowMatrix factor;
  model.posterior(identity, mean, variance, &factor);
  if (theta != nullptr) *theta = mean;
  CHECK((factor.rowwise().squaredNorm().transpose() - variance.transpose()).cwiseAbs().maxCoeff() < 1e-10);
  return factor * factor.transpose();
}

}  // namespace

TEST_CASE("both solvers match a direct ridge solve", "[model]") {
  const std::size_t d = 7;
  const double lambda = 0.5;
  const Observations o = random_observations(60, d, 11);
  Eigen::MatrixXd a = lambda * Eigen::MatrixXd::Identity(d, d);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(d);
  for (Eigen::Index i = 0; i < o.x.rows(); ++i) {
    a += o.w[i] * o.x.row(i).transpose() * o.x.row(i);
    b += o.w[i] * o.y[i] * o.x.row(i).transpose();
  }
  const Eigen::MatrixXd a_inv = a.inverse();
  const Eigen::VectorXd theta = a.ldlt().solve(b);

  for (Solver solver : {Solver::kShermanMorrison, Solver::kCholesky}) {
    INFO("solver " << static_cast<int>(solver));
    auto model = make_linear_model(solver, d, lambda);
    for (Eigen::Index i = 0; i < o.x.rows(); ++i) {
      const Eigen::VectorXd x = o.x.row(i).transpose();
      model->update(x.data(), o.y[i], o.w[i]);
    }
    CHECK(model->updates() == 60);
    CHECK((model->theta() - theta).cwiseAbs().maxCoeff() < 1e-10);
    Eigen::VectorXd mean;
    CHECK((covariance_of(*model, &mean) - a_inv).cwiseAbs().maxCoeff() < 1e-10);
    CHECK((mean - theta).cwiseAbs().maxCoeff() < 1e-10);
  }
}

TEST_CASE("a zero weight is no update", "[model]") {
  auto model = make_linear_model(Solver::kShermanMorrison, 3, 1.0);
  const double x[3] = {1, 2, 3};
  model->update(x, 5.0, 0.0);
  CHECK(model->updates() == 0);
  CHECK(model->theta().isZero());
}

TEST_CASE("save and load restore a model exactly", "[model]") {
  const Observations o = random_observations(20, 4, 5);
  for (Solver solver : {Solver::kShermanMorrison, Solver::kCholesky}) {
    auto model = make_linear_model(solver, 4, 2.0);
    for (Eigen::Index i = 0; i < o.x.rows(); ++i) {
      const Eigen::VectorXd x = o.x.row(i).transpose();
      model->update(x.data(), o.y[i], 1.0);
    }
    ByteWriter out;
    model->save(out);
    auto restored = make_linear_model(solver, 4, 2.0);
    ByteReader in(out.data().data(), out.data().size());
    restored->load(in);
    CHECK(in.remaining() == 0);
    CHECK(restored->updates() == model->updates());
    CHECK(restored->theta() == model->theta());  // bitwise

    auto other = make_linear_model(solver, 4, 3.0);  // another λ: refused
    ByteReader again(out.data().data(), out.data().size());
    CHECK_THROWS_AS(other->load(again), StateError);
  }
}

TEST_CASE("Thompson draws have the posterior mean and covariance", "[model]") {
  const std::size_t d = 3;
  const Observations o = random_observations(15, d, 21);
  const double scale = 0.7;
  const int draws = 40000;
  for (Solver solver : {Solver::kShermanMorrison, Solver::kCholesky}) {
    INFO("solver " << static_cast<int>(solver));
    ModelSet models(false, 1, solver, d, 1.0);
    for (Eigen::Index i = 0; i < o.x.rows(); ++i) {
      const Eigen::VectorXd x = o.x.row(i).transpose();
      models.model_for(0).update(x.data(), o.y[i], 1.0);
    }
    // Scores of the identity's rows are θ itself: the draw is a draw of θ.
    ScoreDistribution dist;
    models.posterior(RowMatrix::Identity(d, d), Posterior::kFactor, dist);
    const Eigen::VectorXd theta = models.model_for(0).theta();
    const Eigen::MatrixXd expected = scale * scale * covariance_of(models.model_for(0), nullptr);

    Rng rng(3);
    Eigen::VectorXd sample, z;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(d);
    Eigen::MatrixXd outer = Eigen::MatrixXd::Zero(d, d);
    for (int s = 0; s < draws; ++s) {
      dist.sample(rng, scale, sample, z);
      const Eigen::VectorXd centred = sample - theta;
      sum += centred;
      outer += centred * centred.transpose();
    }
    const Eigen::MatrixXd covariance = outer / draws;
    // Standard errors: mean sqrt(var/n); covariance entry sqrt((Σii Σjj + Σij²)/n). Allow 5 of them.
    for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(d); ++i) {
      CHECK(std::abs(sum[i] / draws) < 5.0 * std::sqrt(expected(i, i) / draws));
      for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(d); ++j) {
        const double se = std::sqrt((expected(i, i) * expected(j, j) + expected(i, j) * expected(i, j)) / draws);
        CHECK(std::abs(covariance(i, j) - expected(i, j)) < 5.0 * se);
      }
    }
  }
}

TEST_CASE("per-candidate models score each candidate with its own model", "[model]") {
  ModelSet models(true, 3, Solver::kCholesky, 1, 1.0);
  const double one = 1.0;
  models.model_for(2).update(&one, 4.0, 1.0);  // θ₂ = 4 / (1 + 1) = 2
  ScoreDistribution dist;
  models.posterior(RowMatrix::Ones(3, 1), Posterior::kFactor, dist);
  CHECK(dist.independent);
  CHECK(dist.mean[0] == 0.0);
  CHECK(dist.mean[2] == Approx(2.0));
  CHECK(dist.variance[0] == Approx(1.0));
  CHECK(dist.variance[2] == Approx(0.5));
  CHECK(models.updates() == 1);
}

TEST_CASE("a decision that reads only the means gets the same means and no variances", "[model]") {
  const Observations o = random_observations(30, 4, 11);
  for (const bool per_candidate : {false, true}) {
    for (Solver solver : {Solver::kShermanMorrison, Solver::kCholesky}) {
      INFO("per_candidate " << per_candidate << " solver " << static_cast<int>(solver));
      ModelSet models(per_candidate, 5, solver, 4, 1.0);
      for (Eigen::Index i = 0; i < o.x.rows(); ++i) {
        const Eigen::VectorXd x = o.x.row(i).transpose();
        models.model_for(static_cast<uint32_t>(i % 5)).update(x.data(), o.y[i], 1.0);
      }
      const RowMatrix X = o.x.topRows(5);
      ScoreDistribution full, means;
      models.posterior(X, Posterior::kVariance, full);
      models.posterior(X, Posterior::kMean, means);
      CHECK(means.mean == full.mean);
      CHECK(full.variance.allFinite());
      CHECK(means.variance.array().isNaN().all());
    }
  }
}
