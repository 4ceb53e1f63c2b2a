// rlrec_ope/logged_data.hpp — what the off-policy estimators read: logged decisions, in columns.
//
// One row per decision of the behaviour policy μ: its episode, its step t, the reward it got, the
// probability μ gave the logged slate A and the probability the target policy π gives the same
// slate, optionally per-slot propensities (for the pseudo-inverse estimator) and a reward model's
// predictions (for the direct method and doubly robust). The estimators never see observations:
// whoever evaluates π on the logged contexts (the `ope` command, a test, a notebook) fills the
// target columns.
//
// Columns, not rows, so a million decisions are a handful of flat arrays (no allocation per
// decision) and an optional column is simply empty. NaN marks a value missing in one row (a
// propensity the logger did not record): the estimators leave such a row's episode out and warn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rlrec::ope {

struct LoggedData {
  // Slots per slate, L. Per-slot columns are [n x L] row-major: decision i, slot l at i * L + l.
  // 0 when no per-slot column is filled.
  size_t slate_size = 0;

  // Which episode a decision belongs to, and its step in it. Steps MUST be distinct within an
  // episode; they order the decisions, and an episode's first decision is its step 0 for the
  // discount whatever its logged t. A bandit log gives every decision its own episode id: the
  // episode is also the unit the bootstrap resamples.
  std::vector<uint64_t> episode;  // [n]
  std::vector<uint32_t> t;        // [n]
  std::vector<double> reward;     // [n] the slate's reward (for slates: the sum over slots)

  // μ(A|x) and π(A|x) of the logged slate (for a single action, of the action). Empty when no
  // slate-level propensity is logged (then only `pi`, `dm` apply).
  std::vector<double> behavior_prob;  // [n]
  std::vector<double> target_prob;    // [n]

  // μ_l(A_l|x) and π_l(A_l|x): the probability each policy puts on the logged item of slot l (the
  // target's per-slot marginal). For the pseudo-inverse estimator; empty when not logged.
  std::vector<double> behavior_slot_prob;  // [n x L]
  std::vector<double> target_slot_prob;    // [n x L]

  // A reward (or Q) model of the target policy: q̂(x, A) of the logged slate, and its expectation
  // under the target, Σ_A π(A|x) q̂(x, A) (for episodes: Q̂_π and V̂_π). Empty without a model;
  // ridge.hpp fits a linear one.
  std::vector<double> q_logged;  // [n]
  std::vector<double> q_target;  // [n]

  size_t size() const { return reward.size(); }
  // Appends other's rows (same slate_size and filled columns).
  void append(const LoggedData &other);
  // Empties every column, keeping slate_size (and the capacity).
  void clear();
  // Throws std::invalid_argument naming the first column whose length disagrees with `reward`'s
  // (an optional column may be empty; the two columns of a pair must both be filled or both empty).
  void check_shapes() const;
};

}  // namespace rlrec::ope
