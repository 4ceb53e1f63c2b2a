#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <rlrec_data/byte_source.hpp>
#include <rlrec_data/errors.hpp>
#include <string>
#include <vector>

namespace rlrec_data {
namespace {

struct CloseFile {
  void operator()(std::FILE *file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;

FilePtr open_file(const std::filesystem::path &file) {
  FilePtr handle(std::fopen(file.c_str(), "rb"));
  if (!handle) throw DataError(file.string() + ": cannot open: " + std::strerror(errno));
  return handle;
}

std::size_t read_file(std::FILE *file, const std::filesystem::path &path, char *dst, std::size_t capacity) {
  const std::size_t got = std::fread(dst, 1, capacity, file);
  if (got < capacity && std::ferror(file)) throw DataError(path.string() + ": read failed: " + std::strerror(errno));
  return got;
}

class PlainSource : public ByteSource {
 public:
  explicit PlainSource(const std::filesystem::path &path) : path_(path), file_(open_file(path)) {}
  std::size_t read(char *dst, std::size_t capacity) override { return read_file(file_.get(), path_, dst, capacity); }

 private:
  std::filesystem::path path_;
  FilePtr file_;
};

// Streaming decompression of a sequence of zstd frames (a writer closes a frame per file, and
// flushes a block per batch, so a killed writer leaves every flushed block decodable).
class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(const std::filesystem::path &path)
      : path_(path), file_(open_file(path)), context_(ZSTD_createDCtx()), input_(ZSTD_DStreamInSize()) {
    if (context_ == nullptr) throw DataError(path.string() + ": cannot create a zstd decoder");
  }
  ~ZstdSource() override { ZSTD_freeDCtx(context_); }
  ZstdSource(const ZstdSource &) = delete;
  ZstdSource &operator=(const ZstdSource &) = delete;

  std::size_t read(char *dst, std::size_t capacity) override {
    ZSTD_outBuffer out{dst, capacity, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size && !input_ended_) {
        in_ = {input_.data(), read_file(file_.get(), path_, input_.data(), input_.size()), 0};
        input_ended_ = in_.size == 0;
      }
      // Called with no new input too: the decoder may still hold output from the last input.
      const std::size_t consumed_before = in_.pos;
      const std::size_t hint = ZSTD_decompressStream(context_, &out, &in_);
      if (ZSTD_isError(hint)) {
        throw DataError(path_.string() + ": not a valid zstd stream: " + ZSTD_getErrorName(hint));
      }
      // hint 0: a frame just ended. A call that did nothing says nothing about the frame.
      if (in_.pos != consumed_before || out.pos != 0) in_frame_ = hint != 0;
      if (out.pos == 0 && input_ended_) return 0;
    }
    return out.pos;
  }

  bool ended_cleanly() const override { return !in_frame_; }
  std::size_t buffer_bytes() const override { return input_.size() + ZSTD_sizeof_DCtx(context_); }

 private:
  std::filesystem::path path_;
  FilePtr file_;
  ZSTD_DCtx *context_;
  std::vector<char> input_;
  ZSTD_inBuffer in_{nullptr, 0, 0};  // in_.pos == in_.size: consumed
  bool input_ended_ = false;
  bool in_frame_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path &file) {
  if (file.extension() == ".zst") return std::make_unique<ZstdSource>(file);
  return std::make_unique<PlainSource>(file);
}

}  // namespace rlrec_data
