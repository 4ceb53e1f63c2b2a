// episode_tracker.hpp — per-row episode bookkeeping shared by training and evaluation: the step
// index within the episode, the running return, and which rows just started a new episode.
#pragma once

#include <cstdint>
#include <vector>

#include "batch.hpp"

namespace rlrec::core {

class EpisodeTracker {
 public:
  struct Ended {
    uint32_t row;
    double episode_return;  // undiscounted sum of rewards
    uint32_t length;        // steps
  };

  explicit EpisodeTracker(uint32_t rows) : step_index_(rows, 0), return_(rows, 0.0), start_(rows, 1) {}

  // Index within its episode of the step each row is about to take (0 after a reset).
  const std::vector<uint32_t> &step_index() const { return step_index_; }
  // 1 where the row's observation is the first of an episode (rlrec_act_input.episode_start).
  const uint8_t *episode_start() const { return start_.data(); }

  // Adds the step's rewards; returns the rows whose episode ended (terminated or truncated), in
  // row order, and restarts their counters (the caller resets those rows).
  const std::vector<Ended> &record(const EnvOutputBuffers &out) {
    ended_.clear();
    for (uint32_t r = 0; r < step_index_.size(); ++r) {
      return_[r] += out.reward[r];
      if (out.terminated[r] || out.truncated[r]) {
        ended_.push_back({r, return_[r], step_index_[r] + 1});
        return_[r] = 0.0;
        step_index_[r] = 0;
        start_[r] = 1;
      } else {
        ++step_index_[r];
        start_[r] = 0;
      }
    }
    return ended_;
  }

 private:
  std::vector<uint32_t> step_index_;
  std::vector<double> return_;
  std::vector<uint8_t> start_;
  std::vector<Ended> ended_;
};

}  // namespace rlrec::core
