#include "cholesky_model.hpp"

#include <cmath>

namespace rlrec_bandit {

CholeskyModel::CholeskyModel(std::size_t dim, double lambda)
    : LinearModel(dim, lambda),
      l_(Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(dim), static_cast<Eigen::Index>(dim)) * std::sqrt(lambda)),
      b_(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dim))),
      theta_(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dim))),
      v_(static_cast<Eigen::Index>(dim)) {}

// The classic rank-1 update of a Cholesky factor: L Lᵀ + v vᵀ with v = √w x, one column at a
// time with a Givens-like rotation. Only additions, so the diagonal stays positive.
void CholeskyModel::add(const Eigen::Ref<const Eigen::VectorXd> &x, double y, double w) {
  v_ = std::sqrt(w) * x;
  const Eigen::Index d = l_.rows();
  for (Eigen::Index k = 0; k < d; ++k) {
    const double lkk = l_(k, k);
    const double r = std::hypot(lkk, v_[k]);
    const double c = r / lkk;
    const double s = v_[k] / lkk;
    l_(k, k) = r;
    const Eigen::Index rest = d - k - 1;
    if (rest == 0) break;
    auto column = l_.col(k).tail(rest);
    auto tail = v_.tail(rest);
    column = (column + s * tail) / c;
    tail = c * tail - s * column;
  }
  b_.noalias() += (w * y) * x;
  theta_stale_ = true;
}

const Eigen::VectorXd &CholeskyModel::theta() {
  if (theta_stale_) {
    theta_ = l_.triangularView<Eigen::Lower>().solve(b_);
    l_.transpose().triangularView<Eigen::Upper>().solveInPlace(theta_);
    theta_stale_ = false;
  }
  return theta_;
}

// With G = L⁻¹Xᵀ: Gᵀ G = X (LLᵀ)⁻¹ Xᵀ, so F = Gᵀ and variance_i = |G column i|².
void CholeskyModel::posterior(const Eigen::Ref<const RowMatrix> &X, Eigen::Ref<Eigen::VectorXd> mean,
                              Eigen::Ref<Eigen::VectorXd> variance, RowMatrix *factor) {
  mean.noalias() = X * theta();
  solved_ = X.transpose();
  l_.triangularView<Eigen::Lower>().solveInPlace(solved_);
  variance = solved_.colwise().squaredNorm().transpose();
  if (factor != nullptr) *factor = solved_.transpose();
}

void CholeskyModel::save_state(ByteWriter &out) const {
  out.matrix(l_);
  out.vector(b_);
}

void CholeskyModel::load_state(ByteReader &in) {
  const auto d = static_cast<Eigen::Index>(dim());
  Eigen::MatrixXd l;
  Eigen::VectorXd b;
  in.matrix(l, d, d);
  in.vector(b, d);
  for (Eigen::Index k = 0; k < d; ++k)
    if (!(l(k, k) > 0.0)) throw StateError("the state's Cholesky factor has a non-positive diagonal");
  l_ = std::move(l);
  b_ = std::move(b);
  theta_stale_ = true;
}

}  // namespace rlrec_bandit
