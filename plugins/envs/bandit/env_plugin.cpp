// env_plugin.cpp — plugin "bandit.linear": the parameter schema, the spec the host sees, the
// vtable around LinearBanditSession (linear_bandit.hpp), and the choice-model extension.
//
//   obs "user"        BOX F32 [du]       u (unit norm)
//   obs "candidates"  BOX F32 [N, dd]    d_i (unit norm)
//   obs "response"    BOX F32 [k, 2]     per slot of the last slate: (clicked 0/1, reward)
//   info "clicked_slot"     the slot clicked in this step, -1 for none
//   info "regret"           E[reward | best slate] − E[reward | shown slate], this step
//   info "expected_reward"  E[reward | shown slate], this step
//   extension rlrec.env.choice_model/1  kind CASCADE, scores a_i, reward_if_chosen 1
#include <rlrec/ext/choice_model.h>
#include <rlrec/plugin.h>

#include <array>
#include <cmath>
#include <cstring>
#include <memory>
#include <rlrec_support/boundary.hpp>
#include <string>
#include <vector>

#include "factory.hpp"
#include "linear_bandit.hpp"

namespace rlrec_bandit_env {
namespace {

using rlrec_support::fail;

constexpr const char *kId = "bandit.linear";

enum Param : uint32_t {
  kUserDim,
  kItemDim,
  kNumCandidates,
  kSlateSize,
  kClickModel,
  kClickBias,
  kClickScale,
  kRewardNoise,
  kEpisodeLength,
  kProblemSeed,
  kParamCount
};

// Field order of rlrec_param_def: name, type, flags, default_yaml, min, max, choices, doc,
// max_count, reserved0. The CHOICE's alternatives are in ClickModel's order.
const std::array<rlrec_param_def, kParamCount> kParams = {{
    {"user_dim", RLREC_PARAM_INT, 0, "5", 0, 256, nullptr,
     "Dimension du of the user features (0: no user, a non-personalised bandit).", 0, 0},
    {"item_dim", RLREC_PARAM_INT, 0, "5", 1, 256, nullptr, "Dimension dd of each candidate's features.", 0, 0},
    {"num_candidates", RLREC_PARAM_INT, 0, "10", 1, 100000, nullptr, "Candidates N drawn fresh every step.", 0, 0},
    {"slate_size", RLREC_PARAM_INT, 0, "2", 1, 64, nullptr, "Slots k per slate; at most num_candidates.", 0, 0},
    {"click_model", RLREC_PARAM_CHOICE, 0, "linear", 0, 0, "linear|logistic",
     "Attractiveness from affinity s in [-1, 1]: clamp(click_bias + click_scale s, 0, 1), or "
     "sigmoid(click_bias + click_scale s).",
     0, 0},
    {"click_bias", RLREC_PARAM_FLOAT, 0, "0.3", -HUGE_VAL, HUGE_VAL, nullptr,
     "Attractiveness at affinity 0 (linear), or its logit (logistic).", 0, 0},
    {"click_scale", RLREC_PARAM_FLOAT, 0, "0.25", 0, HUGE_VAL, nullptr,
     "How strongly affinity moves attractiveness (per unit of affinity, or of logit).", 0, 0},
    {"reward_noise", RLREC_PARAM_FLOAT, 0, "0.0", 0, HUGE_VAL, nullptr,
     "Std of zero-mean Gaussian noise added to a click's reward of 1 (expected rewards are unchanged).", 0, 0},
    {"episode_length", RLREC_PARAM_INT, 0, "100", 1, 1e9, nullptr,
     "Steps per episode; the env truncates there (reported as max_episode_steps).", 0, 0},
    {"problem_seed", RLREC_PARAM_INT, 0, "0", 0, 9.0e15, nullptr,
     "Seed of the hidden weights W: the problem instance, the same for every sub-env and episode.", 0, 0},
}};

enum Obs : uint32_t { kObsUser, kObsCandidates, kObsResponse, kObsCount };
enum Info : uint32_t { kInfoClickedSlot, kInfoRegret, kInfoExpectedReward, kInfoCount };
constexpr uint32_t kResponseDim = 2;  // (clicked, reward) per slot

rlrec_space box(std::initializer_list<int64_t> shape, double low, double high) {
  rlrec_space space{};
  space.kind = RLREC_SPACE_BOX;
  space.dtype = RLREC_DTYPE_F32;
  space.rank = static_cast<uint32_t>(shape.size());
  uint32_t i = 0;
  for (int64_t extent : shape) space.shape[i++] = extent;
  space.low = low;
  space.high = high;
  return space;
}

class BanditEnv {
 public:
  BanditEnv(const LinearBanditParams &params, uint32_t num_envs) : problem_(params) {
    sessions_.reserve(num_envs);
    for (uint32_t b = 0; b < num_envs; ++b) sessions_.emplace_back(problem_);
    const auto du = static_cast<int64_t>(params.user_dim);
    const auto dd = static_cast<int64_t>(params.item_dim);
    const auto n = static_cast<int64_t>(params.num_candidates);
    const auto k = static_cast<int64_t>(params.slate_size);
    obs_[kObsUser] = {"user", "user features u, unit norm", box({du}, -1.0, 1.0)};
    obs_[kObsCandidates] = {"candidates", "candidate features d_i, unit norm", box({n, dd}, -1.0, 1.0)};
    obs_[kObsResponse] = {"response", "per slot of the last slate: (clicked 0/1, reward); zeros after reset",
                          box({k, kResponseDim}, -HUGE_VAL, HUGE_VAL)};
    info_[kInfoClickedSlot] = {"clicked_slot", "slot clicked this step, -1 for none",
                               box({}, -1.0, static_cast<double>(k - 1))};
    info_[kInfoRegret] = {"regret", "expected reward of the best slate minus that of the slate shown",
                          box({}, 0.0, 1.0)};
    info_[kInfoExpectedReward] = {"expected_reward", "expected reward of the slate shown (its click probability)",
                                  box({}, 0.0, 1.0)};
    spec_.struct_size = sizeof spec_;
    spec_.num_envs = num_envs;
    spec_.num_obs_fields = kObsCount;
    spec_.num_info_channels = kInfoCount;
    spec_.obs_fields = obs_.data();
    spec_.info_channels = info_.data();
    rlrec_space &action = spec_.action_space;
    action.kind = RLREC_SPACE_MULTI_DISCRETE;
    action.dtype = RLREC_DTYPE_I32;
    action.rank = 1;
    action.shape[0] = k;
    action.low = 0.0;
    action.high = static_cast<double>(n - 1);
    action.n = n;
    spec_.allow_duplicates = 0;
    spec_.max_episode_steps = params.episode_length;
  }

