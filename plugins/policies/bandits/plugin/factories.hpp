// factories.hpp — the policy factories of the bandits plugin library, and its entry table (one
// library, three plugins). Tests link these directly; the shared library exports only
// rlrec_plugin_get_entry (export.cpp), which returns bandits_entry().
#pragma once

#include <rlrec/plugin.h>

namespace rlrec_bandits {

const rlrec_plugin_factory &egreedy_factory();
const rlrec_plugin_factory &linucb_factory();
const rlrec_plugin_factory &lints_factory();

const rlrec_plugin_entry &bandits_entry();

}  // namespace rlrec_bandits
