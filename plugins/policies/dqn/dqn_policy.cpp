// dqn_policy.cpp — construction and acting. Learning is in dqn_learn.cpp, the checkpoint format
// in dqn_state.cpp.
#include "dqn_policy.hpp"

#include <algorithm>

#include <rlrec_support/slate_probability.hpp>

#include "rlrec_nn/agent/exploration.hpp"

namespace rlrec_dqn {

namespace {

constexpr const char *kWho = "dqn";

}  // namespace

DqnPolicy::DqnPolicy(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed)
    : settings_(read_dqn_settings(params)),
      layout_(spec, kWho),
      history_(layout_, settings_.q.history, kWho),
      n_(layout_.num_candidates()),
      k_(layout_.slate_size()),
      context_dim_(layout_.context_dim()),
      user_dim_(layout_.context_dim() + history_.dim()),
      state_dim_(user_dim_ + static_cast<size_t>(n_) * layout_.item_dim()),
      actions_(n_, k_, settings_.max_actions),
      rng_(seed),
      standardizer_(state_dim_),
      qnet_(static_cast<int>(state_dim_), static_cast<int>(actions_.size()), settings_.q, rng_),
      clock_(settings_.q),
      records_(user_dim_, 4 * static_cast<size_t>(std::max(1u, spec.num_envs))) {
  rlrec::nn::ReplaySettings replay = settings_.q.replay;
  replay.float_width = state_dim_ + n_;
  replay.int_width = 1;
  replay_ = rlrec::nn::ReplayBuffer(replay);
  info_.flags |= history_.policy_flags();
}

void DqnPolicy::state_column(const float *raw, Eigen::MatrixXf &x, Eigen::Index col) const {
  float *dst = x.col(col).data();
  std::copy_n(raw, state_dim_, dst);
  standardizer_.apply(dst);
}

uint32_t DqnPolicy::best_action(const Eigen::MatrixXf &q, Eigen::Index col, const float *mask) const {
  uint32_t best = actions_.size();
  for (uint32_t a = 0; a < actions_.size(); ++a) {
    if (!actions_.available(a, mask)) continue;
    if (best == actions_.size() || q(a, col) > q(best, col)) best = a;
  }
  if (best == actions_.size()) throw std::invalid_argument("dqn: fewer available candidates than slate slots");
  return best;
}

Eigen::MatrixXf DqnPolicy::evaluate_rows(const rlrec_act_input &in, bool advance_history) {
  const uint32_t rows = in.rows;
  layout_.check(in.obs, rows);
  const rlrec_env *env = RLREC_HAS_MEMBER(rlrec_act_input, &in, env) ? in.env : nullptr;
  const uint8_t *starts = RLREC_HAS_MEMBER(rlrec_act_input, &in, episode_start) ? in.episode_start : nullptr;
  hist_.resize(static_cast<size_t>(rows) * history_.dim());
  if (advance_history) history_.features(env, rows, starts, in.obs, hist_.data());
  else history_.peek(env, rows, starts, in.obs, hist_.data());

  // Raw rows: state features, then the mask.
  raw_.resize(static_cast<size_t>(rows) * (state_dim_ + n_));
  x_.resize(static_cast<Eigen::Index>(state_dim_), rows);
  for (uint32_t r = 0; r < rows; ++r) {
    float *raw = raw_.data() + static_cast<size_t>(r) * (state_dim_ + n_);
    layout_.read_context(in.obs, r, raw);
    std::copy_n(hist_.data() + static_cast<size_t>(r) * history_.dim(), history_.dim(), raw + context_dim_);
    layout_.read_candidates(in.obs, r, raw + user_dim_);
    layout_.read_mask(in.obs, r, raw + state_dim_);
    state_column(raw, x_, r);
  }
  return qnet_.online().forward(x_);
}

const float *DqnPolicy::available_of(uint32_t r) {
  const float *mask = raw_.data() + static_cast<size_t>(r) * (state_dim_ + n_) + state_dim_;
  available_.clear();
  for (uint32_t i = 0; i < n_; ++i)
    if (mask[i] != 0.0f) available_.push_back(i);
  return mask;
}

double DqnPolicy::epsilon(const rlrec_act_input &in) const {
  return in.mode == RLREC_ACT_EXPLORE ? clock_.epsilon() : settings_.q.epsilon_eval;
}

void DqnPolicy::score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
                      double *item_prob) {
  rlrec_support::SlateScores scores(kWho, &in, slates, slate_prob, slot_prob, item_prob, k_, n_);
  const Eigen::MatrixXf q = evaluate_rows(in, false);
  const double eps = epsilon(in);
  for (uint32_t r = 0; r < in.rows; ++r) {
    const float *mask = available_of(r);
    scores.write(r, rlrec_support::EpsilonGreedySlates<float>{actions_.slate(best_action(q, r, mask)), k_, eps, mask,
                                                               static_cast<uint32_t>(available_.size())});
  }
}

void DqnPolicy::act(const rlrec_act_input &in, rlrec_act_output &out) {
  const uint32_t rows = in.rows;
  const rlrec_env *env = RLREC_HAS_MEMBER(rlrec_act_input, &in, env) ? in.env : nullptr;
  const Eigen::MatrixXf q = evaluate_rows(in, true);
  const double eps = epsilon(in);
  scratch_.resize(n_);
  for (uint32_t r = 0; r < rows; ++r) {
    const float *mask = available_of(r);
    const uint32_t best = best_action(q, r, mask);
    int32_t *slate = out.slates + static_cast<size_t>(r) * k_;
    float *propensity = out.slot_propensity != nullptr ? out.slot_propensity + static_cast<size_t>(r) * k_ : nullptr;
    agent::epsilon_greedy(rng_, eps, actions_.slate(best), available_.data(), static_cast<uint32_t>(available_.size()),
                          k_, scratch_.data(), slate, out.slate_prob + r, propensity);
    if (out.scores != nullptr)
      std::fill_n(out.scores + static_cast<size_t>(r) * k_, k_,
                  static_cast<float>(q(actions_.index_of(slate), r) / settings_.q.reward_scale));
  }
  history_.shown(env, rows, in.obs, out.slates);

  if (in.mode != RLREC_ACT_EXPLORE) return;
  float *records = records_.append(rows);
  for (uint32_t r = 0; r < rows; ++r)
    std::copy_n(raw_.data() + static_cast<size_t>(r) * (state_dim_ + n_), user_dim_, records + static_cast<size_t>(r) * user_dim_);
}

}  // namespace rlrec_dqn
