// plugin.cpp — the library's entry: plugin "slateq" (slateq_policy.hpp) and its description.
#include <rlrec/plugin.h>
#include <rlrec_support/entry.hpp>

#include "rlrec_nn/agent/policy_adapter.hpp"
#include "slateq_policy.hpp"

namespace {

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_POLICY,
    "slateq",
    "1.0.0",
    "SlateQ: item-wise long-term values (with a learned no-click value) combined by the user's choice model; "
    "exact LP, Dinkelbach, greedy, top-k or exhaustive slate optimisation; n-step targets from replay.",
    rlrec_slateq::kSlateqParamCount,
    0,
    rlrec_slateq::kSlateqParams.data()};

const rlrec_plugin_factory kFactory = {sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr,
                                       rlrec::nn::agent::PolicyAdapter<rlrec_slateq::SlateqPolicy>::create, nullptr};

const rlrec_plugin_factory *const kFactories[] = {&kFactory};

}  // namespace

RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
