// rlrec_nn/optimizer.hpp — first-order optimisers over a flat parameter vector (rlrec_nn/mlp.hpp),
// and gradient clipping.
//
//   adam     (Kingma & Ba):  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
//                            p -= lr * m_hat / (sqrt(v_hat) + eps), with bias-corrected m_hat, v_hat
//   rmsprop  (TensorFlow 1's, which Dopamine and RecSim's DQN agents use): ms = d ms + (1-d) g^2;
//            centered: mg = d mg + (1-d) g, denominator sqrt(ms - mg^2 + eps), else sqrt(ms + eps);
//            mom = momentum * mom + lr * g / denominator;  p -= mom
//
// Their whole state (moments, step count) is saved, so a resumed learner takes the same steps.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "rlrec_nn/bytes.hpp"

namespace rlrec::nn {

enum class OptimizerKind : uint32_t { kAdam = 0, kRmsProp = 1 };

// "adam" | "rmsprop"; throws std::invalid_argument otherwise.
OptimizerKind optimizer_from_name(const std::string &name);

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::kAdam;
  float lr = 1e-3f;
  float beta1 = 0.9f;       // adam
  float beta2 = 0.999f;     // adam
  float eps = 1e-8f;        // adam: added to sqrt(v); rmsprop: inside the square root
  float decay = 0.95f;      // rmsprop
  float momentum = 0.0f;    // rmsprop
  bool centered = true;     // rmsprop
};

class Optimizer {
 public:
  Optimizer() = default;
  Optimizer(const OptimizerSettings &settings, Eigen::Index num_params);

  // One update of params (sized num_params) along -grad.
  void step(Eigen::VectorXf &params, const Eigen::VectorXf &grad);

  uint64_t steps() const { return steps_; }
  const OptimizerSettings &settings() const { return settings_; }

  void save(ByteWriter &out) const;
  void load(ByteReader &in);  // FormatError if the state was saved for another size or kind

 private:
  OptimizerSettings settings_;
  uint64_t steps_ = 0;
  Eigen::VectorXf first_;   // adam m; rmsprop mean gradient (centered)
  Eigen::VectorXf second_;  // adam v; rmsprop mean square
  Eigen::VectorXf moment_;  // rmsprop momentum buffer
};

// Scales grad so its L2 norm is at most max_norm (max_norm <= 0: leaves it). Returns the norm
// before clipping (a useful learner metric).
float clip_by_global_norm(Eigen::VectorXf &grad, float max_norm);

}  // namespace rlrec::nn
