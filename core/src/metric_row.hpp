// metric_row.hpp — what both training loops (trainer.cpp in the env, offline_trainer.cpp from
// data) share to report: a row of named metrics, the evaluation columns, and the run.log scope.
#pragma once

#include <rlrec/types.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine.hpp"
#include "host_services.hpp"

namespace rlrec::core {

// One row of metrics: names owned here, handed to loggers as rlrec_metric (valid while the row
// lives and is not added to).
class MetricRow {
 public:
  void add(std::string name, double value) { items_.emplace_back(std::move(name), value); }
  std::vector<rlrec_metric> view() const {
    std::vector<rlrec_metric> out;
    for (const auto &[name, value] : items_) out.push_back({name.c_str(), value});
    return out;
  }

 private:
  std::vector<std::pair<std::string, double>> items_;
};

inline void add_eval(MetricRow &row, const EvalResult &eval) {
  row.add("eval/episode_return_mean", eval.episode_return_mean);
  row.add("eval/episode_return_std", eval.episode_return_std);
  row.add("eval/episode_length_mean", eval.episode_length_mean);
  row.add("eval/episodes", static_cast<double>(eval.episodes));
}

inline std::string emit_yaml(const YAML::Node &node) {
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}

// Sends run.log lines to the run folder while a run is active.
struct RunLogScope {
  explicit RunLogScope(const std::filesystem::path &file) { set_log_file(file); }
  ~RunLogScope() { set_log_file({}); }
  RunLogScope(const RunLogScope &) = delete;
  RunLogScope &operator=(const RunLogScope &) = delete;
};

}  // namespace rlrec::core
