// convert_text.hpp — what the text formats of `rlrec data convert` (OBP's CSV, VW's text) share:
// their lines read through the dataset reader's window (plain or .zst, memory bounded by the
// longest line), numbers parsed strictly, and every complaint as "FILE:LINE: what".
#pragma once

#include <filesystem>
#include <memory>
#include <rlrec_data/line_reader.hpp>
#include <rlrec_support/durable_file.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace rlrec::cli {

// The lines of one text file. Unlike a dataset's, a last line without '\n' is a line: these files
// are written by hand and by other tools, not by a writer that can be killed mid-line.
class TextLines {
 public:
  // Throws rlrec_data::DataError when the file cannot be opened.
  explicit TextLines(const std::filesystem::path &file);

  // The next line (its '\n' and a trailing '\r' removed) into `line`, valid until the next call;
  // false at the end.
  bool next(std::string_view &line);
  // "FILE:LINE" of the line last returned.
  std::string where() const;
  const std::string &file() const { return name_; }

 private:
  std::string name_;
  std::unique_ptr<rlrec_data::LineReader> reader_;
};

// A text file being written: created (never overwritten), buffered, handed to the OS in large
// writes and fsynced when closed. Failures throw rlrec_support::Error naming the file.
class TextFile {
 public:
  explicit TextFile(const std::filesystem::path &file);
  // The text to append to; it reaches the file at hand_over() or close().
  std::string &buffer() { return buffer_; }
  // Writes the buffer when it has grown past a few MiB.
  void hand_over_if_large();
  void close();

 private:
  rlrec_support::AppendFile file_;
  std::string buffer_;
};

// Throws rlrec_data::DataError "<where>: <what>".
[[noreturn]] void fail_at(const std::string &where, const std::string &what);

// `text` as a finite number, or throws "<where>: <what> is not a number: '<text>'".
double parse_number(std::string_view text, const std::string &where, const std::string &what);
// True and `value` set when `text` is a finite number in full.
bool try_parse_number(std::string_view text, double &value);

// Appends the shortest text that reads back to `value` (a float as a float: 0.1f is "0.1"). NaN
// and the infinities, which neither OBP's CSV nor VW can carry, fail with "<where>: ...".
void append_number(std::string &out, double value, const std::string &where);
void append_number(std::string &out, float value, const std::string &where);

// `text` split at every `separator` (an empty text gives one empty piece).
void split(std::string_view text, char separator, std::vector<std::string_view> &pieces);

}  // namespace rlrec::cli
