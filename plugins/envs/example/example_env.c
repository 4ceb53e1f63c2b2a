/* example_env.c — plugin "example.feed": a small, real recommender simulator, and the reference
 * for anyone writing one. Read it top to bottom; every ABI obligation is pointed out where it is
 * met. It is plain C99 and includes nothing from rlrec but <rlrec/plugin.h>: a third party's
 * simulator is built exactly like this one (see CMakeLists.txt beside it).
 *
 * ------------------------------------------------------------------------------------------
 * THE MODEL (one sub-environment = one user session in a feed)
 * ------------------------------------------------------------------------------------------
 * - The user has an interest vector u in [-1, 1]^k over k topics (k = num_topics).
 * - Every step the feed offers N fresh candidates (N = num_candidates). Candidate i has one topic
 *   t_i (uniform over the k topics), shown to the policy as a one-hot feature row d_i, and a
 *   hidden quality q_i ~ Normal(0, quality_std). One-hot features make the user's affinity
 *   u . d_i simply u[t_i]: the interest in a topic IS its choice logit.
 * - The policy shows a slate A of `slate_size` distinct candidates. The user clicks at most one,
 *   by a conditional logit (multinomial logit with a no-click option):
 *       P(i | A) = exp(u . d_i) / (exp(no_click_logit) + sum_{j in A} exp(u . d_j))
 *       P(none)  = exp(no_click_logit) / (same denominator)
 * - A click on i engages the user for  e_i = max(0, 1 + q_i)  (think: minutes watched; a bad
 *   item can disappoint down to 0). The reward of the step is e_i, or 0 with no click.
 * - A click drifts the interest toward the clicked topic:  u[t_i] += interest_step*(1 - u[t_i]),
 *   which keeps u in [-1, 1]. This is the long-term effect an RL policy can exploit and a myopic
 *   one ignores: what you show today shapes what the user clicks tomorrow.
 * - The session has a time budget (`budget`, in steps). Every step costs 1; a click refunds
 *   quality_bonus * q_i (good items make users stay, bad ones make them leave sooner). The
 *   episode TERMINATES when the budget reaches <= 0, so episodes have variable length. As a
 *   safety net the env TRUNCATES after `max_steps` steps (0 = never), and says so in its spec.
 *
 * ------------------------------------------------------------------------------------------
 * WHAT THE HOST SEES (the spec, rlrec/env.h)
 * ------------------------------------------------------------------------------------------
 *   obs "user"        BOX F32 [k]        u (shape [0] when observe_user is false: a hidden user)
 *   obs "candidates"  BOX F32 [N, k]     one-hot topic of each candidate
 *   obs "response"    BOX F32 [slate, 2] per slot of the last slate: (clicked 0/1, reward)
 *   info "clicked_slot"  the slot clicked in this step, -1 for none
 *   info "engagement"    e_i of the click, 0 for none
 *   action            MULTI_DISCRETE [slate], n = N, distinct indices
 *   extension         rlrec.env.choice_model/1 (the ground truth above, for myopic and SlateQ)
 *
 * ------------------------------------------------------------------------------------------
 * THE OBLIGATIONS (docs/abi.md), and where this file meets them
 * ------------------------------------------------------------------------------------------
 *  1. Export exactly one symbol, rlrec_plugin_get_entry          -> end of file.
 *  2. No mutable globals: several instances may run on several threads at once. Everything
 *     mutable lives in `feed_env`, one per instance; the only globals are const tables.
 *  3. Determinism: a sub-env's randomness comes only from the seed given to its reset, so the
 *     same seeds and actions give bitwise the same outputs whatever num_envs is and whatever the
 *     other sub-envs do                                             -> feed_rng, feed_reset.
 *  4. No allocation per step: everything is allocated once in create -> feed_create.
 *  5. Every failure returns a status and leaves a message for last_error; a failed step changes
 *     nothing (it validates every row before simulating any)       -> feed_step.
 *  6. Whoever allocates frees: the spec and its strings are ours until destroy; the output
 *     buffers are the host's and valid for one call only.
 */

