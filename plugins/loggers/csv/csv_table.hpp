// csv_table.hpp — the content of progress.csv: `env_steps`, then one column per metric name in
// the order the names were first seen, one row per report. Pure text in memory; the files are
// durable_file's job.
//
// A new metric can appear on any row (evaluation metrics only appear where an evaluation ran).
// Columns are only ever appended, so a row rendered earlier stays valid under a longer header
// once padded with empty cells: that is what lets the logger append rows as they come and rewrite
// the file only on the few rows that add a column.
#pragma once

#include <rlrec/types.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace rlrec_csv {

class CsvTable {
 public:
  // Adds the row of one report. Metrics named `env_steps` (the row key) are skipped, and those
  // under `time/` too unless include_time: wall-clock figures would make two runs with the same
  // seed differ. A name repeated within a row keeps its last value. Returns true when the row
  // added a column, i.e. the header and so every earlier line changed.
  bool add_row(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics,
               bool include_time);

  // The whole file: header and every row, each line ending in '\n'.
  std::string render() const;

  // The last row added, as a line ending in '\n'. REQUIRES: at least one row.
  std::string last_line() const;

  // Reads a file written by this class and keeps the rows with env_steps <= max_env_steps (a
  // resumed run repeats the steps after its checkpoint). A last line without '\n' was cut by a
  // crash and is dropped. Throws rlrec_support::Error naming `where` and the line when the text
  // is not such a file.
  static CsvTable parse(const std::string &text, uint64_t max_env_steps, const std::string &where);

 private:
  struct Row {
    std::string line;  // "env_steps,v1,...,vk" without '\n'
    size_t columns;    // k: metric columns the line covers; later ones render as empty cells
  };

  std::string padded(const Row &row) const;
  size_t column_of(const std::string &name, bool *added);

  std::vector<std::string> columns_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<Row> rows_;
};

}  // namespace rlrec_csv
