// slateq_policy.hpp — plugin "slateq": SlateQ (Ie et al., IJCAI 2019) with the changes that let it
// learn long-term value on RecSim (docs/slateq.md):
//
//   * an item-wise value Q(s, i) over (user, candidate) inputs, shared across items, with a null
//     item for "no click" whose value Q(s, none) is learned from steps without a click; by
//     default a dueling pair Q(s, i) = V(s) + A(s, i), Q(s, none) = V(s) (item_q.hpp);
//   * the slate's value  Q(s, A) = sum_{i in A + none} P(i | s, A) Q(s, i)  under the env's
//     conditional choice model (extension rlrec.env.choice_model/1) or a learned conditional
//     logit; on "first slot" envs (the user always consumes slot 0) Q(s, A) = Q(s, A_0);
//   * slates chosen by one of the optimisers of slate_optimizer.hpp, epsilon-greedy in training;
//   * training from replay on n-step SARSA or Q-learning targets (optionally double-Q), with the
//     user features extended by episode-history features that reveal hidden user state.
//
// A transition trains the value of what was consumed: Q(s_t, clicked item), or Q(s_t, none)
// after a skip, toward  r_t + ... + g^(m-1) r_{t+m-1} + g^m V(s_{t+m}).
#pragma once

#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <string>
#include <vector>

#include "choice_model.hpp"
#include "item_inputs.hpp"
#include "item_q.hpp"
#include "rlrec_nn/agent/act_records.hpp"
#include "rlrec_nn/agent/episode_links.hpp"
#include "rlrec_nn/agent/history.hpp"
#include "rlrec_nn/agent/obs_layout.hpp"
#include "rlrec_nn/agent/train_clock.hpp"
#include "rlrec_nn/replay.hpp"
#include "slateq_records.hpp"
#include "slateq_settings.hpp"

namespace rlrec_slateq {

class SlateqPolicy {
 public:
  SlateqPolicy(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed);

  const rlrec_policy_info &info() const { return info_; }
  void act(const rlrec_act_input &in, rlrec_act_output &out);
  // rlrec.policy.slate_probability/1: ε-greedy around the greedy slate, as act draws it, with the
  // history peeked at rather than advanced and nothing recorded for learn.
  void score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
             double *item_prob);
  void learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics);
  void save(rlrec::nn::ByteWriter &out) const;
  void load(rlrec::nn::ByteReader &in);

  std::string error;                        // last_error
  std::vector<rlrec_metric> metrics_view;   // what learn last reported

 private:
  // The choice scores of one state: v over the n candidates, v0 for no click.
  struct Choice {
    const float *v;
    float v0;
  };

  const rlrec_env_choice_model *env_choice(const rlrec_env *env, uint32_t rows);
  // Reads every row of `in` into the scratch (user_, cand_, mask_, x_) and returns the item values
  // [n + 1, rows], with the choice scores in v_, v0_, expected_ and the env's model in `model`.
  // advance_history: act's step through the episode history, else a peek that changes nothing.
  Eigen::MatrixXf evaluate_rows(const rlrec_act_input &in, bool advance_history, const rlrec_env_choice_model *&model);
  double epsilon(const rlrec_act_input &in) const;
  // The greedy slate of one state from item values q [n + 1] (null last).
  void greedy_slate(const float *q, Choice choice, const float *mask, int32_t *slate);
  // V(s) under values q_eval for the slate `shown` (SARSA) or the greedy slate under q_select.
  double state_value(const float *q_eval, const float *q_select, Choice choice, const float *mask,
                     const int32_t *shown);
  int clicked_slot(const rlrec_transition_batch &batch, uint32_t row);
  // The act records of a batch of logged decisions (no act preceded the learn: offline training):
  // user features rebuilt from the batch, no env choice scores (the learned model scores the
  // states, as when acting without an env).
  const float *logged_records(const rlrec_transition_batch &batch);
  bool trainable(size_t slot) const;
  void train_step();

  SlateqSettings settings_;
  rlrec::nn::agent::ObsLayout layout_;
  rlrec::nn::agent::History history_;
  uint32_t n_, k_, dd_;
  size_t context_dim_, user_dim_;
  RecordLayout rec_;
  int clicked_channel_ = -1;  // index of info channel "clicked_slot", -1 if absent
  uint32_t num_info_ = 0;
  uint32_t kind_ = RLREC_CHOICE_CONDITIONAL;  // the env's choice kind, as last seen

  rlrec::nn::Rng rng_;
  ItemInputs inputs_;
  ItemQ qnet_;
  LogitChoiceModel choice_;
  rlrec::nn::agent::TrainClock clock_;
  rlrec::nn::ReplayBuffer replay_;
  rlrec::nn::agent::ActRecords records_;
  rlrec::nn::agent::EpisodeLinks links_;

  rlrec_policy_info info_{sizeof(rlrec_policy_info), RLREC_POLICY_LEARNS};

  // Metrics of the current learn call.
  struct Totals {
    double loss = 0, q = 0, grad_norm = 0, choice_nll = 0;
    uint32_t steps = 0, choice_steps = 0;
  } totals_;
  std::vector<double> metric_values_;

  // Scratch, reused across calls.
  std::vector<float> user_, hist_, cand_, mask_, v_, v0_, expected_, response_;
  std::vector<uint32_t> available_, scratch_;
  std::vector<int32_t> greedy_;
  std::vector<float> record_, logged_;
  std::vector<int32_t> record_ints_;
  std::vector<size_t> slots_;
  std::vector<float> weights_;
  Eigen::MatrixXf x_, xb_, xc_;
  SlateProblem problem_;
  std::vector<uint32_t> chosen_;
};

}  // namespace rlrec_slateq