#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ========================================================================================== */
/* 1. Randomness: a small PRNG of our own, one per sub-environment.                            */
/* ========================================================================================== */
/* Why not rand()? It is one global stream shared by every instance and thread (breaks rules 2
 * and 3) and its algorithm differs between C libraries. xoshiro256** (Blackman & Vigna, 2018)
 * is small, fast, statistically strong, and gives the same numbers on every platform. Its 256-bit
 * state is seeded from the 64-bit episode seed with splitmix64, as its authors recommend. */
typedef struct feed_rng {
  uint64_t s[4];
} feed_rng;

static uint64_t splitmix64_next(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

static void rng_seed(feed_rng *rng, uint64_t seed) {
  int i;
  for (i = 0; i < 4; ++i) rng->s[i] = splitmix64_next(&seed); /* never all zero */
}

static uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(feed_rng *rng) {
  uint64_t *s = rng->s;
  const uint64_t result = rotl64(s[1] * 5u, 7) * 9u;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64(s[3], 45);
  return result;
}

/* Uniform in [0, 1) with 53 random bits: exactly representable, never 1. */
static double rng_uniform(feed_rng *rng) { return (double)(rng_next(rng) >> 11) * 0x1.0p-53; }

/* Uniform integer in [0, n), n >= 1, without modulo bias: reject the few values below
 * 2^64 mod n, so the remaining range is a multiple of n. */
static uint32_t rng_below(feed_rng *rng, uint32_t n) {
  const uint64_t threshold = (0u - (uint64_t)n) % n;
  uint64_t r;
  do r = rng_next(rng);
  while (r < threshold);
  return (uint32_t)(r % n);
}

/* Standard normal by Box–Muller (one output per call: simpler than caching the second, and the
 * stream stays a pure function of the seed). 1 - U keeps log's argument in (0, 1]. */
static double rng_normal(feed_rng *rng) {
  const double two_pi = 6.283185307179586476925286766559;
  const double u1 = 1.0 - rng_uniform(rng);
  const double u2 = rng_uniform(rng);
  return sqrt(-2.0 * log(u1)) * cos(two_pi * u2);
}

/* ========================================================================================== */
/* 2. Parameters: the schema the engine validates YAML against, and an enum to index values.   */
/* ========================================================================================== */
/* The engine checks types and ranges BEFORE create and passes one rlrec_value per entry, in
 * this order, defaults filled in. So the enum below must list the entries in the same order,
 * and create only checks what one entry cannot express (slate_size <= num_candidates). */
enum feed_param {
  P_NUM_TOPICS,
  P_NUM_CANDIDATES,
  P_SLATE_SIZE,
  P_OBSERVE_USER,
  P_QUALITY_STD,
  P_NO_CLICK_LOGIT,
  P_INTEREST_STEP,
  P_BUDGET,
  P_QUALITY_BONUS,
  P_MAX_STEPS,
  P_COUNT
};

/* Field order of rlrec_param_def: name, type, flags, default_yaml, min, max, choices, doc,
 * max_count, reserved0. */
static const rlrec_param_def feed_params[P_COUNT] = {
    {"num_topics", RLREC_PARAM_INT, 0, "5", 1, 64, NULL,
     "Number of topics k: the length of the user's interest vector and of each candidate's "
     "one-hot feature row.", 0, 0},
    {"num_candidates", RLREC_PARAM_INT, 0, "10", 1, 10000, NULL,
     "Number of candidates N offered each step (fresh every step).", 0, 0},
    {"slate_size", RLREC_PARAM_INT, 0, "2", 1, 64, NULL,
     "Number of distinct candidates shown per step; at most num_candidates.", 0, 0},
    {"observe_user", RLREC_PARAM_BOOL, 0, "true", 0, 1, NULL,
     "Whether the observation reveals the user's interest vector (false: field 'user' has shape "
     "[0] and the policy must infer interests from responses).", 0, 0},
    {"quality_std", RLREC_PARAM_FLOAT, 0, "0.5", 0, 10, NULL,
     "Standard deviation of the hidden quality q_i ~ N(0, quality_std) of each candidate.", 0, 0},
    {"no_click_logit", RLREC_PARAM_FLOAT, 0, "1.0", -10, 10, NULL,
     "Logit of the no-click option in the conditional-logit choice model (higher: fewer "
     "clicks).", 0, 0},
    {"interest_step", RLREC_PARAM_FLOAT, 0, "0.1", 0, 1, NULL,
     "How far a click moves the user's interest in the clicked topic toward 1.", 0, 0},
    {"budget", RLREC_PARAM_FLOAT, 0, "20", 1, 1e6, NULL,
     "Session time budget in steps: each step costs 1, the episode terminates at <= 0.", 0, 0},
    {"quality_bonus", RLREC_PARAM_FLOAT, 0, "0.5", 0, 10, NULL,
     "Budget refunded per unit of quality of a clicked item (bad items shorten the session).",
     0, 0},
    {"max_steps", RLREC_PARAM_INT, 0, "100", 0, 1e9, NULL,
     "Truncate an episode after this many steps (0 = never); reported as max_episode_steps.",
     0, 0},
};

/* ========================================================================================== */
/* 3. The instance: everything mutable, allocated once in create.                              */
/* ========================================================================================== */
enum { OBS_USER, OBS_CANDIDATES, OBS_RESPONSE, OBS_COUNT };
enum { INFO_CLICKED_SLOT, INFO_ENGAGEMENT, INFO_COUNT };
enum { RESPONSE_DIM = 2 }; /* (clicked, reward) per slot */

/* Life of a sub-environment: step is only legal in RUNNING (rlrec/env.h: RLREC_ERR_STATE). */
enum feed_status { SUB_NEVER_RESET = 0, SUB_RUNNING = 1, SUB_ENDED = 2 };

typedef struct feed_sub {
  feed_rng rng;      /* this sub-env's only source of randomness, seeded at reset */
  double budget;     /* remaining session time */
  uint32_t t;        /* steps taken in this episode */
  uint32_t status;   /* feed_status */
} feed_sub;

typedef struct feed_env {
  /* Configuration, copied from the params (the rlrec_value array dies with the create call). */
  uint32_t num_envs, k, n, slate;
  int observe_user;
  double quality_std, no_click_logit, interest_step, budget, quality_bonus;
  uint32_t max_steps;

  /* The spec and the arrays it points into. They depend on the params, so they live in the
   * instance (not in static storage) and stay constant until destroy (rlrec/env.h). */
  rlrec_env_spec spec;
  rlrec_field obs_fields[OBS_COUNT];
  rlrec_field info_channels[INFO_COUNT];

  /* State of every sub-env b, in flat arrays allocated at create (obligation 4). */
  feed_sub *sub;     /* [num_envs] */
  double *interest;  /* [num_envs, k]  u, in [-1, 1] */
  uint32_t *topic;   /* [num_envs, n]  topic of each current candidate */
  double *quality;   /* [num_envs, n]  hidden quality of each current candidate */

  /* last_error's storage: instance-owned, overwritten by the next failure (rlrec/env.h). */
  char error[256];
} feed_env;

/* Records a failure message (printf-style) and returns the status, so error paths are one line:
 *     return feed_fail(env, RLREC_ERR_STATE, "sub-env %u was never reset", b);          */
static rlrec_status feed_fail(feed_env *env, rlrec_status status, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  vsnprintf(env->error, sizeof env->error, fmt, args); /* truncates, always NUL-terminated */
  va_end(args);
  return status;
}

/* ========================================================================================== */
/* 4. The simulation itself: pure functions of one sub-env's state.                            */
/* ========================================================================================== */

/* The attractiveness v_i = exp(u . d_i) of candidate i for sub-env b; with one-hot d_i,
 * u . d_i = u[t_i]. Shared by step and by the choice-model extension, so what the extension
 * reveals is exactly what the simulation uses. */
static double feed_score(const feed_env *env, uint32_t b, uint32_t i) {
  return exp(env->interest[(size_t)b * env->k + env->topic[(size_t)b * env->n + i]]);
}

/* What a click on i is worth: engagement e_i = max(0, 1 + q_i). */
static double feed_engagement(const feed_env *env, uint32_t b, uint32_t i) {
  const double e = 1.0 + env->quality[(size_t)b * env->n + i];
  return e > 0.0 ? e : 0.0;
}

/* Draws a fresh page of N candidates for sub-env b. The order of draws is part of the
 * determinism contract: changing it changes every episode for a given seed. */
static void feed_draw_candidates(feed_env *env, uint32_t b) {
  feed_rng *rng = &env->sub[b].rng;
  uint32_t i;
  for (i = 0; i < env->n; ++i) {
    env->topic[(size_t)b * env->n + i] = rng_below(rng, env->k);
    env->quality[(size_t)b * env->n + i] = env->quality_std * rng_normal(rng);
  }
}

/* Writes sub-env b's "user" and "candidates" observations into row `row` of the host's
 * tensors. The host sized them from our spec: [rows, k] and [rows, N, k], float32. */
static void feed_write_obs(const feed_env *env, uint32_t b, uint32_t row,
                           const rlrec_env_output *out) {
  uint32_t i, j;
  if (env->observe_user) {
    float *user = (float *)out->obs[OBS_USER].data + (size_t)row * env->k;
    for (j = 0; j < env->k; ++j) user[j] = (float)env->interest[(size_t)b * env->k + j];
  }
  {
    float *cand = (float *)out->obs[OBS_CANDIDATES].data + (size_t)row * env->n * env->k;
    for (i = 0; i < env->n; ++i) {
      float *d = cand + (size_t)i * env->k;
      for (j = 0; j < env->k; ++j) d[j] = 0.0f;
      d[env->topic[(size_t)b * env->n + i]] = 1.0f;
    }
  }
}

/* Checks that the host's output matches our spec. The host sizes the buffers from the spec, so
 * this only catches host bugs — cheaply, once per call, and with a message that says which. */
static rlrec_status feed_check_output(feed_env *env, const rlrec_env_output *out, uint32_t rows) {
  uint32_t f;
  if (out == NULL || out->obs == NULL)
    return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT, "output buffers are NULL");
  if (out->rows != rows)
    return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT, "output has %u rows, expected %u",
                     out->rows, rows);
  for (f = 0; f < OBS_COUNT; ++f) {
    const rlrec_tensor *t = &out->obs[f];
    const int64_t numel = rlrec_space_numel(&env->obs_fields[f].space);
    if (t->dtype != RLREC_DTYPE_F32 || t->rank < 1 || t->shape[0] != (int64_t)rows ||
        (numel > 0 && rows > 0 && t->data == NULL))
      return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                       "obs tensor '%s' is not float32 [%u, ...] with data",
                       env->obs_fields[f].name, rows);
  }
  return RLREC_OK;
}

