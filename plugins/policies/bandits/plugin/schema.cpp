#include "schema.hpp"

#include <array>
#include <cmath>

namespace rlrec_bandits {
namespace {

constexpr double kInf = HUGE_VAL;

constexpr rlrec_param_def bool_param(const char *name, const char *default_yaml, const char *doc) {
  return {name, RLREC_PARAM_BOOL, 0, default_yaml, 0, 1, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def int_param(const char *name, const char *default_yaml, double min, double max,
                                    const char *doc) {
  return {name, RLREC_PARAM_INT, 0, default_yaml, min, max, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def float_param(const char *name, const char *default_yaml, double min, double max,
                                      const char *doc) {
  return {name, RLREC_PARAM_FLOAT, 0, default_yaml, min, max, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def choice_param(const char *name, const char *default_yaml, const char *choices,
                                       const char *doc) {
  return {name, RLREC_PARAM_CHOICE, 0, default_yaml, 0, 0, choices, doc, 0, 0};
}

// The order of each CHOICE's alternatives is the order of the enum it maps to.
constexpr const char *kSolverChoices = "sherman_morrison|cholesky";               // rlrec_bandit::Solver
constexpr const char *kCreditChoices = "clicked|all_shown|clicked_only|cascade";  // rlrec_bandit::Credit
constexpr const char *kScheduleChoices = "constant|linear|exponential";           // EpsilonSchedule::Kind
static_assert(static_cast<uint32_t>(rlrec_bandit::Solver::kCholesky) == 1);
static_assert(static_cast<uint32_t>(rlrec_bandit::Credit::kAllShown) == 1 &&
              static_cast<uint32_t>(rlrec_bandit::Credit::kClickedOnly) == 2 &&
              static_cast<uint32_t>(rlrec_bandit::Credit::kCascade) == 3);
static_assert(static_cast<uint32_t>(rlrec_bandit::EpsilonSchedule::Kind::kExponential) == 2);

// solver_default: Thompson sampling defaults to the Cholesky model, whose draws need no
// factorisation; the others to Sherman–Morrison.
constexpr std::array<rlrec_param_def, kCommonParamCount> common_block(const char *solver_default) {
  return {
      bool_param("candidate_features", "true", "Feature block: the candidate's own features d (obs 'candidates' row)."),
      bool_param("user_features", "false",
                 "Feature block: the user's features u (obs 'user'); shifts per-user levels, cannot rank alone."),
      bool_param("product_features", "false",
                 "Feature block: the elementwise product u * d (needs equal user and candidate dimensions)."),
      bool_param("outer_features", "false",
                 "Feature block: the outer product u d^T (du*dd interactions: rewards shaped like u^T W d)."),
      bool_param("bias", "true", "Feature block: a constant 1."),
      choice_param("model", "shared", "shared|per_candidate",
                   "One linear model over all candidates' features, or one per candidate index (disjoint)."),
      choice_param("solver", solver_default, kSolverChoices,
                   "How the ridge posterior is kept: A^-1 by Sherman-Morrison, or the Cholesky factor of A; "
                   "both O(d^2) per update."),
      float_param("lambda", "1.0", 1e-9, kInf, "Ridge regularisation: the prior precision A_0 = lambda I."),
      choice_param("credit", "clicked", kCreditChoices,
                   "Credit assignment: clicked item gets the reward and skipped ones 0 (clicked), every shown "
                   "item the reward (all_shown), only the clicked item (clicked_only), or clicked and the "
                   "skipped items above it (cascade)."),
      {"position_discounts", RLREC_PARAM_FLOAT_LIST, 0, "[]", 0, kInf, nullptr,
       "Weight of the update of a skipped (not clicked) item by slot; [] = all 1, a shorter list repeats "
       "its last value.",
       64, 0},
  };
}

// How many parameters a policy adds after the shared block.
constexpr std::size_t own_param_count(uint32_t schema_size) {
  return schema_size - kCommonParamCount;
}

template <std::size_t A, std::size_t B>
constexpr std::array<rlrec_param_def, A + B> concat(const std::array<rlrec_param_def, A> &a,
                                                    const std::array<rlrec_param_def, B> &b) {
  std::array<rlrec_param_def, A + B> out{};
  for (std::size_t i = 0; i < A; ++i) out[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) out[A + i] = b[i];
  return out;
}

constexpr auto kEgreedySchema =
    concat(common_block("sherman_morrison"),
           std::array<rlrec_param_def, own_param_count(kEgreedyParamCount)>{
               float_param("epsilon", "0.1", 0, 1, "Probability of a uniformly random slate (the schedule's start)."),
               float_param("epsilon_final", "0.01", 0, 1, "Where linear and exponential schedules end."),
               choice_param(
                   "epsilon_schedule", "constant", kScheduleChoices,
                   "epsilon over exploring decisions t: constant, linear to epsilon_final over "
                   "epsilon_decay_steps, or epsilon_final + (epsilon - epsilon_final) exp(-t / epsilon_decay_steps)."),
               int_param("epsilon_decay_steps", "10000", 1, 9.0e15, "Decisions over which epsilon decays."),
           });

constexpr auto kLinUcbSchema =
    concat(common_block("sherman_morrison"),
           std::array<rlrec_param_def, own_param_count(kLinUcbParamCount)>{
               float_param("alpha", "1.0", 0, kInf,
                           "UCB scale: score = x^T theta + alpha sqrt(x^T A^-1 x) while exploring (greedy: alpha 0)."),
           });

constexpr auto kLinTsSchema =
    concat(common_block("cholesky"),
           std::array<rlrec_param_def, own_param_count(kLinTsParamCount)>{
               float_param("alpha", "0.5", 0, kInf,
                           "Posterior scale, about the reward noise std (0.5: the most a 0/1 click's can be): "
                           "theta ~ N(theta_hat, alpha^2 A^-1) per decision."),
               int_param("prob_samples", "100", 1, 1e6,
                         "Extra posterior draws per decision for the Monte Carlo slate probability and propensities."),
           });

}  // namespace

std::span<const rlrec_param_def> egreedy_schema() {
  return kEgreedySchema;
}
std::span<const rlrec_param_def> linucb_schema() {
  return kLinUcbSchema;
}
std::span<const rlrec_param_def> lints_schema() {
  return kLinTsSchema;
}

rlrec_bandit::BanditConfig read_config(const rlrec_value *params) {
  rlrec_bandit::BanditConfig config;
  config.features.candidate = params[kCandidateFeatures].i != 0;
  config.features.user = params[kUserFeatures].i != 0;
  config.features.product = params[kProductFeatures].i != 0;
  config.features.outer = params[kOuterFeatures].i != 0;
  config.features.bias = params[kBias].i != 0;
  config.per_candidate = params[kModel].i == 1;
  config.solver = static_cast<rlrec_bandit::Solver>(params[kSolver].i);
  config.lambda = params[kLambda].f;
  config.credit = static_cast<rlrec_bandit::Credit>(params[kCredit].i);
  const rlrec_value &discounts = params[kPositionDiscounts];
  if (discounts.fl != nullptr) config.position_discounts.assign(discounts.fl, discounts.fl + discounts.count);
  return config;
}

std::unique_ptr<rlrec_bandit::Explorer> make_egreedy_explorer(const rlrec_value *params) {
  rlrec_bandit::EpsilonSchedule schedule;
  schedule.kind = static_cast<rlrec_bandit::EpsilonSchedule::Kind>(params[kEpsilonSchedule].i);
  schedule.start = params[kEpsilon].f;
  schedule.final = params[kEpsilonFinal].f;
  schedule.decay_steps = static_cast<uint64_t>(params[kEpsilonDecaySteps].i);
  return rlrec_bandit::make_egreedy(schedule);
}

std::unique_ptr<rlrec_bandit::Explorer> make_linucb_explorer(const rlrec_value *params) {
  return rlrec_bandit::make_linucb(params[kUcbAlpha].f);
}

std::unique_ptr<rlrec_bandit::Explorer> make_lints_explorer(const rlrec_value *params) {
  return rlrec_bandit::make_lints(params[kTsAlpha].f, static_cast<uint32_t>(params[kProbSamples].i));
}

}  // namespace rlrec_bandits
