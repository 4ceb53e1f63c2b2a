/* news_sim.c — plugin "acme.news": a news-feed simulator written by a team outside rlrec, in C99,
 * against <rlrec/plugin.h> only (and the optional choice-model extension header).
 *
 * Model, per sub-environment (one reader's session):
 *   - the reader has interests u in [-1, 1]^T over T topics (observed: field "user");
 *   - every step the feed offers N fresh articles, each with a topic t_i and a freshness
 *     f_i in [0, 1] (field "candidates" [N, T + 1]: one-hot topic, then freshness);
 *   - the reader sees a slate of k articles and clicks at most one, by a conditional logit:
 *       v_i = exp(affinity * u[t_i] + freshness_weight * f_i),  v_0 = exp(no_click_logit),
 *       P(i) = v_i / (v_0 + sum_slate v_j);
 *   - a click earns 1 and nudges u[t_i] toward 1; a step without a click costs patience, and
 *     the session TERMINATES when `patience` steps in a row had no click; the env TRUNCATES
 *     after `max_steps` steps (and says so in its spec);
 *   - field "response" [k, 1]: which slot of the last slate was clicked; info "clicked_slot".
 * The choice model is exposed as rlrec.env.choice_model/1, so `myopic` can rank by it.
 *
 * ABI duties met here: one exported symbol; no mutable globals (all state in news_env); each
 * sub-env's randomness from its reset seed only; no allocation in step; a failed step changes
 * nothing (all rows are validated first); every output element is written. */
#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_NUM_TOPICS, P_NUM_CANDIDATES, P_SLATE_SIZE, P_PATIENCE, P_MAX_STEPS, P_AFFINITY, P_FRESHNESS, P_NO_CLICK, P_COUNT };

static const rlrec_param_def news_params[P_COUNT] = {
    {"num_topics", RLREC_PARAM_INT, 0, "6", 1, 64, NULL, "Topics T of articles and of the reader's interests.", 0, 0},
    {"num_candidates", RLREC_PARAM_INT, 0, "8", 1, 1000, NULL, "Articles N offered per step.", 0, 0},
    {"slate_size", RLREC_PARAM_INT, 0, "2", 1, 32, NULL, "Articles shown per step; at most num_candidates.", 0, 0},
    {"patience", RLREC_PARAM_INT, 0, "4", 1, 1000, NULL, "Steps in a row without a click after which the reader leaves.", 0, 0},
    {"max_steps", RLREC_PARAM_INT, 0, "50", 1, 100000, NULL, "Steps after which the session is truncated.", 0, 0},
    {"affinity", RLREC_PARAM_FLOAT, 0, "2.5", 0, 20, NULL, "Weight of the reader's interest in the topic in the click logit.", 0, 0},
    {"freshness_weight", RLREC_PARAM_FLOAT, 0, "1.0", 0, 20, NULL, "Weight of the article's freshness in the click logit.", 0, 0},
    {"no_click_logit", RLREC_PARAM_FLOAT, 0, "1.5", -20, 20, NULL, "Logit of not clicking at all.", 0, 0},
};

typedef struct news_env {
  rlrec_env_spec spec;
  rlrec_field fields[3];
  rlrec_field channels[1];
  char error[256];
  uint32_t num_envs, topics, n, k, patience, max_steps;
  double affinity, freshness_weight, v0;
  /* per sub-env state, allocated once in create */
  uint64_t *rng;      /* [num_envs] splitmix64 state, seeded at reset */
  float *interest;    /* [num_envs, topics] */
  int32_t *topic;     /* [num_envs, n] */
  float *fresh;       /* [num_envs, n] */
  uint32_t *misses;   /* [num_envs] steps in a row without a click */
  uint32_t *steps;    /* [num_envs] */
  uint8_t *live;      /* [num_envs] reset and not ended since */
} news_env;

/* splitmix64: small, and the same numbers on every platform. */
static uint64_t next_u64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}
static double next_unit(uint64_t *state) { return (double)(next_u64(state) >> 11) * (1.0 / 9007199254740992.0); }