/* ========================================================================================== */
/* 5. The vtable: what the host calls. Every function is [instance] (rlrec/env.h).             */
/* ========================================================================================== */

static const rlrec_env_spec *feed_spec(void *handle) { return &((feed_env *)handle)->spec; }

/* reset: new episodes for the listed sub-envs, each from its own seed (obligation 3). */
static rlrec_status feed_reset(void *handle, uint32_t count, const uint32_t *ids,
                               const uint64_t *seeds, rlrec_env_output *out) {
  feed_env *env = (feed_env *)handle;
  uint32_t r, j, q;
  rlrec_status status = feed_check_output(env, out, count);
  if (status != RLREC_OK) return status;
  if (count > 0 && (ids == NULL || seeds == NULL))
    return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT, "reset: ids or seeds is NULL");

  /* Validate every id before touching any state, so a failed reset changes nothing. */
  for (r = 0; r < count; ++r) {
    if (ids[r] >= env->num_envs)
      return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                       "reset: ids[%u] = %u is out of range [0, %u)", r, ids[r], env->num_envs);
    for (q = 0; q < r; ++q)
      if (ids[q] == ids[r])
        return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                         "reset: sub-env %u is listed twice (ids[%u] and ids[%u])", ids[r], q, r);
  }

  for (r = 0; r < count; ++r) {
    const uint32_t b = ids[r];
    feed_sub *sub = &env->sub[b];
    rng_seed(&sub->rng, seeds[r]);
    sub->budget = env->budget;
    sub->t = 0;
    sub->status = SUB_RUNNING;
    for (j = 0; j < env->k; ++j) /* a new user: interests uniform in [-1, 1] */
      env->interest[(size_t)b * env->k + j] = 2.0 * rng_uniform(&sub->rng) - 1.0;
    feed_draw_candidates(env, b);

    /* Every element of every non-null buffer for this row must be written (rlrec/env.h):
     * the observation, a zero response (nothing was shown yet), and neutral infos. */
    feed_write_obs(env, b, r, out);
    memset((float *)out->obs[OBS_RESPONSE].data + (size_t)r * env->slate * RESPONSE_DIM, 0,
           sizeof(float) * env->slate * RESPONSE_DIM);
    if (out->info != NULL) {
      out->info[(size_t)r * INFO_COUNT + INFO_CLICKED_SLOT] = -1.0f;
      out->info[(size_t)r * INFO_COUNT + INFO_ENGAGEMENT] = 0.0f;
    }
    if (out->reward != NULL) out->reward[r] = 0.0f;
    if (out->terminated != NULL) out->terminated[r] = 0;
    if (out->truncated != NULL) out->truncated[r] = 0;
  }
  return RLREC_OK;
}

