#include "rlrec_nn/optimizer.hpp"

#include <cmath>
#include <stdexcept>

namespace rlrec::nn {

OptimizerKind optimizer_from_name(const std::string &name) {
  if (name == "adam") return OptimizerKind::kAdam;
  if (name == "rmsprop") return OptimizerKind::kRmsProp;
  throw std::invalid_argument("unknown optimizer '" + name + "' (adam, rmsprop)");
}

Optimizer::Optimizer(const OptimizerSettings &settings, Eigen::Index num_params)
    : settings_(settings),
      first_(Eigen::VectorXf::Zero(num_params)),
      second_(Eigen::VectorXf::Zero(num_params)),
      moment_(Eigen::VectorXf::Zero(settings.kind == OptimizerKind::kRmsProp ? num_params : 0)) {}

void Optimizer::step(Eigen::VectorXf &params, const Eigen::VectorXf &grad) {
  if (params.size() != first_.size() || grad.size() != first_.size())
    throw std::invalid_argument("optimizer: parameter or gradient size differs from the optimiser's");
  ++steps_;
  const OptimizerSettings &s = settings_;
  if (s.kind == OptimizerKind::kAdam) {
    first_ = s.beta1 * first_ + (1.0f - s.beta1) * grad;
    second_ = s.beta2 * second_ + (1.0f - s.beta2) * grad.cwiseProduct(grad);
    const double t = static_cast<double>(steps_);
    const auto correction1 = static_cast<float>(1.0 - std::pow(static_cast<double>(s.beta1), t));
    const auto correction2 = static_cast<float>(1.0 - std::pow(static_cast<double>(s.beta2), t));
    params.array() -= s.lr * (first_.array() / correction1) / ((second_.array() / correction2).sqrt() + s.eps);
    return;
  }
  second_ = s.decay * second_ + (1.0f - s.decay) * grad.cwiseProduct(grad);
  Eigen::ArrayXf denominator;
  if (s.centered) {
    first_ = s.decay * first_ + (1.0f - s.decay) * grad;
    denominator = (second_.array() - first_.array().square() + s.eps).sqrt();
  } else {
    denominator = (second_.array() + s.eps).sqrt();
  }
  moment_ = (s.momentum * moment_.array() + s.lr * grad.array() / denominator).matrix();
  params -= moment_;
}

void Optimizer::save(ByteWriter &out) const {
  out.tag("rlrecOPT");
  out.u32(static_cast<uint32_t>(settings_.kind));
  out.u64(steps_);
  out.f32s(first_.data(), static_cast<size_t>(first_.size()));
  out.f32s(second_.data(), static_cast<size_t>(second_.size()));
  out.f32s(moment_.data(), static_cast<size_t>(moment_.size()));
}

void Optimizer::load(ByteReader &in) {
  in.expect_tag("rlrecOPT", "an optimiser state");
  if (in.u32() != static_cast<uint32_t>(settings_.kind)) throw FormatError("the saved optimiser is of another kind");
  const uint64_t steps = in.u64();
  const std::vector<float> first = in.f32s(static_cast<size_t>(first_.size()));
  const std::vector<float> second = in.f32s(static_cast<size_t>(second_.size()));
  const std::vector<float> moment = in.f32s(static_cast<size_t>(moment_.size()));
  steps_ = steps;
  first_ = Eigen::Map<const Eigen::VectorXf>(first.data(), first_.size());
  second_ = Eigen::Map<const Eigen::VectorXf>(second.data(), second_.size());
  moment_ = Eigen::Map<const Eigen::VectorXf>(moment.data(), moment_.size());
}

float clip_by_global_norm(Eigen::VectorXf &grad, float max_norm) {
  const float norm = grad.norm();
  if (max_norm > 0.0f && norm > max_norm) grad *= max_norm / norm;
  return norm;
}

}  // namespace rlrec::nn
