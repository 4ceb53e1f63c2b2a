// batch_rows.hpp — row r of what the host hands an experience logger (a transition batch and the
// decisions it came from, rlrec/logger.h) as a Decision of the dataset format.
#pragma once

#include <rlrec/plugin.h>

#include <rlrec_data/decision.hpp>
#include <string>
#include <vector>

namespace rlrec_dataset {

class BatchRows {
 public:
  // `spec`: the env's spec (plugin-owned, outlives the logger). `obs_fields`: the names of the
  // fields to write, empty = all; an unknown name throws rlrec_support::Error(RLREC_ERR_CONFIG).
  BatchRows(const rlrec_env_spec &spec, const std::vector<std::string> &obs_fields, std::string policy_id,
            std::string policy_version);

  // Fills `out` (vectors reused) from row r. The per-slot responses are the `response` field of
  // next_obs (the env's report of this step) when the env has one.
  void fill(const rlrec_transition_batch &batch, const rlrec_act_output &decisions, uint32_t r,
            rlrec_data::Decision &out) const;

 private:
  const rlrec_env_spec &spec_;
  std::vector<uint32_t> written_fields_;  // indices into spec.obs_fields
  int response_field_ = -1;               // index of `response`, or -1
  std::string policy_id_;
  std::string policy_version_;
};

}  // namespace rlrec_dataset
