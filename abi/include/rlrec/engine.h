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

#include "plugin.h"
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
 * run_dir (Nullable: runs/<name>-<timestamp>/). On RLREC_OK, *result (Nullable) holds the final
 * greedy evaluation (run.eval.episodes episodes; episodes = 0 for a config without an env, which
 * trains from input.dataset only). On RLREC_ERR_INTERRUPTED a final checkpoint was
 * written and *result is untouched. */
RLREC_API rlrec_status rlrec_engine_train(rlrec_engine *engine, const char *run_dir,
                                          rlrec_eval_result *result);

/* [instance] Evaluates the current policy greedily for `episodes` episodes on held-out seeds. */
RLREC_API rlrec_status rlrec_engine_evaluate(rlrec_engine *engine, uint64_t episodes,
                                             rlrec_eval_result *result);

/* [thread-safe, async-signal-safe] Asks a running train/evaluate to stop at the next step
 * boundary; train then writes a final checkpoint and returns RLREC_ERR_INTERRUPTED. A request
 * made before the call starts stops it at once; the request is cleared when the call returns. */
RLREC_API void rlrec_engine_interrupt(rlrec_engine *engine);

/* [instance] The message of the last failed call, or "". Owned by the engine; valid until the
 * next call on it. Never NULL. */
RLREC_API const char *rlrec_engine_last_error(const rlrec_engine *engine);

/* [instance] Frees the engine and its plugins. NULL is allowed. */
RLREC_API void rlrec_engine_destroy(rlrec_engine *engine);

/* [thread-safe] An engine rebuilt from a checkpoint folder (or a run folder: its newest
 * checkpoint), its policy restored: evaluate, act or train further. Errors as rlrec_engine_create. */
RLREC_API rlrec_status rlrec_engine_create_from_checkpoint(const char *path, const char *const *overrides,
                                                           uint32_t num_overrides, rlrec_engine **out,
                                                           char *err, size_t err_capacity);

/* [instance] The env spec the engine's policy was created for (num_envs = env.num_envs). Owned by
 * the engine; valid until it is destroyed. Never NULL for a live engine. */
RLREC_API const rlrec_env_spec *rlrec_engine_env_spec(const rlrec_engine *engine);

/* [instance] The engine's policy chooses slates for caller-owned observations (rlrec/policy.h;
 * in->env may be NULL). The engine checks the returned slates like the runner does. */
RLREC_API rlrec_status rlrec_engine_act(rlrec_engine *engine, const rlrec_act_input *in,
                                        rlrec_act_output *out);

/* [instance] Writes a checkpoint folder at `dir` (config.yaml, policy.bin, state.yaml; atomic:
 * the folder appears complete or not at all) that rlrec_engine_create_from_checkpoint and
 * `rlrec evaluate --checkpoint` read. */
RLREC_API rlrec_status rlrec_engine_save(rlrec_engine *engine, const char *dir);

/* ---- Plugin instances without a run: a host that drives an env or a policy itself ----------
 * (Python's Gymnasium wrapper, a C program). `plugin` is an id or a library path as in YAML;
 * params_yaml is a YAML map checked against the plugin's schema (NULL or "{}" = all defaults);
 * errors go to err like rlrec_engine_create. The instance is used through its vtable and freed
 * with the matching close call, which also releases the plugin library. */

/* [thread-safe] num_envs >= 1 sub-environments (rlrec/env.h). */
RLREC_API rlrec_status rlrec_env_open(const char *plugin, const char *params_yaml, uint32_t num_envs,
                                      rlrec_env *out, char *err, size_t err_capacity);
/* [instance] NULL or an already closed env is allowed. */
RLREC_API void rlrec_env_close(rlrec_env *env);

/* [thread-safe] A policy for `env_spec` (caller-owned, valid for the call). */
RLREC_API rlrec_status rlrec_policy_open(const char *plugin, const char *params_yaml,
                                         const rlrec_env_spec *env_spec, uint64_t seed, rlrec_policy *out,
                                         char *err, size_t err_capacity);
/* [instance] NULL or an already closed policy is allowed. */
RLREC_API void rlrec_policy_close(rlrec_policy *policy);

/* [thread-safe] Registers a plugin factory that lives in the calling process (an env or a policy
 * written in Python, a C host's own simulator) under desc->id, for every engine and open call
 * made afterwards. The factory and everything it points to are caller-owned and must stay valid
 * until rlrec_unregister_factory and the last instance made from it is destroyed. `owner` names
 * it in messages in place of a library path ("<python>"). Refused like a library: malformed
 * descriptions, or an id already registered (RLREC_ERR_CONFIG, message in err). */
RLREC_API rlrec_status rlrec_register_factory(const rlrec_plugin_factory *factory, const char *owner, char *err,
                                              size_t err_capacity);
/* [thread-safe] Engines that already use the factory keep it. */
RLREC_API void rlrec_unregister_factory(const char *id);

/* Receives the engine's and the plugins' log lines instead of stderr (run.log still gets them).
 * [thread-safe]: called from any thread, concurrently; msg is valid for the call. */
typedef void (*rlrec_log_handler)(void *ctx, int32_t level, const char *msg);
/* [thread-safe] handler NULL restores stderr. */
RLREC_API void rlrec_set_log_handler(rlrec_log_handler handler, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* RLREC_ENGINE_H */
