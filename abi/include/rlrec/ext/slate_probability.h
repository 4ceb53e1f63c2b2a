/* rlrec/ext/slate_probability.h — extension "rlrec.policy.slate_probability/1": a policy scores
 * slates it is GIVEN, where act only reports the probability of the slate it picked itself.
 *
 * Off-policy evaluation needs pi(A|x) of the LOGGED slate A under a target policy pi, and the
 * doubly robust and direct methods need the expectation under pi of a reward model. act cannot
 * give either for a stochastic pi (epsilon-greedy, softmax sampling): this extension can, and
 * `rlrec ope` uses it whenever the target provides it (docs/ope.md).
 *
 * Obtain it with policy.vtable->get_extension(policy.handle, RLREC_EXT_POLICY_SLATE_PROBABILITY);
 * the table is owned by the plugin, valid until the instance is destroyed. NULL means the policy
 * cannot give exact probabilities (e.g. `lints`, whose Thompson-sampling distribution has no closed
 * form): a host MUST then not pretend it can. The extension is optional and looked up by id, so
 * it needed no ABI version change (docs/abi.md §12). */
#ifndef RLREC_EXT_SLATE_PROBABILITY_H
#define RLREC_EXT_SLATE_PROBABILITY_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RLREC_EXT_POLICY_SLATE_PROBABILITY "rlrec.policy.slate_probability/1"

typedef struct rlrec_policy_slate_probability {
  uint32_t struct_size;
  uint32_t reserved0; /* MUST be 0 */

  /* [instance] For every row r of `in` (the same input act takes: rows, mode, obs, and the
   * Nullable episode_start and env with act's meaning), the distribution act would draw row r's
   * slate from if it were called now with this input, evaluated at the given slate A_r:
   *   slate_prob: [rows]           pi(A_r | x_r): the probability of exactly this ordered slate;
   *   slot_prob:  [rows, slate]    pi_l(A_rl | x_r) = P(slot l shows A_rl); Nullable;
   *   item_prob:  [rows, slate, N] P(slot l shows item i) for every candidate i (each [N] row
   *                                sums to 1): the per-slot marginals, from which a host takes the
   *                                expectation under pi of anything additive over slots (a reward
   *                                model's prediction) without enumerating slates; NaN for a slot
   *                                the policy cannot marginalise exactly (as act's
   *                                slot_propensity); Nullable.
   * slates: [rows, slate] the ordered slates to score, entries in [0, N). A slate the policy never
   * shows (a repeated or unavailable candidate) has probability 0: not an error.
   *
   * State: the policy's state as it is now, for every row alike (an epsilon schedule at its
   * current clock; act advances such a clock row by row, so a later row of one act call may see
   * a slightly different epsilon). score MUST NOT change the instance: it draws no random number
   * from the stream act uses, advances no clock, records no history, so later act, learn and save
   * calls behave exactly as if it had never been called. The same state and input give the same
   * outputs.
   *
   * Buffers are caller-owned, valid for the call. Returns RLREC_OK; RLREC_ERR_INVALID_ARGUMENT
   * for a NULL `in`, `slates` or `slate_prob`, observations that do not match the spec, a slate
   * entry outside [0, N), or a row with fewer available candidates than slots (as act);
   * RLREC_ERR_UNSUPPORTED when the policy needs `in->env` and got NULL (as act). On failure the
   * outputs are unspecified and the instance unchanged; last_error says why. */
  rlrec_status (*score)(void *policy_handle, const rlrec_act_input *in, const int32_t *slates, double *slate_prob,
                        double *slot_prob, double *item_prob);
} rlrec_policy_slate_probability;

#ifdef __cplusplus
}
#endif

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu /* layout lock, as rlrec/abi_check.h */
RLREC_ABI_SIZE(rlrec_policy_slate_probability, 16);
RLREC_ABI_OFFSET(rlrec_policy_slate_probability, score, 8);
#endif

#endif /* RLREC_EXT_SLATE_PROBABILITY_H */
