// policy_instance.hpp — one bandit policy instance behind the C ABI: the vtable functions adapt
// host tensors to rlrec_bandit::SlateBandit's rows and map every failure to a status.
#pragma once

#include <rlrec/plugin.h>

#include <memory>

#include "rlrec_bandit/explorer.hpp"

namespace rlrec_bandits {

using ExplorerMaker = std::unique_ptr<rlrec_bandit::Explorer> (*)(const rlrec_value *params);

// The create function of the three factories: `id` names the plugin in messages; make_explorer
// reads that policy's own parameters. Follows rlrec_plugin_factory.create_policy.
rlrec_status create_bandit_policy(const char *id, ExplorerMaker make_explorer, const rlrec_host *host,
                                  const rlrec_value *params, const rlrec_env_spec *env_spec, uint64_t seed,
                                  rlrec_policy *out, char *err, size_t err_capacity);

}  // namespace rlrec_bandits
