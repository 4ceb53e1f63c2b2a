// data_spec.hpp — the env spec of a config without `env:` (training from logs of a system that
// has no simulator, e.g. imported from Open Bandit Pipeline or Vowpal Wabbit): the observation
// fields, slate size and info channels a policy is created for, from the config's `spec:` section
// or from the first decision of `input.dataset` (docs/offline.md#without-an-env).
//
//   spec:
//     obs: {user: [5], candidates: [20, 5]}   # field: shape, in the order the policy sees them
//     slate_size: 1
//     info: [clicked_slot]                    # optional: info channels by name
//
// Every field is a float32 box without bounds; the action space is the rows of `candidates`
// (required, rank 2). The resolved config stores the section, so a checkpoint of such a run is
// self-contained (evaluated by OPE or served without the dataset). With an env as well (a
// checkpoint evaluated in a simulator), the section must agree with the env's spec.
//
// Threads: immutable after construction.
#pragma once

#include <rlrec/env.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "yaml_document.hpp"

namespace rlrec::core {

class DataSpec {
 public:
  struct Field {
    std::string name;
    std::vector<int64_t> shape;
  };

  // From a `spec:` node of `doc`. Throws ConfigError naming file:line:column.
  static std::unique_ptr<const DataSpec> from_yaml(const YamlDocument &doc, const YAML::Node &node);
  // From the first decision of a dataset (a file or a folder of shards). Throws ConfigError when it
  // holds none, rlrec_data::DataError for a malformed first line.
  static std::unique_ptr<const DataSpec> from_dataset(const std::filesystem::path &dataset);

  DataSpec(const DataSpec &) = delete;
  DataSpec &operator=(const DataSpec &) = delete;

  // Valid as long as this object; num_envs is 1 (the caller sets its own).
  const rlrec_env_spec &spec() const { return spec_; }
  // Throws ConfigError unless `env` has the same observation fields (names, order, shapes) and
  // slate size: a policy trained on this spec then sees in `env_id` what it was trained on.
  void check_matches(const rlrec_env_spec &env, const std::string &env_id) const;
  // The section as the resolved config stores it.
  YAML::Node to_yaml() const;

 private:
  // `where` prefixes messages about the values (a config location or the dataset's name).
  DataSpec(std::vector<Field> obs, uint32_t slate_size, std::vector<std::string> info, const std::string &where);

  std::vector<Field> obs_;
  std::vector<std::string> info_names_;
  std::vector<rlrec_field> obs_fields_, info_fields_;  // point into obs_ and info_names_
  rlrec_env_spec spec_{};
};

}  // namespace rlrec::core
