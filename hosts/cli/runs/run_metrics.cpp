#include "run_metrics.hpp"

#include <rlrec_support/durable_file.hpp>
#include <rlrec_support/metrics_files.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace rlrec::runs {
namespace {

constexpr const char *kCsvFile = "progress.csv";
constexpr const char *kJsonlFile = "result.jsonl";

// A csv cell as the csv logger writes it (%.17g, so also "nan", "inf", "-inf").
double cell_value(const std::string &cell, const std::string &where) {
  char *end = nullptr;
  errno = 0;
  const double value = std::strtod(cell.c_str(), &end);
  if (end == cell.c_str() || *end != '\0' || (errno == ERANGE && std::isinf(value)))
    throw std::runtime_error(where + ": '" + cell + "' is not a number");
  return value;
}

}  // namespace

RunMetrics RunMetrics::load(const std::filesystem::path &dir) {
  RunMetrics run;
  run.dir_ = dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw std::runtime_error("'" + dir.string() + "' is not a folder");
  const bool has_csv = std::filesystem::exists(dir / kCsvFile, ec);
  const bool has_jsonl = std::filesystem::exists(dir / kJsonlFile, ec);
  if (!has_csv && !has_jsonl)
    throw std::runtime_error("'" + dir.string() + "' holds neither " + kCsvFile + " nor " + kJsonlFile +
                             ": not a run folder, or its run had no csv or jsonl logger");
  if (has_csv) run.read_csv(dir / kCsvFile);
  if (has_jsonl) run.read_jsonl(dir / kJsonlFile);
  return run;
}

void RunMetrics::add(uint64_t env_steps, const std::string &name, double value) {
  const auto [it, inserted] = index_.emplace(name, names_.size());
  if (inserted) names_.push_back(name);
  rows_[env_steps][it->second] = value;
}

void RunMetrics::note_cut_short(const std::filesystem::path &file) {
  notes_.push_back(file.string() + ": the last line is cut short (the run was stopped while writing it); skipped");
}

void RunMetrics::read_csv(const std::filesystem::path &file) {
  const std::string where = file.string();
  const auto table = rlrec_support::parse_csv_metrics(rlrec_support::read_file(file).value_or(""), where);
  for (const auto &row : table.rows) {
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (!row.cells[c].empty())
        add(row.env_steps, table.columns[c],
            cell_value(row.cells[c], where + " (env_steps " + std::to_string(row.env_steps) + ")"));
    }
  }
  if (table.cut_short) note_cut_short(file);
}

void RunMetrics::read_jsonl(const std::filesystem::path &file) {
  const auto lines = rlrec_support::parse_jsonl_metrics(rlrec_support::read_file(file).value_or(""), file.string());
  for (const auto &row : lines.rows) {
    for (const auto &[name, value] : row.values.metrics) add(row.values.env_steps, name, value.value_or(std::nan("")));
  }
  if (lines.cut_short) note_cut_short(file);
}

std::vector<Point> RunMetrics::series(const std::string &name) const {
  std::vector<Point> points;
  const auto column = index_.find(name);
  if (column == index_.end()) return points;
  for (const auto &[env_steps, values] : rows_) {
    const auto value = values.find(column->second);
    if (value != values.end()) points.push_back({static_cast<double>(env_steps), value->second});
  }
  return points;
}

std::optional<double> RunMetrics::last(const std::string &name) const {
  const auto column = index_.find(name);
  if (column == index_.end()) return std::nullopt;
  for (auto row = rows_.rbegin(); row != rows_.rend(); ++row) {
    const auto value = row->second.find(column->second);
    if (value != row->second.end()) return value->second;
  }
  return std::nullopt;
}

std::vector<RunMetrics> load_runs(const std::vector<std::string> &dirs, const std::string &who) {
  std::vector<RunMetrics> runs;
  for (const std::string &dir : dirs) {
    runs.push_back(RunMetrics::load(dir));
    for (const std::string &note : runs.back().notes())
      std::fprintf(stderr, "%s: note: %s\n", who.c_str(), note.c_str());
  }
  return runs;
}

}  // namespace rlrec::runs
