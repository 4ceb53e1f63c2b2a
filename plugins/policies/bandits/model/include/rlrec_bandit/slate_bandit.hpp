// rlrec_bandit/slate_bandit.hpp — a contextual bandit over slates: features → linear models →
// explorer → slate, and transitions → credit assignment → model updates. The three policies are
// this class with a different Explorer. It knows nothing of the C ABI (the plugin adapts
// tensors to the row pointers below), so tests drive it directly.
//
// Learning is online and in order: each transition's updates are applied before the next one's,
// so a batch of B rows is exactly B sequential steps.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "byte_io.hpp"
#include "credit.hpp"
#include "explorer.hpp"
#include "features.hpp"
#include "model_set.hpp"
#include "rng.hpp"

namespace rlrec_bandit {

struct BanditDims {
  uint32_t user_dim = 0;        // du (0: the env shows no user)
  uint32_t item_dim = 0;        // dd
  uint32_t num_candidates = 0;  // N
  uint32_t slate_size = 0;      // k <= N
};

struct BanditConfig {
  FeatureSpec features;
  bool per_candidate = false;
  Solver solver = Solver::kShermanMorrison;
  double lambda = 1.0;
  Credit credit = Credit::kClicked;
  std::vector<double> position_discounts;  // empty: every slot weighs 1
};

class SlateBandit {
 public:
  // Throws std::invalid_argument for features these dimensions cannot give.
  SlateBandit(const BanditConfig &config, const BanditDims &dims, std::unique_ptr<Explorer> explorer, uint64_t seed);

  // One decision. user: [du]; candidates: [N, dd] row-major; mask: [N] nonzero = available,
  // Nullable. out's spans have k entries. EXPLORE decisions advance the schedules' clock.
  // Throws std::invalid_argument when fewer than k candidates are available.
  void decide(const double *user, const double *candidates, const uint8_t *mask, Mode mode, SlateChoice &out);

  // The distribution decide() would draw this decision from, as ε-greedy around the slate it
  // writes into `greedy` [k] (Explorer::closed_form): ε, or std::nullopt when the explorer has no
  // closed form in this mode. Advances no clock and draws nothing. Throws as decide().
  std::optional<double> distribution(const double *user, const double *candidates, const uint8_t *mask, Mode mode,
                                     std::span<int32_t> greedy);
  // Whether distribution() answers in every mode.
  bool has_closed_form() const { return explorer_->has_closed_form(); }

  // One transition: the observation the slate was chosen on, the slate [k], the step's reward
  // and the clicked slot (-1: none; std::nullopt: the env does not report clicks).
  // Throws std::invalid_argument for an out-of-range slate entry or clicked slot.
  void learn(const double *user, const double *candidates, const int32_t *slate, double reward,
             std::optional<int32_t> clicked);

  // What the transitions since the last call measured (then starts over): reward_mean,
  // model_updates, prediction_mse (the models' error on the targets before updating),
  // click_rate (when clicks are reported), and the explorer's own (epsilon).
  const std::vector<Metric> &take_metrics();

  // The complete learnt state: models, the decision clock, the random stream. load() is all or
  // nothing and throws StateVersionError / StateError.
  void save(ByteWriter &out) const;
  void load(ByteReader &in);

 private:
  struct BatchStats {
    uint64_t rows = 0;
    double reward_sum = 0.0;
    uint64_t updates = 0;
    double squared_error_sum = 0.0;
    uint64_t rows_with_click_info = 0;
    uint64_t clicks = 0;
  };

  // Scores the candidates of one decision into scores_; returns what may be shown.
  Availability score_candidates(const double *user, const double *candidates, const uint8_t *mask, Mode mode);

  BanditConfig config_;
  BanditDims dims_;
  FeatureBuilder features_;
  std::unique_ptr<Explorer> explorer_;
  std::unique_ptr<ModelSet> models_;
  Rng rng_;
  uint64_t decisions_ = 0;

  // Scratch, allocated once.
  RowMatrix candidate_features_;  // [N, d]
  ScoreDistribution scores_;
  std::vector<CreditedItem> credited_;
  std::vector<double> x_;  // [k * d] features of the shown items of one transition
  std::vector<double> predicted_;

  BatchStats stats_;
  std::vector<Metric> metrics_;
};

}  // namespace rlrec_bandit
