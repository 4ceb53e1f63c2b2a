// run_metrics.hpp — the metrics of one run folder, as `rlrec plot` and `rlrec compare` read them:
// every row of progress.csv and result.jsonl, merged by env_steps (the jsonl file adds the time/
// metrics the csv leaves out by default; where both hold a metric at one step they agree).
//
// A last line without its '\n' was being written when the run was killed: it is skipped and said
// in notes(). Any other line that is not what the loggers write is an error naming file:line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace rlrec::runs {

struct Point {
  double x;  // env_steps
  double y;  // the metric; NaN where result.jsonl says null (it cannot spell NaN or inf)
};

class RunMetrics {
 public:
  // Reads <dir>/progress.csv and <dir>/result.jsonl, whichever exist. Throws std::runtime_error
  // when neither does, or a file is malformed.
  static RunMetrics load(const std::filesystem::path &dir);

  const std::filesystem::path &dir() const { return dir_; }
  // Metric names in the order first seen (csv columns, then new jsonl keys).
  const std::vector<std::string> &names() const { return names_; }
  // What the reader skipped, one sentence each ("…/result.jsonl: the last line is cut short …").
  const std::vector<std::string> &notes() const { return notes_; }

  // Every (env_steps, value) of `name`, in step order; empty for a name the run never reported.
  std::vector<Point> series(const std::string &name) const;
  // The last value reported of `name`.
  std::optional<double> last(const std::string &name) const;
  // The env_steps of the last row; 0 when there is none.
  uint64_t last_env_steps() const { return rows_.empty() ? 0 : rows_.rbegin()->first; }

 private:
  void add(uint64_t env_steps, const std::string &name, double value);
  void read_csv(const std::filesystem::path &file);
  void read_jsonl(const std::filesystem::path &file);
  void note_cut_short(const std::filesystem::path &file);

  std::filesystem::path dir_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, size_t> index_;
  std::map<uint64_t, std::map<size_t, double>> rows_;  // env_steps -> column -> value
  std::vector<std::string> notes_;
};

// Loads each folder in turn, printing what the reader skipped to stderr as "<who>: note: ...".
std::vector<RunMetrics> load_runs(const std::vector<std::string> &dirs, const std::string &who);

}  // namespace rlrec::runs
