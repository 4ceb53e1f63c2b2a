// rlrec_nn/agent/train_clock.hpp — when a replay learner trains, in env steps: nothing before
// learning_starts, then gradient_steps every train_every env steps, a hard target-network copy
// every target_update_every env steps, and epsilon on its linear schedule. Counting env steps
// (not learn calls) makes a config mean the same for any num_envs.
#pragma once

#include <cstdint>

#include "rlrec_nn/agent/q_settings.hpp"
#include "rlrec_nn/bytes.hpp"

namespace rlrec::nn::agent {

class TrainClock {
 public:
  explicit TrainClock(const QSettings &settings)
      : learning_starts_(settings.learning_starts),
        train_every_(settings.train_every),
        gradient_steps_(settings.gradient_steps),
        sync_every_(settings.tau > 0.0f ? 0 : settings.target_update_every),
        epsilon_(settings.epsilon),
        next_sync_(settings.target_update_every) {}

  uint64_t env_steps() const { return env_steps_; }
  uint64_t gradient_steps_done() const { return gradient_steps_done_; }
  double epsilon() const { return epsilon_.at(env_steps_); }
  bool learning() const { return env_steps_ >= learning_starts_; }

  // Counts `rows` more env steps; returns the gradient steps that are now due.
  uint32_t advance(uint64_t rows) {
    env_steps_ += rows;
    if (!learning()) return 0;
    const uint64_t rounds = (env_steps_ - learning_starts_) / train_every_ + 1;
    const uint64_t due = rounds * gradient_steps_ - gradient_steps_done_;
    gradient_steps_done_ += due;
    return static_cast<uint32_t>(due);
  }

  // True once per target_update_every env steps (never with Polyak averaging).
  bool sync_due() {
    if (sync_every_ == 0 || env_steps_ < next_sync_) return false;
    next_sync_ = (env_steps_ / sync_every_ + 1) * sync_every_;
    return true;
  }

  void save(ByteWriter &out) const {
    out.tag("rlrecCLK");
    out.u64(env_steps_);
    out.u64(gradient_steps_done_);
    out.u64(next_sync_);
  }
  void load(ByteReader &in) {
    in.expect_tag("rlrecCLK", "a training clock");
    env_steps_ = in.u64();
    gradient_steps_done_ = in.u64();
    next_sync_ = in.u64();
  }

 private:
  uint64_t learning_starts_, train_every_, gradient_steps_, sync_every_;
  LinearSchedule epsilon_;
  uint64_t env_steps_ = 0;
  uint64_t gradient_steps_done_ = 0;
  uint64_t next_sync_;
};

}  // namespace rlrec::nn::agent
