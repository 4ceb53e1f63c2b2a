#include "yaml_document.hpp"

#include <fstream>
#include <sstream>

#include "errors.hpp"
#include "text.hpp"

namespace rlrec::core {
namespace {

YAML::Node parse(const std::string &text, const std::string &source_name) {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root || root.IsNull()) return YAML::Node(YAML::NodeType::Map);
    return root;
  } catch (const YAML::Exception &e) {
    throw ConfigError(source_name + ":" + std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
}

bool is_index(const std::string &part) {
  return !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool yaml_contains(const YAML::Node &ancestor, const YAML::Node &node) {
  if (ancestor.is(node)) return true;
  if (ancestor.IsMap()) {
    for (const auto &item : ancestor) {
      if (yaml_contains(item.first, node) || yaml_contains(item.second, node)) return true;
    }
  } else if (ancestor.IsSequence()) {
    for (const auto &item : ancestor) {
      if (yaml_contains(item, node)) return true;
    }
  }
  return false;
}

YamlDocument YamlDocument::from_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path.string() + ": cannot open the config file");
  std::stringstream text;
  text << in.rdbuf();
  YamlDocument doc = from_string(text.str(), path.string());
  doc.base_dir_ = std::filesystem::absolute(path).parent_path();
  return doc;
}

YamlDocument YamlDocument::from_string(const std::string &text, const std::string &source_name) {
  YamlDocument doc;
  doc.source_name_ = source_name;
  doc.base_dir_ = std::filesystem::current_path();
  doc.root_ = parse(text, source_name);
  if (!doc.root_.IsMap()) {
    throw ConfigError(doc.where(doc.root_) + ": the config must be a map of sections (run, env, "
                      "policy, loggers, ...)");
  }
  return doc;
}

void YamlDocument::apply_override(const std::string &assignment) {
  const std::string label = "--set " + assignment;
  std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ConfigError(label + ": expected KEY=VALUE, e.g. --set run.seed=7");
  }
  std::vector<std::string> path = split(assignment.substr(0, eq), '.');
  YAML::Node value = parse(assignment.substr(eq + 1), label);
  if (value.IsMap() && value.size() == 0 && assignment.size() == eq + 1) value = YAML::Node();

  // Walk down, creating maps. yaml-cpp nodes are handles, so assigning through `cursor` edits the
  // tree in place.
  YAML::Node cursor = root_;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string &part = path[i];
    if (part.empty()) throw ConfigError(label + ": empty key segment");
    const bool last = i + 1 == path.size();
    if (cursor.IsSequence()) {
      if (!is_index(part) || std::stoul(part) >= cursor.size()) {
        throw ConfigError(label + ": '" + part + "' is not an index of the list (it has " +
                          std::to_string(cursor.size()) + " items)");
      }
      std::size_t index = std::stoul(part);
      if (last) {
        cursor[index] = value;
      } else {
        cursor.reset(cursor[index]);
      }
    } else {
      if (!cursor.IsMap() && !cursor.IsNull()) {
        throw ConfigError(label + ": cannot set '" + part + "' inside a scalar");
      }
      if (last) {
        cursor[part] = value;
        // The key node is new too (no mark): remember it, so errors about the key name the --set.
        for (const auto &item : cursor) {
          if (item.first.Scalar() == part) overrides_.emplace_back(item.first, label);
        }
      } else {
        YAML::Node child = cursor[part];
        if (!child || child.IsNull()) {
          cursor[part] = YAML::Node(YAML::NodeType::Map);
          child = cursor[part];
        }
        cursor.reset(child);
      }
    }
  }
  overrides_.emplace_back(value, label);
}

std::string YamlDocument::where(const YAML::Node &node) const {
  for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
    if (yaml_contains(it->first, node)) return it->second;
  }
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return source_name_;
  return source_name_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace rlrec::core
