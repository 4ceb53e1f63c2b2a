// tensorboard_logger.cpp — plugin "tensorboard": <run_dir>/events.out.tfevents.<time>.<host>, which
// `tensorboard --logdir runs/` shows with one run per run folder. TensorBoard reads every file
// whose name contains "tfevents", in name order.
//
// The file holds TFRecords (tf_event.hpp): first the file_version event, then one event per
// metrics report with every metric as a scalar, tagged with its name, at step = env_steps.
// Records are appended and handed to the OS as they come, so TensorBoard shows a live run and a
// killed process leaves every record it wrote whole (a reader stops at a record cut short); the
// host's flush fsyncs.
//
// Resume: each start writes a new file, never touching the old ones, and a resumed run begins it
// with a SessionLog START at the step after its checkpoint, so TensorBoard drops the points of the
// interrupted run that the resumed one writes again instead of drawing both.
#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/durable_file.hpp>
#include <rlrec_support/metrics_logger.hpp>

#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "tf_event.hpp"

namespace {

using namespace rlrec_tensorboard;
using rlrec_support::fail;

// Two runs started in one second on one host into one folder (say, a retried resume) would pick
// the same name; the later one takes the first free ".<n>" suffix, up to this many.
constexpr int kMaxNameSuffix = 1000;

double unix_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

// Creates the event file in run_dir under TensorFlow's name pattern, opened for appending.
std::filesystem::path create_event_file(rlrec_support::AppendFile &file, const char *run_dir) {
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%010lld", static_cast<long long>(std::time(nullptr)));
  const std::filesystem::path base =
      std::filesystem::path(run_dir) / ("events.out.tfevents." + std::string(stamp) + "." + host_name());
  for (int suffix = 0; suffix < kMaxNameSuffix; ++suffix) {
    std::filesystem::path path = base;
    if (suffix > 0) path += "." + std::to_string(suffix);
    if (file.open_new(path)) return path;
  }
  fail(RLREC_ERR_IO, "tensorboard: every name like '" + base.string() + "' is taken");
}

struct TensorboardLogger {
  rlrec_support::AppendFile file;
  std::string error;

  void write(const std::string &event) { file.append(tf_record(event)); }

  void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    write(scalars_event(unix_seconds(), static_cast<int64_t>(env_steps), num_metrics, metrics));
  }

  void flush() { file.sync(); }
};

const rlrec_plugin_desc kDesc =
    rlrec_support::logger_desc("tensorboard", "1.0.0",
                               "Metrics as TensorBoard scalars: <run_dir>/events.out.tfevents.*, written without "
                               "TensorFlow.",
                               0, nullptr /* no parameters */);

rlrec_status create_logger(const rlrec_host *, const rlrec_value *params, const rlrec_logger_context *context,
                           rlrec_logger *out, char *err, size_t err_capacity) {
  return rlrec_support::create_metrics_logger<TensorboardLogger>(
      kDesc, params, context, out, err, err_capacity, [&](TensorboardLogger &logger) {
        create_event_file(logger.file, context->run_dir);
        logger.write(file_version_event(unix_seconds()));
        if (const uint64_t resume_from = rlrec_support::resume_step(*context); resume_from > 0)
          logger.write(session_start_event(unix_seconds(), static_cast<int64_t>(resume_from + 1)));
      });
}

}  // namespace

RLREC_SUPPORT_LOGGER_ENTRY(kDesc, create_logger)
