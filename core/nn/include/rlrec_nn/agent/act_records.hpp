// rlrec_nn/agent/act_records.hpp — what a policy computed while acting, kept for the learn call
// that receives the same step's transitions.
//
// Some of a transition's features exist only at act time: the episode-history features (they
// depend on the policy's memory of earlier steps) and the env's choice-model scores (a query of
// the env's CURRENT state, rlrec/ext/choice_model.h). The host acts on every sub-env (EXPLORE)
// and then passes that step's transitions to learn, in the same row order — rlrec's runner does
// exactly this, shard by shard. So the records of all EXPLORE act calls since the last learn,
// concatenated, are the rows of the next learn batch; learn checks that the counts agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "rlrec_nn/bytes.hpp"

namespace rlrec::nn::agent {

class ActRecords {
 public:
  ActRecords() = default;
  // width: floats per row; max_rows: rows kept at most without a learn (a host that acts in
  // EXPLORE mode but never learns, e.g. serving, must not grow memory without bound).
  ActRecords(size_t width, size_t max_rows) : width_(width), max_rows_(max_rows) {}

  size_t width() const { return width_; }
  size_t rows() const { return rows_; }

  // Appends `rows` records [rows, width]; returns where they start (to fill in later).
  float *append(uint32_t rows) {
    if (rows_ + rows > max_rows_) clear();
    const size_t at = data_.size();
    data_.resize(at + static_cast<size_t>(rows) * width_);
    rows_ += rows;
    return data_.data() + at;
  }

  // The records of a learn batch of `rows` rows: everything appended since the last take.
  const float *take(uint32_t rows, const std::string &who) {
    if (rows_ != rows)
      throw std::logic_error(who + ": learn got " + std::to_string(rows) + " rows, but the policy acted (EXPLORE) on " +
                             std::to_string(rows_) +
                             " since the last learn; the host must act on every sub-env, then learn from that step");
    taken_.swap(data_);
    clear();
    return taken_.data();
  }

  void clear() {
    data_.clear();
    rows_ = 0;
  }

  // The records not yet taken belong to a policy's state (a checkpoint between act and learn).
  void save(ByteWriter &out) const {
    out.u64(rows_);
    out.f32s(data_.data(), data_.size());
  }
  void load(ByteReader &in) {
    const uint64_t rows = in.u64();
    std::vector<float> data = in.f32s(static_cast<size_t>(rows) * width_);
    rows_ = static_cast<size_t>(rows);
    data_ = std::move(data);
  }

 private:
  size_t width_ = 0;
  size_t max_rows_ = 0;
  size_t rows_ = 0;
  std::vector<float> data_;
  std::vector<float> taken_;  // the last batch's records, valid until the next take
};

}  // namespace rlrec::nn::agent
