// plugin/interest_evolution_plugin.cpp — plugin "recsim.interest_evolution": its parameter
// schema, how the values become model parameters, and the spec the host sees. The model is
// rlrec_recsim/interest_evolution.hpp; docs/recsim.md is the user's page.
#include <rlrec/plugin.h>

#include <algorithm>
#include <array>

#include "create_env.hpp"
#include "factories.hpp"
#include "fields.hpp"
#include "rlrec_recsim/interest_evolution.hpp"
#include "schema.hpp"

namespace rlrec_recsim::plugin {
namespace {

constexpr const char *kId = "recsim.interest_evolution";

enum Param : uint32_t {
  kNumTopics = kSlateParamCount,
  kTrashyFraction,
  kMinUtility,
  kMaxUtility,
  kQualityStd,
  kVideoLength,
  kTimeBudget,
  kStepPenalty,
  kUserQualityFactor,
  kDocumentQualityFactor,
  kUserUpdateAlpha,
  kInterestXIntercept,
  kInterestYIntercept,
  kChoiceBegin,
  kParamCount = kChoiceBegin + kChoiceParamCount
};

constexpr std::array<rlrec_param_def, kChoiceBegin - kSlateParamCount> kOwnParams = {
    int_param("num_topics", "20", 1, 1000,
              "Topics T: clusters of documents, length of their one-hot features and of the "
              "user's interest vector (RecSim NUM_FEATURES)."),
    float_param("trashy_fraction", "0.7", 0, 1,
                "floor(T * trashy_fraction) clusters have mean quality spaced from min_utility "
                "to 0, the others from 0 to max_utility."),
    float_param("min_utility", "-3.0", -kInf, kInf, "Mean quality of the trashiest cluster."),
    float_param("max_utility", "3.0", -kInf, kInf, "Mean quality of the most nutritious cluster."),
    float_param("quality_std", "0.1", 0, kInf,
                "Std of a document's quality around its cluster mean (RecSim's "
                "quality_variance, which it uses as a std)."),
    float_param("video_length", "4.0", 0, kInf,
                "Length of every video in minutes: a click is watched for min(budget, "
                "video_length)."),
    float_param("time_budget", "200.0", 0, kInf,
                "The user's session budget in minutes; the episode terminates when it is <= 0."),
    float_param("step_penalty", "0.5", 0, kInf, "Budget a step without a click costs."),
    float_param("user_quality_factor", "0.0", -kInf, kInf,
                "Weight of the clicked document's choice score in the utility that refunds "
                "budget."),
    float_param("document_quality_factor", "1.0", -kInf, kInf,
                "Weight of the clicked document's quality in the utility that refunds budget."),
    float_param("user_update_alpha", "0.2647058823529412", -kInf, kInf,
                "Budget refunded per minute watched and unit of utility (RecSim: 0.9 / 3.4)."),
    float_param("interest_x_intercept", "1.0", -kInf, kInf,
                "x intercept of the interest step size alpha(u) = y (1 - |u| / x)."),
    float_param("interest_y_intercept", "0.3", -kInf, kInf,
                "y intercept of the interest step size: the step at u = 0."),
};

constexpr auto kSchema =
    concat(kSlateParams, kOwnParams, choice_params("multinomial_proportional", "1.0", "-1.0", "0.65", "0.05"));
static_assert(kSchema.size() == kParamCount);

InterestEvolutionParams read_params(const rlrec_value *v) {
  InterestEvolutionParams p;
  p.slate = read_slate(v);
  p.num_topics = static_cast<uint32_t>(v[kNumTopics].i);
  p.trashy_fraction = v[kTrashyFraction].f;
  p.min_utility = v[kMinUtility].f;
  p.max_utility = v[kMaxUtility].f;
  p.quality_std = v[kQualityStd].f;
  p.video_length = v[kVideoLength].f;
  p.time_budget = v[kTimeBudget].f;
  p.step_penalty = v[kStepPenalty].f;
  p.user_quality_factor = v[kUserQualityFactor].f;
  p.document_quality_factor = v[kDocumentQualityFactor].f;
  p.user_update_alpha = v[kUserUpdateAlpha].f;
  p.interest_x_intercept = v[kInterestXIntercept].f;
  p.interest_y_intercept = v[kInterestYIntercept].f;
  p.choice = read_choice(v + kChoiceBegin);
  return p;
}

EnvDescription describe(const InterestEvolutionParams &p, const rlrec_value *v) {
  const int64_t t = p.num_topics;
  const int64_t n = p.slate.num_candidates;
  const int64_t k = p.slate.slate_size;
  EnvDescription d;
  d.obs_fields = {
      box_field("user", "the user's interest in each topic, u in [-1, 1] (fully observed, as in RecSim)", {t}, -1.0,
                1.0),
      box_field("candidates", "one-hot topic (cluster) of each candidate document", {n, t}, 0.0, 1.0),
      box_field("response",
                "per slot of the last slate: [click (0/1), cluster_id, quality, watch_time "
                "(minutes, 0 unless clicked)]; zeros after reset",
                {k, kIeResponseDim}, -kInf, kInf),
  };
  d.info_channels = {
      info_channel("clicked_slot", "slot clicked this step, -1 for none", -1.0, static_cast<double>(k - 1)),
      info_channel("engagement", "minutes watched this step (= the reward)", 0.0, std::max(0.0, p.video_length)),
      info_channel("clicked_quality", "quality of the clicked document, 0 without a click", -kInf, kInf),
      info_channel("clicked_cluster", "cluster of the clicked document, -1 without a click", -1.0,
                   static_cast<double>(t - 1)),
  };
  d.info_at_reset = {-1.0f, 0.0f, 0.0f, -1.0f};
  d.num_candidates = p.slate.num_candidates;
  d.slate_size = p.slate.slate_size;
  d.allow_duplicates = v[kAllowDuplicates].i != 0;
  d.max_episode_steps = 0;  // the budget ends every episode (at most time_budget / step_penalty steps)
  d.choice_kind = p.choice.is_cascade() ? RLREC_CHOICE_CASCADE : RLREC_CHOICE_CONDITIONAL;
  return d;
}

rlrec_status create(const rlrec_host *, const rlrec_value *params, uint32_t num_envs, rlrec_env *out, char *err,
                    size_t err_capacity) {
  return create_batched<InterestEvolution>(kId, params, num_envs, out, err, err_capacity, read_params, describe);
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_ENV,
    kId,
    "1.0.0",
    "RecSim interest evolution: users with evolving topic interests watch videos until their "
    "time budget runs out; reward = minutes watched.",
    kParamCount,
    0,
    kSchema.data()};

}  // namespace

const rlrec_plugin_factory kInterestEvolutionFactory = {
    sizeof(rlrec_plugin_factory), 0, &kDesc, create, nullptr, nullptr};

}  // namespace rlrec_recsim::plugin
