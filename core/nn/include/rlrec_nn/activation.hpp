// rlrec_nn/activation.hpp — the element-wise nonlinearities of a dense layer, with the derivative
// written in terms of the layer's output where that is cheaper (tanh' = 1 - a^2), so backprop
// needs only the cached outputs.
#pragma once

#include <cstdint>
#include <string>

namespace rlrec::nn {

enum class Activation : uint32_t { kLinear = 0, kRelu = 1, kTanh = 2 };

// "linear" | "relu" | "tanh"; throws std::invalid_argument otherwise.
Activation activation_from_name(const std::string &name);
const char *activation_name(Activation activation);

}  // namespace rlrec::nn
