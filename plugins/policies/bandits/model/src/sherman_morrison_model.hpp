// sherman_morrison_model.hpp — ridge regression keeping A⁻¹ (rlrec_bandit/linear_model.hpp).
#pragma once

#include <Eigen/Cholesky>

#include "rlrec_bandit/linear_model.hpp"

namespace rlrec_bandit {

class ShermanMorrisonModel final : public LinearModel {
 public:
  ShermanMorrisonModel(std::size_t dim, double lambda);

  Solver solver() const override { return Solver::kShermanMorrison; }
  const Eigen::VectorXd &theta() override;
  void posterior(const Eigen::Ref<const RowMatrix> &X, Eigen::Ref<Eigen::VectorXd> mean,
                 Eigen::Ref<Eigen::VectorXd> variance, RowMatrix *factor) override;

 protected:
  void add(const Eigen::Ref<const Eigen::VectorXd> &x, double y, double w) override;
  void save_state(ByteWriter &out) const override;
  void load_state(ByteReader &in) override;

 private:
  void invalidate() { theta_stale_ = factor_stale_ = true; }

  // INVARIANT: only the lower triangle of a_inv_ is meaningful (it is read through
  // selfadjointView<Lower>); updating one triangle keeps A⁻¹ exactly symmetric.
  Eigen::MatrixXd a_inv_;
  Eigen::VectorXd b_;
  Eigen::VectorXd theta_;
  Eigen::VectorXd u_;                                     // scratch: A⁻¹x
  Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> cov_factor_;  // of A⁻¹, for Thompson draws
  bool theta_stale_ = true;
  bool factor_stale_ = true;
};

}  // namespace rlrec_bandit
