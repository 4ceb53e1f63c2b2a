// served_model.hpp — one loaded checkpoint, ready to rank: the engine restored from it, and one
// policy instance per candidate count N that requests used (the checkpoint's spec with
// `candidates`, `mask` and the action space resized to N, and `max_rows` rows), each created on
// first use from the same policy state.
//
// Threads: every method may be called from any thread. A policy instance is [instance]-threaded
// (rlrec/policy.h), so act() serialises the calls on each instance with its own lock. One clone
// per thread instead would not be equivalent: load() restores the policy's RNG, so the clones
// would all draw the same exploration sequence and their decisions would be correlated.
// Immutable after construction apart from the instance cache; shared by requests through
// std::shared_ptr, so a reload never frees a model a request is still using.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine.hpp"

namespace rlrec::serve {

// Where a request's values go in the policy's observation (the conventional field names of
// rlrec/types.h); -1 where the spec has no such field.
struct ObsLayout {
  int user = -1;        // "user" [du]: the request's context
  int candidates = -1;  // "candidates" [N, dd]: the candidates' features
  int mask = -1;        // "mask" [N]: excluded candidates are masked rather than removed
  uint32_t user_dim = 0;
  uint32_t item_dim = 0;
};

class ServedModel {
 public:
  // Loads the checkpoint (a checkpoint folder, or a run folder: its newest). `serial` counts the
  // loads of this server and is part of the version. Throws what Engine::from_checkpoint throws,
  // and ConfigError when the policy's spec has no `candidates` field.
  ServedModel(const std::filesystem::path &checkpoint, uint32_t max_rows, uint64_t serial);

  // The checkpoint folder loaded.
  const std::filesystem::path &checkpoint() const { return checkpoint_; }
  const std::string &policy_id() const { return policy_id_; }
  // The policy's version with the load serial as SemVer build metadata ("1.0.0+steps.2000.r3"):
  // it changes with every load, and decisions are logged with it.
  const std::string &version() const { return version_; }
  const std::vector<rlrec_field> &fields() const { return fields_; }
  // The fields with `n` candidates (the shapes of `candidates` and `mask` changed).
  std::vector<rlrec_field> fields_with(uint32_t n) const;
  // The names of the env's info channels (the dataset lines carry them).
  const std::vector<std::string> &info_channels() const { return info_channels_; }
  const ObsLayout &layout() const { return layout_; }
  uint32_t slate_size() const { return slate_size_; }
  // The candidate count of the checkpoint's spec.
  uint32_t spec_candidates() const { return spec_candidates_; }
  uint32_t max_rows() const { return max_rows_; }

  // The policy of `n` candidates acts on `in` (in.rows <= max_rows, obs of that N); the slates are
  // checked like the runner checks them. Throws HttpError 400 when the policy refuses N or the
  // observations, PluginCallError for any other failure of the plugin.
  void act(uint32_t n, const rlrec_act_input &in, rlrec_act_output &out);

 private:
  struct Instance {
    std::mutex lock;
    std::vector<rlrec_field> fields;  // the spec's fields with N candidates (the spec points here)
    rlrec_env_spec spec{};
    core::PolicyInstance policy;
  };
  Instance &instance(uint32_t n);

  std::filesystem::path checkpoint_;
  std::unique_ptr<core::Engine> engine_;
  std::vector<uint8_t> state_;
  std::string policy_id_;
  std::string version_;
  std::vector<rlrec_field> fields_;
  std::vector<std::string> info_channels_;
  ObsLayout layout_;
  uint32_t slate_size_ = 0;
  uint32_t spec_candidates_ = 0;
  uint32_t max_rows_ = 0;
  uint64_t seed_ = 0;
  std::mutex instances_lock_;
  std::map<uint32_t, std::unique_ptr<Instance>> instances_;  // by N; never erased
  std::map<uint32_t, std::string> refused_;  // N -> why the policy refused it (asked once)
};

}  // namespace rlrec::serve
