// factories.cpp — the self-descriptions of egreedy, linucb and lints, and their create functions:
// the same SlateBandit with each one's Explorer.
#include "factories.hpp"

#include <span>

#include "policy_instance.hpp"
#include "schema.hpp"

namespace rlrec_bandits {
namespace {

rlrec_status create_egreedy(const rlrec_host *host, const rlrec_value *params, const rlrec_env_spec *spec,
                            uint64_t seed, rlrec_policy *out, char *err, size_t err_capacity) {
  return create_bandit_policy("egreedy", make_egreedy_explorer, host, params, spec, seed, out, err, err_capacity);
}

rlrec_status create_linucb(const rlrec_host *host, const rlrec_value *params, const rlrec_env_spec *spec, uint64_t seed,
                           rlrec_policy *out, char *err, size_t err_capacity) {
  return create_bandit_policy("linucb", make_linucb_explorer, host, params, spec, seed, out, err, err_capacity);
}

rlrec_status create_lints(const rlrec_host *host, const rlrec_value *params, const rlrec_env_spec *spec, uint64_t seed,
                          rlrec_policy *out, char *err, size_t err_capacity) {
  return create_bandit_policy("lints", make_lints_explorer, host, params, spec, seed, out, err, err_capacity);
}

rlrec_plugin_desc describe(const char *id, const char *doc, std::span<const rlrec_param_def> schema) {
  return {sizeof(rlrec_plugin_desc),
          RLREC_KIND_POLICY,
          id,
          "1.0.0",
          doc,
          static_cast<uint32_t>(schema.size()),
          0,
          schema.data()};
}

const rlrec_plugin_desc kEgreedyDesc =
    describe("egreedy", "Epsilon-greedy contextual slate bandit over a ridge-regression model (exact probabilities).",
             egreedy_schema());
const rlrec_plugin_desc kLinUcbDesc = describe(
    "linucb", "LinUCB contextual slate bandit: top-k by upper confidence bound of a ridge model.", linucb_schema());
const rlrec_plugin_desc kLinTsDesc =
    describe("lints", "Linear Thompson sampling slate bandit: top-k by a posterior draw (Monte Carlo probabilities).",
             lints_schema());

const rlrec_plugin_factory kEgreedy = {
    sizeof(rlrec_plugin_factory), 0, &kEgreedyDesc, nullptr, create_egreedy, nullptr};
const rlrec_plugin_factory kLinUcb = {sizeof(rlrec_plugin_factory), 0, &kLinUcbDesc, nullptr, create_linucb, nullptr};
const rlrec_plugin_factory kLinTs = {sizeof(rlrec_plugin_factory), 0, &kLinTsDesc, nullptr, create_lints, nullptr};

}  // namespace

const rlrec_plugin_factory &egreedy_factory() {
  return kEgreedy;
}
const rlrec_plugin_factory &linucb_factory() {
  return kLinUcb;
}
const rlrec_plugin_factory &lints_factory() {
  return kLinTs;
}

}  // namespace rlrec_bandits
