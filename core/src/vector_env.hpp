// vector_env.hpp — env.num_envs sub-environments split into `workers` shards. Each shard is one
// env instance of the plugin, stepped on its own thread; all shards write into one set of
// host-owned buffers (rows [offset, offset + size) belong to a shard), so the policy sees one
// batch and nothing is copied between stepping and learning.
//
// Global row i is the same sub-environment whatever the worker count; its episode seeds depend
// only on i and its episode count, which is why results do not depend on how rows are sharded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "batch.hpp"
#include "instances.hpp"
#include "worker_pool.hpp"

namespace rlrec::core {

// What `act` writes for every row: the slate, its probability, per-slot propensities and scores.
struct ActBuffers {
  ActBuffers() = default;
  ActBuffers(uint32_t rows, uint32_t slate_size);

  uint32_t slate_size = 0;
  std::vector<int32_t> slates;          // [rows, slate]
  std::vector<float> slate_prob;        // [rows]
  std::vector<float> slot_propensity;   // [rows, slate]
  std::vector<float> scores;            // [rows, slate]

  // The rlrec_act_output of rows [start, start + count).
  rlrec_act_output slice(uint32_t start, uint32_t count);
};

// The transitions of one step of every row: `obs` the observations acted on, `act` the decisions,
// `out` what the step returned (next observations included); the behaviour's slate_prob and
// slot_propensity come from `act`, row for row. A view: nothing is copied.
rlrec_transition_batch transition_batch(const ObsBuffers &obs, const ActBuffers &act, const EnvOutputBuffers &out,
                                        const uint64_t *episode_id, const uint32_t *step_index);

// Checks what a policy's act returned for `rows` rows of `spec`: indices in range, distinct unless
// the env allows repeats, a probability in (0, 1]. Throws PluginCallError naming the policy.
void check_slates(const PolicyInstance &policy, const rlrec_env_spec &spec, uint32_t rows,
                  const rlrec_act_output &out);

class VectorEnv {
 public:
  VectorEnv(const PluginRef &plugin, const ParamValues &params, uint32_t num_envs, uint32_t workers);

  uint32_t num_envs() const { return num_envs_; }
  uint32_t slate_size() const { return slate_size_; }
  // The spec of the whole vector (num_envs = all rows), as policies and loggers are told.
  const rlrec_env_spec &spec() const { return spec_; }
  const std::vector<rlrec_field> &fields() const { return fields_; }
  const std::string &label() const { return label_; }

  // Starts new episodes in global rows `rows` with `seeds`, writing their first observations
  // into those rows of `obs` (and zeros in `info`). Runs the shards in parallel.
  void reset(const std::vector<uint32_t> &rows, const std::vector<uint64_t> &seeds, ObsBuffers &obs);

  // Steps every row with actions [num_envs, slate] and writes `out` (all rows).
  void step(const int32_t *actions, EnvOutputBuffers &out);

  // Asks the policy for one slate per row, one call per shard (so a policy may query the shard's
  // env through rlrec_act_input.env), on the calling thread. Checks what the policy returned:
  // indices in range, distinct unless the env allows repeats, a probability in (0, 1].
  void act(PolicyInstance &policy, rlrec_act_mode mode, const ObsBuffers &obs, const uint8_t *episode_start,
           ActBuffers &out);

 private:
  struct Shard {
    EnvInstance env;
    uint32_t offset = 0;
    uint32_t size = 0;
    EnvOutputBuffers reset_out;              // scratch for reset rows of this shard
    std::vector<uint32_t> reset_ids;         // local ids of rows being reset
    std::vector<uint64_t> reset_seeds;
    std::vector<rlrec_tensor> tensors;       // tensor headers of this shard's slice
  };

  uint32_t num_envs_ = 0;
  uint32_t slate_size_ = 0;
  std::vector<Shard> shards_;
  std::vector<int32_t> shard_of_row_;
  WorkerPool pool_;
  rlrec_env_spec spec_{};
  std::vector<rlrec_field> fields_;
  std::string label_;
};

}  // namespace rlrec::core
