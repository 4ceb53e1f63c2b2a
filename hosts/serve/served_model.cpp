#include "served_model.hpp"

#include <cstring>

#include "checkpoint.hpp"
#include "errors.hpp"
#include "http_error.hpp"
#include "seeding.hpp"
#include "vector_env.hpp"

namespace rlrec::serve {
namespace {

int field_index(const std::vector<rlrec_field> &fields, const char *name) {
  for (std::size_t f = 0; f < fields.size(); ++f)
    if (std::strcmp(fields[f].name, name) == 0) return static_cast<int>(f);
  return -1;
}

// A refusal of the request's shape or values is the client's error; anything else is ours.
[[noreturn]] void rethrow_as_http(const core::PluginCallError &e) {
  if (e.status() == RLREC_ERR_INVALID_ARGUMENT || e.status() == RLREC_ERR_UNSUPPORTED) throw HttpError(400, e.what());
  throw e;
}

}  // namespace

ServedModel::ServedModel(const std::filesystem::path &checkpoint, uint32_t max_rows, uint64_t serial)
    : checkpoint_(core::find_checkpoint(checkpoint)),
      engine_(core::Engine::from_checkpoint(checkpoint_)),
      state_(engine_->policy_state()),
      policy_id_(engine_->policy_id()),
      fields_(core::obs_fields_of(engine_->env_spec())),
      max_rows_(max_rows),
      seed_(core::derive_seed(engine_->config().run.seed, core::kPolicy, serial, 1)) {
  const std::string version = engine_->policy_version();
  version_ = version + (version.find('+') == std::string::npos ? "+r" : ".r") + std::to_string(serial);
  layout_.user = field_index(fields_, "user");
  layout_.candidates = field_index(fields_, "candidates");
  layout_.mask = field_index(fields_, "mask");
  if (layout_.candidates < 0 || fields_[layout_.candidates].space.rank != 2)
    throw core::ConfigError("serve: the policy's env has no observation field 'candidates' [N, dd]; a served "
                            "request is a list of candidates, so there is nothing to fill it from");
  const rlrec_space &candidates = fields_[layout_.candidates].space;
  spec_candidates_ = static_cast<uint32_t>(candidates.shape[0]);
  layout_.item_dim = static_cast<uint32_t>(candidates.shape[1]);
  if (layout_.user >= 0) {
    const rlrec_space &user = fields_[layout_.user].space;
    layout_.user_dim = user.rank == 0 ? 1 : static_cast<uint32_t>(user.shape[0]);
  }
  const rlrec_env_spec &spec = engine_->env_spec();
  slate_size_ = static_cast<uint32_t>(spec.action_space.shape[0]);
  for (uint32_t c = 0; c < spec.num_info_channels; ++c) info_channels_.emplace_back(spec.info_channels[c].name);
  instance(spec_candidates_);  // the checkpoint's own shape must work before the model is served
}

std::vector<rlrec_field> ServedModel::fields_with(uint32_t n) const {
  std::vector<rlrec_field> fields = fields_;
  fields[layout_.candidates].space.shape[0] = n;
  if (layout_.mask >= 0) fields[layout_.mask].space.shape[0] = n;
  return fields;
}

ServedModel::Instance &ServedModel::instance(uint32_t n) {
  std::lock_guard guard(instances_lock_);
  if (const auto refused = refused_.find(n); refused != refused_.end()) throw HttpError(400, refused->second);
  std::unique_ptr<Instance> &slot = instances_[n];
  if (slot) return *slot;
  auto made = std::make_unique<Instance>();
  made->fields = fields_with(n);
  made->spec = engine_->env_spec();
  made->spec.num_envs = max_rows_;
  made->spec.obs_fields = made->fields.data();
  made->spec.action_space.n = n;
  made->spec.action_space.high = static_cast<double>(n) - 1.0;
  try {
    made->policy = engine_->make_policy(made->spec, seed_ ^ n, state_);
  } catch (const core::PluginCallError &e) {
    if (n == spec_candidates_) throw;
    instances_.erase(n);
    const std::string why = "the policy refuses " + std::to_string(n) + " candidates (its checkpoint has " +
                            std::to_string(spec_candidates_) + "): " + e.what();
    refused_.emplace(n, why);
    throw HttpError(400, why);
  }
  slot = std::move(made);
  return *slot;
}

void ServedModel::act(uint32_t n, const rlrec_act_input &in, rlrec_act_output &out) {
  Instance &one = instance(n);
  std::lock_guard guard(one.lock);
  try {
    one.policy.act(in, out);
  } catch (const core::PluginCallError &e) {
    rethrow_as_http(e);
  }
  core::check_slates(one.policy, one.spec, in.rows, out);
}

}  // namespace rlrec::serve
