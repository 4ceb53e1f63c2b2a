#include "csv_table.hpp"

#include <rlrec_support/boundary.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace rlrec_csv {
namespace {

using rlrec_support::fail;

constexpr const char *kKey = "env_steps";

// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled. Metric
// names are '/'-paths and rarely need it, but a name is the plugin's choice, not ours.
std::string quoted(const std::string &field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// The inverse of joining quoted() fields with commas, for one line without its '\n'. Returns
// nothing for a line that no such join produces (an unterminated quote).
std::optional<std::vector<std::string>> split_fields(const std::string &line) {
  std::vector<std::string> fields(1);
  bool in_quotes = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      in_quotes = !in_quotes;
    } else if (c == ',' && !in_quotes) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (in_quotes) return std::nullopt;
  return fields;
}

// %.17g round-trips every double and prints the same text for the same bits, which is what makes
// two runs with one seed produce byte-identical files.
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

bool parse_steps(const std::string &text, uint64_t *value) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return false;
  char *end = nullptr;
  errno = 0;
  const unsigned long long parsed = std::strtoull(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *value = parsed;
  return true;
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
  for (const std::string &name : columns_) text += ',' + quoted(name);
  text += '\n';
  for (const Row &row : rows_) text += padded(row);
  return text;
}

std::string CsvTable::last_line() const { return padded(rows_.back()); }

CsvTable CsvTable::parse(const std::string &text, uint64_t max_env_steps,
                         const std::string &where) {
  CsvTable table;
  size_t begin = 0, line_number = 0;
  while (begin < text.size()) {
    const size_t end = text.find('\n', begin);
    if (end == std::string::npos) break;  // cut short by a crash: never made durable by a flush
    const std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    const std::string at = where + ":" + std::to_string(line_number) + ": ";
    const auto fields = split_fields(line);
    if (!fields) fail(RLREC_ERR_IO, at + "unterminated quote");
    if (line_number == 1) {
      if ((*fields)[0] != kKey)
        fail(RLREC_ERR_IO, at + "the header does not start with '" + std::string(kKey) +
                               "': not a file written by the csv logger");
      bool added = false;
      for (size_t f = 1; f < fields->size(); ++f) table.column_of((*fields)[f], &added);
      continue;
    }
    uint64_t env_steps = 0;
    if (!parse_steps((*fields)[0], &env_steps))
      fail(RLREC_ERR_IO, at + "'" + (*fields)[0] + "' is not an env_steps count");
    if (fields->size() - 1 > table.columns_.size())
      fail(RLREC_ERR_IO, at + "the row has more cells than the header has columns");
    if (env_steps <= max_env_steps) table.rows_.push_back(Row{line, fields->size() - 1});
  }
  return table;
}

}  // namespace rlrec_csv
