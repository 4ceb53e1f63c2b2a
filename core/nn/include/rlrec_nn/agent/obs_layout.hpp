// rlrec_nn/agent/obs_layout.hpp — how a learning policy reads an env's structured observation
// (DESIGN.md §3 conventions) into flat float features.
//
//   "candidates" [N, dd]  one row per candidate document          -> item features
//   "mask"       [N]      1 where the candidate may be shown        -> availability
//   "response"   [k, dr]  the last step's per-slot response         -> also read by history.hpp
//   every other field (user, response, anything an env adds), flattened in spec order
//                                                                   -> the context vector
// Any numeric dtype is accepted and converted to float.
#pragma once

#include <rlrec/env.h>

#include <cstdint>
#include <string>
#include <vector>

namespace rlrec::nn::agent {

class ObsLayout {
 public:
  // Reads the spec; throws std::invalid_argument (with `who` in the message) when a conventional
  // field has the wrong shape or the action space is not a MULTI_DISCRETE [k] slate.
  ObsLayout(const rlrec_env_spec &spec, const std::string &who);

  uint32_t num_candidates() const { return n_; }  // N (the action space's n)
  uint32_t slate_size() const { return k_; }
  uint32_t item_dim() const { return dd_; }       // 0 without a "candidates" field
  uint32_t response_dim() const { return dr_; }   // 0 without a "response" field
  bool has_candidates() const { return candidates_ >= 0; }
  bool has_mask() const { return mask_ >= 0; }
  bool has_response() const { return response_ >= 0; }
  size_t context_dim() const { return context_dim_; }

  // Throws std::invalid_argument unless obs[] holds `rows` rows of every field of the spec.
  void check(const rlrec_tensor *obs, uint32_t rows) const;

  // Row `row` of the batch; out sized context_dim(), N * dd, N, k * dr respectively.
  void read_context(const rlrec_tensor *obs, uint32_t row, float *out) const;
  void read_candidates(const rlrec_tensor *obs, uint32_t row, float *out) const;
  void read_mask(const rlrec_tensor *obs, uint32_t row, float *out) const;  // 1 when no mask field
  void read_response(const rlrec_tensor *obs, uint32_t row, float *out) const;

 private:
  std::string who_;
  std::vector<rlrec_field> fields_;  // names point into the spec, valid while the env lives
  std::vector<int64_t> numel_;       // elements per row of each field
  std::vector<int> context_fields_;
  int candidates_ = -1, mask_ = -1, response_ = -1;
  uint32_t n_ = 0, k_ = 0, dd_ = 0, dr_ = 0;
  size_t context_dim_ = 0;
};

}  // namespace rlrec::nn::agent
