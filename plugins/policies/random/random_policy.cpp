// random_policy.cpp — plugin "random": the uniform random recommender, every baseline's
// baseline and the simplest behaviour policy for logging data (DESIGN.md J3).
//
// Each decision is a uniformly random ORDERED slate of k distinct candidates among the M
// available ones (M = N, or the number of 1s in the observation's "mask" field when the env has
// one), drawn by a partial Fisher–Yates shuffle. Hence, exactly:
//   slate_prob           = 1 / (M (M-1) ... (M-k+1))    (one ordered k-subset among that many)
//   slot_propensity[l]   = 1 / M                        (by symmetry every available item is
//                                                        equally likely in every slot)
// Greedy mode is the same distribution: a random policy has no best guess. The extension
// rlrec.policy.slate_probability/1 gives the same probabilities for any given slate.
//
// Determinism: all randomness comes from one xoshiro256** stream seeded from the create seed
// and consumed row by row, so the same seed and the same sequence of act calls give the same
// slates; save/load carry the stream's state, so a restored policy continues it exactly.
#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/entry.hpp>
#include <rlrec_support/rng.hpp>
#include <rlrec_support/slate_probability.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

using rlrec_support::fail;

using rlrec_support::Rng;

// The save format: magic, format version, the spec it belongs to, the RNG state. Little-endian
// fixed-width words, so a checkpoint moves between machines.
constexpr char kMagic[8] = {'r', 'l', 'r', 'e', 'c', 'R', 'N', 'D'};
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kStateSize = sizeof kMagic + 3 * 4 + 4 * 8;

