// tfevents_reader.hpp — an independent reader of TensorBoard event files, written from the format
// (TFRecord framing, event.proto, summary.proto) and sharing no code with the tensorboard plugin:
// a bit-at-a-time CRC-32C where the writer uses a table, a generic protobuf field walker where the
// writer encodes only what it needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rlrec::metrics_test {

// CRC-32C bit by bit, from its definition (reflected polynomial 0x82F63B78).
uint32_t reference_crc32c(const std::string &bytes);
// TFRecord's mask: rotate right 15, add 0xA282EAD8.
uint32_t reference_mask(uint32_t crc);

struct TfEvent {
  double wall_time = 0.0;
  int64_t step = 0;
  std::optional<std::string> file_version;
  std::vector<std::pair<std::string, float>> scalars;  // Summary.value: (tag, simple_value)
  std::optional<int64_t> session_status;               // SessionLog.status
};

struct TfEventFile {
  std::vector<TfEvent> events;
  size_t trailing_bytes = 0;  // bytes after the last whole record (a record cut short)
};

// Reads every whole record of `bytes`. Throws std::runtime_error, saying which record and why,
// on a CRC mismatch or a record that is not a well-formed Event.
TfEventFile read_tfevents(const std::string &bytes);

}  // namespace rlrec::metrics_test