/* Leaves a message for last_error. */
static void fail(news_env *env, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(env->error, sizeof env->error, format, args);
  va_end(args);
}

static double score(const news_env *env, uint32_t b, uint32_t i) {
  return exp(env->affinity * env->interest[b * env->topics + (uint32_t)env->topic[b * env->n + i]] +
             env->freshness_weight * env->fresh[b * env->n + i]);
}

/* Draws sub-env b's new articles and writes its "candidates" row r. */
static void draw_articles(news_env *env, uint32_t b, float *candidates) {
  uint32_t i, t, width = env->topics + 1;
  for (i = 0; i < env->n; ++i) {
    env->topic[b * env->n + i] = (int32_t)(next_u64(&env->rng[b]) % env->topics);
    env->fresh[b * env->n + i] = (float)next_unit(&env->rng[b]);
    for (t = 0; t < env->topics; ++t) candidates[i * width + t] = (int32_t)t == env->topic[b * env->n + i] ? 1.0f : 0.0f;
    candidates[i * width + env->topics] = env->fresh[b * env->n + i];
  }
}

static const rlrec_env_spec *news_spec(void *h) { return &((news_env *)h)->spec; }

static rlrec_status news_reset(void *h, uint32_t count, const uint32_t *ids, const uint64_t *seeds, rlrec_env_output *out) {
  news_env *env = (news_env *)h;
  uint32_t r, t;
  for (r = 0; r < count; ++r) {
    if (ids[r] >= env->num_envs) {
      fail(env, "reset: row %u: sub-env id %u is out of range", r, ids[r]);
      return RLREC_ERR_INVALID_ARGUMENT;
    }
  }
  for (r = 0; r < count; ++r) {
    const uint32_t b = ids[r];
    float *user = (float *)out->obs[0].data + (size_t)r * env->topics;
    env->rng[b] = seeds[r];
    for (t = 0; t < env->topics; ++t) user[t] = env->interest[b * env->topics + t] = (float)(2.0 * next_unit(&env->rng[b]) - 1.0);
    draw_articles(env, b, (float *)out->obs[1].data + (size_t)r * env->n * (env->topics + 1));
    memset((float *)out->obs[2].data + (size_t)r * env->k, 0, env->k * sizeof(float));
    if (out->info) out->info[r] = -1.0f;
    env->misses[b] = env->steps[b] = 0;
    env->live[b] = 1;
  }
  return RLREC_OK;
}

static rlrec_status news_step(void *h, const rlrec_tensor *actions, rlrec_env_output *out) {
  news_env *env = (news_env *)h;
  const int32_t *a = (const int32_t *)actions->data;
  uint32_t b, l, m, t;
  /* Validate every row first: a failed step must change nothing. */
  for (b = 0; b < env->num_envs; ++b) {
    if (!env->live[b]) {
      fail(env, "step: sub-env %u has ended or was never reset", b);
      return RLREC_ERR_STATE;
    }
    for (l = 0; l < env->k; ++l) {
      const int32_t c = a[b * env->k + l];
      if (c < 0 || (uint32_t)c >= env->n) {
        fail(env, "step: sub-env %u, slot %u: candidate %d is out of range", b, l, c);
        return RLREC_ERR_INVALID_ARGUMENT;
      }
      for (m = 0; m < l; ++m) {
        if (a[b * env->k + m] == c) {
          fail(env, "step: sub-env %u, slot %u: candidate %d is shown twice", b, l, c);
          return RLREC_ERR_INVALID_ARGUMENT;
        }
      }
    }
  }
  for (b = 0; b < env->num_envs; ++b) {
    const int32_t *slate = a + b * env->k;
    float *response = (float *)out->obs[2].data + (size_t)b * env->k;
    float *user = (float *)out->obs[0].data + (size_t)b * env->topics;
    double total = env->v0, pick;
    int clicked = -1;
    for (l = 0; l < env->k; ++l) total += score(env, b, (uint32_t)slate[l]);
    pick = next_unit(&env->rng[b]) * total - env->v0; /* < 0: the no-click option was drawn */
    for (l = 0; l < env->k && clicked < 0 && pick >= 0; ++l) {
      pick -= score(env, b, (uint32_t)slate[l]);
      if (pick < 0) clicked = (int)l;
    }
    for (l = 0; l < env->k; ++l) response[l] = (int)l == clicked ? 1.0f : 0.0f;
    if (clicked >= 0) {
      float *u = &env->interest[b * env->topics + (uint32_t)env->topic[b * env->n + (uint32_t)slate[clicked]]];
      *u += 0.05f * (1.0f - *u);
      env->misses[b] = 0;
    } else {
      ++env->misses[b];
    }
    ++env->steps[b];
    out->reward[b] = clicked >= 0 ? 1.0f : 0.0f;
    out->terminated[b] = env->misses[b] >= env->patience;
    out->truncated[b] = !out->terminated[b] && env->steps[b] >= env->max_steps;
    if (out->terminated[b] || out->truncated[b]) env->live[b] = 0;
    if (out->info) out->info[b] = (float)clicked;
    for (t = 0; t < env->topics; ++t) user[t] = env->interest[b * env->topics + t];
    draw_articles(env, b, (float *)out->obs[1].data + (size_t)b * env->n * (env->topics + 1));
  }
  return RLREC_OK;
}

