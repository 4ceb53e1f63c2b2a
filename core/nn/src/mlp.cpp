#include "rlrec_nn/mlp.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace rlrec::nn {
namespace {

template <class Matrix>
void activate(Activation activation, Matrix &z) {
  switch (activation) {
    case Activation::kLinear: break;
    case Activation::kRelu: z = z.cwiseMax(typename Matrix::Scalar(0)); break;
    case Activation::kTanh: z = z.array().tanh().matrix(); break;
  }
}

// d output / d pre-activation, from the output a itself, multiplied into grad in place.
template <class Matrix>
void multiply_by_derivative(Activation activation, const Matrix &a, Matrix &grad) {
  using Scalar = typename Matrix::Scalar;
  switch (activation) {
    case Activation::kLinear: break;
    case Activation::kRelu: grad = (a.array() > Scalar(0)).select(grad, Scalar(0)); break;
    case Activation::kTanh: grad = (grad.array() * (Scalar(1) - a.array().square())).matrix(); break;
  }
}

}  // namespace

template <class Scalar>
Mlp<Scalar>::Mlp(std::vector<int> sizes, Activation hidden, Activation output)
    : sizes_(std::move(sizes)), hidden_(hidden), output_(output) {
  if (sizes_.size() < 2) throw std::invalid_argument("an MLP needs at least an input and an output size");
  Eigen::Index total = 0;
  for (size_t l = 0; l + 1 < sizes_.size(); ++l) {
    if (sizes_[l] < 1 || sizes_[l + 1] < 1) throw std::invalid_argument("MLP layer sizes must be >= 1");
    offsets_.push_back(total);
    total += static_cast<Eigen::Index>(sizes_[l + 1]) * (sizes_[l] + 1);
  }
  params_ = Vector::Zero(total);
}

template <class Scalar>
Eigen::Index Mlp<Scalar>::bias_offset(int layer) const {
  return weight_offset(layer) + static_cast<Eigen::Index>(sizes_[layer + 1]) * sizes_[layer];
}

template <class Scalar>
void Mlp<Scalar>::init(Rng &rng) {
  for (int l = 0; l < layers(); ++l) {
    const double fan_in = sizes_[l];
    const double fan_out = sizes_[l + 1];
    const double limit = activation_of(l) == Activation::kRelu ? std::sqrt(6.0 / fan_in)
                                                               : std::sqrt(6.0 / (fan_in + fan_out));
    const Eigen::Index count = bias_offset(l) - weight_offset(l);
    for (Eigen::Index i = 0; i < count; ++i)
      params_[weight_offset(l) + i] = static_cast<Scalar>((2.0 * rng.uniform() - 1.0) * limit);
    params_.segment(bias_offset(l), sizes_[l + 1]).setZero();
  }
}

template <class Scalar>
typename Mlp<Scalar>::Matrix Mlp<Scalar>::forward(const Matrix &x) const {
  Cache cache;
  forward(x, cache);
  return std::move(cache.outputs.back());
}

template <class Scalar>
const typename Mlp<Scalar>::Matrix &Mlp<Scalar>::forward(const Matrix &x, Cache &cache) const {
  if (x.rows() != inputs())
    throw std::invalid_argument("MLP input has " + std::to_string(x.rows()) + " rows, expected " +
                                std::to_string(inputs()));
  cache.outputs.resize(sizes_.size());
  cache.outputs[0] = x;
  for (int l = 0; l < layers(); ++l) {
    const Eigen::Map<const Matrix> w(params_.data() + weight_offset(l), sizes_[l + 1], sizes_[l]);
    const Eigen::Map<const Vector> b(params_.data() + bias_offset(l), sizes_[l + 1]);
    Matrix &z = cache.outputs[static_cast<size_t>(l) + 1];
    z.noalias() = w * cache.outputs[static_cast<size_t>(l)];
    z.colwise() += b;
    activate(activation_of(l), z);
  }
  return cache.outputs.back();
}

template <class Scalar>
void Mlp<Scalar>::backward(const Cache &cache, const Matrix &output_grad, Vector &grad, Matrix *input_grad) const {
  if (grad.size() != num_params()) grad = Vector::Zero(num_params());
  Matrix delta = output_grad;
  for (int l = layers() - 1; l >= 0; --l) {
    multiply_by_derivative(activation_of(l), cache.outputs[static_cast<size_t>(l) + 1], delta);
    const Matrix &a_prev = cache.outputs[static_cast<size_t>(l)];
    Eigen::Map<Matrix> gw(grad.data() + weight_offset(l), sizes_[l + 1], sizes_[l]);
    Eigen::Map<Vector> gb(grad.data() + bias_offset(l), sizes_[l + 1]);
    gw.noalias() += delta * a_prev.transpose();
    gb += delta.rowwise().sum();
    if (l > 0 || input_grad != nullptr) {
      const Eigen::Map<const Matrix> w(params_.data() + weight_offset(l), sizes_[l + 1], sizes_[l]);
      Matrix previous = w.transpose() * delta;
      delta.swap(previous);
    }
  }
  if (input_grad != nullptr) *input_grad = std::move(delta);
}

template <class Scalar>
void Mlp<Scalar>::copy_from(const Mlp &source) {
  if (source.sizes_ != sizes_) throw std::invalid_argument("copy_from: the networks differ in shape");
  params_ = source.params_;
}

template <class Scalar>
void Mlp<Scalar>::blend_from(const Mlp &source, Scalar tau) {
  if (source.sizes_ != sizes_) throw std::invalid_argument("blend_from: the networks differ in shape");
  params_ = (Scalar(1) - tau) * params_ + tau * source.params_;
}

template <class Scalar>
void Mlp<Scalar>::save(ByteWriter &out) const {
  out.tag("rlrecMLP");
  out.u32(static_cast<uint32_t>(sizes_.size()));
  for (int size : sizes_) out.u32(static_cast<uint32_t>(size));
  out.u32(static_cast<uint32_t>(hidden_));
  out.u32(static_cast<uint32_t>(output_));
  if constexpr (sizeof(Scalar) == 4) out.f32s(params_.data(), static_cast<size_t>(params_.size()));
  else out.f64s(params_.data(), static_cast<size_t>(params_.size()));
}

template <class Scalar>
void Mlp<Scalar>::load(ByteReader &in) {
  in.expect_tag("rlrecMLP", "an MLP");
  std::vector<int> sizes(in.u32());
  if (sizes.size() > 1024) throw FormatError("corrupt MLP: " + std::to_string(sizes.size()) + " layers");
  for (int &size : sizes) size = static_cast<int>(in.u32());
  const auto hidden = static_cast<Activation>(in.u32());
  const auto output = static_cast<Activation>(in.u32());
  if (sizes != sizes_ || hidden != hidden_ || output != output_)
    throw FormatError("the saved MLP has another architecture than this one");
  if constexpr (sizeof(Scalar) == 4) {
    const std::vector<float> values = in.f32s(static_cast<size_t>(params_.size()));
    params_ = Eigen::Map<const Vector>(values.data(), params_.size());
  } else {
    const std::vector<double> values = in.f64s(static_cast<size_t>(params_.size()));
    params_ = Eigen::Map<const Vector>(values.data(), params_.size());
  }
}

template class Mlp<float>;
template class Mlp<double>;

}  // namespace rlrec::nn
