// The library's only export (the version script hides everything else).
#include <rlrec_support/entry.hpp>

#include "myopic.hpp"

RLREC_SUPPORT_PLUGIN_ENTRY(rlrec_myopic::kFactories)
