// plugin/interest_exploration_plugin.cpp — plugin "recsim.interest_exploration": its parameter
// schema, how the values become model parameters, and the spec the host sees. The model is
// rlrec_recsim/interest_exploration.hpp; docs/recsim.md is the user's page.
#include <rlrec/plugin.h>

#include <array>

#include "create_env.hpp"
#include "factories.hpp"
#include "fields.hpp"
#include "rlrec_recsim/interest_exploration.hpp"
#include "schema.hpp"

namespace rlrec_recsim::plugin {
namespace {

constexpr const char *kId = "recsim.interest_exploration";
constexpr uint32_t kMaxListItems = 1024;

enum Param : uint32_t {
  kTopicDistribution = kSlateParamCount,
  kTopicQualityMean,
  kTopicQualityStddev,
  kUserTypeDistribution,
  kUserAffinityMean,
  kUserAffinityStddev,
  kChoiceBegin,
  kMaxEpisodeSteps = kChoiceBegin + kChoiceParamCount,
  kParamCount
};

constexpr std::array<rlrec_param_def, kChoiceBegin - kSlateParamCount> kOwnParams = {
    float_list_param("topic_distribution", "[0.2, 0.8]", 0, kInf, kMaxListItems,
                     "Probability of each document topic (its length M is the number of topics; "
                     "normalised like NumPy's p)."),
    float_list_param("topic_quality_mean", "[0.8, 0.2]", -kInf, kInf, kMaxListItems,
                     "[M] log-scale mean of a topic's document quality (quality is lognormal)."),
    float_list_param("topic_quality_stddev", "[0.1, 0.1]", 0, kInf, kMaxListItems,
                     "[M] log-scale std of a topic's document quality."),
    float_list_param("user_type_distribution", "[0.3, 0.7]", 0, kInf, kMaxListItems,
                     "Probability of each user type (its length Y is the number of types)."),
    float_list_param("user_affinity_mean", "[0.1, 0.7, 0.7, 0.1]", -kInf, kInf, kMaxListItems,
                     "[Y x M] row-major log-scale mean of a user type's affinity to each topic "
                     "(affinity is lognormal)."),
    float_list_param("user_affinity_stddev", "[0.1, 0.1, 0.1, 0.1]", 0, kInf, kMaxListItems,
                     "[Y x M] row-major log-scale std of a user type's affinity to each topic."),
};

constexpr std::array<rlrec_param_def, 1> kLimitParams = {
    int_param("max_episode_steps", "100", 0, 4.0e9,
              "Episode length: the env truncates after this many steps (RecSim never ends an "
              "episode; its README runs 100). 0 = never: the run must cut episodes."),
};

constexpr auto kSchema =
    concat(kSlateParams, kOwnParams, choice_params("multinomial_logit", "5.0", "0.0", "1.0", "0.05"), kLimitParams);
static_assert(kSchema.size() == kParamCount);

InterestExplorationParams read_params(const rlrec_value *v) {
  InterestExplorationParams p;
  p.slate = read_slate(v);
  p.topic_distribution = read_float_list(v[kTopicDistribution]);
  p.topic_quality_mean = read_float_list(v[kTopicQualityMean]);
  p.topic_quality_stddev = read_float_list(v[kTopicQualityStddev]);
  p.user_type_distribution = read_float_list(v[kUserTypeDistribution]);
  p.user_affinity_mean = read_float_list(v[kUserAffinityMean]);
  p.user_affinity_stddev = read_float_list(v[kUserAffinityStddev]);
  p.choice = read_choice(v + kChoiceBegin);
  return p;
}

EnvDescription describe(const InterestExplorationParams &p, const rlrec_value *v) {
  const auto m = static_cast<int64_t>(p.topic_distribution.size());
  const int64_t n = p.slate.num_candidates;
  const int64_t k = p.slate.slate_size;
  EnvDescription d;
  // RecSim's user observation is empty (the affinities are latent): no "user" field.
  d.obs_fields = {
      box_field("candidates",
                "per candidate document: one-hot topic [M], then quality (gym's flattening of "
                "RecSim's {cluster_id, quality})",
                {n, m + 1}, 0.0, kInf),
      box_field("response", "per slot of the last slate: [click (0/1), cluster_id, quality]; zeros after reset",
                {k, kIxResponseDim}, 0.0, kInf),
  };
  d.info_channels = {
      info_channel("clicked_slot", "slot clicked this step, -1 for none", -1.0, static_cast<double>(k - 1)),
      info_channel("engagement", "clicks this step, 0 or 1 (= the reward)", 0.0, 1.0),
      info_channel("clicked_quality", "quality of the clicked document, 0 without a click", 0.0, kInf),
      info_channel("clicked_cluster", "topic of the clicked document, -1 without a click", -1.0,
                   static_cast<double>(m - 1)),
  };
  d.info_at_reset = {-1.0f, 0.0f, 0.0f, -1.0f};
  d.num_candidates = p.slate.num_candidates;
  d.slate_size = p.slate.slate_size;
  d.allow_duplicates = v[kAllowDuplicates].i != 0;
  d.max_episode_steps = static_cast<uint32_t>(v[kMaxEpisodeSteps].i);
  d.choice_kind = p.choice.is_cascade() ? RLREC_CHOICE_CASCADE : RLREC_CHOICE_CONDITIONAL;
  return d;
}

rlrec_status create(const rlrec_host *, const rlrec_value *params, uint32_t num_envs, rlrec_env *out, char *err,
                    size_t err_capacity) {
  return create_batched<InterestExploration>(kId, params, num_envs, out, err, err_capacity, read_params, describe);
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_ENV,
    kId,
    "1.0.0",
    "RecSim interest exploration: users of hidden types click by a logit on topic affinity + "
    "quality; myopic ranking neglects niche topics; reward = clicks.",
    kParamCount,
    0,
    kSchema.data()};

}  // namespace

const rlrec_plugin_factory kInterestExplorationFactory = {
    sizeof(rlrec_plugin_factory), 0, &kDesc, create, nullptr, nullptr};

}  // namespace rlrec_recsim::plugin
