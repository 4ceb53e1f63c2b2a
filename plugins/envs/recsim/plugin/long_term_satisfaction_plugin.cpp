// plugin/long_term_satisfaction_plugin.cpp — plugin "recsim.long_term_satisfaction": its
// parameter schema, how the values become model parameters, and the spec the host sees. The
// model is rlrec_recsim/long_term_satisfaction.hpp; docs/recsim.md is the user's page.
#include <rlrec/plugin.h>

#include <algorithm>
#include <array>

#include "create_env.hpp"
#include "factories.hpp"
#include "fields.hpp"
#include "rlrec_recsim/long_term_satisfaction.hpp"
#include "schema.hpp"

namespace rlrec_recsim::plugin {
namespace {

constexpr const char *kId = "recsim.long_term_satisfaction";

enum Param : uint32_t {
  kMemoryDiscount = kSlateParamCount,
  kSensitivity,
  kInnovationStddev,
  kChocMean,
  kChocStddev,
  kKaleMean,
  kKaleStddev,
  kTimeBudget,
  kMaxEngagement,
  kParamCount
};

constexpr std::array<rlrec_param_def, kParamCount - kSlateParamCount> kOwnParams = {
    float_param("memory_discount", "0.7", 0, 1,
                "beta: how much net positive exposure (NPE) carries over per step; must be < 1."),
    float_param("sensitivity", "0.01", 0, kInf, "tau: satisfaction is sigmoid(tau * NPE). At 0.01 it stays near 0.5."),
    float_param("innovation_stddev", "0.05", 0, kInf, "Std of the noise added to NPE per step."),
    float_param("choc_mean", "5.0", -kInf, kInf, "Log-engagement mean of pure clickbait (cb = 1) at satisfaction 1."),
    float_param("choc_stddev", "1.0", 0, kInf, "Log-engagement std of pure clickbait."),
    float_param("kale_mean", "4.0", -kInf, kInf, "Log-engagement mean of pure kale (cb = 0) at satisfaction 1."),
    float_param("kale_stddev", "1.0", 0, kInf, "Log-engagement std of pure kale."),
    int_param("time_budget", "60", 1, 1e9, "Steps per episode: every step consumes one; the episode terminates at 0."),
    float_param("max_engagement", "100.0", 0, kInf,
                "The response observation clips engagement to [0, max_engagement] (the reward "
                "does not)."),
};

constexpr auto kSchema = concat(kSlateParams, kOwnParams);
static_assert(kSchema.size() == kParamCount);

LongTermSatisfactionParams read_params(const rlrec_value *v) {
  LongTermSatisfactionParams p;
  p.slate = read_slate(v);
  p.memory_discount = v[kMemoryDiscount].f;
  p.sensitivity = v[kSensitivity].f;
  p.innovation_stddev = v[kInnovationStddev].f;
  p.choc_mean = v[kChocMean].f;
  p.choc_stddev = v[kChocStddev].f;
  p.kale_mean = v[kKaleMean].f;
  p.kale_stddev = v[kKaleStddev].f;
  p.time_budget = static_cast<uint32_t>(v[kTimeBudget].i);
  p.max_engagement = v[kMaxEngagement].f;
  return p;
}

EnvDescription describe(const LongTermSatisfactionParams &p, const rlrec_value *v) {
  const int64_t n = p.slate.num_candidates;
  const int64_t k = p.slate.slate_size;
  EnvDescription d;
  // RecSim's user observation is empty (satisfaction is latent): no "user" field.
  d.obs_fields = {
      box_field("candidates", "clickbait score of each candidate document, in [0, 1)", {n, 1}, 0.0, 1.0),
      box_field("response",
                "per slot of the last slate: [click (1 for slot 0, which is always consumed), "
                "engagement clipped to [0, max_engagement]]; zeros after reset",
                {k, kLtsResponseDim}, 0.0, std::max(1.0, p.max_engagement)),
  };
  d.info_channels = {
      info_channel("clicked_slot", "slot consumed this step: always 0 (-1 at reset)", -1.0, 0.0),
      info_channel("engagement", "engagement this step, unclipped (= the reward)", 0.0, kInf),
      info_channel("satisfaction",
                   "the user's satisfaction after the step (0 at reset); hidden state, for "
                   "diagnostics only",
                   0.0, 1.0),
      info_channel("clickbait", "clickbait score of the consumed document", 0.0, 1.0),
  };
  d.info_at_reset = {-1.0f, 0.0f, 0.0f, 0.0f};
  d.num_candidates = p.slate.num_candidates;
  d.slate_size = p.slate.slate_size;
  d.allow_duplicates = v[kAllowDuplicates].i != 0;
  // The natural limit, for the host's information: the env itself terminates at that very step
  // (terminated, not truncated — the budget is part of the user's state, as in RecSim).
  d.max_episode_steps = p.time_budget;
  d.choice_kind = RLREC_CHOICE_FIRST_SLOT;
  return d;
}

rlrec_status create(const rlrec_host *, const rlrec_value *params, uint32_t num_envs, rlrec_env *out, char *err,
                    size_t err_capacity) {
  return create_batched<LongTermSatisfaction>(kId, params, num_envs, out, err, err_capacity, read_params, describe);
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_ENV,
    kId,
    "1.0.0",
    "RecSim long-term satisfaction (choc vs kale): clickbait earns engagement now and costs "
    "latent satisfaction later; reward = engagement.",
    kParamCount,
    0,
    kSchema.data()};

}  // namespace

const rlrec_plugin_factory kLongTermSatisfactionFactory = {
    sizeof(rlrec_plugin_factory), 0, &kDesc, create, nullptr, nullptr};

}  // namespace rlrec_recsim::plugin
