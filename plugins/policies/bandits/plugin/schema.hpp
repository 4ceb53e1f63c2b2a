// schema.hpp — the parameter schemas of egreedy, linucb and lints (rlrec/params.h), and how the
// engine's validated values become a BanditConfig and an Explorer. The three schemas share one
// leading block (features, model, solver, ridge, credit) so a config moves between them by
// changing only the plugin id and the explorer's own parameters.
#pragma once

#include <rlrec/params.h>

#include <cstdint>
#include <memory>
#include <span>

#include "rlrec_bandit/explorer.hpp"
#include "rlrec_bandit/slate_bandit.hpp"

namespace rlrec_bandits {

// The shared block, in schema order.
enum CommonParam : uint32_t {
  kCandidateFeatures,
  kUserFeatures,
  kProductFeatures,
  kOuterFeatures,
  kBias,
  kModel,
  kSolver,
  kLambda,
  kCredit,
  kPositionDiscounts,
  kCommonParamCount
};

// Each policy's own parameters follow the shared block.
enum EgreedyParam : uint32_t {
  kEpsilon = kCommonParamCount,
  kEpsilonFinal,
  kEpsilonSchedule,
  kEpsilonDecaySteps,
  kEgreedyParamCount
};
enum LinUcbParam : uint32_t { kUcbAlpha = kCommonParamCount, kLinUcbParamCount };
enum LinTsParam : uint32_t { kTsAlpha = kCommonParamCount, kProbSamples, kLinTsParamCount };

std::span<const rlrec_param_def> egreedy_schema();
std::span<const rlrec_param_def> linucb_schema();
std::span<const rlrec_param_def> lints_schema();

// The shared block's values (params in schema order, as create receives them).
rlrec_bandit::BanditConfig read_config(const rlrec_value *params);

std::unique_ptr<rlrec_bandit::Explorer> make_egreedy_explorer(const rlrec_value *params);
std::unique_ptr<rlrec_bandit::Explorer> make_linucb_explorer(const rlrec_value *params);
std::unique_ptr<rlrec_bandit::Explorer> make_lints_explorer(const rlrec_value *params);

}  // namespace rlrec_bandits
