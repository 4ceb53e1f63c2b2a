// plugin_library.hpp — one loaded plugin library: Boost.DLL load with RTLD_NOW | RTLD_LOCAL, ABI
// negotiation, init, the factories it offers, and deinit + unload when the last user lets go.
//
// Teardown order (DESIGN.md §3 rule 8) is enforced by ownership: every instance holds a
// shared_ptr<PluginLibrary>, so deinit runs only after the last instance was destroyed, and the
// library is unloaded only after deinit returned.
#pragma once

#include <rlrec/plugin.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace rlrec::core {

class PluginLibrary {
 public:
  // Loads and initialises the library at `path`, or returns the live PluginLibrary of that file
  // when one exists in this process (so init runs once per load of the file). Throws PluginLoadError naming the library and
  // why it was refused: cannot be loaded (dlerror), no entry symbol, entry returned NULL, an
  // incompatible ABI major, a failing init, a malformed factory, or a C++ exception thrown
  // across the boundary.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path &path);
  // A factory that lives in the host process (registered through rlrec_register_factory, e.g. an
  // env written in Python). Checked like a loaded one; `owner` stands for the path in messages
  // ("<in-process: python>"). Nothing is loaded, initialised or unloaded.
  static std::shared_ptr<PluginLibrary> in_process(const rlrec_plugin_factory *factory, const std::string &owner);

  ~PluginLibrary();
  PluginLibrary(const PluginLibrary &) = delete;
  PluginLibrary &operator=(const PluginLibrary &) = delete;

  const std::filesystem::path &path() const { return path_; }
  uint32_t abi_version() const { return entry_->abi_version; }
  const std::vector<const rlrec_plugin_factory *> &factories() const { return factories_; }

 private:
  PluginLibrary() = default;
  static std::shared_ptr<PluginLibrary> load_new(const std::filesystem::path &path);

  std::filesystem::path path_;
  boost::dll::shared_library library_;
  const rlrec_plugin_entry *entry_ = nullptr;
  bool initialised_ = false;
  std::vector<const rlrec_plugin_factory *> factories_;
};

// One plugin: a factory and the library that keeps it alive.
struct PluginRef {
  std::shared_ptr<PluginLibrary> library;
  const rlrec_plugin_factory *factory = nullptr;

  const rlrec_plugin_desc &desc() const { return *factory->desc; }
  std::string id() const { return factory->desc->id; }
  // "plugin 'id' (path/to/lib.so)", the way every message names a plugin.
  std::string label() const;
};

const char *kind_name(uint32_t kind);

}  // namespace rlrec::core
