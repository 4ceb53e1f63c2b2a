// rlrec_recsim/long_term_satisfaction.hpp — RecSim's long-term satisfaction ("choc vs kale")
// environment (recsim/environments/long_term_satisfaction.py; specs/recsim.md §4), batched.
//
// Documents: clickbait score cb ~ U[0, 1) (observed).
// User (hidden): NPE_0 = (U[0,1) - 0.5) / (1 - memory_discount), SAT = sigmoid(sensitivity * NPE),
//   budget = time_budget.
// Choice: the user always consumes slot 0 (no choice model, no no-click).
// Response: engagement = exp(N(loc, scale)) with loc = (cb choc_mean + (1-cb) kale_mean) SAT and
//   scale = cb choc_stddev + (1-cb) kale_stddev, on the pre-transition SAT. The observation clips
//   it to [0, max_engagement]; the reward is the unclipped value, as in RecSim.
// Transition: NPE <- memory_discount NPE - 2 (cb - 0.5) + N(0, innovation_stddev) (the code's
//   minus sign: clickbait lowers NPE; RecSim's docstring says plus), SAT = sigmoid(sensitivity
//   NPE), budget -= 1. Terminal when budget <= 0: every episode lasts exactly time_budget steps.
// Draw order per step: user stream — engagement normal, then innovation normal; document stream
// — N uniforms when resampling.
#pragma once

#include <cstdint>
#include <vector>

#include "rlrec_recsim/env_common.hpp"
#include "rlrec_recsim/episode_rngs.hpp"

namespace rlrec_recsim {

struct LongTermSatisfactionParams {
  SlateSetup slate;
  double memory_discount = 0.7;     // beta, < 1
  double sensitivity = 0.01;        // tau
  double innovation_stddev = 0.05;  // sigma_eta
  double choc_mean = 5.0;
  double choc_stddev = 1.0;
  double kale_mean = 4.0;
  double kale_stddev = 1.0;
  uint32_t time_budget = 60;      // steps per episode
  double max_engagement = 100.0;  // LTSResponse.MAX_ENGAGEMENT_MAGNITUDE: the observation's clip
};

// Columns of one slot of the "response" observation (gym's sorted Dict order).
enum LongTermSatisfactionResponse : uint32_t {
  kLtsClick = 0,       // 1 for slot 0 (always consumed), else 0
  kLtsEngagement = 1,  // engagement clipped to [0, max_engagement]; 0 for other slots
  kLtsResponseDim = 2
};

enum LongTermSatisfactionInfo : uint32_t {
  kLtsInfoClickedSlot = 0,   // always 0
  kLtsInfoEngagement = 1,    // unclipped engagement (= reward)
  kLtsInfoSatisfaction = 2,  // SAT after the transition: hidden state, for diagnostics only
  kLtsInfoClickbait = 3,     // clickbait score of the consumed document
  kLtsInfoDim = 4
};

class LongTermSatisfaction {
 public:
  // Throws std::invalid_argument for inconsistent parameters. Allocates everything it will use.
  LongTermSatisfaction(const LongTermSatisfactionParams &params, uint32_t num_envs);

  const LongTermSatisfactionParams &params() const noexcept { return p_; }
  uint32_t num_envs() const noexcept { return num_envs_; }

  void reset(uint32_t b, uint64_t seed);

  // One step of sub-env b for `slate` ([slate_size] indices in [0, N)); only slot 0 matters.
  // Writes response [slate_size, kLtsResponseDim] and, if non-null, info [kLtsInfoDim].
  StepResult step(uint32_t b, const int32_t *slate, float *response, float *info);

  void write_candidates(uint32_t b, float *out) const;  // [N, 1]: clickbait scores

  // Ground truth of rlrec.env.choice_model/1 (kind "first slot"): scores 1 (every candidate is
  // consumed if put first), no-click 0, and the expected engagement exp(loc + scale^2 / 2) of
  // each candidate in the current state. [N] arrays; every pointer is nullable.
  void choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const;

  // State, for tests and diagnostics.
  double npe(uint32_t b) const noexcept { return npe_[b]; }
  double satisfaction(uint32_t b) const noexcept { return sat_[b]; }
  uint32_t budget(uint32_t b) const noexcept { return budget_[b]; }
  double clickbait(uint32_t b, uint32_t i) const noexcept { return cb_[static_cast<size_t>(b) * n_ + i]; }

 private:
  void sample_documents(uint32_t b);
  double sigmoid_sat(double npe) const noexcept;
  // The lognormal parameters of the engagement a document of clickbait cb would get now.
  double engagement_loc(uint32_t b, double cb) const noexcept;
  double engagement_scale(double cb) const noexcept;

  LongTermSatisfactionParams p_;
  uint32_t num_envs_;
  uint32_t n_;
  uint32_t k_;
  std::vector<EpisodeRngs> rngs_;  // [B]
  std::vector<double> npe_;        // [B]
  std::vector<double> sat_;        // [B]
  std::vector<uint32_t> budget_;   // [B]
  std::vector<double> cb_;         // [B, N]
};

}  // namespace rlrec_recsim
