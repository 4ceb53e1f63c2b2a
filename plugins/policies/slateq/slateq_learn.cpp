// slateq_learn.cpp — storing transitions and the SlateQ gradient step.
#include <rlrec_support/boundary.hpp>

#include <algorithm>
#include <cmath>

#include "slateq_policy.hpp"

namespace rlrec_slateq {

using rlrec_support::fail;

namespace {

// Metric names (the runner prefixes "learner/"), in the order of metric_values_.
constexpr const char *kMetricNames[] = {"loss", "q_mean", "grad_norm", "choice_nll", "epsilon", "replay_size",
                                        "gradient_steps"};

}  // namespace

int SlateqPolicy::clicked_slot(const rlrec_transition_batch &batch, uint32_t row) {
  if (clicked_channel_ >= 0 && batch.info != nullptr) {
    const float slot = batch.info[static_cast<size_t>(row) * num_info_ + static_cast<size_t>(clicked_channel_)];
    return slot >= 0.0f && slot < static_cast<float>(k_) ? static_cast<int>(slot) : -1;
  }
  // Without the channel: the first slot whose response has the click column set.
  std::vector<float> &response = response_;
  response.resize(static_cast<size_t>(k_) * layout_.response_dim());
  layout_.read_response(batch.next_obs, row, response.data());
  const auto column = static_cast<size_t>(settings_.q.history.click_column);
  for (uint32_t l = 0; l < k_; ++l)
    if (column < layout_.response_dim() && response[l * layout_.response_dim() + column] != 0.0f)
      return static_cast<int>(l);
  return -1;
}

bool SlateqPolicy::trainable(size_t slot) const {
  if (!settings_.null_item && replay_.ints(slot)[rec_.click] < 0) return false;
  return replay_.n_step(slot, settings_.q.n_step, settings_.q.gamma).valid;
}

const float *SlateqPolicy::logged_records(const rlrec_transition_batch &batch) {
  logged_.assign(static_cast<size_t>(batch.rows) * rec_.act_floats, 0.0f);
  history_.logged_user_features(batch, rec_.act_floats, logged_.data());
  for (uint32_t r = 0; r < batch.rows; ++r) {
    float *record = logged_.data() + static_cast<size_t>(r) * rec_.act_floats;
    // from_env stays 0, so training scores these states with the learned model and never reads
    // v and v0; they are set to the values act uses without an env.
    std::fill_n(record + rec_.act_v, n_ + 1, 1.0f);
  }
  return logged_.data();
}

void SlateqPolicy::learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics) {
  const uint32_t rows = batch.rows;
  if (batch.actions == nullptr || batch.reward == nullptr || batch.terminated == nullptr ||
      batch.episode_id == nullptr || batch.step_index == nullptr)
    fail(RLREC_ERR_INVALID_ARGUMENT, "slateq.learn: actions, reward, terminated, episode_id and step_index are required");
  layout_.check(batch.obs, rows);
  layout_.check(batch.next_obs, rows);
  const float *acted = records_.rows() == 0 ? logged_records(batch) : records_.take(rows, "slateq");

  record_.resize(rec_.floats);
  record_ints_.resize(rec_.ints);
  for (uint32_t r = 0; r < rows; ++r) {
    const float *act = acted + static_cast<size_t>(r) * rec_.act_floats;
    std::copy_n(act, user_dim_, record_.data() + rec_.user);
    layout_.read_candidates(batch.obs, r, record_.data() + rec_.cand);
    layout_.read_mask(batch.obs, r, record_.data() + rec_.mask);
    std::copy_n(act + rec_.act_v, n_ + 2, record_.data() + rec_.v);  // v, v0, from_env
    std::copy_n(batch.actions + static_cast<size_t>(r) * k_, k_, record_ints_.data() + rec_.slate);
    const int clicked = clicked_slot(batch, r);
    record_ints_[rec_.click] = clicked;
    // The env's expected reward of what was consumed replaces the sampled one (a no-click earns 0):
    // the same expectation, without the noise of the response model.
    float reward = batch.reward[r];
    if (settings_.expected_reward && act[rec_.act_from_env] != 0.0f)
      reward = clicked >= 0 ? act[rec_.act_reward + static_cast<size_t>(record_ints_[rec_.slate + static_cast<size_t>(clicked)])]
                            : 0.0f;
    const bool continues = links_.next(r, batch.episode_id[r], batch.step_index[r]);
    replay_.push(r, continues, reward, batch.terminated[r] != 0, record_.data(), record_ints_.data());
    if (settings_.q.standardize && !inputs_.fitted()) inputs_.accumulate(record_.data() + rec_.user, record_.data() + rec_.cand);
  }

  const uint32_t due = clock_.advance(rows);
  if (due > 0 && settings_.q.standardize && !inputs_.fitted()) inputs_.fit();
  totals_ = Totals{};
  for (uint32_t step = 0; step < due; ++step) train_step();
  if (clock_.sync_due()) qnet_.sync();

  const double steps = std::max<uint32_t>(1, totals_.steps);
  const double choice_steps = std::max<uint32_t>(1, totals_.choice_steps);
  metric_values_ = {totals_.loss / steps,
                    totals_.q / steps,
                    totals_.grad_norm / steps,
                    totals_.choice_nll / choice_steps,
                    clock_.epsilon(),
                    static_cast<double>(replay_.size()),
                    static_cast<double>(clock_.gradient_steps_done())};
  for (size_t i = 0; i < metric_values_.size(); ++i) {
    // Losses only when this call trained; counters and epsilon always.
    if (i < 3 && totals_.steps == 0) continue;
    if (i == 3 && totals_.choice_steps == 0) continue;
    metrics.push_back({kMetricNames[i], metric_values_[i]});
  }
}

