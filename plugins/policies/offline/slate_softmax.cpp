#include "slate_softmax.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rlrec_offline {
namespace {

// exp(s_j - max) for available j, else 0; returns their sum.
double weights(const float *scores, const std::vector<uint8_t> &open, uint32_t n, std::vector<double> &w) {
  float top = -std::numeric_limits<float>::infinity();
  for (uint32_t j = 0; j < n; ++j)
    if (open[j]) top = std::max(top, scores[j]);
  double sum = 0.0;
  for (uint32_t j = 0; j < n; ++j) {
    w[j] = open[j] ? std::exp(static_cast<double>(scores[j] - top)) : 0.0;
    sum += w[j];
  }
  return sum;
}

// Adds the probability p of the current prefix (slots < depth, closed in `open`) times each
// candidate's chance at slot `depth` to marg [k, n], then recurses into the longer prefixes.
void visit(const float *scores, std::vector<uint8_t> &open, uint32_t n, uint32_t depth, uint32_t last, double p,
           double *marg) {
  std::vector<double> w(n);
  const double sum = weights(scores, open, n, w);
  for (uint32_t j = 0; j < n; ++j) marg[static_cast<size_t>(depth) * n + j] += p * w[j] / sum;
  if (depth == last) return;
  for (uint32_t j = 0; j < n; ++j) {
    if (w[j] == 0.0) continue;
    open[j] = 0;
    visit(scores, open, n, depth + 1, last, p * w[j] / sum, marg);
    open[j] = 1;
  }
}

}  // namespace

double slate_log_prob(const float *scores, const uint8_t *available, uint32_t n, const int32_t *slate, uint32_t k,
                      float *grad) {
  std::vector<uint8_t> open(available, available + n);
  std::vector<double> w(n);
  double logp = 0.0;
  for (uint32_t l = 0; l < k; ++l) {
    const auto a = static_cast<uint32_t>(slate[l]);
    const double sum = weights(scores, open, n, w);
    logp += std::log(w[a] / sum);
    if (grad != nullptr) {
      for (uint32_t j = 0; j < n; ++j) grad[j] -= static_cast<float>(w[j] / sum);
      grad[a] += 1.0f;
    }
    open[a] = 0;
  }
  return logp;
}

double sample_slate(rlrec::nn::Rng &rng, const float *scores, const uint8_t *available, uint32_t n, uint32_t k,
                    int32_t *slate) {
  std::vector<uint8_t> open(available, available + n);
  std::vector<double> w(n);
  double p = 1.0;
  for (uint32_t l = 0; l < k; ++l) {
    const double sum = weights(scores, open, n, w);
    double u = rng.uniform() * sum;
    uint32_t pick = n;
    for (uint32_t j = 0; j < n; ++j) {
      if (w[j] == 0.0) continue;
      pick = j;  // the last open one absorbs rounding
      if (u < w[j]) break;
      u -= w[j];
    }
    slate[l] = static_cast<int32_t>(pick);
    p *= w[pick] / sum;
    open[pick] = 0;
  }
  return p;
}

void item_marginals(const float *scores, const uint8_t *available, uint32_t n, uint32_t k, double *out,
                    double max_prefixes) {
  uint32_t open_count = 0;
  for (uint32_t j = 0; j < n; ++j) open_count += available[j] ? 1 : 0;
  uint32_t last = 0;  // deepest slot whose prefixes are few enough to enumerate
  double prefixes = 1.0;
  while (last + 1 < k && prefixes * (open_count - last) <= max_prefixes) prefixes *= open_count - last++;
  std::fill(out, out + static_cast<size_t>(k) * n, 0.0);
  std::fill(out + static_cast<size_t>(last + 1) * n, out + static_cast<size_t>(k) * n,
            std::numeric_limits<double>::quiet_NaN());
  std::vector<uint8_t> open(available, available + n);
  visit(scores, open, n, 0, last, 1.0, out);
}

void slot_marginals(const float *scores, const uint8_t *available, uint32_t n, const int32_t *slate, uint32_t k,
                    float *out, double max_prefixes) {
  std::vector<double> marg(static_cast<size_t>(k) * n);
  item_marginals(scores, available, n, k, marg.data(), max_prefixes);
  for (uint32_t l = 0; l < k; ++l) out[l] = static_cast<float>(marg[static_cast<size_t>(l) * n + static_cast<uint32_t>(slate[l])]);
}

}  // namespace rlrec_offline
