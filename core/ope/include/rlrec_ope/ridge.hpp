// rlrec_ope/ridge.hpp — a linear reward model for the direct method and doubly robust: ridge
// regression on features the caller builds, with cross-fitting.
//
// The caller supplies, per logged decision, the features φ(x, A) of the logged slate and their
// expectation under the target, Σ_A π(A|x) φ(x, A). For a linear model the expected prediction is
// the prediction of the expected features, so π is enumerated once, by the caller, who knows its
// action space. Add a constant feature for an intercept (it is penalised like the others, which
// matters only when λ is large against n).
//
// Cross-fitting: with folds >= 2 each row is predicted by the model fitted on the other folds, so
// DR's correction r - q̂ does not shrink toward zero by fitting its own noise (the bias a model
// fitted and evaluated on the same rows gives DR). It costs one d x d solve per fold: the fold's
// Gram matrix is subtracted from the full one, the data are read once.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace rlrec::ope {

struct RewardPredictions {
  std::vector<double> q_logged;  // [n] q̂(x_i, A_i): LoggedData::q_logged
  std::vector<double> q_target;  // [n] Σ_A π(A|x_i) q̂(x_i, A): LoggedData::q_target
};

// The same model fitted from a stream: rows are added one at a time to their fold's sums, then
// solve() gives one coefficient vector per fold and predict() reads them. Memory is O(folds x d²),
// whatever the number of rows, so a caller that can read its data twice (once to add, once to
// predict) never holds the features of every row. fit_ridge_rewards is this over in-memory rows.
//
// Threads: one thread at a time per instance.
class RidgeFolds {
 public:
  // d features, folds >= 1, lambda >= 0 (throws std::invalid_argument otherwise).
  RidgeFolds(Eigen::Index d, int folds, double lambda);

  // The fold of a row of group (episode) `group`: every row of a group falls in the same fold.
  int fold_of(uint64_t group) const;
  // Adds a row [d] with its reward to fold `fold`'s sums. Only before solve().
  void add(int fold, const Eigen::Ref<const Eigen::VectorXd> &x, double reward);
  // Fits each fold's model on the other folds' rows (folds = 1: on all rows).
  void solve();
  // x · θ of fold `fold`'s model. Only after solve().
  double predict(int fold, const Eigen::Ref<const Eigen::VectorXd> &x) const;

  Eigen::Index dims() const { return d_; }
  int folds() const { return static_cast<int>(gram_.size()); }

 private:
  Eigen::Index d_;
  double lambda_;
  std::vector<Eigen::MatrixXd> gram_;    // per fold: Σ x xᵀ (lower triangle)
  std::vector<Eigen::VectorXd> moment_;  // per fold: Σ r x
  std::vector<Eigen::VectorXd> theta_;   // per fold, after solve()
};

// x_logged, x_target [n x d] (samples are rows); rewards [n]; lambda >= 0 the ridge penalty.
// groups: Nullable (empty span) — a group id per row (the episode), so rows of one episode fall
// in the same fold; empty: row i goes to fold i % folds. folds = 1 fits and predicts on all rows.
// Throws std::invalid_argument on mismatched shapes, folds < 1 or lambda < 0.
RewardPredictions fit_ridge_rewards(const Eigen::MatrixXd &x_logged, const Eigen::MatrixXd &x_target,
                                    const Eigen::VectorXd &rewards, double lambda, int folds,
                                    std::span<const uint64_t> groups = {});

}  // namespace rlrec::ope
