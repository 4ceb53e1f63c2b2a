// rlrec_nn/sum_tree.hpp — a binary tree of partial sums over N non-negative leaves: set a leaf and
// find the leaf where a running sum crosses a value, both in O(log N). It is what makes
// proportional prioritised replay (Schaul et al., 2016) sample in O(log N) per draw.
#pragma once

#include <cstddef>
#include <vector>

namespace rlrec::nn {

class SumTree {
 public:
  SumTree() = default;
  explicit SumTree(size_t leaves);

  size_t leaves() const { return leaves_; }
  void set(size_t leaf, double value);  // value >= 0
  double get(size_t leaf) const { return tree_[base_ + leaf]; }
  double total() const { return tree_.empty() ? 0.0 : tree_[1]; }
  // The leaf i with sum(leaf < i) <= mass < sum(leaf <= i), for 0 <= mass < total(); mass beyond
  // the total (rounding) returns the last leaf with a nonzero value.
  size_t find(double mass) const;

 private:
  size_t leaves_ = 0;
  size_t base_ = 1;          // index of leaf 0: the smallest power of two >= leaves
  std::vector<double> tree_; // [2 * base_]; node k has children 2k and 2k+1; root at 1
};

}  // namespace rlrec::nn
