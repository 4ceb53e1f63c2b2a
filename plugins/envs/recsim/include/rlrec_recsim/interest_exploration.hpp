// rlrec_recsim/interest_exploration.hpp — RecSim's interest exploration environment
// (recsim/environments/interest_exploration.py; specs/recsim.md §3), batched over sub-envs.
//
// Documents: topic t ~ Categorical(topic_distribution), quality ~ LogN(topic_quality_mean[t],
//   topic_quality_stddev[t]) (both observed).
// User (hidden, static): type y ~ Categorical(user_type_distribution), affinity[t] ~
//   LogN(user_affinity_mean[y][t], user_affinity_stddev[y][t]) for every topic t.
// Choice: the configured model (choice.hpp; RecSim: multinomial logit, no_click_mass 5) on the
//   affinity a_i = affinity[t_i] + quality_i.
// Response: every slot reports its document's quality and topic; the chosen one a click.
// No transition, never terminal: RecSim's runner cuts episodes (the plugin's max_episode_steps).
// Reward: 1 per click.
// Draw order: user stream — type, then one normal per topic at reset, one choice uniform per
// step; document stream — N x (topic uniform, quality normal) when resampling.
#pragma once

#include <cstdint>
#include <vector>

#include "rlrec_recsim/choice.hpp"
#include "rlrec_recsim/env_common.hpp"
#include "rlrec_recsim/episode_rngs.hpp"

namespace rlrec_recsim {

struct InterestExplorationParams {
  SlateSetup slate;
  std::vector<double> topic_distribution{0.2, 0.8};              // [M] (normalised, like NumPy's p)
  std::vector<double> topic_quality_mean{0.8, 0.2};              // [M] log-scale mean
  std::vector<double> topic_quality_stddev{0.1, 0.1};            // [M] log-scale std
  std::vector<double> user_type_distribution{0.3, 0.7};          // [Y]
  std::vector<double> user_affinity_mean{0.1, 0.7, 0.7, 0.1};    // [Y, M] row-major
  std::vector<double> user_affinity_stddev{0.1, 0.1, 0.1, 0.1};  // [Y, M] row-major
  ChoiceParams choice{ChoiceKind::multinomial_logit, 5.0, 0.0, 1.0, 0.05};
};

// Columns of one slot of the "response" observation (gym's sorted Dict order).
enum InterestExplorationResponse : uint32_t {
  kIxClick = 0,      // 1 if this slot was clicked
  kIxClusterId = 1,  // the document's topic
  kIxQuality = 2,    // the document's quality
  kIxResponseDim = 3
};

enum InterestExplorationInfo : uint32_t {
  kIxInfoClickedSlot = 0,     // -1 for no click
  kIxInfoEngagement = 1,      // clicks: 1 or 0 (= reward)
  kIxInfoClickedQuality = 2,  // quality of the clicked document, 0 without a click
  kIxInfoClickedCluster = 3,  // its topic, -1 without a click
  kIxInfoDim = 4
};

class InterestExploration {
 public:
  // Throws std::invalid_argument for inconsistent parameters (list lengths, empty or negative
  // distributions). Allocates everything it will use.
  InterestExploration(const InterestExplorationParams &params, uint32_t num_envs);

  const InterestExplorationParams &params() const noexcept { return p_; }
  uint32_t num_envs() const noexcept { return num_envs_; }
  uint32_t num_topics() const noexcept { return m_; }

  void reset(uint32_t b, uint64_t seed);

  // One step of sub-env b for `slate` ([slate_size] indices in [0, N), repeats counted twice).
  // Writes response [slate_size, kIxResponseDim] and, if non-null, info [kIxInfoDim].
  StepResult step(uint32_t b, const int32_t *slate, float *response, float *info);

  // [N, M + 1]: one-hot topic, then quality (gym's flatten order of {cluster_id, quality}).
  void write_candidates(uint32_t b, float *out) const;

  // Ground truth of rlrec.env.choice_model/1: weights of every candidate, v0, and reward 1.
  void choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const;

  // State, for tests and diagnostics.
  uint32_t user_type(uint32_t b) const noexcept { return type_[b]; }
  const double *affinity(uint32_t b) const noexcept { return &affinity_[static_cast<size_t>(b) * m_]; }
  uint32_t topic(uint32_t b, uint32_t i) const noexcept { return topic_[static_cast<size_t>(b) * n_ + i]; }
  double quality(uint32_t b, uint32_t i) const noexcept { return quality_[static_cast<size_t>(b) * n_ + i]; }
  // The raw affinity a = affinity[topic] + quality of candidate i.
  double score(uint32_t b, uint32_t i) const noexcept { return affinity(b)[topic(b, i)] + quality(b, i); }

 private:
  void sample_documents(uint32_t b);

  InterestExplorationParams p_;
  uint32_t num_envs_;
  uint32_t n_;
  uint32_t k_;
  uint32_t m_;  // topics
  uint32_t y_;  // user types
  double v0_;
  std::vector<double> topic_cdf_;  // [M]
  std::vector<double> type_cdf_;   // [Y]
  std::vector<EpisodeRngs> rngs_;  // [B]
  std::vector<uint32_t> type_;     // [B]
  std::vector<double> affinity_;   // [B, M]
  std::vector<uint32_t> topic_;    // [B, N]
  std::vector<double> quality_;    // [B, N]
  std::vector<double> weights_;    // [k] scratch of step
};

}  // namespace rlrec_recsim
