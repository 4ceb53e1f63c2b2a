#include "rlrec_bandit/features.hpp"

#include <stdexcept>
#include <string>

namespace rlrec_bandit {

FeatureBuilder::FeatureBuilder(const FeatureSpec &spec, std::size_t user_dim, std::size_t item_dim)
    : spec_(spec), user_dim_(user_dim), item_dim_(item_dim), dim_(0) {
  const bool needs_user = spec.user || spec.product || spec.outer;
  if (needs_user && user_dim == 0)
    throw std::invalid_argument(
        "user_features, product_features and outer_features need a non-empty 'user' observation "
        "field; this env has none");
  if (spec.product && user_dim != item_dim)
    throw std::invalid_argument("product_features needs equal user and candidate dimensions (user " +
                                std::to_string(user_dim) + ", candidate " + std::to_string(item_dim) +
                                "); use outer_features instead");
  if (spec.candidate) dim_ += item_dim;
  if (spec.user) dim_ += user_dim;
  if (spec.product) dim_ += user_dim;
  if (spec.outer) dim_ += user_dim * item_dim;
  if (spec.bias) dim_ += 1;
  if (dim_ == 0) throw std::invalid_argument("no features: enable at least one feature block or the bias");
}

void FeatureBuilder::build(const double *user, const double *item, double *out) const {
  double *at = out;
  if (spec_.candidate)
    for (std::size_t j = 0; j < item_dim_; ++j) *at++ = item[j];
  if (spec_.user)
    for (std::size_t i = 0; i < user_dim_; ++i) *at++ = user[i];
  if (spec_.product)
    for (std::size_t i = 0; i < user_dim_; ++i) *at++ = user[i] * item[i];
  if (spec_.outer)
    for (std::size_t i = 0; i < user_dim_; ++i)
      for (std::size_t j = 0; j < item_dim_; ++j) *at++ = user[i] * item[j];
  if (spec_.bias) *at = 1.0;
}

}  // namespace rlrec_bandit
