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

RewardPredictions fit_ridge_rewards(const Eigen::MatrixXd &x_logged, const Eigen::MatrixXd &x_target,
                                    const Eigen::VectorXd &rewards, double lambda, int folds,
                                    std::span<const uint64_t> groups) {
  const Eigen::Index n = x_logged.rows(), d = x_logged.cols();
  if (x_target.rows() != n || x_target.cols() != d || rewards.size() != n ||
      (!groups.empty() && static_cast<Eigen::Index>(groups.size()) != n))
    throw std::invalid_argument("fit_ridge_rewards: x_logged, x_target, rewards and groups disagree in shape");
  if (folds < 1 || lambda < 0.0) throw std::invalid_argument("fit_ridge_rewards: needs folds >= 1 and lambda >= 0");

  std::vector<int> fold(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    fold[i] = static_cast<int>((groups.empty() ? static_cast<uint64_t>(i) : mix(groups[i])) % folds);
  // Per fold: its Gram matrix and X^T y. A fold's model uses the totals minus its own share.
  std::vector<Eigen::MatrixXd> gram(folds, Eigen::MatrixXd::Zero(d, d));
  std::vector<Eigen::VectorXd> moment(folds, Eigen::VectorXd::Zero(d));
  for (Eigen::Index i = 0; i < n; ++i) {
    gram[fold[i]].selfadjointView<Eigen::Lower>().rankUpdate(x_logged.row(i).transpose());
    moment[fold[i]] += rewards[i] * x_logged.row(i).transpose();
  }
  Eigen::MatrixXd gram_all = Eigen::MatrixXd::Zero(d, d);
  Eigen::VectorXd moment_all = Eigen::VectorXd::Zero(d);
  for (int k = 0; k < folds; ++k) gram_all += gram[k], moment_all += moment[k];

  std::vector<Eigen::VectorXd> theta(folds);
  const Eigen::MatrixXd ridge = lambda * Eigen::MatrixXd::Identity(d, d);
  for (int k = 0; k < folds; ++k) {
    const Eigen::MatrixXd a = folds == 1 ? gram_all : Eigen::MatrixXd(gram_all - gram[k]);
    const Eigen::VectorXd b = folds == 1 ? moment_all : Eigen::VectorXd(moment_all - moment[k]);
    // LDLT copes with a singular Gram matrix at lambda = 0 (a least-norm-like solution).
    theta[k] = (Eigen::MatrixXd(a.selfadjointView<Eigen::Lower>()) + ridge).ldlt().solve(b);
  }
  RewardPredictions out;
  out.q_logged.resize(static_cast<size_t>(n));
  out.q_target.resize(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    out.q_logged[i] = x_logged.row(i).dot(theta[fold[i]]);
    out.q_target[i] = x_target.row(i).dot(theta[fold[i]]);
  }
  return out;
}

}  // namespace rlrec::ope
