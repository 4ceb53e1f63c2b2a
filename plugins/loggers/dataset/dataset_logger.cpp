// dataset_logger.cpp — plugin "dataset": the experience sink of DESIGN.md §5. Every decision the
// runner logs becomes one line of the dataset format (docs/dataset.md) — observation, slate,
// its probability and per-slot propensities, reward, per-slot responses, info channels,
// episode structure — in one file or a folder of shards, plain or zstd.
//
// Durability: the lines of each log_transitions call reach the OS before it returns, and the
// host's flush (before each checkpoint, at the end) fsyncs; rlrec_data/shard_writer.hpp says what a crash
// can lose (at most the lines of the call under way, of which a reader skips a cut one).
#include <rlrec/plugin.h>

#include <cmath>
#include <memory>
#include <optional>
#include <rlrec_data/format.hpp>
#include <rlrec_data/shard_writer.hpp>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/entry.hpp>
#include <rlrec_support/metrics_logger.hpp>
#include <string>
#include <vector>

#include "batch_rows.hpp"

namespace {

enum Param {
  P_PATH,
  P_COMPRESSION,
  P_ZSTD_LEVEL,
  P_SHARD_DECISIONS,
  P_OBS_FIELDS,
  P_DIGITS,
  P_POLICY_ID,
  P_POLICY_VERSION,
  P_COUNT
};

const rlrec_param_def kParams[P_COUNT] = {
    {"path", RLREC_PARAM_STRING, 0, "dataset", -HUGE_VAL, HUGE_VAL, nullptr,
     "Where to write, relative to the run folder (or absolute): a name ending in .jsonl or .jsonl.zst is one "
     "file, anything else a folder of shards.",
     0, 0},
    {"compression", RLREC_PARAM_CHOICE, 0, "none", -HUGE_VAL, HUGE_VAL, "none|zstd",
     "Shards of a folder: plain JSON lines or zstd (a single file: its extension decides).", 0, 0},
    {"zstd_level", RLREC_PARAM_INT, 0, "3", 1, 19, nullptr, "zstd compression level.", 0, 0},
    {"shard_decisions", RLREC_PARAM_INT, 0, "1000000", 0, HUGE_VAL, nullptr,
     "Decisions per shard of a folder; 0 = one shard.", 0, 0},
    {"obs_fields", RLREC_PARAM_STRING, 0, "''", -HUGE_VAL, HUGE_VAL, nullptr,
     "Comma-separated observation fields to write; empty = all.", 0, 0},
    {"digits", RLREC_PARAM_INT, 0, "0", 0, 17, nullptr,
     "Significant digits of observations, responses and info; 0 = shortest text that reads back exactly "
     "(probabilities and rewards are always exact).",
     0, 0},
    {"policy_id", RLREC_PARAM_STRING, 0, "''", -HUGE_VAL, HUGE_VAL, nullptr,
     "The behaviour policy's id written on every line (rlrec collect fills it in).", 0, 0},
    {"policy_version", RLREC_PARAM_STRING, 0, "''", -HUGE_VAL, HUGE_VAL, nullptr,
     "The behaviour policy's version written on every line (rlrec collect fills it in).", 0, 0},
};

std::vector<std::string> split_names(const std::string &text) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string name = text.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) names.push_back(name);
    start = comma + 1;
  }
  return names;
}

struct DatasetLogger {
  DatasetLogger(rlrec_data::ShardSettings settings, rlrec_dataset::BatchRows batch_rows, int digits)
      : writer(std::move(settings)), rows(std::move(batch_rows)), format{digits} {}

  void log_transitions(const rlrec_transition_batch &batch, const rlrec_act_output &decisions) {
    for (uint32_t r = 0; r < batch.rows; ++r) {
      rows.fill(batch, decisions, r, decision);
      line.clear();
      rlrec_data::append_decision_line(line, decision, format);
      writer.add_line(line);
    }
    writer.hand_over();
  }

  rlrec_data::ShardWriter writer;
  rlrec_dataset::BatchRows rows;
  rlrec_data::FormatOptions format;
  rlrec_data::Decision decision;  // reused from row to row
  std::string line;
  std::string error;
};

DatasetLogger *self(void *handle) {
  return static_cast<DatasetLogger *>(handle);
}

rlrec_status log_transitions(void *handle, const rlrec_transition_batch *batch, const rlrec_act_output *decisions) {
  return rlrec_support::guard(self(handle)->error, [&] {
    if (batch == nullptr || decisions == nullptr) {
      rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "log_transitions: batch and decisions must be non-NULL");
    }
    self(handle)->log_transitions(*batch, *decisions);
  });
}

rlrec_status flush(void *handle) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->writer.sync(); });
}

const char *last_error(void *handle) {
  return self(handle)->error.c_str();
}

// Closes the files (ending zstd frames); a failure cannot be reported, the host's flush before
// could.
void destroy(void *handle) {
  delete self(handle);
}

constexpr rlrec_logger_vtable kVtable = {
    sizeof(rlrec_logger_vtable),
    nullptr,  // log_metrics: an experience sink only
    log_transitions,
    flush,
    last_error,
    destroy,
};

const rlrec_plugin_desc kDesc = rlrec_support::logger_desc(
    "dataset", "1.0.0",
    "Every decision as one JSON line (docs/dataset.md): obs, slate, slate_prob, slot_propensity, reward, "
    "responses, episode structure; one file or shards, plain or zstd.",
    P_COUNT, kParams);

rlrec_status create_logger(const rlrec_host *, const rlrec_value *params, const rlrec_logger_context *context,
                           rlrec_logger *out, char *err, size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    if (params == nullptr || context == nullptr || context->run_dir == nullptr || out == nullptr) {
      rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "dataset: params, context, run_dir and out must be non-NULL");
    }
    if (context->env == nullptr) {
      rlrec_support::fail(RLREC_ERR_UNSUPPORTED, "dataset: needs the env's spec (the logger context has none)");
    }
    rlrec_data::ShardSettings settings;
    settings.path = std::filesystem::path(context->run_dir) / params[P_PATH].s;  // an absolute path stays
    settings.zstd = std::string(params[P_COMPRESSION].s) == "zstd";
    settings.zstd_level = static_cast<int>(params[P_ZSTD_LEVEL].i);
    settings.shard_decisions = static_cast<uint64_t>(params[P_SHARD_DECISIONS].i);
    rlrec_dataset::BatchRows rows(*context->env, split_names(params[P_OBS_FIELDS].s), params[P_POLICY_ID].s,
                                  params[P_POLICY_VERSION].s);
    auto logger =
        std::make_unique<DatasetLogger>(std::move(settings), std::move(rows), static_cast<int>(params[P_DIGITS].i));
    *out = rlrec_logger{&kVtable, logger.release()};
  });
}

}  // namespace

RLREC_SUPPORT_LOGGER_ENTRY(kDesc, create_logger)
