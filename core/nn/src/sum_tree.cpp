#include "rlrec_nn/sum_tree.hpp"

#include <stdexcept>

namespace rlrec::nn {

SumTree::SumTree(size_t leaves) : leaves_(leaves) {
  while (base_ < leaves) base_ *= 2;
  tree_.assign(2 * base_, 0.0);
}

void SumTree::set(size_t leaf, double value) {
  if (leaf >= leaves_ || !(value >= 0.0)) throw std::invalid_argument("SumTree::set: bad leaf or value");
  size_t node = base_ + leaf;
  tree_[node] = value;
  // Recomputed from the children rather than adjusted by a difference, so rounding errors never
  // accumulate over millions of updates.
  for (node /= 2; node >= 1; node /= 2) tree_[node] = tree_[2 * node] + tree_[2 * node + 1];
}

size_t SumTree::find(double mass) const {
  size_t node = 1;
  while (node < base_) {
    const size_t left = 2 * node;
    // Descend right only when the right subtree has mass: a rounding excess never lands on an
    // empty (zero-priority) leaf.
    if (mass < tree_[left] || tree_[left + 1] <= 0.0) {
      node = left;
    } else {
      mass -= tree_[left];
      node = left + 1;
    }
  }
  return node - base_;
}

}  // namespace rlrec::nn
