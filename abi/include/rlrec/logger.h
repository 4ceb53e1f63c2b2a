/* rlrec/logger.h — logger instances: metrics sinks (console, CSV, JSONL, TensorBoard) and
 * experience sinks (the dataset writer). A logger declares which it takes by the functions it
 * provides (NULL = not taken).
 *
 * Threads: every function is [instance]. */
#ifndef RLREC_LOGGER_H
#define RLREC_LOGGER_H

#include "env.h"
#include "policy.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a logger is told about the run at create. Growable. Host-owned; valid until the logger is
 * destroyed. */
typedef struct rlrec_logger_context {
  uint32_t struct_size;
  uint32_t reserved0;
  const char *run_dir;          /* Non-null: the run folder; files go inside it */
  const char *run_name;         /* Non-null */
  uint64_t total_env_steps;     /* the run's goal (for percent and ETA); 0 if unknown */
  const rlrec_env_spec *env;    /* Nullable: the env's spec when there is one */
  uint64_t start_env_steps;     /* > 0 when the run resumed from a checkpoint */
} rlrec_logger_context;

typedef struct rlrec_logger_vtable {
  uint32_t struct_size;

  /* [instance] One row of metrics for the iteration that ended at env step `env_steps`.
   * metrics: host-owned, valid for the call. Rows come in increasing env_steps; the set of names
   * may differ between rows (evaluation metrics appear only when an evaluation ran).
   * Nullable function pointer: NULL = not a metrics sink. */
  rlrec_status (*log_metrics)(void *handle, uint64_t env_steps, uint32_t num_metrics,
                              const rlrec_metric *metrics);

  /* [instance] Transitions as they happen (for experience sinks). Host-owned, valid for the call.
   * Nullable function pointer: NULL = not an experience sink. */
  rlrec_status (*log_transitions)(void *handle, const rlrec_transition_batch *batch,
                                  const rlrec_act_output *decisions);

  /* [instance] Makes everything logged so far durable (called before each checkpoint and at the
   * end). Nullable function pointer. */
  rlrec_status (*flush)(void *handle);

  /* [instance] As rlrec_env_vtable.last_error. */
  const char *(*last_error)(void *handle);

  /* [instance] Flushes and frees. */
  void (*destroy)(void *handle);
} rlrec_logger_vtable;

typedef struct rlrec_logger {
  const rlrec_logger_vtable *vtable;
  void *handle;
} rlrec_logger;

#ifdef __cplusplus
}
#endif

#endif /* RLREC_LOGGER_H */
