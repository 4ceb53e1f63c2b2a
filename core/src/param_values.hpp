// param_values.hpp — validates a YAML map against a parameter schema (rlrec/params.h) and owns the
// resulting rlrec_value array that create functions receive: one value per schema entry, in
// schema order, defaults filled in. The engine's own config sections use the same schemas, so
// every key anywhere gets the same checks and messages.
#pragma once

#include <rlrec/params.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace rlrec::core {

class YamlDocument;

class ParamValues {
 public:
  ParamValues() = default;
  ParamValues(const ParamValues &) = delete;
  ParamValues &operator=(const ParamValues &) = delete;
  ParamValues(ParamValues &&) = default;
  ParamValues &operator=(ParamValues &&) = default;

  // Validates `map` (a YAML map, or null/undefined for "all defaults") against `schema`.
  // `context` names what is being validated in messages ("env.params of plugin 'x' (lib.so)").
  // Throws ConfigError naming file:line:column for: an unknown key (with the closest valid one),
  // a wrong type, a value out of range or not among the choices, a missing required key. A
  // default that fails validation is reported as the plugin's bug.
  // `nested` names keys that are allowed in the map but validated by the caller (sub-sections).
  static ParamValues validate(std::span<const rlrec_param_def> schema, const YAML::Node &map,
                              const YamlDocument &doc, const std::string &context,
                              const std::vector<std::string> &nested = {});

  const rlrec_value *data() const { return values_.data(); }
  std::size_t size() const { return values_.size(); }
  const rlrec_value &operator[](std::size_t i) const { return values_[i]; }

  // The value of a named schema entry (engine sections read their settings this way).
  const rlrec_value &get(const std::string &name) const;
  int64_t get_int(const std::string &name) const { return get(name).i; }
  double get_float(const std::string &name) const { return get(name).f; }
  std::string get_string(const std::string &name) const { return get(name).s; }
  bool get_bool(const std::string &name) const { return get(name).i != 0; }

  // The values as a YAML map (every key, defaults included): the "resolved" config.
  YAML::Node to_yaml() const;

 private:
  std::vector<const rlrec_param_def *> defs_;
  std::vector<rlrec_value> values_;
  // Stable storage for strings and lists the values point into (deque: no reallocation moves).
  std::deque<std::string> strings_;
  std::deque<std::vector<int64_t>> int_lists_;
  std::deque<std::vector<double>> float_lists_;
};

// "int", "float in [0, 1]", "one of greedy|topk", ... for messages and `plugins describe`.
std::string describe_param_type(const rlrec_param_def &def);

}  // namespace rlrec::core
