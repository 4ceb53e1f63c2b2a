#include "rlrec_ope/ridge.hpp"

#include <Eigen/Cholesky>
#include <stdexcept>

namespace rlrec::ope {
namespace {

// splitmix64's finaliser: groups with consecutive ids spread evenly over the folds.
uint64_t mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
  return x ^ (x >> 31);
}

}  // namespace

RidgeFolds::RidgeFolds(Eigen::Index d, int folds, double lambda) : d_(d), lambda_(lambda) {
  if (folds < 1 || lambda < 0.0 || d < 0)
    throw std::invalid_argument("ridge: needs folds >= 1, lambda >= 0 and d >= 0");
  gram_.assign(static_cast<size_t>(folds), Eigen::MatrixXd::Zero(d, d));
  moment_.assign(static_cast<size_t>(folds), Eigen::VectorXd::Zero(d));
}

int RidgeFolds::fold_of(uint64_t group) const { return static_cast<int>(mix(group) % gram_.size()); }

void RidgeFolds::add(int fold, const Eigen::Ref<const Eigen::VectorXd> &x, double reward) {
  gram_[fold].selfadjointView<Eigen::Lower>().rankUpdate(x);
  moment_[fold] += reward * x;
}

void RidgeFolds::solve() {
  // A fold's model uses the totals minus its own share.
  Eigen::MatrixXd gram_all = Eigen::MatrixXd::Zero(d_, d_);
  Eigen::VectorXd moment_all = Eigen::VectorXd::Zero(d_);
  for (size_t k = 0; k < gram_.size(); ++k) gram_all += gram_[k], moment_all += moment_[k];
  const Eigen::MatrixXd ridge = lambda_ * Eigen::MatrixXd::Identity(d_, d_);
  const bool one = gram_.size() == 1;
  theta_.resize(gram_.size());
  for (size_t k = 0; k < gram_.size(); ++k) {
    const Eigen::MatrixXd a = one ? gram_all : Eigen::MatrixXd(gram_all - gram_[k]);
    const Eigen::VectorXd b = one ? moment_all : Eigen::VectorXd(moment_all - moment_[k]);
    // LDLT copes with a singular Gram matrix at lambda = 0 (a least-norm-like solution).
    theta_[k] = (Eigen::MatrixXd(a.selfadjointView<Eigen::Lower>()) + ridge).ldlt().solve(b);
  }
}

double RidgeFolds::predict(int fold, const Eigen::Ref<const Eigen::VectorXd> &x) const { return x.dot(theta_[fold]); }

RewardPredictions fit_ridge_rewards(const Eigen::MatrixXd &x_logged, const Eigen::MatrixXd &x_target,
                                    const Eigen::VectorXd &rewards, double lambda, int folds,
                                    std::span<const uint64_t> groups) {
  const Eigen::Index n = x_logged.rows(), d = x_logged.cols();
  if (x_target.rows() != n || x_target.cols() != d || rewards.size() != n ||
      (!groups.empty() && static_cast<Eigen::Index>(groups.size()) != n))
    throw std::invalid_argument("fit_ridge_rewards: x_logged, x_target, rewards and groups disagree in shape");
  if (folds < 1 || lambda < 0.0) throw std::invalid_argument("fit_ridge_rewards: needs folds >= 1 and lambda >= 0");

  RidgeFolds model(d, folds, lambda);
  std::vector<int> fold(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    fold[i] = groups.empty() ? static_cast<int>(i % folds) : model.fold_of(groups[i]);
    model.add(fold[i], x_logged.row(i).transpose(), rewards[i]);
  }
  model.solve();
  RewardPredictions out;
  out.q_logged.resize(static_cast<size_t>(n));
  out.q_target.resize(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    out.q_logged[i] = model.predict(fold[i], x_logged.row(i).transpose());
    out.q_target[i] = model.predict(fold[i], x_target.row(i).transpose());
  }
  return out;
}

}  // namespace rlrec::ope
