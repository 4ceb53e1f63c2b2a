#include "rlrec_nn/loss.hpp"

#include <cmath>
#include <stdexcept>

namespace rlrec::nn {

Loss loss_from_name(const std::string &name) {
  if (name == "mse") return Loss::kMse;
  if (name == "huber") return Loss::kHuber;
  throw std::invalid_argument("unknown loss '" + name + "' (mse, huber)");
}

template <class Scalar>
Scalar regression_loss(Loss loss, Scalar delta, const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> &pred,
                       const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> &target,
                       const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> *weights,
                       Eigen::Matrix<Scalar, Eigen::Dynamic, 1> &grad) {
  const Eigen::Index n = pred.size();
  if (target.size() != n || (weights != nullptr && weights->size() != n))
    throw std::invalid_argument("regression_loss: predictions, targets and weights differ in length");
  grad.resize(n);
  if (n == 0) return Scalar(0);
  Scalar total = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Scalar e = pred[i] - target[i];
    const Scalar w = weights != nullptr ? (*weights)[i] : Scalar(1);
    Scalar value;
    Scalar slope;
    if (loss == Loss::kMse || std::abs(e) <= delta) {
      value = Scalar(0.5) * e * e;
      slope = e;
    } else {
      value = delta * (std::abs(e) - Scalar(0.5) * delta);
      slope = e > 0 ? delta : -delta;
    }
    total += w * value;
    grad[i] = w * slope / static_cast<Scalar>(n);
  }
  return total / static_cast<Scalar>(n);
}

template float regression_loss<float>(Loss, float, const Eigen::VectorXf &, const Eigen::VectorXf &,
                                      const Eigen::VectorXf *, Eigen::VectorXf &);
template double regression_loss<double>(Loss, double, const Eigen::VectorXd &, const Eigen::VectorXd &,
                                        const Eigen::VectorXd *, Eigen::VectorXd &);

}  // namespace rlrec::nn
