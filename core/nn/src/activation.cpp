#include "rlrec_nn/activation.hpp"

#include <stdexcept>

namespace rlrec::nn {

Activation activation_from_name(const std::string &name) {
  if (name == "linear") return Activation::kLinear;
  if (name == "relu") return Activation::kRelu;
  if (name == "tanh") return Activation::kTanh;
  throw std::invalid_argument("unknown activation '" + name + "' (linear, relu, tanh)");
}

const char *activation_name(Activation activation) {
  switch (activation) {
    case Activation::kLinear: return "linear";
    case Activation::kRelu: return "relu";
    case Activation::kTanh: return "tanh";
  }
  return "?";
}

}  // namespace rlrec::nn
