#include "param_values.hpp"

#include <sstream>
#include <stdexcept>

namespace rlrec_bandit_test {
namespace {

std::vector<double> parse_float_list(std::string text) {
  for (char &c : text)
    if (c == '[' || c == ']' || c == ',') c = ' ';
  std::istringstream in(text);
  std::vector<double> out;
  for (double v; in >> v;) out.push_back(v);
  return out;
}

}  // namespace

ParamValues::ParamValues(const rlrec_plugin_desc &desc, const Overrides &overrides) {
  for (const auto &[key, value] : overrides) {
    bool known = false;
    for (uint32_t p = 0; p < desc.num_params; ++p) known = known || key == desc.params[p].name;
    if (!known) throw std::invalid_argument(std::string(desc.id) + " has no parameter '" + key + "'");
  }
  for (uint32_t p = 0; p < desc.num_params; ++p) {
    const rlrec_param_def &def = desc.params[p];
    const auto it = overrides.find(def.name);
    const std::string text = it != overrides.end() ? it->second : std::string(def.default_yaml);
    rlrec_value value{};
    value.type = def.type;
    value.count = 1;
    switch (def.type) {
      case RLREC_PARAM_BOOL:
        value.i = text == "true" ? 1 : 0;
        break;
      case RLREC_PARAM_INT:
        value.i = static_cast<int64_t>(std::stod(text));
        break;
      case RLREC_PARAM_FLOAT:
        value.f = std::stod(text);
        break;
      case RLREC_PARAM_CHOICE: {
        std::istringstream choices(def.choices);
        int64_t index = 0;
        bool found = false;
        for (std::string choice; std::getline(choices, choice, '|'); ++index) {
          if (choice == text) {
            found = true;
            break;
          }
        }
        if (!found) throw std::invalid_argument(std::string(def.name) + ": '" + text + "' is not a choice");
        value.i = index;
        value.s = strings_.emplace_back(text).c_str();
        break;
      }
      case RLREC_PARAM_FLOAT_LIST: {
        const std::vector<double> &list = lists_.emplace_back(parse_float_list(text));
        value.count = static_cast<uint32_t>(list.size());
        value.fl = list.empty() ? nullptr : list.data();
        break;
      }
      default:
        throw std::invalid_argument(std::string(def.name) + ": parameter type not supported by the test");
    }
    values_.push_back(value);
  }
}

}  // namespace rlrec_bandit_test
