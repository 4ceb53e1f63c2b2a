// rlrec_nn/agent/q_settings.hpp — the parameters every value-learning policy shares (network,
// optimiser, targets, replay, exploration, cadence, features), as one schema block and the
// struct it is read into. A plugin's schema is this block followed by its own entries.
//
// Cadence is counted in ENV STEPS (transitions: one per sub-env per step), like
// run.total_env_steps, so a config means the same for any num_envs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rlrec_nn/activation.hpp"
#include "rlrec_nn/agent/history.hpp"
#include "rlrec_nn/agent/params.hpp"
#include "rlrec_nn/loss.hpp"
#include "rlrec_nn/optimizer.hpp"
#include "rlrec_nn/replay.hpp"
#include "rlrec_nn/schedule.hpp"

namespace rlrec::nn::agent {

enum class TargetKind : uint32_t { kQLearning = 0, kSarsa = 1 };

struct QSettings {
  std::vector<int> hidden;
  Activation activation = Activation::kRelu;
  OptimizerSettings optimizer;
  float grad_clip = 10.0f;
  Loss loss = Loss::kHuber;
  float huber_delta = 1.0f;
  double gamma = 0.99;
  uint32_t n_step = 1;
  double reward_scale = 1.0;
  TargetKind target = TargetKind::kQLearning;
  bool double_q = false;
  uint32_t batch_size = 32;
  uint64_t learning_starts = 1000;
  uint64_t train_every = 4;
  uint32_t gradient_steps = 1;
  uint64_t target_update_every = 1000;
  float tau = 0.0f;
  LinearSchedule epsilon;
  double epsilon_eval = 0.0;
  ReplaySettings replay;  // capacity, prioritized, alpha (widths are the policy's)
  double priority_beta = 0.4;
  bool save_replay = true;
  bool standardize = true;
  HistorySettings history;
};

enum QParam : uint32_t {
  kQHidden,
  kQActivation,
  kQOptimizer,
  kQLr,
  kQGradClip,
  kQLoss,
  kQHuberDelta,
  kQGamma,
  kQNStep,
  kQRewardScale,
  kQTarget,
  kQDoubleQ,
  kQBatchSize,
  kQLearningStarts,
  kQTrainEvery,
  kQGradientSteps,
  kQTargetUpdateEvery,
  kQTau,
  kQEpsilonStart,
  kQEpsilonEnd,
  kQEpsilonDecaySteps,
  kQEpsilonEval,
  kQReplayCapacity,
  kQPrioritized,
  kQPriorityAlpha,
  kQPriorityBeta,
  kQSaveReplay,
  kQStandardize,
  kQHistoryDecays,
  kQStepFeature,
  kQClickColumn,
  kQParamCount
};

// constexpr (not defined in a .cpp) so plugins can concat() it into their own constexpr schema
// without depending on static-initialisation order.
inline constexpr std::array<rlrec_param_def, kQParamCount> kQParams = {
    int_list_param("hidden", "[64, 32]", 1, 4096, 8, "Hidden layer widths of the Q-network."),
    choice_param("activation", "relu", "relu|tanh", "Nonlinearity of the hidden layers."),
    choice_param("optimizer", "adam", "adam|rmsprop",
                 "adam, or rmsprop as TensorFlow 1 / Dopamine / RecSim define it (decay 0.95, centered, eps 1e-5 "
                 "inside the square root)."),
    float_param("lr", "0.001", 0, 10, "Learning rate."),
    float_param("grad_clip", "10.0", 0, kInf, "Largest L2 norm of a gradient (0: no clipping)."),
    choice_param("loss", "huber", "huber|mse", "TD loss: Huber (MSE with the gradient clipped at huber_delta) or MSE."),
    float_param("huber_delta", "1.0", 1e-9, kInf, "Where the Huber loss turns from quadratic to linear."),
    float_param("gamma", "0.99", 0, 1, "Discount per step (1: undiscounted; fine when every episode terminates)."),
    int_param("n_step", "1", 1, 100000,
              "Steps of observed rewards before bootstrapping (n-step returns; large n approaches Monte Carlo)."),
    float_param("reward_scale", "1.0", 1e-12, kInf,
                "Rewards are multiplied by this inside the learner, so Q-values stay near unit scale."),
    choice_param("target", "qlearning", "qlearning|sarsa",
                 "Bootstrap with the best next action under the target network (Q-learning) or with the next action "
                 "actually taken (SARSA)."),
    bool_param("double_q", "false",
               "Q-learning only: pick the next action with the online network, value it with the target network."),
    int_param("batch_size", "32", 1, 1e6, "Transitions per gradient step."),
    int_param("learning_starts", "1000", 0, 1e15, "Env steps collected before the first gradient step."),
    int_param("train_every", "4", 1, 1e15, "Env steps between training rounds."),
    int_param("gradient_steps", "1", 1, 1e6, "Gradient steps per training round."),
    int_param("target_update_every", "1000", 1, 1e15,
              "Env steps between hard copies of the online network into the target network (ignored when tau > 0)."),
    float_param("tau", "0.0", 0, 1, "Polyak averaging of the target network after each gradient step (0: hard copies)."),
    float_param("epsilon_start", "1.0", 0, 1, "Exploration: probability of a uniformly random slate at step 0."),
    float_param("epsilon_end", "0.01", 0, 1, "Exploration probability after the decay."),
    int_param("epsilon_decay_steps", "10000", 0, 1e15, "Env steps of the linear decay from epsilon_start to epsilon_end."),
    float_param("epsilon_eval", "0.0", 0, 1, "Exploration probability in GREEDY mode (evaluation and serving)."),
    int_param("replay_capacity", "100000", 1, 1e9, "Transitions the replay buffer keeps (the oldest are overwritten)."),
    bool_param("prioritized", "false", "Prioritised replay (proportional, Schaul et al. 2016) instead of uniform."),
    float_param("priority_alpha", "0.6", 0, kInf, "Prioritised replay: priority = (|TD error| + 0.001)^alpha."),
    float_param("priority_beta", "0.4", 0, 1, "Prioritised replay: importance-weight exponent."),
    bool_param("save_replay", "true",
               "Checkpoints include the replay buffer, so a resumed run continues exactly (false: smaller "
               "checkpoints; training resumes with an empty buffer)."),
    bool_param("standardize", "true",
               "Standardise every input feature by mean and std fitted once on the replay at learning_starts."),
    float_list_param("history_decays", "[]", 0, 1, 8,
                     "Episode-history features: per decay g, sum over past steps of g^age times the consumed item's "
                     "[clicked, response row, item features] (1: episode totals). Needs an obs field 'response'."),
    bool_param("step_feature", "true", "Add the step index within the episode to the user features."),
    int_param("click_column", "0", 0, 1e6, "The column of the 'response' field that is 1 for the clicked slot."),
};

// Reads the block that starts at values[0] (validated by the engine against kQParams).
QSettings read_q_settings(const rlrec_value *values);

}  // namespace rlrec::nn::agent
