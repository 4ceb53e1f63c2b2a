#include "batch_rows.hpp"

#include <rlrec_data/schema.hpp>
#include <rlrec_support/boundary.hpp>

namespace rlrec_dataset {
namespace {

double element(const rlrec_tensor &tensor, std::size_t index) {
  switch (tensor.dtype) {
    case RLREC_DTYPE_F32:
      return static_cast<const float *>(tensor.data)[index];
    case RLREC_DTYPE_F64:
      return static_cast<const double *>(tensor.data)[index];
    case RLREC_DTYPE_I32:
      return static_cast<const int32_t *>(tensor.data)[index];
    case RLREC_DTYPE_U8:
      return static_cast<const uint8_t *>(tensor.data)[index];
    case RLREC_DTYPE_I64:
      return static_cast<double>(static_cast<const int64_t *>(tensor.data)[index]);
    default:
      rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "dataset: a tensor of unknown dtype");
  }
}

// Row r of `tensor` (one value of `field`) into `out`.
void copy_row(const rlrec_field &field, const rlrec_tensor &tensor, uint32_t r, rlrec_data::NamedArray &out) {
  const auto numel = static_cast<std::size_t>(rlrec_space_numel(&field.space));
  out.name = field.name;
  out.shape.assign(field.space.shape, field.space.shape + field.space.rank);
  out.dtype = field.space.dtype;
  out.values.resize(numel);
  for (std::size_t i = 0; i < numel; ++i) out.values[i] = element(tensor, r * numel + i);
}

}  // namespace

BatchRows::BatchRows(const rlrec_env_spec &spec, const std::vector<std::string> &obs_fields, std::string policy_id,
                     std::string policy_version)
    : spec_(spec), policy_id_(std::move(policy_id)), policy_version_(std::move(policy_version)) {
  for (uint32_t f = 0; f < spec.num_obs_fields; ++f) {
    if (spec.obs_fields[f].name == rlrec_data::kResponseField) response_field_ = static_cast<int>(f);
  }
  if (obs_fields.empty()) {
    for (uint32_t f = 0; f < spec.num_obs_fields; ++f) written_fields_.push_back(f);
    return;
  }
  for (const std::string &name : obs_fields) {
    uint32_t f = 0;
    while (f < spec.num_obs_fields && name != spec.obs_fields[f].name) ++f;
    if (f == spec.num_obs_fields) {
      std::string known;
      for (uint32_t k = 0; k < spec.num_obs_fields; ++k)
        known += (k > 0 ? ", " : "") + std::string(spec.obs_fields[k].name);
      rlrec_support::fail(RLREC_ERR_CONFIG, "dataset: obs_fields names '" + name + "', the env's fields are " + known);
    }
    written_fields_.push_back(f);
  }
}

void BatchRows::fill(const rlrec_transition_batch &batch, const rlrec_act_output &decisions, uint32_t r,
                     rlrec_data::Decision &out) const {
  const auto slate = static_cast<std::size_t>(spec_.action_space.shape[0]);
  out.episode_id = batch.episode_id[r];
  out.t = batch.step_index[r];
  out.obs.resize(written_fields_.size());
  for (std::size_t k = 0; k < written_fields_.size(); ++k) {
    const uint32_t f = written_fields_[k];
    copy_row(spec_.obs_fields[f], batch.obs[f], r, out.obs[k]);
  }
  out.slate.assign(batch.actions + r * slate, batch.actions + (r + 1) * slate);
  out.slate_prob = batch.slate_prob[r];
  if (decisions.slot_propensity != nullptr) {
    out.slot_propensity.assign(decisions.slot_propensity + r * slate, decisions.slot_propensity + (r + 1) * slate);
  } else {
    out.slot_propensity.clear();
  }
  out.reward = batch.reward[r];
  out.has_responses = response_field_ >= 0;
  if (out.has_responses) {
    copy_row(spec_.obs_fields[response_field_], batch.next_obs[response_field_], r, out.responses);
    out.responses.name = rlrec_data::key::kResponses;
  }
  out.info.resize(batch.info != nullptr ? spec_.num_info_channels : 0);
  for (std::size_t c = 0; c < out.info.size(); ++c) {
    out.info[c] = {spec_.info_channels[c].name, batch.info[r * spec_.num_info_channels + c]};
  }
  out.terminated = batch.terminated[r] != 0;
  out.truncated = batch.truncated[r] != 0;
  out.policy_id = policy_id_;
  out.policy_version = policy_version_;
}

}  // namespace rlrec_dataset
