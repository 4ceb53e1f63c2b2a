#include "rlrec_nn/agent/q_network.hpp"

#include <stdexcept>

namespace rlrec::nn::agent {

QNetwork::QNetwork(int inputs, int outputs, const QSettings &settings, Rng &rng)
    : loss_(settings.loss), huber_delta_(settings.huber_delta), grad_clip_(settings.grad_clip), tau_(settings.tau) {
  std::vector<int> sizes{inputs};
  sizes.insert(sizes.end(), settings.hidden.begin(), settings.hidden.end());
  sizes.push_back(outputs);
  online_ = Mlp<float>(sizes, settings.activation, Activation::kLinear);
  online_.init(rng);
  target_ = online_;
  optimizer_ = Optimizer(settings.optimizer, online_.num_params());
}

QNetwork::Update QNetwork::regress(const Eigen::MatrixXf &x, const std::vector<int> &outputs,
                                   const Eigen::VectorXf &y, const Eigen::VectorXf *weights) {
  const Eigen::Index batch = x.cols();
  if (static_cast<Eigen::Index>(outputs.size()) != batch || y.size() != batch)
    throw std::invalid_argument("QNetwork::regress: inputs, outputs and targets differ in batch size");
  const Eigen::MatrixXf &q = online_.forward(x, cache_);
  Update update;
  update.prediction.resize(batch);
  for (Eigen::Index b = 0; b < batch; ++b) update.prediction[b] = q(outputs[static_cast<size_t>(b)], b);
  Eigen::VectorXf dprediction;
  update.loss = regression_loss<float>(loss_, huber_delta_, update.prediction, y, weights, dprediction);
  Eigen::MatrixXf dq = Eigen::MatrixXf::Zero(q.rows(), batch);
  for (Eigen::Index b = 0; b < batch; ++b) dq(outputs[static_cast<size_t>(b)], b) = dprediction[b];
  grad_.setZero(online_.num_params());
  online_.backward(cache_, dq, grad_);
  update.grad_norm = clip_by_global_norm(grad_, grad_clip_);
  optimizer_.step(online_.params(), grad_);
  if (tau_ > 0.0f) target_.blend_from(online_, tau_);
  return update;
}

void QNetwork::save(ByteWriter &out) const {
  online_.save(out);
  target_.save(out);
  optimizer_.save(out);
}

void QNetwork::load(ByteReader &in) {
  Mlp<float> online = online_, target = target_;
  Optimizer optimizer = optimizer_;
  online.load(in);
  target.load(in);
  optimizer.load(in);
  online_ = std::move(online);
  target_ = std::move(target);
  optimizer_ = std::move(optimizer);
}

}  // namespace rlrec::nn::agent
