// rlrec_nn/agent/episode_links.hpp — which learn rows continue the episode of the previous
// transition of the same row (a sub-env), so replay can link a transition to its successor
// (rlrec_nn/replay.hpp): same episode id, next step index.
#pragma once

#include <cstdint>
#include <vector>

#include "rlrec_nn/bytes.hpp"

namespace rlrec::nn::agent {

class EpisodeLinks {
 public:
  // True when (episode, step) directly follows the row's previous transition; records it.
  bool next(uint32_t row, uint64_t episode, uint32_t step) {
    if (row >= episode_.size()) {
      episode_.resize(static_cast<size_t>(row) + 1, 0);
      next_step_.resize(static_cast<size_t>(row) + 1, 0);
    }
    const bool continues = next_step_[row] != 0 && episode_[row] == episode && next_step_[row] == step;
    episode_[row] = episode;
    next_step_[row] = static_cast<uint64_t>(step) + 1;
    return continues;
  }

  void save(ByteWriter &out) const {
    out.u64s(episode_.data(), episode_.size());
    out.u64s(next_step_.data(), next_step_.size());
  }
  void load(ByteReader &in) {
    std::vector<uint64_t> episode = in.u64s();
    std::vector<uint64_t> next_step = in.u64s(episode.size());
    episode_ = std::move(episode);
    next_step_ = std::move(next_step);
  }

 private:
  std::vector<uint64_t> episode_;    // per row: the episode of its last transition
  std::vector<uint64_t> next_step_;  // per row: the step index that continues it (0: none yet)
};

}  // namespace rlrec::nn::agent
