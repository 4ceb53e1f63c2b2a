// ope_target.hpp — the target policy of `rlrec ope` on logged decisions: rebuilds each decision's
// observation from the logged fields and asks the policy, batched, for π(A|x) of the *logged*
// slate A, its per-slot π_l(A_l|x), and the per-slot marginals over every candidate (what the
// reward model's expectation under π needs).
//
// A policy that offers rlrec.policy.slate_probability/1 (rlrec/ext/slate_probability.h) scores
// the logged slates itself, exactly, in either mode. Without it, the policy ABI's act reports only
// the probability of the slate the policy picked, so a target is scored only when it is
// deterministic in the chosen mode (slate_prob = 1): π(A|x) = 1 if its slate is A else 0, and its
// marginals are its own slate's indicators. Any other target is refused with a ConfigError rather
// than estimated by sampling (docs/ope.md).
//
// Threads: one thread; the engine is used only through act and score_slates.
#pragma once

#include <rlrec_data/decision.hpp>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "batch.hpp"
#include "engine.hpp"
#include "vector_env.hpp"

namespace rlrec::cli {

// What the target does with one logged decision.
struct TargetView {
  double slate_prob = 0.0;            // π(A|x) of the logged slate
  std::span<const double> slot_prob;  // [L] π_l(A_l|x) of the logged items
  std::span<const double> item_prob;  // [L, N] P(slot l shows candidate i) under the target
};

class TargetScorer {
 public:
  using Sink = std::function<void(const rlrec_data::Decision &, const TargetView &)>;

  // `engine` (not owned) MUST outlive the scorer. `mode` is RLREC_ACT_GREEDY or _EXPLORE.
  TargetScorer(core::Engine &engine, uint32_t mode);

  // Takes `d` (swapped with a spare, so `d` comes back holding stale data to be overwritten) and
  // scores it with the next full batch: `sink` sees every decision, in the order given.
  // Throws rlrec_data::DataError when the observation or the slate does not fit the policy's
  // spec, ConfigError for a target it cannot score (see above).
  void push(rlrec_data::Decision &d, const Sink &sink);
  // Scores what is still buffered.
  void flush(const Sink &sink);

 private:
  void fill_row(uint32_t row, const rlrec_data::Decision &d);
  // The target's columns of the batch's first `count_` rows, by the extension or by act.
  void score(const rlrec_act_input &in);
  void score_by_act(const rlrec_act_input &in);

  core::Engine &engine_;
  uint32_t mode_;
  std::string policy_id_;
  std::vector<rlrec_field> fields_;
  uint32_t slate_, candidates_;
  core::ObsBuffers obs_;
  core::ActBuffers act_;
  std::vector<rlrec_data::Decision> pending_;
  uint32_t count_ = 0;
  std::vector<int32_t> logged_;     // [rows, L] the logged slates
  std::vector<double> slate_prob_;  // [rows]
  std::vector<double> slot_prob_;   // [rows, L]
  std::vector<double> item_prob_;   // [rows, L, N]
};

}  // namespace rlrec::cli
