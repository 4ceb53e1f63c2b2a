/* rlrec/engine.h — the embedding API of librlrec: build an engine from YAML, train, evaluate.
 *
 * This is the only door into the engine for other languages (Python's ctypes package, the C
 * host in hosts/c/). Everything is C; no exception escapes; every call returns a status and the
 * message of the last failure is rlrec_engine_last_error().
 *
 * Threads: an engine is [instance] — one call at a time — except rlrec_engine_interrupt, which is
 * [thread-safe] and async-signal-safe (call it from a SIGINT handler or another thread). */
#ifndef RLREC_ENGINE_H
#define RLREC_ENGINE_H

#include "types.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define RLREC_API __declspec(dllimport)
#elif defined(RLREC_BUILDING_ENGINE)
#define RLREC_API __attribute__((visibility("default")))
#else
#define RLREC_API
#endif

typedef struct rlrec_engine rlrec_engine;

/* Greedy-evaluation result. Growable: set struct_size = sizeof before the call. */
typedef struct rlrec_eval_result {
  uint32_t struct_size;
  uint32_t reserved0;
  uint64_t episodes;
  double episode_return_mean;
  double episode_return_std;      /* population std (ddof 0), as RecSim reports it */
  double episode_length_mean;
  uint64_t env_steps;             /* steps the policy had trained for */
} rlrec_eval_result;

/* [thread-safe] The engine's library version "1.0.0" and its ABI version (rlrec/version.h). */
RLREC_API const char *rlrec_version_string(void);
RLREC_API uint32_t rlrec_abi_version(void);

/* [thread-safe] Builds an engine from a YAML config file.
 *   overrides: [num_overrides] "key.path=yaml value" strings applied on top (like --set);
 *              Nullable when num_overrides is 0.
 *   out:       on RLREC_OK a new engine to free with rlrec_engine_destroy.
 *   err:       on failure a message naming file:line:column (truncated to err_capacity).
 * Returns RLREC_OK, RLREC_ERR_CONFIG, RLREC_ERR_IO, or the status of a failing plugin. */
RLREC_API rlrec_status rlrec_engine_create(const char *config_path, const char *const *overrides,
                                           uint32_t num_overrides, rlrec_engine **out, char *err,
                                           size_t err_capacity);

/* [thread-safe] The same from YAML text; source_name names it in messages ("<python>"). */
RLREC_API rlrec_status rlrec_engine_create_from_string(const char *yaml_text,
                                                       const char *source_name,
                                                       const char *const *overrides,
                                                       uint32_t num_overrides, rlrec_engine **out,
                                                       char *err, size_t err_capacity);

/* [instance] Trains for run.total_env_steps (or until interrupted), writing the run folder
 * run_dir (Nullable: runs/<name>-<timestamp>/). On RLREC_OK or RLREC_ERR_INTERRUPTED, *result
 * (Nullable) holds the final greedy evaluation. */
RLREC_API rlrec_status rlrec_engine_train(rlrec_engine *engine, const char *run_dir,
                                          rlrec_eval_result *result);

/* [instance] Evaluates the current policy greedily for `episodes` episodes on held-out seeds. */
RLREC_API rlrec_status rlrec_engine_evaluate(rlrec_engine *engine, uint64_t episodes,
                                             rlrec_eval_result *result);

/* [thread-safe, async-signal-safe] Asks a running train/evaluate to stop at the next step
 * boundary; train then writes a final checkpoint and returns RLREC_ERR_INTERRUPTED. */
RLREC_API void rlrec_engine_interrupt(rlrec_engine *engine);

/* [instance] The message of the last failed call, or "". Owned by the engine; valid until the
 * next call on it. Never NULL. */
RLREC_API const char *rlrec_engine_last_error(const rlrec_engine *engine);

/* [instance] Frees the engine and its plugins. NULL is allowed. */
RLREC_API void rlrec_engine_destroy(rlrec_engine *engine);

#ifdef __cplusplus
}
#endif

#endif /* RLREC_ENGINE_H */
