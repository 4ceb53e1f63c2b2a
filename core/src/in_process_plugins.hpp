// in_process_plugins.hpp — plugin factories registered by the embedding process itself
// (rlrec_register_factory: an env or a policy written in Python, a C host's own simulator). Every
// PluginRegistry created afterwards offers them by id, before the libraries it finds on disk.
#pragma once

#include <rlrec/plugin.h>

#include <memory>
#include <string>
#include <vector>

#include "plugin_library.hpp"

namespace rlrec::core {

// Registers `factory` (caller-owned, valid until unregistered). Throws PluginLoadError for a
// malformed factory and ConfigError for an id already registered. Thread-safe.
void register_in_process(const rlrec_plugin_factory *factory, const std::string &owner);

// Removes the factory with this id; engines that already use it keep it alive. Thread-safe.
void unregister_in_process(const std::string &id);

// The registered factories, each as a library of one factory. Thread-safe.
std::vector<std::shared_ptr<PluginLibrary>> in_process_libraries();

}  // namespace rlrec::core
