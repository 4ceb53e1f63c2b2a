#include "rlrec_nn/agent/obs_layout.hpp"

#include <cstring>
#include <stdexcept>

namespace rlrec::nn::agent {
namespace {

// Element i of a numeric tensor, as float.
float element(const rlrec_tensor &t, size_t i) {
  switch (t.dtype) {
    case RLREC_DTYPE_F32: return static_cast<const float *>(t.data)[i];
    case RLREC_DTYPE_F64: return static_cast<float>(static_cast<const double *>(t.data)[i]);
    case RLREC_DTYPE_I32: return static_cast<float>(static_cast<const int32_t *>(t.data)[i]);
    case RLREC_DTYPE_U8: return static_cast<float>(static_cast<const uint8_t *>(t.data)[i]);
    case RLREC_DTYPE_I64: return static_cast<float>(static_cast<const int64_t *>(t.data)[i]);
    default: return 0.0f;
  }
}

void read_row(const rlrec_tensor &t, uint32_t row, int64_t numel, float *out) {
  const size_t base = static_cast<size_t>(row) * static_cast<size_t>(numel);
  if (t.dtype == RLREC_DTYPE_F32) {
    std::memcpy(out, static_cast<const float *>(t.data) + base, static_cast<size_t>(numel) * sizeof(float));
    return;
  }
  for (int64_t i = 0; i < numel; ++i) out[i] = element(t, base + static_cast<size_t>(i));
}

}  // namespace

ObsLayout::ObsLayout(const rlrec_env_spec &spec, const std::string &who) : who_(who) {
  const rlrec_space &action = spec.action_space;
  if (action.kind != RLREC_SPACE_MULTI_DISCRETE || action.rank != 1 || action.shape[0] < 1 || action.n < 1 ||
      action.n > INT32_MAX)
    throw std::invalid_argument(who + ": needs a MULTI_DISCRETE [slate] action space of candidate indices");
  n_ = static_cast<uint32_t>(action.n);
  k_ = static_cast<uint32_t>(action.shape[0]);
  fields_.assign(spec.obs_fields, spec.obs_fields + spec.num_obs_fields);
  for (size_t f = 0; f < fields_.size(); ++f) {
    const rlrec_field &field = fields_[f];
    numel_.push_back(rlrec_space_numel(&field.space));
    const std::string name = field.name;
    if (name == "candidates") {
      if (field.space.rank != 2 || field.space.shape[0] != action.n)
        throw std::invalid_argument(who + ": obs field 'candidates' must be [" + std::to_string(n_) +
                                    ", features] (one row per candidate)");
      candidates_ = static_cast<int>(f);
      dd_ = static_cast<uint32_t>(field.space.shape[1]);
      continue;
    }
    if (name == "mask") {
      if (field.space.rank != 1 || field.space.shape[0] != action.n)
        throw std::invalid_argument(who + ": obs field 'mask' must be [" + std::to_string(n_) + "]");
      mask_ = static_cast<int>(f);
      continue;
    }
    if (name == "response") {
      if (field.space.rank != 2 || field.space.shape[0] != action.shape[0])
        throw std::invalid_argument(who + ": obs field 'response' must be [" + std::to_string(k_) +
                                    ", features] (one row per slot)");
      response_ = static_cast<int>(f);
      dr_ = static_cast<uint32_t>(field.space.shape[1]);
    }
    context_fields_.push_back(static_cast<int>(f));
    context_dim_ += static_cast<size_t>(numel_.back());
  }
}

void ObsLayout::check(const rlrec_tensor *obs, uint32_t rows) const {
  if (obs == nullptr && !fields_.empty()) throw std::invalid_argument(who_ + ": obs is NULL");
  for (size_t f = 0; f < fields_.size(); ++f) {
    const rlrec_tensor &t = obs[f];
    int64_t numel = t.rank >= 1 && t.shape[0] == rows ? 1 : -1;
    for (uint32_t d = 1; d < t.rank && d <= RLREC_MAX_RANK; ++d) numel *= t.shape[d];
    if (numel != numel_[f] || rlrec_dtype_size(t.dtype) == 0 || (rows > 0 && numel > 0 && t.data == nullptr))
      throw std::invalid_argument(who_ + ": obs field '" + fields_[f].name + "' does not hold " +
                                  std::to_string(rows) + " rows of " + std::to_string(numel_[f]) + " numbers");
  }
}

void ObsLayout::read_context(const rlrec_tensor *obs, uint32_t row, float *out) const {
  for (int f : context_fields_) {
    read_row(obs[f], row, numel_[static_cast<size_t>(f)], out);
    out += numel_[static_cast<size_t>(f)];
  }
}

void ObsLayout::read_candidates(const rlrec_tensor *obs, uint32_t row, float *out) const {
  if (candidates_ >= 0) read_row(obs[candidates_], row, numel_[static_cast<size_t>(candidates_)], out);
}

void ObsLayout::read_mask(const rlrec_tensor *obs, uint32_t row, float *out) const {
  if (mask_ < 0) {
    for (uint32_t i = 0; i < n_; ++i) out[i] = 1.0f;
    return;
  }
  read_row(obs[mask_], row, n_, out);
  for (uint32_t i = 0; i < n_; ++i) out[i] = out[i] != 0.0f ? 1.0f : 0.0f;
}

void ObsLayout::read_response(const rlrec_tensor *obs, uint32_t row, float *out) const {
  if (response_ >= 0) read_row(obs[response_], row, numel_[static_cast<size_t>(response_)], out);
}

}  // namespace rlrec::nn::agent
