// item_q.hpp — SlateQ's item-wise value Q(s, i), as a dueling pair (Wang et al., 2016) whose
// baseline is the no-click outcome:
//
//     Q(s, none) = V(s)                 a network over the user features only
//     Q(s, i)    = V(s) + A(s, i)       A a network over (user, item) features
//
// Slate choice depends only on A(s, i) = Q(s, i) - Q(s, none) (slate_optimizer.hpp shifts by
// the no-click value), and on RecSim interest evolution a bias of a few minutes in it costs tens
// of minutes of return. In one network over (user, item, null flag) A is the small difference of
// two large, separately noisy outputs; here it has its own parameters, V's errors cancel out of
// it, and skips train V while clicks train both. With dueling false, Q is one network over the
// item inputs (item_inputs.hpp), null flag included.
//
// Inputs are item_inputs.hpp's columns [user | item | null flag]. Targets, optimisers, gradient
// clipping (over both networks' gradients together) and target copies follow QSettings.
//
// With act_average > 0 the policy acts with an exponential moving average of the online weights,
// avg <- (1 - b) avg + b online after every gradient step (Polyak-Ruppert averaging of the
// iterates): the slate choice hinges on small differences of item values, and the average moves
// them far less from one update to the next than SGD's last iterate does.
#pragma once

#include <Eigen/Core>

#include "rlrec_nn/agent/q_settings.hpp"
#include "rlrec_nn/mlp.hpp"
#include "rlrec_nn/optimizer.hpp"

namespace rlrec_slateq {

class ItemQ {
 public:
  ItemQ(int user_dim, int item_dim, bool dueling, float act_average, const rlrec::nn::agent::QSettings &settings,
        rlrec::nn::Rng &rng);

  // kActing: the averaged weights when act_average > 0, else the online ones.
  enum class Net { kOnline, kTarget, kActing };
  // Q of every column of x ([user + item + 1, columns]): [1, columns].
  Eigen::MatrixXf values(Net net, const Eigen::MatrixXf &x) const;

  struct Update {
    float loss = 0.0f;
    float grad_norm = 0.0f;
    Eigen::VectorXf prediction;  // Q_online of each column, before the step
  };
  // One gradient step of loss(Q_online(x_b) - y_b), weights Nullable.
  Update regress(const Eigen::MatrixXf &x, const Eigen::VectorXf &y, const Eigen::VectorXf *weights);

  void sync();

  void save(rlrec::nn::ByteWriter &out) const;
  void load(rlrec::nn::ByteReader &in);

 private:
  // One network with its target copy and optimiser.
  struct Part {
    rlrec::nn::Mlp<float> online, target, averaged;
    rlrec::nn::Optimizer optimizer;
    rlrec::nn::Mlp<float>::Cache cache;
    Eigen::VectorXf grad;
  };
  Part make_part(int inputs, const rlrec::nn::agent::QSettings &settings, rlrec::nn::Rng &rng) const;

  int user_dim_, item_dim_;
  bool dueling_;
  rlrec::nn::Loss loss_;
  float huber_delta_, grad_clip_, tau_, act_average_;
  Part value_;      // V (dueling) or the whole Q
  Part advantage_;  // A (dueling only)
};

}  // namespace rlrec_slateq
