// plugin/factories.hpp — the env factories of the recsim plugin library (one library, three
// plugins). export.cpp turns kFactories into the library's entry; tests link them directly.
#pragma once

#include <rlrec/plugin.h>

namespace rlrec_recsim::plugin {

extern const rlrec_plugin_factory kInterestEvolutionFactory;
extern const rlrec_plugin_factory kLongTermSatisfactionFactory;
extern const rlrec_plugin_factory kInterestExplorationFactory;

// In the order `rlrec plugins list` shows them.
extern const rlrec_plugin_factory *const kFactories[3];

}  // namespace rlrec_recsim::plugin
