#include "offline_policy.hpp"

#include <rlrec_support/slate_probability.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "slate_softmax.hpp"

namespace rlrec_offline {
namespace {

using Matrix = Eigen::MatrixXf;
constexpr char kTag[9] = "OFFLINE1";
constexpr float kExtraScale = 100.0f;  // step index, reward so far -> value inputs of order 1

// The columns [context, candidate i] for i < n, from a record's start.
Matrix inputs_of(const float *record, size_t cd, size_t n, size_t dd) {
  Matrix x(static_cast<Eigen::Index>(cd + dd), static_cast<Eigen::Index>(n));
  for (size_t i = 0; i < n; ++i) {
    for (size_t c = 0; c < cd; ++c) x(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(i)) = record[c];
    for (size_t f = 0; f < dd; ++f)
      x(static_cast<Eigen::Index>(cd + f), static_cast<Eigen::Index>(i)) = record[cd + i * dd + f];
  }
  return x;
}

}  // namespace

OfflinePolicy::OfflinePolicy(const rlrec_value *v, const rlrec_env_spec &spec, uint64_t seed, double beta_override)
    : layout_(spec, "bc/marwil") {
  if (!layout_.has_candidates()) throw std::invalid_argument("bc/marwil: the env has no 'candidates' field to score");
  cd_ = layout_.context_dim();
  n_ = layout_.num_candidates();
  dd_ = layout_.item_dim();
  k_ = layout_.slate_size();
  hidden_ = agent::int_list(v[kHidden]);
  lr_ = static_cast<float>(v[kLr].f);
  grad_clip_ = static_cast<float>(v[kGradClip].f);
  batch_size_ = static_cast<size_t>(v[kBatchSize].i);
  gamma_ = v[kGamma].f;
  beta_ = beta_override >= 0 ? beta_override : v[kBeta].f;
  vf_coeff_ = v[kVfCoeff].f;
  max_weight_ = v[kMaxWeight].f;
  rate_ = v[kMovingAverageRate].f;
  sq_norm_ = v[kInitialSqNorm].f;
  capacity_ = static_cast<size_t>(v[kBufferCapacity].i);
  sample_greedy_ = v[kSampleGreedy].i != 0;
  rng_.seed(seed);
  std::vector<int> sizes = {static_cast<int>(cd_ + dd_)};
  sizes.insert(sizes.end(), hidden_.begin(), hidden_.end());
  sizes.push_back(1);
  score_net_ = rlrec::nn::Mlp<float>(sizes, rlrec::nn::Activation::kRelu, rlrec::nn::Activation::kLinear);
  score_net_.init(rng_);
  sizes.front() = static_cast<int>(cd_ + kValueExtras);
  value_net_ = rlrec::nn::Mlp<float>(sizes, rlrec::nn::Activation::kRelu, rlrec::nn::Activation::kLinear);
  value_net_.init(rng_);
  rlrec::nn::OptimizerSettings opt;
  opt.lr = lr_;
  score_opt_ = rlrec::nn::Optimizer(opt, score_net_.num_params());
  value_opt_ = rlrec::nn::Optimizer(opt, value_net_.num_params());
}

void OfflinePolicy::read_row(const rlrec_tensor *obs, uint32_t row, float *record) const {
  layout_.read_context(obs, row, record);
  layout_.read_candidates(obs, row, record + cd_);
  layout_.read_mask(obs, row, record + cd_ + n_ * dd_);
}

void OfflinePolicy::scores_of(const float *record, float *scores) const {
  const Matrix s = score_net_.forward(inputs_of(record, cd_, n_, dd_));
  for (size_t i = 0; i < n_; ++i) scores[i] = s(0, static_cast<Eigen::Index>(i));
}

void OfflinePolicy::score_row(const rlrec_act_input &in, uint32_t r, std::vector<float> &record,
                              std::vector<float> &scores, std::vector<uint8_t> &available) const {
  read_row(in.obs, r, record.data());
  scores_of(record.data(), scores.data());
  uint32_t open = 0;
  for (size_t i = 0; i < n_; ++i) open += (available[i] = record[cd_ + n_ * dd_ + i] != 0.0f ? 1 : 0);
  if (open < k_) throw std::invalid_argument("bc/marwil: row " + std::to_string(r) + " has fewer available candidates than slots");
}

void OfflinePolicy::top_slate(const std::vector<float> &scores, const std::vector<uint8_t> &available,
                              int32_t *slate) const {
  std::vector<int32_t> order;
  for (size_t i = 0; i < n_; ++i)
    if (available[i]) order.push_back(static_cast<int32_t>(i));
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return scores[static_cast<size_t>(a)] > scores[static_cast<size_t>(b)]; });
  std::copy_n(order.begin(), k_, slate);
}

