// json_row.hpp — one metrics row as one JSON object on one line: the format of result.jsonl,
// written by the jsonl logger and read back by it (on resume) and by `rlrec plot` / `compare`.
//
//   {"env_steps": 20000, "episode_return_mean": 4.25, "eval/episodes": 100, "time/total_s": 1.5}
//
// `env_steps` comes first, as an exact integer; then every metric in the order reported, a later
// value of a repeated name replacing the earlier one (a JSON object with duplicate keys means
// nothing portable). Numbers take the shortest text that reads back to the same double, so the
// file is as exact as the run. NaN and the infinities, which JSON cannot spell, are written null.
#pragma once

#include <rlrec/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rlrec_support {

struct JsonRow {
  uint64_t env_steps = 0;
  // In file order; nullopt where the file says null.
  std::vector<std::pair<std::string, std::optional<double>>> metrics;
};

// The row as one line, without the '\n'. Metrics with a NULL name or named `env_steps` (the row's
// key) are left out.
std::string format_json_row(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics);

// Reads one line (without its '\n'): a JSON object whose values are numbers or null, with an
// integer `env_steps` >= 0. Throws rlrec_support::Error(RLREC_ERR_IO) starting with `where` (a
// "file:line" to name) when the line is anything else.
JsonRow parse_json_row(const std::string &line, const std::string &where);

}  // namespace rlrec_support
