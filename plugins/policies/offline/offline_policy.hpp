// offline_policy.hpp — plugins `bc` and `marwil` (docs/offline.md; MARWIL: Wang et al. 2018).
//
// A scoring network s(context, candidate) (rlrec_nn Mlp over [context features, item features],
// obs_layout.hpp) and the per-slot softmax slate distribution of slate_softmax.hpp. learn()
// gathers each episode's rows until it ends, computes the discounted returns-to-go R_t, and keeps
// the finished rows in a ring buffer of `buffer_capacity` decisions from which it trains on random
// minibatches: one gradient step per `batch_size` rows learnt. The loss is
//     - mean( min(exp(beta * A / c), max_weight) * log P(A_logged | s) )  +  vf_coeff * ½ mean((V - R)²)
// with A = R - V(s, t, reward so far) (V not differentiated through the weight) and c² the moving average of
// mean(A²) (rate `moving_average_rate`, from `initial_sq_norm`), as RLlib's MARWIL; beta = 0 is BC
// and skips the value head. Acting: GREEDY shows the top-k scores (slate_prob 1); EXPLORE samples
// from the softmax with the exact slate_prob and per-slot marginals (`sample_greedy: true` makes
// GREEDY sample too, so evaluations measure the stochastic policy).
//
// Threads: one thread per instance (rlrec/policy.h [instance]).
#pragma once

#include <rlrec/plugin.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rlrec_nn/agent/obs_layout.hpp"
#include "rlrec_nn/agent/params.hpp"
#include "rlrec_nn/mlp.hpp"
#include "rlrec_nn/optimizer.hpp"

namespace rlrec_offline {

namespace agent = rlrec::nn::agent;

enum OfflineParam : uint32_t {
  kHidden, kLr, kGradClip, kBatchSize, kGamma, kBeta, kVfCoeff, kMaxWeight, kMovingAverageRate, kInitialSqNorm,
  kBufferCapacity, kSampleGreedy, kParamCount
};

inline constexpr std::array<rlrec_param_def, kParamCount> kParams = {
    agent::int_list_param("hidden", "[64, 32]", 1, 4096, 8, "Hidden layer widths of the scoring and value networks."),
    agent::float_param("lr", "0.001", 0, 1, "Adam learning rate."),
    agent::float_param("grad_clip", "10", 0, agent::kInf, "Global gradient-norm clip; 0 = none."),
    agent::int_param("batch_size", "256", 1, 65536, "Decisions per gradient step (one step per batch_size rows learnt)."),
    agent::float_param("gamma", "0.99", 0, 1, "Discount of the returns-to-go the value head fits."),
    agent::float_param("beta", "1.0", 0, 1000, "Advantage temperature; 0 = behaviour cloning."),
    agent::float_param("vf_coeff", "1.0", 0, agent::kInf, "Weight of the value loss."),
    agent::float_param("max_weight", "20", 1, agent::kInf, "Clip of the advantage weights exp(beta A / c)."),
    agent::float_param("moving_average_rate", "1e-8", 0, 1, "Update rate of c², the moving average of A² (RLlib's)."),
    agent::float_param("initial_sq_norm", "100", 1e-12, agent::kInf, "c² before any update (RLlib's 100)."),
    agent::int_param("buffer_capacity", "100000", 1, 1e9, "Finished decisions kept to train on (a ring)."),
    agent::bool_param("sample_greedy", "false", "GREEDY mode samples like EXPLORE (evaluate the stochastic policy)."),
};

class OfflinePolicy {
 public:
  // beta_override >= 0 fixes beta (the `bc` plugin: 0); < 0 takes the param.
  OfflinePolicy(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed, double beta_override);

  const rlrec_policy_info &info() const { return info_; }
  void act(const rlrec_act_input &in, rlrec_act_output &out);
  // rlrec.policy.slate_probability/1: the softmax's exact slate probability and per-slot
  // marginals (NaN beyond item_marginals' enumeration limit), or the top-k deterministically;
  // draws nothing.
  void score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
             double *item_prob);
  void learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics);
  void save(rlrec::nn::ByteWriter &out) const;
  void load(rlrec::nn::ByteReader &in);

  std::string error;
  std::vector<rlrec_metric> metrics_view;

 private:
  // A record: [context | candidates N*dd | mask N | slate k | step | reward so far | return]
  // floats. The value head sees the context, the step index and the reward collected so far in
  // the episode: in a session with a hidden budget (interest evolution's minutes) the return-to-go
  // depends on how far the session is, and A = R - V must not credit the actions with that.
  static constexpr size_t kValueExtras = 2;
  size_t width() const { return cd_ + n_ * dd_ + n_ + k_ + kValueExtras + 1; }
  void read_row(const rlrec_tensor *obs, uint32_t row, float *record) const;
  void scores_of(const float *record_or_features, float *scores) const;
  // Row r of an act input: its record, every candidate's score and which may be shown. Throws
  // std::invalid_argument when fewer than k are available.
  void score_row(const rlrec_act_input &in, uint32_t r, std::vector<float> &record, std::vector<float> &scores,
                 std::vector<uint8_t> &available) const;
  // The k available candidates of highest score, best first (ties: lower index).
  void top_slate(const std::vector<float> &scores, const std::vector<uint8_t> &available, int32_t *slate) const;
  // Whether this mode samples from the softmax (else it shows the top k).
  bool samples(const rlrec_act_input &in) const;
  void finish_episode(std::vector<float> &rows);
  void train_step();

  agent::ObsLayout layout_;
  size_t cd_ = 0, n_ = 0, dd_ = 0, k_ = 0;
  std::vector<int> hidden_;
  float lr_ = 0, grad_clip_ = 0;
  size_t batch_size_ = 0, capacity_ = 0;
  double gamma_ = 0, beta_ = 0, vf_coeff_ = 0, max_weight_ = 0, rate_ = 0;
  bool sample_greedy_ = false;
  rlrec_policy_info info_{sizeof(rlrec_policy_info), RLREC_POLICY_LEARNS};

  // The learnt state (all saved).
  rlrec::nn::Mlp<float> score_net_, value_net_;
  rlrec::nn::Optimizer score_opt_, value_opt_;
  rlrec::nn::Rng rng_;
  double sq_norm_ = 100;                           // c²
  std::vector<float> buffer_;                      // [stored, width]
  size_t stored_ = 0, next_slot_ = 0;
  std::map<uint64_t, std::vector<float>> open_;    // episode id -> its rows so far (return slot = reward)
  uint64_t rows_since_step_ = 0;
  std::vector<std::pair<std::string, double>> metric_values_;
};

}  // namespace rlrec_offline