static rlrec_status news_choice_query(void *h, float *scores, float *no_click, float *reward_if_chosen) {
  news_env *env = (news_env *)h;
  uint32_t b, i;
  for (b = 0; b < env->num_envs; ++b) {
    if (!env->live[b] && env->steps[b] == 0) {
      fail(env, "choice_model: sub-env %u was never reset", b);
      return RLREC_ERR_STATE;
    }
  }
  for (b = 0; b < env->num_envs; ++b) {
    for (i = 0; i < env->n; ++i) {
      scores[b * env->n + i] = (float)score(env, b, i);
      if (reward_if_chosen) reward_if_chosen[b * env->n + i] = 1.0f;
    }
    if (no_click) no_click[b] = (float)env->v0;
  }
  return RLREC_OK;
}

static const rlrec_env_choice_model news_choice_model = {sizeof(rlrec_env_choice_model), RLREC_CHOICE_CONDITIONAL,
                                                         news_choice_query};

static const void *news_get_extension(void *h, const char *id) {
  (void)h;
  return strcmp(id, RLREC_EXT_ENV_CHOICE_MODEL) == 0 ? &news_choice_model : NULL;
}

static const char *news_last_error(void *h) { return ((news_env *)h)->error; }

static void news_destroy(void *h) {
  news_env *env = (news_env *)h;
  free(env->rng), free(env->interest), free(env->topic), free(env->fresh);
  free(env->misses), free(env->steps), free(env->live);
  free(env);
}

static const rlrec_env_vtable news_vtable = {sizeof(rlrec_env_vtable), news_spec, news_reset, news_step,
                                             news_get_extension, news_last_error, news_destroy};

static rlrec_space box(double low, double high, uint32_t rank, int64_t d0, int64_t d1) {
  rlrec_space s;
  memset(&s, 0, sizeof s);
  s.kind = RLREC_SPACE_BOX, s.dtype = RLREC_DTYPE_F32, s.rank = rank;
  s.shape[0] = d0, s.shape[1] = d1, s.low = low, s.high = high;
  return s;
}

