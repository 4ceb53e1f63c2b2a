#include <algorithm>
#include <cstring>
#include <rlrec_data/errors.hpp>
#include <rlrec_data/line_reader.hpp>
#include <string>

namespace rlrec_data {

LineReader::LineReader(std::unique_ptr<ByteSource> source, std::string name, std::size_t window_bytes,
                       std::size_t max_line_bytes)
    : source_(std::move(source)),
      name_(std::move(name)),
      max_line_bytes_(std::max(max_line_bytes, window_bytes)),
      buffer_(std::max<std::size_t>(window_bytes, 1) + kLinePadding) {}

LineReader::Status LineReader::next(std::string_view &line) {
  for (;;) {
    const char *start = buffer_.data() + begin_;
    const void *newline = std::memchr(buffer_.data() + scanned_, '\n', end_ - scanned_);
    if (newline != nullptr) {
      const std::size_t length = static_cast<std::size_t>(static_cast<const char *>(newline) - start);
      line = std::string_view(start, length);
      begin_ += length + 1;
      scanned_ = begin_;
      ++line_number_;
      return Status::kLine;
    }
    scanned_ = end_;
    if (!fill()) {
      if (begin_ == end_) return Status::kEnd;
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      std::memset(buffer_.data() + end_, 0, kLinePadding);
      begin_ = scanned_ = end_;
      ++line_number_;
      return Status::kTruncated;
    }
  }
}

bool LineReader::fill() {
  if (source_ended_) return false;
  // Move the partial line to the front, and grow the window only when the line fills all of it.
  const std::size_t pending = end_ - begin_;
  std::memmove(buffer_.data(), buffer_.data() + begin_, pending);
  scanned_ -= begin_;
  begin_ = 0;
  end_ = pending;
  std::size_t window = buffer_.size() - kLinePadding;
  if (end_ == window) {
    if (window >= max_line_bytes_) {
      throw DataError(name_ + ":" + std::to_string(line_number_ + 1) + ": line longer than " +
                      std::to_string(max_line_bytes_) + " bytes (not a dataset of JSON lines?)");
    }
    window = std::min(window * 2, max_line_bytes_);
    buffer_.resize(window + kLinePadding);
  }
  const std::size_t got = source_->read(buffer_.data() + end_, window - end_);
  if (got == 0) {
    source_ended_ = true;
    return false;
  }
  end_ += got;
  return true;
}

}  // namespace rlrec_data
