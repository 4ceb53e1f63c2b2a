#include "param_values.hpp"

#include <cmath>
#include <sstream>

#include "errors.hpp"
#include "text.hpp"
#include "yaml_document.hpp"

namespace rlrec::core {
namespace {

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string range_text(const rlrec_param_def &def) {
  const bool has_min = std::isfinite(def.min);
  const bool has_max = std::isfinite(def.max);
  if (has_min && has_max) return " in [" + format_number(def.min) + ", " + format_number(def.max) + "]";
  if (has_min) return " >= " + format_number(def.min);
  if (has_max) return " <= " + format_number(def.max);
  return "";
}

// Parses one scalar as the given element type; throws ConfigError with `where` on failure.
int64_t parse_int(const YAML::Node &node, const std::string &where, const std::string &key) {
  if (!node.IsScalar()) throw ConfigError(where + ": '" + key + "' must be an integer");
  const std::string &text = node.Scalar();
  // Decimal only: no octal "010" or hex "0x10" surprises (YAML 1.2's core schema reads 010 as 10).
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos) {
    throw ConfigError(where + ": '" + key + "' must be an integer, got '" + text + "'");
  }
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used, 10);
    if (used == text.size()) return value;
  } catch (const std::exception &) {
  }
  // Accept integral floats written as 1e6 / 200000.0, which YAML users write for step counts.
  try {
    std::size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && std::floor(value) == value && std::fabs(value) < 9.0e18) {
      return static_cast<int64_t>(value);
    }
  } catch (const std::exception &) {
  }
  throw ConfigError(where + ": '" + key + "' must be an integer, got '" + text + "'");
}

double parse_float(const YAML::Node &node, const std::string &where, const std::string &key) {
  if (!node.IsScalar()) throw ConfigError(where + ": '" + key + "' must be a number");
  const std::string &text = node.Scalar();
  if (text == ".inf" || text == "inf") return HUGE_VAL;
  if (text == "-.inf" || text == "-inf") return -HUGE_VAL;
  try {
    std::size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && !std::isnan(value)) return value;
  } catch (const std::exception &) {
  }
  throw ConfigError(where + ": '" + key + "' must be a number, got '" + text + "'");
}

void check_range(double value, const rlrec_param_def &def, const std::string &where,
                 const std::string &key) {
  if (value < def.min || value > def.max) {
    throw ConfigError(where + ": '" + key + "' = " + format_number(value) + " is out of range (" +
                      describe_param_type(def) + ")");
  }
}

}  // namespace

std::string describe_param_type(const rlrec_param_def &def) {
  switch (def.type) {
    case RLREC_PARAM_BOOL: return "bool";
    case RLREC_PARAM_INT: return "int" + range_text(def);
    case RLREC_PARAM_FLOAT: return "float" + range_text(def);
    case RLREC_PARAM_STRING: return "string";
    case RLREC_PARAM_CHOICE: return std::string("one of ") + (def.choices ? def.choices : "");
    case RLREC_PARAM_INT_LIST:
      return "list of int" + range_text(def) +
             (def.max_count ? ", at most " + std::to_string(def.max_count) + " items" : "");
    case RLREC_PARAM_FLOAT_LIST:
      return "list of float" + range_text(def) +
             (def.max_count ? ", at most " + std::to_string(def.max_count) + " items" : "");
    default: return "unknown type " + std::to_string(def.type);
  }
}