void put_u32(std::vector<unsigned char> &out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
void put_u64(std::vector<unsigned char> &out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
uint64_t get_le(const unsigned char *p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

// Reads element i of a mask tensor of any numeric dtype: nonzero = available.
bool mask_at(const rlrec_tensor &mask, size_t i) {
  switch (mask.dtype) {
    case RLREC_DTYPE_U8: return static_cast<const uint8_t *>(mask.data)[i] != 0;
    case RLREC_DTYPE_F32: return static_cast<const float *>(mask.data)[i] != 0.0f;
    case RLREC_DTYPE_F64: return static_cast<const double *>(mask.data)[i] != 0.0;
    case RLREC_DTYPE_I32: return static_cast<const int32_t *>(mask.data)[i] != 0;
    case RLREC_DTYPE_I64: return static_cast<const int64_t *>(mask.data)[i] != 0;
    default: return false;
  }
}

struct RandomPolicy {
  uint32_t n = 0;               // candidates per observation
  uint32_t slate = 0;           // slots per slate
  int mask_field = -1;          // index of the "mask" obs field, -1 if the env has none
  Rng rng{};
  std::vector<uint32_t> pool;   // [n] scratch for Fisher–Yates (allocated once)
  std::vector<uint32_t> avail;  // [rows] available count per row, validated before sampling
  rlrec_policy_info info{sizeof(rlrec_policy_info), 0};  // fixed: does not learn
  std::string error;

  // The "mask" tensor of a call (NULL when the env has none), checked against the spec.
  const rlrec_tensor *mask_of(const rlrec_act_input *in, const char *call) const {
    if (mask_field < 0) return nullptr;
    if (in->obs == nullptr) fail(RLREC_ERR_INVALID_ARGUMENT, std::string("random.") + call + ": obs is NULL");
    const rlrec_tensor *mask = &in->obs[mask_field];
    if (mask->rank != 2 || mask->shape[0] != in->rows || mask->shape[1] != n ||
        (in->rows > 0 && mask->data == nullptr) || rlrec_dtype_size(mask->dtype) == 0)
      fail(RLREC_ERR_INVALID_ARGUMENT,
           std::string("random.") + call + ": obs 'mask' must be [rows, " + std::to_string(n) + "] with data");
    return mask;
  }

  // The number of candidates available in row r, checked to fill a slate.
  uint32_t available(const rlrec_tensor *mask, uint32_t r, const char *call) const {
    uint32_t m = n;
    if (mask != nullptr) {
      m = 0;
      for (uint32_t i = 0; i < n; ++i) m += mask_at(*mask, static_cast<size_t>(r) * n + i);
    }
    if (m < slate)
      fail(RLREC_ERR_INVALID_ARGUMENT, std::string("random.") + call + ": row " + std::to_string(r) + " has " +
                                           std::to_string(m) + " available candidates, a slate needs " +
                                           std::to_string(slate));
    return m;
  }

  void act(const rlrec_act_input *in, rlrec_act_output *out) {
    if (in == nullptr || out == nullptr || out->slates == nullptr || out->slate_prob == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random.act: input, output, slates or slate_prob is NULL");
    if (out->rows != in->rows)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random.act: output has " + std::to_string(out->rows) +
                                           " rows, input " + std::to_string(in->rows));
    const uint32_t rows = in->rows;
    const rlrec_tensor *mask = mask_of(in, "act");

    // Pass 1: check every row can be served before drawing anything, so a failed call leaves
    // the RNG stream untouched (and a retry acts as if the bad call never happened).
    avail.resize(rows);
    for (uint32_t r = 0; r < rows; ++r) avail[r] = available(mask, r, "act");

    // Pass 2: a partial Fisher–Yates shuffle of the available indices per row: slot l takes a
    // uniform pick among the M - l not yet chosen, which makes every ordered k-subset equally
    // likely.
    for (uint32_t r = 0; r < rows; ++r) {
      const uint32_t m = avail[r];
      uint32_t count = 0;
      for (uint32_t i = 0; i < n; ++i)
        if (mask == nullptr || mask_at(*mask, static_cast<size_t>(r) * n + i)) pool[count++] = i;
      int32_t *row = out->slates + static_cast<size_t>(r) * slate;
      for (uint32_t l = 0; l < slate; ++l) {
        const uint32_t j = l + rlrec_support::below(rng, m - l);
        std::swap(pool[l], pool[j]);
        row[l] = static_cast<int32_t>(pool[l]);
      }
      // The drawn items are available, so the uniform distribution's formula needs no mask.
      const rlrec_support::EpsilonGreedySlates<uint8_t> uniform{nullptr, slate, 1.0, nullptr, m};
      out->slate_prob[r] = static_cast<float>(uniform.slate_prob(row));
      for (uint32_t l = 0; l < slate; ++l) {
        const size_t at = static_cast<size_t>(r) * slate + l;
        if (out->slot_propensity != nullptr) out->slot_propensity[at] = static_cast<float>(uniform.item_prob(l, row[l]));
        if (out->scores != nullptr) out->scores[at] = std::numeric_limits<float>::quiet_NaN();
      }
    }
  }

  // rlrec.policy.slate_probability/1: the uniform distribution over the row's valid ordered
  // slates (ε-greedy with ε = 1), in either mode; draws nothing.
  void score(const rlrec_act_input *in, const int32_t *slates, double *slate_prob, double *slot_prob,
             double *item_prob) {
    rlrec_support::SlateScores scores("random", in, slates, slate_prob, slot_prob, item_prob, slate, n);
    const rlrec_tensor *mask = mask_of(in, "slate_probability");
    std::vector<uint8_t> open(n, 1);
    for (uint32_t r = 0; r < scores.rows(); ++r) {
      const uint32_t m = available(mask, r, "slate_probability");
      for (uint32_t i = 0; mask != nullptr && i < n; ++i) open[i] = mask_at(*mask, static_cast<size_t>(r) * n + i);
      scores.write(r, rlrec_support::EpsilonGreedySlates<uint8_t>{nullptr, slate, 1.0, open.data(), m});
    }
  }

  void save(const rlrec_byte_sink *sink) const {
    if (sink == nullptr || sink->write == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random.save: sink is NULL");
    std::vector<unsigned char> bytes(kMagic, kMagic + sizeof kMagic);
    put_u32(bytes, kFormatVersion);
    put_u32(bytes, n);
    put_u32(bytes, slate);
    for (uint64_t word : rng.s) put_u64(bytes, word);
    const rlrec_status status = sink->write(sink->ctx, bytes.data(), bytes.size());
    if (status != RLREC_OK) fail(status, "random.save: the sink failed to write the state");
  }

  void load(const void *data, size_t size) {
    const auto *p = static_cast<const unsigned char *>(data);
    if (p == nullptr || size < sizeof kMagic + 4 || std::memcmp(p, kMagic, sizeof kMagic) != 0)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random.load: not a random-policy state (bad magic)");
    const auto version = static_cast<uint32_t>(get_le(p + 8, 4));
    if (version != kFormatVersion)
      fail(RLREC_ERR_VERSION, "random.load: state format " + std::to_string(version) +
                                  ", this plugin reads format " + std::to_string(kFormatVersion));
    if (size != kStateSize)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random.load: state has " + std::to_string(size) +
                                           " bytes, expected " + std::to_string(kStateSize));
    const auto saved_n = static_cast<uint32_t>(get_le(p + 12, 4));
    const auto saved_slate = static_cast<uint32_t>(get_le(p + 16, 4));
    if (saved_n != n || saved_slate != slate)
      fail(RLREC_ERR_INVALID_ARGUMENT,
           "random.load: state is for " + std::to_string(saved_n) + " candidates and slate " +
               std::to_string(saved_slate) + ", this policy has " + std::to_string(n) + " and " +
               std::to_string(slate));
    Rng restored{};
    for (int i = 0; i < 4; ++i) restored.s[i] = get_le(p + 20 + 8 * i, 8);
    if ((restored.s[0] | restored.s[1] | restored.s[2] | restored.s[3]) == 0)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random.load: corrupt RNG state (all zero)");
    rng = restored;  // commit only after every check passed
  }
};

RandomPolicy *self(void *handle) { return static_cast<RandomPolicy *>(handle); }

const rlrec_policy_info *policy_info(void *handle) { return &self(handle)->info; }

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
    return &rlrec_support::SlateProbabilityExtension<RandomPolicy>::table;
  return nullptr;
}

const char *policy_last_error(void *handle) { return self(handle)->error.c_str(); }

void policy_destroy(void *handle) { delete self(handle); }

const rlrec_policy_vtable kVtable = {
    sizeof(rlrec_policy_vtable),
    policy_info,
    policy_act,
    nullptr,  // learn: a random policy never learns (info.flags has no RLREC_POLICY_LEARNS)
    policy_save,
    policy_load,
    policy_get_extension,
    policy_last_error,
    policy_destroy,
};

rlrec_status create_policy(const rlrec_host *, const rlrec_value *, const rlrec_env_spec *spec,
                           uint64_t seed, rlrec_policy *out, char *err, size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (spec == nullptr || out == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "random: env_spec and out must be non-NULL");
    const rlrec_space &action = spec->action_space;
    if (action.kind != RLREC_SPACE_MULTI_DISCRETE || action.rank != 1 || action.shape[0] < 1 ||
        action.n < action.shape[0] || action.n > INT32_MAX)
      fail(RLREC_ERR_UNSUPPORTED,
           "random: needs a MULTI_DISCRETE [slate] action space with slate <= n candidates");
    auto policy = std::make_unique<RandomPolicy>();
    policy->n = static_cast<uint32_t>(action.n);
    policy->slate = static_cast<uint32_t>(action.shape[0]);
    for (uint32_t f = 0; f < spec->num_obs_fields; ++f) {
      const rlrec_field &field = spec->obs_fields[f];
      if (std::strcmp(field.name, "mask") != 0) continue;
      if (field.space.rank != 1 || field.space.shape[0] != action.n)
        fail(RLREC_ERR_UNSUPPORTED, "random: obs field 'mask' must have shape [" +
                                        std::to_string(action.n) + "] (one flag per candidate)");
      policy->mask_field = static_cast<int>(f);
    }
    policy->pool.resize(policy->n);
    uint64_t mixer = seed;
    policy->rng.seed(mixer);
    out->vtable = &kVtable;
    out->handle = policy.release();
  });
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_POLICY,
    "random",
    "1.0.0",
    "Uniformly random slates of distinct (available) candidates, with exact probabilities.",
    0,
    0,
    nullptr,  // no parameters
};

const rlrec_plugin_factory kFactory = {
    sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr, create_policy, nullptr};

const rlrec_plugin_factory *const kFactories[] = {&kFactory};

}  // namespace

RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
