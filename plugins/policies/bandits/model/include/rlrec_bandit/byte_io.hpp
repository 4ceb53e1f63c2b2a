// rlrec_bandit/byte_io.hpp — the save format's primitives: little-endian fixed-width words and
// IEEE doubles, so a checkpoint moves between machines, and a reader that never reads past the
// end (a truncated or corrupt checkpoint is an error, not undefined behaviour).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace rlrec_bandit {

// A state that cannot be loaded: corrupt, truncated, or written for other dimensions.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A state written in a format version this build does not read.
class StateVersionError : public StateError {
 public:
  using StateError::StateError;
};

class ByteWriter {
 public:
  void u32(uint32_t v);
  void u64(uint64_t v);
  void f64(double v);
  void bytes(const void *data, std::size_t size);
  void str(const std::string &s);         // u32 length, then the bytes
  void matrix(const Eigen::MatrixXd &m);  // rows, cols, then column-major values
  void vector(const Eigen::VectorXd &v);  // size, then values

  const std::vector<unsigned char> &data() const { return data_; }

 private:
  std::vector<unsigned char> data_;
};

class ByteReader {
 public:
  ByteReader(const void *data, std::size_t size) : p_(static_cast<const unsigned char *>(data)), size_(size) {}

  uint32_t u32();
  uint64_t u64();
  double f64();
  void bytes(void *out, std::size_t size);
  std::string str();
  // Reads a matrix / vector and checks its dimensions (StateError when they differ).
  void matrix(Eigen::MatrixXd &m, Eigen::Index rows, Eigen::Index cols);
  void vector(Eigen::VectorXd &v, Eigen::Index size);

  std::size_t remaining() const { return size_ - at_; }

 private:
  const unsigned char *take(std::size_t n);

  const unsigned char *p_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace rlrec_bandit
