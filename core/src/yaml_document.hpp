// yaml_document.hpp — a parsed YAML config that remembers where every node came from, so each
// error can name file:line:column (or the --set override that introduced the node).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace rlrec::core {

class YamlDocument {
 public:
  // Parses a file; throws ConfigError naming file:line:column for invalid YAML or a missing file.
  static YamlDocument from_file(const std::filesystem::path &path);
  // Parses text; source_name stands for the file in messages.
  static YamlDocument from_string(const std::string &text, const std::string &source_name);

  // Applies "a.b.c=value" (value parsed as YAML; numeric parts index sequences). Creates missing
  // maps. Throws ConfigError for a malformed override.
  void apply_override(const std::string &assignment);

  // "file:line:column" of a node (1-based), or "--set key=value" for overridden nodes.
  std::string where(const YAML::Node &node) const;

  const YAML::Node &root() const { return root_; }
  YAML::Node &root() { return root_; }
  const std::string &source_name() const { return source_name_; }
  // The folder relative paths in the config are resolved against (the file's folder).
  const std::filesystem::path &base_dir() const { return base_dir_; }

 private:
  std::string source_name_;
  std::filesystem::path base_dir_;
  YAML::Node root_;
  std::vector<std::pair<YAML::Node, std::string>> overrides_;  // node set by --set, its text
};

// True if `node` is `ancestor` or lies inside it.
bool yaml_contains(const YAML::Node &ancestor, const YAML::Node &node);

}  // namespace rlrec::core
