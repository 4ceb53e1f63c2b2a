// proto_writer.hpp — the protocol-buffers wire format, as much of it as an Event needs, so the
// plugin writes TensorBoard files without libprotobuf or TensorFlow.
//
// A message is a sequence of fields, each a key varint (field_number << 3 | wire_type) followed
// by the value: wire type 0 a varint, 1 eight little-endian bytes, 2 a varint length and that
// many bytes (strings and nested messages), 5 four little-endian bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rlrec_tensorboard {

// Appends the low `size` bytes of `bits`, least significant first (protobuf's and TFRecord's
// fixed-width integers).
void append_little_endian(std::string &out, uint64_t bits, int size);

class ProtoWriter {
 public:
  void add_varint(uint32_t field, uint64_t value);         // int64 (two's complement), enum
  void add_double(uint32_t field, double value);           // double
  void add_float(uint32_t field, float value);             // float
  void add_bytes(uint32_t field, std::string_view bytes);  // string, bytes, a nested message

  // The encoded message so far.
  const std::string &bytes() const { return out_; }

 private:
  void key(uint32_t field, uint32_t wire_type);
  void varint(uint64_t value);

  std::string out_;
};

}  // namespace rlrec_tensorboard
