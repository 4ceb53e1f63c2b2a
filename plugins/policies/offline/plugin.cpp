// plugin.cpp — the library's entry: plugins "bc" (beta fixed at 0) and "marwil" (offline_policy.hpp).
#include <rlrec/plugin.h>
#include <rlrec_support/entry.hpp>

#include "offline_policy.hpp"
#include "rlrec_nn/agent/policy_adapter.hpp"

namespace {

using rlrec_offline::OfflinePolicy;

struct Bc : OfflinePolicy {
  Bc(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed) : OfflinePolicy(params, spec, seed, 0.0) {}
};
struct Marwil : OfflinePolicy {
  Marwil(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed) : OfflinePolicy(params, spec, seed, -1.0) {}
};

const rlrec_plugin_desc kBcDesc = {
    sizeof(rlrec_plugin_desc), RLREC_KIND_POLICY, "bc", "1.0.0",
    "Behaviour cloning over slates: a per-slot softmax of a (context, candidate) scoring network fitted to the logged "
    "slates (marwil with beta 0; the beta param is ignored).",
    rlrec_offline::kParamCount, 0, rlrec_offline::kParams.data()};
const rlrec_plugin_desc kMarwilDesc = {
    sizeof(rlrec_plugin_desc), RLREC_KIND_POLICY, "marwil", "1.0.0",
    "MARWIL (advantage-weighted behaviour cloning with a value head) over slates; beta 0 is behaviour cloning.",
    rlrec_offline::kParamCount, 0, rlrec_offline::kParams.data()};

const rlrec_plugin_factory kBc = {sizeof(rlrec_plugin_factory), 0, &kBcDesc, nullptr,
                                  rlrec::nn::agent::PolicyAdapter<Bc>::create, nullptr};
const rlrec_plugin_factory kMarwil = {sizeof(rlrec_plugin_factory), 0, &kMarwilDesc, nullptr,
                                      rlrec::nn::agent::PolicyAdapter<Marwil>::create, nullptr};
const rlrec_plugin_factory *const kFactories[] = {&kBc, &kMarwil};

}  // namespace

RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
