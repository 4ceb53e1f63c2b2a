#include "tf_event.hpp"

#include "crc32c.hpp"
#include "proto_writer.hpp"

namespace rlrec_tensorboard {
namespace {

// Field numbers of event.proto and summary.proto.
enum EventField : uint32_t { kWallTime = 1, kStep = 2, kFileVersionField = 3, kSummary = 5, kSessionLog = 6 };
enum SummaryField : uint32_t { kValue = 1 };
enum ValueField : uint32_t { kTag = 1, kSimpleValue = 2 };
enum SessionLogField : uint32_t { kStatus = 1 };
constexpr uint64_t kSessionStart = 1;

ProtoWriter event_at(double wall_time, int64_t step) {
  ProtoWriter event;
  event.add_double(kWallTime, wall_time);
  event.add_varint(kStep, static_cast<uint64_t>(step));
  return event;
}

}  // namespace

std::string file_version_event(double wall_time) {
  ProtoWriter event;
  event.add_double(kWallTime, wall_time);
  event.add_bytes(kFileVersionField, kFileVersion);
  return event.bytes();
}

std::string scalars_event(double wall_time, int64_t step, uint32_t num_metrics, const rlrec_metric *metrics) {
  ProtoWriter summary;
  for (uint32_t m = 0; m < num_metrics; ++m) {
    if (metrics[m].name == nullptr) continue;
    ProtoWriter value;
    value.add_bytes(kTag, metrics[m].name);
    value.add_float(kSimpleValue, static_cast<float>(metrics[m].value));
    summary.add_bytes(kValue, value.bytes());
  }
  ProtoWriter event = event_at(wall_time, step);
  event.add_bytes(kSummary, summary.bytes());
  return event.bytes();
}

std::string session_start_event(double wall_time, int64_t step) {
  ProtoWriter session_log;
  session_log.add_varint(kStatus, kSessionStart);
  ProtoWriter event = event_at(wall_time, step);
  event.add_bytes(kSessionLog, session_log.bytes());
  return event.bytes();
}

std::string tf_record(std::string_view data) {
  std::string length;
  append_little_endian(length, data.size(), 8);
  std::string record = length;
  append_little_endian(record, masked_crc32c(length.data(), length.size()), 4);
  record.append(data);
  append_little_endian(record, masked_crc32c(data.data(), data.size()), 4);
  return record;
}

}  // namespace rlrec_tensorboard
