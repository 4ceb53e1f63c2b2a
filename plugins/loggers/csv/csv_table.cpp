#include "csv_table.hpp"

#include <rlrec_support/csv_fields.hpp>
#include <rlrec_support/metrics_files.hpp>

#include <cstdio>
#include <cstring>

namespace rlrec_csv {
namespace {

using rlrec_support::csv_quoted;

constexpr const char *kKey = "env_steps";

// %.17g round-trips every double and prints the same text for the same bits, which is what makes
// two runs with one seed produce byte-identical files.
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

size_t CsvTable::column_of(const std::string &name, bool *added) {
  const auto [it, inserted] = index_.emplace(name, columns_.size());
  if (inserted) {
    columns_.push_back(name);
    *added = true;
  }
  return it->second;
}

bool CsvTable::add_row(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics,
                       bool include_time) {
  bool added = false;
  std::vector<const double *> cells(columns_.size(), nullptr);
  for (uint32_t m = 0; m < num_metrics; ++m) {
    const char *name = metrics[m].name;
    if (name == nullptr || std::strcmp(name, kKey) == 0) continue;
    if (!include_time && std::strncmp(name, "time/", 5) == 0) continue;
    const size_t column = column_of(name, &added);
    if (column >= cells.size()) cells.resize(column + 1, nullptr);
    cells[column] = &metrics[m].value;
  }
  std::string line = std::to_string(env_steps);  // the key stays an exact integer, never 1e+06
  for (const double *cell : cells) {
    line += ',';
    if (cell != nullptr) line += number(*cell);
  }
  rows_.push_back(Row{std::move(line), cells.size()});
  return added;
}

std::string CsvTable::padded(const Row &row) const {
  return row.line + std::string(columns_.size() - row.columns, ',') + '\n';
}

std::string CsvTable::render() const {
  std::string text = kKey;
  for (const std::string &name : columns_) text += ',' + csv_quoted(name);
  text += '\n';
  for (const Row &row : rows_) text += padded(row);
  return text;
}

std::string CsvTable::last_line() const { return padded(rows_.back()); }

CsvTable CsvTable::parse(const std::string &text, uint64_t max_env_steps,
                         const std::string &where) {
  const rlrec_support::CsvMetrics file = rlrec_support::parse_csv_metrics(text, where);
  CsvTable table;
  bool added = false;
  for (const std::string &name : file.columns) table.column_of(name, &added);
  for (const auto &row : file.rows)
    if (row.env_steps <= max_env_steps) table.rows_.push_back(Row{row.line, row.cells.size()});
  return table;
}

}  // namespace rlrec_csv
