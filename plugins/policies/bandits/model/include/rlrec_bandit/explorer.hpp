// rlrec_bandit/explorer.hpp — what differs between ε-greedy, LinUCB and linear Thompson
// sampling: how a decision turns the posterior over candidate scores into a slate, and the
// probability of that slate. Everything else (features, models, credit, state) is shared
// (slate_bandit.hpp).
//
// Every explorer fills the slate top-k by some score — greedy by score, best first — and in
// GREEDY mode (evaluation, serving) all three rank by the posterior mean, deterministically.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "epsilon_schedule.hpp"
#include "model_set.hpp"
#include "rng.hpp"
#include "slate.hpp"

namespace rlrec_bandit {

enum class Mode { kExplore, kGreedy };

// One decision's outputs; the spans have the slate's size.
struct SlateChoice {
  std::span<int32_t> slate;
  double prob = 1.0;             // P(this ordered slate | observation, mode)
  std::span<double> propensity;  // P(slot l shows slate[l])
  std::span<double> scores;      // the explorer's score of each chosen item
};

// A learner metric: the name is a string literal.
struct Metric {
  const char *name;
  double value;
};

class Explorer {
 public:
  virtual ~Explorer() = default;

  // The policy's id: stored in the save format, so one policy cannot load another's state.
  virtual const char *name() const = 0;

  // What choose() and closed_form() read of the posterior in this mode (model_set.hpp).
  virtual Posterior needs(Mode) const { return Posterior::kMean; }

  // decision: the number of EXPLORE decisions made before this one (the clock of schedules).
  // REQUIRES: avail.count >= out.slate.size().
  virtual void choose(const ScoreDistribution &dist, const Availability &avail, Mode mode, uint64_t decision, Rng &rng,
                      SlateChoice &out) = 0;

  // The distribution choose() draws from, when it is ε-greedy around one slate (ε = 0: that slate
  // deterministically): writes the slate into `greedy` and returns ε. std::nullopt when it has no
  // such closed form in this mode. Draws no random number. REQUIRES as choose().
  virtual std::optional<double> closed_form(const ScoreDistribution &dist, const Availability &avail, Mode mode,
                                            uint64_t decision, std::span<int32_t> greedy) = 0;
  // Whether closed_form() answers in every mode.
  virtual bool has_closed_form() const { return true; }

  // Appends the explorer's own learner metrics at the given clock.
  virtual void metrics(uint64_t /*decisions*/, std::vector<Metric> & /*out*/) const {}
};

// ε-greedy: the mean's top-k, or with probability ε(t) a uniformly random slate. Exact slate
// probabilities and per-slot propensities.
std::unique_ptr<Explorer> make_egreedy(const EpsilonSchedule &schedule);

// LinUCB (Li et al. 2010): top-k by mean + alpha·sqrt(xᵀA⁻¹x). Deterministic: probability 1.
std::unique_ptr<Explorer> make_linucb(double alpha);

// Linear Thompson sampling (Agrawal & Goyal 2013): θ ~ N(θ̂, alpha² A⁻¹), top-k by xᵀθ. The
// exploring distribution has no closed form (only GREEDY mode does); act's slate probability is a
// Monte Carlo estimate from prob_samples further draws:
// (1 + draws giving the same ordered slate) / (1 + prob_samples) — the chosen draw counts as one
// of them, so the estimate is never 0 (an importance weight must stay finite); likewise per slot.
std::unique_ptr<Explorer> make_lints(double alpha, uint32_t prob_samples);

}  // namespace rlrec_bandit
