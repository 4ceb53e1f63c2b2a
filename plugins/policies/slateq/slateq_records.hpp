// slateq_records.hpp — where SlateQ keeps what, in a replay record and in an act-time record.
//
// Replay record (floats): user features (context + history, raw) | candidates [n, dd] | mask [n]
// | choice scores v [n] | v0 | 1 if v came from the env (else the learned model recomputes them)
// Replay record (ints):   the slate shown [k] | the clicked slot (-1: none)
// Act record (floats):    user features | v [n] | v0 | 1 if from the env | the env's expected
//                         reward of consuming each candidate [n] (0 without the env)
// The next state of a transition is its successor's record (rlrec_nn/replay.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace rlrec_slateq {

struct RecordLayout {
  RecordLayout(size_t user_dim, uint32_t n, uint32_t dd, uint32_t k)
      : cand(user_dim),
        mask(cand + static_cast<size_t>(n) * dd),
        v(mask + n),
        v0(v + n),
        from_env(v0 + 1),
        floats(from_env + 1),
        click(k),
        ints(k + 1),
        act_v(user_dim),
        act_v0(act_v + n),
        act_from_env(act_v0 + 1),
        act_reward(act_from_env + 1),
        act_floats(act_reward + n) {}

  static constexpr size_t user = 0;
  size_t cand, mask, v, v0, from_env, floats;
  static constexpr size_t slate = 0;
  size_t click, ints;
  size_t act_v, act_v0, act_from_env, act_reward, act_floats;
};

}  // namespace rlrec_slateq
