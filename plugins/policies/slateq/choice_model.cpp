#include "choice_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rlrec_slateq {
namespace {

// exp of a logit difference, clamped so a score never overflows or becomes exactly 0.
float score_of(float logit_difference) { return std::exp(std::clamp(logit_difference, -30.0f, 30.0f)); }

}  // namespace

LogitChoiceModel::LogitChoiceModel(int inputs, const std::vector<int> &hidden, float lr, rlrec::nn::Rng &rng) {
  std::vector<int> sizes{inputs};
  sizes.insert(sizes.end(), hidden.begin(), hidden.end());
  sizes.push_back(1);
  net_ = rlrec::nn::Mlp<float>(sizes, rlrec::nn::Activation::kRelu, rlrec::nn::Activation::kLinear);
  net_.init(rng);
  rlrec::nn::OptimizerSettings settings;
  settings.lr = lr;
  optimizer_ = rlrec::nn::Optimizer(settings, net_.num_params());
}

void LogitChoiceModel::scores(const Eigen::MatrixXf &x, uint32_t n, float *v) const {
  const Eigen::MatrixXf logits = net_.forward(x);
  const Eigen::Index states = x.cols() / (n + 1);
  for (Eigen::Index s = 0; s < states; ++s) {
    const Eigen::Index base = s * (n + 1);
    for (uint32_t i = 0; i < n; ++i) v[s * n + i] = score_of(logits(0, base + i) - logits(0, base + n));
  }
}

float LogitChoiceModel::fit(const Eigen::MatrixXf &x, uint32_t k, const std::vector<int> &chosen) {
  const Eigen::Index group = k + 1;
  const auto batch = static_cast<Eigen::Index>(chosen.size());
  if (x.cols() != batch * group) throw std::invalid_argument("LogitChoiceModel::fit: x must hold B (k + 1) columns");
  const Eigen::MatrixXf &logits = net_.forward(x, cache_);
  Eigen::MatrixXf dlogits(1, x.cols());
  double nll = 0.0;
  for (Eigen::Index b = 0; b < batch; ++b) {
    const Eigen::Index base = b * group;
    const float top = logits.block(0, base, 1, group).maxCoeff();
    double total = 0.0;
    for (Eigen::Index j = 0; j < group; ++j) total += std::exp(static_cast<double>(logits(0, base + j) - top));
    const auto target = static_cast<Eigen::Index>(chosen[static_cast<size_t>(b)]);
    nll -= static_cast<double>(logits(0, base + target) - top) - std::log(total);
    // d(-log softmax_target) / d logit_j = p_j - [j = target], averaged over the batch.
    for (Eigen::Index j = 0; j < group; ++j) {
      const double p = std::exp(static_cast<double>(logits(0, base + j) - top)) / total;
      dlogits(0, base + j) = static_cast<float>((p - (j == target ? 1.0 : 0.0)) / static_cast<double>(batch));
    }
  }
  grad_.setZero(net_.num_params());
  net_.backward(cache_, dlogits, grad_);
  optimizer_.step(net_.params(), grad_);
  return static_cast<float>(nll / static_cast<double>(batch));
}

void LogitChoiceModel::save(rlrec::nn::ByteWriter &out) const {
  net_.save(out);
  optimizer_.save(out);
}

void LogitChoiceModel::load(rlrec::nn::ByteReader &in) {
  rlrec::nn::Mlp<float> net = net_;
  rlrec::nn::Optimizer optimizer = optimizer_;
  net.load(in);
  optimizer.load(in);
  net_ = std::move(net);
  optimizer_ = std::move(optimizer);
}

}  // namespace rlrec_slateq
