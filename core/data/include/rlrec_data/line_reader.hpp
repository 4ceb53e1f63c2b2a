// rlrec_data/line_reader.hpp — the lines of one file through a window: a buffer of `window_bytes`
// refilled from a ByteSource, so memory is bounded by the window (or by the longest line, when one
// is longer), never by the file.
//
// Every line handed out is followed in the buffer by kLinePadding readable bytes, which is what a
// SIMD JSON parser needs to read it in place without copying.
#pragma once

#include <cstdint>
#include <memory>
#include <rlrec_data/byte_source.hpp>
#include <string_view>
#include <vector>

namespace rlrec_data {

inline constexpr std::size_t kLinePadding = 64;

class LineReader {
 public:
  enum class Status {
    kLine,       // a complete line (its '\n' removed)
    kTruncated,  // the file's last bytes, without '\n': a line cut short by a crash
    kEnd,
  };

  // max_line_bytes: a longer line is an error (DataError naming the file and line), so a file
  // that is not JSON lines at all cannot make the reader allocate without bound.
  LineReader(std::unique_ptr<ByteSource> source, std::string name, std::size_t window_bytes,
             std::size_t max_line_bytes);

  // The next line into `line` (valid until the next call). After kTruncated, the next call
  // returns kEnd.
  Status next(std::string_view &line);

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  // False when the file stopped inside a compressed frame (see ByteSource::ended_cleanly).
  bool ended_cleanly() const { return source_->ended_cleanly(); }
  // Bytes held: the window (grown only for a longer line) and the source's own buffers.
  std::size_t buffer_bytes() const { return buffer_.size() + source_->buffer_bytes(); }

 private:
  // Reads more input after the unconsumed bytes; false at the end of the source.
  bool fill();

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  std::size_t max_line_bytes_;
  std::vector<char> buffer_;  // window + kLinePadding
  std::size_t begin_ = 0;     // unconsumed bytes are [begin_, end_)
  std::size_t end_ = 0;
  std::size_t scanned_ = 0;  // [begin_, scanned_) is known to hold no '\n'
  bool source_ended_ = false;
  uint64_t line_number_ = 0;
};

}  // namespace rlrec_data
