#include "linear_bandit.hpp"

#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <functional>

namespace rlrec_bandit_env {

LinearBanditProblem::LinearBanditProblem(const LinearBanditParams &params) : params_(params) {
  const auto rows = static_cast<Eigen::Index>(params.user_dim + 1);
  const auto cols = static_cast<Eigen::Index>(params.item_dim);
  rlrec_bandit::Rng rng(params.problem_seed);
  w_.resize(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) w_(i, j) = rng.normal();
  // |[u; 1]| is √2 with a user and 1 without; dividing by it and by W's largest singular value
  // bounds |s| by 1 for unit u and d.
  const double augmented_norm = params.user_dim > 0 ? std::sqrt(2.0) : 1.0;
  const double spectral_norm = Eigen::JacobiSVD<Eigen::MatrixXd>(w_).singularValues()(0);
  w_ /= spectral_norm * augmented_norm;
}

double LinearBanditProblem::affinity(const double *user, const double *item) const {
  const auto du = static_cast<Eigen::Index>(params_.user_dim);
  const Eigen::Map<const Eigen::VectorXd> d(item, static_cast<Eigen::Index>(params_.item_dim));
  double s = w_.row(du).dot(d);  // the constant 1 of [u; 1]
  if (du > 0) s += Eigen::Map<const Eigen::VectorXd>(user, du).dot(w_.topRows(du) * d);
  return s;
}

double LinearBanditProblem::attractiveness(double affinity) const {
  const double z = params_.click_bias + params_.click_scale * affinity;
  if (params_.click_model == ClickModel::kLogistic) return 1.0 / (1.0 + std::exp(-z));
  return std::clamp(z, 0.0, 1.0);
}

double cascade_click_probability(const std::vector<double> &attractiveness, const int32_t *slate, uint32_t k) {
  double none = 1.0;
  for (uint32_t l = 0; l < k; ++l) none *= 1.0 - attractiveness[static_cast<std::size_t>(slate[l])];
  return 1.0 - none;
}

double optimal_click_probability(std::vector<double> attractiveness, uint32_t k) {
  std::partial_sort(attractiveness.begin(), attractiveness.begin() + k, attractiveness.end(), std::greater<>());
  double none = 1.0;
  for (uint32_t l = 0; l < k; ++l) none *= 1.0 - attractiveness[l];
  return 1.0 - none;
}

LinearBanditSession::LinearBanditSession(const LinearBanditProblem &problem)
    : problem_(&problem),
      user_(problem.params().user_dim),
      candidates_(static_cast<std::size_t>(problem.params().num_candidates) * problem.params().item_dim),
      attract_(problem.params().num_candidates) {}

void LinearBanditSession::reset(uint64_t seed) {
  rng_.reseed(seed);
  started_ = true;
  t_ = 0;
  draw_context();
}

// The order of draws is part of the determinism contract: user, then candidates in index order.
void LinearBanditSession::draw_context() {
  const LinearBanditParams &p = problem_->params();
  draw_unit_vector(user_.data(), p.user_dim);
  for (uint32_t i = 0; i < p.num_candidates; ++i) {
    double *d = candidates_.data() + static_cast<std::size_t>(i) * p.item_dim;
    draw_unit_vector(d, p.item_dim);
    attract_[i] = problem_->attractiveness(problem_->affinity(user_.data(), d));
  }
}

// A normalised standard normal vector is uniform on the sphere.
void LinearBanditSession::draw_unit_vector(double *out, uint32_t dim) {
  if (dim == 0) return;
  double norm = 0.0;
  do {
    rng_.fill_normal(out, dim);
    norm = 0.0;
    for (uint32_t j = 0; j < dim; ++j) norm += out[j] * out[j];
  } while (norm == 0.0);
  norm = std::sqrt(norm);
  for (uint32_t j = 0; j < dim; ++j) out[j] /= norm;
}

// Draw order: one uniform per examined slot, one normal for the noise of a click (only when
// reward_noise > 0), then the next context.
StepOutcome LinearBanditSession::step(const int32_t *slate) {
  const LinearBanditParams &p = problem_->params();
  StepOutcome outcome;
  outcome.expected_reward = cascade_click_probability(attract_, slate, p.slate_size);
  outcome.regret = std::max(0.0, optimal_click_probability(attract_, p.slate_size) - outcome.expected_reward);
  for (uint32_t l = 0; l < p.slate_size; ++l) {
    if (rng_.uniform() < attract_[static_cast<std::size_t>(slate[l])]) {
      outcome.clicked_slot = static_cast<int32_t>(l);
      outcome.reward = 1.0 + (p.reward_noise > 0.0 ? p.reward_noise * rng_.normal() : 0.0);
      break;
    }
  }
  ++t_;
  draw_context();
  return outcome;
}

}  // namespace rlrec_bandit_env
