// ctr_model.hpp — the learning part of acme.ctr, free of the rlrec ABI: a logistic
// click-through model over per-candidate features, trained by SGD, with a byte format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace acme {

// Feature vector of one candidate: [ d | u * d[0..du) | 1 ], where d is the candidate's row
// (dd values) and u the user's features (du values, du <= dd; the product block only when
// `product` and du > 0). With one-hot topics in d and per-topic interests in u, the product
// block holds the user's interest in the candidate's topic: what a reader clicks on.
class Features {
 public:
  Features(std::size_t user_dim, std::size_t item_dim, bool product);
  std::size_t dim() const { return dim_; }
  // Writes x(u, d) into out[0 .. dim()). user may be null when user_dim is 0.
  void build(const float *user, const float *item, double *out) const;

 private:
  std::size_t user_dim_, item_dim_;
  bool product_;
  std::size_t dim_;
};

// P(click | x) = sigmoid(w . x), fitted by SGD on the log loss with L2 shrinkage.
class LogisticModel {
 public:
  LogisticModel(std::size_t dim, double learning_rate, double l2);
  double score(const double *x) const;  // the logit w . x
  // One SGD step toward `label` (0 or 1); returns the log loss before the step.
  double update(const double *x, double label);
  std::uint64_t updates() const { return updates_; }

  // The model as bytes, and back. load() throws std::invalid_argument on another format or
  // dimension (the message says which).
  void save(std::vector<unsigned char> &out) const;
  void load(const unsigned char *data, std::size_t size);

 private:
  std::vector<double> w_;
  double learning_rate_, l2_;
  std::uint64_t updates_ = 0;
};

}  // namespace acme
