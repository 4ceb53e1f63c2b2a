// ope_target.hpp — the target policy of `rlrec ope` on logged decisions: rebuilds each decision's
// observation from the logged fields, asks the policy (batched act, in the chosen mode) what it
// would show, and turns that into π(A|x) of the *logged* slate A and its per-slot π_l(A_l|x).
//
// The policy ABI's act reports the probability of the slate the policy picked, not of a slate it
// is given. So the probability of the logged slate is exact only for
//   - a deterministic target (slate_prob = 1 in this mode): π(A|x) = 1 if its slate is A else 0,
//     π_l = 1 if it puts A_l in slot l else 0 — every policy's greedy mode;
//   - the uniform `random` policy: every ordered slate of available items has the probability it
//     reports for its own, and likewise per slot.
// Any other stochastic target (epsilon-greedy or softmax in explore mode) is refused with a
// ConfigError rather than estimated by sampling (docs/ope.md).
//
// Threads: one thread; the engine is used only through act.
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
  double slate_prob = 0.0;               // π(A|x) of the logged slate
  std::span<const double> slot_prob;     // [L] π_l(A_l|x) of the logged items
  std::span<const int32_t> own_slate;    // [L] the slate the target picked itself
  bool uniform = false;                  // the target is the uniform `random` policy
};

class TargetScorer {
 public:
  using Sink = std::function<void(const rlrec_data::Decision &, const TargetView &)>;

  // `engine` (not owned) MUST outlive the scorer. `mode` is RLREC_ACT_GREEDY or _EXPLORE.
  TargetScorer(core::Engine &engine, uint32_t mode);

  // Takes `d` (swapped with a spare, so `d` comes back holding stale data to be overwritten) and
  // scores it with the next full batch: `sink` sees every decision, in the order given.
  // Throws rlrec_data::DataError when the observation does not fit the policy's spec, ConfigError
  // for a stochastic target it cannot score (see above).
  void push(rlrec_data::Decision &d, const Sink &sink);
  // Scores what is still buffered.
  void flush(const Sink &sink);

 private:
  void fill_obs(uint32_t row, const rlrec_data::Decision &d);

  core::Engine &engine_;
  uint32_t mode_;
  bool uniform_;
  std::string policy_id_;
  std::vector<rlrec_field> fields_;
  core::ObsBuffers obs_;
  core::ActBuffers act_;
  std::vector<rlrec_data::Decision> pending_;
  uint32_t count_ = 0;
  std::vector<double> slot_prob_;
};

}  // namespace rlrec::cli
