// rlrec_data/dataset_reader.hpp — streams the decisions of a dataset (docs/dataset.md): one file
// (.jsonl or .jsonl.zst) or a folder of shards read in name order. Memory is bounded by the window
// (and the longest line), not by the dataset.
//
//   rlrec_data::DatasetReader reader("runs/x/dataset");
//   rlrec_data::Decision d;
//   while (reader.next(d)) use(d);
//   for (const std::string &w : reader.stats().warnings) log(w);
//
// Errors: a line cut short at the end of a file (a writer killed mid-line) is a warning and is
// skipped; so is a compressed file that stops inside a frame after its last complete line. Any
// other malformed line throws DataError "<file>:<line>: <what>", or, with skip_bad, is skipped and
// counted (its message kept among the warnings).
//
// Threads: an instance is used by one thread at a time; different instances are independent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <rlrec_data/decision.hpp>
#include <rlrec_data/decision_parser.hpp>
#include <rlrec_data/errors.hpp>
#include <rlrec_data/line_reader.hpp>
#include <string>
#include <vector>

namespace rlrec_data {

struct ReaderOptions {
  bool skip_bad = false;                    // skip and count malformed lines instead of throwing
  std::size_t window_bytes = 1 << 20;       // the line buffer; grows only for a longer line
  std::size_t max_line_bytes = 256u << 20;  // a longer line is an error
  std::optional<DatasetShape> expected;     // dimensions to check lines against (else: the first line's)
  // Called with each warning as it happens (they are also kept in stats().warnings). Nullable.
  std::function<void(const std::string &)> on_warning;
};

struct ReaderStats {
  uint64_t decisions = 0;             // lines returned
  uint64_t bad_lines = 0;             // malformed lines skipped (skip_bad)
  uint64_t truncated_lines = 0;       // lines cut short at the end of a file
  std::vector<std::string> warnings;  // "<file>:<line>: ..." for each of the above (first 100)
};

// The files of a dataset at `path`: the file itself, or the folder's *.jsonl and *.jsonl.zst files
// in name order. Throws DataError when there is none.
std::vector<std::filesystem::path> dataset_files(const std::filesystem::path &path);

class DatasetReader {
 public:
  explicit DatasetReader(const std::filesystem::path &path, ReaderOptions options = {});

  // The next decision into `out` (vectors reused); false at the end of the dataset.
  bool next(Decision &out);

  const ReaderStats &stats() const { return stats_; }
  const std::vector<std::filesystem::path> &files() const { return files_; }
  // The dimensions every line has (set by the first line unless given).
  const std::optional<DatasetShape> &shape() const { return parser_.shape(); }
  // Bytes the reader holds for input: line window, decoder, JSON parser. Bounded by the options
  // and the longest line, whatever the dataset's size.
  std::size_t buffer_bytes() const;
  // "<file>:<line>" of the line last read: where a caller's own complaint about a decision points.
  std::string where() const;

 private:
  bool open_next_file();
  void warn(const std::string &message);

  ReaderOptions options_;
  std::vector<std::filesystem::path> files_;
  std::size_t next_file_ = 0;
  std::unique_ptr<LineReader> lines_;
  DecisionParser parser_;
  ReaderStats stats_;
};

}  // namespace rlrec_data
