// plugin_registry.hpp — finds plugins by id: the built-in folder, then RLREC_PLUGIN_PATH, then the
// config's plugins.search_paths; or a library named by path ("./libmysim.so", optionally
// "./libmulti.so#plugin.id" when a library provides several plugins of one kind).
//
// A library that is refused (see PluginLibrary::load) or that repeats an id already provided is
// recorded as a refusal and skipped: the engine goes on with the others and says why.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugin_library.hpp"

namespace rlrec::core {

class PluginRegistry {
 public:
  // Searches, in order: the built-in plugin folder, each folder of $RLREC_PLUGIN_PATH
  // (':'-separated), then `extra_dirs`.
  explicit PluginRegistry(std::vector<std::filesystem::path> extra_dirs = {});

  // The plugin with this id or library path, of the given kind (0 = any). Relative paths are
  // resolved against base_dir first, then the working directory. Throws ConfigError naming the
  // id and the closest known id, or PluginLoadError for a refused library given by path.
  PluginRef find(const std::string &id_or_path, uint32_t kind,
                 const std::filesystem::path &base_dir = {});

  // Every plugin found in the search folders, sorted by id.
  std::vector<PluginRef> list();
  // Libraries that were refused, each with its reason.
  const std::vector<std::string> &refusals();

  const std::vector<std::filesystem::path> &search_dirs() const { return dirs_; }

 private:
  void scan();
  void add_library(const std::shared_ptr<PluginLibrary> &library);

  std::vector<std::filesystem::path> dirs_;
  bool scanned_ = false;
  std::map<std::string, PluginRef> by_id_;
  std::vector<std::string> refusals_;
  std::map<std::filesystem::path, std::shared_ptr<PluginLibrary>> by_path_;
};

// Where the built-in plugins live: <module>/../lib/rlrec/plugins for an executable in bin/, or
// <module dir>/rlrec/plugins for librlrec.so in lib/ — the same layout in build and install trees.
std::filesystem::path builtin_plugin_dir();

}  // namespace rlrec::core
