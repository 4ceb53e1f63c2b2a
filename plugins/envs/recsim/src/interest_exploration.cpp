#include "rlrec_recsim/interest_exploration.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace rlrec_recsim {
namespace {

// Cumulative sums of a probability vector, checked: nonnegative entries with a positive total.
// Not normalised: categorical() scales its uniform by the total, like NumPy's cdf /= cdf[-1].
std::vector<double> cdf_of(const std::vector<double> &p, const char *name) {
  if (p.empty()) throw std::invalid_argument(std::string(name) + " must not be empty");
  std::vector<double> cdf;
  double total = 0.0;
  for (double x : p) {
    if (!(x >= 0.0)) throw std::invalid_argument(std::string(name) + " has a negative entry");
    total += x;
    cdf.push_back(total);
  }
  if (!(total > 0.0)) throw std::invalid_argument(std::string(name) + " must have a positive sum");
  return cdf;
}

void require_size(const std::vector<double> &v, size_t size, const char *name, const char *what) {
  if (v.size() != size) {
    throw std::invalid_argument(std::string(name) + " has " + std::to_string(v.size()) + " entries, expected " +
                                std::to_string(size) + " (" + what + ")");
  }
}

}  // namespace

InterestExploration::InterestExploration(const InterestExplorationParams &params, uint32_t num_envs)
    : p_(params),
      num_envs_(num_envs),
      n_(params.slate.num_candidates),
      k_(params.slate.slate_size),
      m_(static_cast<uint32_t>(params.topic_distribution.size())),
      y_(static_cast<uint32_t>(params.user_type_distribution.size())),
      v0_(params.choice.no_click_weight()) {
  validate(p_.slate);
  topic_cdf_ = cdf_of(p_.topic_distribution, "topic_distribution");
  type_cdf_ = cdf_of(p_.user_type_distribution, "user_type_distribution");
  require_size(p_.topic_quality_mean, m_, "topic_quality_mean", "one per topic");
  require_size(p_.topic_quality_stddev, m_, "topic_quality_stddev", "one per topic");
  require_size(p_.user_affinity_mean, static_cast<size_t>(y_) * m_, "user_affinity_mean",
               "user types x topics, row-major");
  require_size(p_.user_affinity_stddev, static_cast<size_t>(y_) * m_, "user_affinity_stddev",
               "user types x topics, row-major");

  rngs_.resize(num_envs);
  type_.assign(num_envs, 0);
  affinity_.assign(static_cast<size_t>(num_envs) * m_, 0.0);
  topic_.assign(static_cast<size_t>(num_envs) * n_, 0);
  quality_.assign(static_cast<size_t>(num_envs) * n_, 0.0);
  weights_.assign(k_, 0.0);
}

void InterestExploration::sample_documents(uint32_t b) {
  Rng &rng = rngs_[b].docs;
  for (uint32_t i = 0; i < n_; ++i) {
    const uint32_t t = categorical(rng, topic_cdf_.data(), m_);
    topic_[static_cast<size_t>(b) * n_ + i] = t;
    quality_[static_cast<size_t>(b) * n_ + i] =
        std::exp(p_.topic_quality_mean[t] + p_.topic_quality_stddev[t] * normal(rng));
  }
}

void InterestExploration::reset(uint32_t b, uint64_t seed) {
  rngs_[b] = episode_rngs(seed, p_.slate.document_seed);
  Rng &rng = rngs_[b].user;
  const uint32_t y = categorical(rng, type_cdf_.data(), y_);
  type_[b] = y;
  double *affinity = &affinity_[static_cast<size_t>(b) * m_];
  for (uint32_t t = 0; t < m_; ++t) {
    const size_t at = static_cast<size_t>(y) * m_ + t;
    affinity[t] = std::exp(p_.user_affinity_mean[at] + p_.user_affinity_stddev[at] * normal(rng));
  }
  sample_documents(b);
}

StepResult InterestExploration::step(uint32_t b, const int32_t *slate, float *response, float *info) {
  for (uint32_t l = 0; l < k_; ++l) {
    weights_[l] = p_.choice.weight(score(b, static_cast<uint32_t>(slate[l])));
  }
  const int32_t clicked = sample_choice(p_.choice, weights_.data(), k_, v0_, uniform(rngs_[b].user));

  std::memset(response, 0, sizeof(float) * k_ * kIxResponseDim);
  for (uint32_t l = 0; l < k_; ++l) {
    const auto i = static_cast<uint32_t>(slate[l]);
    response[l * kIxResponseDim + kIxClusterId] = static_cast<float>(topic(b, i));
    response[l * kIxResponseDim + kIxQuality] = static_cast<float>(quality(b, i));
  }
  StepResult result;
  if (clicked >= 0) {
    const auto j = static_cast<uint32_t>(slate[clicked]);
    response[clicked * kIxResponseDim + kIxClick] = 1.0f;
    result.reward = 1.0;
    if (info != nullptr) {
      info[kIxInfoClickedQuality] = static_cast<float>(quality(b, j));
      info[kIxInfoClickedCluster] = static_cast<float>(topic(b, j));
    }
  } else if (info != nullptr) {
    info[kIxInfoClickedQuality] = 0.0f;
    info[kIxInfoClickedCluster] = -1.0f;
  }
  if (info != nullptr) {
    info[kIxInfoClickedSlot] = static_cast<float>(clicked);
    info[kIxInfoEngagement] = static_cast<float>(result.reward);
  }
  if (p_.slate.resample_documents) sample_documents(b);
  return result;
}

void InterestExploration::write_candidates(uint32_t b, float *out) const {
  const uint32_t width = m_ + 1;
  std::memset(out, 0, sizeof(float) * n_ * width);
  for (uint32_t i = 0; i < n_; ++i) {
    float *row = out + static_cast<size_t>(i) * width;
    row[topic(b, i)] = 1.0f;
    row[m_] = static_cast<float>(quality(b, i));
  }
}

void InterestExploration::choice(uint32_t b, float *scores, float *no_click, float *reward_if_chosen) const {
  for (uint32_t i = 0; i < n_; ++i) {
    if (scores != nullptr) scores[i] = static_cast<float>(p_.choice.weight(score(b, i)));
    if (reward_if_chosen != nullptr) reward_if_chosen[i] = 1.0f;
  }
  if (no_click != nullptr) *no_click = static_cast<float>(v0_);
}

}  // namespace rlrec_recsim
