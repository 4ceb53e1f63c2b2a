/* rlrec/env.h — environment (simulator) instances.
 *
 * One env instance runs `num_envs` independent sub-environments in lock step (EnvPool,
 * Gymnasium VectorEnv). The host resets chosen sub-environments with explicit seeds and steps all
 * of them at once. There is no autoreset inside a plugin: when a sub-environment terminates or is
 * truncated, the host calls reset for it before the next step — one way, in the engine.
 *
 * Semantics are Gymnasium's: seeds are given at reset; `terminated` (the MDP ended) is distinct
 * from `truncated` (the host or the env cut it short, e.g. a time limit).
 *
 * Determinism contract: the same seed passed to reset and the same actions MUST give bitwise the
 * same observations, rewards and infos, whatever num_envs is and whatever other sub-envs do. So a
 * sub-environment's randomness comes only from its own seed (no shared or global RNG).
 *
 * Threads: every function is [instance] — the host never makes two calls on one instance at
 * the same time, but different instances may run on different threads at once, so a plugin
 * MUST keep no mutable global state. */
#ifndef RLREC_ENV_H
#define RLREC_ENV_H

#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What an env instance produces and accepts. Growable (struct_size).
 * Owned by the plugin; valid until the instance is destroyed, and constant over its life. */
typedef struct rlrec_env_spec {
  uint32_t struct_size;
  uint32_t num_envs;              /* B: sub-environments in this instance (as created) */
  uint32_t num_obs_fields;
  uint32_t num_info_channels;
  const rlrec_field *obs_fields;  /* [num_obs_fields]: structured observation of one sub-env */
  const rlrec_field *info_channels; /* [num_info_channels]: float32 scalars per sub-env per step;
                                       their spaces are rank-0 BOX F32 */
  rlrec_space action_space;       /* MULTI_DISCRETE [slate] with n = number of candidates: a slate
                                     of candidate indices (a plain bandit is slate 1) */
  uint32_t allow_duplicates;      /* 1 if a slate may repeat a candidate; else the env MUST reject
                                     a slate with repeats (RLREC_ERR_INVALID_ARGUMENT) */
  uint32_t max_episode_steps;     /* the env's natural time limit after which the host truncates;
                                     0 = none (the env terminates on its own) */
} rlrec_env_spec;

/* Host-owned output buffers for reset and step, sized from the spec. Growable.
 * Rows are sub-environments: row r of every array belongs to the r-th sub-env of the call
 * (for step: sub-env r; for reset: ids[r]). Every buffer is valid for that one call only.
 * The plugin MUST write every element of every non-null buffer for each row it covers. */
typedef struct rlrec_env_output {
  uint32_t struct_size;
  uint32_t rows;            /* number of rows the buffers below hold */
  rlrec_tensor *obs;        /* [num_obs_fields] tensors, each [rows, *field.shape] of the field's
                               dtype; the plugin writes the data, not the tensor headers */
  float *reward;            /* [rows]; reset: Nullable */
  uint8_t *terminated;      /* [rows]; reset: Nullable */
  uint8_t *truncated;       /* [rows]; 1 when the env itself truncated; reset: Nullable */
  float *info;              /* [rows, num_info_channels]; Nullable when there are no channels */
} rlrec_env_output;

typedef struct rlrec_env_vtable {
  uint32_t struct_size;

  /* [instance] The spec; never NULL. Cheap: hosts may call it often. */
  const rlrec_env_spec *(*spec)(void *handle);

  /* [instance] Starts a new episode in each listed sub-environment.
   * ids:   [count] distinct sub-env indices in [0, num_envs).
   * seeds: [count] the seed of each new episode; all randomness of the episode derives from it.
   * out:   rows == count; the plugin writes obs (and info, zeros if nothing to say) of row r for
   *        sub-env ids[r]. reward/terminated/truncated are NULL or ignored.
   * Returns RLREC_OK, or RLREC_ERR_INVALID_ARGUMENT for bad ids. */
  rlrec_status (*reset)(void *handle, uint32_t count, const uint32_t *ids, const uint64_t *seeds,
                        rlrec_env_output *out);

  /* [instance] Advances every sub-environment by one step.
   * actions: [num_envs, slate] RLREC_DTYPE_I32 candidate indices, host-owned, valid for this call.
   * out:     rows == num_envs.
   * Returns RLREC_ERR_STATE if some sub-env was never reset or has ended and was not reset since,
   * RLREC_ERR_INVALID_ARGUMENT for an out-of-range or (unless allowed) duplicate index — with a
   * last_error naming the sub-env, the slot and the value. */
  rlrec_status (*step)(void *handle, const rlrec_tensor *actions, rlrec_env_output *out);

  /* [instance] An optional capability, by string id ("rlrec.env.<name>/<rev>", see rlrec/ext/).
   * Returns NULL when unsupported. The returned table is owned by the plugin and valid until the
   * instance is destroyed; its functions take this instance's handle. Nullable function pointer:
   * NULL means no extensions. */
  const void *(*get_extension)(void *handle, const char *id);

  /* [instance] The message of the last failed call on this instance, or "" if none. Owned by the
   * plugin; valid until the next call on this instance. Never NULL. */
  const char *(*last_error)(void *handle);

  /* [instance] Frees the instance. The handle is invalid afterwards. */
  void (*destroy)(void *handle);
} rlrec_env_vtable;

/* An env instance: a vtable and an opaque handle. */
typedef struct rlrec_env {
  const rlrec_env_vtable *vtable;
  void *handle;
} rlrec_env;

#ifdef __cplusplus
}
#endif

#endif /* RLREC_ENV_H */
