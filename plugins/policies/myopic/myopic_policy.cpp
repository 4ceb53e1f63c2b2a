// myopic_policy.cpp — plugin "myopic": the greedy baseline every learner must beat. It asks the
// env for its true user choice model (extension rlrec.env.choice_model/1, through
// rlrec_act_input.env) and shows the k candidates with the highest immediate expected value
//     value(i) = v(s, i) * reward_if_chosen(s, i)
// (for "first slot" envs, where v is unused, value = reward_if_chosen), best first. This is
// RecSim's greedy pCTR agent given the ground truth, and SlateQ's top-k slate rule with Q = the
// immediate reward: it maximises what the user does now and ignores what it does to the user
// later. Ties break toward the lower candidate index (ranking.hpp), so the policy is a
// deterministic function of the env state: slate_prob = 1 and every slot propensity is 1.
//
// With `epsilon` > 0, EXPLORE mode is epsilon-greedy around that slate (rlrec_nn_agent's
// exploration.hpp, exact slate_prob and slot propensities): the behaviour policy whose logs offline
// RL learns from (docs/offline.md). GREEDY mode stays the deterministic ranking. The extension
// rlrec.policy.slate_probability/1 scores any slate under either mode (with the env, like act).
//
// Candidates marked 0 in an obs field "mask" are never shown. Without an env (offline data,
// serving) or an env without the extension, act fails with RLREC_ERR_UNSUPPORTED.
#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/slate_probability.hpp>
#include <string>
#include <vector>

#include "myopic.hpp"
#include "ranking.hpp"
#include "rlrec_nn/agent/exploration.hpp"
#include "rlrec_nn/agent/params.hpp"
#include "rlrec_nn/rng.hpp"

namespace rlrec_myopic {
namespace {

using rlrec_support::fail;

// The save format: magic, version, then the exploration RNG's four words (format 2; format 1,
// without them, still loads). The header lets load() refuse another plugin's checkpoint.
constexpr char kMagic[8] = {'r', 'l', 'r', 'e', 'c', 'M', 'Y', 'O'};
constexpr uint32_t kFormatVersion = 2;
constexpr size_t kHeaderSize = sizeof kMagic + 4;
constexpr size_t kStateSize = kHeaderSize + 32;

const rlrec_param_def kParams[] = {
    rlrec::nn::agent::float_param("epsilon", "0", 0, 1,
                                  "EXPLORE mode: probability of a uniformly random ordered slate instead of the "
                                  "myopic one (a logging behaviour with exact propensities); GREEDY never explores."),
};

// Nonzero where the candidate is available, from a mask tensor of any numeric dtype.
bool mask_at(const rlrec_tensor &mask, size_t i) {
  switch (mask.dtype) {
    case RLREC_DTYPE_U8:
      return static_cast<const uint8_t *>(mask.data)[i] != 0;
    case RLREC_DTYPE_F32:
      return static_cast<const float *>(mask.data)[i] != 0.0f;
    case RLREC_DTYPE_F64:
      return static_cast<const double *>(mask.data)[i] != 0.0;
    case RLREC_DTYPE_I32:
      return static_cast<const int32_t *>(mask.data)[i] != 0;
    case RLREC_DTYPE_I64:
      return static_cast<const int64_t *>(mask.data)[i] != 0;
    default:
      return false;
  }
}

struct MyopicPolicy {
  uint32_t n = 0;       // candidates per observation
  uint32_t slate = 0;   // slots per slate
  int mask_field = -1;  // index of the "mask" obs field, -1 if the env has none
  // Scratch, grown to the largest batch seen and then reused: no allocation in steady state.
  std::vector<float> scores, rewards, values;            // [rows, n]
  std::vector<uint8_t> available;                        // [n]
  std::vector<uint32_t> order;                           // [n]
  std::vector<uint32_t> open, scratch;                   // [n] available indices, exploration scratch
  std::vector<int32_t> greedy;                           // [slate]
  double epsilon = 0.0;
  rlrec::nn::Rng rng;
  rlrec_policy_info info{sizeof(rlrec_policy_info), 0};  // fixed: never learns
  std::string error;

