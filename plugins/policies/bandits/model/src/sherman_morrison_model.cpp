#include "sherman_morrison_model.hpp"

#include <stdexcept>

namespace rlrec_bandit {

ShermanMorrisonModel::ShermanMorrisonModel(std::size_t dim, double lambda)
    : LinearModel(dim, lambda),
      a_inv_(Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(dim), static_cast<Eigen::Index>(dim)) / lambda),
      b_(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dim))),
      theta_(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dim))),
      u_(static_cast<Eigen::Index>(dim)) {}

// (A + w x xᵀ)⁻¹ = A⁻¹ − w (A⁻¹x)(A⁻¹x)ᵀ / (1 + w xᵀA⁻¹x): a symmetric rank-1 downdate.
void ShermanMorrisonModel::add(const Eigen::Ref<const Eigen::VectorXd> &x, double y, double w) {
  u_.noalias() = a_inv_.selfadjointView<Eigen::Lower>() * x;
  const double denominator = 1.0 + w * x.dot(u_);
  a_inv_.selfadjointView<Eigen::Lower>().rankUpdate(u_, -w / denominator);
  b_.noalias() += (w * y) * x;
  invalidate();
}

const Eigen::VectorXd &ShermanMorrisonModel::theta() {
  if (theta_stale_) {
    theta_.noalias() = a_inv_.selfadjointView<Eigen::Lower>() * b_;
    theta_stale_ = false;
  }
  return theta_;
}

void ShermanMorrisonModel::posterior(const Eigen::Ref<const RowMatrix> &X, Eigen::Ref<Eigen::VectorXd> mean,
                                     Eigen::Ref<Eigen::VectorXd> variance, RowMatrix *factor) {
  mean.noalias() = X * theta();
  const RowMatrix projected = X * a_inv_.selfadjointView<Eigen::Lower>();
  variance = projected.cwiseProduct(X).rowwise().sum();
  if (factor == nullptr) return;
  if (factor_stale_) {
    cov_factor_.compute(a_inv_);
    if (cov_factor_.info() != Eigen::Success)
      throw std::runtime_error(
          "the Sherman–Morrison inverse lost positive definiteness (rounding over many updates); "
          "use solver: cholesky");
    factor_stale_ = false;
  }
  factor->noalias() = X * cov_factor_.matrixL();  // C Cᵀ = A⁻¹, so (XC)(XC)ᵀ = X A⁻¹ Xᵀ
}

void ShermanMorrisonModel::save_state(ByteWriter &out) const {
  out.matrix(a_inv_);
  out.vector(b_);
}

void ShermanMorrisonModel::load_state(ByteReader &in) {
  const auto d = static_cast<Eigen::Index>(dim());
  Eigen::MatrixXd a_inv;
  Eigen::VectorXd b;
  in.matrix(a_inv, d, d);
  in.vector(b, d);
  a_inv_ = std::move(a_inv);
  b_ = std::move(b);
  invalidate();
}

}  // namespace rlrec_bandit
