#include "rlrec_nn/bytes.hpp"

#include <bit>
#include <cstring>

namespace rlrec::nn {
namespace {

uint64_t read_le(const unsigned char *p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

// Appends `count` elements of `size` bytes each, little-endian, from native-order storage.
template <class Word>
void append_words(std::vector<unsigned char> &out, const Word *data, size_t count) {
  const size_t at = out.size();
  out.resize(at + count * sizeof(Word));
  if constexpr (std::endian::native == std::endian::little) {
    if (count > 0) std::memcpy(out.data() + at, data, count * sizeof(Word));
  } else {
    for (size_t i = 0; i < count; ++i)
      for (size_t b = 0; b < sizeof(Word); ++b)
        out[at + i * sizeof(Word) + b] = static_cast<unsigned char>(data[i] >> (8 * b));
  }
}

template <class Word>
void read_words(const unsigned char *p, Word *out, size_t count) {
  if constexpr (std::endian::native == std::endian::little) {
    if (count > 0) std::memcpy(out, p, count * sizeof(Word));
  } else {
    for (size_t i = 0; i < count; ++i) out[i] = static_cast<Word>(read_le(p + i * sizeof(Word), sizeof(Word)));
  }
}

}  // namespace

void ByteWriter::u32(uint32_t v) { append_words(bytes_, &v, 1); }
void ByteWriter::u64(uint64_t v) { append_words(bytes_, &v, 1); }
void ByteWriter::f32(float v) { u32(std::bit_cast<uint32_t>(v)); }
void ByteWriter::f64(double v) { u64(std::bit_cast<uint64_t>(v)); }
void ByteWriter::tag(const char (&text)[9]) { bytes_.insert(bytes_.end(), text, text + 8); }

void ByteWriter::f32s(const float *data, size_t count) {
  u64(count);
  append_words(bytes_, reinterpret_cast<const uint32_t *>(data), count);
}
void ByteWriter::f64s(const double *data, size_t count) {
  u64(count);
  append_words(bytes_, reinterpret_cast<const uint64_t *>(data), count);
}
void ByteWriter::i32s(const int32_t *data, size_t count) {
  u64(count);
  append_words(bytes_, reinterpret_cast<const uint32_t *>(data), count);
}
void ByteWriter::u64s(const uint64_t *data, size_t count) {
  u64(count);
  append_words(bytes_, data, count);
}

void ByteWriter::sparse_f32s(const float *data, size_t count) {
  u64(count);
  std::vector<unsigned char> bitmap((count + 7) / 8, 0);
  std::vector<float> nonzero;
  for (size_t i = 0; i < count; ++i) {
    // By bits, so -0.0f (and every NaN payload) round-trips exactly.
    if (std::bit_cast<uint32_t>(data[i]) == 0) continue;
    bitmap[i / 8] = static_cast<unsigned char>(bitmap[i / 8] | (1u << (i % 8)));
    nonzero.push_back(data[i]);
  }
  bytes_.insert(bytes_.end(), bitmap.begin(), bitmap.end());
  f32s(nonzero.data(), nonzero.size());
}

const unsigned char *ByteReader::take(size_t count) {
  if (count > size_ - at_)
    throw FormatError("truncated state: needs " + std::to_string(count) + " more bytes at offset " +
                      std::to_string(at_) + ", has " + std::to_string(size_ - at_));
  const unsigned char *p = p_ + at_;
  at_ += count;
  return p;
}

uint32_t ByteReader::u32() { return static_cast<uint32_t>(read_le(take(4), 4)); }
uint64_t ByteReader::u64() { return read_le(take(8), 8); }
float ByteReader::f32() { return std::bit_cast<float>(u32()); }
double ByteReader::f64() { return std::bit_cast<double>(u64()); }

void ByteReader::expect_tag(const char (&text)[9], const std::string &what) {
  const unsigned char *p = take(8);
  if (std::memcmp(p, text, 8) != 0) throw FormatError("not " + what + " (bad section marker)");
}

size_t ByteReader::count_of(size_t element_size, size_t expected) {
  const uint64_t count = u64();
  if (expected != SIZE_MAX && count != expected)
    throw FormatError("array of " + std::to_string(count) + " elements where " + std::to_string(expected) +
                      " were expected");
  if (count > remaining() / element_size) throw FormatError("array length exceeds the remaining state");
  return static_cast<size_t>(count);
}

std::vector<float> ByteReader::f32s(size_t expected) {
  std::vector<float> out(count_of(4, expected));
  read_words(take(out.size() * 4), reinterpret_cast<uint32_t *>(out.data()), out.size());
  return out;
}
std::vector<double> ByteReader::f64s(size_t expected) {
  std::vector<double> out(count_of(8, expected));
  read_words(take(out.size() * 8), reinterpret_cast<uint64_t *>(out.data()), out.size());
  return out;
}
std::vector<int32_t> ByteReader::i32s(size_t expected) {
  std::vector<int32_t> out(count_of(4, expected));
  read_words(take(out.size() * 4), reinterpret_cast<uint32_t *>(out.data()), out.size());
  return out;
}
std::vector<uint64_t> ByteReader::u64s(size_t expected) {
  std::vector<uint64_t> out(count_of(8, expected));
  read_words(take(out.size() * 8), out.data(), out.size());
  return out;
}

std::vector<float> ByteReader::sparse_f32s(size_t expected) {
  const uint64_t count = u64();
  if (expected != SIZE_MAX && count != expected)
    throw FormatError("array of " + std::to_string(count) + " elements where " + std::to_string(expected) +
                      " were expected");
  if ((count + 7) / 8 > remaining()) throw FormatError("sparse array length exceeds the remaining state");
  const unsigned char *bitmap = take(static_cast<size_t>((count + 7) / 8));
  size_t ones = 0;
  for (size_t i = 0; i < count; ++i) ones += (bitmap[i / 8] >> (i % 8)) & 1u;
  const std::vector<float> nonzero = f32s(ones);
  std::vector<float> out(static_cast<size_t>(count), 0.0f);
  size_t next = 0;
  for (size_t i = 0; i < count; ++i)
    if ((bitmap[i / 8] >> (i % 8)) & 1u) out[i] = nonzero[next++];
  return out;
}

}  // namespace rlrec::nn
