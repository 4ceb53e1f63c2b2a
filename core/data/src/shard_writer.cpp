#include <rlrec_data/shard_writer.hpp>

#include <zstd.h>

#include <cstdio>
#include <rlrec_data/schema.hpp>
#include <rlrec_support/boundary.hpp>

namespace rlrec_data {
namespace {

bool ends_with(const std::string &text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

struct ShardWriter::Compressor {
  explicit Compressor(int level) : context(ZSTD_createCCtx()) {
    if (context == nullptr) rlrec_support::fail(RLREC_ERR_NO_MEMORY, "dataset: cannot create a zstd encoder");
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level);
  }
  ~Compressor() { ZSTD_freeCCtx(context); }
  Compressor(const Compressor &) = delete;
  Compressor &operator=(const Compressor &) = delete;

  // Compresses `input` into `out` (replaced), flushing a block or ending the frame.
  void compress(const std::string &input, bool end_frame, std::string &out) {
    out.clear();
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    const ZSTD_EndDirective mode = end_frame ? ZSTD_e_end : ZSTD_e_flush;
    std::size_t remaining = 0;
    do {
      const std::size_t start = out.size();
      out.resize(start + ZSTD_CStreamOutSize());
      ZSTD_outBuffer buffer{out.data() + start, out.size() - start, 0};
      remaining = ZSTD_compressStream2(context, &buffer, &in, mode);
      if (ZSTD_isError(remaining)) {
        rlrec_support::fail(RLREC_ERR_RUNTIME, std::string("dataset: zstd: ") + ZSTD_getErrorName(remaining));
      }
      out.resize(start + buffer.pos);
    } while (remaining != 0 || in.pos < in.size);
  }

  ZSTD_CCtx *context;
};

ShardWriter::ShardWriter(ShardSettings settings) : settings_(std::move(settings)) {
  const std::string name = settings_.path.filename().string();
  single_file_ = ends_with(name, rlrec_data::kPlainExtension) || ends_with(name, rlrec_data::kZstdExtension);
  if (single_file_) settings_.zstd = ends_with(name, rlrec_data::kZstdExtension);
  std::error_code error;
  const std::filesystem::path folder = single_file_ ? settings_.path.parent_path() : settings_.path;
  if (!folder.empty()) std::filesystem::create_directories(folder, error);
  if (error)
    rlrec_support::fail(RLREC_ERR_IO, "dataset: cannot create folder " + folder.string() + ": " + error.message());
  if (settings_.zstd) compressor_ = std::make_unique<Compressor>(settings_.zstd_level);
}

ShardWriter::~ShardWriter() {
  try {
    close();
  } catch (...) {  // a destructor cannot report; the host's flush before it could
  }
}

void ShardWriter::open_next() {
  if (single_file_) {
    if (next_index_++ > 0 || !file_.open_new(settings_.path)) {
      rlrec_support::fail(RLREC_ERR_IO, "dataset: " + settings_.path.string() +
                                            " exists; the dataset writer never overwrites or appends to a file");
    }
  } else {
    const std::string extension(settings_.zstd ? rlrec_data::kZstdExtension : rlrec_data::kPlainExtension);
    for (;; ++next_index_) {
      char index[16];
      std::snprintf(index, sizeof index, "%05u", next_index_);
      if (file_.open_new(settings_.path / (std::string(rlrec_data::kShardPrefix) + index + extension))) break;
    }
    ++next_index_;
  }
  open_ = true;
  lines_in_shard_ = 0;
}

void ShardWriter::add_line(std::string_view line) {
  if (open_ && !single_file_ && settings_.shard_decisions != 0 && lines_in_shard_ == settings_.shard_decisions) close();
  if (!open_) open_next();
  pending_.append(line);
  ++lines_in_shard_;
}

void ShardWriter::write_pending(bool end_frame) {
  if (compressor_) {
    compressor_->compress(pending_, end_frame, compressed_);
    if (!compressed_.empty()) file_.append(compressed_);
  } else if (!pending_.empty()) {
    file_.append(pending_);
  }
  pending_.clear();
}

void ShardWriter::hand_over() {
  if (open_ && !pending_.empty()) write_pending(false);
}

void ShardWriter::sync() {
  if (!open_) return;
  hand_over();
  file_.sync();
}

void ShardWriter::close() {
  if (!open_) return;
  write_pending(true);
  file_.sync();
  file_.close();
  open_ = false;
}

}  // namespace rlrec_data