/* step: one slate per sub-env, all sub-envs at once. Two passes: validate everything (so a bad
 * row leaves every sub-env untouched), then simulate. */
static rlrec_status feed_step(void *handle, const rlrec_tensor *actions, rlrec_env_output *out) {
  feed_env *env = (feed_env *)handle;
  const int32_t *slates;
  uint32_t b, l, m;
  rlrec_status status = feed_check_output(env, out, env->num_envs);
  if (status != RLREC_OK) return status;
  if (actions == NULL || actions->dtype != RLREC_DTYPE_I32 || actions->rank != 2 ||
      actions->shape[0] != (int64_t)env->num_envs || actions->shape[1] != (int64_t)env->slate ||
      actions->data == NULL)
    return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                     "step: actions must be int32 [%u, %u] (num_envs, slate_size)",
                     env->num_envs, env->slate);
  slates = (const int32_t *)actions->data;

  /* Pass 1: states and slates. Messages name the sub-env, the slot and the value. */
  for (b = 0; b < env->num_envs; ++b) {
    const int32_t *a = slates + (size_t)b * env->slate;
    if (env->sub[b].status == SUB_NEVER_RESET)
      return feed_fail(env, RLREC_ERR_STATE, "step: sub-env %u was never reset", b);
    if (env->sub[b].status == SUB_ENDED)
      return feed_fail(env, RLREC_ERR_STATE,
                       "step: sub-env %u ended after step %u and was not reset since", b,
                       env->sub[b].t);
    for (l = 0; l < env->slate; ++l) {
      if (a[l] < 0 || (uint32_t)a[l] >= env->n)
        return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                         "step: sub-env %u, slot %u: candidate index %d is out of range [0, %u)",
                         b, l, (int)a[l], env->n);
      /* Slates are short, so a quadratic duplicate check needs no scratch memory. */
      for (m = 0; m < l; ++m)
        if (a[m] == a[l])
          return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT,
                           "step: sub-env %u, slot %u: candidate %d is already in slot %u "
                           "(slates must not repeat a candidate)",
                           b, l, (int)a[l], m);
    }
  }

  /* Pass 2: simulate each sub-env with its own RNG only. */
  for (b = 0; b < env->num_envs; ++b) {
    const int32_t *a = slates + (size_t)b * env->slate;
    feed_sub *sub = &env->sub[b];
    float *response = (float *)out->obs[OBS_RESPONSE].data + (size_t)b * env->slate * RESPONSE_DIM;
    double total = exp(env->no_click_logit), draw, engagement = 0.0;
    int clicked = -1; /* the slot the user clicked, -1 for none */
    int terminated, truncated;

    /* The conditional logit: draw U in [0, v0 + sum v) and see whose interval it falls in.
     * The no-click option owns [0, v0), slot l the next v_{a_l}. One uniform per step. */
    for (l = 0; l < env->slate; ++l) total += feed_score(env, b, (uint32_t)a[l]);
    draw = rng_uniform(&sub->rng) * total - exp(env->no_click_logit);
    for (l = 0; l < env->slate && draw >= 0.0; ++l) {
      draw -= feed_score(env, b, (uint32_t)a[l]);
      if (draw < 0.0) clicked = (int)l;
    }
    /* U < 1, so exact arithmetic always lands somewhere; rounding may leave draw a hair >= 0 after
     * the last slot, which belongs to the last slot. */
    if (clicked < 0 && draw >= 0.0) clicked = (int)env->slate - 1;

    memset(response, 0, sizeof(float) * env->slate * RESPONSE_DIM);
    sub->budget -= 1.0; /* every step costs one unit of the session's time */
    if (clicked >= 0) {
      const uint32_t item = (uint32_t)a[clicked];
      const uint32_t topic = env->topic[(size_t)b * env->n + item];
      double *u = &env->interest[(size_t)b * env->k + topic];
      engagement = feed_engagement(env, b, item);
      sub->budget += env->quality_bonus * env->quality[(size_t)b * env->n + item];
      *u += env->interest_step * (1.0 - *u); /* drift toward the clicked topic, stays <= 1 */
      response[(size_t)clicked * RESPONSE_DIM + 0] = 1.0f;
      response[(size_t)clicked * RESPONSE_DIM + 1] = (float)engagement;
    }
    sub->t += 1;
    terminated = sub->budget <= 0.0;
    truncated = !terminated && env->max_steps > 0 && sub->t >= env->max_steps;
    if (terminated || truncated) sub->status = SUB_ENDED; /* the host must reset it */

    /* The next observation: a fresh page of candidates (also after the episode ended: the host
     * gets a well-defined final observation). */
    feed_draw_candidates(env, b);
    feed_write_obs(env, b, b, out);
    if (out->reward != NULL) out->reward[b] = (float)engagement;
    if (out->terminated != NULL) out->terminated[b] = (uint8_t)terminated;
    if (out->truncated != NULL) out->truncated[b] = (uint8_t)truncated;
    if (out->info != NULL) {
      out->info[(size_t)b * INFO_COUNT + INFO_CLICKED_SLOT] = (float)clicked;
      out->info[(size_t)b * INFO_COUNT + INFO_ENGAGEMENT] = (float)engagement;
    }
  }
  return RLREC_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* The choice-model extension (rlrec/ext/choice_model.h). An extension is a const table of      */
