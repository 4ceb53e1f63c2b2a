// rlrec_bandit/linear_model.hpp — Bayesian ridge regression, the model behind every policy here.
//
//   precision A = λI + Σ w x xᵀ,   b = Σ w y x,   θ̂ = A⁻¹ b,   posterior θ ~ N(θ̂, σ² A⁻¹)
//
// Two exact implementations of the same model, O(d²) per observation (no d×d inverse is ever
// recomputed, unlike RLlib's bandits, which invert A on every step):
//   kShermanMorrison  keeps A⁻¹, updated by the Sherman–Morrison formula; a Thompson draw
//                     factors A⁻¹ once per model change (O(d³), then O(d²) per draw).
//   kCholesky         keeps the Cholesky factor L of A (A = LLᵀ), updated by a rank-1 Cholesky
//                     update; everything else is triangular solves. More robust numerically
//                     over millions of updates, and O(d²) for Thompson draws too.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>

#include "byte_io.hpp"

namespace rlrec_bandit {

// Feature rows of the candidates of one decision, one row per candidate: contiguous rows.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class Solver : uint32_t { kShermanMorrison = 0, kCholesky = 1 };

class LinearModel {
 public:
  LinearModel(std::size_t dim, double lambda) : dim_(dim), lambda_(lambda) {}
  virtual ~LinearModel() = default;
  LinearModel(const LinearModel &) = delete;
  LinearModel &operator=(const LinearModel &) = delete;

  std::size_t dim() const { return dim_; }
  uint64_t updates() const { return updates_; }
  virtual Solver solver() const = 0;

  // Adds the observation (x: [dim], target y) with weight w > 0 (w = 0 is a no-op).
  void update(const double *x, double y, double w);

  // θ̂ (cached until the next update).
  virtual const Eigen::VectorXd &theta() = 0;

  // For the rows x_i of X ([rows, dim]): mean_i = x_iᵀθ̂ and variance_i = x_iᵀA⁻¹x_i. When factor
  // is non-null it receives F ([rows, dim]) with F Fᵀ = X A⁻¹ Xᵀ, the covariance (up to σ²) of
  // the rows' scores under the posterior: scores = mean + σ F z, z ~ N(0, I), is a Thompson draw.
  virtual void posterior(const Eigen::Ref<const RowMatrix> &X, Eigen::Ref<Eigen::VectorXd> mean,
                         Eigen::Ref<Eigen::VectorXd> variance, RowMatrix *factor) = 0;

  // The learnt state (the dimension and λ are the creator's; load checks them).
  void save(ByteWriter &out) const;
  void load(ByteReader &in);

 protected:
  virtual void add(const Eigen::Ref<const Eigen::VectorXd> &x, double y, double w) = 0;
  virtual void save_state(ByteWriter &out) const = 0;
  virtual void load_state(ByteReader &in) = 0;

 private:
  std::size_t dim_;
  double lambda_;
  uint64_t updates_ = 0;
};

std::unique_ptr<LinearModel> make_linear_model(Solver solver, std::size_t dim, double lambda);

}  // namespace rlrec_bandit
