#include "rlrec_nn/agent/q_settings.hpp"

namespace rlrec::nn::agent {

QSettings read_q_settings(const rlrec_value *v) {
  QSettings s;
  s.hidden = int_list(v[kQHidden]);
  s.activation = activation_from_name(v[kQActivation].s);
  s.optimizer.kind = optimizer_from_name(v[kQOptimizer].s);
  s.optimizer.lr = static_cast<float>(v[kQLr].f);
  if (s.optimizer.kind == OptimizerKind::kRmsProp) s.optimizer.eps = 1e-5f;
  s.grad_clip = static_cast<float>(v[kQGradClip].f);
  s.loss = loss_from_name(v[kQLoss].s);
  s.huber_delta = static_cast<float>(v[kQHuberDelta].f);
  s.gamma = v[kQGamma].f;
  s.n_step = static_cast<uint32_t>(v[kQNStep].i);
  s.reward_scale = v[kQRewardScale].f;
  s.target = v[kQTarget].i == 1 ? TargetKind::kSarsa : TargetKind::kQLearning;
  s.double_q = v[kQDoubleQ].i != 0;
  s.batch_size = static_cast<uint32_t>(v[kQBatchSize].i);
  s.learning_starts = static_cast<uint64_t>(v[kQLearningStarts].i);
  s.train_every = static_cast<uint64_t>(v[kQTrainEvery].i);
  s.gradient_steps = static_cast<uint32_t>(v[kQGradientSteps].i);
  s.target_update_every = static_cast<uint64_t>(v[kQTargetUpdateEvery].i);
  s.tau = static_cast<float>(v[kQTau].f);
  s.epsilon = LinearSchedule{v[kQEpsilonStart].f, v[kQEpsilonEnd].f, static_cast<uint64_t>(v[kQEpsilonDecaySteps].i)};
  s.epsilon_eval = v[kQEpsilonEval].f;
  s.replay.capacity = static_cast<size_t>(v[kQReplayCapacity].i);
  s.replay.prioritized = v[kQPrioritized].i != 0;
  s.replay.alpha = v[kQPriorityAlpha].f;
  s.priority_beta = v[kQPriorityBeta].f;
  s.save_replay = v[kQSaveReplay].i != 0;
  s.standardize = v[kQStandardize].i != 0;
  s.history.decays = float_list(v[kQHistoryDecays]);
  s.history.step_feature = v[kQStepFeature].i != 0;
  s.history.click_column = static_cast<int>(v[kQClickColumn].i);
  return s;
}

}  // namespace rlrec::nn::agent
