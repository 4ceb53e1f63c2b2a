// cholesky_model.hpp — ridge regression keeping the Cholesky factor of A
// (rlrec_bandit/linear_model.hpp).
#pragma once

#include "rlrec_bandit/linear_model.hpp"

namespace rlrec_bandit {

class CholeskyModel final : public LinearModel {
 public:
  CholeskyModel(std::size_t dim, double lambda);

  Solver solver() const override { return Solver::kCholesky; }
  const Eigen::VectorXd &theta() override;
  void posterior(const Eigen::Ref<const RowMatrix> &X, Eigen::Ref<Eigen::VectorXd> mean,
                 Eigen::Ref<Eigen::VectorXd> variance, RowMatrix *factor) override;

 protected:
  void add(const Eigen::Ref<const Eigen::VectorXd> &x, double y, double w) override;
  void save_state(ByteWriter &out) const override;
  void load_state(ByteReader &in) override;

 private:
  // INVARIANT: l_ is lower triangular with a positive diagonal and A = l_ l_ᵀ; the strict upper
  // triangle stays zero.
  Eigen::MatrixXd l_;
  Eigen::VectorXd b_;
  Eigen::VectorXd theta_;
  Eigen::VectorXd v_;       // scratch of the rank-1 update
  Eigen::MatrixXd solved_;  // scratch: L⁻¹Xᵀ
  bool theta_stale_ = true;
};

}  // namespace rlrec_bandit
