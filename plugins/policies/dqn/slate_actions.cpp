#include "slate_actions.hpp"

#include <stdexcept>
#include <string>

namespace rlrec_dqn {

SlateActions::SlateActions(uint32_t n, uint32_t k, uint64_t max_actions) : n_(n), k_(k), block_(k, 1) {
  if (k < 1 || k > n) throw std::invalid_argument("dqn: needs 1 <= slate size <= candidates");
  for (int l = static_cast<int>(k) - 2; l >= 0; --l) block_[static_cast<size_t>(l)] = block_[static_cast<size_t>(l) + 1] * (n - static_cast<uint32_t>(l) - 1);
  const uint64_t count = block_[0] * n;
  if (count > max_actions)
    throw std::invalid_argument("dqn: " + std::to_string(n) + " candidates and slate " + std::to_string(k) +
                                " make " + std::to_string(count) + " ordered slates, more than max_actions " +
                                std::to_string(max_actions) + " (use slateq for large slate spaces)");
  slates_.reserve(static_cast<size_t>(count) * k);
  std::vector<int32_t> current(k);
  std::vector<uint8_t> used(n, 0);
  // Depth-first in lexicographic order.
  auto fill = [&](auto &self, uint32_t slot) -> void {
    if (slot == k) {
      slates_.insert(slates_.end(), current.begin(), current.end());
      return;
    }
    for (uint32_t i = 0; i < n; ++i) {
      if (used[i]) continue;
      used[i] = 1;
      current[slot] = static_cast<int32_t>(i);
      self(self, slot + 1);
      used[i] = 0;
    }
  };
  fill(fill, 0);
}

uint32_t SlateActions::index_of(const int32_t *slate) const {
  // Slot l contributes (number of unused items below slate[l]) * block_[l].
  uint64_t index = 0;
  for (uint32_t l = 0; l < k_; ++l) {
    uint32_t below = static_cast<uint32_t>(slate[l]);
    for (uint32_t m = 0; m < l; ++m)
      if (slate[m] < slate[l]) --below;
    index += below * block_[l];
  }
  return static_cast<uint32_t>(index);
}

bool SlateActions::available(uint32_t action, const float *mask) const {
  const int32_t *s = slate(action);
  for (uint32_t l = 0; l < k_; ++l)
    if (mask[s[l]] == 0.0f) return false;
  return true;
}

}  // namespace rlrec_dqn