bool OfflinePolicy::samples(const rlrec_act_input &in) const { return in.mode == RLREC_ACT_EXPLORE || sample_greedy_; }

void OfflinePolicy::act(const rlrec_act_input &in, rlrec_act_output &out) {
  layout_.check(in.obs, in.rows);
  std::vector<float> record(width()), scores(n_);
  std::vector<uint8_t> available(n_);
  for (uint32_t r = 0; r < in.rows; ++r) {
    score_row(in, r, record, scores, available);
    int32_t *slate = out.slates + static_cast<size_t>(r) * k_;
    if (samples(in)) {
      out.slate_prob[r] = static_cast<float>(sample_slate(rng_, scores.data(), available.data(), static_cast<uint32_t>(n_),
                                                          static_cast<uint32_t>(k_), slate));
      if (out.slot_propensity != nullptr)
        slot_marginals(scores.data(), available.data(), static_cast<uint32_t>(n_), slate, static_cast<uint32_t>(k_),
                       out.slot_propensity + static_cast<size_t>(r) * k_);
    } else {
      top_slate(scores, available, slate);
      out.slate_prob[r] = 1.0f;
      if (out.slot_propensity != nullptr) std::fill_n(out.slot_propensity + static_cast<size_t>(r) * k_, k_, 1.0f);
    }
    if (out.scores != nullptr)
      for (size_t l = 0; l < k_; ++l) out.scores[r * k_ + l] = scores[static_cast<size_t>(slate[l])];
  }
}

void OfflinePolicy::score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
                          double *item_prob) {
  const auto n = static_cast<uint32_t>(n_), k = static_cast<uint32_t>(k_);
  rlrec_support::SlateScores out("bc/marwil", &in, slates, slate_prob, slot_prob, item_prob, k, n);
  layout_.check(in.obs, in.rows);
  std::vector<float> record(width()), scores(n_);
  std::vector<uint8_t> available(n_);
  std::vector<double> marginals(k_ * n_);
  std::vector<int32_t> greedy(k_);
  for (uint32_t r = 0; r < in.rows; ++r) {
    score_row(in, r, record, scores, available);
    if (!samples(in)) {
      top_slate(scores, available, greedy.data());
      const auto m = static_cast<uint32_t>(std::count(available.begin(), available.end(), uint8_t{1}));
      out.write(r, rlrec_support::EpsilonGreedySlates<uint8_t>{greedy.data(), k, 0.0, available.data(), m});
      continue;
    }
    const int32_t *slate = out.slate(r);
    bool valid = true;  // distinct available items: slate_log_prob is defined
    for (uint32_t l = 0; l < k; ++l) {
      valid = valid && available[static_cast<size_t>(slate[l])] != 0;
      for (uint32_t j = 0; j < l; ++j) valid = valid && slate[j] != slate[l];
    }
    item_marginals(scores.data(), available.data(), n, k, marginals.data());
    out.write(r, valid ? std::exp(slate_log_prob(scores.data(), available.data(), n, slate, k, nullptr)) : 0.0,
              [&](uint32_t l, int32_t i) { return marginals[static_cast<size_t>(l) * n + static_cast<uint32_t>(i)]; });
  }
}

void OfflinePolicy::finish_episode(std::vector<float> &rows) {
  const size_t w = width();
  double so_far = 0.0;
  for (size_t i = 0; i < rows.size() / w; ++i) {
    rows[i * w + w - 2] = static_cast<float>(so_far);
    so_far += rows[i * w + w - 1];
  }
  double ret = 0.0;
  for (size_t i = rows.size() / w; i-- > 0;) {  // the return slot holds the reward until here
    float &slot = rows[i * w + w - 1];
    ret = slot + gamma_ * ret;
    slot = static_cast<float>(ret);
  }
  if (buffer_.size() < capacity_ * w) buffer_.resize(capacity_ * w);
  for (size_t i = 0; i < rows.size() / w; ++i) {
    std::copy_n(rows.begin() + static_cast<std::ptrdiff_t>(i * w), w, buffer_.begin() + static_cast<std::ptrdiff_t>(next_slot_ * w));
    next_slot_ = (next_slot_ + 1) % capacity_;
    stored_ = std::min(stored_ + 1, capacity_);
  }
}

