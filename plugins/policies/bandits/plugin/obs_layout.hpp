// obs_layout.hpp — where a bandit finds what it needs in any env that follows the observation
// conventions (rlrec/types.h): "candidates" BOX [N, dd] (required), "user" BOX [du] (optional),
// "mask" [N] (optional), and the info channel "clicked_slot" (optional). Other fields are ignored.
#pragma once

#include <rlrec/plugin.h>

#include <cstdint>
#include <vector>

#include "rlrec_bandit/slate_bandit.hpp"

namespace rlrec_bandits {

struct ObsLayout {
  rlrec_bandit::BanditDims dims;
  uint32_t num_fields = 0;
  std::vector<rlrec_space> spaces;  // [num_fields] copied from the spec (it is valid for create only)
  int candidates = -1;              // obs field indices; -1: absent
  int user = -1;
  int mask = -1;
  uint32_t num_info = 0;
  int clicked_slot = -1;  // info channel index; -1: the env reports no clicks
};

// Reads the layout from an env spec. Throws rlrec_support::Error(RLREC_ERR_UNSUPPORTED) naming
// what is missing or malformed.
ObsLayout read_layout(const rlrec_env_spec &spec);

// Checks that obs ([num_fields] tensors) holds `rows` rows of the fields this layout uses, with
// the spec's shapes and dtypes. Throws Error(RLREC_ERR_INVALID_ARGUMENT); `what` names the caller.
void check_obs(const ObsLayout &layout, const rlrec_tensor *obs, uint32_t rows, const char *what);

// Row `row` of a BOX tensor (F32 or F64) as `count` doubles.
void copy_row(const rlrec_tensor &tensor, uint32_t row, std::size_t count, double *out);

// Row `row` of a mask tensor of any numeric dtype as n flags (1 = available).
void copy_mask_row(const rlrec_tensor &tensor, uint32_t row, std::size_t n, uint8_t *out);

}  // namespace rlrec_bandits
