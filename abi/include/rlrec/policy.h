/* rlrec/policy.h — policy (recommender / learner) instances.
 *
 * A policy maps a batch of structured observations to slates (`act`), reporting the probability
 * of each slate it chose — offline RL and off-policy evaluation need it — and learns from batches
 * of transitions (`learn`). Bandits learn online from every step; replay learners (SlateQ) keep
 * the transitions they are given in their own buffer and train from it: the host calls `learn`
 * with every step's transitions either way.
 *
 * Threads: every function is [instance] (see rlrec/env.h). */
#ifndef RLREC_POLICY_H
#define RLREC_POLICY_H

#include "env.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rlrec_act_mode {
  RLREC_ACT_EXPLORE = 0, /* the policy's behaviour during training (epsilon, sampling, ...) */
  RLREC_ACT_GREEDY = 1   /* its best guess: evaluation and serving without exploration */
} rlrec_act_mode;

/* Host-owned input of `act`. Growable. Valid for the one call. */
typedef struct rlrec_act_input {
  uint32_t struct_size;
  uint32_t rows;                 /* number of decisions */
  uint32_t mode;                 /* rlrec_act_mode */
  uint32_t reserved0;            /* MUST be 0 */
  const rlrec_tensor *obs;       /* [num_obs_fields of the env spec], each [rows, *shape] */
  const uint8_t *episode_start;  /* [rows] 1 where the row's sub-env was just reset; Nullable
                                    (serving: every row is independent) */
  const rlrec_env *env;          /* Nullable: the env the rows come from, row r = its sub-env r,
                                    so a policy may query an env extension (choice model) during
                                    act. NULL when acting from data or when serving: a policy MUST
                                    then work without it or fail with RLREC_ERR_UNSUPPORTED. */
} rlrec_act_input;

/* Host-owned output of `act`. Growable. */
typedef struct rlrec_act_output {
  uint32_t struct_size;
  uint32_t rows;
  int32_t *slates;          /* [rows, slate] distinct candidate indices; written by the plugin */
  float *slate_prob;        /* [rows] probability that this policy, in this mode, picks exactly
                               this ordered slate for this observation (1 if deterministic) */
  float *slot_propensity;   /* [rows, slate] Nullable: P(slot l shows this item); NaN where the
                               policy cannot compute it */
  float *scores;            /* [rows, slate] Nullable: the policy's score of each chosen item
                               (for serving and debugging); NaN where it has none */
} rlrec_act_output;

/* Host-owned batch of transitions given to `learn`. Growable. All arrays are [rows, ...] and
 * valid for the one call; a policy that keeps them (replay) MUST copy. */
typedef struct rlrec_transition_batch {
  uint32_t struct_size;
  uint32_t rows;
  const rlrec_tensor *obs;       /* [num_obs_fields]: the observation the action was chosen on */
  const int32_t *actions;        /* [rows, slate] */
  const float *slate_prob;       /* [rows] the behaviour policy's probability of the slate */
  const float *reward;           /* [rows] */
  const uint8_t *terminated;     /* [rows] */
  const uint8_t *truncated;      /* [rows] */
  const rlrec_tensor *next_obs;  /* [num_obs_fields]: the observation after the step (the final
                                    one when the episode ended, never the reset observation) */
  const float *info;             /* [rows, num_info_channels]; Nullable when there are none */
  const uint64_t *episode_id;    /* [rows] unique per episode within a run */
  const uint32_t *step_index;    /* [rows] t within the episode, from 0 */
  /* ---- since ABI 1.1: a 1.0 host hands a smaller struct, so check
   *      RLREC_HAS_MEMBER(rlrec_transition_batch, batch, slot_propensity) before reading. ---- */
  const float *slot_propensity;  /* [rows, slate] the behaviour policy's per-slot propensities
                                    P(slot l shows this item) as its act returned them
                                    (rlrec_act_output.slot_propensity of the same rows); NaN
                                    where it could not compute one. Nullable: NULL when the host
                                    has none (the runner always passes them). Off-policy learners
                                    and offline training from logged data need them: they feed
                                    the slate pseudo-inverse estimator and per-slot importance
                                    weights, which slate_prob alone cannot give. */
} rlrec_transition_batch;

/* What the host needs to know about a policy instance. Growable. Owned by the plugin; valid
 * until destroy. */
enum {
  RLREC_POLICY_LEARNS = 1u << 0, /* the host calls learn (else the policy is fixed: random, myopic) */
  /* act reads the earlier steps of each row's episode (history features). A host that scores a
   * logged decision apart from its episode (rlrec/ext/slate_probability.h, `rlrec ope`) gets the
   * policy as at an episode start, and says so. Informational: the host's calls are the same. */
  RLREC_POLICY_EPISODE_HISTORY = 1u << 1
};
typedef struct rlrec_policy_info {
  uint32_t struct_size;
  uint32_t flags;           /* RLREC_POLICY_* bits */
} rlrec_policy_info;

/* Where `save` writes its bytes: a host callback. */
typedef struct rlrec_byte_sink {
  void *ctx;
  /* [instance] Appends size bytes; returns RLREC_OK or RLREC_ERR_IO. */
  rlrec_status (*write)(void *ctx, const void *data, size_t size);
} rlrec_byte_sink;

typedef struct rlrec_policy_vtable {
  uint32_t struct_size;

  /* [instance] Never NULL. */
  const rlrec_policy_info *(*info)(void *handle);

  /* [instance] Chooses one slate per row. Returns RLREC_OK, RLREC_ERR_INVALID_ARGUMENT for
   * observations that do not match the spec the policy was created for, RLREC_ERR_UNSUPPORTED when
   * it needs `in->env` and got NULL. */
  rlrec_status (*act)(void *handle, const rlrec_act_input *in, rlrec_act_output *out);

  /* [instance] Learns from a batch. On return *num_metrics and *metrics describe what the
   * update measured (losses, epsilon, ...): owned by the plugin, valid until the next call on this
   * instance; *num_metrics may be 0. Nullable function pointer for policies that never learn. */
  rlrec_status (*learn)(void *handle, const rlrec_transition_batch *batch, uint32_t *num_metrics,
                        const rlrec_metric **metrics);

  /* [instance] Writes the complete learnt state (weights, optimiser state, counters, RNG) so
   * that load() makes a policy that acts and learns identically. The format is the plugin's; it
   * SHOULD start with a version tag and fail load() on a mismatch. */
  rlrec_status (*save)(void *handle, const rlrec_byte_sink *sink);

  /* [instance] Restores state written by save() of the same plugin created with the same params
   * and env spec. data is host-owned, valid for the call. RLREC_ERR_VERSION on a format mismatch,
   * RLREC_ERR_INVALID_ARGUMENT on corrupt data. */
  rlrec_status (*load)(void *handle, const void *data, size_t size);

  /* [instance] Optional capability by string id ("rlrec.policy.<name>/<rev>"); NULL if
   * unsupported. Nullable function pointer. */
  const void *(*get_extension)(void *handle, const char *id);

  /* [instance] As rlrec_env_vtable.last_error. */
  const char *(*last_error)(void *handle);

  /* [instance] */
  void (*destroy)(void *handle);
} rlrec_policy_vtable;

typedef struct rlrec_policy {
  const rlrec_policy_vtable *vtable;
  void *handle;
} rlrec_policy;

#ifdef __cplusplus
}
#endif

#endif /* RLREC_POLICY_H */
