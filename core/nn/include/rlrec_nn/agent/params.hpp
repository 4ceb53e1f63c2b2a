// rlrec_nn/agent/params.hpp — builders for parameter-schema entries (rlrec/params.h) and for
// joining schema blocks, so a plugin's schema is one constexpr array indexed by an enum.
#pragma once

#include <rlrec/params.h>

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace rlrec::nn::agent {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr rlrec_param_def int_param(const char *name, const char *default_yaml, double min, double max,
                                    const char *doc) {
  return {name, RLREC_PARAM_INT, 0, default_yaml, min, max, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def float_param(const char *name, const char *default_yaml, double min, double max,
                                      const char *doc) {
  return {name, RLREC_PARAM_FLOAT, 0, default_yaml, min, max, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def bool_param(const char *name, const char *default_yaml, const char *doc) {
  return {name, RLREC_PARAM_BOOL, 0, default_yaml, 0, 1, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def choice_param(const char *name, const char *default_yaml, const char *choices,
                                       const char *doc) {
  return {name, RLREC_PARAM_CHOICE, 0, default_yaml, 0, 0, choices, doc, 0, 0};
}
constexpr rlrec_param_def int_list_param(const char *name, const char *default_yaml, double min, double max,
                                         uint32_t max_count, const char *doc) {
  return {name, RLREC_PARAM_INT_LIST, 0, default_yaml, min, max, nullptr, doc, max_count, 0};
}
constexpr rlrec_param_def float_list_param(const char *name, const char *default_yaml, double min, double max,
                                           uint32_t max_count, const char *doc) {
  return {name, RLREC_PARAM_FLOAT_LIST, 0, default_yaml, min, max, nullptr, doc, max_count, 0};
}

// Joins schema blocks into one array.
template <std::size_t... N>
constexpr std::array<rlrec_param_def, (N + ...)> concat(const std::array<rlrec_param_def, N> &...parts) {
  std::array<rlrec_param_def, (N + ...)> out{};
  std::size_t at = 0;
  auto append = [&](const auto &part) {
    for (const rlrec_param_def &def : part) out[at++] = def;
  };
  (append(parts), ...);
  return out;
}

inline std::vector<int> int_list(const rlrec_value &value) {
  return std::vector<int>(value.il, value.il + value.count);
}
inline std::vector<double> float_list(const rlrec_value &value) {
  return std::vector<double>(value.fl, value.fl + value.count);
}

}  // namespace rlrec::nn::agent
