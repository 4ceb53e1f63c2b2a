#include "in_process_plugins.hpp"

#include <algorithm>
#include <mutex>

#include "errors.hpp"

namespace rlrec::core {
namespace {

std::mutex g_mutex;
std::vector<std::shared_ptr<PluginLibrary>> g_libraries;

}  // namespace

void register_in_process(const rlrec_plugin_factory *factory, const std::string &owner) {
  auto library = PluginLibrary::in_process(factory, owner);
  std::lock_guard lock(g_mutex);
  const std::string id = factory->desc->id;
  for (const auto &existing : g_libraries) {
    if (id == existing->factories()[0]->desc->id) {
      throw ConfigError("an in-process plugin with id '" + id + "' is already registered");
    }
  }
  g_libraries.push_back(std::move(library));
}

void unregister_in_process(const std::string &id) {
  std::lock_guard lock(g_mutex);
  std::erase_if(g_libraries, [&](const auto &library) { return id == library->factories()[0]->desc->id; });
}

std::vector<std::shared_ptr<PluginLibrary>> in_process_libraries() {
  std::lock_guard lock(g_mutex);
  return g_libraries;
}

}  // namespace rlrec::core
