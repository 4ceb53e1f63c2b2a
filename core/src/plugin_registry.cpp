#include "plugin_registry.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <algorithm>
#include <cstdlib>

#include "errors.hpp"
#include "host_services.hpp"
#include "in_process_plugins.hpp"
#include "text.hpp"

namespace rlrec::core {
namespace fs = std::filesystem;
namespace {

std::string with_article(const std::string &noun) {
  return (noun.find_first_of("aeiou") == 0 ? "an " : "a ") + noun;
}

}  // namespace

fs::path builtin_plugin_dir() {
  // dladdr names the main program as it was typed (argv[0]: "rlrec" found on PATH, "./rlrec");
  // /proc/self/exe (program_location) is the real file. A library is named by its real path.
  fs::path module = boost::dll::this_line_location();
  const fs::path program = boost::dll::program_location();
  if (module.is_relative() || module.filename() == program.filename()) module = program;
  const fs::path module_dir = fs::weakly_canonical(module).parent_path();
  // librlrec.so in <prefix>/<libdir>, the CLI in <prefix>/bin: both find <prefix>/<libdir>/rlrec/plugins.
  for (const fs::path &candidate : {module_dir / "rlrec" / "plugins",
                                    module_dir.parent_path() / RLREC_INSTALL_PLUGIN_DIR,
                                    module_dir.parent_path() / "lib" / "rlrec" / "plugins"}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return candidate;
  }
  return module_dir.parent_path() / "lib" / "rlrec" / "plugins";
}

PluginRegistry::PluginRegistry(std::vector<fs::path> extra_dirs) {
  dirs_.push_back(std::filesystem::absolute(builtin_plugin_dir()).lexically_normal());
  if (const char *env = std::getenv("RLREC_PLUGIN_PATH")) {
    for (const std::string &dir : split(env, ':')) {
      if (!dir.empty()) dirs_.emplace_back(dir);
    }
  }
  for (auto &dir : extra_dirs) dirs_.push_back(std::move(dir));
}

void PluginRegistry::add_library(const std::shared_ptr<PluginLibrary> &library) {
  // Check every id first, so a library is either taken whole or refused whole.
  for (const auto *factory : library->factories()) {
    auto it = by_id_.find(factory->desc->id);
    if (it != by_id_.end()) {
      throw PluginLoadError(library->path().string() + ": refused: duplicate plugin id '" +
                            factory->desc->id + "', already provided by " +
                            it->second.library->path().string());
    }
  }
  for (const auto *factory : library->factories()) {
    by_id_[factory->desc->id] = PluginRef{library, factory};
  }
}

void PluginRegistry::scan() {
  if (scanned_) return;
  scanned_ = true;
  for (const auto &library : in_process_libraries()) {
    try {
      add_library(library);
    } catch (const PluginLoadError &e) {
      refusals_.push_back(e.what());
    }
  }
  for (const fs::path &dir : dirs_) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto &item : fs::directory_iterator(dir, ec)) {
      if (item.path().extension() == ".so" && item.is_regular_file(ec)) files.push_back(item.path());
    }
    std::sort(files.begin(), files.end());  // deterministic: first found wins a duplicate id
    for (const fs::path &file : files) {
      const fs::path canonical = fs::weakly_canonical(file, ec);
      if (by_path_.count(canonical)) continue;
      try {
        auto library = PluginLibrary::load(canonical);
        add_library(library);
        by_path_[canonical] = library;
      } catch (const PluginLoadError &e) {
        refusals_.push_back(e.what());
        log_message(RLREC_LOG_DEBUG, e.what());
      }
    }
  }
}

PluginRef PluginRegistry::find(const std::string &id_or_path, uint32_t kind,
                               const fs::path &base_dir) {
  const bool is_path = id_or_path.find('/') != std::string::npos ||
                       id_or_path.find(".so") != std::string::npos;
  if (is_path) {
    std::string file = id_or_path;
    std::string wanted_id;
    if (auto hash = file.find('#'); hash != std::string::npos) {
      wanted_id = file.substr(hash + 1);
      file = file.substr(0, hash);
    }
    fs::path path = file;
    std::error_code ec;
    if (path.is_relative() && !base_dir.empty() && fs::exists(base_dir / path, ec)) path = base_dir / path;
    if (!fs::exists(path, ec)) {
      throw ConfigError("plugin library '" + file + "' does not exist (looked in " +
                        (base_dir.empty() ? std::string() : base_dir.string() + " and ") +
                        fs::current_path().string() + ")");
    }
    const fs::path canonical = fs::weakly_canonical(path, ec);
    std::shared_ptr<PluginLibrary> library;
    if (auto it = by_path_.find(canonical); it != by_path_.end()) {
      library = it->second;
    } else {
      library = PluginLibrary::load(canonical);
      by_path_[canonical] = library;
    }
    std::vector<PluginRef> matching;
    for (const auto *factory : library->factories()) {
      if ((kind == 0 || factory->desc->kind == kind) &&
          (wanted_id.empty() || wanted_id == factory->desc->id)) {
        matching.push_back(PluginRef{library, factory});
      }
    }
    if (matching.size() == 1) return matching.front();
    std::vector<std::string> ids;
    for (const auto *factory : library->factories()) ids.emplace_back(factory->desc->id);
    if (matching.empty()) {
      throw ConfigError(canonical.string() + " provides no " + (kind ? kind_name(kind) : "") +
                        " plugin" + (wanted_id.empty() ? "" : " '" + wanted_id + "'") +
                        " (it provides: " + join(ids, ", ") + ")");
    }
    throw ConfigError(canonical.string() + " provides several " + kind_name(kind) +
                      " plugins (" + join(ids, ", ") + "); name one as '" + file + "#ID'");
  }

  scan();
  auto it = by_id_.find(id_or_path);
  if (it == by_id_.end()) {
    std::vector<std::string> ids;
    for (const auto &[id, ref] : by_id_) {
      if (kind == 0 || ref.desc().kind == kind) ids.push_back(id);
    }
    std::string message = "unknown " + std::string(kind ? kind_name(kind) + std::string(" ") : "") + "plugin '" +
                           id_or_path + "'" + did_you_mean(id_or_path, ids, "ids");
    std::vector<std::string> dirs;
    for (const auto &dir : dirs_) dirs.push_back(dir.string());
    message += " (searched: " + join(dirs, ", ") + ")";
    for (const auto &refusal : refusals_) message += "\n  note: " + refusal;
    throw ConfigError(message);
  }
  if (kind != 0 && it->second.desc().kind != kind) {
    throw ConfigError(it->second.label() + " is " + with_article(kind_name(it->second.desc().kind)) +
                      " plugin, not " + with_article(kind_name(kind)) + " plugin");
  }
  return it->second;
}

std::vector<PluginRef> PluginRegistry::list() {
  scan();
  std::vector<PluginRef> out;
  for (const auto &[id, ref] : by_id_) out.push_back(ref);
  return out;
}

const std::vector<std::string> &PluginRegistry::refusals() {
  scan();
  return refusals_;
}

}  // namespace rlrec::core
