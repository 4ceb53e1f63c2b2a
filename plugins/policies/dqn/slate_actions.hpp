// slate_actions.hpp — the flat action space of DQN on a slate env: every ORDERED slate of k
// distinct candidates out of n, numbered in lexicographic order (RecSim's full_slate_q_agent
// enumerates the same itertools.permutations(range(n), k): 90 actions for n = 10, k = 2).
// Ordered, because a slate env may care about positions (the first-slot envs do).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rlrec_dqn {

class SlateActions {
 public:
  // Throws std::invalid_argument when there are more than max_actions slates.
  SlateActions(uint32_t n, uint32_t k, uint64_t max_actions);

  uint32_t size() const { return static_cast<uint32_t>(slates_.size() / k_); }
  const int32_t *slate(uint32_t action) const { return slates_.data() + static_cast<size_t>(action) * k_; }
  // The action number of a slate of k distinct indices in [0, n).
  uint32_t index_of(const int32_t *slate) const;
  // True when every item of the action is available (mask[i] != 0).
  bool available(uint32_t action, const float *mask) const;

 private:
  uint32_t n_, k_;
  std::vector<int32_t> slates_;      // [size, k]
  std::vector<uint64_t> block_;      // block_[l] = (n-l-1)!/(n-k)!: actions per choice at slot l
};

}  // namespace rlrec_dqn
