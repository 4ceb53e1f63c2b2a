// rlrec_nn/agent/q_network.hpp — an online Q-network, its target copy and its optimiser: the part
// of DQN (Mnih et al., 2015) that is the same whatever the network's inputs and outputs mean.
//
// regress() takes one gradient step on  (1/B) sum_b w_b * loss(Q_online(x_b)[o_b] - y_b)  where
// o_b picks the output that was acted on (SlateQ's item network has one output; DQN's has one
// per action), clips the gradient's norm, and — with tau > 0 — moves the target network by Polyak
// averaging; otherwise the owner calls sync() on its schedule (hard copies).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "rlrec_nn/agent/q_settings.hpp"
#include "rlrec_nn/mlp.hpp"
#include "rlrec_nn/optimizer.hpp"

namespace rlrec::nn::agent {

class QNetwork {
 public:
  QNetwork(int inputs, int outputs, const QSettings &settings, Rng &rng);

  const Mlp<float> &online() const { return online_; }
  const Mlp<float> &target() const { return target_; }

  struct Update {
    float loss = 0.0f;
    float grad_norm = 0.0f;       // before clipping
    Eigen::VectorXf prediction;   // Q_online(x_b)[o_b], before the step
  };
  // x: [inputs, B]; outputs: [B] output index per column; y: [B]; weights: Nullable [B].
  Update regress(const Eigen::MatrixXf &x, const std::vector<int> &outputs, const Eigen::VectorXf &y,
                 const Eigen::VectorXf *weights);

  void sync() { target_.copy_from(online_); }

  void save(ByteWriter &out) const;
  void load(ByteReader &in);

 private:
  Mlp<float> online_, target_;
  Optimizer optimizer_;
  Loss loss_;
  float huber_delta_;
  float grad_clip_;
  float tau_;
  Mlp<float>::Cache cache_;  // scratch
  Eigen::VectorXf grad_;     // scratch
};

}  // namespace rlrec::nn::agent
