// episodes.hpp — logged decisions grouped into episodes, each in step order: the unit every
// estimator walks and the bootstrap resamples.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "rlrec_ope/logged_data.hpp"

namespace rlrec::ope {

class Episodes {
 public:
  // Logs already sorted by (episode, t), as a logger writes them, are taken as they are; others
  // are sorted (stable, so the result does not depend on the sort). Throws std::invalid_argument
  // when an episode has two decisions at one step. REQUIRES: data.check_shapes() passed.
  explicit Episodes(const LoggedData &data);

  size_t count() const { return start_.size() - 1; }
  size_t max_length() const { return max_length_; }
  // Episode e's decision indices (rows of the LoggedData), in step order.
  std::span<const uint32_t> decisions(size_t e) const {
    return std::span(order_).subspan(start_[e], start_[e + 1] - start_[e]);
  }

 private:
  std::vector<uint32_t> order_;
  std::vector<size_t> start_;  // [count + 1]
  size_t max_length_ = 0;
};

}  // namespace rlrec::ope