  const rlrec_env_choice_model &choice_model_of(const rlrec_act_input &in) const {
    const rlrec_env *env = RLREC_HAS_MEMBER(rlrec_act_input, &in, env) ? in.env : nullptr;
    if (env == nullptr || env->vtable == nullptr) {
      fail(RLREC_ERR_UNSUPPORTED, "myopic: needs the env's true choice model (extension " RLREC_EXT_ENV_CHOICE_MODEL
                                  ") through rlrec_act_input.env, which is NULL here (acting from logged data or "
                                  "serving); use a policy that learns instead");
    }
    const void *ext = env->vtable->get_extension != nullptr
                          ? env->vtable->get_extension(env->handle, RLREC_EXT_ENV_CHOICE_MODEL)
                          : nullptr;
    if (ext == nullptr) {
      fail(RLREC_ERR_UNSUPPORTED,
           "myopic: the env does not expose its choice model (extension " RLREC_EXT_ENV_CHOICE_MODEL
           "), so there is no immediate reward to rank by; use a policy that learns instead");
    }
    const rlrec_env_spec *spec = env->vtable->spec(env->handle);
    if (spec->num_envs != in.rows || spec->action_space.n != n) {
      fail(RLREC_ERR_INVALID_ARGUMENT, "myopic: act has " + std::to_string(in.rows) + " rows of " + std::to_string(n) +
                                           " candidates but the env runs " + std::to_string(spec->num_envs) +
                                           " sub-envs of " + std::to_string(spec->action_space.n) +
                                           " (row r must be sub-env r)");
    }
    return *static_cast<const rlrec_env_choice_model *>(ext);
  }

  const rlrec_tensor *mask_of(const rlrec_act_input &in) const {
    if (mask_field < 0) return nullptr;
    if (in.obs == nullptr) fail(RLREC_ERR_INVALID_ARGUMENT, "myopic: obs is NULL");
    const rlrec_tensor &mask = in.obs[mask_field];
    if (mask.rank != 2 || mask.shape[0] != in.rows || mask.shape[1] != n || (in.rows > 0 && mask.data == nullptr) ||
        rlrec_dtype_size(mask.dtype) == 0) {
      fail(RLREC_ERR_INVALID_ARGUMENT, "myopic: obs 'mask' must be [rows, " + std::to_string(n) + "] with data");
    }
    return &mask;
  }

  // Every row's immediate expected value of every candidate into values [rows, n], from the
  // env's choice model; returns the mask tensor (NULL without one).
  const rlrec_tensor *value_rows(const rlrec_act_input &in) {
    const rlrec_env_choice_model &model = choice_model_of(in);
    const rlrec_tensor *mask = mask_of(in);
    const size_t cells = static_cast<size_t>(in.rows) * n;
    if (scores.size() < cells) {
      scores.resize(cells);
      rewards.resize(cells);
      values.resize(cells);
    }
    const rlrec_status status = model.query(in.env->handle, scores.data(), nullptr, rewards.data());
    if (status != RLREC_OK) {
      fail(status,
           std::string("myopic: the env's choice_model.query failed: ") + in.env->vtable->last_error(in.env->handle));
    }
    const bool first_slot = model.kind == RLREC_CHOICE_FIRST_SLOT;  // v is unused there
    for (size_t c = 0; c < cells; ++c) values[c] = first_slot ? rewards[c] : scores[c] * rewards[c];
    return mask;
  }

  // Row r's myopic slate into `row` [slate], its availability into `available` and the available
  // indices into `open`; returns how many are available.
  uint32_t rank_row(uint32_t r, const rlrec_tensor *mask, int32_t *row) {
    const size_t base = static_cast<size_t>(r) * n;
    if (mask != nullptr) {
      for (uint32_t i = 0; i < n; ++i) available[i] = mask_at(*mask, base + i) ? 1 : 0;
    }
    const uint32_t written =
        top_k(values.data() + base, mask != nullptr ? available.data() : nullptr, n, slate, order.data(), row);
    if (written < slate) {
      fail(RLREC_ERR_INVALID_ARGUMENT, "myopic: row " + std::to_string(r) + " has " + std::to_string(written) +
                                           " available candidates, a slate needs " + std::to_string(slate));
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; ++i)
      if (mask == nullptr || available[i] != 0) open[m++] = i;
    return m;
  }

