/* rlrec/ext/choice_model.h — extension "rlrec.env.choice_model/1": an env reveals its user
 * choice model, the ground truth the myopic baseline ranks by and SlateQ may trust.
 *
 * Obtain it with env.vtable->get_extension(env.handle, RLREC_EXT_ENV_CHOICE_MODEL); NULL means
 * the env does not expose one, and a policy MUST then work without it (SlateQ learns the choice
 * model) or fail create/act with RLREC_ERR_UNSUPPORTED and a message saying so.
 *
 * The conditional choice model (RecSim's multinomial proportional and logit models) is, for a
 * slate A shown to sub-env b in its current state s:
 *     P(i | s, A) = v(s,i) / (v0(s) + sum_{j in A} v(s,j)),   P(no click) = v0(s) / (...)
 * Other kinds of model are named by rlrec_choice_kind; the scores keep their meaning (larger =
 * more attractive) so a ranker can still use them. */
#ifndef RLREC_EXT_CHOICE_MODEL_H
#define RLREC_EXT_CHOICE_MODEL_H

#include "../types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RLREC_EXT_ENV_CHOICE_MODEL "rlrec.env.choice_model/1"

typedef enum rlrec_choice_kind {
  RLREC_CHOICE_CONDITIONAL = 1, /* P(i|s,A) = v_i / (v0 + sum_A v_j) */
  RLREC_CHOICE_CASCADE = 2,     /* slots examined in order; slot l is chosen with probability
                                   prod_{m<l}(1 - v_m) * v_l, v in [0,1] (attention folded in) */
  RLREC_CHOICE_FIRST_SLOT = 3   /* the user always consumes the first slot (v and v0 unused) */
} rlrec_choice_kind;

typedef struct rlrec_env_choice_model {
  uint32_t struct_size;
  uint32_t kind; /* rlrec_choice_kind; constant for the instance */

  /* [instance] For every sub-environment b of the instance, in its CURRENT state (after the last
   * reset/step), writes:
   *   scores:           [num_envs, N] v(s_b, i) >= 0 for every candidate i
   *   no_click:         [num_envs]    v0(s_b) (0 where the model has no no-click option); Nullable
   *   reward_if_chosen: [num_envs, N] the expected immediate reward if the user consumes i;
   *                     Nullable
   * Buffers are caller-owned. Returns RLREC_OK or RLREC_ERR_STATE before the first reset. */
  rlrec_status (*query)(void *env_handle, float *scores, float *no_click, float *reward_if_chosen);
} rlrec_env_choice_model;

#ifdef __cplusplus
}
#endif

#endif /* RLREC_EXT_CHOICE_MODEL_H */
