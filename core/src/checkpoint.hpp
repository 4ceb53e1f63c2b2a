// checkpoint.hpp — checkpoints: RUN_DIR/checkpoints/<env_steps>/ with
//   config.yaml  the resolved config (every param with its value), enough to rebuild the engine
//   policy.bin   the policy's own save() bytes
//   state.yaml   the runner's counters (env steps, episode counters, elapsed time)
//
// Atomicity: a checkpoint is written into checkpoints/<env_steps>.partial/, every file fsynced,
// then the folder is renamed to its final name and checkpoints/ fsynced. Only folders named by a
// number are checkpoints, so a process killed mid-write leaves the previous checkpoint as the
// newest; the leftover .partial folder is removed by the next write.
// (Only folders named by a number count, so the .partial suffix hides incomplete ones.)
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace rlrec::core {

// The runner's counters at a checkpoint.
struct RunnerState {
  uint64_t env_steps = 0;
  uint64_t episodes_total = 0;
  uint64_t next_episode_id = 0;
  std::vector<uint64_t> episode_count;  // per training sub-env: episodes started
  double elapsed_s = 0.0;
};

// Test hook: called after policy.bin was written into the partial folder, before the rename.
// Crash tests set it to kill the process there. nullptr (the default) in normal use.
using CheckpointFaultHook = void (*)();
void set_checkpoint_fault_hook(CheckpointFaultHook hook);

// Writes the checkpoint of `state.env_steps` and deletes all but the newest `keep` checkpoints.
// Returns its folder. Throws std::runtime_error naming the path on an I/O failure (the previous
// checkpoints are left untouched).
std::filesystem::path write_checkpoint(const std::filesystem::path &run_dir, const YAML::Node &config,
                                       const std::vector<uint8_t> &policy_bytes, const RunnerState &state,
                                       uint32_t keep);

// Writes one checkpoint folder at `dir` atomically (through "<dir>.partial", renamed when
// complete; an existing `dir` is replaced). write_checkpoint uses it; so does rlrec_engine_save.
void write_checkpoint_at(const std::filesystem::path &dir, const YAML::Node &config,
                         const std::vector<uint8_t> &policy_bytes, const RunnerState &state);

// Complete checkpoints of a run folder, oldest first.
std::vector<std::filesystem::path> list_checkpoints(const std::filesystem::path &run_dir);

// `path` itself if it is a checkpoint folder, else the newest checkpoint of the run folder `path`.
// Throws ConfigError when there is none.
std::filesystem::path find_checkpoint(const std::filesystem::path &path);

RunnerState read_runner_state(const std::filesystem::path &checkpoint_dir);

}  // namespace rlrec::core
