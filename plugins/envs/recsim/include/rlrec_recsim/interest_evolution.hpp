// rlrec_recsim/interest_evolution.hpp — RecSim's interest evolution environment
// (recsim/environments/interest_evolution.py; specs/recsim.md §2), batched over sub-envs.
//
// Documents: cluster c ~ U{0..T-1}, features = one_hot(c), quality ~ N(mu_c, quality_std),
//   mu = concat(linspace(min_utility, 0, n_trashy), linspace(0, max_utility, T - n_trashy)),
//   n_trashy = floor(T * trashy_fraction); video_length constant.
// User: interests u ~ U(-1, 1)^T (observed), budget B = time_budget.
// Choice: the configured model (choice.hpp) on the affinity a_i = u . f_i = u[c_i].
// Response: the clicked item j is watched for w = min(B, video_length); every slot reports its
//   document's quality and cluster.
// Transition on a click (cluster c, pre-update u):
//   alpha = -(y/x)|u_c| + y;  Delta = alpha (1 - u_c);  u_c += +Delta with P = (u_c + 1)/2 else
//   -Delta; clip to [-1, 1];
//   B <- B - w + user_update_alpha * w * (user_quality_factor * score(u_c) + document_quality_factor * q_j)
// with no click: B <- B - step_penalty. Terminal when B <= 0. Reward: w (0 without a click).
// Draw order per step: user stream — choice uniform, then the flip uniform on a click; document
// stream — N x (cluster, quality) when resampling (also on the terminal step, as RecSim does).
#pragma once

#include <cstdint>
#include <vector>

#include "rlrec_recsim/choice.hpp"
#include "rlrec_recsim/env_common.hpp"
#include "rlrec_recsim/episode_rngs.hpp"

namespace rlrec_recsim {

struct InterestEvolutionParams {
  SlateSetup slate;
  uint32_t num_topics = 20;      // T: clusters = features = interests (NUM_FEATURES)
  double trashy_fraction = 0.7;  // share of clusters with means in [min_utility, 0]
  double min_utility = -3.0;
  double max_utility = 3.0;
  double quality_std = 0.1;  // RecSim's "quality_variance", used as a std
  double video_length = 4.0;
  double time_budget = 200.0;
  double step_penalty = 0.5;
  double user_quality_factor = 0.0;
  double document_quality_factor = 1.0;
  double user_update_alpha = 0.9 / 3.4;  // alpha * utility_range in UtilityModelUserSampler
  double interest_x_intercept = 1.0;     // IEvUserModel alpha_x_intercept
  double interest_y_intercept = 0.3;     // IEvUserModel alpha_y_intercept
  ChoiceParams choice{};                 // proportional, no_click_mass 1, min_normalizer -1, ...
};

// Columns of one slot of the "response" observation (gym's sorted Dict order, without RecSim's
// always-false `liked`).
enum InterestEvolutionResponse : uint32_t {
  kIeClick = 0,      // 1 if this slot was clicked
  kIeClusterId = 1,  // the document's cluster
  kIeQuality = 2,    // the document's quality
  kIeWatchTime = 3,  // minutes watched (0 unless clicked)
  kIeResponseDim = 4
};

// Info channels of one step.
enum InterestEvolutionInfo : uint32_t {
  kIeInfoClickedSlot = 0,     // -1 for no click
  kIeInfoEngagement = 1,      // watch time (= reward)
  kIeInfoClickedQuality = 2,  // quality of the clicked document, 0 without a click
  kIeInfoClickedCluster = 3,  // its cluster, -1 without a click
  kIeInfoDim = 4
};

class InterestEvolution {
 public:
  // Throws std::invalid_argument for inconsistent parameters. Allocates everything it will use.
  InterestEvolution(const InterestEvolutionParams &params, uint32_t num_envs);

  const InterestEvolutionParams &params() const noexcept { return p_; }
  uint32_t num_envs() const noexcept { return num_envs_; }
  uint32_t num_topics() const noexcept { return p_.num_topics; }

  // Starts a new episode in sub-env b: a new user and, unless the catalogue is fixed, new
  // candidates, all drawn from `seed`.
  void reset(uint32_t b, uint64_t seed);

  // One step of sub-env b for `slate` ([slate_size] indices in [0, N), repeats counted twice as
  // in RecSim). Writes response [slate_size, kIeResponseDim] and, if non-null, info [kIeInfoDim].
  StepResult step(uint32_t b, const int32_t *slate, float *response, float *info);

  void write_user(uint32_t b, float *out) const;        // [T]: u
  void write_candidates(uint32_t b, float *out) const;  // [N, T]: one-hot clusters

  // Ground truth of rlrec.env.choice_model/1 for every candidate of sub-env b: the weight v,
  // the no-click weight v0 and the reward of a click, min(B, video_length) (0 once B <= 0).
  // scores and reward_if_chosen are [N]; every pointer is nullable.
  void choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const;

  // State, for tests and diagnostics.
  const double *interests(uint32_t b) const noexcept { return &interest_[idx(b, 0, p_.num_topics)]; }
  double budget(uint32_t b) const noexcept { return budget_[b]; }
  uint32_t cluster(uint32_t b, uint32_t i) const noexcept { return cluster_[idx(b, i, n_)]; }
  double quality(uint32_t b, uint32_t i) const noexcept { return quality_[idx(b, i, n_)]; }
  const std::vector<double> &cluster_means() const noexcept { return cluster_means_; }

 private:
  static size_t idx(uint32_t b, uint32_t i, uint32_t width) noexcept { return static_cast<size_t>(b) * width + i; }
  void sample_documents(uint32_t b);

  InterestEvolutionParams p_;
  uint32_t num_envs_;
  uint32_t n_;                         // num_candidates
  uint32_t k_;                         // slate_size
  double v0_;                          // the choice model's no-click weight
  std::vector<double> cluster_means_;  // [T]
  std::vector<EpisodeRngs> rngs_;      // [B]
  std::vector<double> budget_;         // [B]
  std::vector<double> interest_;       // [B, T]
  std::vector<uint32_t> cluster_;      // [B, N]
  std::vector<double> quality_;        // [B, N]
  std::vector<double> weights_;        // [k] scratch of step (one call at a time per instance)
};

}  // namespace rlrec_recsim
