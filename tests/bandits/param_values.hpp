// param_values.hpp — what the engine does before create, for tests that call factories
// directly: one rlrec_value per schema entry, in schema order, defaults filled in from the
// schema's default_yaml, some overridden by the test. It understands the value forms the bandit
// plugins' schemas use (scalars, choices, flat float lists), not general YAML.
#pragma once

#include <rlrec/plugin.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace rlrec_bandit_test {

using Overrides = std::map<std::string, std::string>;

class ParamValues {
 public:
  // Throws std::invalid_argument for an override key the schema does not have.
  ParamValues(const rlrec_plugin_desc &desc, const Overrides &overrides);
  const rlrec_value *data() const { return values_.data(); }

 private:
  std::vector<rlrec_value> values_;
  std::deque<std::string> strings_;        // storage behind value.s
  std::deque<std::vector<double>> lists_;  // storage behind value.fl
};

}  // namespace rlrec_bandit_test
