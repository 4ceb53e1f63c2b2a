// The library's only export (the version script hides everything else). A host of another major
// version gets NULL and refuses the library with a message naming both versions.
#include <rlrec/plugin.h>

#include "factory.hpp"

extern "C" RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version) {
  if (!RLREC_VERSION_IS_COMPATIBLE(host_abi_version, RLREC_ABI_VERSION)) return nullptr;
  return &rlrec_bandit_env::bandit_env_entry();
}
