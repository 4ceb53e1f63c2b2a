#include "batch_checks.hpp"

#include <rlrec_support/boundary.hpp>
#include <string>

namespace rlrec_recsim::plugin {

using rlrec_support::fail;

void check_output(const rlrec_env_output *out, uint32_t rows, const std::vector<rlrec_field> &fields, bool step,
                  const char *call) {
  const std::string where = call;
  if (out == nullptr || out->obs == nullptr) {
    fail(RLREC_ERR_INVALID_ARGUMENT, where + ": the output or its obs tensors are NULL");
  }
  if (out->rows != rows) {
    fail(RLREC_ERR_INVALID_ARGUMENT,
         where + ": the output has " + std::to_string(out->rows) + " rows, expected " + std::to_string(rows));
  }
  if (step && (out->reward == nullptr || out->terminated == nullptr || out->truncated == nullptr)) {
    fail(RLREC_ERR_INVALID_ARGUMENT, where + ": reward, terminated and truncated must be non-NULL");
  }
  for (size_t f = 0; f < fields.size(); ++f) {
    const rlrec_tensor &t = out->obs[f];
    const rlrec_space &s = fields[f].space;
    bool ok = t.dtype == RLREC_DTYPE_F32 && t.rank == s.rank + 1 && t.shape[0] == rows;
    for (uint32_t d = 0; ok && d < s.rank; ++d) ok = t.shape[d + 1] == s.shape[d];
    if (ok && rows > 0 && rlrec_space_numel(&s) > 0) ok = t.data != nullptr;
    if (!ok) {
      fail(RLREC_ERR_INVALID_ARGUMENT,
           where + ": obs tensor '" + fields[f].name + "' does not match the spec (float32 [rows, shape])");
    }
  }
}

void check_reset_ids(uint32_t count, const uint32_t *ids, const uint64_t *seeds, uint32_t num_envs,
                     std::vector<uint8_t> &mark) {
  if (count > 0 && (ids == nullptr || seeds == nullptr)) {
    fail(RLREC_ERR_INVALID_ARGUMENT, "reset: ids or seeds is NULL");
  }
  uint32_t r = 0;
  for (; r < count; ++r) {
    if (ids[r] >= num_envs || mark[ids[r]]) break;
    mark[ids[r]] = 1;
  }
  for (uint32_t q = 0; q < r; ++q) mark[ids[q]] = 0;
  if (r == count) return;
  if (ids[r] >= num_envs) {
    fail(RLREC_ERR_INVALID_ARGUMENT, "reset: ids[" + std::to_string(r) + "] = " + std::to_string(ids[r]) +
                                         " is out of range [0, " + std::to_string(num_envs) + ")");
  }
  fail(RLREC_ERR_INVALID_ARGUMENT,
       "reset: sub-env " + std::to_string(ids[r]) + " is listed twice (again at ids[" + std::to_string(r) + "])");
}

const int32_t *check_actions(const rlrec_tensor *actions, uint32_t num_envs, uint32_t slate_size) {
  if (actions == nullptr || actions->dtype != RLREC_DTYPE_I32 || actions->rank != 2 || actions->shape[0] != num_envs ||
      actions->shape[1] != slate_size || actions->data == nullptr) {
    fail(RLREC_ERR_INVALID_ARGUMENT, "step: actions must be int32 [" + std::to_string(num_envs) + ", " +
                                         std::to_string(slate_size) + "] (num_envs, slate_size) with data");
  }
  return static_cast<const int32_t *>(actions->data);
}

void check_slates(const int32_t *slates, uint32_t num_envs, uint32_t slate_size, uint32_t num_candidates,
                  bool allow_duplicates) {
  const int32_t *a = slates;
  for (uint32_t b = 0; b < num_envs; ++b, a += slate_size) {
    for (uint32_t l = 0; l < slate_size; ++l) {
      if (a[l] < 0 || static_cast<uint32_t>(a[l]) >= num_candidates) {
        fail(RLREC_ERR_INVALID_ARGUMENT, "step: sub-env " + std::to_string(b) + ", slot " + std::to_string(l) +
                                             ": candidate index " + std::to_string(a[l]) + " is out of range [0, " +
                                             std::to_string(num_candidates) + ")");
      }
      // Slates are short: a quadratic scan needs no scratch memory.
      for (uint32_t m = 0; !allow_duplicates && m < l; ++m) {
        if (a[m] == a[l]) {
          fail(RLREC_ERR_INVALID_ARGUMENT, "step: sub-env " + std::to_string(b) + ", slot " + std::to_string(l) +
                                               ": candidate index " + std::to_string(a[l]) + " repeats slot " +
                                               std::to_string(m) + " (set allow_duplicates: true to permit repeats)");
        }
      }
    }
  }
}

}  // namespace rlrec_recsim::plugin
