// batch.hpp — host-owned buffers for structured observations and env outputs (rlrec/env.h), sized
// once from a spec and reused every step (no per-step allocation in the runner).
#pragma once

#include <rlrec/env.h>

#include <cstdint>
#include <string>
#include <vector>

namespace rlrec::core {

// One tensor per observation field, each [rows, *field.shape], 8-byte aligned.
class ObsBuffers {
 public:
  ObsBuffers() = default;
  ObsBuffers(const std::vector<rlrec_field> &fields, uint32_t rows);

  rlrec_tensor *tensors() { return tensors_.data(); }
  const rlrec_tensor *tensors() const { return tensors_.data(); }
  std::size_t num_fields() const { return tensors_.size(); }
  uint32_t rows() const { return rows_; }
  // Bytes of one row of field f.
  std::size_t row_bytes(std::size_t f) const { return row_bytes_[f]; }
  uint8_t *row(std::size_t f, uint32_t r) {
    return static_cast<uint8_t *>(tensors_[f].data) + row_bytes_[f] * r;
  }
  const uint8_t *row(std::size_t f, uint32_t r) const {
    return static_cast<const uint8_t *>(tensors_[f].data) + row_bytes_[f] * r;
  }
  // Copies row `from_row` of `from` (same fields) into row `to_row` of this.
  void copy_row(uint32_t to_row, const ObsBuffers &from, uint32_t from_row);
  // Tensor headers for rows [start, start + count), written to out[num_fields()]: a view of a
  // shard's rows for one plugin call, without copying.
  void slice(uint32_t start, uint32_t count, rlrec_tensor *out) const;

 private:
  uint32_t rows_ = 0;
  std::vector<std::vector<double>> storage_;  // double: 8-byte alignment for every dtype
  std::vector<rlrec_tensor> tensors_;
  std::vector<std::size_t> row_bytes_;
};

// Everything reset/step write: observations, rewards, flags, info channels.
struct EnvOutputBuffers {
  EnvOutputBuffers() = default;
  EnvOutputBuffers(const rlrec_env_spec &spec, uint32_t rows);

  // The rlrec_env_output view over these buffers, for `rows` rows (<= capacity).
  rlrec_env_output view(uint32_t rows);
  // The view of rows [start, start + count) only; `tensors` receives the obs tensor headers.
  rlrec_env_output slice(uint32_t start, uint32_t count, rlrec_tensor *tensors);

  ObsBuffers obs;
  std::vector<float> reward;
  std::vector<uint8_t> terminated;
  std::vector<uint8_t> truncated;
  std::vector<float> info;
  uint32_t num_info = 0;
};

// The fields of a spec as a vector (copies of the plugin's structs; names stay plugin-owned).
std::vector<rlrec_field> obs_fields_of(const rlrec_env_spec &spec);

// Stores `values` (doubles, as JSON and datasets carry them) at `dst` as elements of `dtype`.
// Returns false for an unknown dtype.
bool store_values(uint32_t dtype, const std::vector<double> &values, uint8_t *dst);

// Checks that row r of every field is finite and inside its declared space. Returns "" or a
// description of the first offending value ("field 'user' element 3 = nan").
std::string check_obs_row(const std::vector<rlrec_field> &fields, const ObsBuffers &obs, uint32_t r);

}  // namespace rlrec::core
