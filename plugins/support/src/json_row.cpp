#include <rlrec_support/json_row.hpp>

#include <rlrec_support/boundary.hpp>
#include <rlrec_support/json_text.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace rlrec_support {
namespace {

constexpr const char *kKey = "env_steps";

void append_number(std::string &out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
  out.append(buffer, result.ptr);
}

void append_utf8(std::string &out, uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// A recursive-descent reader for the one shape a row has: a flat object of numbers and nulls.
class RowReader {
 public:
  RowReader(const std::string &text, const std::string &where) : text_(text), where_(where) {}

  JsonRow row() {
    JsonRow row;
    bool have_key = false;
    expect('{');
    if (!take('}')) {
      do {
        const std::string name = string();
        expect(':');
        if (name == kKey) {
          row.env_steps = steps();
          have_key = true;
        } else {
          set(row, name, value());
        }
      } while (take(','));
      expect('}');
    }
    skip_space();
    if (pos_ != text_.size()) error("text after the object");
    if (!have_key) error(std::string("no \"") + kKey + "\"");
    return row;
  }

 private:
  [[noreturn]] void error(const std::string &what) const {
    fail(RLREC_ERR_IO, where_ + ": " + what + " (column " + std::to_string(pos_ + 1) + ")");
  }

  void skip_space() {
    while (pos_ < text_.size() && std::strchr(" \t\r\n", text_[pos_]) != nullptr && text_[pos_] != '\0') ++pos_;
  }

  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!take(c)) error(std::string("expected '") + c + "'");
  }

  uint32_t hex4() {
    if (pos_ + 4 > text_.size()) error("a \\u escape needs four hex digits");
    uint32_t code = 0;
    const auto result = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
    if (result.ptr != text_.data() + pos_ + 4) error("a \\u escape needs four hex digits");
    pos_ += 4;
    return code;
  }

  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) error("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) error("a control character inside a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) error("unterminated string");
      const char escape = text_[pos_++];
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          append_utf8(out, code_point());
          break;
        default:
          error(std::string("unknown escape '\\") + escape + "'");
      }
    }
  }

  // After "\u": one code point, joining a UTF-16 surrogate pair.
  uint32_t code_point() {
    const uint32_t high = hex4();
    if (high < 0xD800 || high > 0xDFFF) return high;
    if (high > 0xDBFF || text_.compare(pos_, 2, "\\u") != 0) error("a lone UTF-16 surrogate");
    pos_ += 2;
    const uint32_t low = hex4();
    if (low < 0xDC00 || low > 0xDFFF) error("a lone UTF-16 surrogate");
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
  }

  // The text of a number as JSON spells it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  std::string_view number_text() {
    skip_space();
    const size_t begin = pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    auto at = [&](const char *set) {
      return pos_ < text_.size() && std::strchr(set, text_[pos_]) != nullptr && text_[pos_] != '\0';
    };
    if (at("-")) ++pos_;
    const size_t whole = digits();
    if (whole == 0 || (whole > 1 && text_[pos_ - whole] == '0')) error("expected a number");
    if (at(".")) {
      ++pos_;
      if (digits() == 0) error("expected digits after '.'");
    }
    if (at("eE")) {
      ++pos_;
      if (at("+-")) ++pos_;
      if (digits() == 0) error("expected digits in the exponent");
    }
    return std::string_view(text_).substr(begin, pos_ - begin);
  }

  std::optional<double> value() {
    skip_space();
    if (text_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
      return std::nullopt;
    }
    const std::string_view number = number_text();
    double parsed = 0.0;
    std::from_chars(number.data(), number.data() + number.size(), parsed);  // grammar checked
    return parsed;
  }

  uint64_t steps() {
    const std::string_view number = number_text();
    uint64_t parsed = 0;
    const auto result = std::from_chars(number.data(), number.data() + number.size(), parsed);
    if (result.ec != std::errc() || result.ptr != number.data() + number.size())
      error(std::string("\"") + kKey + "\" must be a whole number >= 0");
    return parsed;
  }

  static void set(JsonRow &row, const std::string &name, std::optional<double> value) {
    for (auto &[known, old] : row.metrics) {
      if (known == name) {
        old = value;
        return;
      }
    }
    row.metrics.emplace_back(name, value);
  }

  const std::string &text_;
  const std::string &where_;
  size_t pos_ = 0;
};

}  // namespace

std::string format_json_row(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
  std::string out = "{";
  append_json_string(out, kKey);
  out += ": " + std::to_string(env_steps);
  for (uint32_t m = 0; m < num_metrics; ++m) {
    const char *name = metrics[m].name;
    if (name == nullptr || std::strcmp(name, kKey) == 0) continue;
    bool repeated = false;  // a later metric of this name wins
    for (uint32_t later = m + 1; later < num_metrics && !repeated; ++later)
      repeated = metrics[later].name != nullptr && std::strcmp(metrics[later].name, name) == 0;
    if (repeated) continue;
    out += ", ";
    append_json_string(out, name);
    out += ": ";
    append_number(out, metrics[m].value);
  }
  return out + "}";
}

JsonRow parse_json_row(const std::string &line, const std::string &where) {
  return RowReader(line, where).row();
}

}  // namespace rlrec_support