void OfflinePolicy::learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics) {
  layout_.check(batch.obs, batch.rows);
  if (batch.actions == nullptr || batch.reward == nullptr || batch.terminated == nullptr || batch.truncated == nullptr ||
      batch.episode_id == nullptr)
    throw std::invalid_argument("bc/marwil: learn needs actions, reward, terminated, truncated and episode_id");
  const size_t w = width();
  for (uint32_t r = 0; r < batch.rows; ++r) {
    std::vector<float> &rows = open_[batch.episode_id[r]];
    const size_t at = rows.size();
    rows.resize(at + w);
    read_row(batch.obs, r, rows.data() + at);
    for (size_t l = 0; l < k_; ++l) {
      const int32_t a = batch.actions[r * k_ + l];
      if (a < 0 || static_cast<size_t>(a) >= n_) throw std::invalid_argument("bc/marwil: a slate index out of range");
      rows[at + cd_ + n_ * dd_ + n_ + l] = static_cast<float>(a);
    }
    rows[at + w - 3] = batch.step_index != nullptr ? static_cast<float>(batch.step_index[r]) : 0.0f;
    rows[at + w - 1] = batch.reward[r];
    if (batch.terminated[r] || batch.truncated[r]) {
      finish_episode(rows);
      open_.erase(batch.episode_id[r]);
    }
  }
  metric_values_.clear();
  rows_since_step_ += batch.rows;
  while (stored_ >= batch_size_ && rows_since_step_ >= batch_size_) {
    rows_since_step_ -= batch_size_;
    train_step();
  }
  for (const auto &[name, value] : metric_values_) metrics.push_back({name.c_str(), value});
}

void OfflinePolicy::train_step() {
  const size_t w = width(), b = batch_size_;
  const auto B = static_cast<Eigen::Index>(b), N = static_cast<Eigen::Index>(n_);
  std::vector<const float *> records(b);
  for (const float *&rec : records) rec = buffer_.data() + rng_.below(stored_) * w;

  // Advantages from the value head (one batched pass), and its regression step.
  std::vector<double> weight(b, 1.0);
  double value_loss = 0, sq_adv = 0;
  if (beta_ > 0) {
    Matrix ctx(static_cast<Eigen::Index>(cd_ + kValueExtras), B);
    for (size_t s = 0; s < b; ++s) {
      for (size_t c = 0; c < cd_; ++c) ctx(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(s)) = records[s][c];
      for (size_t e = 0; e < kValueExtras; ++e)
        ctx(static_cast<Eigen::Index>(cd_ + e), static_cast<Eigen::Index>(s)) = records[s][w - 1 - kValueExtras + e] / kExtraScale;
    }
    rlrec::nn::Mlp<float>::Cache cache;
    const Matrix &v = value_net_.forward(ctx, cache);
    Matrix g(1, B);
    for (size_t s = 0; s < b; ++s) {
      const double adv = records[s][w - 1] - v(0, static_cast<Eigen::Index>(s));
      value_loss += 0.5 * adv * adv;
      sq_adv += adv * adv;
      g(0, static_cast<Eigen::Index>(s)) = static_cast<float>(-vf_coeff_ * adv / static_cast<double>(b));
      weight[s] = std::min(std::exp(beta_ * adv / std::sqrt(sq_norm_)), max_weight_);
    }
    Eigen::VectorXf value_grad = Eigen::VectorXf::Zero(value_net_.num_params());
    value_net_.backward(cache, g, value_grad);
    rlrec::nn::clip_by_global_norm(value_grad, grad_clip_);
    value_opt_.step(value_net_.params(), value_grad);
    sq_norm_ += rate_ * (sq_adv / static_cast<double>(b) - sq_norm_);
  }

  // The weighted slate log-likelihood over all b x n (context, candidate) columns at once.
  Matrix x(static_cast<Eigen::Index>(cd_ + dd_), B * N);
  for (size_t s = 0; s < b; ++s) x.middleCols(static_cast<Eigen::Index>(s) * N, N) = inputs_of(records[s], cd_, n_, dd_);
  rlrec::nn::Mlp<float>::Cache cache;
  const Matrix &out = score_net_.forward(x, cache);
  Matrix g(1, B * N);
  std::vector<float> scores(n_), dlogp(n_);
  std::vector<uint8_t> available(n_);
  std::vector<int32_t> slate(k_);
  double policy_loss = 0, weight_sum = 0;
  for (size_t s = 0; s < b; ++s) {
    const float *rec = records[s];
    for (size_t i = 0; i < n_; ++i) {
      scores[i] = out(0, static_cast<Eigen::Index>(s * n_ + i));
      available[i] = rec[cd_ + n_ * dd_ + i] != 0.0f ? 1 : 0;
    }
    for (size_t l = 0; l < k_; ++l) slate[l] = static_cast<int32_t>(rec[cd_ + n_ * dd_ + n_ + l]);
    std::fill(dlogp.begin(), dlogp.end(), 0.0f);
    policy_loss -= weight[s] * slate_log_prob(scores.data(), available.data(), static_cast<uint32_t>(n_), slate.data(),
                                              static_cast<uint32_t>(k_), dlogp.data());
    weight_sum += weight[s];
    for (size_t i = 0; i < n_; ++i)
      g(0, static_cast<Eigen::Index>(s * n_ + i)) = static_cast<float>(-weight[s] * dlogp[i] / static_cast<double>(b));
  }
  Eigen::VectorXf score_grad = Eigen::VectorXf::Zero(score_net_.num_params());
  score_net_.backward(cache, g, score_grad);
  rlrec::nn::clip_by_global_norm(score_grad, grad_clip_);
  score_opt_.step(score_net_.params(), score_grad);
  metric_values_ = {{"policy_loss", policy_loss / static_cast<double>(b)},
                    {"value_loss", value_loss / static_cast<double>(b)},
                    {"mean_weight", weight_sum / static_cast<double>(b)},
                    {"adv_norm", std::sqrt(sq_norm_)}};
}

