// factory.hpp — the env factory of plugin "bandit.linear" and its library's entry table. Tests
// link these directly; the shared library exports only rlrec_plugin_get_entry (export.cpp).
#pragma once

#include <rlrec/plugin.h>

namespace rlrec_bandit_env {

const rlrec_plugin_factory &linear_bandit_factory();
const rlrec_plugin_entry &bandit_env_entry();

}  // namespace rlrec_bandit_env
