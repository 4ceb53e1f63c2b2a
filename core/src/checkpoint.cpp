#include "checkpoint.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "errors.hpp"
#include "file_io.hpp"

namespace rlrec::core {
namespace fs = std::filesystem;
namespace {

CheckpointFaultHook g_fault_hook = nullptr;

bool is_number(const std::string &name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string state_yaml(const RunnerState &state) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "format" << YAML::Value << 1;
  out << YAML::Key << "env_steps" << YAML::Value << state.env_steps;
  out << YAML::Key << "episodes_total" << YAML::Value << state.episodes_total;
  out << YAML::Key << "next_episode_id" << YAML::Value << state.next_episode_id;
  out << YAML::Key << "elapsed_s" << YAML::Value << state.elapsed_s;
  out << YAML::Key << "episode_count" << YAML::Value << YAML::Flow << state.episode_count;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace

void set_checkpoint_fault_hook(CheckpointFaultHook hook) { g_fault_hook = hook; }

void write_checkpoint_at(const fs::path &dir, const YAML::Node &config, const std::vector<uint8_t> &policy_bytes,
                         const RunnerState &state) {
  fs::path partial = dir;
  partial += ".partial";
  fs::remove_all(partial);
  fs::create_directories(partial);

  YAML::Emitter config_text;
  config_text << config;
  write_file_synced(partial / "config.yaml", std::string(config_text.c_str()) + "\n");
  write_file_synced(partial / "policy.bin",
                    std::string_view(reinterpret_cast<const char *>(policy_bytes.data()), policy_bytes.size()));
  if (g_fault_hook) g_fault_hook();
  write_file_synced(partial / "state.yaml", state_yaml(state));
  sync_directory(partial);

  // A checkpoint of the same step is replaced by swapping the two folders in one atomic rename
  // (RENAME_EXCHANGE), so there is no moment without a complete one; the old one is then removed.
  if (fs::exists(dir)) {
    if (renameat2(AT_FDCWD, partial.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
      throw std::runtime_error("cannot replace checkpoint '" + dir.string() + "': " + std::strerror(errno));
    }
    fs::remove_all(partial);
  } else {
    fs::rename(partial, dir);
  }
  sync_directory(dir.parent_path().empty() ? fs::path(".") : dir.parent_path());
}

fs::path write_checkpoint(const fs::path &run_dir, const YAML::Node &config, const std::vector<uint8_t> &policy_bytes,
                          const RunnerState &state, uint32_t keep) {
  const fs::path root = run_dir / "checkpoints";
  const fs::path final_dir = root / std::to_string(state.env_steps);
  write_checkpoint_at(final_dir, config, policy_bytes, state);

  // Prune: the newest `keep` stay; leftovers of crashed writes go too.
  std::vector<fs::path> complete = list_checkpoints(run_dir);
  for (std::size_t i = 0; i + keep < complete.size(); ++i) fs::remove_all(complete[i]);
  for (const auto &entry : fs::directory_iterator(root)) {
    if (entry.path().extension() == ".partial") fs::remove_all(entry.path());
  }
  return final_dir;
}

std::vector<fs::path> list_checkpoints(const fs::path &run_dir) {
  std::vector<std::pair<uint64_t, fs::path>> found;
  const fs::path root = run_dir / "checkpoints";
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && is_number(name)) found.emplace_back(std::stoull(name), entry.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> out;
  for (auto &item : found) out.push_back(item.second);
  return out;
}

fs::path find_checkpoint(const fs::path &path) {
  if (fs::exists(path / "policy.bin") && fs::exists(path / "state.yaml")) return path;
  if (!fs::is_directory(path)) throw ConfigError("'" + path.string() + "' is not a run folder or a checkpoint folder");
  const std::vector<fs::path> all = list_checkpoints(path);
  if (all.empty()) throw ConfigError("'" + path.string() + "' holds no checkpoint (no checkpoints/<env_steps>/ folder)");
  return all.back();
}

RunnerState read_runner_state(const fs::path &checkpoint_dir) {
  const fs::path file = checkpoint_dir / "state.yaml";
  try {
    const YAML::Node node = YAML::LoadFile(file.string());
    RunnerState state;
    state.env_steps = node["env_steps"].as<uint64_t>();
    state.episodes_total = node["episodes_total"].as<uint64_t>();
    state.next_episode_id = node["next_episode_id"].as<uint64_t>();
    state.elapsed_s = node["elapsed_s"].as<double>();
    state.episode_count = node["episode_count"].as<std::vector<uint64_t>>();
    return state;
  } catch (const YAML::Exception &e) {
    throw ConfigError("'" + file.string() + "' is not a valid checkpoint state: " + e.what());
  }
}

}  // namespace rlrec::core
