/* mysim.c — plugin "acme.coin_feed": a third party's simulator, built outside rlrec's source tree
 * against the installed package only (see README.md). A feed of coins: each step the user is
 * offered `num_candidates` fresh coins, each showing its chance p_i of landing heads (a click);
 * the feed shows one. Heads is a click worth reward 1. Tails costs the user some patience: after
 * `patience` tails the user leaves and the episode terminates. The best policy shows the coin
 * with the largest p_i; a random one earns about half as much per step and loses users sooner.
 *
 * Spec: obs "candidates" BOX F32 [N, 1] (p_i), obs "patience" BOX F32 [1] (fraction left),
 * info "clicked_slot" (0 or -1), action MULTI_DISCRETE [1] over N coins. The env's time limit is
 * 200 steps, after which the host truncates. For the ABI's rules, read rlrec's reference
 * simulator, plugins/envs/example/example_env.c. */
#include <rlrec/plugin.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_NUM_CANDIDATES, P_PATIENCE, P_COUNT };
enum { OBS_CANDIDATES, OBS_PATIENCE, OBS_COUNT };
enum { TIME_LIMIT = 200 };

static const rlrec_param_def coin_params[P_COUNT] = {
    {"num_candidates", RLREC_PARAM_INT, 0, "5", 1, 1000, NULL, "Coins offered each step.", 0, 0},
    {"patience", RLREC_PARAM_INT, 0, "10", 1, 1000, NULL,
     "Tails the user tolerates before leaving (the episode terminates).", 0, 0},
};

typedef struct coin_sub {
  uint64_t rng;         /* splitmix64 state: this sub-env's only randomness, seeded at reset */
  uint32_t tails_left;  /* 0 = never reset, or ended and not reset since */
} coin_sub;

typedef struct coin_env {
  uint32_t num_envs, n, patience;
  rlrec_env_spec spec;
  rlrec_field obs[OBS_COUNT];
  rlrec_field info;
  coin_sub *sub;  /* [num_envs] */
  float *p;       /* [num_envs, n] heads probability of each coin on offer */
  char error[200];
} coin_env;

static rlrec_status coin_fail(coin_env *env, rlrec_status status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  vsnprintf(env->error, sizeof env->error, fmt, args);
  va_end(args);
  return status;
}

/* Uniform in [0, 1) from splitmix64: tiny, and the same numbers on every platform. */
static double coin_uniform(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

/* Draws sub-env b's next coins and writes its observation into output row `row`. */
static void coin_observe(coin_env *env, uint32_t b, uint32_t row, const rlrec_env_output *out) {
  float *candidates = (float *)out->obs[OBS_CANDIDATES].data + (size_t)row * env->n;
  uint32_t i;
  for (i = 0; i < env->n; ++i) {
    env->p[(size_t)b * env->n + i] = (float)coin_uniform(&env->sub[b].rng);
    candidates[i] = env->p[(size_t)b * env->n + i];
  }
  ((float *)out->obs[OBS_PATIENCE].data)[row] = (float)env->sub[b].tails_left / env->patience;
}

static rlrec_status coin_check_output(coin_env *env, const rlrec_env_output *out, uint32_t rows) {
  if (out == NULL || out->obs == NULL || out->rows != rows ||
      (rows > 0 && (out->obs[OBS_CANDIDATES].data == NULL || out->obs[OBS_PATIENCE].data == NULL)))
    return coin_fail(env, RLREC_ERR_INVALID_ARGUMENT, "output buffers do not hold %u rows", rows);
  return RLREC_OK;
}

static const rlrec_env_spec *coin_spec(void *handle) { return &((coin_env *)handle)->spec; }

static rlrec_status coin_reset(void *handle, uint32_t count, const uint32_t *ids,
                               const uint64_t *seeds, rlrec_env_output *out) {
  coin_env *env = (coin_env *)handle;
  uint32_t r;
  rlrec_status status = coin_check_output(env, out, count);
  if (status != RLREC_OK) return status;
  for (r = 0; r < count; ++r)
    if (ids == NULL || seeds == NULL || ids[r] >= env->num_envs)
      return coin_fail(env, RLREC_ERR_INVALID_ARGUMENT, "reset: bad sub-env id in row %u", r);
  for (r = 0; r < count; ++r) {
    env->sub[ids[r]].rng = seeds[r];
    env->sub[ids[r]].tails_left = env->patience;
    coin_observe(env, ids[r], r, out);
    if (out->info != NULL) out->info[r] = -1.0f;
  }
  return RLREC_OK;
}

static rlrec_status coin_step(void *handle, const rlrec_tensor *actions, rlrec_env_output *out) {
  coin_env *env = (coin_env *)handle;
  const int32_t *shown;
  uint32_t b;
  rlrec_status status = coin_check_output(env, out, env->num_envs);
  if (status != RLREC_OK) return status;
  if (actions == NULL || actions->dtype != RLREC_DTYPE_I32 || actions->rank != 2 ||
      actions->shape[0] != (int64_t)env->num_envs || actions->shape[1] != 1 ||
      actions->data == NULL)
    return coin_fail(env, RLREC_ERR_INVALID_ARGUMENT, "step: actions must be int32 [%u, 1]",
                     env->num_envs);
  shown = (const int32_t *)actions->data;
  /* Check every row before changing any, so a failed step changes nothing. */
  for (b = 0; b < env->num_envs; ++b) {
    if (env->sub[b].tails_left == 0)
      return coin_fail(env, RLREC_ERR_STATE, "step: sub-env %u has no episode running", b);
    if (shown[b] < 0 || (uint32_t)shown[b] >= env->n)
      return coin_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                       "step: sub-env %u, slot 0: coin %d is out of range [0, %u)", b,
                       (int)shown[b], env->n);
  }
  for (b = 0; b < env->num_envs; ++b) {
    coin_sub *sub = &env->sub[b];
    const int heads = coin_uniform(&sub->rng) < env->p[(size_t)b * env->n + (uint32_t)shown[b]];
    if (!heads) sub->tails_left -= 1;
    coin_observe(env, b, b, out);
    if (out->reward != NULL) out->reward[b] = heads ? 1.0f : 0.0f;
    if (out->terminated != NULL) out->terminated[b] = (uint8_t)(sub->tails_left == 0);
    if (out->truncated != NULL) out->truncated[b] = 0;
    if (out->info != NULL) out->info[b] = heads ? 0.0f : -1.0f;
  }
  return RLREC_OK;
}