  const rlrec_env_spec &spec() const { return spec_; }
  std::string error;

  void reset(uint32_t count, const uint32_t *ids, const uint64_t *seeds, rlrec_env_output *out) {
    if (count > 0 && (ids == nullptr || seeds == nullptr))
      fail(RLREC_ERR_INVALID_ARGUMENT, "bandit.linear.reset: ids or seeds is NULL");
    check_output(out, count, "reset");
    std::vector<uint8_t> seen(sessions_.size(), 0);
    for (uint32_t r = 0; r < count; ++r) {
      if (ids[r] >= sessions_.size() || seen[ids[r]]++ != 0)
        fail(RLREC_ERR_INVALID_ARGUMENT, "bandit.linear.reset: sub-env id " + std::to_string(ids[r]) +
                                             " is out of range or repeated (num_envs " +
                                             std::to_string(sessions_.size()) + ")");
    }
    for (uint32_t r = 0; r < count; ++r) {
      sessions_[ids[r]].reset(seeds[r]);
      write_obs(ids[r], r, out);
      float *response = response_row(out, r);
      std::fill(response, response + response_size(), 0.0f);
      if (out->info != nullptr) {
        float *info = out->info + static_cast<std::size_t>(r) * kInfoCount;
        info[kInfoClickedSlot] = -1.0f;
        info[kInfoRegret] = 0.0f;
        info[kInfoExpectedReward] = 0.0f;
      }
    }
  }

