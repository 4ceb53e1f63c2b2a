// slateq_settings.hpp — the parameter schema of plugin "slateq": the value-learning block shared
// with dqn (rlrec_nn/agent/q_settings.hpp) followed by SlateQ's own entries.
#pragma once

#include <rlrec/params.h>

#include <array>
#include <vector>

#include "rlrec_nn/agent/q_settings.hpp"
#include "slate_optimizer.hpp"

namespace rlrec_slateq {

namespace agent = rlrec::nn::agent;

enum class ChoiceSource : uint32_t { kAuto = 0, kEnv = 1, kLearned = 2 };

struct SlateqSettings {
  agent::QSettings q;
  SlateOptimizer optimizer = SlateOptimizer::kLp;
  ChoiceSource choice = ChoiceSource::kAuto;
  std::vector<int> choice_hidden;
  float choice_lr = 1e-3f;
  bool null_item = true;
  bool dueling = true;
  float act_average = 0.0f;
  bool expected_reward = false;
};

enum SlateqParam : uint32_t {
  kSlateOptimizer = agent::kQParamCount,
  kChoiceModel,
  kChoiceHidden,
  kChoiceLr,
  kNullItem,
  kDueling,
  kActAverage,
  kExpectedReward,
  kSlateqParamCount
};

inline constexpr std::array<rlrec_param_def, kSlateqParamCount - uint32_t{agent::kQParamCount}> kSlateqOwnParams = {
    agent::choice_param("slate_optimizer", "lp", kSlateOptimizerChoices,
                        "How a slate is chosen from item values and choice scores: exhaustive enumeration, top-k "
                        "by score x value, greedy, the paper's exact LP, or Dinkelbach's exact iteration."),
    agent::choice_param("choice_model", "auto", "auto|env|learned",
                        "The user's choice scores: the env's extension rlrec.env.choice_model/1 (env), a "
                        "conditional logit with a no-click score learned from observed clicks (learned), or env "
                        "when the env has it (auto). The learned model is trained on every conditional-choice env, "
                        "so the policy also acts without an env (serving)."),
    agent::int_list_param("choice_hidden", "[32]", 1, 4096, 8, "Hidden layer widths of the learned choice model."),
    agent::float_param("choice_lr", "0.001", 0, 10, "Learning rate (Adam) of the learned choice model."),
    agent::bool_param("null_item", "true",
                      "Learn the value of the no-click outcome Q(s, none) from steps without a click and include it "
                      "in slate values. false: RecSim's SlateQ (a skip is worth 0, only clicked steps train), which "
                      "reduces to maximising the click probability."),
    agent::bool_param("dueling", "true",
                      "Q(s, i) = V(s) + A(s, i) with Q(s, none) = V(s): separate networks for the no-click value "
                      "and each item's advantage over it, which is all the slate choice depends on. false: one "
                      "network over (user, item, null flag)."),
    agent::float_param("act_average", "0.0", 0, 1,
                       "Act with an exponential moving average of the value network's weights, moved this far "
                       "toward the online weights after each gradient step (0: act with the online weights)."),
    agent::bool_param("expected_reward", "false",
                      "Learn from the env's expected reward of the consumed item (reward_if_chosen of the choice-model "
                      "extension, 0 without a click) instead of the sampled reward: the same expectation without "
                      "the response noise. Only where the env's choice model is used."),
};

// constexpr: the plugin description points at it from static storage.
inline constexpr std::array<rlrec_param_def, kSlateqParamCount> kSlateqParams =
    agent::concat(agent::kQParams, kSlateqOwnParams);

SlateqSettings read_slateq_settings(const rlrec_value *values);

}  // namespace rlrec_slateq
