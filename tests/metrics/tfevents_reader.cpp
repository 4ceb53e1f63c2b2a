#include "tfevents_reader.hpp"

#include <cstring>
#include <stdexcept>

namespace rlrec::metrics_test {
namespace {

uint64_t read_le(const std::string &bytes, size_t at, int size) {
  uint64_t value = 0;
  for (int i = size - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// Walks the fields of one protobuf message, handing each to `on_field`.
class Fields {
 public:
  Fields(const std::string &bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}

  struct Field {
    uint32_t number;
    uint32_t wire_type;
    uint64_t scalar;    // wire types 0 (varint), 1 (8 bytes), 5 (4 bytes)
    std::string bytes;  // wire type 2
  };

  bool next(Field &field) {
    if (pos_ == bytes_.size()) return false;
    const uint64_t key = varint();
    field.number = static_cast<uint32_t>(key >> 3);
    field.wire_type = static_cast<uint32_t>(key & 7);
    switch (field.wire_type) {
      case 0:
        field.scalar = varint();
        break;
      case 1:
        field.scalar = fixed(8);
        break;
      case 5:
        field.scalar = fixed(4);
        break;
      case 2: {
        const uint64_t length = varint();
        if (length > bytes_.size() - pos_) fail("a length-delimited field runs past the end");
        field.bytes = bytes_.substr(pos_, length);
        pos_ += length;
        break;
      }
      default:
        fail("wire type " + std::to_string(field.wire_type));
    }
    return true;
  }

  [[noreturn]] void fail(const std::string &why) const { throw std::runtime_error(what_ + ": " + why); }

 private:
  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) fail("a varint runs past the end");
      const auto byte = static_cast<unsigned char>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    fail("a varint longer than ten bytes");
  }

  uint64_t fixed(int size) {
    if (bytes_.size() - pos_ < static_cast<size_t>(size)) fail("a fixed-width field runs past the end");
    const uint64_t value = read_le(bytes_, pos_, size);
    pos_ += static_cast<size_t>(size);
    return value;
  }

  const std::string &bytes_;
  std::string what_;
  size_t pos_ = 0;
};

// Calls on_field(field, fields) for each field of the message `bytes`.
template <class OnField>
void for_each_field(const std::string &bytes, const std::string &what, OnField &&on_field) {
  Fields fields(bytes, what);
  Fields::Field field;
  while (fields.next(field)) on_field(field, fields);
}

void expect_wire(const Fields &fields, const Fields::Field &field, uint32_t wire_type) {
  if (field.wire_type != wire_type)
    fields.fail("field " + std::to_string(field.number) + " has wire type " + std::to_string(field.wire_type));
}

std::pair<std::string, float> summary_value(const std::string &bytes, const std::string &what) {
  std::pair<std::string, float> value{"", 0.0f};
  bool has_simple_value = false;
  for_each_field(bytes, what + " Summary.Value", [&](const Fields::Field &field, const Fields &fields) {
    if (field.number == 1) {
      expect_wire(fields, field, 2);
      value.first = field.bytes;
    } else if (field.number == 2) {
      expect_wire(fields, field, 5);
      const auto bits = static_cast<uint32_t>(field.scalar);
      std::memcpy(&value.second, &bits, sizeof bits);
      has_simple_value = true;
    }
  });
  if (!has_simple_value) throw std::runtime_error(what + ": a Summary.Value without simple_value");
  return value;
}

TfEvent event(const std::string &bytes, const std::string &what) {
  TfEvent event;
  for_each_field(bytes, what, [&](const Fields::Field &field, const Fields &fields) {
    switch (field.number) {
      case 1:
        expect_wire(fields, field, 1);
        std::memcpy(&event.wall_time, &field.scalar, sizeof event.wall_time);
        break;
      case 2:
        expect_wire(fields, field, 0);
        event.step = static_cast<int64_t>(field.scalar);
        break;
      case 3:
        expect_wire(fields, field, 2);
        event.file_version = field.bytes;
        break;
      case 5:  // Summary: repeated Value value = 1
        expect_wire(fields, field, 2);
        for_each_field(field.bytes, what + " Summary", [&](const Fields::Field &value, const Fields &) {
          if (value.number == 1) event.scalars.push_back(summary_value(value.bytes, what));
        });
        break;
      case 6:  // SessionLog: SessionStatus status = 1
        expect_wire(fields, field, 2);
        for_each_field(field.bytes, what + " SessionLog", [&](const Fields::Field &status, const Fields &) {
          if (status.number == 1) event.session_status = static_cast<int64_t>(status.scalar);
        });
        break;
      default:
        break;  // fields this test does not look at
    }
  });
  return event;
}

}  // namespace

uint32_t reference_crc32c(const std::string &bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
  }
  return ~crc;
}

uint32_t reference_mask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
}

TfEventFile read_tfevents(const std::string &bytes) {
  TfEventFile file;
  size_t pos = 0;
  for (size_t record = 0;; ++record) {
    const std::string what = "record " + std::to_string(record) + " at byte " + std::to_string(pos);
    if (bytes.size() - pos < 12) break;  // no whole header left
    const std::string length_bytes = bytes.substr(pos, 8);
    const uint64_t length = read_le(bytes, pos, 8);
    if (read_le(bytes, pos + 8, 4) != reference_mask(reference_crc32c(length_bytes)))
      throw std::runtime_error(what + ": the CRC of the length does not match");
    if (bytes.size() - pos - 12 < length + 4) break;  // the data or its CRC cut short
    const std::string data = bytes.substr(pos + 12, length);
    if (read_le(bytes, pos + 12 + length, 4) != reference_mask(reference_crc32c(data)))
      throw std::runtime_error(what + ": the CRC of the data does not match");
    file.events.push_back(event(data, what));
    pos += 12 + length + 4;
  }
  file.trailing_bytes = bytes.size() - pos;
  return file;
}

}  // namespace rlrec::metrics_test
