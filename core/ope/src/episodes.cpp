#include "episodes.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace rlrec::ope {

Episodes::Episodes(const LoggedData &data) {
  const size_t n = data.size();
  if (n > std::numeric_limits<uint32_t>::max()) throw std::invalid_argument("logged data: more than 2^32 decisions");
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0u);
  const auto before = [&](uint32_t a, uint32_t b) {
    return data.episode[a] != data.episode[b] ? data.episode[a] < data.episode[b] : data.t[a] < data.t[b];
  };
  if (!std::is_sorted(order_.begin(), order_.end(), before)) std::stable_sort(order_.begin(), order_.end(), before);
  start_.push_back(0);
  for (size_t k = 1; k <= n; ++k) {
    if (k < n && data.episode[order_[k]] == data.episode[order_[k - 1]]) {
      if (data.t[order_[k]] == data.t[order_[k - 1]])
        throw std::invalid_argument("logged data: episode " + std::to_string(data.episode[order_[k]]) +
                                    " has two decisions at t = " + std::to_string(data.t[order_[k]]));
      continue;
    }
    max_length_ = std::max(max_length_, k - start_.back());
    start_.push_back(k);
  }
}

}  // namespace rlrec::ope
