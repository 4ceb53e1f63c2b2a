#include "proto_writer.hpp"

#include <cstring>

namespace rlrec_tensorboard {
namespace {

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

}  // namespace

void ProtoWriter::varint(uint64_t value) {
  while (value >= 0x80) {
    out_ += static_cast<char>((value & 0x7F) | 0x80);  // seven bits a byte, low first
    value >>= 7;
  }
  out_ += static_cast<char>(value);
}

void append_little_endian(std::string &out, uint64_t bits, int size) {
  for (int i = 0; i < size; ++i) out += static_cast<char>((bits >> (8 * i)) & 0xFF);
}

void ProtoWriter::key(uint32_t field, uint32_t wire_type) {
  varint((static_cast<uint64_t>(field) << 3) | wire_type);
}

void ProtoWriter::add_varint(uint32_t field, uint64_t value) {
  key(field, kVarint);
  varint(value);
}

void ProtoWriter::add_double(uint32_t field, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  key(field, kFixed64);
  append_little_endian(out_, bits, 8);
}

void ProtoWriter::add_float(uint32_t field, float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  key(field, kFixed32);
  append_little_endian(out_, bits, 4);
}

void ProtoWriter::add_bytes(uint32_t field, std::string_view bytes) {
  key(field, kLengthDelimited);
  varint(bytes.size());
  out_.append(bytes);
}

}  // namespace rlrec_tensorboard
