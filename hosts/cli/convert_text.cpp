#include "convert_text.hpp"

#include <charconv>
#include <cmath>
#include <rlrec_data/byte_source.hpp>
#include <rlrec_data/errors.hpp>
#include <vector>

namespace rlrec::cli {
namespace {

// The reader's defaults (rlrec_data::ReaderOptions): a 1 MiB window, lines up to 256 MiB.
constexpr std::size_t kWindowBytes = 1 << 20;
constexpr std::size_t kMaxLineBytes = 256u << 20;
// Output written in chunks of about this size.
constexpr std::size_t kWriteBytes = 4u << 20;

}  // namespace

TextLines::TextLines(const std::filesystem::path &file)
    : name_(file.string()),
      reader_(std::make_unique<rlrec_data::LineReader>(rlrec_data::open_byte_source(file), name_, kWindowBytes,
                                                       kMaxLineBytes)) {}

bool TextLines::next(std::string_view &line) {
  if (reader_->next(line) == rlrec_data::LineReader::Status::kEnd) return false;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return true;
}

std::string TextLines::where() const {
  return name_ + ":" + std::to_string(reader_->line_number());
}

TextFile::TextFile(const std::filesystem::path &file) {
  if (!file_.open_new(file)) throw rlrec_data::DataError(file.string() + " exists; not overwritten");
}

void TextFile::hand_over_if_large() {
  if (buffer_.size() < kWriteBytes) return;
  file_.append(buffer_);
  buffer_.clear();
}

void TextFile::close() {
  file_.append(buffer_);
  buffer_.clear();
  file_.sync();
  file_.close();
}

void fail_at(const std::string &where, const std::string &what) {
  throw rlrec_data::DataError(where + ": " + what);
}

bool try_parse_number(std::string_view text, double &value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // from_chars takes no '+'
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty() && std::isfinite(value);
}

double parse_number(std::string_view text, const std::string &where, const std::string &what) {
  double value = 0.0;
  if (!try_parse_number(text, value)) fail_at(where, what + " is not a number: '" + std::string(text) + "'");
  return value;
}

namespace {

template <class Real>
void append_real(std::string &out, Real value, const std::string &where) {
  if (!std::isfinite(value)) fail_at(where, "a NaN or infinite value, which this format cannot write");
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace

void append_number(std::string &out, double value, const std::string &where) {
  append_real(out, value, where);
}
void append_number(std::string &out, float value, const std::string &where) {
  append_real(out, value, where);
}

void split(std::string_view text, char separator, std::vector<std::string_view> &pieces) {
  pieces.clear();
  for (;;) {
    const std::size_t at = text.find(separator);
    pieces.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return;
    text.remove_prefix(at + 1);
  }
}

}  // namespace rlrec::cli
