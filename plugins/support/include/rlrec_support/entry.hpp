// rlrec_support/entry.hpp — the entry point of a C++ plugin library in one line:
//
//   const rlrec_plugin_factory *const kFactories[] = {&kLinUcb, &kLinTs};
//   RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
//
// It defines rlrec_plugin_get_entry (the library's only export) returning a static entry table
// with no init/deinit, serving any host of the ABI major this plugin was compiled against.
#pragma once

#include <rlrec/plugin.h>

#include <cstdint>
#include <iterator>

namespace rlrec_support {

template <const auto &Factories>
struct StaticEntry {
  static uint32_t count() { return static_cast<uint32_t>(std::size(Factories)); }
  static const rlrec_plugin_factory *get(uint32_t index) { return Factories[index]; }
  static constexpr rlrec_plugin_entry table = {sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, nullptr, nullptr,
                                               count, get};

  static const rlrec_plugin_entry *serve(uint32_t host_abi_version) {
    return RLREC_VERSION_IS_COMPATIBLE(host_abi_version, RLREC_ABI_VERSION) ? &table : nullptr;
  }
};

}  // namespace rlrec_support

#define RLREC_SUPPORT_PLUGIN_ENTRY(FACTORIES)                                                        \
  extern "C" RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version) { \
    return ::rlrec_support::StaticEntry<FACTORIES>::serve(host_abi_version);                          \
  }
