#include "rlrec_recsim/interest_evolution.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace rlrec_recsim {
namespace {

// NumPy's linspace(from, to, count): count points, both ends included; one point is `from`.
void append_linspace(std::vector<double> &out, double from, double to, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    out.push_back(count == 1 ? from : from + (to - from) * i / static_cast<double>(count - 1));
  }
}

}  // namespace

InterestEvolution::InterestEvolution(const InterestEvolutionParams &params, uint32_t num_envs)
    : p_(params),
      num_envs_(num_envs),
      n_(params.slate.num_candidates),
      k_(params.slate.slate_size),
      v0_(params.choice.no_click_weight()) {
  validate(p_.slate);
  if (p_.num_topics < 1) throw std::invalid_argument("num_topics must be >= 1");
  if (p_.interest_x_intercept == 0.0) throw std::invalid_argument("interest_x_intercept must be nonzero");
  // RecSim: concat(linspace(min, 0, int(T*0.7)), linspace(0, max, int(T*0.3))). The second count
  // is T minus the first here, so every cluster has a mean for any T; at T = 20 both give 14 + 6.
  const auto trashy =
      static_cast<uint32_t>(std::min<double>(p_.num_topics, std::floor(p_.num_topics * p_.trashy_fraction)));
  append_linspace(cluster_means_, p_.min_utility, 0.0, trashy);
  append_linspace(cluster_means_, 0.0, p_.max_utility, p_.num_topics - trashy);

  rngs_.resize(num_envs);
  budget_.assign(num_envs, 0.0);
  interest_.assign(static_cast<size_t>(num_envs) * p_.num_topics, 0.0);
  cluster_.assign(static_cast<size_t>(num_envs) * n_, 0);
  quality_.assign(static_cast<size_t>(num_envs) * n_, 0.0);
  weights_.assign(k_, 0.0);
}

void InterestEvolution::sample_documents(uint32_t b) {
  Rng &rng = rngs_[b].docs;
  for (uint32_t i = 0; i < n_; ++i) {
    const uint32_t c = below(rng, p_.num_topics);
    cluster_[idx(b, i, n_)] = c;
    quality_[idx(b, i, n_)] = cluster_means_[c] + p_.quality_std * normal(rng);
  }
}

void InterestEvolution::reset(uint32_t b, uint64_t seed) {
  rngs_[b] = episode_rngs(seed, p_.slate.document_seed);
  double *u = &interest_[idx(b, 0, p_.num_topics)];
  for (uint32_t t = 0; t < p_.num_topics; ++t) u[t] = -1.0 + 2.0 * uniform(rngs_[b].user);
  budget_[b] = p_.time_budget;
  sample_documents(b);
}

StepResult InterestEvolution::step(uint32_t b, const int32_t *slate, float *response, float *info) {
  Rng &rng = rngs_[b].user;
  double *u = &interest_[idx(b, 0, p_.num_topics)];
  const uint32_t *clusters = &cluster_[idx(b, 0, n_)];
  const double *qualities = &quality_[idx(b, 0, n_)];

  // Choice on the pre-transition state.
  for (uint32_t l = 0; l < k_; ++l) weights_[l] = p_.choice.weight(u[clusters[slate[l]]]);
  const int32_t clicked = sample_choice(p_.choice, weights_.data(), k_, v0_, uniform(rng));

  std::memset(response, 0, sizeof(float) * k_ * kIeResponseDim);
  for (uint32_t l = 0; l < k_; ++l) {
    response[l * kIeResponseDim + kIeClusterId] = static_cast<float>(clusters[slate[l]]);
    response[l * kIeResponseDim + kIeQuality] = static_cast<float>(qualities[slate[l]]);
  }

  StepResult result;
  double &budget = budget_[b];
  if (clicked >= 0) {
    const auto j = static_cast<uint32_t>(slate[clicked]);
    const uint32_t c = clusters[j];
    const double watch = std::min(budget, p_.video_length);
    const double expected_utility = p_.choice.single_item_score(u[c]);

    const double alpha =
        -(p_.interest_y_intercept / p_.interest_x_intercept) * std::fabs(u[c]) + p_.interest_y_intercept;
    const double delta = alpha * (1.0 - u[c]);
    const double positive = (u[c] + 1.0) / 2.0;
    u[c] = std::clamp(uniform(rng) < positive ? u[c] + delta : u[c] - delta, -1.0, 1.0);

    const double received = p_.user_quality_factor * expected_utility + p_.document_quality_factor * qualities[j];
    budget = budget - watch + p_.user_update_alpha * watch * received;

    response[clicked * kIeResponseDim + kIeClick] = 1.0f;
    response[clicked * kIeResponseDim + kIeWatchTime] = static_cast<float>(watch);
    result.reward = watch;
    if (info != nullptr) {
      info[kIeInfoClickedQuality] = static_cast<float>(qualities[j]);
      info[kIeInfoClickedCluster] = static_cast<float>(c);
    }
  } else {
    budget -= p_.step_penalty;
    if (info != nullptr) {
      info[kIeInfoClickedQuality] = 0.0f;
      info[kIeInfoClickedCluster] = -1.0f;
    }
  }
  if (info != nullptr) {
    info[kIeInfoClickedSlot] = static_cast<float>(clicked);
    info[kIeInfoEngagement] = static_cast<float>(result.reward);
  }
  result.terminated = budget <= 0.0;
  if (p_.slate.resample_documents) sample_documents(b);
  return result;
}

void InterestEvolution::write_user(uint32_t b, float *out) const {
  const double *u = interests(b);
  for (uint32_t t = 0; t < p_.num_topics; ++t) out[t] = static_cast<float>(u[t]);
}

void InterestEvolution::write_candidates(uint32_t b, float *out) const {
  std::memset(out, 0, sizeof(float) * n_ * p_.num_topics);
  for (uint32_t i = 0; i < n_; ++i) out[static_cast<size_t>(i) * p_.num_topics + cluster(b, i)] = 1.0f;
}

void InterestEvolution::choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const {
  const double *u = interests(b);
  const auto watch = static_cast<float>(std::max(0.0, std::min(budget_[b], p_.video_length)));
  for (uint32_t i = 0; i < n_; ++i) {
    if (scores != nullptr) scores[i] = static_cast<float>(p_.choice.weight(u[cluster(b, i)]));
    if (reward_if_chosen != nullptr) reward_if_chosen[i] = watch;
  }
  if (no_click != nullptr) *no_click = static_cast<float>(v0_);
}

}  // namespace rlrec_recsim
