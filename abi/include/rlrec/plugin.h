/* rlrec/plugin.h — the one header a plugin author includes.
 *
 * A plugin library is a shared library that exports exactly one symbol:
 *
 *     RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version);
 *
 * It returns a static entry table, or NULL when it cannot serve that host's major version. The
 * library never links against the engine: everything it may call on the host comes through the
 * rlrec_host table handed to init and to every create. One library may provide several plugins
 * (a factory each), of any kinds.
 *
 * Life cycle, enforced by the host's loader:
 *   load (RTLD_NOW | RTLD_LOCAL) -> rlrec_plugin_get_entry -> entry->init
 *     -> factories' create_* -> instances ... -> every instance destroyed
 *   -> entry->deinit -> unload.
 *
 * Rules (docs/abi.md): C across the boundary; no exception or longjmp crosses it (catch
 * everything, return a status); whoever allocates frees; strings are UTF-8 and NUL-terminated;
 * plugins keep no mutable globals besides what init/deinit manage.
 *
 * Thread tags on every function:
 *   [load-thread]  called only on the thread that loaded the library, never concurrently with
 *                  any other call into the library;
 *   [thread-safe]  may be called from any thread at any time;
 *   [instance]     never two calls on one instance at once; different instances may be used on
 *                  different threads concurrently. */
#ifndef RLREC_PLUGIN_H
#define RLREC_PLUGIN_H

#include "env.h"
#include "logger.h"
#include "params.h"
#include "policy.h"
#include "types.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define RLREC_EXPORT __declspec(dllexport)
#else
#define RLREC_EXPORT __attribute__((visibility("default")))
#endif

/* The symbol the loader looks up. */
#define RLREC_PLUGIN_ENTRY_SYMBOL "rlrec_plugin_get_entry"

typedef enum rlrec_log_level {
  RLREC_LOG_DEBUG = 0,
  RLREC_LOG_INFO = 1,
  RLREC_LOG_WARNING = 2,
  RLREC_LOG_ERROR = 3
} rlrec_log_level;

/* Services the host offers to plugins. Growable. Owned by the host; valid from init until
 * deinit returns. */
typedef struct rlrec_host {
  uint32_t struct_size;
  uint32_t abi_version;   /* the host's RLREC_ABI_VERSION */
  void *host_data;        /* reserved for the host; plugins MUST NOT touch it */
  const char *name;       /* Non-null: "rlrec" or an embedding's name */

  /* [thread-safe] Writes one line to the run's log (and the console). msg: UTF-8, caller-owned. */
  void (*log)(const struct rlrec_host *host, int32_t level, const char *msg);

  /* [thread-safe] Optional host capability by string id ("rlrec.host.<name>/<rev>"); NULL when
   * unsupported. The table is owned by the host and valid until deinit. */
  const void *(*get_extension)(const struct rlrec_host *host, const char *id);
} rlrec_host;

typedef enum rlrec_plugin_kind {
  RLREC_KIND_ENV = 1,
  RLREC_KIND_POLICY = 2,
  RLREC_KIND_LOGGER = 3
} rlrec_plugin_kind;

/* Self-description of one plugin. Growable. Owned by the plugin; valid from init until deinit. */
typedef struct rlrec_plugin_desc {
  uint32_t struct_size;
  uint32_t kind;                 /* rlrec_plugin_kind */
  const char *id;                /* Non-null, unique across loaded libraries: dotted lower-case
                                    ("recsim.interest_evolution", "linucb", "acme.sim.feed") */
  const char *version;           /* Non-null: the plugin's own semantic version ("1.0.0") */
  const char *doc;               /* Non-null: one line */
  uint32_t num_params;
  uint32_t reserved0;            /* MUST be 0 */
  const rlrec_param_def *params; /* [num_params] the parameter schema (rlrec/params.h) */
} rlrec_plugin_desc;

/* How to make instances of one plugin. Growable. Exactly the create function that matches
 * desc->kind is non-NULL.
 *
 * Common arguments of every create_*:
 *   host:    the host table (also passed to init); the instance may keep the pointer.
 *   params:  [desc->num_params] validated values in schema order, defaults filled in;
 *            host-owned, valid for the call only.
 *   out:     on RLREC_OK the new instance; the caller destroys it with out->vtable->destroy.
 *   err/err_capacity: on failure the plugin writes a NUL-terminated message (truncated to fit).
 * Returns RLREC_OK, RLREC_ERR_CONFIG (parameters that are valid one by one but not together),
 * RLREC_ERR_UNSUPPORTED (a policy that cannot handle this env's spec), or another status. */
typedef struct rlrec_plugin_factory {
  uint32_t struct_size;
  uint32_t reserved0;                     /* MUST be 0 */
  const rlrec_plugin_desc *desc;

  /* [thread-safe] num_envs >= 1 sub-environments (rlrec/env.h). */
  rlrec_status (*create_env)(const rlrec_host *host, const rlrec_value *params, uint32_t num_envs,
                             rlrec_env *out, char *err, size_t err_capacity);

  /* [thread-safe] A policy for observations and actions of `env_spec` (host-owned, valid for the
   * call: copy what you keep). seed: all of the instance's randomness derives from it. */
  rlrec_status (*create_policy)(const rlrec_host *host, const rlrec_value *params,
                                const rlrec_env_spec *env_spec, uint64_t seed, rlrec_policy *out,
                                char *err, size_t err_capacity);

  /* [thread-safe] context: host-owned, valid until the logger is destroyed. */
  rlrec_status (*create_logger)(const rlrec_host *host, const rlrec_value *params,
                                const rlrec_logger_context *context, rlrec_logger *out, char *err,
                                size_t err_capacity);
} rlrec_plugin_factory;

/* The entry table of a library. Growable. Static in the plugin. */
typedef struct rlrec_plugin_entry {
  uint32_t struct_size;
  uint32_t abi_version;   /* MUST be RLREC_ABI_VERSION as the plugin was compiled */

  /* [load-thread] Called once, first. Returns RLREC_OK, or a status with a message in err. On
   * failure nothing else is called (not even deinit) and the library is unloaded. Nullable. */
  rlrec_status (*init)(const rlrec_host *host, char *err, size_t err_capacity);

  /* [load-thread] Called once, last, after every instance was destroyed. Nullable. */
  void (*deinit)(void);

  /* [load-thread] Number of factories; constant between init and deinit. */
  uint32_t (*factory_count)(void);

  /* [load-thread] The index-th factory (0 <= index < factory_count()), never NULL; owned by the
   * plugin, valid until deinit. */
  const rlrec_plugin_factory *(*factory_get)(uint32_t index);
} rlrec_plugin_entry;

/* The exported function. host_abi_version is the host's RLREC_ABI_VERSION; return NULL if this
 * library cannot serve that major (the host then refuses it and says so). [load-thread] */
typedef const rlrec_plugin_entry *(*rlrec_plugin_get_entry_fn)(uint32_t host_abi_version);

#ifdef __cplusplus
}
#endif

#include "abi_check.h"

#endif /* RLREC_PLUGIN_H */