/* function pointers found by string id; its functions take the instance's handle. Exposing     */
/* one is optional: policies must work without it, but myopic and SlateQ rank better with it.   */
/* ------------------------------------------------------------------------------------------ */
static rlrec_status feed_choice_query(void *handle, float *scores, float *no_click,
                                      float *reward_if_chosen) {
  feed_env *env = (feed_env *)handle;
  uint32_t b, i;
  if (scores == NULL)
    return feed_fail(env, RLREC_ERR_INVALID_ARGUMENT, "choice_model.query: scores is NULL");
  for (b = 0; b < env->num_envs; ++b)
    if (env->sub[b].status == SUB_NEVER_RESET)
      return feed_fail(env, RLREC_ERR_STATE, "choice_model.query: sub-env %u was never reset",
                       b);
  for (b = 0; b < env->num_envs; ++b) {
    for (i = 0; i < env->n; ++i) {
      scores[(size_t)b * env->n + i] = (float)feed_score(env, b, i);
      if (reward_if_chosen != NULL)
        reward_if_chosen[(size_t)b * env->n + i] = (float)feed_engagement(env, b, i);
    }
    if (no_click != NULL) no_click[b] = (float)exp(env->no_click_logit);
  }
  return RLREC_OK;
}

static const rlrec_env_choice_model feed_choice_model = {
    sizeof(rlrec_env_choice_model), RLREC_CHOICE_CONDITIONAL, feed_choice_query};

