// csv_logger.cpp — plugin "csv": <run_dir>/progress.csv, the table every plotting tool reads.
//
// Layout (csv_table.hpp): `env_steps`, then one column per metric in first-seen order; an empty
// cell where a row lacks a metric; numbers as %.17g. `time/` metrics are left out by default so
// that two runs with the same seed write byte-identical files.
//
// Writing: every row is appended and flushed to the OS as it comes, so the file is live during
// the run. A row that brings a new column (the first evaluation, say) changes the header, so the
// whole file is rewritten from memory and atomically replaced; that happens a handful of times
// per run, and the rows kept in memory are a few hundred short lines. The host's flush (before
// each checkpoint, and at the end) fsyncs.
//
// Resume: a run resumed from the checkpoint at step S keeps the rows with env_steps <= S and
// drops those after it, which the resumed run is about to write again.
#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/durable_file.hpp>
#include <rlrec_support/metrics_logger.hpp>
#include <rlrec_support/run_files.hpp>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>

#include "csv_table.hpp"

namespace {

using rlrec_csv::CsvTable;

enum Param { P_FILENAME, P_INCLUDE_TIME, P_COUNT };

const rlrec_param_def kParams[P_COUNT] = {
    {"filename", RLREC_PARAM_STRING, 0, "progress.csv", -HUGE_VAL, HUGE_VAL, nullptr,
     "Name of the file in the run folder.", 0, 0},
    {"include_time", RLREC_PARAM_BOOL, 0, "false", 0, 1, nullptr,
     "Also write the wall-clock metrics under time/ (the file then differs between runs with the "
     "same seed).",
     0, 0},
};

struct CsvLogger {
  std::filesystem::path path;
  bool include_time = false;
  CsvTable table;
  rlrec_support::AppendFile file;
  std::string error;

  // Writes the starting content (the rows a resumed run keeps, or just a header) and opens the
  // file for appending.
  void start(const rlrec_host *host, const rlrec_logger_context &context) {
    if (auto text = rlrec_support::resumed_content(host, context, path, "csv"))
      table = CsvTable::parse(*text, rlrec_support::resume_step(context), path.string());
    rlrec_support::replace_file(path, table.render());
    file.open(path);
  }

  void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    if (table.add_row(env_steps, num_metrics, metrics, include_time)) {
      rlrec_support::replace_file(path, table.render());
      file.open(path);  // the appending handle still points at the replaced file
    } else {
      file.append(table.last_line());
    }
  }

  void flush() { file.sync(); }
};

const rlrec_plugin_desc kDesc = rlrec_support::logger_desc(
    "csv", "1.0.0",
    "Metrics to <run_dir>/progress.csv: one row per report, one column per metric.", P_COUNT,
    kParams);

rlrec_status create_logger(const rlrec_host *host, const rlrec_value *params,
                           const rlrec_logger_context *context, rlrec_logger *out, char *err,
                           size_t err_capacity) {
  return rlrec_support::create_metrics_logger<CsvLogger>(
      kDesc, params, context, out, err, err_capacity, [&](CsvLogger &logger) {
        logger.path = rlrec_support::run_file(*context, params[P_FILENAME].s, "csv");
        logger.include_time = params[P_INCLUDE_TIME].i != 0;
        logger.start(host, *context);
      });
}

}  // namespace

RLREC_SUPPORT_LOGGER_ENTRY(kDesc, create_logger)
