// jsonl_logger.cpp — plugin "jsonl": <run_dir>/result.jsonl, one JSON object per metrics report
// (the format of json_row.hpp), with every metric, the wall-clock ones under time/ included: this
// is the complete record of a run, where progress.csv is the reproducible table.
//
// Writing: each row is one line appended and handed to the OS at once, so a process killed at any
// moment leaves every line it logged complete; only a line being written at that instant can be
// cut short, and readers skip a last line without its '\n'. The host's flush (before each
// checkpoint, and at the end) fsyncs, which makes the lines survive a power loss too.
//
// Resume: a run resumed from the checkpoint at step S keeps the lines with env_steps <= S (and
// drops a line cut short by the crash), atomically rewriting the file before appending.
#include <rlrec/plugin.h>
#include <rlrec_support/durable_file.hpp>
#include <rlrec_support/json_row.hpp>
#include <rlrec_support/metrics_files.hpp>
#include <rlrec_support/metrics_logger.hpp>
#include <rlrec_support/run_files.hpp>

#include <cmath>
#include <filesystem>
#include <string>

namespace {

enum Param { P_FILENAME, P_COUNT };

const rlrec_param_def kParams[P_COUNT] = {
    {"filename", RLREC_PARAM_STRING, 0, "result.jsonl", -HUGE_VAL, HUGE_VAL, nullptr,
     "Name of the file in the run folder.", 0, 0},
};

// The lines of `text` whose row has env_steps <= max_env_steps, each with its '\n'.
std::string lines_up_to(const std::string &text, uint64_t max_env_steps, const std::string &file) {
  std::string kept;
  for (const auto &row : rlrec_support::parse_jsonl_metrics(text, file).rows)
    if (row.values.env_steps <= max_env_steps) kept += row.line + '\n';
  return kept;
}

struct JsonlLogger {
  std::filesystem::path path;
  rlrec_support::AppendFile file;
  std::string error;

  // Writes the starting content (the lines a resumed run keeps, or nothing) and opens the file
  // for appending.
  void start(const rlrec_host *host, const rlrec_logger_context &context) {
    std::string content;
    if (auto text = rlrec_support::resumed_content(host, context, path, "jsonl"))
      content = lines_up_to(*text, rlrec_support::resume_step(context), path.string());
    rlrec_support::replace_file(path, content);
    file.open(path);
  }

  void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    file.append(rlrec_support::format_json_row(env_steps, num_metrics, metrics) + '\n');
  }

  void flush() { file.sync(); }
};

const rlrec_plugin_desc kDesc = rlrec_support::logger_desc(
    "jsonl", "1.0.0", "Metrics to <run_dir>/result.jsonl: one JSON object per report, every metric (time/ too).",
    P_COUNT, kParams);

rlrec_status create_logger(const rlrec_host *host, const rlrec_value *params, const rlrec_logger_context *context,
                           rlrec_logger *out, char *err, size_t err_capacity) {
  return rlrec_support::create_metrics_logger<JsonlLogger>(
      kDesc, params, context, out, err, err_capacity, [&](JsonlLogger &logger) {
        logger.path = rlrec_support::run_file(*context, params[P_FILENAME].s, "jsonl");
        logger.start(host, *context);
      });
}

}  // namespace

RLREC_SUPPORT_LOGGER_ENTRY(kDesc, create_logger)