static const void *feed_get_extension(void *handle, const char *id) {
  (void)handle;
  if (id != NULL && strcmp(id, RLREC_EXT_ENV_CHOICE_MODEL) == 0) return &feed_choice_model;
  return NULL; /* unknown id: unsupported, never an error */
}

static const char *feed_last_error(void *handle) { return ((feed_env *)handle)->error; }

static void feed_destroy(void *handle) {
  feed_env *env = (feed_env *)handle;
  if (env == NULL) return;
  free(env->sub);
  free(env->interest);
  free(env->topic);
  free(env->quality);
  free(env);
}

static const rlrec_env_vtable feed_vtable = {
    sizeof(rlrec_env_vtable), feed_spec,          feed_reset,   feed_step,
    feed_get_extension,       feed_last_error,    feed_destroy};

/* ========================================================================================== */
/* 6. Creation: copy params, check what the schema cannot, build the spec, allocate.           */
/* ========================================================================================== */

/* A float32 BOX field of rank 0 (a scalar), 1 ([d0]) or 2 ([d0, d1]). */
static rlrec_field feed_box(const char *name, const char *doc, uint32_t rank, int64_t d0,
                            int64_t d1, double low, double high) {
  rlrec_field f;
  memset(&f, 0, sizeof f); /* reserved and unused shape entries MUST be 0 */
  f.name = name;
  f.doc = doc;
  f.space.kind = RLREC_SPACE_BOX;
  f.space.dtype = RLREC_DTYPE_F32;
  f.space.rank = rank;
  if (rank >= 1) f.space.shape[0] = d0;
  if (rank >= 2) f.space.shape[1] = d1;
  f.space.low = low;
  f.space.high = high;
  return f;
}

