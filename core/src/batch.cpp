#include "batch.hpp"

#include <cmath>
#include <cstring>
#include <sstream>

namespace rlrec::core {

ObsBuffers::ObsBuffers(const std::vector<rlrec_field> &fields, uint32_t rows) : rows_(rows) {
  storage_.resize(fields.size());
  tensors_.resize(fields.size());
  row_bytes_.resize(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const rlrec_space &space = fields[f].space;
    row_bytes_[f] = static_cast<std::size_t>(rlrec_space_numel(&space)) * rlrec_dtype_size(space.dtype);
    storage_[f].assign((row_bytes_[f] * rows + 7) / 8 + 1, 0.0);
    rlrec_tensor &t = tensors_[f];
    t.data = storage_[f].data();
    t.dtype = space.dtype;
    t.rank = space.rank + 1;
    t.shape[0] = rows;
    for (uint32_t d = 0; d < space.rank; ++d) t.shape[d + 1] = space.shape[d];
  }
}

void ObsBuffers::copy_row(uint32_t to_row, const ObsBuffers &from, uint32_t from_row) {
  for (std::size_t f = 0; f < tensors_.size(); ++f) {
    std::memcpy(row(f, to_row), from.row(f, from_row), row_bytes_[f]);
  }
}

void ObsBuffers::slice(uint32_t start, uint32_t count, rlrec_tensor *out) const {
  for (std::size_t f = 0; f < tensors_.size(); ++f) {
    out[f] = tensors_[f];
    out[f].data = static_cast<uint8_t *>(tensors_[f].data) + row_bytes_[f] * start;
    out[f].shape[0] = count;
  }
}

EnvOutputBuffers::EnvOutputBuffers(const rlrec_env_spec &spec, uint32_t rows)
    : obs(obs_fields_of(spec), rows),
      reward(rows),
      terminated(rows),
      truncated(rows),
      info(static_cast<std::size_t>(rows) * spec.num_info_channels + 1),
      num_info(spec.num_info_channels) {}

rlrec_env_output EnvOutputBuffers::view(uint32_t rows) {
  rlrec_env_output out{};
  out.struct_size = sizeof out;
  out.rows = rows;
  for (std::size_t f = 0; f < obs.num_fields(); ++f) obs.tensors()[f].shape[0] = rows;
  out.obs = obs.tensors();
  out.reward = reward.data();
  out.terminated = terminated.data();
  out.truncated = truncated.data();
  out.info = num_info ? info.data() : nullptr;
  return out;
}

rlrec_env_output EnvOutputBuffers::slice(uint32_t start, uint32_t count, rlrec_tensor *tensors) {
  obs.slice(start, count, tensors);
  rlrec_env_output out{};
  out.struct_size = sizeof out;
  out.rows = count;
  out.obs = tensors;
  out.reward = reward.data() + start;
  out.terminated = terminated.data() + start;
  out.truncated = truncated.data() + start;
  out.info = num_info ? info.data() + static_cast<std::size_t>(start) * num_info : nullptr;
  return out;
}

std::vector<rlrec_field> obs_fields_of(const rlrec_env_spec &spec) {
  return std::vector<rlrec_field>(spec.obs_fields, spec.obs_fields + spec.num_obs_fields);
}

namespace {

template <class T>
std::string check_values(const rlrec_field &field, const T *values, int64_t count) {
  const rlrec_space &space = field.space;
  for (int64_t i = 0; i < count; ++i) {
    const double v = static_cast<double>(values[i]);
    bool ok = std::isfinite(v);
    if (ok && space.kind == RLREC_SPACE_BOX) ok = v >= space.low && v <= space.high;
    if (ok && space.kind != RLREC_SPACE_BOX) ok = v >= 0 && v < static_cast<double>(space.n);
    if (!ok) {
      std::ostringstream out;
      out << "observation field '" << field.name << "' element " << i << " = " << v
          << " is outside its space";
      if (space.kind == RLREC_SPACE_BOX) out << " [" << space.low << ", " << space.high << "]";
      else out << " [0, " << space.n << ")";
      return out.str();
    }
  }
  return "";
}

}  // namespace

namespace {
template <class T>
void convert(const std::vector<double> &from, uint8_t *to) {
  for (std::size_t i = 0; i < from.size(); ++i) {
    const T v = static_cast<T>(from[i]);
    std::memcpy(to + i * sizeof(T), &v, sizeof(T));
  }
}
}  // namespace

bool store_values(uint32_t dtype, const std::vector<double> &values, uint8_t *dst) {
  switch (dtype) {
    case RLREC_DTYPE_F32: convert<float>(values, dst); return true;
    case RLREC_DTYPE_F64: convert<double>(values, dst); return true;
    case RLREC_DTYPE_I32: convert<int32_t>(values, dst); return true;
    case RLREC_DTYPE_I64: convert<int64_t>(values, dst); return true;
    case RLREC_DTYPE_U8: convert<uint8_t>(values, dst); return true;
    default: return false;
  }
}

std::string check_obs_row(const std::vector<rlrec_field> &fields, const ObsBuffers &obs, uint32_t r) {
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const int64_t count = rlrec_space_numel(&fields[f].space);
    const uint8_t *row = obs.row(f, r);
    std::string problem;
    switch (fields[f].space.dtype) {
      case RLREC_DTYPE_F32: problem = check_values(fields[f], reinterpret_cast<const float *>(row), count); break;
      case RLREC_DTYPE_F64: problem = check_values(fields[f], reinterpret_cast<const double *>(row), count); break;
      case RLREC_DTYPE_I32: problem = check_values(fields[f], reinterpret_cast<const int32_t *>(row), count); break;
      case RLREC_DTYPE_I64: problem = check_values(fields[f], reinterpret_cast<const int64_t *>(row), count); break;
      case RLREC_DTYPE_U8: problem = check_values(fields[f], row, count); break;
      default: problem = "observation field '" + std::string(fields[f].name) + "' has an unknown dtype";
    }
    if (!problem.empty()) return problem;
  }
  return "";
}

}  // namespace rlrec::core