ParamValues ParamValues::validate(std::span<const rlrec_param_def> schema, const YAML::Node &map,
                                  const YamlDocument &doc, const std::string &context,
                                  const std::vector<std::string> &nested) {
  std::vector<std::string> names;
  for (const auto &def : schema) names.emplace_back(def.name);
  names.insert(names.end(), nested.begin(), nested.end());

  if (map && !map.IsNull() && !map.IsMap()) {
    throw ConfigError(doc.where(map) + ": " + context + " must be a map of key: value");
  }
  if (map && map.IsMap()) {
    for (const auto &item : map) {
      const std::string key = item.first.as<std::string>();
      bool known = false;
      for (const auto &name : names) known = known || name == key;
      if (!known) {
        throw ConfigError(doc.where(item.first) + ": unknown key '" + key + "' in " + context +
                          did_you_mean(key, names));
      }
    }
  }

  ParamValues out;
  out.values_.reserve(schema.size());
  for (const auto &def : schema) {
    const std::string key = def.name;
    YAML::Node node;
    std::string where;
    if (map && map.IsMap() && map[key]) {
      node = map[key];
      where = doc.where(node);
    } else if (def.default_yaml != nullptr) {
      try {
        node = YAML::Load(def.default_yaml);
      } catch (const YAML::Exception &e) {
        throw ConfigError(context + ": the default of '" + key + "' is not valid YAML (a bug in the "
                          "plugin): " + e.msg);
      }
      where = context + " (default of '" + key + "')";
    } else {
      std::string at = map && map.IsMap() ? doc.where(map) : context;
      throw ConfigError(at + ": missing required key '" + key + "' in " + context + " (" +
                        describe_param_type(def) + ": " + (def.doc ? def.doc : "") + ")");
    }

    rlrec_value value{};
    value.type = def.type;
    value.count = 1;
    switch (def.type) {
      case RLREC_PARAM_BOOL: {
        bool parsed = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, parsed)) {
          throw ConfigError(where + ": '" + key + "' must be true or false");
        }
        value.i = parsed ? 1 : 0;
        break;
      }
      case RLREC_PARAM_INT:
        value.i = parse_int(node, where, key);
        check_range(static_cast<double>(value.i), def, where, key);
        break;
      case RLREC_PARAM_FLOAT:
        value.f = parse_float(node, where, key);
        check_range(value.f, def, where, key);
        break;
      case RLREC_PARAM_STRING:
        if (!node.IsScalar()) throw ConfigError(where + ": '" + key + "' must be a string");
        value.s = out.strings_.emplace_back(node.Scalar()).c_str();
        break;
      case RLREC_PARAM_CHOICE: {
        if (!node.IsScalar()) throw ConfigError(where + ": '" + key + "' must be a string");
        std::vector<std::string> choices = split(def.choices ? def.choices : "", '|');
        const std::string text = node.Scalar();
        int64_t index = -1;
        for (std::size_t c = 0; c < choices.size(); ++c) {
          if (choices[c] == text) index = static_cast<int64_t>(c);
        }
        if (index < 0) {
          throw ConfigError(where + ": '" + key + "' = '" + text + "' is not one of " +
                            join(choices, ", ") + did_you_mean(text, choices));
        }
        value.i = index;
        value.s = out.strings_.emplace_back(text).c_str();
        break;
      }
      case RLREC_PARAM_INT_LIST:
      case RLREC_PARAM_FLOAT_LIST: {
        if (!node.IsSequence()) throw ConfigError(where + ": '" + key + "' must be a list");
        if (def.max_count != 0 && node.size() > def.max_count) {
          throw ConfigError(where + ": '" + key + "' has " + std::to_string(node.size()) +
                            " items; at most " + std::to_string(def.max_count) + " are allowed");
        }
        value.count = static_cast<uint32_t>(node.size());
        if (def.type == RLREC_PARAM_INT_LIST) {
          auto &items = out.int_lists_.emplace_back();
          for (const auto &element : node) {
            items.push_back(parse_int(element, doc.where(element), key));
            check_range(static_cast<double>(items.back()), def, doc.where(element), key);
          }
          value.il = items.data();
        } else {
          auto &items = out.float_lists_.emplace_back();
          for (const auto &element : node) {
            items.push_back(parse_float(element, doc.where(element), key));
            check_range(items.back(), def, doc.where(element), key);
          }
          value.fl = items.data();
        }
        break;
      }
      default:
        throw ConfigError(context + ": parameter '" + key + "' has an unknown type " +
                          std::to_string(def.type) + " (a bug in the plugin)");
    }
    out.values_.push_back(value);
    out.defs_.push_back(&def);
  }
  return out;
}

const rlrec_value &ParamValues::get(const std::string &name) const {
  for (std::size_t i = 0; i < defs_.size(); ++i) {
    if (name == defs_[i]->name) return values_[i];
  }
  throw std::logic_error("no parameter named '" + name + "' in this schema");
}

YAML::Node ParamValues::to_yaml() const {
  YAML::Node map(YAML::NodeType::Map);
  for (std::size_t i = 0; i < defs_.size(); ++i) {
    const rlrec_value &v = values_[i];
    const char *key = defs_[i]->name;
    switch (v.type) {
      case RLREC_PARAM_BOOL: map[key] = v.i != 0; break;
      case RLREC_PARAM_INT: map[key] = v.i; break;
      case RLREC_PARAM_FLOAT: map[key] = v.f; break;
      case RLREC_PARAM_STRING:
      case RLREC_PARAM_CHOICE: map[key] = std::string(v.s); break;
      case RLREC_PARAM_INT_LIST: {
        YAML::Node list(YAML::NodeType::Sequence);
        for (uint32_t k = 0; k < v.count; ++k) list.push_back(v.il[k]);
        map[key] = list;
        break;
      }
      case RLREC_PARAM_FLOAT_LIST: {
        YAML::Node list(YAML::NodeType::Sequence);
        for (uint32_t k = 0; k < v.count; ++k) list.push_back(v.fl[k]);
        map[key] = list;
        break;
      }
      default: break;
    }
  }
  return map;
}

}  // namespace rlrec::core