  double epsilon_of(const rlrec_act_input &in) const { return in.mode == RLREC_ACT_EXPLORE ? epsilon : 0.0; }

  void act(const rlrec_act_input *in, rlrec_act_output *out) {
    if (in == nullptr || out == nullptr || out->slates == nullptr || out->slate_prob == nullptr) {
      fail(RLREC_ERR_INVALID_ARGUMENT, "myopic: input, output, slates or slate_prob is NULL");
    }
    if (out->rows != in->rows) {
      fail(RLREC_ERR_INVALID_ARGUMENT,
           "myopic: output has " + std::to_string(out->rows) + " rows, input " + std::to_string(in->rows));
    }
    const rlrec_tensor *mask = value_rows(*in);
    for (uint32_t r = 0; r < in->rows; ++r) {
      int32_t *row = out->slates + static_cast<size_t>(r) * slate;
      const uint32_t m = rank_row(r, mask, row);
      out->slate_prob[r] = 1.0f;
      for (uint32_t l = 0; l < slate; ++l) {
        if (out->slot_propensity != nullptr) out->slot_propensity[static_cast<size_t>(r) * slate + l] = 1.0f;
      }
      if (epsilon_of(*in) > 0.0) {
        greedy.assign(row, row + slate);
        rlrec::nn::agent::epsilon_greedy(
            rng, epsilon, greedy.data(), open.data(), m, slate, scratch.data(), row, out->slate_prob + r,
            out->slot_propensity != nullptr ? out->slot_propensity + static_cast<size_t>(r) * slate : nullptr);
      }
      for (uint32_t l = 0; l < slate; ++l) {
        const size_t at = static_cast<size_t>(r) * slate + l;
        if (out->scores != nullptr) out->scores[at] = values[static_cast<size_t>(r) * n + static_cast<uint32_t>(row[l])];
      }
    }
  }

  // rlrec.policy.slate_probability/1: ε-greedy around the myopic slate (ε = 0 unless exploring);
  // needs the env as act does, draws nothing.
  void score(const rlrec_act_input *in, const int32_t *slates, double *slate_prob, double *slot_prob,
             double *item_prob) {
    rlrec_support::SlateScores out("myopic", in, slates, slate_prob, slot_prob, item_prob, slate, n);
    const rlrec_tensor *mask = value_rows(*in);
    greedy.resize(slate);
    for (uint32_t r = 0; r < in->rows; ++r) {
      const uint32_t m = rank_row(r, mask, greedy.data());
      out.write(r, rlrec_support::EpsilonGreedySlates<uint8_t>{greedy.data(), slate, epsilon_of(*in),
                                                                mask != nullptr ? available.data() : nullptr, m});
    }
  }

  void save(const rlrec_byte_sink *sink) const {
    if (sink == nullptr || sink->write == nullptr) fail(RLREC_ERR_INVALID_ARGUMENT, "myopic.save: sink is NULL");
    unsigned char bytes[kStateSize];
    std::memcpy(bytes, kMagic, sizeof kMagic);
    for (int i = 0; i < 4; ++i) bytes[sizeof kMagic + i] = static_cast<unsigned char>(kFormatVersion >> (8 * i));
    for (int w = 0; w < 4; ++w)
      for (int i = 0; i < 8; ++i) bytes[kHeaderSize + 8 * w + i] = static_cast<unsigned char>(rng.state()[w] >> (8 * i));
    const rlrec_status status = sink->write(sink->ctx, bytes, sizeof bytes);
    if (status != RLREC_OK) fail(status, "myopic.save: the sink failed to write the state");
  }

