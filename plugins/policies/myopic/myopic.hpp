// myopic.hpp — the factory of the myopic policy library, for its entry (export.cpp) and for
// tests that link the policy statically.
#pragma once

#include <rlrec/plugin.h>

namespace rlrec_myopic {

extern const rlrec_plugin_factory kMyopicFactory;
extern const rlrec_plugin_factory *const kFactories[1];

}  // namespace rlrec_myopic
