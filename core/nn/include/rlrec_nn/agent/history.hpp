// rlrec_nn/agent/history.hpp — episode-history features: what a policy can infer about the
// hidden part of the user's state from what it has seen so far in the episode.
//
// A simulator often hides what decides the future (RecSim interest evolution hides the remaining
// time budget, long-term satisfaction the user's satisfaction) while the responses reveal it bit
// by bit. After each step the policy knows the CONSUMED-ITEM vector
//     c_t = [clicked, response row of the clicked slot (dr), features of the clicked item (dd)]
// (all zero without a click), where "clicked" is the response's click column and the item's
// features are those of the candidate shown in that slot. The history features of step t are
//     [t (if step_feature)] + for each decay g:  sum_{s<t} g^(t-1-s) c_s
// Decay 1 gives episode totals (watch time and quality watched pin down the spent budget);
// decay 0.7 gives RecSim's net-positive-exposure memory (a satisfaction estimate).
//
// The features are per sub-environment, so they are tracked per (env instance, row) of act calls,
// where row r of a call is sub-env r of in->env (rlrec/policy.h). A call without episode_start
// (serving: independent rows) treats every row as the start of an episode.
#pragma once

#include <rlrec/env.h>
#include <rlrec/policy.h>

#include <map>
#include <vector>

#include "rlrec_nn/agent/obs_layout.hpp"

namespace rlrec::nn::agent {

struct HistorySettings {
  std::vector<double> decays;  // one block of consumed-item sums per decay; empty: none
  bool step_feature = true;    // the step index within the episode
  int click_column = 0;        // the response column that is 1 for the clicked slot
};

class History {
 public:
  // Throws std::invalid_argument when decays are given but the env has no response field or the
  // click column is outside it.
  History(const ObsLayout &layout, HistorySettings settings, const std::string &who);

  size_t dim() const { return dim_; }
  // The rlrec_policy_info bits of a policy with these features: RLREC_POLICY_EPISODE_HISTORY
  // when there are any (then a decision scored apart from its episode is an approximation).
  uint32_t policy_flags() const { return dim_ > 0 ? static_cast<uint32_t>(RLREC_POLICY_EPISODE_HISTORY) : 0u; }

  // The features [rows, dim()] of the current step of each row of an act call on `key` (the env
  // instance; Nullable), advancing each row's state by the response in obs.
  void features(const void *key, uint32_t rows, const uint8_t *episode_start, const rlrec_tensor *obs, float *out);
  // The same features without advancing any row's state: what features() would write now (for a
  // policy scoring slates without acting, rlrec/ext/slate_probability.h).
  void peek(const void *key, uint32_t rows, const uint8_t *episode_start, const rlrec_tensor *obs, float *out);
  // Remembers the items the call showed ([rows, k] slates), whose features the next step's
  // response refers to.
  void shown(const void *key, uint32_t rows, const rlrec_tensor *obs, const int32_t *slates);

  // Learning from LOGGED decisions (offline training: no act call preceded the learn call): the
  // user features a policy would have computed at act time, [context fields | history features],
  // for every row of `batch`, row r at out + r * stride. Rows come in episode order, as a dataset
  // holds them (a row at t = 0 or of a new episode id starts an episode) and their logged slates
  // stand for what act showed; one stream, tracked apart from act calls.
  void logged_user_features(const rlrec_transition_batch &batch, size_t stride, float *out);

 private:
  struct Row {
    uint32_t steps = 0;
    std::vector<float> sums;   // [decays, consumed]
    std::vector<float> shown;  // [k, dd] features of the last slate's items
  };
  Row fresh_row() const;
  std::vector<Row> &rows_of(const void *key, uint32_t rows);
  // One row's step: restarts it or folds in the response of obs row r; writes its features.
  void advance(Row &row, bool start, const rlrec_tensor *obs, uint32_t r, float *out);
  // Keeps the features of the items `slate` shows from obs row r.
  void remember(Row &row, const rlrec_tensor *obs, uint32_t r, const int32_t *slate);

  const ObsLayout &layout_;
  HistorySettings settings_;
  size_t consumed_dim_ = 0;
  size_t dim_ = 0;
  std::map<const void *, std::vector<Row>> books_;
  uint64_t logged_episode_ = 0;  // the episode of the last logged row
  std::vector<float> response_, candidates_, consumed_;  // scratch
};

}  // namespace rlrec::nn::agent