void OfflinePolicy::save(rlrec::nn::ByteWriter &out) const {
  out.tag(kTag);
  score_net_.save(out);
  value_net_.save(out);
  score_opt_.save(out);
  value_opt_.save(out);
  for (int i = 0; i < 4; ++i) out.u64(rng_.state()[i]);
  out.f64(sq_norm_);
  out.u64(rows_since_step_);
  out.u64(stored_);
  out.u64(next_slot_);
  out.f32s(buffer_.data(), stored_ * width());
  out.u64(open_.size());
  for (const auto &[id, rows] : open_) {
    out.u64(id);
    out.f32s(rows.data(), rows.size());
  }
}

void OfflinePolicy::load(rlrec::nn::ByteReader &in) {
  OfflinePolicy copy = *this;  // load MUST change nothing when it throws: fill a copy, then swap
  in.expect_tag(kTag, "a bc/marwil policy state");
  copy.score_net_.load(in);
  copy.value_net_.load(in);
  copy.score_opt_.load(in);
  copy.value_opt_.load(in);
  uint64_t words[4];
  for (uint64_t &word : words) word = in.u64();
  if (!copy.rng_.set_state(words)) throw rlrec::nn::FormatError("bc/marwil: an all-zero RNG state");
  copy.sq_norm_ = in.f64();
  copy.rows_since_step_ = in.u64();
  copy.stored_ = in.u64();
  copy.next_slot_ = in.u64();
  if (copy.stored_ > capacity_ || copy.next_slot_ >= capacity_) throw rlrec::nn::FormatError("bc/marwil: buffer counters out of range");
  copy.buffer_ = in.f32s(copy.stored_ * width());
  if (copy.stored_ > 0) copy.buffer_.resize(capacity_ * width());
  copy.open_.clear();
  const uint64_t episodes = in.u64();
  for (uint64_t e = 0; e < episodes; ++e) {
    const uint64_t id = in.u64();
    copy.open_[id] = in.f32s();
    if (copy.open_[id].size() % width() != 0) throw rlrec::nn::FormatError("bc/marwil: a partial episode row");
  }
  if (in.remaining() != 0) throw rlrec::nn::FormatError("bc/marwil: trailing bytes after the state");
  *this = std::move(copy);
}

}  // namespace rlrec_offline
