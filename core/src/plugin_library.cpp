#include "plugin_library.hpp"

#include <boost/dll/shared_library_load_mode.hpp>
#include <cstring>
#include <map>
#include <mutex>

#include "errors.hpp"
#include "host_services.hpp"

namespace rlrec::core {
namespace {

std::string version_text(uint32_t version) {
  return std::to_string(RLREC_VERSION_MAJOR_OF(version)) + "." +
         std::to_string(RLREC_VERSION_MINOR_OF(version)) + "." +
         std::to_string(RLREC_VERSION_PATCH_OF(version));
}

// Checks one factory's self-description; returns "" when it is well formed.
std::string factory_problem(const rlrec_plugin_factory *factory) {
  if (factory == nullptr) return "factory_get returned NULL";
  if (!RLREC_HAS_MEMBER(rlrec_plugin_factory, factory, create_logger)) return "factory struct_size too small";
  const rlrec_plugin_desc *desc = factory->desc;
  if (desc == nullptr || desc->id == nullptr || desc->id[0] == '\0') return "a factory has no id";
  const std::string id = desc->id;
  if (desc->version == nullptr || desc->doc == nullptr) return "plugin '" + id + "' lacks version or doc";
  if (desc->num_params > 0 && desc->params == nullptr) return "plugin '" + id + "' declares params but gives none";
  for (uint32_t i = 0; i < desc->num_params; ++i) {
    const rlrec_param_def &def = desc->params[i];
    if (def.name == nullptr || def.doc == nullptr) return "plugin '" + id + "' has a parameter without name or doc";
    if ((def.flags & RLREC_PARAM_REQUIRED) == 0 && def.default_yaml == nullptr) {
      return "plugin '" + id + "' parameter '" + def.name + "' has neither a default nor the REQUIRED flag";
    }
    if (def.type == RLREC_PARAM_CHOICE && def.choices == nullptr) {
      return "plugin '" + id + "' choice parameter '" + def.name + "' lists no choices";
    }
  }
  const bool env = factory->create_env != nullptr;
  const bool policy = factory->create_policy != nullptr;
  const bool logger = factory->create_logger != nullptr;
  const bool matches = (desc->kind == RLREC_KIND_ENV && env && !policy && !logger) ||
                       (desc->kind == RLREC_KIND_POLICY && policy && !env && !logger) ||
                       (desc->kind == RLREC_KIND_LOGGER && logger && !env && !policy);
  if (!matches) return "plugin '" + id + "': the create function does not match its kind";
  return "";
}

}  // namespace

std::shared_ptr<PluginLibrary> PluginLibrary::in_process(const rlrec_plugin_factory *factory,
                                                         const std::string &owner) {
  const std::string problem = factory_problem(factory);
  if (!problem.empty()) throw PluginLoadError(owner + ": refused: " + problem);
  std::shared_ptr<PluginLibrary> lib(new PluginLibrary());
  lib->path_ = owner;
  lib->factories_.push_back(factory);
  return lib;
}

const char *kind_name(uint32_t kind) {
  switch (kind) {
    case RLREC_KIND_ENV: return "env";
    case RLREC_KIND_POLICY: return "policy";
    case RLREC_KIND_LOGGER: return "logger";
    default: return "unknown";
  }
}

std::string PluginRef::label() const {
  return std::string("plugin '") + desc().id + "' (" + library->path().string() + ")";
}

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path &path) {
  // One PluginLibrary per file per process while anyone uses it: the dynamic loader maps a file
  // once, so a second load would call init again on the same image (plugin.h: init runs once).
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::weak_ptr<PluginLibrary>> loaded;
  std::error_code ec;
  const std::filesystem::path key = std::filesystem::weakly_canonical(path, ec);
  std::lock_guard lock(mutex);
  if (auto live = loaded[key].lock()) return live;
  auto library = load_new(path);
  loaded[key] = library;
  return library;
}

std::shared_ptr<PluginLibrary> PluginLibrary::load_new(const std::filesystem::path &path) {
  const std::string where = path.string() + ": ";
  std::shared_ptr<PluginLibrary> lib(new PluginLibrary());
  lib->path_ = path;
  try {
    lib->library_.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception &e) {
    throw PluginLoadError(where + "cannot be loaded: " + e.what());
  }
  if (!lib->library_.has(RLREC_PLUGIN_ENTRY_SYMBOL)) {
    throw PluginLoadError(where + "refused: missing the entry symbol '" RLREC_PLUGIN_ENTRY_SYMBOL
                          "' (is it an rlrec plugin, built with RLREC_EXPORT?)");
  }
  auto &get_entry = lib->library_.get<const rlrec_plugin_entry *(uint32_t)>(RLREC_PLUGIN_ENTRY_SYMBOL);
  try {
    lib->entry_ = get_entry(RLREC_ABI_VERSION);
  } catch (...) {
    throw PluginLoadError(where + "refused: " RLREC_PLUGIN_ENTRY_SYMBOL
                          " threw a C++ exception across the C ABI");
  }
  if (lib->entry_ == nullptr) {
    throw PluginLoadError(where + "refused: " RLREC_PLUGIN_ENTRY_SYMBOL "(" +
                          version_text(RLREC_ABI_VERSION) +
                          ") returned NULL: the library cannot serve this engine's ABI");
  }
  const rlrec_plugin_entry *entry = lib->entry_;
  if (!RLREC_HAS_MEMBER(rlrec_plugin_entry, entry, factory_get)) {
    throw PluginLoadError(where + "refused: malformed entry table");
  }
  if (!RLREC_VERSION_IS_COMPATIBLE(RLREC_ABI_VERSION, entry->abi_version)) {
    throw PluginLoadError(where + "refused: built for rlrec ABI " + version_text(entry->abi_version) +
                          ", this engine speaks ABI " + version_text(RLREC_ABI_VERSION) +
                          " (the major versions must match); rebuild it against this engine's headers");
  }
  if (entry->factory_count == nullptr || entry->factory_get == nullptr) {
    throw PluginLoadError(where + "refused: the entry table lacks factory_count or factory_get");
  }
  if (entry->init != nullptr) {
    char err[1024] = {0};
    rlrec_status status = RLREC_OK;
    try {
      status = entry->init(host_services(), err, sizeof err);
    } catch (...) {
      throw PluginLoadError(where + "refused: init threw a C++ exception across the C ABI" + escaped_exception_text());
    }
    if (status != RLREC_OK) {
      throw PluginLoadError(where + "refused: init failed with status " + std::to_string(status) +
                            (err[0] ? std::string(": ") + err : std::string()));
    }
  }
  lib->initialised_ = true;
  try {
    const uint32_t count = entry->factory_count();
    for (uint32_t i = 0; i < count; ++i) {
      const rlrec_plugin_factory *factory = entry->factory_get(i);
      std::string problem = factory_problem(factory);
      if (!problem.empty()) throw PluginLoadError(where + "refused: " + problem);
      lib->factories_.push_back(factory);
    }
  } catch (const PluginLoadError &) {
    throw;
  } catch (...) {
    throw PluginLoadError(where + "refused: factory_count/factory_get threw a C++ exception across the C ABI" +
                          escaped_exception_text());
  }
  return lib;
}

PluginLibrary::~PluginLibrary() {
  if (initialised_ && entry_ != nullptr && entry_->deinit != nullptr) {
    try {
      entry_->deinit();
    } catch (...) {
      log_message(RLREC_LOG_ERROR, path_.string() + ": deinit threw a C++ exception");
    }
  }
  // library_ unloads in its destructor, after deinit.
}

}  // namespace rlrec::core