  void step(const rlrec_tensor *actions, rlrec_env_output *out) {
    const auto rows = static_cast<uint32_t>(sessions_.size());
    const uint32_t k = problem_.params().slate_size;
    const uint32_t n = problem_.params().num_candidates;
    if (actions == nullptr || actions->dtype != RLREC_DTYPE_I32 || actions->rank != 2 || actions->shape[0] != rows ||
        actions->shape[1] != k || actions->data == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT,
           "bandit.linear.step: actions must be int32 [" + std::to_string(rows) + ", " + std::to_string(k) + "]");
    check_output(out, rows, "step");
    if (out->reward == nullptr || out->terminated == nullptr || out->truncated == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "bandit.linear.step: reward, terminated or truncated is NULL");
    const auto *slates = static_cast<const int32_t *>(actions->data);
    // Validate every row before simulating any: a failed step changes nothing.
    for (uint32_t b = 0; b < rows; ++b) {
      if (!sessions_[b].running())
        fail(RLREC_ERR_STATE, "bandit.linear.step: sub-env " + std::to_string(b) +
                                  (sessions_[b].started() ? " has ended and was not reset" : " was never reset"));
      const int32_t *slate = slates + static_cast<std::size_t>(b) * k;
      for (uint32_t l = 0; l < k; ++l) {
        bool ok = slate[l] >= 0 && static_cast<uint32_t>(slate[l]) < n;
        for (uint32_t m = 0; ok && m < l; ++m) ok = slate[m] != slate[l];
        if (!ok)
          fail(RLREC_ERR_INVALID_ARGUMENT, "bandit.linear.step: sub-env " + std::to_string(b) + " slot " +
                                               std::to_string(l) + " = " + std::to_string(slate[l]) +
                                               " (candidates 0.." + std::to_string(n - 1) + ", distinct)");
      }
    }
    for (uint32_t b = 0; b < rows; ++b) {
      const StepOutcome outcome = sessions_[b].step(slates + static_cast<std::size_t>(b) * k);
      out->reward[b] = static_cast<float>(outcome.reward);
      out->terminated[b] = 0;
      out->truncated[b] = sessions_[b].running() ? 0 : 1;
      write_obs(b, b, out);
      float *response = response_row(out, b);
      std::fill(response, response + response_size(), 0.0f);
      if (outcome.clicked_slot >= 0) {
        response[outcome.clicked_slot * kResponseDim] = 1.0f;
        response[outcome.clicked_slot * kResponseDim + 1] = static_cast<float>(outcome.reward);
      }
      if (out->info != nullptr) {
        float *info = out->info + static_cast<std::size_t>(b) * kInfoCount;
        info[kInfoClickedSlot] = static_cast<float>(outcome.clicked_slot);
        info[kInfoRegret] = static_cast<float>(outcome.regret);
        info[kInfoExpectedReward] = static_cast<float>(outcome.expected_reward);
      }
    }
  }

  void query_choice_model(float *scores, float *no_click, float *reward_if_chosen) const {
    const uint32_t n = problem_.params().num_candidates;
    for (std::size_t b = 0; b < sessions_.size(); ++b)
      if (!sessions_[b].started())
        fail(RLREC_ERR_STATE, "bandit.linear choice_model: sub-env " + std::to_string(b) + " was never reset");
    for (std::size_t b = 0; b < sessions_.size(); ++b) {
      const std::vector<double> &a = sessions_[b].attractiveness();
      for (uint32_t i = 0; i < n; ++i) {
        const std::size_t at = b * n + i;
        if (scores != nullptr) scores[at] = static_cast<float>(a[i]);
        // A click is worth 1 in expectation (the noise is zero-mean).
        if (reward_if_chosen != nullptr) reward_if_chosen[at] = 1.0f;
      }
      if (no_click != nullptr) no_click[b] = 0.0f;  // a cascade has no no-click score
    }
  }

 private:
  std::size_t response_size() const { return static_cast<std::size_t>(problem_.params().slate_size) * kResponseDim; }

  float *response_row(rlrec_env_output *out, uint32_t row) const {
    return static_cast<float *>(out->obs[kObsResponse].data) + row * response_size();
  }

  void check_output(const rlrec_env_output *out, uint32_t rows, const char *call) const {
    if (out == nullptr || out->obs == nullptr || out->rows != rows)
      fail(RLREC_ERR_INVALID_ARGUMENT, std::string("bandit.linear.") + call + ": output is NULL or has " +
                                           (out ? std::to_string(out->rows) : "no") + " rows, expected " +
                                           std::to_string(rows));
    for (uint32_t f = 0; f < kObsCount; ++f) {
      const rlrec_tensor &t = out->obs[f];
      const int64_t numel = rlrec_space_numel(&obs_[f].space);
      if (t.dtype != RLREC_DTYPE_F32 || t.rank < 1 || t.shape[0] != rows ||
          (numel > 0 && rows > 0 && t.data == nullptr))
        fail(RLREC_ERR_INVALID_ARGUMENT, std::string("bandit.linear.") + call + ": obs tensor '" + obs_[f].name +
                                             "' is not float32 [" + std::to_string(rows) + ", ...] with data");
    }
  }

  void write_obs(uint32_t b, uint32_t row, const rlrec_env_output *out) const {
    const LinearBanditSession &session = sessions_[b];
    const std::vector<double> &user = session.user();
    float *u = static_cast<float *>(out->obs[kObsUser].data) + static_cast<std::size_t>(row) * user.size();
    for (std::size_t j = 0; j < user.size(); ++j) u[j] = static_cast<float>(user[j]);
    const std::vector<double> &candidates = session.candidates();
    float *d = static_cast<float *>(out->obs[kObsCandidates].data) + static_cast<std::size_t>(row) * candidates.size();
    for (std::size_t j = 0; j < candidates.size(); ++j) d[j] = static_cast<float>(candidates[j]);
  }

