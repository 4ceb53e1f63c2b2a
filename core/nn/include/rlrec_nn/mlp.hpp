// rlrec_nn/mlp.hpp — a dense multilayer perceptron with hand-written backpropagation.
//
// Layout. Samples are COLUMNS: an input batch is [inputs x batch] (Eigen's default column-major),
// layer l computes a_l = act_l(W_l a_{l-1} + b_l) with W_l [out x in]. All weights and biases live
// in ONE flat parameter vector (per layer: W column-major, then b), and gradients use the same
// layout, so optimisers, gradient clipping, target-network copies and serialisation are plain
// vector operations.
//
// Initialisation is deterministic from an Rng: ReLU layers He-uniform, U(+-sqrt(6 / fan_in)),
// others Glorot-uniform, U(+-sqrt(6 / (fan_in + fan_out))); biases 0.
//
// Instantiated for float (what learners use) and double (what gradient checks use).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "rlrec_nn/activation.hpp"
#include "rlrec_nn/bytes.hpp"
#include "rlrec_nn/rng.hpp"

namespace rlrec::nn {

template <class Scalar>
class Mlp {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  // What forward() keeps for backward(): every layer's output (input included as layer 0).
  struct Cache {
    std::vector<Matrix> outputs;
  };

  Mlp() = default;
  // sizes = {inputs, hidden..., outputs} (at least two entries, all >= 1); `hidden` applies to
  // every layer but the last, `output` to the last. Parameters start at zero: call init().
  Mlp(std::vector<int> sizes, Activation hidden, Activation output);

  void init(Rng &rng);

  int inputs() const { return sizes_.front(); }
  int outputs() const { return sizes_.back(); }
  int layers() const { return static_cast<int>(sizes_.size()) - 1; }
  const std::vector<int> &sizes() const { return sizes_; }
  Activation hidden_activation() const { return hidden_; }
  Activation output_activation() const { return output_; }

  Vector &params() { return params_; }
  const Vector &params() const { return params_; }
  Eigen::Index num_params() const { return params_.size(); }

  // [outputs x batch] for x [inputs x batch]. The cached variant keeps what backward needs.
  Matrix forward(const Matrix &x) const;
  const Matrix &forward(const Matrix &x, Cache &cache) const;

  // Backpropagates d loss / d output [outputs x batch] through the pass recorded in `cache`:
  // ADDS d loss / d params to `grad` (sized num_params()), and writes d loss / d input to
  // `input_grad` when it is not null.
  void backward(const Cache &cache, const Matrix &output_grad, Vector &grad, Matrix *input_grad = nullptr) const;

  // Target networks: a hard copy, and Polyak averaging p <- (1 - tau) p + tau * source.
  void copy_from(const Mlp &source);
  void blend_from(const Mlp &source, Scalar tau);

  void save(ByteWriter &out) const;
  // Reads what save() wrote; throws FormatError when the stored architecture differs from this
  // one (the state belongs to another configuration).
  void load(ByteReader &in);

 private:
  Activation activation_of(int layer) const { return layer + 1 == layers() ? output_ : hidden_; }
  Eigen::Index weight_offset(int layer) const { return offsets_[static_cast<size_t>(layer)]; }
  Eigen::Index bias_offset(int layer) const;

  std::vector<int> sizes_;
  Activation hidden_ = Activation::kRelu;
  Activation output_ = Activation::kLinear;
  std::vector<Eigen::Index> offsets_;  // start of each layer's W in params_
  Vector params_;
};

extern template class Mlp<float>;
extern template class Mlp<double>;

}  // namespace rlrec::nn
