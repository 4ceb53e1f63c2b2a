// rlrec_nn/loss.hpp — regression losses of value learning, with their gradients.
//
// For predictions p, targets y and optional per-sample weights w (importance weights of
// prioritised replay), over a batch of B:
//     loss = (1/B) * sum_i w_i * rho(p_i - y_i)
//     mse:    rho(e) = e^2 / 2
//     huber:  rho(e) = e^2 / 2 if |e| <= delta, else delta * (|e| - delta / 2)
// MSE is halved so both agree near zero: Huber is MSE with its gradient clipped at +-delta, which
// is why DQN uses it (a few huge TD errors cannot blow up an update).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>

namespace rlrec::nn {

enum class Loss : uint32_t { kMse = 0, kHuber = 1 };

// "mse" | "huber"; throws std::invalid_argument otherwise.
Loss loss_from_name(const std::string &name);

// Returns the loss and writes d loss / d p_i into `grad` (resized to B). weights: Nullable.
template <class Scalar>
Scalar regression_loss(Loss loss, Scalar delta, const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> &pred,
                       const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> &target,
                       const Eigen::Matrix<Scalar, Eigen::Dynamic, 1> *weights,
                       Eigen::Matrix<Scalar, Eigen::Dynamic, 1> &grad);

extern template float regression_loss<float>(Loss, float, const Eigen::VectorXf &, const Eigen::VectorXf &,
                                             const Eigen::VectorXf *, Eigen::VectorXf &);
extern template double regression_loss<double>(Loss, double, const Eigen::VectorXd &, const Eigen::VectorXd &,
                                               const Eigen::VectorXd *, Eigen::VectorXd &);

}  // namespace rlrec::nn
