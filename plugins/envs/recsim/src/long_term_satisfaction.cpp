#include "rlrec_recsim/long_term_satisfaction.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace rlrec_recsim {

LongTermSatisfaction::LongTermSatisfaction(const LongTermSatisfactionParams &params, uint32_t num_envs)
    : p_(params), num_envs_(num_envs), n_(params.slate.num_candidates), k_(params.slate.slate_size) {
  validate(p_.slate);
  // NPE_0 is scaled by 1 / (1 - memory_discount): the stationary range of the NPE recursion.
  if (!(p_.memory_discount < 1.0)) throw std::invalid_argument("memory_discount must be < 1");
  if (p_.time_budget < 1) throw std::invalid_argument("time_budget must be >= 1");
  rngs_.resize(num_envs);
  npe_.assign(num_envs, 0.0);
  sat_.assign(num_envs, 0.5);
  budget_.assign(num_envs, 0);
  cb_.assign(static_cast<size_t>(num_envs) * n_, 0.0);
}

double LongTermSatisfaction::sigmoid_sat(double npe) const noexcept {
  return 1.0 / (1.0 + std::exp(-p_.sensitivity * npe));
}

void LongTermSatisfaction::sample_documents(uint32_t b) {
  double *cb = &cb_[static_cast<size_t>(b) * n_];
  for (uint32_t i = 0; i < n_; ++i) cb[i] = uniform(rngs_[b].docs);
}

void LongTermSatisfaction::reset(uint32_t b, uint64_t seed) {
  rngs_[b] = episode_rngs(seed, p_.slate.document_seed);
  npe_[b] = (uniform(rngs_[b].user) - 0.5) / (1.0 - p_.memory_discount);
  sat_[b] = sigmoid_sat(npe_[b]);
  budget_[b] = p_.time_budget;
  sample_documents(b);
}

double LongTermSatisfaction::engagement_loc(uint32_t b, double cb) const noexcept {
  return (cb * p_.choc_mean + (1.0 - cb) * p_.kale_mean) * sat_[b];
}

double LongTermSatisfaction::engagement_scale(double cb) const noexcept {
  return cb * p_.choc_stddev + (1.0 - cb) * p_.kale_stddev;
}

StepResult LongTermSatisfaction::step(uint32_t b, const int32_t *slate, float *response, float *info) {
  Rng &rng = rngs_[b].user;
  const double cb = clickbait(b, static_cast<uint32_t>(slate[0]));
  const double engagement = std::exp(engagement_loc(b, cb) + engagement_scale(cb) * normal(rng));

  const double innovation = p_.innovation_stddev * normal(rng);
  npe_[b] = p_.memory_discount * npe_[b] - 2.0 * (cb - 0.5) + innovation;
  sat_[b] = sigmoid_sat(npe_[b]);
  budget_[b] -= 1;

  std::memset(response, 0, sizeof(float) * k_ * kLtsResponseDim);
  response[kLtsClick] = 1.0f;
  response[kLtsEngagement] = static_cast<float>(std::clamp(engagement, 0.0, p_.max_engagement));
  if (info != nullptr) {
    info[kLtsInfoClickedSlot] = 0.0f;
    info[kLtsInfoEngagement] = static_cast<float>(engagement);
    info[kLtsInfoSatisfaction] = static_cast<float>(sat_[b]);
    info[kLtsInfoClickbait] = static_cast<float>(cb);
  }
  if (p_.slate.resample_documents) sample_documents(b);
  StepResult result;
  result.reward = engagement;
  result.terminated = budget_[b] == 0;
  return result;
}

void LongTermSatisfaction::write_candidates(uint32_t b, float *out) const {
  for (uint32_t i = 0; i < n_; ++i) out[i] = static_cast<float>(clickbait(b, i));
}

void LongTermSatisfaction::choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const {
  for (uint32_t i = 0; i < n_; ++i) {
    if (scores != nullptr) scores[i] = 1.0f;
    if (reward_if_chosen != nullptr) {
      const double cb = clickbait(b, i);
      const double scale = engagement_scale(cb);
      reward_if_chosen[i] = static_cast<float>(std::exp(engagement_loc(b, cb) + 0.5 * scale * scale));
    }
  }
  if (no_click != nullptr) *no_click = 0.0f;
}

}  // namespace rlrec_recsim
