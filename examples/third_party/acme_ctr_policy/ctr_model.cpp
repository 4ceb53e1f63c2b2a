#include "ctr_model.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace acme {
namespace {

// "ACMECTR" + format version 1: load() refuses anything else.
constexpr char kMagic[8] = {'A', 'C', 'M', 'E', 'C', 'T', 'R', '1'};

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

template <class T>
void put(std::vector<unsigned char> &out, const T &value) {
  const auto *bytes = reinterpret_cast<const unsigned char *>(&value);
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

}  // namespace

Features::Features(std::size_t user_dim, std::size_t item_dim, bool product)
    : user_dim_(user_dim), item_dim_(item_dim), product_(product && user_dim > 0) {
  if (product_ && user_dim_ > item_dim_) {
    throw std::invalid_argument("the product features need user_dim (" + std::to_string(user_dim_) +
                                ") <= the candidate feature dim (" + std::to_string(item_dim_) + ")");
  }
  dim_ = item_dim_ + (product_ ? user_dim_ : 0) + 1;
}

void Features::build(const float *user, const float *item, double *out) const {
  std::size_t k = 0;
  for (std::size_t j = 0; j < item_dim_; ++j) out[k++] = item[j];
  if (product_) {
    for (std::size_t j = 0; j < user_dim_; ++j) out[k++] = double(user[j]) * item[j];
  }
  out[k] = 1.0;
}

LogisticModel::LogisticModel(std::size_t dim, double learning_rate, double l2)
    : w_(dim, 0.0), learning_rate_(learning_rate), l2_(l2) {}

double LogisticModel::score(const double *x) const {
  double z = 0.0;
  for (std::size_t j = 0; j < w_.size(); ++j) z += w_[j] * x[j];
  return z;
}

double LogisticModel::update(const double *x, double label) {
  const double p = sigmoid(score(x));
  const double gradient = label - p;
  for (std::size_t j = 0; j < w_.size(); ++j) w_[j] += learning_rate_ * (gradient * x[j] - l2_ * w_[j]);
  ++updates_;
  const double eps = 1e-12;
  return -(label * std::log(p + eps) + (1.0 - label) * std::log(1.0 - p + eps));
}

void LogisticModel::save(std::vector<unsigned char> &out) const {
  out.insert(out.end(), kMagic, kMagic + sizeof kMagic);
  put(out, static_cast<std::uint64_t>(w_.size()));
  put(out, updates_);
  for (double w : w_) put(out, w);
}

void LogisticModel::load(const unsigned char *data, std::size_t size) {
  const std::size_t header = sizeof kMagic + 2 * sizeof(std::uint64_t);
  if (size < header || std::memcmp(data, kMagic, sizeof kMagic) != 0) {
    throw std::invalid_argument("not an acme.ctr model (format ACMECTR1)");
  }
  std::uint64_t dim = 0, updates = 0;
  std::memcpy(&dim, data + sizeof kMagic, sizeof dim);
  std::memcpy(&updates, data + sizeof kMagic + sizeof dim, sizeof updates);
  if (dim != w_.size() || size != header + dim * sizeof(double)) {
    throw std::invalid_argument("the saved model has " + std::to_string(dim) + " features, this one " +
                                std::to_string(w_.size()));
  }
  std::memcpy(w_.data(), data + header, dim * sizeof(double));
  updates_ = updates;
}

}  // namespace acme
