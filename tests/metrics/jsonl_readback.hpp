// jsonl_readback.hpp — a result.jsonl as Python's json module reads it (jsonl_rows.py): the
// independent reader of the jsonl tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rlrec::metrics_test {

struct JsonlReadBack {
  using Values = std::vector<std::pair<std::string, std::optional<double>>>;  // name as UTF-8 hex; null
  std::vector<std::pair<uint64_t, Values>> rows;                              // env_steps, metrics
  size_t cut = 0;  // bytes of a last line without '\n'
};

// Fails the running test when Python cannot read a complete line as strict JSON.
JsonlReadBack read_with_python(const std::filesystem::path &file);

}  // namespace rlrec::metrics_test
