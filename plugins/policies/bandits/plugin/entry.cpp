#include <iterator>

#include "factories.hpp"

namespace rlrec_bandits {
namespace {

const rlrec_plugin_factory *const kFactories[] = {&egreedy_factory(), &linucb_factory(), &lints_factory()};

uint32_t factory_count() {
  return static_cast<uint32_t>(std::size(kFactories));
}

// The host only asks for 0 <= index < factory_count() (rlrec/plugin.h).
const rlrec_plugin_factory *factory_get(uint32_t index) {
  return kFactories[index];
}

// init/deinit are NULL: the library keeps no global state (every instance owns its own).
const rlrec_plugin_entry kEntry = {
    sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, nullptr, nullptr, factory_count, factory_get};

}  // namespace

const rlrec_plugin_entry &bandits_entry() {
  return kEntry;
}

}  // namespace rlrec_bandits
