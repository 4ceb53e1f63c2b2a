// plugin/create_env.hpp — the create_env shared by the three RecSim factories: read the
// validated parameters, build the model (its consistency errors become RLREC_ERR_CONFIG), wrap
// it into a BatchedEnv, and report any failure in the caller's buffer (rlrec/plugin.h).
#pragma once

#include <rlrec/plugin.h>

#include <memory>
#include <rlrec_support/boundary.hpp>
#include <stdexcept>
#include <string>

#include "batched_env.hpp"

namespace rlrec_recsim::plugin {

template <class Model, class Params>
rlrec_status create_batched(const char *id, const rlrec_value *values, uint32_t num_envs, rlrec_env *out, char *err,
                            size_t err_capacity, Params (*read)(const rlrec_value *values),
                            EnvDescription (*describe)(const Params &params, const rlrec_value *values)) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (values == nullptr || out == nullptr || num_envs == 0) {
      rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT,
                          std::string(id) + ": params and out must be non-NULL and num_envs >= 1");
    }
    const Params params = read(values);
    std::unique_ptr<BatchedEnv<Model>> env;
    try {
      env = std::make_unique<BatchedEnv<Model>>(Model(params, num_envs), describe(params, values));
    } catch (const std::invalid_argument &e) {
      rlrec_support::fail(RLREC_ERR_CONFIG, std::string(id) + ": " + e.what());
    }
    *out = BatchedEnv<Model>::into_abi(std::move(env));
  });
}

}  // namespace rlrec_recsim::plugin
