// rlrec_nn/replay.hpp — experience replay for value learners: a ring of fixed-width transitions,
// linked into per-stream sequences so multi-step targets can walk forward, sampled uniformly or
// by priority.
//
// Records. Each transition holds a reward, a terminated flag, and a payload of `float_width`
// floats and `int_width` ints whose meaning is the learner's (its observation features, the slate
// it showed, what was clicked...). Nothing about the next observation is stored: the next state
// of a transition is the payload of its SUCCESSOR, the next step of the same episode, pushed
// later by the same stream (a sub-environment row). That halves the memory of storing s and s',
// and lets a learner read s_{t+n} for n-step targets.
//
// Successor links are sequence numbers, checked against the ring's overwrite horizon, so a link
// to an overwritten record reads as "no successor" instead of pointing at an unrelated one.
//
// Prioritised replay (Schaul et al., 2016, proportional variant): priority p_i = (|delta_i| +
// eps)^alpha, P(i) = p_i / sum p, drawn by stratified sampling (one draw per equal slice of the
// total mass); importance weights w_i = (size * P(i))^-beta normalised by the largest weight of the
// batch. New records enter with the largest priority seen, so each is replayed at least once soon.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "rlrec_nn/bytes.hpp"
#include "rlrec_nn/rng.hpp"
#include "rlrec_nn/sum_tree.hpp"

namespace rlrec::nn {

struct ReplaySettings {
  size_t capacity = 100000;
  size_t float_width = 0;
  size_t int_width = 0;
  bool prioritized = false;
  double alpha = 0.6;          // priority exponent (prioritized)
  double priority_eps = 1e-3;  // added to |delta| so no record starves
};

class ReplayBuffer {
 public:
  ReplayBuffer() = default;
  explicit ReplayBuffer(const ReplaySettings &settings);

  const ReplaySettings &settings() const { return settings_; }
  size_t size() const { return static_cast<size_t>(pushed_ < settings_.capacity ? pushed_ : settings_.capacity); }
  uint64_t pushed() const { return pushed_; }

  // Appends one transition of `stream` and returns its slot. `continues`: it is the next step of
  // the stream's previous transition in the same episode (the previous one gets it as successor).
  // floats/ints: [float_width] and [int_width], copied.
  size_t push(uint32_t stream, bool continues, float reward, bool terminated, const float *floats,
              const int32_t *ints);

  const float *floats(size_t slot) const { return floats_.data() + slot * settings_.float_width; }
  const int32_t *ints(size_t slot) const { return ints_.data() + slot * settings_.int_width; }
  float reward(size_t slot) const { return reward_[slot]; }
  bool terminated(size_t slot) const { return terminated_[slot] != 0; }
  // The slot of the next step of the same episode, or -1 when it is not stored (not pushed yet,
  // overwritten, or the episode ended here).
  int64_t successor(size_t slot) const;

  // The n-step return from `slot`: rewards r_t + g r_{t+1} + ... + g^{m-1} r_{t+m-1} up to n
  // steps, stopping at a terminal step (bootstrap = -1) or where the stored sequence ends. Then
  // `bootstrap` is the slot whose state s_{t+m} the target bootstraps from, with factor
  // discount = g^m. `valid` is false when not even s_{t+1} is known (a non-terminal record
  // without successor): such a record has no target yet.
  struct NStep {
    bool valid = false;
    double reward = 0.0;
    int64_t bootstrap = -1;
    double discount = 0.0;
    uint32_t steps = 0;
  };
  NStep n_step(size_t slot, uint32_t n, double gamma) const;

  // Draws `count` slots (uniformly, or by priority with stratification) for which `accept` is
  // true, retrying a rejected draw a few times before giving up on it, so the batch may be
  // short. weights: 1 (uniform) or the normalised importance weights with exponent beta.
  void sample(Rng &rng, size_t count, double beta, const std::function<bool(size_t)> &accept,
              std::vector<size_t> &slots, std::vector<float> &weights) const;

  // Prioritized only: the record's new |TD error|.
  void update_priority(size_t slot, double abs_td_error);

  void save(ByteWriter &out) const;
  // FormatError if the saved buffer has other settings than this one.
  void load(ByteReader &in);

 private:
  size_t slot_of(uint64_t seq) const { return static_cast<size_t>((seq - 1) % settings_.capacity); }
  bool alive(uint64_t seq) const { return seq != 0 && seq + settings_.capacity > pushed_; }

  ReplaySettings settings_;
  uint64_t pushed_ = 0;               // records pushed so far; record number s (from 1) is in slot_of(s)
  std::vector<float> floats_;         // [size, float_width]
  std::vector<int32_t> ints_;         // [size, int_width]
  std::vector<float> reward_;         // [size]
  std::vector<uint8_t> terminated_;   // [size]
  std::vector<uint64_t> next_seq_;    // [size] successor's record number, 0 = none
  std::vector<uint64_t> stream_last_; // [streams] each stream's newest record number, 0 = none
  SumTree priorities_;                // prioritized only
  double max_priority_ = 1.0;
};

}  // namespace rlrec::nn
