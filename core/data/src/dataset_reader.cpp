#include <algorithm>
#include <rlrec_data/dataset_reader.hpp>
#include <rlrec_data/schema.hpp>

namespace rlrec_data {
namespace {

constexpr std::size_t kMaxWarnings = 100;

bool is_dataset_file(const std::filesystem::path &file) {
  const std::string name = file.filename().string();
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(kPlainExtension) || ends_with(kZstdExtension);
}

}  // namespace

std::vector<std::filesystem::path> dataset_files(const std::filesystem::path &path) {
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) {
    if (!std::filesystem::exists(path, error)) throw DataError(path.string() + ": no such file or folder");
    return {path};
  }
  std::vector<std::filesystem::path> files;
  for (const auto &entry : std::filesystem::directory_iterator(path)) {
    if (entry.is_regular_file() && is_dataset_file(entry.path())) files.push_back(entry.path());
  }
  if (files.empty()) throw DataError(path.string() + ": a folder without *.jsonl or *.jsonl.zst files");
  std::sort(files.begin(), files.end());
  return files;
}

DatasetReader::DatasetReader(const std::filesystem::path &path, ReaderOptions options)
    : options_(std::move(options)), files_(dataset_files(path)), parser_(options_.expected) {}

std::size_t DatasetReader::buffer_bytes() const {
  return (lines_ ? lines_->buffer_bytes() : 0) + parser_.buffer_bytes();
}

std::string DatasetReader::where() const {
  return files_[next_file_ - 1].string() + ":" + std::to_string(lines_->line_number());
}

void DatasetReader::warn(const std::string &message) {
  if (stats_.warnings.size() < kMaxWarnings) stats_.warnings.push_back(message);
  if (options_.on_warning) options_.on_warning(message);
}

bool DatasetReader::open_next_file() {
  if (next_file_ == files_.size()) return false;
  const std::filesystem::path &file = files_[next_file_++];
  lines_ = std::make_unique<LineReader>(open_byte_source(file), file.string(), options_.window_bytes,
                                        options_.max_line_bytes);
  return true;
}

bool DatasetReader::next(Decision &out) {
  for (;;) {
    if (!lines_ && !open_next_file()) return false;
    std::string_view line;
    const LineReader::Status status = lines_->next(line);
    if (status == LineReader::Status::kEnd) {
      if (!lines_->ended_cleanly()) {
        warn(files_[next_file_ - 1].string() +
             ": the compressed stream stops inside a frame (the writer did not "
             "close it); every complete line before the cut was read");
      }
      lines_.reset();
      continue;
    }
    if (status == LineReader::Status::kTruncated) {
      ++stats_.truncated_lines;
      warn(where() + ": the last line is cut short (no final newline: the writer stopped mid-line); skipped");
      continue;
    }
    try {
      parser_.parse(line, out);
    } catch (const LineError &e) {
      if (!options_.skip_bad) throw DataError(where() + ": " + e.what());
      ++stats_.bad_lines;
      warn(where() + ": " + e.what() + "; skipped");
      continue;
    }
    ++stats_.decisions;
    return true;
  }
}

}  // namespace rlrec_data
