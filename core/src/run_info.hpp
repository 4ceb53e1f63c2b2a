// run_info.hpp — run_info.yaml in a run folder: what produced the run, so a result can be traced
// back to code: the engine and ABI versions, each plugin's id, version and library path, the git
// revision of the config's folder (when it is in a git checkout), host and start time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "plugin_library.hpp"

namespace rlrec::core {

struct RunPlugin {
  std::string role;  // "env", "policy", "loggers[0]", ...
  PluginRef plugin;
};

// Writes RUN_DIR/run_info.yaml atomically. `config_dir` is where the git revision is looked up.
void write_run_info(const std::filesystem::path &run_dir, const std::filesystem::path &config_dir,
                    const std::vector<RunPlugin> &plugins, bool resumed);

// The revision of the git checkout holding `dir` ("<sha>" or "<sha>-dirty"), or "" if none.
std::string git_revision(const std::filesystem::path &dir);

}  // namespace rlrec::core