/* [thread-safe] (rlrec/plugin.h): touches nothing but the new instance. */
static rlrec_status feed_create(const rlrec_host *host, const rlrec_value *params,
                                uint32_t num_envs, rlrec_env *out, char *err,
                                size_t err_capacity) {
  feed_env *env;
  rlrec_space *act;
  (void)host; /* we could log through host->log; this simulator has nothing to say */
  if (params == NULL || out == NULL || num_envs == 0) {
    if (err != NULL && err_capacity > 0)
      snprintf(err, err_capacity, "example.feed: params/out must be non-NULL and num_envs >= 1");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  /* The one cross-parameter rule. Each value alone was range-checked by the engine. */
  if (params[P_SLATE_SIZE].i > params[P_NUM_CANDIDATES].i) {
    if (err != NULL && err_capacity > 0)
      snprintf(err, err_capacity,
               "example.feed: slate_size (%lld) must not exceed num_candidates (%lld): a slate "
               "shows distinct candidates",
               (long long)params[P_SLATE_SIZE].i, (long long)params[P_NUM_CANDIDATES].i);
    return RLREC_ERR_CONFIG;
  }

  env = (feed_env *)calloc(1, sizeof *env);
  if (env == NULL) goto no_memory;
  env->num_envs = num_envs;
  env->k = (uint32_t)params[P_NUM_TOPICS].i;
  env->n = (uint32_t)params[P_NUM_CANDIDATES].i;
  env->slate = (uint32_t)params[P_SLATE_SIZE].i;
  env->observe_user = params[P_OBSERVE_USER].i != 0;
  env->quality_std = params[P_QUALITY_STD].f;
  env->no_click_logit = params[P_NO_CLICK_LOGIT].f;
  env->interest_step = params[P_INTEREST_STEP].f;
  env->budget = params[P_BUDGET].f;
  env->quality_bonus = params[P_QUALITY_BONUS].f;
  env->max_steps = (uint32_t)params[P_MAX_STEPS].i;

  /* Obligation 4: all per-sub-env memory now, none later. calloc also marks every sub-env
   * SUB_NEVER_RESET (0). */
  env->sub = (feed_sub *)calloc(num_envs, sizeof *env->sub);
  env->interest = (double *)calloc((size_t)num_envs * env->k, sizeof *env->interest);
  env->topic = (uint32_t *)calloc((size_t)num_envs * env->n, sizeof *env->topic);
  env->quality = (double *)calloc((size_t)num_envs * env->n, sizeof *env->quality);
  if (!env->sub || !env->interest || !env->topic || !env->quality) goto no_memory;

  env->obs_fields[OBS_USER] =
      feed_box("user", "interest in each topic (shape [0] when the user is hidden)", 1,
               env->observe_user ? env->k : 0, 0, -1.0, 1.0);
  env->obs_fields[OBS_CANDIDATES] = feed_box(
      "candidates", "one-hot topic of each candidate", 2, env->n, env->k, 0.0, 1.0);
  env->obs_fields[OBS_RESPONSE] =
      feed_box("response", "last slate, per slot: (clicked, reward)", 2, env->slate,
               RESPONSE_DIM, 0.0, HUGE_VAL);
  /* Info channels are rank-0 float32 BOX scalars (rlrec/env.h). */
  env->info_channels[INFO_CLICKED_SLOT] =
      feed_box("clicked_slot", "slot clicked this step, -1 for none", 0, 0, 0, -1.0,
               (double)env->slate - 1.0);
  env->info_channels[INFO_ENGAGEMENT] =
      feed_box("engagement", "engagement of the click, 0 for none", 0, 0, 0, 0.0, HUGE_VAL);

  env->spec.struct_size = sizeof env->spec;
  env->spec.num_envs = num_envs;
  env->spec.num_obs_fields = OBS_COUNT;
  env->spec.num_info_channels = INFO_COUNT;
  env->spec.obs_fields = env->obs_fields;
  env->spec.info_channels = env->info_channels;
  act = &env->spec.action_space; /* MULTI_DISCRETE [slate] over N candidates */
  act->kind = RLREC_SPACE_MULTI_DISCRETE;
  act->dtype = RLREC_DTYPE_I32;
  act->rank = 1;
  act->shape[0] = env->slate;
  act->low = 0.0;
  act->high = (double)env->n - 1.0;
  act->n = env->n;
  env->spec.allow_duplicates = 0;
  env->spec.max_episode_steps = env->max_steps;

  out->vtable = &feed_vtable;
  out->handle = env;
  return RLREC_OK;

no_memory:
  feed_destroy(env);
  if (err != NULL && err_capacity > 0)
    snprintf(err, err_capacity, "example.feed: out of memory for %u sub-envs", num_envs);
  return RLREC_ERR_NO_MEMORY;
}

/* ========================================================================================== */
/* 7. Self-description and the entry point.                                                    */
/* ========================================================================================== */
static const rlrec_plugin_desc feed_desc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_ENV,
    "example.feed",
    "1.0.0",
    "Reference feed simulator: conditional-logit clicks, interest drift, session budget.",
    P_COUNT,
    0,
    feed_params};

/* Exactly the create function matching desc->kind is non-NULL. */
static const rlrec_plugin_factory feed_factory = {
    sizeof(rlrec_plugin_factory), 0, &feed_desc, feed_create, NULL, NULL};

static uint32_t feed_factory_count(void) { return 1; }
static const rlrec_plugin_factory *feed_factory_get(uint32_t index) {
  (void)index; /* the host only asks for 0 <= index < factory_count() */
  return &feed_factory;
}

/* init/deinit are NULL: this library has no global state to set up (obligation 2). */
static const rlrec_plugin_entry feed_entry = {
    sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, NULL, NULL, feed_factory_count,
    feed_factory_get};

/* The library's only export (the version script hides everything else). A host of another
 * major version gets NULL and refuses the library with a message naming both versions. */
RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version) {
  if (!RLREC_VERSION_IS_COMPATIBLE(host_abi_version, RLREC_ABI_VERSION)) return NULL;
  return &feed_entry;
}
