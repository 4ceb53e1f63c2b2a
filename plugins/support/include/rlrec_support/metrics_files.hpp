// rlrec_support/metrics_files.hpp — progress.csv and result.jsonl read back: by their own loggers
// when a run resumes (to keep the rows its checkpoint covers) and by `rlrec plot` / `compare`.
//
// Both files grow a line at a time, so a run killed while writing may leave a last line without
// its '\n': that line is skipped and `cut_short` says so. Every other line must be what the
// logger writes; anything else throws rlrec_support::Error(RLREC_ERR_IO) naming `where:line`.
#pragma once

#include <rlrec_support/json_row.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace rlrec_support {

struct CsvMetrics {
  struct Row {
    uint64_t env_steps;
    std::vector<std::string> cells;  // one per header column it covers; "" = not reported
    std::string line;                // the line as written, without '\n'
  };
  std::vector<std::string> columns;  // the header after `env_steps`
  std::vector<Row> rows;
  bool cut_short = false;
};

struct JsonlMetrics {
  struct Row {
    JsonRow values;
    std::string line;  // without '\n'
  };
  std::vector<Row> rows;
  bool cut_short = false;
};

// progress.csv: a header `env_steps,<metric>,...` then rows `<env_steps>,<cell>,...` (a row may
// have fewer cells than the header has columns: those columns came later).
CsvMetrics parse_csv_metrics(const std::string &text, const std::string &where);

// result.jsonl: one json_row.hpp object per line.
JsonlMetrics parse_jsonl_metrics(const std::string &text, const std::string &where);

}  // namespace rlrec_support