  LinearBanditProblem problem_;
  std::vector<LinearBanditSession> sessions_;
  rlrec_env_spec spec_{};
  std::array<rlrec_field, kObsCount> obs_{};
  std::array<rlrec_field, kInfoCount> info_{};
};

BanditEnv *self(void *handle) {
  return static_cast<BanditEnv *>(handle);
}

const rlrec_env_spec *env_spec(void *handle) {
  return &self(handle)->spec();
}

rlrec_status env_reset(void *handle, uint32_t count, const uint32_t *ids, const uint64_t *seeds,
                       rlrec_env_output *out) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->reset(count, ids, seeds, out); });
}

rlrec_status env_step(void *handle, const rlrec_tensor *actions, rlrec_env_output *out) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->step(actions, out); });
}

rlrec_status choice_query(void *handle, float *scores, float *no_click, float *reward_if_chosen) {
  return rlrec_support::guard(self(handle)->error,
                              [&] { self(handle)->query_choice_model(scores, no_click, reward_if_chosen); });
}

const rlrec_env_choice_model kChoiceModel = {sizeof(rlrec_env_choice_model), RLREC_CHOICE_CASCADE, choice_query};

const void *env_get_extension(void *, const char *id) {
  return id != nullptr && std::strcmp(id, RLREC_EXT_ENV_CHOICE_MODEL) == 0 ? &kChoiceModel : nullptr;
}

const char *env_last_error(void *handle) {
  return self(handle)->error.c_str();
}

void env_destroy(void *handle) {
  delete self(handle);
}

const rlrec_env_vtable kVtable = {sizeof(rlrec_env_vtable), env_spec,       env_reset,  env_step,
                                  env_get_extension,        env_last_error, env_destroy};

LinearBanditParams read_params(const rlrec_value *v) {
  LinearBanditParams p;
  p.user_dim = static_cast<uint32_t>(v[kUserDim].i);
  p.item_dim = static_cast<uint32_t>(v[kItemDim].i);
  p.num_candidates = static_cast<uint32_t>(v[kNumCandidates].i);
  p.slate_size = static_cast<uint32_t>(v[kSlateSize].i);
  p.click_model = static_cast<ClickModel>(v[kClickModel].i);
  p.click_bias = v[kClickBias].f;
  p.click_scale = v[kClickScale].f;
  p.reward_noise = v[kRewardNoise].f;
  p.episode_length = static_cast<uint32_t>(v[kEpisodeLength].i);
  p.problem_seed = static_cast<uint64_t>(v[kProblemSeed].i);
  return p;
}

rlrec_status create(const rlrec_host *, const rlrec_value *params, uint32_t num_envs, rlrec_env *out, char *err,
                    size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (params == nullptr || out == nullptr || num_envs == 0)
      fail(RLREC_ERR_INVALID_ARGUMENT, "bandit.linear: params and out must be non-NULL, num_envs >= 1");
    const LinearBanditParams p = read_params(params);
    if (p.slate_size > p.num_candidates)
      fail(RLREC_ERR_CONFIG, "bandit.linear: slate_size " + std::to_string(p.slate_size) + " exceeds num_candidates " +
                                 std::to_string(p.num_candidates));
    auto env = std::make_unique<BanditEnv>(p, num_envs);
    out->vtable = &kVtable;
    out->handle = env.release();
  });
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_ENV,
    kId,
    "1.0.0",
    "Synthetic contextual slate bandit: cascade clicks on a linear or logistic u^T W d model; reports regret.",
    kParamCount,
    0,
    kParams.data()};

const rlrec_plugin_factory kFactory = {sizeof(rlrec_plugin_factory), 0, &kDesc, create, nullptr, nullptr};

uint32_t factory_count() {
  return 1;
}
const rlrec_plugin_factory *factory_get(uint32_t) {
  return &kFactory;
}

// init/deinit are NULL: the library keeps no global state (every instance owns its own).
const rlrec_plugin_entry kEntry = {
    sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, nullptr, nullptr, factory_count, factory_get};

}  // namespace

const rlrec_plugin_factory &linear_bandit_factory() {
  return kFactory;
}
const rlrec_plugin_entry &bandit_env_entry() {
  return kEntry;
}

}  // namespace rlrec_bandit_env
