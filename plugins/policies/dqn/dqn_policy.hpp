// dqn_policy.hpp — plugin "dqn": DQN (Mnih et al., 2015) over the flat space of ordered slates
// (slate_actions.hpp), the baseline SlateQ is compared with (RecSim's full_slate_q_agent). The
// state is the whole observation — context fields, history features, every candidate's features
// flattened — and the network has one output per slate, so it only suits small slate spaces.
// It shares the network, replay, targets, exploration and features with slateq (rlrec_nn).
#pragma once

#include <rlrec/plugin.h>

#include <string>
#include <vector>

#include "dqn_settings.hpp"
#include "rlrec_nn/agent/act_records.hpp"
#include "rlrec_nn/agent/episode_links.hpp"
#include "rlrec_nn/agent/history.hpp"
#include "rlrec_nn/agent/obs_layout.hpp"
#include "rlrec_nn/agent/q_network.hpp"
#include "rlrec_nn/agent/train_clock.hpp"
#include "rlrec_nn/replay.hpp"
#include "rlrec_nn/standardizer.hpp"
#include "slate_actions.hpp"

namespace rlrec_dqn {

class DqnPolicy {
 public:
  DqnPolicy(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed);

  const rlrec_policy_info &info() const { return info_; }
  void act(const rlrec_act_input &in, rlrec_act_output &out);
  // rlrec.policy.slate_probability/1: ε-greedy around the best slate, as act draws it, with the
  // history peeked at rather than advanced and nothing recorded for learn.
  void score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
             double *item_prob);
  void learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics);
  void save(rlrec::nn::ByteWriter &out) const;
  void load(rlrec::nn::ByteReader &in);

  std::string error;
  std::vector<rlrec_metric> metrics_view;

 private:
  // Writes the standardised state of a raw record (state features then mask) into column col.
  void state_column(const float *raw, Eigen::MatrixXf &x, Eigen::Index col) const;
  // Reads every row of `in` into raw_ and x_ and returns the action values [actions, rows].
  // advance_history: act's step through the episode history, else a peek that changes nothing.
  Eigen::MatrixXf evaluate_rows(const rlrec_act_input &in, bool advance_history);
  // Row r's mask in raw_, with its available candidates listed in available_.
  const float *available_of(uint32_t r);
  double epsilon(const rlrec_act_input &in) const;
  // The valid action of largest value in column col of q (ties to the lower index).
  uint32_t best_action(const Eigen::MatrixXf &q, Eigen::Index col, const float *mask) const;
  bool trainable(size_t slot) const { return replay_.n_step(slot, settings_.q.n_step, settings_.q.gamma).valid; }
  void train_step();

  DqnSettings settings_;
  agent::ObsLayout layout_;
  agent::History history_;
  uint32_t n_, k_;
  size_t context_dim_, user_dim_, state_dim_;  // state = user features + candidates flattened
  SlateActions actions_;

  rlrec::nn::Rng rng_;
  rlrec::nn::Standardizer standardizer_;
  agent::QNetwork qnet_;
  agent::TrainClock clock_;
  rlrec::nn::ReplayBuffer replay_;  // floats: state [state_dim] | mask [n]; ints: action
  agent::ActRecords records_;       // floats: user features [user_dim]
  agent::EpisodeLinks links_;
  rlrec_policy_info info_{sizeof(rlrec_policy_info), RLREC_POLICY_LEARNS};

  struct Totals {
    double loss = 0, q = 0, grad_norm = 0;
    uint32_t steps = 0;
  } totals_;

  std::vector<float> raw_, hist_, scratch_state_, logged_;
  std::vector<uint32_t> available_, scratch_;
  std::vector<size_t> slots_;
  std::vector<float> weights_;
  Eigen::MatrixXf x_, xb_;
};

}  // namespace rlrec_dqn
