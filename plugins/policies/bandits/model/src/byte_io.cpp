#include "rlrec_bandit/byte_io.hpp"

#include <cstring>

namespace rlrec_bandit {

void ByteWriter::u32(uint32_t v) {
  for (int i = 0; i < 4; ++i) data_.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

void ByteWriter::u64(uint64_t v) {
  for (int i = 0; i < 8; ++i) data_.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

void ByteWriter::f64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  u64(bits);
}

void ByteWriter::bytes(const void *data, std::size_t size) {
  const auto *p = static_cast<const unsigned char *>(data);
  data_.insert(data_.end(), p, p + size);
}

void ByteWriter::str(const std::string &s) {
  u32(static_cast<uint32_t>(s.size()));
  bytes(s.data(), s.size());
}

void ByteWriter::matrix(const Eigen::MatrixXd &m) {
  u64(static_cast<uint64_t>(m.rows()));
  u64(static_cast<uint64_t>(m.cols()));
  for (Eigen::Index i = 0; i < m.size(); ++i) f64(m.data()[i]);
}

void ByteWriter::vector(const Eigen::VectorXd &v) {
  u64(static_cast<uint64_t>(v.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) f64(v[i]);
}

const unsigned char *ByteReader::take(std::size_t n) {
  if (n > size_ - at_) throw StateError("the state is truncated");
  const unsigned char *p = p_ + at_;
  at_ += n;
  return p;
}

uint32_t ByteReader::u32() {
  const unsigned char *p = take(4);
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(p[i]) << (8 * i);
  return v;
}

uint64_t ByteReader::u64() {
  const unsigned char *p = take(8);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

double ByteReader::f64() {
  const uint64_t bits = u64();
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

void ByteReader::bytes(void *out, std::size_t size) {
  std::memcpy(out, take(size), size);
}

std::string ByteReader::str() {
  const uint32_t size = u32();
  const unsigned char *p = take(size);
  return std::string(reinterpret_cast<const char *>(p), size);
}

void ByteReader::matrix(Eigen::MatrixXd &m, Eigen::Index rows, Eigen::Index cols) {
  const uint64_t r = u64();
  const uint64_t c = u64();
  if (r != static_cast<uint64_t>(rows) || c != static_cast<uint64_t>(cols))
    throw StateError("a matrix of the state is " + std::to_string(r) + "x" + std::to_string(c) + ", expected " +
                     std::to_string(rows) + "x" + std::to_string(cols));
  m.resize(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = f64();
}

void ByteReader::vector(Eigen::VectorXd &v, Eigen::Index size) {
  const uint64_t n = u64();
  if (n != static_cast<uint64_t>(size))
    throw StateError("a vector of the state has " + std::to_string(n) + " entries, expected " + std::to_string(size));
  v.resize(size);
  for (Eigen::Index i = 0; i < size; ++i) v[i] = f64();
}

}  // namespace rlrec_bandit