static const char *coin_last_error(void *handle) { return ((coin_env *)handle)->error; }

static void coin_destroy(void *handle) {
  coin_env *env = (coin_env *)handle;
  if (env == NULL) return;
  free(env->sub);
  free(env->p);
  free(env);
}

static const rlrec_env_vtable coin_vtable = {sizeof(rlrec_env_vtable), coin_spec, coin_reset,
                                             coin_step, NULL, coin_last_error, coin_destroy};

static rlrec_field coin_box(const char *name, const char *doc, uint32_t rank, int64_t d0,
                            int64_t d1, double low, double high) {
  rlrec_field f;
  memset(&f, 0, sizeof f);
  f.name = name;
  f.doc = doc;
  f.space.kind = RLREC_SPACE_BOX;
  f.space.dtype = RLREC_DTYPE_F32;
  f.space.rank = rank;
  f.space.shape[0] = d0;
  f.space.shape[1] = d1;
  f.space.low = low;
  f.space.high = high;
  return f;
}

static rlrec_status coin_create(const rlrec_host *host, const rlrec_value *params,
                                uint32_t num_envs, rlrec_env *out, char *err,
                                size_t err_capacity) {
  coin_env *env;
  (void)host;
  if (params == NULL || out == NULL || num_envs == 0) {
    snprintf(err, err_capacity, "acme.coin_feed: params/out must be non-NULL, num_envs >= 1");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  env = (coin_env *)calloc(1, sizeof *env);
  if (env != NULL) {
    env->num_envs = num_envs;
    env->n = (uint32_t)params[P_NUM_CANDIDATES].i;
    env->patience = (uint32_t)params[P_PATIENCE].i;
    env->sub = (coin_sub *)calloc(num_envs, sizeof *env->sub);
    env->p = (float *)calloc((size_t)num_envs * env->n, sizeof *env->p);
  }
  if (env == NULL || env->sub == NULL || env->p == NULL) {
    coin_destroy(env);
    snprintf(err, err_capacity, "acme.coin_feed: out of memory");
    return RLREC_ERR_NO_MEMORY;
  }
  env->obs[OBS_CANDIDATES] =
      coin_box("candidates", "heads probability of each coin", 2, env->n, 1, 0.0, 1.0);
  env->obs[OBS_PATIENCE] = coin_box("patience", "fraction of patience left", 1, 1, 0, 0.0, 1.0);
  env->info = coin_box("clicked_slot", "0 on heads, -1 on tails", 0, 0, 0, -1.0, 0.0);
  env->spec.struct_size = sizeof env->spec;
  env->spec.num_envs = num_envs;
  env->spec.num_obs_fields = OBS_COUNT;
  env->spec.num_info_channels = 1;
  env->spec.obs_fields = env->obs;
  env->spec.info_channels = &env->info;
  env->spec.action_space.kind = RLREC_SPACE_MULTI_DISCRETE;
  env->spec.action_space.dtype = RLREC_DTYPE_I32;
  env->spec.action_space.rank = 1;
  env->spec.action_space.shape[0] = 1;
  env->spec.action_space.high = (double)env->n - 1.0;
  env->spec.action_space.n = env->n;
  env->spec.max_episode_steps = TIME_LIMIT;
  out->vtable = &coin_vtable;
  out->handle = env;
  return RLREC_OK;
}

static const rlrec_plugin_desc coin_desc = {
    sizeof(rlrec_plugin_desc), RLREC_KIND_ENV, "acme.coin_feed", "0.1.0",
    "A feed of biased coins: show the likeliest to land heads before the user loses patience.",
    P_COUNT, 0, coin_params};

static const rlrec_plugin_factory coin_factory = {
    sizeof(rlrec_plugin_factory), 0, &coin_desc, coin_create, NULL, NULL};

static uint32_t coin_factory_count(void) { return 1; }
static const rlrec_plugin_factory *coin_factory_get(uint32_t index) {
  (void)index;
  return &coin_factory;
}

static const rlrec_plugin_entry coin_entry = {
    sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, NULL, NULL, coin_factory_count,
    coin_factory_get};

RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version) {
  return RLREC_VERSION_IS_COMPATIBLE(host_abi_version, RLREC_ABI_VERSION) ? &coin_entry : NULL;
}
