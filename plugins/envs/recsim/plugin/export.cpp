// The library's only export (the version script hides everything else): an entry table with the
// three factories, no init/deinit (the library keeps no global state).
#include <rlrec_support/entry.hpp>

#include "factories.hpp"

RLREC_SUPPORT_PLUGIN_ENTRY(rlrec_recsim::plugin::kFactories)