void SlateqPolicy::train_step() {
  const rlrec::nn::agent::QSettings &q = settings_.q;
  replay_.sample(rng_, q.batch_size, q.priority_beta, [this](size_t slot) { return trainable(slot); }, slots_,
                 weights_);
  const auto batch = static_cast<Eigen::Index>(slots_.size());
  if (batch == 0) return;

  // Predictions: Q(s_t, consumed item), the null item after a skip.
  x_.resize(inputs_.inputs(), batch);
  std::vector<rlrec::nn::ReplayBuffer::NStep> returns(static_cast<size_t>(batch));
  std::vector<size_t> bootstraps;
  std::vector<int> bootstrap_of(static_cast<size_t>(batch), -1);
  for (Eigen::Index b = 0; b < batch; ++b) {
    const size_t slot = slots_[static_cast<size_t>(b)];
    const float *f = replay_.floats(slot);
    const int32_t *ints = replay_.ints(slot);
    const int clicked = ints[rec_.click];
    inputs_.item(f + rec_.user, f + rec_.cand, clicked >= 0 ? ints[rec_.slate + static_cast<size_t>(clicked)] : -1, x_, b);
    returns[static_cast<size_t>(b)] = replay_.n_step(slot, q.n_step, q.gamma);
    if (returns[static_cast<size_t>(b)].bootstrap >= 0) {
      bootstrap_of[static_cast<size_t>(b)] = static_cast<int>(bootstraps.size());
      bootstraps.push_back(static_cast<size_t>(returns[static_cast<size_t>(b)].bootstrap));
    }
  }

  // Values of the bootstrap states: every candidate and the null item, under the target network
  // (and the online network, which picks the slate, with double-Q).
  const auto states = static_cast<Eigen::Index>(bootstraps.size());
  xb_.resize(inputs_.inputs(), states * (n_ + 1));
  for (Eigen::Index j = 0; j < states; ++j) {
    const float *f = replay_.floats(bootstraps[static_cast<size_t>(j)]);
    inputs_.state(f + rec_.user, f + rec_.cand, xb_, j * (n_ + 1));
  }
  const Eigen::MatrixXf q_target = states > 0 ? qnet_.values(ItemQ::Net::kTarget, xb_) : Eigen::MatrixXf();
  const bool double_q = q.double_q && q.target == rlrec::nn::agent::TargetKind::kQLearning;
  const Eigen::MatrixXf q_online =
      double_q && states > 0 ? qnet_.values(ItemQ::Net::kOnline, xb_) : Eigen::MatrixXf();
  std::vector<float> learned_v;
  if (kind_ == RLREC_CHOICE_CONDITIONAL && states > 0) {
    learned_v.resize(static_cast<size_t>(states) * n_);
    choice_.scores(xb_, n_, learned_v.data());
  }

  Eigen::VectorXf y(batch);
  for (Eigen::Index b = 0; b < batch; ++b) {
    const rlrec::nn::ReplayBuffer::NStep &ret = returns[static_cast<size_t>(b)];
    double target = ret.reward * q.reward_scale;
    const int j = bootstrap_of[static_cast<size_t>(b)];
    if (j >= 0) {
      const size_t slot = bootstraps[static_cast<size_t>(j)];
      const float *f = replay_.floats(slot);
      const bool from_env = f[rec_.from_env] != 0.0f;
      const Choice choice{from_env ? f + rec_.v : learned_v.data() + static_cast<size_t>(j) * n_,
                          from_env ? f[rec_.v0] : 1.0f};
      const float *q_eval = q_target.data() + static_cast<size_t>(j) * (n_ + 1);
      const float *q_select = double_q ? q_online.data() + static_cast<size_t>(j) * (n_ + 1) : q_eval;
      const int32_t *shown = q.target == rlrec::nn::agent::TargetKind::kSarsa ? replay_.ints(slot) + rec_.slate : nullptr;
      target += ret.discount * state_value(q_eval, q_select, choice, f + rec_.mask, shown);
    }
    y[b] = static_cast<float>(target);
  }

  Eigen::VectorXf weights;
  if (q.replay.prioritized) weights = Eigen::Map<const Eigen::VectorXf>(weights_.data(), batch);
  const ItemQ::Update update = qnet_.regress(x_, y, q.replay.prioritized ? &weights : nullptr);
  for (Eigen::Index b = 0; b < batch; ++b)
    replay_.update_priority(slots_[static_cast<size_t>(b)], std::abs(update.prediction[b] - y[b]));
  totals_.loss += update.loss;
  totals_.q += update.prediction.mean() / q.reward_scale;
  totals_.grad_norm += update.grad_norm;
  ++totals_.steps;

  // The learned choice model: likelihood of what was clicked among the shown items and "none".
  // Its batch must include skips even when the value batch does not (null_item false).
  if (kind_ != RLREC_CHOICE_CONDITIONAL) return;
  if (!settings_.null_item) {
    replay_.sample(rng_, q.batch_size, 0.0, [](size_t) { return true; }, slots_, weights_);
  }
  const auto choice_batch = static_cast<Eigen::Index>(slots_.size());
  xc_.resize(inputs_.inputs(), choice_batch * (k_ + 1));
  std::vector<int> chosen(static_cast<size_t>(choice_batch));
  for (Eigen::Index b = 0; b < choice_batch; ++b) {
    const size_t slot = slots_[static_cast<size_t>(b)];
    const float *f = replay_.floats(slot);
    const int32_t *ints = replay_.ints(slot);
    for (uint32_t l = 0; l <= k_; ++l)
      inputs_.item(f + rec_.user, f + rec_.cand, l < k_ ? ints[rec_.slate + l] : -1, xc_, b * (k_ + 1) + l);
    chosen[static_cast<size_t>(b)] = ints[rec_.click] >= 0 ? ints[rec_.click] : static_cast<int>(k_);
  }
  totals_.choice_nll += choice_.fit(xc_, k_, chosen);
  ++totals_.choice_steps;
}

}  // namespace rlrec_slateq
