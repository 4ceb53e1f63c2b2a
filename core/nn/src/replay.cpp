#include "rlrec_nn/replay.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace rlrec::nn {
namespace {

constexpr int kMaxDraws = 32;  // attempts per batch entry before the batch is left short

}  // namespace

ReplayBuffer::ReplayBuffer(const ReplaySettings &settings) : settings_(settings) {
  if (settings.capacity == 0) throw std::invalid_argument("replay capacity must be >= 1");
  if (settings.prioritized) priorities_ = SumTree(settings.capacity);
}

size_t ReplayBuffer::push(uint32_t stream, bool continues, float reward, bool terminated, const float *floats,
                          const int32_t *ints) {
  const uint64_t seq = ++pushed_;
  const size_t slot = slot_of(seq);
  const size_t fw = settings_.float_width;
  const size_t iw = settings_.int_width;
  if (slot == reward_.size()) {  // still filling: grow instead of allocating the whole ring up front
    floats_.resize(floats_.size() + fw);
    ints_.resize(ints_.size() + iw);
    reward_.push_back(0.0f);
    terminated_.push_back(0);
    next_seq_.push_back(0);
  }
  std::copy(floats, floats + fw, floats_.begin() + static_cast<std::ptrdiff_t>(slot * fw));
  std::copy(ints, ints + iw, ints_.begin() + static_cast<std::ptrdiff_t>(slot * iw));
  reward_[slot] = reward;
  terminated_[slot] = terminated ? 1 : 0;
  next_seq_[slot] = 0;
  if (stream >= stream_last_.size()) stream_last_.resize(static_cast<size_t>(stream) + 1, 0);
  const uint64_t previous = stream_last_[stream];
  if (continues && alive(previous)) next_seq_[slot_of(previous)] = seq;
  stream_last_[stream] = seq;
  if (settings_.prioritized) priorities_.set(slot, max_priority_);
  return slot;
}

int64_t ReplayBuffer::successor(size_t slot) const {
  const uint64_t next = next_seq_[slot];
  return alive(next) ? static_cast<int64_t>(slot_of(next)) : -1;
}

ReplayBuffer::NStep ReplayBuffer::n_step(size_t slot, uint32_t n, double gamma) const {
  NStep result;
  size_t current = slot;
  double discount = 1.0;
  for (uint32_t m = 0; m < n; ++m) {
    if (terminated(current)) {
      result.valid = true;
      result.reward += discount * reward(current);
      result.steps = m + 1;
      return result;  // bootstrap -1: nothing follows a terminal step
    }
    const int64_t next = successor(current);
    if (next < 0) break;  // s_{t+m+1} unknown: bootstrap from s_{t+m}, without r_{t+m}
    result.reward += discount * reward(current);
    discount *= gamma;
    current = static_cast<size_t>(next);
    result.steps = m + 1;
  }
  if (result.steps == 0) return result;  // not even s_{t+1} is stored: no target yet
  result.valid = true;
  result.bootstrap = static_cast<int64_t>(current);
  result.discount = discount;
  return result;
}

void ReplayBuffer::sample(Rng &rng, size_t count, double beta, const std::function<bool(size_t)> &accept,
                          std::vector<size_t> &slots, std::vector<float> &weights) const {
  slots.clear();
  weights.clear();
  const size_t filled = size();
  if (filled == 0) return;
  if (!settings_.prioritized) {
    for (size_t i = 0; i < count; ++i) {
      for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
        const auto slot = static_cast<size_t>(rng.below(filled));
        if (accept(slot)) {
          slots.push_back(slot);
          weights.push_back(1.0f);
          break;
        }
      }
    }
    return;
  }
  const double total = priorities_.total();
  const double slice = total / static_cast<double>(count);
  std::vector<double> raw;
  double largest = 0.0;
  for (size_t i = 0; i < count; ++i) {
    for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
      const size_t slot = priorities_.find((static_cast<double>(i) + rng.uniform()) * slice);
      if (slot >= filled || !accept(slot)) continue;
      const double probability = priorities_.get(slot) / total;
      const double weight = std::pow(static_cast<double>(filled) * probability, -beta);
      slots.push_back(slot);
      raw.push_back(weight);
      largest = std::max(largest, weight);
      break;
    }
  }
  for (double weight : raw) weights.push_back(static_cast<float>(weight / largest));
}

void ReplayBuffer::update_priority(size_t slot, double abs_td_error) {
  if (!settings_.prioritized) return;
  const double priority = std::pow(abs_td_error + settings_.priority_eps, settings_.alpha);
  priorities_.set(slot, priority);
  max_priority_ = std::max(max_priority_, priority);
}

void ReplayBuffer::save(ByteWriter &out) const {
  out.tag("rlrecRPL");
  out.u64(settings_.capacity);
  out.u64(settings_.float_width);
  out.u64(settings_.int_width);
  out.u32(settings_.prioritized ? 1 : 0);
  out.u64(pushed_);
  out.sparse_f32s(floats_.data(), floats_.size());
  out.i32s(ints_.data(), ints_.size());
  out.f32s(reward_.data(), reward_.size());
  const std::vector<int32_t> terminated(terminated_.begin(), terminated_.end());
  out.i32s(terminated.data(), terminated.size());
  out.u64s(next_seq_.data(), next_seq_.size());
  out.u64s(stream_last_.data(), stream_last_.size());
  std::vector<double> leaves(settings_.prioritized ? reward_.size() : 0);
  for (size_t i = 0; i < leaves.size(); ++i) leaves[i] = priorities_.get(i);
  out.f64s(leaves.data(), leaves.size());
  out.f64(max_priority_);
}

void ReplayBuffer::load(ByteReader &in) {
  in.expect_tag("rlrecRPL", "a replay buffer");
  if (in.u64() != settings_.capacity || in.u64() != settings_.float_width || in.u64() != settings_.int_width ||
      in.u32() != (settings_.prioritized ? 1u : 0u))
    throw FormatError("the saved replay buffer has another capacity, record layout or sampling mode");
  const uint64_t pushed = in.u64();
  const size_t filled = static_cast<size_t>(std::min<uint64_t>(pushed, settings_.capacity));
  std::vector<float> floats = in.sparse_f32s(filled * settings_.float_width);
  std::vector<int32_t> ints = in.i32s(filled * settings_.int_width);
  std::vector<float> reward = in.f32s(filled);
  const std::vector<int32_t> terminated = in.i32s(filled);
  std::vector<uint64_t> next_seq = in.u64s(filled);
  std::vector<uint64_t> stream_last = in.u64s();
  const std::vector<double> leaves = in.f64s(settings_.prioritized ? filled : 0);
  const double max_priority = in.f64();
  pushed_ = pushed;
  floats_ = std::move(floats);
  ints_ = std::move(ints);
  reward_ = std::move(reward);
  terminated_.assign(terminated.begin(), terminated.end());
  next_seq_ = std::move(next_seq);
  stream_last_ = std::move(stream_last);
  if (settings_.prioritized) {
    priorities_ = SumTree(settings_.capacity);
    for (size_t i = 0; i < leaves.size(); ++i) priorities_.set(i, leaves[i]);
  }
  max_priority_ = max_priority;
}

}  // namespace rlrec::nn
