// plugin/batch_checks.hpp — the checks a batched env runs before touching any sub-env, so that a
// failed reset or step changes nothing (a retry acts as if the bad call never happened). Each
// throws rlrec_support::Error with the status rlrec/env.h prescribes and a message naming what
// was wrong: the sub-env, the slot, the value. None allocates unless it fails.
#pragma once

#include <rlrec/env.h>

#include <cstdint>
#include <vector>

namespace rlrec_recsim::plugin {

// The host's output buffers match the spec: `rows` rows, one float32 tensor per obs field of
// shape [rows, *field.shape] with data, and — for a step — reward, terminated and truncated.
void check_output(const rlrec_env_output *out, uint32_t rows, const std::vector<rlrec_field> &fields, bool step,
                  const char *call);

// reset ids: non-null, in [0, num_envs), distinct; seeds non-null. `mark` is [num_envs] zeros
// and is left all zero again.
void check_reset_ids(uint32_t count, const uint32_t *ids, const uint64_t *seeds, uint32_t num_envs,
                     std::vector<uint8_t> &mark);

// The actions tensor is int32 [num_envs, slate_size] with data; returns its data.
const int32_t *check_actions(const rlrec_tensor *actions, uint32_t num_envs, uint32_t slate_size);

// Every slot in [0, num_candidates) and, unless allowed, no candidate twice in one slate.
void check_slates(const int32_t *slates, uint32_t num_envs, uint32_t slate_size, uint32_t num_candidates,
                  bool allow_duplicates);

}  // namespace rlrec_recsim::plugin
