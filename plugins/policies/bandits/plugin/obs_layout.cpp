#include "obs_layout.hpp"

#include <cstring>
#include <rlrec_support/boundary.hpp>
#include <string>

namespace rlrec_bandits {
namespace {

using rlrec_support::fail;

bool is_real_box(const rlrec_space &space) {
  return space.kind == RLREC_SPACE_BOX && (space.dtype == RLREC_DTYPE_F32 || space.dtype == RLREC_DTYPE_F64);
}

}  // namespace

ObsLayout read_layout(const rlrec_env_spec &spec) {
  ObsLayout layout;
  const rlrec_space &action = spec.action_space;
  if (action.kind != RLREC_SPACE_MULTI_DISCRETE || action.rank != 1 || action.shape[0] < 1 ||
      action.n < action.shape[0] || action.n > INT32_MAX)
    fail(RLREC_ERR_UNSUPPORTED, "needs a MULTI_DISCRETE [slate] action space with slate <= n candidates");
  layout.dims.num_candidates = static_cast<uint32_t>(action.n);
  layout.dims.slate_size = static_cast<uint32_t>(action.shape[0]);
  layout.num_fields = spec.num_obs_fields;
  for (uint32_t f = 0; f < spec.num_obs_fields; ++f) {
    const rlrec_field &field = spec.obs_fields[f];
    layout.spaces.push_back(field.space);
    const rlrec_space &space = field.space;
    const int index = static_cast<int>(f);
    if (std::strcmp(field.name, "candidates") == 0) {
      if (!is_real_box(space) || space.rank != 2 || space.shape[0] != action.n || space.shape[1] < 1)
        fail(RLREC_ERR_UNSUPPORTED, "obs field 'candidates' must be a float BOX [" + std::to_string(action.n) +
                                        ", dd] (one feature row per candidate)");
      layout.candidates = index;
      layout.dims.item_dim = static_cast<uint32_t>(space.shape[1]);
    } else if (std::strcmp(field.name, "user") == 0) {
      if (!is_real_box(space) || space.rank != 1)
        fail(RLREC_ERR_UNSUPPORTED, "obs field 'user' must be a float BOX [du]");
      layout.user = index;
      layout.dims.user_dim = static_cast<uint32_t>(space.shape[0]);
    } else if (std::strcmp(field.name, "mask") == 0) {
      if (space.rank != 1 || space.shape[0] != action.n)
        fail(RLREC_ERR_UNSUPPORTED, "obs field 'mask' must have shape [" + std::to_string(action.n) + "]");
      layout.mask = index;
    }
  }
  if (layout.candidates < 0)
    fail(RLREC_ERR_UNSUPPORTED,
         "needs an obs field 'candidates' [N, dd] with the candidates' features; this env has none");
  layout.num_info = spec.num_info_channels;
  for (uint32_t c = 0; c < spec.num_info_channels; ++c)
    if (std::strcmp(spec.info_channels[c].name, "clicked_slot") == 0) layout.clicked_slot = static_cast<int>(c);
  return layout;
}

void check_obs(const ObsLayout &layout, const rlrec_tensor *obs, uint32_t rows, const char *what) {
  if (obs == nullptr) fail(RLREC_ERR_INVALID_ARGUMENT, std::string(what) + ": obs is NULL");
  for (int f : {layout.candidates, layout.user, layout.mask}) {
    if (f < 0) continue;
    const rlrec_space &space = layout.spaces[static_cast<std::size_t>(f)];
    const rlrec_tensor &t = obs[f];
    bool ok = t.rank == space.rank + 1 && t.shape[0] == rows;
    for (uint32_t i = 0; ok && i < space.rank; ++i) ok = t.shape[i + 1] == space.shape[i];
    ok = ok && (f == layout.mask ? rlrec_dtype_size(t.dtype) != 0 : t.dtype == space.dtype);
    ok = ok && (t.data != nullptr || rows == 0 || rlrec_space_numel(&space) == 0);
    if (!ok)
      fail(RLREC_ERR_INVALID_ARGUMENT, std::string(what) + ": obs field " + std::to_string(f) +
                                           " does not match the env spec's shape and dtype for " +
                                           std::to_string(rows) + " rows");
  }
}

void copy_row(const rlrec_tensor &tensor, uint32_t row, std::size_t count, double *out) {
  if (count == 0) return;  // a hidden user: the tensor may have no data at all
  const std::size_t at = static_cast<std::size_t>(row) * count;
  if (tensor.dtype == RLREC_DTYPE_F64) {
    std::memcpy(out, static_cast<const double *>(tensor.data) + at, count * sizeof(double));
    return;
  }
  const float *in = static_cast<const float *>(tensor.data) + at;
  for (std::size_t i = 0; i < count; ++i) out[i] = in[i];
}

void copy_mask_row(const rlrec_tensor &tensor, uint32_t row, std::size_t n, uint8_t *out) {
  const std::size_t at = static_cast<std::size_t>(row) * n;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = at + i;
    switch (tensor.dtype) {
      case RLREC_DTYPE_U8:
        out[i] = static_cast<const uint8_t *>(tensor.data)[k] != 0;
        break;
      case RLREC_DTYPE_F32:
        out[i] = static_cast<const float *>(tensor.data)[k] != 0.0f;
        break;
      case RLREC_DTYPE_F64:
        out[i] = static_cast<const double *>(tensor.data)[k] != 0.0;
        break;
      case RLREC_DTYPE_I32:
        out[i] = static_cast<const int32_t *>(tensor.data)[k] != 0;
        break;
      default:
        out[i] = static_cast<const int64_t *>(tensor.data)[k] != 0;
        break;
    }
  }
}

}  // namespace rlrec_bandits
