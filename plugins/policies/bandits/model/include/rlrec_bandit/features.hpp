// rlrec_bandit/features.hpp — the feature vector x(u, d) a linear bandit scores a candidate by.
//
// A linear model can only learn what its features make linear. Candidate features d alone give
// "the same best items for everyone"; the user's features u alone cannot rank items at all (they
// are the same for every candidate of a decision) but shift per-user click rates; the elementwise
// product u ⊙ d (when du == dd, e.g. interests over topics vs. one-hot topics) and the outer
// product u dᵀ are the interactions a reward shaped like uᵀd or uᵀWd needs. Blocks are laid out
// in this order, each present or not:
//
//   [ d (dd) | u (du) | u ⊙ d (du) | vec(u dᵀ) (du·dd, row i = u_i·d) | 1 ]
#pragma once

#include <cstddef>

namespace rlrec_bandit {

struct FeatureSpec {
  bool candidate = true;
  bool user = false;
  bool product = false;
  bool outer = false;
  bool bias = true;
};

class FeatureBuilder {
 public:
  // Throws std::invalid_argument when the blocks cannot be built for these dimensions (a user
  // block without user features, a product of unequal dimensions, no feature at all).
  FeatureBuilder(const FeatureSpec &spec, std::size_t user_dim, std::size_t item_dim);

  std::size_t dim() const { return dim_; }

  // Writes x(u, d) into out[0 .. dim()). user: [user_dim] (ignored when 0); item: [item_dim].
  void build(const double *user, const double *item, double *out) const;

 private:
  FeatureSpec spec_;
  std::size_t user_dim_;
  std::size_t item_dim_;
  std::size_t dim_;
};

}  // namespace rlrec_bandit
