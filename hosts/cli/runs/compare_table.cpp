#include "compare_table.hpp"

#include <rlrec_support/csv_fields.hpp>

#include <algorithm>
#include <cstdio>
#include <unordered_set>

namespace rlrec::runs {
namespace {

using Grid = std::vector<std::vector<std::string>>;  // rows of cells, the header row first

// Six significant digits: enough to tell runs apart, short enough to line up.
std::string cell(std::optional<double> value) {
  if (!value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", *value);
  return buffer;
}

std::vector<std::string> metric_order(const std::vector<RunMetrics> &runs) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const RunMetrics &run : runs)
    for (const std::string &name : run.names())
      if (seen.insert(name).second) names.push_back(name);
  std::stable_partition(names.begin(), names.end(),
                        [](const std::string &name) { return name.rfind("time/", 0) != 0; });
  return names;
}

Grid grid_of(const std::vector<RunMetrics> &runs, const std::vector<std::string> &labels) {
  Grid grid;
  grid.push_back({"metric"});
  grid.push_back({"env_steps"});
  for (size_t r = 0; r < runs.size(); ++r) {
    grid[0].push_back(labels[r]);
    grid[1].push_back(std::to_string(runs[r].last_env_steps()));
  }
  for (const std::string &name : metric_order(runs)) {
    std::vector<std::string> row = {name};
    for (const RunMetrics &run : runs) row.push_back(cell(run.last(name)));
    grid.push_back(std::move(row));
  }
  return grid;
}

std::string text(const Grid &grid) {
  std::vector<size_t> width(grid[0].size(), 0);
  for (const auto &row : grid)
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::string out;
  for (const auto &row : grid) {
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      out += c == 0 ? row[c] + pad : "  " + pad + row[c];  // names left, numbers right-aligned
    }
    out += '\n';
  }
  return out;
}

std::string markdown(const Grid &grid) {
  std::string out;
  for (size_t r = 0; r < grid.size(); ++r) {
    out += '|';
    for (const std::string &value : grid[r]) {
      std::string escaped;  // a '|' in a run's name would end the cell
      for (const char c : value) escaped += c == '|' ? "\\|" : std::string(1, c);
      out += ' ' + escaped + " |";
    }
    out += '\n';
    if (r == 0) {
      out += "|---|";
      for (size_t c = 1; c < grid[r].size(); ++c) out += "---:|";
      out += '\n';
    }
  }
  return out;
}

std::string csv(const Grid &grid) {
  std::string out;
  for (const auto &row : grid) {
    for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + rlrec_support::csv_quoted(row[c]);
    out += '\n';
  }
  return out;
}

}  // namespace

std::string compare_table(const std::vector<RunMetrics> &runs, const std::vector<std::string> &labels,
                          TableFormat format) {
  const Grid grid = grid_of(runs, labels);
  switch (format) {
    case TableFormat::kMarkdown:
      return markdown(grid);
    case TableFormat::kCsv:
      return csv(grid);
    case TableFormat::kText:
      break;
  }
  return text(grid);
}

}  // namespace rlrec::runs
