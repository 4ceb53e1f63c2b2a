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
#include <rlrec_support/entry.hpp>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>

#include "csv_table.hpp"
#include "durable_file.hpp"

namespace {

using rlrec_csv::CsvTable;
using rlrec_support::fail;

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
  rlrec_csv::AppendFile file;
  std::string error;

  // Writes the starting content (the rows kept from before resume_from, or just a header) and
  // opens the file for appending. Returns false when a resume found no file to continue.
  bool start(uint64_t resume_from) {
    bool continued = resume_from == 0;
    if (resume_from > 0) {
      if (auto text = rlrec_csv::read_file(path)) {
        table = CsvTable::parse(*text, resume_from, path.string());
        continued = true;
      }
    }
    rlrec_csv::replace_file(path, table.render());
    file.open(path);
    return continued;
  }

  void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    if (num_metrics > 0 && metrics == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "csv.log_metrics: metrics is NULL");
    if (table.add_row(env_steps, num_metrics, metrics, include_time)) {
      rlrec_csv::replace_file(path, table.render());
      file.open(path);  // the appending handle still points at the replaced file
    } else {
      file.append(table.last_line());
    }
  }
};

CsvLogger *self(void *handle) { return static_cast<CsvLogger *>(handle); }

rlrec_status logger_log_metrics(void *handle, uint64_t env_steps, uint32_t num_metrics,
                                const rlrec_metric *metrics) {
  return rlrec_support::guard(self(handle)->error,
                              [&] { self(handle)->log_metrics(env_steps, num_metrics, metrics); });
}

rlrec_status logger_flush(void *handle) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->file.sync(); });
}

const char *logger_last_error(void *handle) { return self(handle)->error.c_str(); }

void logger_destroy(void *handle) {
  logger_flush(handle);  // destroy cannot report a failure; the host's final flush already did
  delete self(handle);
}

const rlrec_logger_vtable kVtable = {
    sizeof(rlrec_logger_vtable),
    logger_log_metrics,
    nullptr,  // log_transitions: a metrics sink only
    logger_flush,
    logger_last_error,
    logger_destroy,
};

// The file lives in the run folder: a name with a path in it would write elsewhere.
void check_filename(const std::string &name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    fail(RLREC_ERR_CONFIG, "csv: filename '" + name + "' must be a plain file name (no '/')");
}

rlrec_status create_logger(const rlrec_host *host, const rlrec_value *params,
                           const rlrec_logger_context *context, rlrec_logger *out, char *err,
                           size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (params == nullptr || context == nullptr || context->run_dir == nullptr || out == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, "csv: params, context, run_dir and out must be non-NULL");
    const std::string filename = params[P_FILENAME].s != nullptr ? params[P_FILENAME].s : "";
    check_filename(filename);
    auto logger = std::make_unique<CsvLogger>();
    logger->path = std::filesystem::path(context->run_dir) / filename;
    logger->include_time = params[P_INCLUDE_TIME].i != 0;
    const uint64_t resume_from = RLREC_HAS_MEMBER(rlrec_logger_context, context, start_env_steps)
                                     ? context->start_env_steps
                                     : 0;
    if (!logger->start(resume_from) && host != nullptr && host->log != nullptr) {
      const std::string message = "csv: resuming at env step " + std::to_string(resume_from) +
                                  " but '" + logger->path.string() +
                                  "' does not exist; starting a new one";
      host->log(host, RLREC_LOG_WARNING, message.c_str());
    }
    out->vtable = &kVtable;
    out->handle = logger.release();
  });
}

const rlrec_plugin_desc kDesc = {
    sizeof(rlrec_plugin_desc),
    RLREC_KIND_LOGGER,
    "csv",
    "1.0.0",
    "Metrics to <run_dir>/progress.csv: one row per report, one column per metric.",
    P_COUNT,
    0,
    kParams,
};

const rlrec_plugin_factory kFactory = {
    sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr, nullptr, create_logger};

const rlrec_plugin_factory *const kFactories[] = {&kFactory};

}  // namespace

RLREC_SUPPORT_PLUGIN_ENTRY(kFactories)
