// dqn_settings.hpp — the parameter schema of plugin "dqn": the value-learning block shared with
// slateq (rlrec_nn/agent/q_settings.hpp) followed by DQN's own entries.
#pragma once

#include <rlrec/params.h>

#include <array>

#include "rlrec_nn/agent/q_settings.hpp"

namespace rlrec_dqn {

namespace agent = rlrec::nn::agent;

struct DqnSettings {
  agent::QSettings q;
  uint64_t max_actions = 10000;
};

enum DqnParam : uint32_t { kMaxActions = agent::kQParamCount, kDqnParamCount };

inline constexpr std::array<rlrec_param_def, kDqnParamCount - uint32_t{agent::kQParamCount}> kDqnOwnParams = {
    agent::int_param("max_actions", "10000", 1, 1e8,
                     "Largest number of ordered slates to enumerate as actions (the network has one output each)."),
};

// constexpr: the plugin description points at it from static storage.
inline constexpr std::array<rlrec_param_def, kDqnParamCount> kDqnParams = agent::concat(agent::kQParams, kDqnOwnParams);

inline DqnSettings read_dqn_settings(const rlrec_value *v) {
  return DqnSettings{agent::read_q_settings(v), static_cast<uint64_t>(v[kMaxActions].i)};
}

}  // namespace rlrec_dqn
