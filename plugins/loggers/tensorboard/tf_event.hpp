// tf_event.hpp — the bytes of a TensorBoard event file: Event messages (tensorflow/core/util/
// event.proto, summary.proto) hand-encoded, each framed as a TFRecord.
//
//   message Event {                      message Summary {
//     double wall_time = 1;                message Value {
//     int64 step = 2;                        string tag = 1;
//     oneof what {                           float simple_value = 2;
//       string file_version = 3;           }
//       Summary summary = 5;               repeated Value value = 1;
//       SessionLog session_log = 6;      }
//     }                                  message SessionLog { SessionStatus status = 1; }
//   }                                    // SessionStatus: START = 1
//
// TFRecord framing of one record:
//   uint64 length (little-endian) | uint32 masked_crc32c(length bytes) | data[length] |
//   uint32 masked_crc32c(data)
#pragma once

#include <rlrec/types.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace rlrec_tensorboard {

// The version record every event file starts with; readers check it.
constexpr const char *kFileVersion = "brain.Event:2";

// The first event of a file: wall_time and file_version.
std::string file_version_event(double wall_time);

// One Summary of simple_value scalars, tagged with the metric names, at `step`. Values become
// float32 (TensorBoard's scalar type); metrics with a NULL name are left out.
std::string scalars_event(double wall_time, int64_t step, uint32_t num_metrics, const rlrec_metric *metrics);

// SessionLog START at `step`: tells TensorBoard that a run restarted there, so it drops the
// events of earlier files at steps >= `step` (those a resumed run writes again).
std::string session_start_event(double wall_time, int64_t step);

// `data` framed as one TFRecord.
std::string tf_record(std::string_view data);

}  // namespace rlrec_tensorboard
