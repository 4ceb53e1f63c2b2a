// linear_bandit.hpp — the synthetic contextual slate bandit behind plugin "bandit.linear": the
// ground truth of the bandit tests, because its optimum and its regret are known exactly.
//
// THE MODEL
// - A hidden problem instance W ((du+1) x dd), drawn once from problem_seed and shared by every
//   sub-env and episode: that is what a policy learns across episodes.
// - Every step shows a fresh context: a user u uniform on the unit sphere of R^du and N
//   candidates d_i uniform on the unit sphere of R^dd.
// - Affinity s_i = [u; 1]ᵀ W d_i. W is scaled to spectral norm 1/|[u; 1]|, so s_i ∈ [-1, 1]. The
//   constant 1 gives every item a user-independent appeal (a popularity term) as well.
// - Attractiveness a_i = bias + scale·s_i clamped to [0, 1] (linear: realizable by a linear
//   model over [vec(u dᵀ), d, 1] as long as bias ± scale stays inside [0, 1]), or
//   a_i = sigmoid(bias + scale·s_i) (logistic).
// - Clicks follow the cascade model: the user examines the slate top-down and clicks slot l with
//   probability a_l if nothing above was clicked; at most one click. A click earns reward
//   1 + reward_noise·N(0, 1); no click earns 0.
// - So E[reward | slate A] = 1 − Π_{l∈A}(1 − a_l): the optimum is the k most attractive items
//   (in any order), and regret = E[reward | optimum] − E[reward | A] is known at every step.
// - Episodes are episode_length steps long; the env truncates them (no state carries over: the
//   episodes only package the stream of contexts).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "rlrec_bandit/rng.hpp"

namespace rlrec_bandit_env {

enum class ClickModel : uint32_t { kLinear = 0, kLogistic = 1 };

struct LinearBanditParams {
  uint32_t user_dim = 5;
  uint32_t item_dim = 5;
  uint32_t num_candidates = 10;
  uint32_t slate_size = 2;
  ClickModel click_model = ClickModel::kLinear;
  double click_bias = 0.3;
  double click_scale = 0.25;
  double reward_noise = 0.0;
  uint32_t episode_length = 100;
  uint64_t problem_seed = 0;
};

// The hidden W; immutable after construction, so sessions share it freely.
class LinearBanditProblem {
 public:
  explicit LinearBanditProblem(const LinearBanditParams &params);

  const LinearBanditParams &params() const { return params_; }
  // s = [u; 1]ᵀ W d for user [du] and item [dd].
  double affinity(const double *user, const double *item) const;
  // a(s) per the click model, in [0, 1].
  double attractiveness(double affinity) const;

 private:
  LinearBanditParams params_;
  Eigen::MatrixXd w_;  // (du + 1) x dd
};

struct StepOutcome {
  int32_t clicked_slot = -1;
  double reward = 0.0;
  double expected_reward = 0.0;  // of the slate shown, given its context
  double regret = 0.0;           // optimum's expected reward − expected_reward
};

// E[reward] of showing `slate` (k indices) under the cascade model: 1 − Π(1 − a).
double cascade_click_probability(const std::vector<double> &attractiveness, const int32_t *slate, uint32_t k);
// The largest E[reward] over slates of k distinct items: that of the k most attractive ones.
double optimal_click_probability(std::vector<double> attractiveness, uint32_t k);

// One sub-environment. Its randomness comes only from the seed of its last reset.
class LinearBanditSession {
 public:
  explicit LinearBanditSession(const LinearBanditProblem &problem);

  void reset(uint64_t seed);
  // REQUIRES: running(); slate: k distinct indices in [0, N).
  StepOutcome step(const int32_t *slate);

  bool started() const { return started_; }
  bool running() const { return started_ && t_ < problem_->params().episode_length; }

  const std::vector<double> &user() const { return user_; }               // [du]
  const std::vector<double> &candidates() const { return candidates_; }   // [N, dd]
  const std::vector<double> &attractiveness() const { return attract_; }  // [N]

 private:
  void draw_context();
  void draw_unit_vector(double *out, uint32_t dim);

  const LinearBanditProblem *problem_;
  rlrec_bandit::Rng rng_;
  bool started_ = false;
  uint32_t t_ = 0;
  std::vector<double> user_;
  std::vector<double> candidates_;
  std::vector<double> attract_;
};

}  // namespace rlrec_bandit_env
