// plugin.cpp — the library's entry: plugin "dqn" (dqn_policy.hpp) and its description.
#include <rlrec/plugin.h>
#include <rlrec_support/entry.hpp>

#include "dqn_policy.hpp"
#include "rlrec_nn/agent/policy_adapter.hpp"

namespace {

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_POLICY,
    "dqn",
    "1.0.0",
    "DQN over the enumerated ordered slates (one network output per slate); the flat baseline for SlateQ.",
    rlrec_dqn::kDqnParamCount,
    0,
    rlrec_dqn::kDqnParams.data()};

const rlrec_plugin_factory kFactory = {sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr,
                                       rlrec::nn::agent::PolicyAdapter<rlrec_dqn::DqnPolicy>::create, nullptr};

const rlrec_plugin_factory *const kFactories[] = {&kFactory};

}  // namespace

RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