static rlrec_status news_create(const rlrec_host *host, const rlrec_value *p, uint32_t num_envs, rlrec_env *out,
                                char *err, size_t err_capacity) {
  news_env *env;
  (void)host;
  if (p[P_SLATE_SIZE].i > p[P_NUM_CANDIDATES].i) {
    snprintf(err, err_capacity, "acme.news: slate_size (%lld) must not exceed num_candidates (%lld)",
             (long long)p[P_SLATE_SIZE].i, (long long)p[P_NUM_CANDIDATES].i);
    return RLREC_ERR_CONFIG;
  }
  env = (news_env *)calloc(1, sizeof *env);
  if (env == NULL) return RLREC_ERR_NO_MEMORY;
  env->num_envs = num_envs;
  env->topics = (uint32_t)p[P_NUM_TOPICS].i, env->n = (uint32_t)p[P_NUM_CANDIDATES].i;
  env->k = (uint32_t)p[P_SLATE_SIZE].i, env->patience = (uint32_t)p[P_PATIENCE].i;
  env->max_steps = (uint32_t)p[P_MAX_STEPS].i;
  env->affinity = p[P_AFFINITY].f, env->freshness_weight = p[P_FRESHNESS].f, env->v0 = exp(p[P_NO_CLICK].f);
  env->rng = (uint64_t *)calloc(num_envs, sizeof(uint64_t));
  env->interest = (float *)calloc((size_t)num_envs * env->topics, sizeof(float));
  env->topic = (int32_t *)calloc((size_t)num_envs * env->n, sizeof(int32_t));
  env->fresh = (float *)calloc((size_t)num_envs * env->n, sizeof(float));
  env->misses = (uint32_t *)calloc(num_envs, sizeof(uint32_t));
  env->steps = (uint32_t *)calloc(num_envs, sizeof(uint32_t));
  env->live = (uint8_t *)calloc(num_envs, 1);
  if (!env->rng || !env->interest || !env->topic || !env->fresh || !env->misses || !env->steps || !env->live) {
    news_destroy(env);
    return RLREC_ERR_NO_MEMORY;
  }
  env->fields[0].name = "user", env->fields[0].doc = "the reader's interest in each topic";
  env->fields[0].space = box(-1, 1, 1, env->topics, 0);
  env->fields[1].name = "candidates", env->fields[1].doc = "per article: one-hot topic, then freshness";
  env->fields[1].space = box(0, 1, 2, env->n, env->topics + 1);
  env->fields[2].name = "response", env->fields[2].doc = "per slot of the last slate: clicked (0/1)";
  env->fields[2].space = box(0, 1, 2, env->k, 1);
  env->channels[0].name = "clicked_slot", env->channels[0].doc = "slot clicked this step, -1 for none";
  env->channels[0].space = box(-1, (double)env->k - 1, 0, 0, 0);
  env->spec.struct_size = sizeof env->spec;
  env->spec.num_envs = num_envs;
  env->spec.num_obs_fields = 3, env->spec.obs_fields = env->fields;
  env->spec.num_info_channels = 1, env->spec.info_channels = env->channels;
  env->spec.action_space.kind = RLREC_SPACE_MULTI_DISCRETE, env->spec.action_space.dtype = RLREC_DTYPE_I32;
  env->spec.action_space.rank = 1, env->spec.action_space.shape[0] = env->k;
  env->spec.action_space.high = (double)env->n - 1, env->spec.action_space.n = env->n;
  env->spec.max_episode_steps = env->max_steps;
  out->vtable = &news_vtable;
  out->handle = env;
  return RLREC_OK;
}

static const rlrec_plugin_desc news_desc = {
    sizeof(rlrec_plugin_desc), RLREC_KIND_ENV, "acme.news", "1.0.0",
    "ACME news feed: readers click articles by topic interest and freshness, and leave when bored.", P_COUNT, 0,
    news_params};
static const rlrec_plugin_factory news_factory = {sizeof(rlrec_plugin_factory), 0, &news_desc, news_create, NULL, NULL};

static uint32_t news_factory_count(void) { return 1; }
static const rlrec_plugin_factory *news_factory_get(uint32_t index) {
  (void)index;
  return &news_factory;
}
static const rlrec_plugin_entry news_entry = {sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, NULL, NULL,
                                              news_factory_count, news_factory_get};

RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version) {
  return RLREC_VERSION_IS_COMPATIBLE(host_abi_version, RLREC_ABI_VERSION) ? &news_entry : NULL;
}
