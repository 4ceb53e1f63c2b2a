// rlrec_data/byte_source.hpp — the bytes of one dataset file, plain or zstd-compressed, read in
// chunks the caller sizes: nothing here holds more than one chunk of input (and, for zstd, the
// decoder's window), whatever the file's size.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

namespace rlrec_data {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `capacity` (> 0) bytes into `dst`; returns how many, 0 only at the end.
  // Throws DataError (errors.hpp) naming the file when the OS or the decoder fails.
  virtual std::size_t read(char *dst, std::size_t capacity) = 0;
  // After the end: false when the file stopped inside a compressed frame (a writer killed before
  // it closed the file); the bytes before the cut were still delivered.
  virtual bool ended_cleanly() const { return true; }
  // Bytes this source holds besides the caller's buffer (decoder state and input chunk).
  virtual std::size_t buffer_bytes() const { return 0; }
};

// A source for `file`: zstd when its name ends in ".zst", plain otherwise. Throws DataError when
// the file cannot be opened.
std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path &file);

}  // namespace rlrec_data
