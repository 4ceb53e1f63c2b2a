// rlrec_nn/bytes.hpp — the byte format of everything a learner saves: little-endian fixed-width
// words, IEEE floats by their bits, arrays as a count then the elements. A checkpoint written on
// one machine loads on another; a reader that runs off the end or meets a wrong tag throws
// FormatError instead of reading garbage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace rlrec::nn {

class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  void u32(uint32_t v);
  void u64(uint64_t v);
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f32(float v);
  void f64(double v);
  void tag(const char (&text)[9]);  // an 8-character section marker
  void f32s(const float *data, size_t count);   // count, then the values
  void f64s(const double *data, size_t count);
  void i32s(const int32_t *data, size_t count);
  void u64s(const uint64_t *data, size_t count);
  // The same values as f32s, stored as a bitmap of the nonzero elements and then those elements:
  // lossless, and a quarter of the size for mostly-zero data (one-hot features, masks).
  void sparse_f32s(const float *data, size_t count);

  const std::vector<unsigned char> &bytes() const { return bytes_; }

 private:
  std::vector<unsigned char> bytes_;
};

class ByteReader {
 public:
  ByteReader(const void *data, size_t size) : p_(static_cast<const unsigned char *>(data)), size_(size) {}

  uint32_t u32();
  uint64_t u64();
  int64_t i64() { return static_cast<int64_t>(u64()); }
  float f32();
  double f64();
  // Reads 8 characters and throws FormatError naming `what` unless they equal `text`.
  void expect_tag(const char (&text)[9], const std::string &what);
  // Arrays written by the writer's counterparts; `expected` (when not SIZE_MAX) must match the count.
  std::vector<float> f32s(size_t expected = SIZE_MAX);
  std::vector<double> f64s(size_t expected = SIZE_MAX);
  std::vector<int32_t> i32s(size_t expected = SIZE_MAX);
  std::vector<uint64_t> u64s(size_t expected = SIZE_MAX);
  std::vector<float> sparse_f32s(size_t expected = SIZE_MAX);

  size_t remaining() const { return size_ - at_; }

 private:
  const unsigned char *take(size_t count);
  size_t count_of(size_t element_size, size_t expected);

  const unsigned char *p_;
  size_t size_;
  size_t at_ = 0;
};

}  // namespace rlrec::nn