  void load(const void *data, size_t size) {
    const auto *p = static_cast<const unsigned char *>(data);
    if (p == nullptr || (size != kStateSize && size != kHeaderSize) || std::memcmp(p, kMagic, sizeof kMagic) != 0) {
      fail(RLREC_ERR_INVALID_ARGUMENT, "myopic.load: not a myopic-policy state");
    }
    uint32_t version = 0;
    for (int i = 0; i < 4; ++i) version |= static_cast<uint32_t>(p[sizeof kMagic + i]) << (8 * i);
    if (version != kFormatVersion && version != 1) {
      fail(RLREC_ERR_VERSION, "myopic.load: state format " + std::to_string(version) + ", this plugin reads formats 1-" +
                                  std::to_string(kFormatVersion));
    }
    if ((version == 1) != (size == kHeaderSize)) fail(RLREC_ERR_INVALID_ARGUMENT, "myopic.load: a state of the wrong size");
    if (version == 1) return;  // stateless: keep the RNG as created
    uint64_t words[4] = {0, 0, 0, 0};
    for (int w = 0; w < 4; ++w)
      for (int i = 0; i < 8; ++i) words[w] |= static_cast<uint64_t>(p[kHeaderSize + 8 * w + i]) << (8 * i);
    if (!rng.set_state(words)) fail(RLREC_ERR_INVALID_ARGUMENT, "myopic.load: an all-zero RNG state");
  }
};

MyopicPolicy *self(void *handle) {
  return static_cast<MyopicPolicy *>(handle);
}

const rlrec_policy_info *policy_info(void *handle) {
  return &self(handle)->info;
}

rlrec_status policy_act(void *handle, const rlrec_act_input *in, rlrec_act_output *out) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->act(in, out); });
}

rlrec_status policy_save(void *handle, const rlrec_byte_sink *sink) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->save(sink); });
}

rlrec_status policy_load(void *handle, const void *data, size_t size) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->load(data, size); });
}

const void *policy_get_extension(void *, const char *id) {
  if (std::strcmp(id, RLREC_EXT_POLICY_SLATE_PROBABILITY) == 0)
    return &rlrec_support::SlateProbabilityExtension<MyopicPolicy>::table;
  return nullptr;
}

const char *policy_last_error(void *handle) {
  return self(handle)->error.c_str();
}

void policy_destroy(void *handle) {
  delete self(handle);
}

const rlrec_policy_vtable kVtable = {
    sizeof(rlrec_policy_vtable),
    policy_info,
    policy_act,
    nullptr,  // learn: myopic never learns (info.flags has no RLREC_POLICY_LEARNS)
    policy_save,
    policy_load,
    policy_get_extension,
    policy_last_error,
    policy_destroy,
};

rlrec_status create_policy(const rlrec_host *, const rlrec_value *params, const rlrec_env_spec *spec, uint64_t seed,
                           rlrec_policy *out, char *err, size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (spec == nullptr || out == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "myopic: env_spec and out must be non-NULL");
    const rlrec_space &action = spec->action_space;
    if (action.kind != RLREC_SPACE_MULTI_DISCRETE || action.rank != 1 || action.shape[0] < 1 ||
        action.n < action.shape[0] || action.n > INT32_MAX) {
      fail(RLREC_ERR_UNSUPPORTED, "myopic: needs a MULTI_DISCRETE [slate] action space with slate <= n candidates");
    }
    auto policy = std::make_unique<MyopicPolicy>();
    policy->n = static_cast<uint32_t>(action.n);
    policy->slate = static_cast<uint32_t>(action.shape[0]);
    for (uint32_t f = 0; f < spec->num_obs_fields; ++f) {
      const rlrec_field &field = spec->obs_fields[f];
      if (std::strcmp(field.name, "mask") != 0) continue;
      if (field.space.rank != 1 || field.space.shape[0] != action.n) {
        fail(RLREC_ERR_UNSUPPORTED,
             "myopic: obs field 'mask' must have shape [" + std::to_string(action.n) + "] (one flag per candidate)");
      }
      policy->mask_field = static_cast<int>(f);
    }
    policy->available.resize(policy->n);
    policy->order.resize(policy->n);
    policy->open.resize(policy->n);
    policy->scratch.resize(policy->n);
    policy->epsilon = params != nullptr ? params[0].f : 0.0;
    policy->rng.seed(seed);
    out->vtable = &kVtable;
    out->handle = policy.release();
  });
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_POLICY,
    "myopic",
    "1.0.0",
    "Top-k candidates by the env's true click score x immediate reward (choice-model "
    "extension); deterministic, ties to the lower index; epsilon-greedy around it in EXPLORE mode with epsilon > 0.",
    1,
    0,
    kParams,
};

}  // namespace

const rlrec_plugin_factory kMyopicFactory = {sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr, create_policy, nullptr};
const rlrec_plugin_factory *const kFactories[1] = {&kMyopicFactory};

}  // namespace rlrec_myopic
