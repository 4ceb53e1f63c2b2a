// dqn_learn.cpp — storing transitions and the DQN gradient step.
#include <rlrec_support/boundary.hpp>

#include <algorithm>
#include <cmath>

#include "dqn_policy.hpp"

namespace rlrec_dqn {

void DqnPolicy::learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics) {
  const uint32_t rows = batch.rows;
  if (batch.actions == nullptr || batch.reward == nullptr || batch.terminated == nullptr ||
      batch.episode_id == nullptr || batch.step_index == nullptr)
    rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT,
                        "dqn.learn: actions, reward, terminated, episode_id and step_index are required");
  layout_.check(batch.obs, rows);
  // Without a preceding act (logged decisions: offline training) the user features are rebuilt
  // from the batch.
  const float *acted = nullptr;
  if (records_.rows() == 0) {
    logged_.resize(static_cast<size_t>(rows) * user_dim_);
    history_.logged_user_features(batch, user_dim_, logged_.data());
    acted = logged_.data();
  } else {
    acted = records_.take(rows, "dqn");
  }
  scratch_state_.resize(state_dim_ + n_);
  for (uint32_t r = 0; r < rows; ++r) {
    std::copy_n(acted + static_cast<size_t>(r) * user_dim_, user_dim_, scratch_state_.data());
    layout_.read_candidates(batch.obs, r, scratch_state_.data() + user_dim_);
    layout_.read_mask(batch.obs, r, scratch_state_.data() + state_dim_);
    const auto action = static_cast<int32_t>(actions_.index_of(batch.actions + static_cast<size_t>(r) * k_));
    const bool continues = links_.next(r, batch.episode_id[r], batch.step_index[r]);
    replay_.push(r, continues, batch.reward[r], batch.terminated[r] != 0, scratch_state_.data(), &action);
    if (settings_.q.standardize && !standardizer_.fitted()) standardizer_.accumulate(scratch_state_.data());
  }

  const uint32_t due = clock_.advance(rows);
  if (due > 0 && settings_.q.standardize && !standardizer_.fitted()) standardizer_.fit();
  totals_ = Totals{};
  for (uint32_t step = 0; step < due; ++step) train_step();
  if (clock_.sync_due()) qnet_.sync();

  if (totals_.steps > 0) {
    metrics.push_back({"loss", totals_.loss / totals_.steps});
    metrics.push_back({"q_mean", totals_.q / totals_.steps});
    metrics.push_back({"grad_norm", totals_.grad_norm / totals_.steps});
  }
  metrics.push_back({"epsilon", clock_.epsilon()});
  metrics.push_back({"replay_size", static_cast<double>(replay_.size())});
  metrics.push_back({"gradient_steps", static_cast<double>(clock_.gradient_steps_done())});
}

void DqnPolicy::train_step() {
  const agent::QSettings &q = settings_.q;
  replay_.sample(rng_, q.batch_size, q.priority_beta, [this](size_t slot) { return trainable(slot); }, slots_,
                 weights_);
  const auto batch = static_cast<Eigen::Index>(slots_.size());
  if (batch == 0) return;

  x_.resize(static_cast<Eigen::Index>(state_dim_), batch);
  std::vector<rlrec::nn::ReplayBuffer::NStep> returns(static_cast<size_t>(batch));
  std::vector<size_t> bootstraps;
  std::vector<int> bootstrap_of(static_cast<size_t>(batch), -1);
  std::vector<int> taken(static_cast<size_t>(batch));
  for (Eigen::Index b = 0; b < batch; ++b) {
    const size_t slot = slots_[static_cast<size_t>(b)];
    state_column(replay_.floats(slot), x_, b);
    taken[static_cast<size_t>(b)] = replay_.ints(slot)[0];
    returns[static_cast<size_t>(b)] = replay_.n_step(slot, q.n_step, q.gamma);
    if (returns[static_cast<size_t>(b)].bootstrap >= 0) {
      bootstrap_of[static_cast<size_t>(b)] = static_cast<int>(bootstraps.size());
      bootstraps.push_back(static_cast<size_t>(returns[static_cast<size_t>(b)].bootstrap));
    }
  }
  const auto states = static_cast<Eigen::Index>(bootstraps.size());
  xb_.resize(static_cast<Eigen::Index>(state_dim_), states);
  for (Eigen::Index j = 0; j < states; ++j) state_column(replay_.floats(bootstraps[static_cast<size_t>(j)]), xb_, j);
  const Eigen::MatrixXf q_target = states > 0 ? qnet_.target().forward(xb_) : Eigen::MatrixXf();
  const bool double_q = q.double_q && q.target == agent::TargetKind::kQLearning;
  const Eigen::MatrixXf q_online = double_q && states > 0 ? qnet_.online().forward(xb_) : Eigen::MatrixXf();

  Eigen::VectorXf y(batch);
  for (Eigen::Index b = 0; b < batch; ++b) {
    const rlrec::nn::ReplayBuffer::NStep &ret = returns[static_cast<size_t>(b)];
    double target = ret.reward * q.reward_scale;
    const int j = bootstrap_of[static_cast<size_t>(b)];
    if (j >= 0) {
      const size_t slot = bootstraps[static_cast<size_t>(j)];
      uint32_t next;
      if (q.target == agent::TargetKind::kSarsa) next = static_cast<uint32_t>(replay_.ints(slot)[0]);
      else next = best_action(double_q ? q_online : q_target, j, replay_.floats(slot) + state_dim_);
      target += ret.discount * q_target(next, j);
    }
    y[b] = static_cast<float>(target);
  }

  Eigen::VectorXf weights;
  if (q.replay.prioritized) weights = Eigen::Map<const Eigen::VectorXf>(weights_.data(), batch);
  const agent::QNetwork::Update update = qnet_.regress(x_, taken, y, q.replay.prioritized ? &weights : nullptr);
  for (Eigen::Index b = 0; b < batch; ++b)
    replay_.update_priority(slots_[static_cast<size_t>(b)], std::abs(update.prediction[b] - y[b]));
  totals_.loss += update.loss;
  totals_.q += update.prediction.mean() / q.reward_scale;
  totals_.grad_norm += update.grad_norm;
  ++totals_.steps;
}

}  // namespace rlrec_dqn
